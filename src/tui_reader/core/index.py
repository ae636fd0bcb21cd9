"""`ArticleIndex`: the one object the UI and CLI use to index a folder and search it.

All methods block (run them in a worker thread) and none raises for bad input or a damaged index.
One searcher is kept and refreshed after each commit: a new searcher per query cost ~45 ms at
10k articles. Whoosh's file reads are not thread-safe, so the searcher is used under a lock.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, TypeVar

from whoosh import query
from whoosh.collectors import Collector, TimeLimit, TimeLimitCollector
from whoosh.searching import Searcher

from tui_reader.core import query as query_front
from tui_reader.core.collectors import OutOfTime, StopCollecting, ThresholdTopCollector
from tui_reader.core.config import Settings
from tui_reader.core.corpus import FileStamp, path_for_key, read_article
from tui_reader.core.index_store import open_or_create
from tui_reader.core.index_sync import IndexSync, UpdateReport
from tui_reader.core.matches import make_snippet, match_spans, snippet_spans
from tui_reader.core.models import Article, SearchHit, SearchResults, SkippedFile
from tui_reader.core.newest import newest_docnums
from tui_reader.core.ranking import SaturatedTfIdf
from tui_reader.core.schema import TEXT_FIELDS, build_schema, text_analyzer
from tui_reader.core.suggest import suggest_query
from tui_reader.core.term_at_a_time import TermScoresCache, evaluate
from tui_reader.core.vocabulary import FIELD as VOCABULARY_FIELD
from tui_reader.core.vocabulary import Vocabulary

SKIP_MEMORY_NAME = "skipped-files.json"
SNIPPET_HITS = 15  # snippets only for the rows a user can see without scrolling far
HIT_LIMIT = 200  # rows a query returns by default (the count covers every match)
# Search as you type asks first for FIRST_ROWS rows (a few screens of the list), counted exactly
# up to EXACT_COUNT_UP_TO matches, then, when typing pauses, for everything.
FIRST_ROWS = 50
EXACT_COUNT_UP_TO = 1000
SEARCH_TIME_BUDGET_S = 2.0
WARMED_COMPLETIONS = 4  # next letters read ahead for a 2-letter word (the most frequent ones)
ARTICLE_CACHE_SIZE = 1024  # parsed articles kept for snippets: typing re-reads the same ones
SNIPPET_CACHE_SIZE = 4096  # cut snippets kept, by article, file stamp and matched words
SORT_ORDERS = ("relevance", "date", "title")
NEWEST_DAY_ROWS = 1000  # the start-up list reads this many of its last day, to order them


__all__ = ["ArticleIndex", "UpdateReport"]

ProgressCallback = Callable[[int, int], None]


class ArticleIndex:
    """A Whoosh index over one articles folder. Create with `ArticleIndex.open(settings)`."""

    def __init__(self, settings: Settings, *, rebuild: bool = False) -> None:
        self.settings = settings
        opened = open_or_create(settings.index_dir, settings.articles_dir, rebuild=rebuild)
        self._index = opened.index
        self._directory = opened.directory
        self.notice = opened.notice  # how it was opened, for the first UpdateReport
        self._lock = threading.RLock()
        self._closed = False
        self._searcher: Searcher = self._index.searcher(weighting=SaturatedTfIdf())
        self._term_scores = TermScoresCache()  # belongs to `_searcher`: replaced with it
        # (rows asked for, the newest rows by date): the start-up listing, for `_searcher`.
        self._newest: tuple[int, list[SearchHit]] | None = None
        self._analyzer = text_analyzer()
        self._parser = query_front.make_parser(build_schema())
        # From one pass over the stored records, once per searcher (100k records take ~1.3 s):
        # every article newest first, and each one's (size, mtime_ns) for the next sync. Built
        # with its own reader, so searches need not wait for it.
        self._stored: _StoredSummary | None = None
        self._stored_lock = threading.Lock()
        self._searcher_serial = 0  # counts searchers: a summary built for an older one is stale
        # Parsed articles and cut snippets, by file stamp (key, size, mtime_ns): typing asks
        # for the same ones again and again, and an edited file has another stamp.
        self._articles: _RecentlyUsed[tuple[str, int, int], Article] = _RecentlyUsed(
            ARTICLE_CACHE_SIZE
        )
        self._snippets: _RecentlyUsed[tuple[str, int, int, frozenset[str]], _Snippet] = (
            _RecentlyUsed(SNIPPET_CACHE_SIZE)
        )
        self._vocabulary = Vocabulary()  # body words in memory, for fuzzy matching

    @classmethod
    def open(cls, settings: Settings, *, rebuild: bool = False) -> ArticleIndex:
        """Open (or create, or rebuild) the index for `settings.articles_dir`."""
        return cls(settings, rebuild=rebuild)

    @property
    def doc_count(self) -> int:
        with self._lock:
            return self._searcher.doc_count()

    def close(self) -> None:
        """Release the index files. Safe to call twice."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._searcher.close()
                self._index.close()

    def refresh(self) -> None:
        """See the latest committed state (after our own or another process's commit)."""
        with self._lock:
            old = self._searcher
            if old.up_to_date():
                return
            # A new searcher, not `old.refresh()`: Whoosh's refresh reuses segment readers by
            # segment name, so deletions committed to an existing segment stay invisible, and
            # it cannot refresh from an empty index at all. ~50 ms, only after a commit.
            self._searcher = self._index.searcher(weighting=SaturatedTfIdf())
            self._term_scores = TermScoresCache()
            self._newest = None
            self._searcher_serial += 1
            self._stored = None
            old.close()

    # -- keeping the index in step with the folder ------------------------------------------

    def update(self, progress: ProgressCallback | None = None) -> UpdateReport:
        """Index new and changed files, drop deleted ones; commits in batches as it goes.

        `progress(done, total)` is called after each file and, during a commit, every ~5,000
        postings with the same figures. An exception it raises stops the sync there (a commit
        in flight is abandoned, the last committed state kept) and propagates.
        """
        indexed = dict(self._stored_summary().stamps)
        sync = IndexSync(
            self._index,
            self.settings.articles_dir,
            on_commit=self.refresh,
            skip_memory=self._directory / SKIP_MEMORY_NAME if self._directory else None,
        )
        report = sync.run(indexed, progress)
        # How the index was opened (rebuilt, in memory) is told once, with the first update.
        report.notice = " ".join(n for n in (self.notice, report.notice) if n) or None
        self.notice = None
        return report

    def load_article(self, key: str) -> Article | SkippedFile:
        """Read the article behind `key` from disk now (it may have changed or gone)."""
        return read_article_by_key(self.settings, key)

    def _cached_article(self, key: str) -> Article | None:
        """The parsed article for a snippet, re-read only when its file changed."""
        path = path_for_key(self.settings.articles_dir, key)
        try:
            info = path.stat()
        except OSError:
            return None
        return self._article_as_of(key, path, info)

    def _article_as_of(self, key: str, path: Path, info: os.stat_result) -> Article | None:
        stamp = (key, info.st_size, info.st_mtime_ns)
        article = self._articles.get(stamp)
        if article is None:
            read = read_article(FileStamp(key, path, info.st_size, info.st_mtime_ns))
            if not isinstance(read, Article):
                return None
            article = read
            self._articles.put(stamp, article)
        return article

    # -- searching ----------------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        limit: int | None = HIT_LIMIT,
        prefix_last: bool = False,
        sort: str = "relevance",
        exact_up_to: int | None = None,
        should_stop: Callable[[], bool] | None = None,
        suggest: bool = True,
        snippet_rows: int = SNIPPET_HITS,
    ) -> SearchResults:
        """Run a user's query. Never raises.

        Args:
            text: The query as typed. Empty lists every article newest first (all of them,
                unless that list is not built yet and `limit` is set: then the newest `limit`).
            limit: Most hits to return (`total` still counts the matches); None for all.
            prefix_last: The last word is still being typed: also match its completions.
            sort: "relevance", "date" (newest first, undated last) or "title".
            exact_up_to: Count matches exactly only up to this many, then find the best hits
                faster without visiting every match (`total_exact` is then False and `total`
                a lower bound). None: always count exactly.
            should_stop: Polled during the search; when it returns True the search gives up
                and the results say `interrupted` (a newer query made this one stale).
            suggest: Look for a "did you mean" when nothing matches (a vocabulary walk of up
                to ~100 ms at 10k articles: worth it when typing pauses, not on every key).
            snippet_rows: Snippets for this many of the first hits (the rows on screen): a
                cold snippet reads and parses its article file.
        """
        started = time.perf_counter()
        to_parse = text
        if prefix_last:  # still being typed: search what the user is on the way to
            to_parse = self._without_unfinished_word(query_front.without_open_quote(text))
        if not to_parse.strip():
            return self._listing(text, limit, sort)
        parsed = query_front.parse_query(to_parse, self._parser)
        prefix = query_front.trailing_prefix(parsed.text) if prefix_last else None
        notes = [parsed.note] if parsed.note else []
        with self._lock:
            searcher = self._searcher
            q = parsed.query
            if prefix:
                q = query_front.with_typed_prefix(q, searcher, prefix)
            if q is not None:
                q, capped = query_front.expand_multiterms(q, searcher.reader(), self._fuzzy_words)
                if capped:
                    notes.append(
                        f"A wildcard or fuzzy word matched over "
                        f"{query_front.MAX_TERM_EXPANSIONS} words; only the first were searched."
                    )
            if q is None:
                return SearchResults(text, message=" ".join(notes) or None)
            try:
                run = self._run(searcher, q, limit, sort, exact_up_to, should_stop)
            except StopCollecting:
                return SearchResults(text, interrupted=True)
            terms = self._matched_terms(searcher, q)
            suggestion = (
                suggest_query(
                    searcher.reader(),
                    self._analyzer,
                    parsed.text,
                    self._surface_form,
                    self._vocabulary.within,
                )
                if run.total == 0 and suggest
                else None
            )
        if should_stop is not None and should_stop():
            return SearchResults(text, interrupted=True)  # before the snippets' file reads
        hits = self._with_snippets(run.hits, terms, snippet_rows)
        if run.timed_out:
            notes.append("Search took too long; showing the results found so far.")
        return SearchResults(
            query=text,
            hits=hits,
            total=run.total,
            total_exact=run.total_exact,
            terms=terms,
            suggestion=suggestion,
            message=" ".join(notes) or None,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def warm_completions(self, text: str, should_stop: Callable[[], bool]) -> int:
        """While typing pauses, read the posting lists the next key most likely needs.

        A last word of 2 letters is not searched yet (`search` drops it); one more letter
        makes it a prefix, and that keystroke reads its most frequent completions cold, the
        slowest of a word (~15 ms of ~35 at 10k articles, ~80 of ~100 at 100k). For the most
        likely next letters, the term that letter's prefix will read first goes into the term
        cache now (`query.next_letter_completions`). Stops between terms once `should_stop()`
        says so. Returns how many terms were read.
        """
        prefix = query_front.prefix_to_read_ahead(text)
        if prefix is None:
            return 0
        with self._lock:
            completions = query_front.next_letter_completions(
                self._searcher.reader(), "body", prefix, WARMED_COMPLETIONS
            )
        read = 0
        for term in completions:
            if should_stop():  # `evaluate` polls after each read, so never for a cached term
                break
            # A term at a time, so a commit's refresh need not wait for them all; and a newer
            # key stops the read between two segments (a frequent term's list takes ~100 ms
            # at 100k articles, most of the gap between two keys): the segments read so far
            # stay cached.
            try:
                with self._lock:
                    evaluate(
                        self._searcher,
                        query.Term("body", term),
                        1,
                        should_stop=should_stop,
                        cache=self._term_scores,
                    )
            except StopCollecting:
                break
            read += 1
        return read

    def match_spans(self, text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
        """Where the matched query words occur in `text`, for highlighting in the reader."""
        return match_spans(text, terms, self._analyzer)

    def more_like_this(self, key: str, limit: int = 10) -> list[SearchHit]:
        """Articles whose wording is closest to the article `key`'s."""
        article = self.load_article(key)
        if not isinstance(article, Article):
            return []
        with self._lock:
            searcher = self._searcher
            docnum = searcher.document_number(path=key)
            if docnum is None:
                return []
            results = searcher.more_like(docnum, "body", text=article.body, top=limit)
            return [_hit(r.fields(), r.score or 0.0) for r in results]

    # -- internals ------------------------------------------------------------------------

    def _listing(self, text: str, limit: int | None, sort: str) -> SearchResults:
        """The empty query: every article newest first, or the newest `limit` for a start."""
        summary = self._stored
        if summary is None and limit is not None:
            # Building the whole list reads every stored record (~1.3 s at 100k articles):
            # the first screenful comes from the day column instead (~30 ms at 100k; kept for
            # the searcher: typing one or two letters asks for it again). The whole newest
            # day is read (up to `NEWEST_DAY_ROWS`), so that titles order it as in the full
            # list (an undated folder is all one "day": its first rows may differ from it).
            with self._lock:
                searcher = self._searcher
                asked, newest = self._newest or (0, [])
                if asked < limit:
                    docnums = newest_docnums(searcher, "day_number", limit, NEWEST_DAY_ROWS)
                    hits = [_hit(searcher.reader().stored_fields(d), 0.0) for d in docnums]
                    newest = _newest_first(hits)[:limit]
                    self._newest = (limit, newest)
                hits = newest[:limit]
                total = searcher.doc_count()
        else:
            hits = self._stored_summary().listing
            total = len(hits)
        if sort == "title":
            hits = sorted(hits, key=lambda h: h.title.casefold())
        return SearchResults(text, hits, total=max(total, len(hits)))

    def _stored_summary(self) -> _StoredSummary:
        with self._stored_lock:
            if self._stored is not None:
                return self._stored
            serial = self._searcher_serial
            stamps: dict[str, tuple[object, object]] = {}
            reader = self._index.reader()  # its own file handles: no searcher lock needed
            try:
                by_docnum: list[SearchHit | None] = [None] * reader.doc_count_all()
                for docnum, fields in reader.iter_docs():
                    hit = by_docnum[docnum] = _hit(fields, 0.0)
                    stamps[hit.path] = (fields.get("size"), fields.get("mtime_ns"))
                generation = reader.generation()
            finally:
                reader.close()
            hits = _newest_first([hit for hit in by_docnum if hit is not None])
            summary = _StoredSummary(hits, stamps, by_docnum, generation)
            if serial == self._searcher_serial:  # no commit came in meanwhile
                self._stored = summary
            return summary

    def _run(
        self,
        searcher: Searcher,
        q: query.Query,
        limit: int | None,
        sort: str,
        exact_up_to: int | None,
        should_stop: Callable[[], bool] | None,
    ) -> _Run:
        deadline = time.monotonic() + SEARCH_TIME_BUDGET_S
        if sort != "date" and limit is not None:
            # Words, AND, OR, NOT and phrases: a posting list at a time (term_at_a_time).
            evaluated = evaluate(searcher, q, limit, should_stop, self._term_scores, exact_up_to)
            if evaluated is not None:
                hits = [self._hit_for(searcher, docnum, score) for score, docnum in evaluated.top]
                if sort == "title":
                    hits.sort(key=lambda h: h.title.casefold())
                return _Run(hits, evaluated.total, evaluated.total_exact, False)
            # Anything else (near phrases, ranges, `*`) by Whoosh's matchers, in one pass: the
            # best `limit` hits and the count (exact up to `exact_up_to`); a title sort orders
            # those hits (sorting every match would read every record).
            top = ThresholdTopCollector(
                limit, exact_up_to, deadline=deadline, should_stop=should_stop
            )
            timed_out = False
            try:
                searcher.search_with_collector(q, top)
            except OutOfTime:
                timed_out = True
            hits = [_hit(r.fields(), r.score or 0.0) for r in top.results()]
            if sort == "title":
                hits.sort(key=lambda h: h.title.casefold())
            exact = top.count_is_exact and not timed_out
            return _Run(hits, max(top.total, len(hits)), exact, timed_out)
        # Sorted by date, or every hit: all matches are visited, so counts are exact.
        collector: Collector
        if sort == "date":
            # From the sortable date column, so the newest of *all* matches come first.
            collector = searcher.collector(limit=limit, sortedby="day_number", reverse=True)
        else:
            collector = searcher.collector(limit=None)
        # Signals only work on the main thread; we run in workers, so check time between docs.
        timed = TimeLimitCollector(collector, SEARCH_TIME_BUDGET_S, use_alarm=False)
        timed_out = False
        try:
            searcher.search_with_collector(q, timed)
        except TimeLimit:
            timed_out = True
        results = timed.results()
        hits = [_hit(r.fields(), r.score or 0.0) for r in results]
        if sort == "title":
            hits.sort(key=lambda h: h.title.casefold())
        total = len(hits) if timed_out else collector.count()
        return _Run(hits, max(total, len(hits)), not timed_out, timed_out)

    def _hit_for(self, searcher: Searcher, docnum: int, score: float) -> SearchHit:
        """The row for a document: from the stored summary when it was read from this very
        index generation (no disk read, no decompression), else from the stored record."""
        summary = self._stored
        if summary is not None and summary.generation == searcher.reader().generation():
            known = summary.by_docnum[docnum] if docnum < len(summary.by_docnum) else None
            if known is not None:
                return replace(known, score=score)
        return _hit(searcher.reader().stored_fields(docnum), score)

    def _matched_terms(self, searcher: Searcher, q: query.Query) -> frozenset[str]:
        """The indexed title/body terms the query matched, prefixes and fuzzy terms expanded.

        Walks the leaves itself: `Query.existing_terms` in Whoosh rebinds its `fieldname` argument
        inside its loop and then skips every leaf of another field.
        """
        reader = searcher.reader()
        found: set[str] = set()
        for leaf in q.leaves():
            if leaf.field() not in TEXT_FIELDS:  # date/size terms are binary, not words
                continue
            try:
                pairs = leaf.expanded_terms(reader, phrases=True)
            except Exception:  # a term walk must never break a search that already ran
                continue
            for fieldname, text in pairs:
                if fieldname not in TEXT_FIELDS:
                    continue
                word = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
                if reader.doc_frequency(fieldname, word):
                    found.add(word)
        return frozenset(found)

    def _without_unfinished_word(self, text: str) -> str:
        """`text` less a trailing 1-2 letter word no article has: it is still being typed."""
        unfinished = query_front.unfinished_short_word(text)
        if unfinished is None:
            return text
        before, word = unfinished
        stems = [token.text for token in self._analyzer(word, mode="query")]
        with self._lock:
            reader = self._searcher.reader()
            if any(reader.doc_frequency(VOCABULARY_FIELD, stem) for stem in stems):
                return text  # a word of its own (`eu`, `uk`): searched as typed
        return before

    def _fuzzy_words(self, term: query.FuzzyTerm) -> Iterable[str]:
        """The indexed words a fuzzy term matches (body words from memory; others by Whoosh)."""
        reader = self._searcher.reader()
        if term.fieldname == VOCABULARY_FIELD:
            return self._vocabulary.within(reader, term.text, term.maxdist, term.prefixlength)
        return [w.decode("utf-8") if isinstance(w, bytes) else w for w in term._btexts(reader)]

    def _surface_form(self, stem: str) -> str | None:
        """A word as written in an article whose stem is `stem` (for "did you mean")."""
        postings = self._searcher.reader().postings("body", stem)
        if not postings.is_active():
            return None
        fields = self._searcher.reader().stored_fields(postings.id())
        article = self._cached_article(str(fields.get("path", "")))
        if article is None:
            return None
        for token in self._analyzer(article.body, chars=True, mode="index"):
            if token.text == stem:
                return article.body[token.startchar : token.endchar].lower()
        return None

    def _with_snippets(
        self, hits: list[SearchHit], terms: frozenset[str], rows: int
    ) -> list[SearchHit]:
        out = []
        for number, hit in enumerate(hits):
            if number >= rows:
                out.extend(hits[number:])
                break
            found = self._snippet(hit.path, terms)
            if found is not None:
                hit = _replace_snippet(hit, *found)
            out.append(hit)
        return out

    def _snippet(self, key: str, terms: frozenset[str]) -> _Snippet | None:
        """The snippet of article `key` for `terms`; remembered while the file is unchanged.

        Typing asks for the same snippets again and again: `defence m`, `defence mi`... match
        the same words in the same top articles, and the full answer after a pause repeats the
        first answer's. Cutting one took 0.2-0.5 ms (tokenising up to the first match).
        """
        path = path_for_key(self.settings.articles_dir, key)
        try:
            info = path.stat()
        except OSError:
            return None
        remembered = (key, info.st_size, info.st_mtime_ns, terms)
        found = self._snippets.get(remembered)
        if found is None:
            article = self._article_as_of(key, path, info)
            if article is None:
                return None
            found = make_snippet(article.body, snippet_spans(article.body, terms, self._analyzer))
            self._snippets.put(remembered, found)
        return found


_Snippet = tuple[str, tuple[tuple[int, int], ...]]  # the text and its marks
_Key = TypeVar("_Key", bound=Hashable)
_Value = TypeVar("_Value")


class _RecentlyUsed(Generic[_Key, _Value]):
    """A thread-safe map that keeps only its `size` most recently used entries."""

    def __init__(self, size: int) -> None:
        self._entries: OrderedDict[_Key, _Value] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: _Key) -> _Value | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: _Key, value: _Value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)


@dataclass(frozen=True, slots=True)
class _StoredSummary:
    """What the stored records say, per searcher: the listing and the files' stamps."""

    listing: list[SearchHit]
    stamps: dict[str, tuple[object, object]]  # key -> (size, mtime_ns) as indexed
    by_docnum: list[SearchHit | None]  # each document's row by number (None: deleted)
    generation: int | None  # the index generation the numbers belong to


@dataclass(frozen=True, slots=True)
class _Run:
    """What one collector pass found."""

    hits: list[SearchHit]
    total: int
    total_exact: bool
    timed_out: bool


def read_article_by_key(settings: Settings, key: str) -> Article | SkippedFile:
    """Read one article by its index key, never raising."""
    # read_article checks the file itself (gone, not regular, too big) and never raises.
    return read_article(FileStamp(key, path_for_key(settings.articles_dir, key), 0, 0))


def _hit(fields: dict[str, object], score: float) -> SearchHit:
    date = fields.get("date")
    return SearchHit(
        path=str(fields.get("path", "")),
        title=str(fields.get("title", "")),
        date=date.date() if isinstance(date, dt.datetime) else None,
        source=str(fields.get("source", "")),
        score=float(score),
    )


def _newest_first(hits: list[SearchHit]) -> list[SearchHit]:
    """`hits` sorted newest first, undated last, by title within a day (in place)."""
    hits.sort(key=lambda h: h.title.casefold())
    hits.sort(key=lambda h: h.date or dt.date.min, reverse=True)
    return hits


def _replace_snippet(hit: SearchHit, snippet: str, marks: tuple[tuple[int, int], ...]) -> SearchHit:
    return replace(hit, snippet=snippet, snippet_marks=marks)
