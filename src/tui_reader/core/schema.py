"""The Whoosh schema and analyzers: what is indexed, and how words are normalised for matching."""

from __future__ import annotations

import functools
import itertools
import operator
import pickle
import struct
from collections.abc import Generator, Iterator
from typing import Any, TypeVar

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.analysis.analyzers import Analyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from tui_reader.core.news_analyzer import NewsAnalyzer
from tui_reader.core.ranking import term_weight

# Bump whenever the schema or the analyzers change: an index with another version is rebuilt.
SCHEMA_VERSION = 7

# Fields a user may name in a query (`title:treaty`, `speaker:tusk`, `figure:money`).
SEARCHABLE_FIELDS = ("title", "body", "source", "speaker", "figure", "date")
# Plain words search "body", which holds the title and the body (see `ArticleText`).
DEFAULT_FIELDS = ("body",)
TEXT_FIELDS = frozenset({"title", "body"})  # fields whose terms are words of the article

TITLE_BODY_GAP = 10  # positions between the title's last word and the body's first: no phrase
#                      runs across the two


class ArticleText(TEXT):
    """One field for an article's title and body, indexed from a `(title, body)` pair.

    Searching two fields made every plain word an OR of two posting lists, which doubled the
    cost of each word (and of each AND between words). One field keeps one list per word, and
    positions still allow phrases. Each posting's weight is the word's ranking weight in that
    article (`ranking.term_weight`: headline and body occurrences saturated apart), so the
    scorer only multiplies by idf and a block's largest weight bounds its scores exactly,
    which block-max pruning needs.
    """

    def index(self, value: Any, **kwargs: Any) -> Generator[Posting, Any, None]:
        if isinstance(value, str):
            value = ("", value)
        title, body = value
        yield from self.postings(title, body)

    def postings(self, title: str, body: str) -> list[Posting]:
        """(term, frequency, weight, encoded positions) of each word of the title and body.

        From the news analyzer's term positions, without a Token per word (a third of the
        workers' indexing time went to Tokens); `test_schema.py` holds them to its tokens.
        """
        analyzer = self.analyzer
        if not isinstance(analyzer, NewsAnalyzer):
            raise TypeError(f"ArticleText needs a NewsAnalyzer, not {type(analyzer).__name__}")
        in_title, end = analyzer.term_positions(title)
        body_start = end + TITLE_BODY_GAP if in_title else 0
        in_body, _ = analyzer.term_positions(body, start_pos=body_start)
        # Title words first, with their body positions; then the words of the body only.
        postings = [
            _posting(word, len(positions), positions + in_body.get(word, []))
            for word, positions in in_title.items()
        ]
        postings += [
            _posting(word, 0, positions)
            for word, positions in in_body.items()
            if word not in in_title
        ]
        return postings


def _posting(word: str, in_title: int, positions: list[int]) -> Posting:
    """One word's posting, from its positions, the first `in_title` of them in the title."""
    weight = _cached_term_weight(in_title, len(positions) - in_title)
    return word.encode("utf-8"), len(positions), weight, encode_positions(positions)


# A word's weight depends only on two small counts, and ~200 words an article ask for it.
_cached_term_weight = functools.lru_cache(maxsize=4096)(term_weight)


# Whoosh's Positions value: the count (whoosh.system.pack_uint), then the gaps between positions
# as a pickled list. Written and read here with the gaps taken and summed in C; Whoosh's
# encode and decode_positions loop in Python. Older Whoosh left out the pickle's final STOP.
_COUNT = struct.Struct("!I")


_ONE_POSITION = [_COUNT.pack(1) + pickle.dumps([position], 2) for position in range(4096)]


def encode_positions(positions: list[int]) -> bytes:
    """Whoosh's `Positions.encode`, byte for byte."""
    if len(positions) == 1 and positions[0] < len(_ONE_POSITION):
        return _ONE_POSITION[positions[0]]  # most words of an article: one of 4,096 values
    gaps = list(map(operator.sub, positions, [0, *positions[:-1]]))
    return _COUNT.pack(len(gaps)) + pickle.dumps(gaps, 2)


def decode_positions(value: bytes) -> Iterator[int]:
    """Whoosh's `Positions.decode_positions`, lazily (a STOP after the pickle's is ignored)."""
    return itertools.accumulate(pickle.loads(value[_COUNT.size :] + b"."))


Posting = tuple[bytes, int, float, bytes]  # what a Whoosh field's `index` yields per term
_Text = TypeVar("_Text", bound=TEXT)


def text_analyzer() -> Analyzer:
    """Words, lower-cased, stop words dropped, spelling unified, stemmed (see `NewsAnalyzer`)."""
    return NewsAnalyzer()


def name_analyzer() -> Analyzer:
    """For names and sources: lower-cased words, no stemming (`speaker:tusk`, `source:hanoimoi`).

    Splits on dots too, so a source domain like `hanoimoi.vn` is found by `hanoimoi`.
    """
    return RegexTokenizer(r"\w+") | LowercaseFilter()


def _unscored_lengths(field: _Text) -> _Text:
    """`field` without per-document lengths: the ranking (BM25 with b = 0) never reads them,
    and looking each one up again for every posting was a sixth of a commit."""
    field.scorable = False
    return field


def build_schema() -> Schema:
    """The index schema. Bodies are not stored: snippets re-read the file (a smaller index)."""
    analyzer = text_analyzer()
    return Schema(
        path=ID(unique=True, stored=True),
        title=_unscored_lengths(TEXT(analyzer=analyzer, stored=True)),  # for `title:` queries
        body=_unscored_lengths(ArticleText(analyzer=analyzer)),  # title and body: plain words
        source=_unscored_lengths(TEXT(analyzer=name_analyzer(), stored=True)),
        speaker=_unscored_lengths(TEXT(analyzer=name_analyzer(), stored=True)),
        figure=KEYWORD(lowercase=True, scorable=False),
        date=DATETIME(stored=True),
        # Sort key for "newest first": YYYYMMDD, 0 when undated. A sortable DATETIME sorts
        # missing dates as the newest, which would put every undated article on top.
        day_number=NUMERIC(sortable=True),
        size=STORED(),
        mtime_ns=STORED(),
    )
