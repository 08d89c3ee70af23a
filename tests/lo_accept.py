"""LibreOffice's own "Accept All" and "Reject All" of tracked changes, run headless: a
Basic macro in a throwaway profile opens each DOCX hidden, dispatches
.uno:AcceptAllTrackedChanges or .uno:RejectAllTrackedChanges (or neither), and saves
the document as UTF-8 text, numbering labels included. No python3-uno needed."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from tests.libreoffice import SOFFICE

Action = Literal["accept", "reject", "none"]

_MACRO = """\
Sub Apply(listPath As String)
  Dim handle As Integer, line As String
  handle = FreeFile
  Open listPath For Input As #handle
  Do While Not EOF(handle)
    Line Input #handle, line
    If Len(line) > 0 Then One(Split(line, Chr(9)))
  Loop
  Close #handle
  StarDesktop.terminate()
End Sub

Sub One(parts)
  Dim props(0) As New com.sun.star.beans.PropertyValue
  props(0).Name = "Hidden"
  props(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(parts(0)), "_blank", 0, props())
  If parts(2) <> "none" Then
    command = IIf(parts(2) = "accept", ".uno:AcceptAllTrackedChanges", ".uno:RejectAllTrackedChanges")
    dispatcher = createUnoService("com.sun.star.frame.DispatchHelper")
    dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, Array())
  End If
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(0).Value = "Text (encoded)"
  out(1).Name = "FilterOptions"
  out(1).Value = "UTF8,LF"
  doc.storeToURL(ConvertToURL(parts(1)), out())
  doc.close(True)
End Sub
"""

_MODULE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" '
    '"module.dtd">\n'
    '<script:module xmlns:script="http://openoffice.org/2000/script" '
    'script:name="Module1" script:language="StarBasic">{}</script:module>\n'
)


def _soffice(profile: Path, *args: str) -> None:
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", *args],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip


def as_text(jobs: list[tuple[Path, Path, Action]], profile: Path) -> None:
    """For each (DOCX, text file, action): open, accept or reject every change (or
    neither), save as text; one LibreOffice run in the profile folder ``profile``."""
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.is_file():
        _soffice(profile, "--terminate_after_init")  # makes the profile and its Basic library
    module.write_text(_MODULE.format(escape(_MACRO, {'"': "&quot;"})), encoding="utf-8")
    listing = profile / "jobs.tsv"
    listing.write_text(
        "".join(f"{docx}\t{text}\t{action}\n" for docx, text, action in jobs), encoding="utf-8"
    )
    _soffice(profile, f'macro:///Standard.Module1.Apply("{listing}")')
    missing = [str(text) for _, text, _ in jobs if not text.is_file()]
    assert not missing, f"LibreOffice wrote no text for: {missing}"
