"""Pilot helpers: wait for the app to be idle, type a query key by key, open an article."""

from __future__ import annotations

import contextlib

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from tui_reader.screens.main_screen import MainScreen


async def settle(pilot: Pilot) -> None:
    """Wait until no worker is running and the screen has caught up (workers start workers)."""
    app = pilot.app
    for _ in range(50):
        # A worker replaced by a newer exclusive one, or one that failed (the app reports it),
        # raises here; keep waiting for the rest.
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            await pilot.pause()
            if all(worker.is_finished for worker in app.workers):
                return
    raise AssertionError("workers never settled")


async def type_query(pilot: Pilot, text: str) -> None:
    """Focus the search bar with "/" and type `text` key by key, then wait for the results."""
    await pilot.press("slash", *_keys(text))
    await settle(pilot)


def _keys(text: str) -> list[str]:
    names = {" ": "space", ":": "colon", '"': "quotation_mark", "[": "left_square_bracket"}
    names |= {"]": "right_square_bracket", "-": "minus", "*": "asterisk", "(": "left_parenthesis"}
    return [names.get(char, char) for char in text]


def main_screen(pilot: Pilot[None]) -> MainScreen:
    """The app's main screen (asserting it is the one showing)."""
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def open_article(pilot: Pilot[None], query: str, path: str) -> MainScreen:
    """Search for `query`, open the top result with Enter, and check it is `path`."""
    await settle(pilot)
    await type_query(pilot, query)
    await pilot.press("enter")
    await settle(pilot)
    screen = main_screen(pilot)
    assert screen.reader.article is not None and screen.reader.article.path == path
    return screen
