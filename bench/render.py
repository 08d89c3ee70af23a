"""Benchmark: load the library and a draft, assemble, write the DOCX.

Prints each figure next to a floor measured in the same run: python-docx alone writing
the same paragraphs with no library, validation or templating. Run from the checkout:

    python bench/render.py [DRAFT] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR_SCRIPT = """
import sys, docx
doc = docx.Document(sys.argv[1])
for line in open(sys.argv[2], encoding="utf-8").read().split("\\n"):
    doc.add_paragraph(line)
doc.save(sys.argv[3])
"""


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _time(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", type=Path, default=ROOT / "examples" / "mali-2023.yaml")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import docx

    from wgdraft.drafts import build_document
    from wgdraft.library import load_library
    from wgdraft.output import write_document
    from wgdraft.render_text import render_text

    out = Path(tempfile.mkdtemp(prefix="wgdraft-bench-"))
    reference = ROOT / "templates" / "reference.docx"
    library = load_library(ROOT / "clauses", ROOT / "templates")
    document = build_document(args.draft, library)
    paragraphs = [line for line in render_text(document).splitlines() if line]
    text_file = out / "paragraphs.txt"
    text_file.write_text("\n".join(paragraphs), encoding="utf-8")

    def ours() -> None:
        lib = load_library(ROOT / "clauses", ROOT / "templates")
        doc = build_document(args.draft, lib)
        write_document(doc, lib, out / "ours", "docx")

    def floor() -> None:
        doc = docx.Document(str(reference))
        for line in paragraphs:
            doc.add_paragraph(line)
        doc.save(str(out / "floor.docx"))

    stages = {
        "load library": lambda: load_library(ROOT / "clauses", ROOT / "templates"),
        "load + assemble draft": lambda: build_document(args.draft, library),
    }
    rows: list[tuple[str, float, float | None]] = []
    floor_ms = _median_ms(_time(floor, args.repeat))
    for name, fn in stages.items():
        rows.append((name, _median_ms(_time(fn, args.repeat)), None))
    rows.append(
        (
            "in-process total (load, assemble, write DOCX)",
            _median_ms(_time(ours, args.repeat)),
            floor_ms,
        )
    )

    def process(cmd: list[str]) -> float:
        samples = []
        for _ in range(max(3, args.repeat // 2)):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            samples.append(time.perf_counter() - start)
        return _median_ms(samples)

    proc_floor = process(
        [
            sys.executable,
            "-c",
            FLOOR_SCRIPT,
            str(reference),
            str(text_file),
            str(out / "floor-process.docx"),
        ]
    )
    proc_ours = process(
        [sys.executable, "-m", "wgdraft", "render", str(args.draft), "-o", str(out / "process")]
    )
    rows.append(("whole process: wgdraft render", proc_ours, proc_floor))

    print(
        f"draft: {args.draft.name}; {len(library.clauses)} clauses; "
        f"{len(paragraphs)} paragraphs; median of {args.repeat} runs"
    )
    print(f"floor in-process (python-docx alone, same paragraphs): {floor_ms:8.1f} ms")
    print(f"floor whole process (python + import docx + write):    {proc_floor:8.1f} ms")
    for name, value, base in rows:
        ratio = f"  x{value / base:.2f} of floor" if base else ""
        print(f"{name:<52} {value:8.1f} ms{ratio}")


if __name__ == "__main__":
    main()
