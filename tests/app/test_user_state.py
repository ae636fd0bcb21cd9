"""The app remembers theme, read marks and bookmarks across launches, and survives a bad file."""

from __future__ import annotations

from tui_reader.app import make_app
from tui_reader.core.config import Settings
from tui_reader.core.state import load_state, state_path

from .pilot_helpers import settle


async def test_theme_is_remembered(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.theme = "nord"
        await settle(pilot)
    assert load_state(settings.state_root).state.theme == "nord"
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"


async def test_opened_article_is_marked_read_and_bookmark_kept(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        first = screen.article_list.hits[0].path
        await pilot.press("enter", "m")
        await settle(pilot)
    state = load_state(settings.state_root).state
    assert first in state.read
    assert first in state.bookmarks
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = "".join(s.text for s in pilot.app.screen.article_list.render_line(0))
        assert row.startswith("★")


async def test_corrupt_state_file_is_set_aside_with_a_notice(settings: Settings) -> None:
    settings.state_root.mkdir(parents=True, exist_ok=True)
    state_path(settings.state_root).write_text("{not json", encoding="utf-8")
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any("unreadable" in n.message for n in app._notifications)
        await pilot.press("enter")
        await settle(pilot)
    assert (settings.state_root / "state.json.corrupt").exists()
    assert load_state(settings.state_root).notice is None  # a fresh, valid file was written


async def test_unwritable_state_dir_is_reported_once(settings: Settings) -> None:
    settings.state_root.parent.mkdir(parents=True, exist_ok=True)
    settings.state_root.write_text("a file where the state directory should be")
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "j", "enter", "j", "enter")
        await settle(pilot)
        assert app.is_running
        warnings = [n for n in app._notifications if "Could not save" in n.message]
        assert len(warnings) == 1
