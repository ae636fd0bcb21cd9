"""The main screen: search bar, article list and reader, wired to the index by thread workers."""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import Worker

from tui_reader.core.index import ArticleIndex, UpdateReport
from tui_reader.core.models import Article, SearchHit, SearchResults, SkippedFile
from tui_reader.core.sanitize import clean_line
from tui_reader.screens.index_workers import IndexWorkers
from tui_reader.widgets.article_body import ArticleFacts
from tui_reader.widgets.article_list import ArticleList
from tui_reader.widgets.facts_panel import FactsPanel
from tui_reader.widgets.reader_pane import Highlight, ReaderPane
from tui_reader.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui_reader.app import ReaderApp

SORT_MODES = ("relevance", "date", "title")
LIST_REFRESH_INTERVAL = 2.0  # seconds between list refreshes during a long first index
NARROW_WIDTH = 80


def _exempt_from_garbage_collection() -> None:
    """Leave the objects that live as long as the app to reference counting from now on.

    Once start-up is over, the widgets, the index's readers and the article list are tens of
    thousands of objects that stay. Python's oldest-generation collection walked them all
    every few seconds while typing: 43-60 ms with the interpreter held, on the UI thread or
    the search thread, which was the slowest keystrokes at 10,000 articles. Frozen, the same
    collections took under 12 ms. Garbage that is not a reference cycle is freed as before.
    Only the young generations are collected first (start-up's fresh cycles): a full
    collection here held the UI for 62 ms at 10k articles and 204 ms at 100k.
    """
    gc.collect(1)
    gc.freeze()


def sort_hits(hits: Sequence[SearchHit], mode: str) -> Sequence[SearchHit]:
    """Order hits by `mode`: relevance keeps the index order; date is newest first, undated last."""
    if mode == "date":
        dated = [hit for hit in hits if hit.date is not None]
        dated.sort(key=attrgetter("date"), reverse=True)
        return dated + [hit for hit in hits if hit.date is None]
    if mode == "title":
        return sorted(hits, key=lambda h: h.title.casefold())
    return hits


ARTICLE_KEYS = Binding.Group("Article", compact=True)
MATCH_KEYS = Binding.Group("Match", compact=True)
QUOTE_KEYS = Binding.Group("Quote", compact=True)


class MainScreen(IndexWorkers, Screen[None]):
    """Search bar on top, the article list on the left and the reader on the right."""

    app: ReaderApp

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: keys typed right after "/" (fast typing, a paste) must already reach the input.
        Binding("slash", "focus_search", "Search", id="main.search", priority=True),
        Binding("escape", "escape", "Back", id="main.escape"),
        Binding("tab", "cycle_focus(1)", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "cycle_focus(-1)", "Previous pane", show=False, id="main.prev_pane"),
        Binding("space,pagedown", "reader_page(1)", "Page down", show=False, id="main.page_down"),
        Binding("b,pageup", "reader_page(-1)", "Page up", show=False, id="main.page_up"),
        # Pairs share a footer entry ("[] Article"), so the footer fits 80 columns.
        Binding(
            "left_square_bracket",
            "step_article(-1)",
            "Prev article",
            id="main.prev_article",
            group=ARTICLE_KEYS,
        ),
        Binding(
            "right_square_bracket",
            "step_article(1)",
            "Next article",
            id="main.next_article",
            group=ARTICLE_KEYS,
        ),
        Binding("n", "step_match(1)", "Next match", id="main.next_match", group=MATCH_KEYS),
        Binding("N", "step_match(-1)", "Prev match", id="main.prev_match", group=MATCH_KEYS),
        Binding(
            "apostrophe",
            "step_quote(1)",
            "Next quote",
            key_display="'",
            id="main.next_quote",
            group=QUOTE_KEYS,
        ),
        Binding(
            "quotation_mark",
            "step_quote(-1)",
            "Prev quote",
            key_display='"',
            id="main.prev_quote",
            group=QUOTE_KEYS,
        ),
        Binding("h", "toggle_analysis", "Highlights", show=False, id="main.highlights"),
        Binding("f", "toggle_facts", "Facts", tooltip="Quotes and figures panel", id="main.facts"),
        Binding("s", "cycle_sort", "Sort", id="main.sort"),
        Binding("m", "toggle_bookmark", "Bookmark", show=False, id="main.bookmark"),
        Binding("ctrl+r", "rescan", "Rescan folder", show=False, id="main.rescan"),
        Binding("f2,ctrl+y", "accept_suggestion", "Did you mean", show=False, id="main.suggest"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index: ArticleIndex | None = None
        self.results: SearchResults | None = None
        self.all_hits: Sequence[SearchHit] = ()  # every article, for "open by title"
        self.sort_mode = SORT_MODES[0]
        self._open_top_when_ready = False
        self._last_list_refresh = 0.0
        self._rescan_asked = False  # the user asked (ctrl+r): say what the sync found
        self._memory_settled = False  # start-up's objects are exempt from the cyclic GC
        self._had_query = False  # whether the search bar held text at the last keystroke
        self._reader_terms: frozenset[str] = frozenset()  # the query terms the reader shows

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            yield ReaderPane(id="reader")
            yield FactsPanel(id="facts")
        yield Footer()

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def facts_panel(self) -> FactsPanel:
        return self.query_one(FactsPanel)

    def on_mount(self) -> None:
        state = self.app.user_state
        self.article_list.set_marks(state.read, state.bookmarks)
        self.article_list.border_title = f"Articles · {self.app.sub_title}"
        self.reader.set_analysis_shown(state.analysis_shown)
        self.facts_panel.show_facts((), ())
        self._focus_pane(self.article_list)
        self.search_bar.show_progress("Opening the index…")
        self.open_index()

    def on_unmount(self) -> None:
        if self.index is not None:
            self.index.close()  # release Whoosh's files; an unfinished update was told to stop
        if self._memory_settled:
            gc.unfreeze()  # collectable again: the app is going (or a test starts the next one)

    # ---- results of the workers (UI thread) ------------------------------------------------

    def handle_index_opened(self, index: ArticleIndex) -> None:
        self.index = index
        # Searchable now; the sync that follows stats every file (~1-2 s at 100k articles).
        self.search_bar.show_progress("Checking the folder for changes…")
        self._run_search(self.search_bar.value)

    def handle_indexing_progress(self, done: int, total: int) -> None:
        self.search_bar.show_progress(f"Indexing {done:,} / {total:,}…")
        now = time.monotonic()
        if now - self._last_list_refresh >= LIST_REFRESH_INTERVAL:
            self._last_list_refresh = now
            self._run_search(self.search_bar.value)

    def handle_index_updated(self, report: UpdateReport) -> None:
        self.search_bar.show_progress("")
        if not self._memory_settled:
            self._memory_settled = True
            _exempt_from_garbage_collection()
        if self._rescan_asked:
            self._rescan_asked = False
            changes = f"{report.added} new, {report.updated} changed, {report.removed} removed"
            nothing = not (report.added or report.updated or report.removed)
            self.notify("Folder unchanged." if nothing else f"Rescanned: {changes}.", markup=False)
        if report.skipped:
            count = len(report.skipped)
            noun = "file" if count == 1 else "files"
            self.notify(
                f"{count} {noun} skipped — see `tui-reader index`.",
                title="Some files were not read",
                severity="warning",
                markup=False,
            )
        if report.notice:
            self.notify(clean_line(report.notice), severity="warning", markup=False)
        if report.added or report.updated or report.removed or self.results is None:
            self._run_search(self.search_bar.value)

    def _run_search(self, query: str) -> None:
        if self.index is not None:
            self.request_search(self.index, query, self.article_list.rows_in_view())

    def handle_search_results(self, query: str, results: SearchResults) -> None:
        if query != self.search_bar.value:
            return  # a newer query is on its way; never let an old answer overwrite it
        same_query = self.results is None or self.results.query == query
        self.results = results
        if not query.strip():
            self.all_hits = results.hits
        # A new query puts the best match on top; a refresh of the same query keeps the place.
        keep = same_query and not self._open_top_when_ready
        self._fill_list(keep_key=self.article_list.current_key if keep else None)
        if self._open_top_when_ready:
            self._open_top_when_ready = False
            self.article_list.cursor = 0
            self._open_current()
        elif results.terms != self._reader_terms and self.reader.article is not None:
            # The open article still shows the old query's matches: find the new ones.
            self._reader_terms = results.terms
            if self.index is not None:
                self.find_matches(self.index, self.reader.article, results.terms)

    def _fill_list(self, keep_key: str | None) -> None:
        if self.results is None:
            return
        results = self.results
        hits = sort_hits(results.hits, self.sort_mode)
        self.article_list.set_hits(hits, snippets=bool(results.query.strip()), keep_key=keep_key)
        shown = self.sort_mode
        if shown == "relevance" and not results.query.strip():
            shown = "newest first"
        self.search_bar.show_results(results, shown)

    # ---- opening articles -------------------------------------------------------------------

    def _open_current(self) -> None:
        key = self.article_list.current_key
        if key is None or self.index is None:
            return
        terms = self.results.terms if self.results else frozenset()
        self._reader_terms = terms
        self.load_article(self.index, key, terms)
        self.app.mark_read(key)
        state = self.app.user_state
        self.article_list.set_marks(state.read, state.bookmarks)
        if self.has_class("-narrow"):
            self._focus_pane(self.reader)

    def handle_article_loaded(
        self,
        article: Article,
        highlights: list[Highlight],
        title: list[Highlight],
        facts: ArticleFacts,
    ) -> None:
        self.reader.show(article, highlights, title_highlights=title, facts=facts)
        self.facts_panel.show_facts(facts.quotes, facts.figures)

    def handle_matches_found(
        self, article: Article, highlights: list[Highlight], title: list[Highlight]
    ) -> None:
        if self.reader.article is article:  # not an article opened since
            self.reader.replace_matches(highlights, title)

    def handle_article_missing(self, skipped: SkippedFile) -> None:
        message = f"{clean_line(skipped.path, 200)}: {clean_line(skipped.reason, 200)}"
        self.reader.show_message(message)
        self.facts_panel.show_facts((), ())
        self.notify(message, title="Cannot open the article", severity="warning", markup=False)
        if self.index is not None and not self.indexing():
            self.resync_index(self.index)  # the folder changed under us: drop stale hits

    # ---- events -----------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "search" and event.worker.is_finished:
            self.search_worker_finished(event.worker)
        # Worker messages do not bubble: hand them to the app's single error reporter.
        self.app.report_worker_error(event)

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        self._run_search(event.query)
        has_query = bool(event.query)
        if has_query != self._had_query:
            # Esc's footer entry depends on whether there is a query. Only then: a footer
            # refresh rebuilds its widgets, which cost every keystroke the UI thread's time.
            self._had_query = has_query
            self.refresh_bindings()

    @on(SearchBar.Submitted)
    def _query_submitted(self, event: SearchBar.Submitted) -> None:
        self._focus_pane(self.article_list)
        if self.results is not None and self.results.query == event.query:
            self.article_list.cursor = 0
            self._open_current()
        else:
            self._open_top_when_ready = True

    @on(ArticleList.ArticleChosen)
    def _article_chosen(self, event: ArticleList.ArticleChosen) -> None:
        self._open_current()

    @on(FactsPanel.FactChosen)
    def _fact_chosen(self, event: FactsPanel.FactChosen) -> None:
        if self.has_class("-narrow"):
            # The panel stands in for the reader at this width: close it to show the quote.
            self.remove_class("-facts")
            self._focus_pane(self.reader)
        self.reader.show_span(event.start, event.end)

    def on_resize(self, event: Resize) -> None:
        narrow = event.size.width <= NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        footer = self.query_one(Footer)
        footer.compact = narrow
        footer.show_command_palette = not narrow  # Ctrl+P still works; the help lists it

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if event.widget is self.reader:
            self.add_class("-reading")
        elif event.widget is self.article_list:
            self.remove_class("-reading")

    # ---- actions ----------------------------------------------------------------------------

    def _panes(self) -> list[Widget]:
        panes: list[Widget] = [self.search_bar.input, self.article_list, self.reader]
        if self.has_class("-facts"):
            panes.append(self.facts_panel)
        return panes

    def _focus_pane(self, widget: Widget) -> None:
        if widget is self.reader:
            self.add_class("-reading")
        elif widget is self.article_list:
            self.remove_class("-reading")
        # Synchronously: `Widget.focus` defers, and keys already queued (a fast typist, a paste,
        # tmux send-keys "/Helenow") would go to the old widget.
        self.set_focus(widget)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            # Already in the search bar: let "/" be typed into the query.
            return self.focused is not self.search_bar.input
        if action == "escape":  # shown in the footer only when it does something
            narrow_reader = self.focused is self.reader and self.has_class("-narrow")
            searching = self.focused in (self.search_bar.input, self.facts_panel)
            return searching or narrow_reader or bool(self.search_bar.value)
        return True

    def action_focus_search(self) -> None:
        self._focus_pane(self.search_bar.input)

    def action_cycle_focus(self, step: int) -> None:
        panes = self._panes()
        focused = self.focused
        position = next((i for i, pane in enumerate(panes) if pane is focused), -1)
        self._focus_pane(panes[(position + step) % len(panes)])

    def action_escape(self) -> None:
        narrow_reader = self.focused is self.reader and self.has_class("-narrow")
        if self.focused is self.facts_panel:
            self.action_toggle_facts()
        elif self.focused is self.search_bar.input or narrow_reader:
            self._focus_pane(self.article_list)
        elif self.search_bar.value:
            self.search_bar.input.value = ""  # posts QueryChanged, which re-queries

    def action_reader_page(self, direction: int) -> None:
        if direction > 0:
            self.reader.scroll_page_down()
        else:
            self.reader.scroll_page_up()

    def action_step_article(self, delta: int) -> None:
        if self.article_list.move_cursor(delta):
            self._open_current()

    def action_step_match(self, delta: int) -> None:
        if not self.reader.step_match(delta):
            self.notify("No search matches in this article.", timeout=2, markup=False)

    def action_step_quote(self, delta: int) -> None:
        if not self.reader.step_quote(delta):
            self.notify("No quotes found in this article.", timeout=2, markup=False)
        elif self.has_class("-narrow") and not self.has_class("-facts"):
            self._focus_pane(self.reader)  # one pane at a time: show the reader to show the quote

    def action_toggle_analysis(self) -> None:
        shown = not self.reader.analysis_shown
        self.reader.set_analysis_shown(shown)
        self.app.set_analysis_shown(shown)

    def action_toggle_facts(self) -> None:
        opening = not self.has_class("-facts")
        self.set_class(opening, "-facts")
        if opening:
            self._focus_pane(self.facts_panel)
        elif self.focused is self.facts_panel or self.focused is None:
            self._focus_pane(self.reader if self.reader.article else self.article_list)

    def action_rescan(self) -> None:
        if self.index is None or self.indexing():
            self.notify("Indexing is already under way.", timeout=2, markup=False)
            return
        self._rescan_asked = True
        self.search_bar.show_progress("Rescanning the folder…")
        self.resync_index(self.index)

    def action_cycle_sort(self) -> None:
        self.sort_mode = SORT_MODES[(SORT_MODES.index(self.sort_mode) + 1) % len(SORT_MODES)]
        self._fill_list(keep_key=self.article_list.current_key)

    def action_toggle_bookmark(self) -> None:
        key = self.article_list.current_key
        if key is not None:
            self.app.toggle_bookmark(key)
            state = self.app.user_state
            self.article_list.set_marks(state.read, state.bookmarks)

    def action_accept_suggestion(self) -> None:
        suggestion = self.search_bar.suggestion
        if suggestion:
            self.search_bar.input.value = clean_line(suggestion, 200)
            self.search_bar.input.cursor_position = len(self.search_bar.input.value)

    def open_key(self, key: str) -> None:
        """Open the article `key` (from the command palette): show it in the list, then read it."""
        hits = self.article_list.hits
        position = next((i for i, hit in enumerate(hits) if hit.path == key), None)
        if position is None:
            self.search_bar.input.value = ""  # back to all articles; the re-query keeps the cursor
            self.results = None
            self.article_list.set_hits(self.all_hits, snippets=False, keep_key=key)
        else:
            self.article_list.cursor = position
        self._open_current()
