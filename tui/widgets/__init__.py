"""The editor's widgets: each renders one part of the screen and posts messages about
what the drafter did in it; the screen composes them and handles their messages."""

from tui.widgets.deviation import DeviationPane
from tui.widgets.export_bar import ExportBar
from tui.widgets.outline import NodeData, Outline
from tui.widgets.preview import Preview
from tui.widgets.status import StatusLine

__all__ = ["DeviationPane", "ExportBar", "NodeData", "Outline", "Preview", "StatusLine"]
