"""``python -m tui``: the same as the ``wgdraft`` console script."""

import sys

from tui.entry import main

if __name__ == "__main__":
    sys.exit(main())
