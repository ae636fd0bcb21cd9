"""The Whoosh schema and analyzers: what is indexed, and how words are normalised for matching."""

from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.analysis.analyzers import Analyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from tui_reader.core.news_analyzer import NewsAnalyzer

# Bump whenever the schema or the analyzers change: an index with another version is rebuilt.
SCHEMA_VERSION = 4

# Fields a user may name in a query (`title:treaty`, `speaker:tusk`, `figure:money`).
SEARCHABLE_FIELDS = ("title", "body", "source", "speaker", "figure", "date")
DEFAULT_FIELDS = ("title", "body")


def text_analyzer() -> Analyzer:
    """Words, lower-cased, stop words dropped, spelling unified, stemmed (see `NewsAnalyzer`)."""
    return NewsAnalyzer()


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
