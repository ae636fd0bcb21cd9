"""The query front end and search never raise and stay bounded, whatever the user types.

CI runs a bounded number of hypothesis examples. For a longer local fuzz run:

    TUI_READER_FUZZ_EXAMPLES=20000 pytest tests/hostile/test_queries_fuzz.py

(The analysis finders are fuzzed in tests/analysis/test_robustness.py.)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import qparser, query

from tui_reader.core import query as query_front
from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.core.models import SearchResults
from tui_reader.core.schema import build_schema

from ..conftest import SEED_DIR

FUZZ_EXAMPLES = int(os.environ.get("TUI_READER_FUZZ_EXAMPLES", "200"))
_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=_QUIET)
# A search costs ~25 ms (snippets read files), so CI runs half as many of those.
FUZZ_SEARCH = settings(
    max_examples=max(1, FUZZ_EXAMPLES // 2), deadline=None, suppress_health_check=_QUIET
)

# Pieces of query syntax, words from the seeds, and the characters that broke parsers before.
_TOKENS = st.sampled_from(
    [
        "defence", "Poland", "treaty", "historic", "moment", "cyber", "a", "the", "x" * 70,
        "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO", "(", ")", "((", "))", '"', "'", "*",
        "?", "~", "~2", "~8", "~9/0", "^", "^3", ":", "[", "]", "{", "}", "<", ">", "=", "-",
        "+", "\\", "/", "title:", "body:", "source:", "speaker:", "figure:", "date:", "path:",
        "size:", "mtime_ns:", "date:[2024 to 2026]", "date:[0000 to 9999]", "date:yesterday*",
        "date:>2020", "date:[to]", "r\"(a+)+$\"", "\x1b[2J", "\x9b", "\u202e", "\u200b", "\x00",
        "[bold]", "[/", "[@click=app.quit]", "é", "£", "“", "”", "’", "中文", "🙂", " ", "  ",
    ]
)  # fmt: skip
QUERIES = st.one_of(
    st.lists(_TOKENS, max_size=25).map("".join),
    st.lists(_TOKENS, max_size=25).map(" ".join),
    st.text(max_size=200),
)


@pytest.fixture(scope="module")
def parser() -> qparser.QueryParser:
    return query_front.make_parser(build_schema())


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArticleIndex]:
    base = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(SEED_DIR, base / "articles")
    index = ArticleIndex.open(Settings(base / "articles", base / "cache", base / "state"))
    index.update()
    yield index
    index.close()


def _assert_bounded(parsed: query_front.ParsedQuery) -> None:
    assert len(parsed.text) <= query_front.MAX_QUERY_CHARS
    if parsed.note is not None:
        assert "\n" not in parsed.note and parsed.note.isprintable()
    if parsed.query is None:
        return
    expanding = {
        leaf.text
        for leaf in parsed.query.leaves()
        if isinstance(leaf, query.FuzzyTerm | query.PatternQuery)
    }
    assert len(expanding) <= query_front.MAX_EXPANDING_WORDS
    for leaf in parsed.query.leaves():
        assert not isinstance(leaf, query.Regex)
        if isinstance(leaf, query.FuzzyTerm):
            assert leaf.maxdist <= query_front.MAX_FUZZY_DISTANCE
            assert leaf.prefixlength >= 1


@FUZZ
@given(text=QUERIES)
def test_parse_query_never_raises_and_stays_bounded(parser: qparser.QueryParser, text: str) -> None:
    _assert_bounded(query_front.parse_query(text, parser))


@FUZZ_SEARCH
@given(text=QUERIES, prefix_last=st.booleans())
def test_search_always_answers(seed_index: ArticleIndex, text: str, prefix_last: bool) -> None:
    results = seed_index.search(text, limit=10, prefix_last=prefix_last)
    assert isinstance(results, SearchResults)
    assert results.total >= len(results.hits)
    if results.message is not None:
        assert "\n" not in results.message and "\x1b" not in results.message
    for hit in results.hits:
        assert "\x1b" not in hit.snippet and "\x1b" not in hit.title


# -- the cases measured in issue 5, one by one ----------------------------------------------


def test_not_not_does_not_raise(parser: qparser.QueryParser, seed_index: ArticleIndex) -> None:
    # Whoosh raised IndexError here.
    parsed = query_front.parse_query("NOT NOT a", parser)
    _assert_bounded(parsed)
    assert parsed.query is None and parsed.note
    assert seed_index.search("NOT NOT a").message


def test_a_thousand_nested_brackets_are_flattened(
    parser: qparser.QueryParser, seed_index: ArticleIndex
) -> None:
    # Whoosh raised RecursionError here.
    parsed = query_front.parse_query("(" * 1000 + "defence" + ")" * 1000, parser)
    assert parsed.query is not None and "nested" in (parsed.note or "")
    assert seed_index.search("(" * 1000 + "defence").total == 5


@pytest.mark.parametrize("text", ["date:yesterday*", "date:[0000 to 9999]", "date:[to]"])
def test_broken_dates_answer(
    parser: qparser.QueryParser, seed_index: ArticleIndex, text: str
) -> None:
    # AttributeError and ValueError from Whoosh's date parser, lazily, at search time.
    _assert_bounded(query_front.parse_query(text, parser))
    assert isinstance(seed_index.search(text), SearchResults)


def test_exact_date_term_answers(seed_index: ArticleIndex) -> None:
    # `date:-` parses to Term("date", <packed datetime bytes>), not a DateRange.
    assert isinstance(seed_index.search("date:-"), SearchResults)


def test_fifty_thousand_character_word_is_cut(
    parser: qparser.QueryParser, seed_index: ArticleIndex
) -> None:
    # Parsing it took 21 s.
    parsed = query_front.parse_query("defence " + "x" * 50_000, parser)
    assert len(parsed.text) <= query_front.MAX_QUERY_CHARS
    assert all(len(word) <= query_front.MAX_WORD_CHARS for word in parsed.text.split())
    assert parsed.note and "cut" in parsed.note
    assert seed_index.search("x" * 50_000).total == 0


def test_fuzzy_distance_eight_is_clamped(parser: qparser.QueryParser) -> None:
    # `word~8` compared the word with most of the vocabulary: 21 s on 300 documents.
    parsed = query_front.parse_query("treaty~8 defence~9/0", parser)
    assert parsed.query is not None
    fuzzy = [leaf for leaf in parsed.query.leaves() if isinstance(leaf, query.FuzzyTerm)]
    assert len(fuzzy) == 2  # two words (plain words search the one title-and-body field)
    assert {leaf.maxdist for leaf in fuzzy} == {query_front.MAX_FUZZY_DISTANCE}
    assert all(leaf.prefixlength >= 1 for leaf in fuzzy)


def test_only_a_few_fuzzy_or_wildcard_words_are_expanded(parser: qparser.QueryParser) -> None:
    # Each is expanded against the whole vocabulary outside the search's time budget:
    # `marker0~2 OR marker1~2 OR ...` (ten words) took 11 s on 3,000 articles.
    text = " OR ".join(f"marker{n}~2" for n in range(10)) + " cyber* *ence"
    parsed = query_front.parse_query(text, parser)
    _assert_bounded(parsed)
    assert parsed.query is not None
    exact = {leaf.text for leaf in parsed.query.leaves() if type(leaf) is query.Term}
    assert {"marker9", "cyber"} <= exact
    assert parsed.note and "expanded" in parsed.note


@pytest.mark.parametrize("text", ["size:[0 to 9]", "mtime_ns:5", "size:"])
def test_stored_only_fields_read_as_words(parser: qparser.QueryParser, text: str) -> None:
    parsed = query_front.parse_query(text, parser)
    assert parsed.note is None or "STORED" not in parsed.note


def test_regex_plugin_is_off(parser: qparser.QueryParser, seed_index: ArticleIndex) -> None:
    # With the regex plugin `r"(a+)+$"` backtracks for ever against every term.
    assert not any(isinstance(plugin, qparser.RegexPlugin) for plugin in parser.plugins)
    parsed = query_front.parse_query('r"(de+)+fence$" defence', parser)
    _assert_bounded(parsed)
    assert isinstance(seed_index.search('r"(aaaaaaaaaaaaaaaaaaaaaaaa+)+$"'), SearchResults)


@pytest.mark.parametrize(
    "text",
    ['"historic moment', 'defence"', '"', '""', "AND", "OR", "NOT", "AND OR NOT", "(", ")", "*",
     "~", "^", ":", "title:", "defence AND", "OR defence", "NOT defence"],
)  # fmt: skip
def test_unbalanced_quotes_and_lone_operators(
    parser: qparser.QueryParser, seed_index: ArticleIndex, text: str
) -> None:
    parsed = query_front.parse_query(text, parser)
    _assert_bounded(parsed)
    results = seed_index.search(text)
    assert results.hits or results.message or results.total == 0


def test_unbalanced_quote_still_finds_the_words(seed_index: ArticleIndex) -> None:
    assert seed_index.search('"historic moment').total >= 2
