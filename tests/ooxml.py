"""Checking a DOCX as Word would open it, with openxml-audit: no schema or semantic
error, and a Word verdict of "expected to open cleanly" (no predicted repair)."""

from __future__ import annotations

from pathlib import Path

from openxml_audit import OpenXmlValidator
from openxml_audit.errors import ValidationSeverity
from openxml_audit.verdict import AppPrediction, predict


def audit(path: Path) -> list[str]:
    """Every error openxml-audit finds in ``path``, and its Word verdict unless clean."""
    result = OpenXmlValidator(max_errors=0).validate(path)
    problems = [
        f"{path.name}: {error}"
        for error in result.errors
        if error.severity == ValidationSeverity.ERROR
    ]
    verdict = predict(result)
    if verdict.prediction is not AppPrediction.OPENS_CLEAN:
        problems.append(f"{path.name}: {verdict.headline}: {'; '.join(verdict.basis)}")
    return problems


def assert_opens_clean(paths: list[Path]) -> None:
    assert paths, "no DOCX to check"
    problems = [problem for path in paths for problem in audit(path)]
    assert not problems, "\n".join(problems)


def docx_parts_digest(path: Path) -> str:
    """A digest of a DOCX's parts except its properties (which hold the render time),
    so that two renders of the same draft count as one file to audit."""
    import hashlib
    import zipfile

    digest = hashlib.sha1()
    with zipfile.ZipFile(path) as package:
        for name in sorted(package.namelist()):
            if not name.startswith("docProps/"):
                digest.update(name.encode("utf-8"))
                digest.update(package.read(name))
    return digest.hexdigest()
