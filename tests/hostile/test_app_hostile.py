"""The app (Pilot) over the hostile folder: what reaches the screen is literal, inert and bounded.

tests/app/test_hostile_article.py checks one hostile article's widget content; these tests check
the rendered strips (what the terminal is sent) over the whole generated folder, the 4 MB article,
and files that change under a running app.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from tui_reader.app import make_app
from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.screens.main_screen import MainScreen
from tui_reader.widgets.reader_pane import MAX_RENDERED_CHARS

from ..app.pilot_helpers import settle
from .conftest import FORBIDDEN_CHARS, HostileCorpus, IndexedCorpus

SIZE = (120, 40)


def settings_for(root: Path, cache_root: Path, tmp_path: Path) -> Settings:
    return Settings(articles_dir=root, cache_root=cache_root, state_root=tmp_path / "state")


def rendered_strips(widgets: list[Widget]) -> list[Strip]:
    """What each widget sends to the terminal for its visible region."""
    strips: list[Strip] = []
    for widget in widgets:
        width, height = widget.size
        strips.extend(widget.render_lines(Region(0, 0, width, height)))
    return strips


def assert_inert(strips: list[Strip]) -> str:
    """No control characters, no links, no click actions in the strips; returns their text."""
    text = "\n".join(segment.text for strip in strips for segment in strip)
    leaked = [hex(ord(char)) for char in FORBIDDEN_CHARS if char in text]
    assert not leaked, f"{leaked} reached the screen"
    for strip in strips:
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            assert not style.link, f"a hyperlink reached the screen: {style.link}"
            assert "@click" not in (style.meta or {}), "a click action reached the screen"
    return text


async def search_and_open(pilot: Pilot, query: str, key: str) -> MainScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    # The whole query at once, not key by key: a typed prefix that matches the 4 MB article
    # re-reads it for its snippet on every keystroke (seconds each; reported to the index's owner).
    await pilot.press("slash")
    screen.search_bar.input.value = query
    await settle(pilot)
    assert [hit.path for hit in screen.article_list.hits] == [key]
    await pilot.press("enter")
    await settle(pilot)
    assert screen.reader.article is not None and screen.reader.article.path == key
    return screen


async def test_every_good_article_is_listed_and_the_skips_are_announced(
    indexed_hostile: IndexedCorpus, tmp_path: Path
) -> None:
    corpus = indexed_hostile.corpus
    app = make_app(settings_for(corpus.root, indexed_hostile.cache_root, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert {hit.path for hit in screen.article_list.hits} == set(corpus.good)
        messages = [notification.message for notification in app._notifications]
        assert any(f"{len(corpus.skipped)} files skipped" in m for m in messages), messages
        assert_inert(
            rendered_strips([screen.article_list, screen.search_bar, *screen.reader.query(Static)])
        )
        assert app.is_running


async def test_markup_and_escapes_reach_the_screen_literal_and_inert(
    indexed_hostile: IndexedCorpus, tmp_path: Path
) -> None:
    corpus = indexed_hostile.corpus
    app = make_app(settings_for(corpus.root, indexed_hostile.cache_root, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await search_and_open(pilot, "ibex", corpus.markup_key)
        reader_widgets = list(screen.reader.query(Static))
        text = assert_inert(rendered_strips([*reader_widgets, screen.article_list]))
        for literal in ("[bold red]X[/]", "[@click=app.quit]Y[/]", "[/ unclosed"):
            assert literal in text
        assert "[link=file:///etc/passwd]Z[/link]" in text.replace("\n", "")
        # Click on every cell where the click markup is drawn: it must do nothing.
        for widget in reader_widgets:
            width, height = widget.size
            for y, strip in enumerate(widget.render_lines(Region(0, 0, width, height))):
                line = "".join(segment.text for segment in strip)
                column = line.find("[@click")
                if column >= 0:
                    for x in range(column, min(column + 19, width), 3):
                        await pilot.click(widget, offset=(x, y))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert screen.reader.article is not None
        assert screen.reader.article.path == corpus.markup_key

        # The article whose *file name* carries escapes and markup.
        name_key = next(key for key in corpus.good if key.startswith("esc"))
        screen = await search_and_open(pilot, "gharial", name_key)
        text = assert_inert(rendered_strips(list(screen.reader.query(Static))))
        assert "[@click=app.quit]name.txt" in text


async def test_four_megabyte_article_is_cut_and_says_so(
    indexed_hostile: IndexedCorpus, tmp_path: Path
) -> None:
    corpus = indexed_hostile.corpus
    app = make_app(settings_for(corpus.root, indexed_hostile.cache_root, tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        started = time.perf_counter()
        screen.open_key(corpus.big_key)  # as the palette does: no search, no snippet
        await settle(pilot)
        elapsed = time.perf_counter() - started
        article = screen.reader.article
        assert article is not None and len(article.body) > 10 * MAX_RENDERED_CHARS
        frame = {"reader-title", "reader-meta", "reader-message"}
        paragraphs = [w for w in screen.reader.query(Static) if not frame & set(w.classes)]
        shown = sum(len(str(widget.render())) for widget in paragraphs)
        assert 0 < shown <= MAX_RENDERED_CHARS
        notes = [str(widget.render()) for widget in screen.reader.query(".reader-message")]
        assert any(f"of {len(article.body):,} characters" in note for note in notes), notes
        assert app.is_running
        # Informational (no timing assertions in tests): how long opening it took.
        print(f"4 MB article: {len(paragraphs)} paragraph widgets, opened in {elapsed:.2f} s")


async def test_files_deleted_or_edited_while_the_app_runs(
    small_hostile: HostileCorpus, tmp_path: Path
) -> None:
    app = make_app(settings_for(small_hostile.root, tmp_path / "cache", tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await search_and_open(pilot, "quokka", "plain.txt")
        (small_hostile.root / "plain.txt").unlink()
        await pilot.press("enter")  # open it again: it is gone now
        await settle(pilot)
        assert app.is_running
        assert screen.reader.article is None
        message = str(screen.reader.query_one(".reader-message", Static).render())
        assert "plain.txt" in message and "disappeared" in message
        # The stale hit is dropped once the index catches up with the folder.
        assert "plain.txt" not in {hit.path for hit in screen.article_list.hits}

        (small_hostile.root / "crlf.txt").write_text("Edited\n\nA capybara took over.\n", "utf-8")
        screen = await search_and_open(pilot, "okapi", "crlf.txt")  # the old hit, new text
        assert screen.reader.article is not None
        assert "capybara" in screen.reader.article.body


_HOLD_LOCK = """
import sys, time
from whoosh.filedb.filestore import FileStorage
writer = FileStorage(sys.argv[1]).open_index().writer()
print("locked", flush=True)
time.sleep(60)
"""


async def test_app_beside_another_instance_that_holds_the_write_lock(
    small_hostile: HostileCorpus, tmp_path: Path
) -> None:
    settings = settings_for(small_hostile.root, tmp_path / "cache", tmp_path)
    first = ArticleIndex.open(settings)
    first.update()
    first.close()
    (small_hostile.root / "late.txt").write_text("Late\n\nA walrus arrived.\n", "utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(settings.index_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        app = make_app(settings)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            messages = [notification.message for notification in app._notifications]
            assert any("Another tui-reader" in message for message in messages), messages
            assert {hit.path for hit in screen.article_list.hits} == set(small_hostile.good)
            assert app.is_running
    finally:
        holder.kill()
        holder.wait(timeout=10)
