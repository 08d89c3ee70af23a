"""Benchmark: import the Mali reference conclusions into a draft (read, read the
situation, match every paragraph and item, assemble to check), from TXT, from the DOCX
wgdraft renders, and from a PDF of that DOCX (LibreOffice) where the reader takes PDF.

Each figure is printed next to floors measured in the same run: reading the file alone
(the reader, no library) and loading the library. The issue asks for an import under
one second. Run from the checkout:

    python bench/import.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MALI_TXT = ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt"


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def _sources(out: Path) -> dict[str, Path]:
    """The Mali reference as TXT, as the DOCX wgdraft renders, and as a PDF of it."""
    from wgdraft import renderers
    from wgdraft.drafts import build_document
    from wgdraft.library import load_library

    library = load_library(ROOT / "clauses", ROOT / "templates")
    document = build_document(ROOT / "examples" / "mali-2023.yaml", library)
    docx = out / "mali.docx"
    docx.write_bytes(renderers.get("docx").conclusions(document, library))
    sources = {"txt": MALI_TXT, "docx": docx}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
            capture_output=True,
            check=False,
            timeout=300,
        )
        if (out / "mali.pdf").is_file():
            sources["pdf"] = out / "mali.pdf"
    return sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from wgdraft.errors import WgdraftError
    from wgdraft.importing import read_adopted
    from wgdraft.importing.to_draft import import_file
    from wgdraft.library import load_library

    out = Path(tempfile.mkdtemp(prefix="wgdraft-bench-import-"))
    try:
        sources = _sources(out)
        load_ms = _median_ms(
            lambda: load_library(ROOT / "clauses", ROOT / "templates"), args.repeat
        )
        library = load_library(ROOT / "clauses", ROOT / "templates")
        print(f"load the library (floor, not in the figures below): {load_ms:8.1f} ms")
        for kind, path in sources.items():
            try:
                read_adopted(path)
            except WgdraftError as exc:
                print(f"{kind:>4}: not read ({exc.problems[0].message})")
                continue
            read_ms = _median_ms(lambda p=path: read_adopted(p), args.repeat)
            import_ms = _median_ms(lambda p=path: import_file(p, library), args.repeat)
            imported = import_file(path, library)
            items = max(imported.coverage.items, 1)
            print(
                f"{kind:>4}: import {import_ms:8.1f} ms   read alone (floor) {read_ms:8.1f} ms   "
                f"matching {(import_ms - read_ms) / items:6.2f} ms/item   {imported.coverage}"
            )
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
