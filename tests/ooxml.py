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
