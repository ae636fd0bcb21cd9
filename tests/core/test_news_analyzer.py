"""`NewsAnalyzer` yields exactly what Whoosh's five-filter chain yields, on any text."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.acore import Token

from tui_reader.core.news_analyzer import NewsAnalyzer, _word_starts
from tui_reader.core.spelling import _FORMS, canonical_spelling

NEWS_WORDS = [
    "the",
    "Defence",
    "defense",
    "organised",
    "organized",
    "centre",
    "colour",
    "four",
    "tour",
    "a",
    "I",
    "U.S.",
    "3.5",
    "£270",
    "billion",
    "signing",
    "signed",
    "Poland's",
    "countries’",
    "’90s",
    "analysed",
    "programme",
    "over",
    "it's",
    "x",
    "y",
    "2026",
]


class _Spelling(Filter):
    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for token in tokens:
            token.text = canonical_spelling(token.text)
            yield token


def _reference_chain():  # type: ignore[no-untyped-def]
    return RegexTokenizer() | LowercaseFilter() | StopFilter() | _Spelling() | StemFilter()


def _tokens(analyzer, text: str, **options: object) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return [
        (
            t.text,
            t.stopped,
            getattr(t, "pos", None),
            getattr(t, "startchar", None),
            getattr(t, "endchar", None),
            getattr(t, "original", None),
        )
        for t in analyzer(text, **options)
    ]


OPTIONS = (
    {},
    {"positions": True},
    {"positions": True, "chars": True, "keeporiginal": True},
    {"positions": True, "chars": True, "removestops": False},
    {"mode": "query"},
    {"no_morph": True, "positions": True},
    {"positions": True, "start_pos": 7, "chars": True, "start_char": 11},
)

texts = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=8)), max_size=40).map(
    " ".join
)


@settings(max_examples=200, deadline=None)
@given(text=texts, option_index=st.integers(0, len(OPTIONS) - 1))
def test_same_tokens_as_the_whoosh_chain(text: str, option_index: int) -> None:
    options = OPTIONS[option_index]
    assert _tokens(NewsAnalyzer(), text, **options) == _tokens(_reference_chain(), text, **options)


@settings(max_examples=300, deadline=None)
@given(text=texts, wanted=st.lists(st.sampled_from(NEWS_WORDS), max_size=3), warm=st.booleans())
def test_word_matches_are_the_tokens_words_offsets_and_matches(
    text: str, wanted: list[str], warm: bool
) -> None:
    # Fresh (`warm` False) it skips stemming words that cannot match; it must not skip a match.
    terms = frozenset(t.text for word in wanted for t in NewsAnalyzer()(word))
    analyzer = NewsAnalyzer()
    if warm:
        list(analyzer(text))
    tokens = [(t.startchar, t.endchar, t.text in terms) for t in NewsAnalyzer()(text, chars=True)]
    assert list(analyzer.word_matches(text, terms)) == tokens


def test_untokenized_value_is_one_term() -> None:
    for value in ("Defence", "the", "organised"):
        expected = _tokens(_reference_chain(), value, tokenize=False, positions=True)
        assert _tokens(NewsAnalyzer(), value, tokenize=False, positions=True) == expected


def test_terms_unify_spelling_and_stem() -> None:
    terms = [t.text for t in NewsAnalyzer()("The defence organised at the centre, four times")]
    assert terms == ["defens", "organiz", "center", "four", "time"]


def test_pickles_without_its_memo() -> None:
    analyzer = NewsAnalyzer()
    list(analyzer("defence organised"))
    restored = pickle.loads(pickle.dumps(analyzer))
    assert restored == analyzer
    assert [t.text for t in restored("defence")] == ["defens"]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="abcdeghiklmnoprstuyzé", min_size=2, max_size=10))
def test_a_word_begins_where_its_term_says_it_may(word: str) -> None:
    # `before_first_of` stems only the words that begin like a query term: it relies on this.
    assert _word_starts(frozenset({NewsAnalyzer().term(word)})).match(word)


def test_every_respelled_word_begins_where_its_term_says_it_may() -> None:
    analyzer = NewsAnalyzer()
    for british in [*_FORMS, "oys", "aying", "flying", "ies"]:  # and stemming's y -> i
        assert _word_starts(frozenset({analyzer.term(british)})).match(british), british


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1._ -é\n.", max_size=60))
def test_the_word_finder_finds_the_tokenizer_s_words(text: str) -> None:
    from tui_reader.core.news_analyzer import _WORDS, WORD_PATTERN

    assert _WORDS.findall(text) == [m.group(0) for m in WORD_PATTERN.finditer(text)]
