"""Benchmark: reading an adopted text (`wgdraft.importing.read_adopted`) from TXT, DOCX and
PDF: the Mali reference extracted from the issued PDF, the tool's own DOCX of the Mali
example, and that DOCX printed to PDF by LibreOffice (skipped when soffice is missing).

Prints the first read in a fresh process (imports of python-docx and pypdf included) and
the median of repeated reads. Run from the checkout:

    python bench/read_adopted.py [--reference FILE] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_READ = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from wgdraft.importing import read_adopted
read_adopted(Path(sys.argv[1]))
print(time.perf_counter() - start)
"""


def first_read(path: Path) -> float:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_READ, str(path)],
        check=True, capture_output=True, text=True, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return float(result.stdout.strip())


def repeated(path: Path, repeat: int) -> float:
    from wgdraft.importing import read_adopted

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        read_adopted(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reference", type=Path, default=Path("/work/shared/reference/mali-2023-conclusions.txt")
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from wgdraft.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "mali"
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli(["render", str(ROOT / "examples" / "mali-2023.yaml"), "-o", str(out)])
        if code != 0:
            raise SystemExit("could not render the Mali example")
        files = {
            "TXT (Mali reference)": args.reference,
            "DOCX (tool's own)": out / "conclusions.docx",
        }
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", tmp,
                 str(out / "conclusions.docx")],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            files["PDF (LibreOffice)"] = Path(tmp) / "conclusions.pdf"
        print(f"{'file':<24}{'first read':>12}{'median':>10}")
        for name, path in files.items():
            if not path.is_file():
                print(f"{name:<24}{'missing':>12}")
                continue
            print(f"{name:<24}{first_read(path):>11.3f}s{repeated(path, args.repeat):>9.3f}s")


if __name__ == "__main__":
    main()
