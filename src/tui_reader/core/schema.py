"""The Whoosh schema and analyzers: what is indexed, and how words are normalised for matching."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.acore import Token
from whoosh.analysis.analyzers import Analyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from tui_reader.core.spelling import canonical_spelling

# Bump whenever the schema or the analyzers change: an index with another version is rebuilt.
SCHEMA_VERSION = 3

# Fields a user may name in a query (`title:treaty`, `speaker:tusk`, `figure:money`).
SEARCHABLE_FIELDS = ("title", "body", "source", "speaker", "figure", "date")
DEFAULT_FIELDS = ("title", "body")


class SpellingVariantFilter(Filter):
    """Maps British spellings to American ones (`defence` -> `defense`) before stemming.

    Not marked `is_morph`, so the spelling-suggestion field keeps the canonical word too.
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for token in tokens:
            token.text = canonical_spelling(token.text)
            yield token


def text_analyzer() -> Analyzer:
    """Words, lower-cased, stop words dropped, spelling unified, stemmed (cached stemmer)."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter()
        | SpellingVariantFilter()
        | StemFilter(cachesize=100_000)
    )


def name_analyzer() -> Analyzer:
    """For names and sources: lower-cased words, no stemming (`speaker:tusk`, `source:hanoimoi`).

    Splits on dots too, so a source domain like `hanoimoi.vn` is found by `hanoimoi`.
    """
    return RegexTokenizer(r"\w+") | LowercaseFilter()


def build_schema() -> Schema:
    """The index schema. Bodies are not stored: snippets re-read the file (a smaller index)."""
    analyzer = text_analyzer()
    return Schema(
        path=ID(unique=True, stored=True),
        title=TEXT(analyzer=analyzer, stored=True, field_boost=2.0),
        body=TEXT(analyzer=analyzer),
        source=TEXT(analyzer=name_analyzer(), stored=True),
        speaker=TEXT(analyzer=name_analyzer(), stored=True),
        figure=KEYWORD(lowercase=True, scorable=False),
        date=DATETIME(stored=True),
        # Sort key for "newest first": YYYYMMDD, 0 when undated. A sortable DATETIME sorts
        # missing dates as the newest, which would put every undated article on top.
        day_number=NUMERIC(sortable=True),
        size=STORED(),
        mtime_ns=STORED(),
    )
