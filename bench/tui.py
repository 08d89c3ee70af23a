"""Benchmark the terminal UI: launch to an interactive editor, and clause-search latency.

- launch: a fresh process from start (before imports) until the editor shows the Mali
  example with its outline and preview, next to a floor measured in the same run: a
  process that imports Textual and shows an empty App (Textual's own start-up cost).
- search: per keystroke in the clause browser, the time to search and refill the result
  list (the handler), with the bundled library and with a generated library of 5,000
  clauses; the floor is refilling the list with the same number of options, no search.

    python bench/tui.py [--repeat N] [--clauses 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAUNCH = """
import time
start = time.perf_counter()
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from textual.widgets import TextArea, Tree
from tui.app import build_app
from wgdraft.library import load_library

async def ready(pilot):
    while True:
        screen = pilot.app.screen
        if type(screen).__name__ == "EditorScreen":
            tree = screen.query_one("#outline", Tree)
            if tree.last_line > 10 and screen.query_one("#preview", TextArea).text:
                break
        await pilot.pause(0.005)
    print(time.perf_counter() - start)
    pilot.app.exit()

build_app(load_library(), Path({draft!r})).run(headless=True, size=(140, 45), auto_pilot=ready)
"""

FLOOR = """
import time
start = time.perf_counter()
from textual.app import App
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static("ready")

async def ready(pilot):
    await pilot.pause()
    print(time.perf_counter() - start)
    pilot.app.exit()

Empty().run(headless=True, size=(140, 45), auto_pilot=ready)
"""


def _process_seconds(code: str, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(samples)


def generate_library(target: Path, count: int) -> Path:
    """A library of ``count`` clauses: the bundled ones copied under new ids."""
    import yaml

    source = sorted((ROOT / "clauses").rglob("*.yaml"))
    made = 0
    round_ = 0
    while made < count:
        round_ += 1
        for file in source:
            if made >= count:
                break
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            new_id = f"{data['id']}-v{round_}"
            data["id"] = new_id
            data["title"] = f"{data['title']} (variant {round_})"
            folder = target / data["family"]
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{new_id}.yaml").write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
            made += 1
    return target


async def _search_latency(library, queries: list[str]) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    from textual.widgets import Input, OptionList
    from textual.widgets.option_list import Option

    from tui.app import build_app
    from tui.browser import ClauseBrowser

    app = build_app(library, ROOT / "examples" / "mali-2023.yaml")
    handler: list[float] = []
    floor: list[float] = []
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        browser = ClauseBrowser(app.index, None)
        await app.push_screen(browser)
        await pilot.pause()
        query = browser.query_one("#query", Input)
        results = browser.query_one("#results", OptionList)
        original = browser.refresh_results

        def timed() -> None:
            start = time.perf_counter()
            original()
            handler.append(time.perf_counter() - start)
            shown = results.option_count
            start = time.perf_counter()
            results.set_options(Option(f"option {i}\nline", id=str(i)) for i in range(shown))
            floor.append(time.perf_counter() - start)
            original()

        browser.refresh_results = timed  # type: ignore[method-assign]
        for text in queries:
            query.value = ""
            await pilot.pause()
            handler.clear() if text is queries[0] else None
            for char in text:
                await pilot.press(char)
    return handler, floor


def _ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[int(0.95 * (len(values) - 1))]
    return f"median {statistics.median(values) * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clauses", type=int, default=5000)
    args = parser.parse_args()

    from wgdraft.library import load_library

    draft = ROOT / "examples" / "mali-2023.yaml"
    floor = _process_seconds(FLOOR, args.repeat)
    launch = _process_seconds(LAUNCH.format(root=str(ROOT), draft=str(draft)), args.repeat)
    print(
        f"launch to interactive editor (Mali, bundled library): {launch * 1000:7.0f} ms "
        f"(floor, empty Textual app: {floor * 1000:.0f} ms; x{launch / floor:.2f}); target 1000 ms"
    )

    queries = ["detention last resort", "safe schools", "sexual violence services", "donors"]
    bundled = load_library()
    handler, list_floor = asyncio.run(_search_latency(bundled, queries))
    print(
        f"search per keystroke, {len(bundled.clauses)} clauses: {_ms(handler)} "
        f"(floor, refilling the list alone: {_ms(list_floor)})"
    )

    folder = Path(tempfile.mkdtemp(prefix="wgdraft-bench-lib-"))
    try:
        generate_library(folder / "clauses", args.clauses)
        start = time.perf_counter()
        big = load_library(folder / "clauses", ROOT / "templates")
        loaded = time.perf_counter() - start
        handler, list_floor = asyncio.run(_search_latency(big, queries))
        print(
            f"search per keystroke, {len(big.clauses)} clauses: {_ms(handler)} "
            f"(floor, refilling the list alone: {_ms(list_floor)}); target 50 ms"
        )
        print(f"loading the {len(big.clauses)}-clause library: {loaded * 1000:.0f} ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
