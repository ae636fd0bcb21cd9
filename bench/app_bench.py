"""Keystroke-to-results in the running app, driven by Textual's Pilot (headless).

Each character is sent as a key event, then the clock runs until the article list holds the
results for the query as typed so far. The screen runs one search at a time, the newest query
next, so a key pressed during a search also waits for it; the index's own time for the answer is
reported beside the total, so the search part and the wait + UI part can be read off.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bench.queries import TYPED
from bench.timing import summary
from bench.whoosh_bench import settings_for

POLL_S = 0.001
SETTLE_TIMEOUT_S = 600.0


def _send_key(app: Any, char: str) -> None:
    """Deliver one key as the terminal driver would, without Pilot's settling waits.

    `Pilot.press` waits until the process is idle in 20 ms steps (`wait_for_idle`), which would
    add up to ~40 ms of the test harness to every keystroke.
    """
    from textual import events

    event = events.Key("space" if char == " " else char, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def _until(condition: Any, timeout_s: float) -> bool:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(POLL_S)
    return True


async def _type_and_time(config: dict[str, Any]) -> dict[str, Any]:
    from tui_reader.app import make_app
    from tui_reader.screens import main_screen

    app = make_app(settings_for(config))
    started = time.perf_counter()
    samples: list[float] = []
    core_ms: list[float] = []  # the index's own time for the same answer (SearchResults.elapsed_ms)
    overhead: list[float] = []  # keystroke-to-results minus the search itself: wait + UI
    slowest: list[tuple[float, float, str]] = []  # (total ms, search ms, query) of each key
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, main_screen.MainScreen)

        def ready() -> bool:
            idle = not screen.search_bar._progress  # the start-up sync has finished
            return screen.results is not None and idle

        settled = await _until(ready, SETTLE_TIMEOUT_S)
        startup_s = time.perf_counter() - started
        texts = TYPED[: config.get("typed_texts", len(TYPED))]
        await pilot.press("slash")  # once: in the search bar "/" would be typed
        deadline = time.perf_counter() + float(config.get("budget_s", 60.0))
        for text in texts:
            if time.perf_counter() > deadline:
                break
            screen.search_bar.input.value = ""  # back to the full list before the next text
            await _until(lambda: screen.results is not None and screen.results.query == "", 30.0)
            for end, char in enumerate(text, start=1):
                pressed = time.perf_counter()
                _send_key(app, char)

                def shown(value: str = text[:end]) -> bool:
                    current = screen.search_bar.value == value
                    return current and screen.results is not None and screen.results.query == value

                if await _until(shown, 30.0) and screen.results is not None:
                    total = (time.perf_counter() - pressed) * 1000
                    samples.append(total)
                    core_ms.append(screen.results.elapsed_ms)
                    overhead.append(total - screen.results.elapsed_ms)
                    slowest.append((round(total, 1), screen.results.elapsed_ms, text[:end]))
        rows = len(screen.article_list.hits)
        await pilot.pause()  # let the last key events drain before the app shuts down
    return {
        "startup_until_listed_s": round(startup_s, 2),
        "settled": settled,
        "keystroke_ms": summary(samples),
        "core_search_ms": summary(core_ms),
        "overhead_ms": summary(overhead),
        "slowest_keys": sorted(slowest, reverse=True)[:5],  # what to look at first
        "rows_listed_last": rows,
    }


def typing(config: dict[str, Any]) -> dict[str, Any]:
    """Phase entry point: type the benchmark's texts one character at a time."""
    return asyncio.run(_type_and_time(config))
