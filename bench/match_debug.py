"""Debug: match every item of an example's assembled conclusions back to the library.

    python bench/match_debug.py [examples/mali-2023.yaml ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from wgdraft.assemble import assemble_bundle
from wgdraft.drafts import load_draft
from wgdraft.library import load_library
from wgdraft.matching import Matcher

ROOT = Path(__file__).resolve().parent.parent


def items(document):  # type: ignore[no-untyped-def]
    for part in document.body:
        for sub in getattr(part, "items", ()):
            yield sub
            yield from sub.children


def main() -> None:
    library = load_library()
    files = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "examples").glob("*.yaml"))
    for file in files:
        draft = load_draft(file)
        bundle = assemble_bundle(draft, library, file)
        matcher = Matcher(library, draft)
        total = exact = 0
        start = time.perf_counter()
        for sub in items(bundle.conclusions):
            if sub.source == "text" or not sub.path:
                continue
            total += 1
            m = matcher.match(sub.text)
            ok = m is not None and m.exact and m.clause == sub.source
            exact += ok
            if not ok:
                print(f"  {sub.label}: {sub.source} -> {m and (m.clause, m.variant, m.exact, round(m.similarity, 3))}")
                print(f"     text: {sub.text[:300]}")
                if m:
                    print(f"     rend: {m.rendered[:300]}")
        took = time.perf_counter() - start
        print(f"{file.name}: {exact}/{total} exact, {took * 1000 / max(total, 1):.1f} ms/item")


if __name__ == "__main__":
    main()
