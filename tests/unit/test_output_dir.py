"""Where each stage's text goes: one rule for ``wgdraft render`` and the editor."""

from __future__ import annotations

from pathlib import Path

from wgdraft.output import default_output_dir


def test_the_negotiation_text_goes_beside_the_clean_one() -> None:
    draft = Path("drafts/mali 2025.yaml")
    clean = default_output_dir(draft, "clean")
    assert clean.parent == Path("wgdraft-out")
    assert default_output_dir(draft, "negotiation") == clean.with_name(f"{clean.name}-negotiation")


def test_a_chosen_output_folder_takes_the_same_rule(tmp_path: Path) -> None:
    """The editor's output folder (``wgdraft edit -o``) holds the clean text, the
    negotiation text beside it."""
    root = tmp_path / "exports"
    draft = Path("mali.yaml")
    assert default_output_dir(draft, "clean", root) == root
    assert default_output_dir(draft, "negotiation", root) == tmp_path / "exports-negotiation"
