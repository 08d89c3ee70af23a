"""Where the thirty partial corpus texts are read from at test time.

They stay in the read-only reference folder beside the checkout (``../shared/reference/
corpus``), never copied into the repository; ``WGDRAFT_CORPUS`` names another folder.
Tests that need them are skipped, saying why, where the folder is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path | None:
    """The corpus folder, or None where this machine has none."""
    candidates = [
        os.environ.get("WGDRAFT_CORPUS"),
        ROOT.parent / "shared" / "reference" / "corpus",
        "/work/shared/reference/corpus",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir() and any(Path(candidate).glob("*.txt")):
            return Path(candidate)
    return None


CORPUS = corpus_dir() or ROOT / "missing-corpus"

#: mark a test that reads the corpus
needs_corpus = pytest.mark.skipif(
    corpus_dir() is None,
    reason="the reference corpus (../shared/reference/corpus or $WGDRAFT_CORPUS) is absent",
)
