"""Regenerate docs/screenshot.svg: the real app on the bundled articles, searching "treaty".

    python docs/make_screenshot.py

Runs the app headless (Textual's test driver) with a throwaway index and state directory, so
neither your cache nor your read marks are touched, and saves what the screen shows as SVG.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tui_reader.app import make_app
from tui_reader.core.config import Settings

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "articles"
sys.path.insert(0, str(HERE.parent))  # for the tests' own wait-until-idle helper
from tests.app.pilot_helpers import settle  # noqa: E402

SIZE = (120, 36)


async def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        settings = Settings(
            articles_dir=ARTICLES, cache_root=root / "cache", state_root=root / "state"
        )
        app = make_app(settings)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"treaty")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("j", "j", "enter")  # the Starmer–Tusk article: many quotes
            await settle(pilot)
            app.save_screenshot(filename="screenshot.svg", path=str(HERE))
    print(f"wrote {HERE / 'screenshot.svg'}")


if __name__ == "__main__":
    asyncio.run(main())
