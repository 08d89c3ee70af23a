"""Debug: match every item of an example's assembled conclusions back to the library.

python bench/match_debug.py [examples/mali-2023.yaml ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from wgdraft.assemble import assemble_bundle
from wgdraft.drafts import load_draft
from wgdraft.library import load_library
from wgdraft.matching import Matcher

ROOT = Path(__file__).resolve().parent.parent


def items(document):  # type: ignore[no-untyped-def]
    """Each clause paragraph and subparagraph of the conclusions."""
    for part in document.body:
        if getattr(part, "source", "").startswith("channel:") is False and hasattr(part, "number"):
            yield part
        for sub in getattr(part, "items", ()):
            yield sub
            yield from sub.children


def main() -> None:
    library = load_library()
    files = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "examples").glob("*.yaml"))
    for file in files:
        draft = load_draft(file)
        bundle = assemble_bundle(draft, library, file)
        matcher = Matcher(library, draft)
        data = draft.model_dump()
        total = exact = 0
        start = time.perf_counter()
        for sub in items(bundle.conclusions):
            if sub.source == "text" or not sub.path:
                continue
            total += 1
            m = matcher.match(sub.text)
            item = sub.path.get(data)
            ok = m is not None and m.exact and m.clause == sub.source
            if item is not None and m is not None:
                ok = ok and m.variant == item.get("variant")
            exact += ok
            if not ok:
                got = m and (m.clause, m.variant, m.exact, round(m.similarity, 3))
                print(f"  {sub.label}: {sub.source} -> {got}")
                print(f"     text: {sub.text[:300]}")
                if m:
                    print(f"     rend: {m.rendered[:300]}")
        took = time.perf_counter() - start
        for part in bundle.conclusions.body:
            if getattr(part, "channel", None):
                c = matcher.match_channel(part.text)
                if c is None or c.channel != part.channel or not c.exact:
                    print(f"  channel {part.channel}: {c}")
        print(f"{file.name}: {exact}/{total} exact, {took * 1000 / max(total, 1):.1f} ms/item")


if __name__ == "__main__":
    main()
