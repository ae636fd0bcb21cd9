"""App wiring: palette commands, bindings, worker errors, skipped files, early quit, frame rate."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.binding import Binding

from tui_reader.app import PALETTE_ACTIONS, make_app
from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.screens.main_screen import MainScreen

from .pilot_helpers import settle


async def test_every_screen_action_is_in_the_palette(settings: Settings) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        titles = {command.title for command in app.get_system_commands(screen)}
        assert "Help" in titles
        for title, _, _ in PALETTE_ACTIONS:
            assert title in titles
        palette_actions = {action.split("(")[0] for _, _, action in PALETTE_ACTIONS}
        for binding in MainScreen.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description, binding
            action = binding.action.split("(")[0]
            assert action in palette_actions, f"{action} is not reachable from the palette"


async def test_palette_command_runs_the_action(settings: Settings) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        command = next(c for c in app.get_system_commands(screen) if c.title == "Cycle sort")
        await command.callback()
        assert screen.sort_mode == "date"


async def test_worker_error_becomes_a_one_line_notification(settings: Settings) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def fail() -> None:
            raise OSError("disk on fire\nsecond line [bold]x[/bold]")

        app.run_worker(fail, thread=True, exit_on_error=False, name="testing")
        await settle(pilot)
        assert app.is_running
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1
        assert "\n" not in errors[0].message
        assert "[bold]x[/bold]" in errors[0].message
        assert errors[0].markup is False


async def test_skipped_files_are_reported(settings: Settings) -> None:
    (settings.articles_dir / "binary.txt").write_bytes(b"\x00\x01\x02" * 200)
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("1 file skipped" in message for message in messages)
        assert len(app.screen.article_list.hits) == 5


async def test_quitting_while_indexing_a_big_folder_exits_cleanly(
    settings: Settings, tmp_path: Path
) -> None:
    big = tmp_path / "big"
    big.mkdir()
    seeds = sorted(settings.articles_dir.glob("*.txt"))
    for number in range(1000):
        shutil.copy(seeds[number % len(seeds)], big / f"{number:04d}.txt")
    app = make_app(Settings(big, settings.cache_root, settings.state_root))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("q")
    assert app.return_code == 0
    # The update stopped at the next file instead of indexing all 1,000 before exiting; what
    # was committed before stays usable.
    index = ArticleIndex.open(Settings(big, settings.cache_root, settings.state_root))
    try:
        assert index.doc_count < 1000
    finally:
        index.close()


async def test_start_up_objects_leave_the_cyclic_gc_until_the_app_closes(
    settings: Settings,
) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert gc.get_freeze_count() > 0  # frozen once the start-up sync is done
    assert gc.get_freeze_count() == 0  # and given back when the screen goes


@pytest.mark.parametrize(("users", "expected"), [(None, 120), ("30", 30)])
def test_the_app_paints_at_120_fps_unless_the_user_says_otherwise(
    users: str | None, expected: int
) -> None:
    # Textual reads TEXTUAL_FPS once, at import: only a fresh interpreter shows what the app
    # gets (here pytest's plugins imported Textual long ago).
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if users is not None:
        env["TEXTUAL_FPS"] = users
    program = "import tui_reader.app, textual.constants as c; print(c.MAX_FPS)"
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    )
    assert int(done.stdout) == expected
