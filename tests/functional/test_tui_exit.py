"""`wgdraft` and `wgdraft edit` exit non-zero when the terminal UI dies on an error
(run as the console script runs them: ``tui.entry.main``)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from textual.app import App

import tui.app
from tests.conftest import MALI, Cli, Result
from tui.entry import main
from tui.screens.start import StartScreen


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """The ``wgdraft`` console script's function, in process."""

    def run(*args: str | Path) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def _headless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setattr(tui.app.WgdraftApp, "run", functools.partialmethod(App.run, headless=True))


class BrokenScreen(StartScreen):
    def on_mount(self) -> None:
        raise RuntimeError("bad input the screen could not show")


def test_exit_code_when_the_ui_dies(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tui.app, "StartScreen", BrokenScreen)
    result = cli()
    assert result.code == 1
    assert result.err.strip().splitlines()[-1] == (
        "wgdraft: the terminal UI stopped on an unexpected error (RuntimeError: bad input "
        "the screen could not show); please report it with the details above"
    )


def test_exit_code_of_edit_when_the_ui_dies(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object, session: object) -> None:
        raise ValueError("the draft could not be shown")

    monkeypatch.setattr(tui.app.WgdraftApp, "_edit", broken)
    result = cli("edit", MALI)
    assert result.code == 1
    assert "(ValueError: the draft could not be shown)" in result.err


def test_exit_code_when_the_ui_cannot_start(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(self: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(tui.app.WgdraftApp, "run", cannot)
    result = cli("edit", MALI)
    assert result.code == 1
    assert "(OSError: [Errno 5] Input/output error)" in result.err


def test_exit_code_zero_when_quit(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    class QuitAtOnce(StartScreen):
        def on_mount(self) -> None:
            self.app.exit()

    monkeypatch.setattr(tui.app, "StartScreen", QuitAtOnce)
    result = cli()
    assert result.code == 0, result.err
