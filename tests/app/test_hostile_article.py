"""An article full of markup, escapes and bidi overrides renders literally and does nothing."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from tui_reader.app import make_app
from tui_reader.core.config import Settings
from tui_reader.screens.main_screen import MainScreen
from tui_reader.widgets.reader_pane import HIGHLIGHT_ORDER

from .conftest import HOSTILE_KEY, HOSTILE_NAME
from .pilot_helpers import settle, type_query

FORBIDDEN = ("\x1b", "\x07", "\u202e", "\x9b")


async def open_hostile(pilot: Pilot[None]) -> MainScreen:
    await settle(pilot)
    await type_query(pilot, "zebrafinch")
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    assert screen.reader.article is not None and screen.reader.article.path == HOSTILE_KEY
    return screen


async def test_hostile_text_renders_literally(hostile_settings: Settings) -> None:
    async with make_app(hostile_settings).run_test(size=(120, 40)) as pilot:
        screen = await open_hostile(pilot)
        shown = [w.render() for w in screen.reader.query(Static)]
        text = "\n".join(str(content) for content in shown)
        assert "[bold]Zebrafinch[/bold]" in text
        assert "[@click=app.quit]" in text
        assert "[link=file:///etc/passwd]x[/link]" in text
        assert "[/ with" in text
        assert not any(char in text for char in FORBIDDEN)
        # Nothing is styled by the brackets: the only spans are the app's own highlights.
        own_styles = {screen.reader.get_visual_style(f"reader--{kind}") for kind in HIGHLIGHT_ORDER}
        for content in shown:
            for span in content.spans:
                assert span.style in own_styles
        screenshot = pilot.app.export_screenshot()
        assert "[@click=app.quit]" in screenshot or "[@click=app.quit]" in screenshot.replace(
            "&#160;", " "
        )


async def test_hostile_row_in_list_is_literal(hostile_settings: Settings) -> None:
    async with make_app(hostile_settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "zebrafinch")
        article_list = pilot.app.screen.article_list
        rendered = "".join(
            segment.text for y in range(3) for segment in article_list.render_line(y)
        )
        assert "[bold]Zebrafinch[/bold]" in rendered
        assert not any(char in rendered for char in FORBIDDEN)


async def test_clicking_the_click_markup_does_nothing(hostile_settings: Settings) -> None:
    app = make_app(hostile_settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_hostile(pilot)
        title = screen.reader.query_one(".reader-title", Static)
        for x in range(0, 40):
            await pilot.click(title, offset=(x, 0))
        for paragraph in screen.reader.query(".reader-body"):
            for x in range(0, 60, 3):
                await pilot.click(paragraph, offset=(x, 0))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, MainScreen)
        # Clicking the list row with the hostile title opens it, nothing else.
        await pilot.click("#article-list", offset=(10, 0))
        await settle(pilot)
        assert app.is_running


async def test_vanished_article_is_reported_not_raised(hostile_settings: Settings) -> None:
    async with make_app(hostile_settings).run_test(size=(120, 40)) as pilot:
        screen = await open_hostile(pilot)
        (hostile_settings.articles_dir / HOSTILE_KEY).unlink()
        await pilot.press("enter")  # open it again from the list: the file is gone now
        await settle(pilot)
        assert pilot.app.is_running
        assert screen.reader.article is None
        message = str(screen.reader.query_one(".reader-message", Static).render())
        assert HOSTILE_KEY in message
        assert any(HOSTILE_KEY in n.message for n in pilot.app._notifications)
        # The index was brought back in step with the folder, so the stale hit is gone.
        assert HOSTILE_KEY not in [hit.path for hit in screen.article_list.hits]


async def test_markup_in_a_file_name_is_literal(hostile_settings: Settings) -> None:
    async with make_app(hostile_settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "quokka")
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        assert screen.reader.article is not None
        assert screen.reader.article.path == HOSTILE_NAME
        meta = str(screen.reader.query_one(".reader-meta", Static).render())
        assert HOSTILE_NAME in meta
        assert "[bold]nobody[/bold]" in str(screen.reader.query_one(".reader-body").render())


async def test_palette_shows_hostile_titles_literally(hostile_settings: Settings) -> None:
    async with make_app(hostile_settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Zebrafinch")
        await pilot.pause(0.5)
        assert "[bold]Zebrafinch[/bold]" in pilot.app.export_screenshot().replace("&#160;", " ")
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        assert screen.reader.article is not None and screen.reader.article.path == HOSTILE_KEY
        assert pilot.app.is_running
