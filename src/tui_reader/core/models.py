"""The plain values the core hands around: articles, skipped files, search hits and results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One article as the reader shows it.

    `body` is the text the reader shows: the file's text without front matter, headline line and
    boilerplate tail, with hard-wrapped continuation lines joined by a space. Paragraphs are
    separated by one or more newlines, so `body.split("\\n")` (dropping empty strings) gives the
    paragraphs. All analysis offsets index into `body`.
    """

    path: str  # relative to the articles folder, POSIX separators; the index's unique key
    title: str  # never empty
    body: str
    date: dt.date | None = None  # publication date when the text states one; None sorts last
    source: str = ""  # e.g. "hanoimoi.vn", "Reuters", "Press release"; "" when unknown
    url: str = ""
    size: int = 0  # bytes on disk when read, for incremental indexing
    mtime_ns: int = 0
    # Where `body` starts in the file's cleaned text (`sanitize.clean_text` of the decoded file):
    # body[i] == cleaned[body_offset + i], except joined wrap newlines, which are spaces in `body`.
    body_offset: int = 0

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs, in order, without empty ones."""
        return [p for p in self.body.split("\n") if p.strip()]


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file under the articles folder that could not be read as an article, and why."""

    path: str
    reason: str  # one line, e.g. "binary file (NUL bytes)", "larger than 5 MB"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result row: enough to draw the article list without opening the file."""

    path: str
    title: str
    date: dt.date | None
    source: str
    score: float
    snippet: str = ""  # plain text, no markup
    snippet_marks: tuple[tuple[int, int], ...] = ()  # (start, end) of matched words in `snippet`


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The answer to one query. Never raised: problems are reported in `message`."""

    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0  # number of matching articles (may exceed len(hits) when limited)
    total_exact: bool = True  # False: `total` is a lower bound (counting stopped early)
    terms: frozenset[str] = frozenset()  # analysed body/title terms that matched, for highlighting
    suggestion: str | None = None  # "did you mean" query, when a term is unknown
    message: str | None = None  # one-line note: fallback used, query cut, time budget hit, ...
    elapsed_ms: float = 0.0
    interrupted: bool = False  # given up because the caller's `should_stop` said so
