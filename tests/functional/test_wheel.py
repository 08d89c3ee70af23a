"""The bundled library and templates travel inside the wheel, not only in a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import MALI, ROOT


def test_installed_wheel_finds_bundled_library(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("wgdraft-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "wgdraft/bundled/templates/reference.docx" in names
    assert "wgdraft/bundled/clauses/opening/opening.meeting.yaml" in names
    assert "tui/app.tcss" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("WGDRAFT_LIBRARY", None)
    probe = subprocess.run(
        [sys.executable, "-c", "from wgdraft import paths; print(paths.bundled_clauses())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == str(site / "wgdraft" / "bundled" / "clauses")
    render = subprocess.run(
        [sys.executable, "-m", "wgdraft", "render", str(MALI)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert render.returncode == 0, render.stderr
    assert (elsewhere / "wgdraft-out" / "mali-2023" / "conclusions.docx").is_file()
