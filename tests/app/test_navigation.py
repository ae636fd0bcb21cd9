"""Keys: Enter opens, Tab cycles panes, n/N walk matches, [/] walk articles, s sorts, q quits."""

from __future__ import annotations

from tui_reader.app import make_app
from tui_reader.core.config import Settings
from tui_reader.screens.help_screen import HelpScreen
from tui_reader.screens.main_screen import MainScreen

from .pilot_helpers import main_screen, settle, type_query

PRESS_RELEASE = "004_aedbdc416bd6c622.txt"


async def test_enter_in_search_opens_top_result_with_highlights(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Helenow")
        await pilot.press("enter")
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.focused is screen.article_list
        assert screen.reader.article is not None
        assert screen.reader.article.path == PRESS_RELEASE
        assert screen.reader.match_count >= 1
        body = screen.reader.article.body
        paragraph = next(
            w for w in screen.reader.query(".reader-body") if "Helenow" in str(w.render())
        )
        match_style = screen.reader.get_visual_style("reader--match")
        spans = [s for s in paragraph.render().spans if s.style == match_style]
        text = str(paragraph.render())
        assert [text[s.start : s.end] for s in spans] == ["Helenow"]
        assert "Helenow" in body


async def test_enter_typed_fast_opens_the_final_top_result(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Helenow", "enter")  # Enter before the results are in
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.reader.article is not None
        assert screen.reader.article.path == PRESS_RELEASE


async def test_tab_cycles_search_list_reader(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.focused is screen.article_list
        await pilot.press("tab")
        assert screen.focused is screen.reader
        await pilot.press("tab")
        assert screen.focused is screen.search_bar.input
        await pilot.press("tab")
        assert screen.focused is screen.article_list
        await pilot.press("shift+tab")
        assert screen.focused is screen.search_bar.input


async def test_n_and_shift_n_walk_the_matches(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Poland")
        await pilot.press("enter")
        await settle(pilot)
        reader = main_screen(pilot).reader
        total = reader.match_count
        assert total >= 2
        await pilot.press("n")
        assert reader.match_index == 0
        assert str(reader.border_subtitle) == f"match 1/{total}"
        await pilot.press("n")
        assert str(reader.border_subtitle) == f"match 2/{total}"
        await pilot.press("N", "N")
        assert str(reader.border_subtitle) == f"match {total}/{total}"  # wraps around


async def test_n_scrolls_the_match_into_view(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Poland")
        await pilot.press("enter")
        await settle(pilot)
        reader = main_screen(pilot).reader
        await pilot.press("N")  # the last match, far down a long article
        for _ in range(20):  # the scroll happens after the next refresh
            if reader.scroll_y > 0:
                break
            await pilot.pause(0.05)
        assert reader.scroll_y > 0


async def test_brackets_step_through_articles(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        hits = screen.article_list.hits
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.path == hits[1].path
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.reader.article.path == hits[2].path
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.reader.article.path == hits[1].path


async def test_j_k_g_move_the_cursor_and_enter_opens(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("j", "j")
        assert screen.article_list.cursor == 2
        await pilot.press("k")
        assert screen.article_list.cursor == 1
        await pilot.press("G")
        assert screen.article_list.cursor == 4
        await pilot.press("g")
        assert screen.article_list.cursor == 0
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.reader.article is not None
        assert screen.reader.article.path == screen.article_list.hits[1].path


async def test_click_on_a_row_opens_it(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        # Rows are two lines tall; the third row starts on line 4 of the list's content.
        await pilot.click("#article-list", offset=(5, 5))
        await settle(pilot)
        assert screen.reader.article is not None
        assert screen.reader.article.path == screen.article_list.hits[2].path


async def test_cursor_row_recolours_when_the_list_gains_focus(settings: Settings) -> None:
    """The list keeps drawn lines between frames; a focus change must not leave old colours."""
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("slash")  # the search bar has focus, the list's cursor is dimmed
        await pilot.pause()
        article_list = screen.article_list
        blurred = {segment.style for segment in article_list.render_line(0)}
        article_list.focus()
        await pilot.pause()
        focused = {segment.style for segment in article_list.render_line(0)}
        assert blurred != focused
        expected = article_list.get_visual_style("article-list--cursor").rich_style
        assert any(style is not None and style.bgcolor == expected.bgcolor for style in focused)


async def test_s_cycles_the_sort(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("s")
        assert screen.sort_mode == "date"
        dates = [hit.date for hit in screen.article_list.hits if hit.date]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("s")
        assert screen.sort_mode == "title"
        titles = [hit.title.casefold() for hit in screen.article_list.hits]
        assert titles == sorted(titles)
        assert "sorted by title" in str(screen.query_one("#search-status").render())
        await pilot.press("s")
        assert screen.sort_mode == "relevance"


async def test_space_and_b_page_the_reader(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Helenow")
        await pilot.press("enter")
        await settle(pilot)
        reader = main_screen(pilot).reader
        await pilot.press("space")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert reader.scroll_y > 0
        await pilot.press("b")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("tab", "pagedown")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert reader.scroll_y > 0


async def test_help_screen_opens_and_closes(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = str(pilot.app.screen.query_one("#help-table").render())
        assert "Next / previous search match" in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("q")  # closes help, does not quit
        assert isinstance(pilot.app.screen, MainScreen)
        assert pilot.app.is_running


async def test_q_quits_but_is_typed_in_the_search_bar(settings: Settings) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        assert main_screen(pilot).search_bar.value == "q"
        assert app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_palette_opens_an_article_by_title(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"UKPoland security")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.reader.article is not None
        assert screen.reader.article.path == PRESS_RELEASE


async def test_narrow_terminal_switches_between_list_and_reader(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.has_class("-narrow")
        assert screen.article_list.display and not screen.reader.display
        await pilot.press("enter")
        await settle(pilot)
        assert screen.focused is screen.reader
        assert screen.reader.display and not screen.article_list.display
        await pilot.press("escape")
        assert screen.focused is screen.article_list
        assert screen.article_list.display
