"""Pilot helpers: wait for the app to be idle, type a query key by key."""

from __future__ import annotations

import contextlib

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed


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
