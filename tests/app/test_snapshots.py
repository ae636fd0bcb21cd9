"""SVG snapshots of the main screens (regenerate with `pytest tests/app --snapshot-update`).

Every picture is taken after all workers have finished, and nothing on screen depends on the
clock, so the snapshots are deterministic. They change when the seed articles or their parsing
change: regenerate and review the diff then.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from tui_reader.app import make_app
from tui_reader.core.config import Settings

from .pilot_helpers import settle, type_query

SnapCompare = Callable[..., bool]
WIDE = (120, 40)
NARROW = (80, 24)


def after(*steps: Callable[[Pilot], Awaitable[None]]) -> Callable[[Pilot], Awaitable[None]]:
    """A `run_before` that waits for start-up, runs `steps`, then waits for every worker."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for step in steps:
            await step(pilot)
            await settle(pilot)

    return run_before


def query(text: str) -> Callable[[Pilot], Awaitable[None]]:
    async def step(pilot: Pilot) -> None:
        await type_query(pilot, text)

    return step


def keys(*names: str) -> Callable[[Pilot], Awaitable[None]]:
    async def step(pilot: Pilot) -> None:
        await pilot.press(*names)

    return step


def test_start_screen(snap_compare: SnapCompare, settings: Settings) -> None:
    assert snap_compare(make_app(settings), terminal_size=WIDE, run_before=after())


def test_results_for_a_query(snap_compare: SnapCompare, settings: Settings) -> None:
    assert snap_compare(make_app(settings), terminal_size=WIDE, run_before=after(query("defen")))


def test_reader_with_highlights(snap_compare: SnapCompare, settings: Settings) -> None:
    run_before = after(query("Poland"), keys("enter"), keys("n", "n"))
    assert snap_compare(make_app(settings), terminal_size=WIDE, run_before=run_before)


def test_help_screen(snap_compare: SnapCompare, settings: Settings) -> None:
    run_before = after(keys("question_mark"))
    assert snap_compare(make_app(settings), terminal_size=WIDE, run_before=run_before)


def test_narrow_list(snap_compare: SnapCompare, settings: Settings) -> None:
    assert snap_compare(make_app(settings), terminal_size=NARROW, run_before=after())


def test_narrow_reader(snap_compare: SnapCompare, settings: Settings) -> None:
    run_before = after(query("Helenow"), keys("enter"), keys("tab"))
    assert snap_compare(make_app(settings), terminal_size=NARROW, run_before=run_before)


def test_narrow_help(snap_compare: SnapCompare, settings: Settings) -> None:
    run_before = after(keys("question_mark"))
    assert snap_compare(make_app(settings), terminal_size=NARROW, run_before=run_before)


def test_facts_panel(snap_compare: SnapCompare, settings: Settings) -> None:
    run_before = after(query("Healey"), keys("enter"), keys("f"))
    assert snap_compare(make_app(settings), terminal_size=WIDE, run_before=run_before)
