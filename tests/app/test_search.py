"""Search as you type: the list follows the query, stale answers never win, bad queries explain."""

from __future__ import annotations

from tui_reader.app import make_app
from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.core.models import SearchResults
from tui_reader.screens.main_screen import MainScreen

from .pilot_helpers import settle, type_query

PRESS_RELEASE = "004_aedbdc416bd6c622.txt"


def status_text(screen: MainScreen) -> str:
    return str(screen.query_one("#search-status").render())


async def test_start_lists_every_article(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.article_list.hits) == 5
        assert "5 articles" in status_text(screen)


async def test_typing_a_query_updates_the_list(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Helen")  # the last word counts as a prefix
        screen = pilot.app.screen
        assert [hit.path for hit in screen.article_list.hits] == [PRESS_RELEASE]
        assert "1 match" in status_text(screen)


async def test_fast_typing_ends_on_the_final_query(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # No settling between keys: several searches overlap and finish in any order.
        await pilot.press("slash", *"defence", *["backspace"] * 7, *"Helenow")
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.search_bar.value == "Helenow"
        assert [hit.path for hit in screen.article_list.hits] == [PRESS_RELEASE]


async def test_a_stale_answer_is_dropped(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Helenow")
        screen = pilot.app.screen
        # An answer for an older query arriving late must not replace the current list.
        stale = SearchResults(query="Poland", hits=[], total=0)
        screen.handle_search_results("Poland", stale)
        await pilot.pause()
        assert [hit.path for hit in screen.article_list.hits] == [PRESS_RELEASE]
        assert screen.results is not None and screen.results.query == "Helenow"


async def test_list_matches_the_index_for_the_same_query(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "defence treaty")
        shown = [hit.path for hit in pilot.app.screen.article_list.hits]
    index = ArticleIndex.open(settings)
    try:
        expected = [hit.path for hit in index.search("defence treaty", prefix_last=True).hits]
    finally:
        index.close()
    assert shown == expected and shown


async def test_invalid_query_shows_a_message_not_a_crash(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "date:[0000 to 9999]")
        screen = pilot.app.screen
        assert "Could not parse the query" in status_text(screen)
        assert pilot.app.is_running


async def test_did_you_mean_is_accepted_with_f2(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "polnd")
        screen = pilot.app.screen
        assert "Did you mean “poland”" in status_text(screen)
        await pilot.press("f2")
        await settle(pilot)
        assert screen.search_bar.value == "poland"
        assert len(screen.article_list.hits) == 5


async def test_escape_leaves_then_clears_the_search(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Helenow")
        screen = pilot.app.screen
        await pilot.press("escape")
        assert screen.focused is screen.article_list
        assert screen.search_bar.value == "Helenow"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.search_bar.value == ""
        assert len(screen.article_list.hits) == 5


async def test_slash_is_typed_when_already_searching(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a", "slash", "b")
        assert pilot.app.screen.search_bar.value == "a/b"


async def test_ctrl_r_indexes_a_file_added_while_running(settings: Settings) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert len(screen.article_list.hits) == 5
        (settings.articles_dir / "new.txt").write_text(
            "Wombat census published\n\nThe wombat count rose this year.\n", encoding="utf-8"
        )
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(screen.article_list.hits) == 6
        assert any("1 new" in n.message for n in app._notifications)
        await type_query(pilot, "wombat")
        assert [hit.path for hit in screen.article_list.hits] == ["new.txt"]


async def test_a_lower_bound_count_is_shown_with_a_plus(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        partial = SearchResults(query="x", hits=[], total=1000, total_exact=False)
        screen.search_bar.show_results(partial, "relevance")
        await pilot.pause()
        assert "1,000+ matches" in str(screen.query_one("#search-status").render())


async def test_each_key_cuts_snippets_for_the_rows_on_screen_and_a_pause_the_rest(
    settings: Settings,
) -> None:
    # A cold snippet reads its article file; rows below the list's height wait for the pause.
    folder = settings.articles_dir
    for number in range(20):
        (folder / f"harbour{number:02}.txt").write_text(
            f"Harbour note {number}\n\nThe harbour master logged boat {number} at dawn.\n",
            encoding="utf-8",
        )
    async with make_app(settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        on_screen = screen.article_list.rows_in_view()
        assert on_screen is not None and on_screen < 15
        first = screen.index.search(
            "harbour", prefix_last=True, limit=50, snippet_rows=on_screen, suggest=False
        )
        assert [bool(hit.snippet_marks) for hit in first.hits[:15]] == (
            [True] * on_screen + [False] * (15 - on_screen)
        )
        await type_query(pilot, "harbour")  # settles after the full answer too
        hits = screen.article_list.hits
        assert len(hits) == 20 and all(hit.snippet_marks for hit in hits[:15])
