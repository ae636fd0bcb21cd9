"""The query front end: bounds, fallbacks, fuzzy clamp and the typed-prefix helpers."""

from __future__ import annotations

from whoosh import query

from tui_reader.core import query as query_front
from tui_reader.core.schema import build_schema


def parse(text: str) -> query_front.ParsedQuery:
    return query_front.parse_query(text, query_front.make_parser(build_schema()))


def test_plain_words_are_all_required_in_title_or_body() -> None:
    parsed = parse("treaty poland")
    assert isinstance(parsed.query, query.And)
    assert parsed.note is None


def test_fuzzy_distance_is_clamped() -> None:
    parsed = parse("treaty~8")
    fuzzy = [leaf for leaf in parsed.query.leaves() if isinstance(leaf, query.FuzzyTerm)]
    assert fuzzy and all(leaf.maxdist <= query_front.MAX_FUZZY_DISTANCE for leaf in fuzzy)


def test_long_query_is_cut_with_a_note() -> None:
    parsed = parse("word " * 1000)
    assert len(parsed.text) <= query_front.MAX_QUERY_CHARS
    assert parsed.note and "cut" in parsed.note


def test_deep_nesting_is_flattened() -> None:
    parsed = parse("(" * 1000 + "treaty" + ")" * 1000)
    assert parsed.query is not None
    assert parsed.note and "nested" in parsed.note


def test_unparseable_query_falls_back_to_its_words() -> None:
    parsed = parse("date:[0000 to 9999] treaty")
    assert parsed.query is not None
    assert parsed.note and "searched for its words" in parsed.note


def test_only_operators_means_nothing_to_search() -> None:
    parsed = parse("NOT NOT")
    assert parsed.query is None and parsed.note


def test_single_quotes_are_apostrophes_not_phrases() -> None:
    parsed = parse("Poland's treaty")
    assert "poland" in str(parsed.query)


def test_trailing_prefix() -> None:
    assert query_front.trailing_prefix("treaty defen") == "defen"
    assert query_front.trailing_prefix("de") is None  # too short to expand
    assert query_front.trailing_prefix("treaty ") is None  # the word is finished
    assert query_front.trailing_prefix('"historic mom') is None  # inside a phrase
    assert query_front.trailing_prefix("title:trea") is None  # a field value
    assert query_front.trailing_prefix("a AND") is None
