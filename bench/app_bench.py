"""Keystroke-to-results in the running app, driven by Textual's Pilot (headless).

Each character is sent as a key event, then the clock runs until the article list holds the
results for the query typed so far and has painted them (Textual paints at most
`TEXTUAL_FPS` frames a second, 120 in the app, so part of a figure is waiting for a frame).
Two typists:

- paced (the target): a key every `PACED_KEY_S` (100 words a minute, a fast typist), so each
  key is measured on its own, as a user feels it;
- burst: the next key as soon as the previous one's results have painted (~30 keys a
  second), so a key can also wait for the previous key's search: a stress figure.

The index's own time for each answer is reported beside the total, so the search part and the
wait + UI part can be read off.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from bench.queries import TYPED
from bench.timing import summary
from bench.whoosh_bench import settings_for

POLL_S = 0.001
PACED_KEY_S = 0.12  # 100 words a minute: a fast typist's gap between keys
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


def _watch_paints(article_list: Any) -> Callable[[], bool]:
    """A check: has the list drawn a line of the hits it holds now (not an older query's)?

    Wraps the instance's `render_line`, which the compositor calls only while painting a
    frame (after `refresh()` the widget's line cache is empty).
    """
    drawn: list[object] = [None]
    render_line = article_list.render_line

    def noting_render_line(y: int) -> Any:
        drawn[0] = article_list.hits
        return render_line(y)

    article_list.render_line = noting_render_line
    article_list.refresh()  # what it shows now counts once it is drawn again
    return lambda: drawn[0] is article_list.hits


async def _type_texts(
    app: Any, texts: tuple[str, ...], pace_s: float, deadline: float
) -> dict[str, Any]:
    """Type each text a key at a time, at most one key per `pace_s`; time every key."""
    screen = app.screen
    painted = _watch_paints(screen.article_list)
    samples: list[float] = []
    core_ms: list[float] = []  # the index's own time for the same answer (SearchResults.elapsed_ms)
    overhead: list[float] = []  # keystroke-to-results minus the search itself: wait + UI
    slowest: list[tuple[float, float, str]] = []  # (total ms, search ms, query) of each key
    never_shown: list[str] = []  # queries whose results were not painted within 30 s
    for text in texts:
        if time.perf_counter() > deadline:
            break
        screen.search_bar.input.value = ""  # back to the full list before the next text

        def listing() -> bool:
            return screen.results is not None and screen.results.query == ""

        if not (await _until(listing, 30.0) and await _until(painted, 30.0)):
            never_shown.append("")
        pressed = time.perf_counter() - pace_s
        for end, char in enumerate(text, start=1):
            await asyncio.sleep(max(0.0, pressed + pace_s - time.perf_counter()))
            pressed = time.perf_counter()
            _send_key(app, char)

            def shown(value: str = text[:end]) -> bool:
                current = screen.search_bar.value == value
                listed = current and screen.results is not None and screen.results.query == value
                return listed and painted()

            if not await _until(shown, 30.0) or screen.results is None:
                never_shown.append(text[:end])
            else:
                total = (time.perf_counter() - pressed) * 1000
                samples.append(total)
                core_ms.append(screen.results.elapsed_ms)
                overhead.append(total - screen.results.elapsed_ms)
                slowest.append((round(total, 1), screen.results.elapsed_ms, text[:end]))
    return {
        "keystroke_ms": summary(samples),
        "core_search_ms": summary(core_ms),
        "overhead_ms": summary(overhead),
        "slowest_keys": sorted(slowest, reverse=True)[:5],  # what to look at first
        "never_shown": never_shown,
    }


async def _type_and_time(config: dict[str, Any], pace_s: float) -> dict[str, Any]:
    """Start the app on the benchmark's index, wait for its start-up sync, then type."""
    from tui_reader.app import make_app
    from tui_reader.screens import main_screen

    app = make_app(settings_for(config))
    started = time.perf_counter()
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
        typed = await _type_texts(app, texts, pace_s, deadline)
        rows = len(screen.article_list.hits)
        await pilot.pause()  # let the last key events drain before the app shuts down
    return {
        "startup_until_listed_s": round(startup_s, 2),
        "settled": settled,
        **typed,
        "rows_listed_last": rows,
    }


def typing(config: dict[str, Any]) -> dict[str, Any]:
    """Phase entry point: type the benchmark's texts one character at a time."""
    # Each typist in an app of its own, so neither finds the other's searches cached.
    paced = asyncio.run(_type_and_time(config, PACED_KEY_S))
    burst = asyncio.run(_type_and_time(config, 0.0))
    return {**paced, "paced_key_s": PACED_KEY_S, "burst": burst}
