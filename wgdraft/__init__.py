"""wgdraft: drafting assistant for Working Group on Children and Armed Conflict conclusions.

The core (this package) never imports Textual; the terminal UI lives in ``tui``.
"""

__version__ = "0.1.0"
