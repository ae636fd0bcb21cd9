"""Thread workers for the main screen: open and sync the index, answer searches, load articles.

Every blocking core call runs here, off the UI thread; results come back through
`call_from_thread` to the `handle_…` hooks the screen implements. Searches run one at a time,
newest query next; a new article load cancels the one in flight; and the screen drops any answer
that is no longer current.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.worker import Worker, get_current_worker

from tui_reader.core.index import (
    EXACT_COUNT_UP_TO,
    FIRST_ROWS,
    HIT_LIMIT,
    SNIPPET_HITS,
    ArticleIndex,
    UpdateReport,
)
from tui_reader.core.models import Article, SearchResults, SkippedFile
from tui_reader.core.query import prefix_to_read_ahead
from tui_reader.widgets.article_body import ArticleFacts
from tui_reader.widgets.reader_pane import Highlight

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui_reader.app import ReaderApp

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object

PROGRESS_INTERVAL = 0.1  # seconds between progress repaints while indexing
FULL_ANSWER_PAUSE_S = 0.15  # the full answer (all rows, exact count) waits for this pause
WARM_AFTER_S = 0.03  # reading ahead for the next key waits until the answer has painted


@dataclass(frozen=True, slots=True)
class _SearchRequest:
    serial: int  # counts requests, so asking again for the same query is a new request
    index: ArticleIndex
    query: str
    rows_in_view: int | None = None  # the first answer cuts snippets for these rows only


class IndexingCancelled(Exception):
    """Raised from the progress callback to stop an update when the app is closing."""


class IndexWorkers(_ScreenBase):
    """Mixin for a screen owning an `ArticleIndex`; the screen implements the `handle_…` hooks."""

    app: ReaderApp
    index: ArticleIndex | None

    def __init__(self) -> None:
        super().__init__()
        # The search loop's state, touched on the UI thread only...
        self._search_worker: Worker[None] | None = None
        self._wanted_search: _SearchRequest | None = None
        self._search_requests = 0
        # ...but for this, set by each request, which ends the loop's wait for a typing pause.
        self._search_requested = threading.Event()

    # ---- hooks the screen implements (called on the UI thread) ------------------------------

    def handle_index_opened(self, index: ArticleIndex) -> None:
        raise NotImplementedError

    def handle_indexing_progress(self, done: int, total: int) -> None:
        raise NotImplementedError

    def handle_index_updated(self, report: UpdateReport) -> None:
        raise NotImplementedError

    def handle_search_results(self, query: str, results: SearchResults) -> None:
        raise NotImplementedError

    def handle_article_loaded(
        self,
        article: Article,
        highlights: list[Highlight],
        title: list[Highlight],
        facts: ArticleFacts,
    ) -> None:
        raise NotImplementedError

    def handle_matches_found(
        self, article: Article, highlights: list[Highlight], title: list[Highlight]
    ) -> None:
        raise NotImplementedError

    def handle_article_missing(self, skipped: SkippedFile) -> None:
        raise NotImplementedError

    # ---- workers ----------------------------------------------------------------------------

    @work(thread=True, group="index", exit_on_error=False, name="indexing")
    def open_index(self) -> None:
        """Open (or create, or rebuild) the index, then bring it in step with the folder."""
        index = ArticleIndex.open(self.app.settings)
        self.app.call_from_thread(self.handle_index_opened, index)
        self._sync_index(index)

    @work(thread=True, group="index", exit_on_error=False, name="indexing")
    def resync_index(self, index: ArticleIndex) -> None:
        """Sync the index with the folder again (files changed while the app runs)."""
        self._sync_index(index)

    def indexing(self) -> bool:
        """Whether an open or sync is still running."""
        return any(w.group == "index" and not w.is_finished for w in self.workers)

    def _sync_index(self, index: ArticleIndex) -> None:
        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            if worker.is_cancelled or not self.app.is_running:
                raise IndexingCancelled  # the app is closing: stop at the next file
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL or done == total:
                last = now
                self.app.call_from_thread(self.handle_indexing_progress, done, total)

        try:
            report = index.update(progress=progress)
        except IndexingCancelled:
            return
        self.app.call_from_thread(self.handle_index_updated, report)

    def request_search(
        self, index: ArticleIndex, query: str, rows_in_view: int | None = None
    ) -> None:
        """Search for `query` now, or as soon as the search in flight has answered.

        One search runs at a time and only the newest request waits behind it: while typing, a
        key pressed during a search costs at most that search plus its own, and the searches
        of keys typed in between are never run. (A fixed debounce added its delay to every
        key; one thread per key made the searches compete for the interpreter.) A request for
        the query in flight still runs again: the index may have changed since it started.
        `rows_in_view`: the rows the list shows, whose snippets each keystroke's answer cuts
        (each cold one reads an article file); the full answer after a pause cuts the rest.
        """
        self._search_requests += 1
        self._wanted_search = _SearchRequest(self._search_requests, index, query, rows_in_view)
        self._search_requested.set()
        if self._search_worker is None:
            self._search_worker = self._search_loop(self._wanted_search)

    def _next_search(self, answered: _SearchRequest) -> _SearchRequest | None:
        """UI thread: the request to answer after `answered`; None ends the loop (all answered)."""
        if self._wanted_search is None or self._wanted_search.serial == answered.serial:
            self._search_worker = self._wanted_search = None
            return None
        return self._wanted_search

    def search_worker_finished(self, worker: Worker[None]) -> None:
        """UI thread: a search loop ended; if it ended without asking (a failure), forget it."""
        if worker is self._search_worker:
            self._search_worker = None

    @work(thread=True, group="search", exit_on_error=False, name="search")
    def _search_loop(self, first: _SearchRequest) -> None:
        """Answer `first` (the last word as a prefix), then each newer request made meanwhile.

        Each answer comes in two steps. First the best `FIRST_ROWS` hits, counted exactly only
        up to `EXACT_COUNT_UP_TO`, no "did you mean" (fast: the list follows the typing). Then,
        once typing has paused for `FULL_ANSWER_PAUSE_S`, all `HIT_LIMIT` rows with the exact
        count (or a suggestion when nothing matched); that step gives up as soon as a newer
        request arrives.
        """
        worker = get_current_worker()
        request: _SearchRequest | None = first
        while request is not None and not worker.is_cancelled:
            current = request
            self._search_requested.clear()  # a request made from here on ends the pause early

            def superseded(current: _SearchRequest = current) -> bool:
                wanted = self._wanted_search  # set on the UI thread; a reference read is atomic
                return worker.is_cancelled or (wanted is not None and wanted is not current)

            query = current.query
            snippet_rows = min(current.rows_in_view or SNIPPET_HITS, SNIPPET_HITS)
            results = current.index.search(
                query,
                prefix_last=True,
                limit=FIRST_ROWS,
                exact_up_to=EXACT_COUNT_UP_TO,
                suggest=False,
                snippet_rows=snippet_rows,
            )
            self.app.call_from_thread(self.handle_search_results, query, results)
            # After the answer has had time to paint (they share the interpreter), read ahead
            # for the next key of a short word being typed.
            if prefix_to_read_ahead(query) and self._typing_paused(superseded, WARM_AFTER_S):
                current.index.warm_completions(query, superseded)
            if _may_have_more(results, snippet_rows) and self._typing_paused(superseded):
                everything = None if not query.strip() else HIT_LIMIT  # the whole list
                complete = current.index.search(
                    query, prefix_last=True, limit=everything, should_stop=superseded
                )
                if not complete.interrupted:
                    self.app.call_from_thread(self.handle_search_results, query, complete)
            request = self.app.call_from_thread(self._next_search, current)

    def _typing_paused(
        self, superseded: Callable[[], bool], pause_s: float = FULL_ANSWER_PAUSE_S
    ) -> bool:
        """Worker: wait `pause_s` for another key; True if none came.

        Reading ahead and the full answer would only slow the next keystroke's first answer
        down (they share the interpreter), so a typist who keeps typing never starts them.
        """
        if superseded():
            return False
        self._search_requested.wait(pause_s)
        return not superseded()

    @work(thread=True, exclusive=True, group="article", exit_on_error=False, name="opening")
    def load_article(self, index: ArticleIndex, key: str, terms: frozenset[str]) -> None:
        """Read the article `key` from disk with its match and analysis highlights."""
        loaded = index.load_article(key)
        if isinstance(loaded, SkippedFile):
            self.app.call_from_thread(self.handle_article_missing, loaded)
            return
        highlights, title = _match_highlights(index, loaded, terms)
        # Analysis is pure and may be slow on a long article: keep it off the UI thread too.
        facts = self.app.article_facts(loaded)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.handle_article_loaded, loaded, highlights, title, facts)

    @work(thread=True, exclusive=True, group="rematch", exit_on_error=False, name="highlighting")
    def find_matches(self, index: ArticleIndex, article: Article, terms: frozenset[str]) -> None:
        """Find the spans of `terms` in an open article (the query changed while it was open)."""
        highlights, title = _match_highlights(index, article, terms)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.handle_matches_found, article, highlights, title)


def _may_have_more(results: SearchResults, snippet_rows: int = SNIPPET_HITS) -> bool:
    """Whether a fuller search could add rows, make the count exact, suggest a spelling, or
    cut the snippets of rows past the `snippet_rows` that had them."""
    if not results.total_exact or results.total > len(results.hits):
        return True
    if not results.query.strip():
        return False  # the listing: no snippets, no suggestion
    nothing = results.total == 0 and not results.message
    return nothing or min(len(results.hits), SNIPPET_HITS) > snippet_rows


def _match_highlights(
    index: ArticleIndex, article: Article, terms: frozenset[str]
) -> tuple[list[Highlight], list[Highlight]]:
    """The search-match spans of `terms` in the body and in the title of `article`."""
    body = [Highlight(s, e, "match") for s, e in index.match_spans(article.body, terms)]
    title = [Highlight(s, e, "match") for s, e in index.match_spans(article.title, terms)]
    return body, title
