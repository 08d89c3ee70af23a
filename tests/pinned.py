"""The tool's own output pinned exactly: reference files under tests/reference/<example>/.

For every example, the text of each file of the bundle (``--format text``, e.g.
``letters/06-government-letter.txt``) and, in a folder named after the file
(``letters/06-government-letter/document.xml``), the normalized XML of each DOCX: ``word/document.xml`` and its relationships (link
targets) for every file, and for the conclusions also the numbering, styles, settings,
headers and footers. Of styles.xml, only what the documents use is pinned: the
defaults, the WG styles, Normal (their base) and the list styles (the rest is python-docx's
unused table and latent styles, 350 kB of it). XML is normalized by pretty-printing it with sorted attributes;
relationship ids are kept, as python-docx numbers them deterministically. Document
properties (``docProps/``) are not pinned: they carry the render time.

``pytest --update-reference`` rewrites the files; read the git diff before committing.
"""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

from lxml import etree

REFERENCE = Path(__file__).resolve().parent / "reference"
UPDATE_HINT = "if the change is intended: pytest --update-reference, then read the git diff"

#: Parts pinned for every DOCX; the conclusions also pin CONCLUSIONS_PARTS.
EVERY_PART = ("word/document.xml", "word/_rels/document.xml.rels")
CONCLUSIONS_PARTS = (
    "word/numbering.xml",
    "word/styles.xml",
    "word/settings.xml",
    "word/header1.xml",
    "word/header2.xml",
    "word/footer1.xml",
    "word/footer2.xml",
    "word/footer3.xml",
)


def _sort_attributes(element: etree._Element) -> None:
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        attributes = sorted(node.attrib.items())
        node.attrib.clear()
        for name, value in attributes:
            node.set(name, value)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _used_styles_only(root: etree._Element) -> None:
    for style in root.findall(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        if not (style_id == "Normal" or style_id.startswith(("WG", "List"))):
            root.remove(style)
    for latent in root.findall(f"{W}latentStyles"):
        root.remove(latent)


def normalize_xml(data: bytes) -> str:
    """Pretty-printed XML with every element's attributes in sorted order."""
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(data, parser)
    if root.tag == f"{W}styles":
        _used_styles_only(root)
    if root.tag.endswith("}Relationships"):  # order of relationships is not meaningful
        root[:] = sorted(root, key=lambda rel: rel.get("Id", ""))
    _sort_attributes(root)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def docx_parts(path: Path, conclusions: bool) -> dict[str, str]:
    """Normalized XML of the pinned parts of one DOCX, by part name."""
    names = EVERY_PART + (CONCLUSIONS_PARTS if conclusions else ())
    with zipfile.ZipFile(path) as archive:
        present = set(archive.namelist())
        return {name: normalize_xml(archive.read(name)) for name in names if name in present}


def pinned_outputs(docx_dir: Path, text_dir: Path) -> dict[str, str]:
    """Every pinned file of one rendered example: relative path -> content."""
    out: dict[str, str] = {}
    for path in sorted(text_dir.rglob("*.txt")):
        out[path.relative_to(text_dir).as_posix()] = path.read_text(encoding="utf-8")
    for path in sorted(docx_dir.rglob("*.docx")):
        stem = path.relative_to(docx_dir).with_suffix("").as_posix()
        for part, xml in docx_parts(path, conclusions=stem == "conclusions").items():
            out[f"{stem}/{part.replace('/_rels/', '/').replace('word/', '')}"] = xml
    return out


def differences(actual: dict[str, str], reference: Path) -> list[str]:
    """What differs between ``actual`` and the files under ``reference``: a unified diff
    per changed file, and the files only on one side."""
    stored = {
        p.relative_to(reference).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(reference.rglob("*"))
        if p.is_file()
    }
    out = [f"new, not in the reference: {name}" for name in sorted(actual.keys() - stored.keys())]
    out += [
        f"in the reference, not rendered: {name}" for name in sorted(stored.keys() - actual.keys())
    ]
    for name in sorted(actual.keys() & stored.keys()):
        if actual[name] != stored[name]:
            diff = difflib.unified_diff(
                stored[name].splitlines(),
                actual[name].splitlines(),
                f"reference/{name}",
                f"rendered/{name}",
                n=2,
                lineterm="",
            )
            out.append("\n".join(list(diff)[:40]))
    return out


def write_reference(actual: dict[str, str], reference: Path) -> None:
    """Replace the reference files of one example with ``actual``."""
    if reference.exists():
        for path in sorted(reference.rglob("*"), reverse=True):
            if path.is_file():
                path.unlink()
            else:
                path.rmdir()
    for name, content in actual.items():
        target = reference / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
