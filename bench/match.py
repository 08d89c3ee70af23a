"""Matching cost per item: every item of the Mali conclusions (clause items, free text,
channel intros) matched against the bundled library and a generated 5,000-clause one.

Printed per library: the cost per item on a fresh Matcher (forms built lazily as the
candidates need them) and on a warm one, against two floors: the index lookup alone
(what finding the candidates costs) and comparing the text with every clause by
:func:`wgdraft.matching.similarity` (what the index saves; on a sample of items).

    python bench/match.py [--clauses 5000]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wgdraft.assemble import assemble  # noqa: E402
from wgdraft.drafts import load_draft  # noqa: E402
from wgdraft.library import Library, load_library  # noqa: E402
from wgdraft.matching import _TAG, Matcher, normalize, similarity  # noqa: E402
from wgdraft.tree import Paragraph  # noqa: E402


def generate_library(target: Path, count: int) -> Path:
    """The generator of bench/tui.py (the bundled clauses copied under new ids)."""
    spec = importlib.util.spec_from_file_location("bench_tui", ROOT / "bench" / "tui.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_library(target, count)  # type: ignore[no-any-return]


def texts_of(library: Library) -> tuple[list[str], list[str]]:
    """The Mali conclusions' item texts and block intros."""
    draft = load_draft(ROOT / "examples" / "mali-2023.yaml")
    doc = assemble(draft, library)
    items = [p.text for p in doc.body if isinstance(p, Paragraph) and not p.channel]
    subs = [s for p in doc.body for s in getattr(p, "items", ())]
    items += [t.text for s in subs for t in (s, *s.children)]
    intros = [p.text for p in doc.body if isinstance(p, Paragraph) and p.channel]
    return items, intros


def measure(library: Library, label: str, texts: tuple[list[str], list[str]], sample: int) -> None:
    draft = load_draft(ROOT / "examples" / "mali-2023.yaml")
    items, intros = texts
    start = time.perf_counter()
    matcher = Matcher(library, draft)
    _ = matcher.index
    built = time.perf_counter() - start

    def run() -> tuple[float, int]:
        start = time.perf_counter()
        exact = sum(bool((m := matcher.match(t)) and m.exact) for t in items)
        exact += sum(bool((c := matcher.match_channel(t)) and c.exact) for t in intros)
        return (time.perf_counter() - start) / (len(items) + len(intros)), exact

    cold, exact = run()
    warm, _ = run()
    start = time.perf_counter()
    for t in items:
        matcher.index.lookup(normalize(t), 6)
    lookup = (time.perf_counter() - start) / len(items)
    plain = {cid: _TAG.sub(" ", c.body) for cid, c in library.clauses.items()}
    start = time.perf_counter()
    for t in items[:sample]:
        max(plain, key=lambda cid: similarity(t, plain[cid]))
    brute = (time.perf_counter() - start) / min(sample, len(items))
    n = len(items) + len(intros)
    print(
        f"{label}: {len(library.clauses)} clauses, index built in {built * 1000:.0f} ms; "
        f"{n} texts, {exact} exact; per text: cold {cold * 1000:.1f} ms, warm "
        f"{warm * 1000:.1f} ms (floor, index lookup alone: {lookup * 1000:.2f} ms; every "
        f"clause compared: {brute * 1000:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=5, help="items compared with every clause")
    args = parser.parse_args()
    bundled = load_library()
    texts = texts_of(bundled)  # printed with the bundled clauses; the generated copy them
    measure(bundled, "bundled", texts, args.sample)
    folder = Path(tempfile.mkdtemp(prefix="wgdraft-bench-match-"))
    try:
        generate_library(folder / "clauses", args.clauses)
        big = load_library(folder / "clauses", ROOT / "templates")
        measure(big, "generated", texts, args.sample)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
