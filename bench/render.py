"""Benchmark: load the library and a draft, assemble, write the whole DOCX bundle
(conclusions, letters, statements, manifest).

Prints each figure next to a floor measured in the same run: python-docx alone writing
the same paragraphs into the same number of files, with no library, validation,
templating, links or numbering. Run from the checkout:

    python bench/render.py [DRAFT] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR_SCRIPT = """
import json, sys, docx
reference, spec, out = sys.argv[1:4]
for i, paragraphs in enumerate(json.load(open(spec, encoding="utf-8"))):
    doc = docx.Document(reference)
    for line in paragraphs:
        doc.add_paragraph(line)
    doc.save(f"{out}/{i}.docx")
"""


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", type=Path, default=ROOT / "examples" / "mali-2023.yaml")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import docx

    from wgdraft.drafts import build_bundle
    from wgdraft.library import load_library
    from wgdraft.output import write_bundle
    from wgdraft.render_text import render_letter_text, render_statement_text, render_text

    out = Path(tempfile.mkdtemp(prefix="wgdraft-bench-"))
    reference = ROOT / "templates" / "reference.docx"
    clauses, templates = ROOT / "clauses", ROOT / "templates"
    library = load_library(clauses, templates)
    bundle = build_bundle(args.draft, library)
    texts = [render_text(bundle.conclusions)]
    texts += [render_letter_text(letter) for letter in bundle.letters]
    texts += [render_statement_text(statement) for statement in bundle.statements]
    documents = [[line for line in text.splitlines() if line] for text in texts]
    spec = out / "paragraphs.json"
    spec.write_text(json.dumps(documents), encoding="utf-8")
    (out / "floor").mkdir()

    def floor() -> None:
        for i, paragraphs in enumerate(documents):
            doc = docx.Document(str(reference))
            for line in paragraphs:
                doc.add_paragraph(line)
            doc.save(str(out / "floor" / f"{i}.docx"))

    def ours() -> None:
        lib = load_library(clauses, templates)
        write_bundle(build_bundle(args.draft, lib), lib, out / "ours")

    def fresh_templates() -> None:
        """Forget the compiled templates, as a new process starts: only data is cached
        on disk (the names templates use), never compiled code."""
        from wgdraft import templating

        templating._TEMPLATES.clear()

    floor_ms = _median_ms(floor, args.repeat)
    rows: list[tuple[str, float, float | None]] = [
        ("load library", _median_ms(lambda: load_library(clauses, templates), args.repeat), None),
        (
            "load + assemble draft (bundle)",
            _median_ms(lambda: build_bundle(args.draft, library), args.repeat),
            None,
        ),
        (
            "  the same, compiling its templates afresh",
            _median_ms(lambda: fresh_templates() or build_bundle(args.draft, library), args.repeat),
            None,
        ),
        (
            "in-process total (load, assemble, write bundle)",
            _median_ms(ours, args.repeat),
            floor_ms,
        ),
    ]

    def process(cmd: list[str]) -> float:
        return _median_ms(
            lambda: subprocess.run(cmd, check=True, capture_output=True), max(3, args.repeat // 2)
        )

    proc_floor = process(
        [sys.executable, "-c", FLOOR_SCRIPT, str(reference), str(spec), str(out / "floor")]
    )
    proc_ours = process(
        [sys.executable, "-m", "wgdraft", "render", str(args.draft), "-o", str(out / "process")]
    )
    rows.append(("whole process: wgdraft render", proc_ours, proc_floor))

    paragraphs = sum(len(d) for d in documents)
    print(
        f"draft: {args.draft.name}; {len(library.clauses)} clauses; {len(documents)} documents "
        f"({len(bundle.letters)} letters, {len(bundle.statements)} statements); "
        f"{paragraphs} paragraphs; median of {args.repeat} runs"
    )
    print(f"floor in-process (python-docx alone, same paragraphs, same files): {floor_ms:8.1f} ms")
    print(
        f"floor whole process (python + import docx + the same writes):      {proc_floor:8.1f} ms"
    )
    for name, value, base in rows:
        ratio = f"  x{value / base:.2f} of floor" if base else ""
        print(f"{name:<52} {value:8.1f} ms{ratio}")


if __name__ == "__main__":
    main()
