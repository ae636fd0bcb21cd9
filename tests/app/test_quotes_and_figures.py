"""The reader's analysis: quotes and figures highlighted, ' / " walk quotes, h hides, f lists."""

from __future__ import annotations

from textual.widgets import Static

from tui_reader.app import make_app
from tui_reader.core.config import Settings
from tui_reader.core.state import load_state
from tui_reader.screens.main_screen import MainScreen

from .pilot_helpers import open_article, settle

DEFENCE_DEAL = "000_c15910e633379157.txt"  # quotes John Healey; has £270 billion
PRESS_RELEASE = "004_aedbdc416bd6c622.txt"  # two multi-paragraph quotes


def styled_texts(screen: MainScreen, component: str) -> list[str]:
    """The body text drawn with the reader's `component` style, one string per span."""
    style = screen.reader.get_visual_style(component)
    found: list[str] = []
    for widget in screen.reader.query(".reader-body"):
        assert isinstance(widget, Static)
        content = widget.render()
        text = str(content)
        found += [text[s.start : s.end] for s in content.spans if s.style == style]
    return found


async def test_quote_and_figure_are_styled_apart_from_the_text(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "Healey", DEFENCE_DEAL)
        assert "£270 billion" in styled_texts(screen, "reader--figure")
        quotes = styled_texts(screen, "reader--quote")
        assert any(q.startswith("The UK and Poland’s defence relationship") for q in quotes)
        assert screen.reader.get_visual_style("reader--quote") != screen.reader.get_visual_style(
            "reader--figure"
        )
        legend = str(screen.query_one(".reader-legend", Static).render())
        assert "1 quote" in legend and "6 figures" in legend


async def test_apostrophe_and_quotation_mark_walk_the_quotes(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "Helenow", PRESS_RELEASE)
        reader = screen.reader
        assert reader.quote_count == 2
        await pilot.press("apostrophe")
        assert reader.quote_index == 0
        assert "quote 1/2" in str(reader.border_subtitle)
        first = reader.mark
        assert first is not None and reader.article is not None
        assert reader.article.body[first.start : first.end].startswith("The UK and Poland")
        assert styled_texts(screen, "reader--mark")  # the quote jumped to stands out
        await pilot.press("apostrophe")
        assert reader.quote_index == 1
        await pilot.press("apostrophe")
        assert reader.quote_index == 0  # wraps
        await pilot.press("quotation_mark")
        assert reader.quote_index == 1
        assert "quote 2/2" in str(reader.border_subtitle)


async def test_h_hides_the_highlighting_and_is_remembered(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "Healey", DEFENCE_DEAL)
        await pilot.press("tab")  # to the reader; h is a reader key, not typed text
        await pilot.press("h")
        assert not styled_texts(screen, "reader--figure")
        assert not styled_texts(screen, "reader--quote")
        assert styled_texts(screen, "reader--match")  # search matches still show
        assert "highlighting off" in str(screen.query_one(".reader-legend", Static).render())
        await settle(pilot)
    assert load_state(settings.state_root).state.analysis_shown is False
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "Healey", DEFENCE_DEAL)
        assert not styled_texts(screen, "reader--figure")
        await pilot.press("tab", "h")
        assert "£270 billion" in styled_texts(screen, "reader--figure")


async def test_facts_panel_lists_quotes_and_figures_and_shows_the_chosen_one(
    settings: Settings,
) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "Healey", DEFENCE_DEAL)
        panel = screen.facts_panel
        assert not panel.display
        await pilot.press("f")
        assert panel.display and screen.focused is panel
        lines = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any(line.startswith("John Healey: “The UK and Poland") for line in lines)
        assert any("£270 billion" in line for line in lines)
        target = next(i for i, line in enumerate(lines) if "£270 billion" in line)
        panel.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        mark = screen.reader.mark
        assert mark is not None and screen.reader.article is not None
        assert screen.reader.article.body[mark.start : mark.end] == "£270 billion"
        await pilot.press("escape")
        assert not panel.display


async def test_facts_panel_replaces_the_panes_when_narrow(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(80, 24)) as pilot:
        screen = await open_article(pilot, "Helenow", PRESS_RELEASE)
        await pilot.press("f")
        assert screen.facts_panel.display
        assert not screen.reader.display and not screen.article_list.display
        await pilot.press("down", "enter")  # the first quote
        await pilot.pause()
        assert not screen.facts_panel.display
        assert screen.reader.display and screen.focused is screen.reader
        assert screen.reader.mark is not None


async def test_a_fact_chosen_when_narrow_is_scrolled_into_view(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(80, 24)) as pilot:
        await open_article(pilot, "Healey", DEFENCE_DEAL)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("down", "enter")  # the Healey quote, half-way down the article
        await settle(pilot)
        await pilot.pause(0.2)  # the scroll waits for the reader to be laid out again
        shown = pilot.app.export_screenshot().replace("&#160;", " ")
        assert "never been stronger" in shown


async def test_new_query_rehighlights_the_open_article(settings: Settings) -> None:
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "Helenow", PRESS_RELEASE)
        assert styled_texts(screen, "reader--match") == ["Helenow"]
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"Warsaw")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.path == PRESS_RELEASE
        matches = styled_texts(screen, "reader--match")
        assert matches and set(matches) == {"Warsaw"}


async def test_a_mark_on_a_quote_over_several_chunks_moves_off_all_of_them(
    settings: Settings,
) -> None:
    words = "the harbour board will rebuild the eastern pier before winter storms " * 25
    long_quote = "\n\n".join(f'"Okapi paragraph {n}: {words}' for n in range(3)) + '"'
    text = f'Okapi harbour plan\n\nThe mayor said:\n\n{long_quote}\n\nLater she said: "Done."\n'
    (settings.articles_dir / "okapi.txt").write_text(text, encoding="utf-8")
    async with make_app(settings).run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "okapi", "okapi.txt")
        assert screen.reader.quote_count == 2
        await pilot.press("apostrophe")  # the long quote, over more than one chunk
        marked = styled_texts(screen, "reader--mark")
        assert len(marked) >= 2 and marked[0].startswith("Okapi paragraph 0")
        await pilot.press("apostrophe")  # on to "Done."
        assert styled_texts(screen, "reader--mark") == ["Done."]
