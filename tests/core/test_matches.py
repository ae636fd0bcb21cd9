"""Match spans and snippets are plain offsets into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.matches import make_snippet, match_spans
from tui_reader.core.schema import text_analyzer


def test_match_spans_use_the_index_analyzer() -> None:
    text = "The defence treaty was signed; signing took an hour."
    spans = match_spans(text, frozenset({"defens", "sign"}), text_analyzer())
    assert [text[s:e] for s, e in spans] == ["defence", "signed", "signing"]


def test_no_terms_no_spans() -> None:
    assert match_spans("anything", frozenset(), text_analyzer()) == []


def test_snippet_centres_on_first_match_and_shifts_marks() -> None:
    text = ("Filler words here. " * 20) + "The walrus arrived.\nIt stayed." + (" More." * 50)
    start = text.index("walrus")
    snippet, marks = make_snippet(text, [(start, start + 6)], width=80)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= 82
    assert [snippet[s:e] for s, e in marks] == ["walrus"]
    assert "\n" not in snippet


def test_snippet_without_matches_is_the_opening() -> None:
    snippet, marks = make_snippet("Short text.", [])
    assert snippet == "Short text." and marks == ()


def test_snippet_spans_stop_after_the_first_window() -> None:
    from tui_reader.core.matches import snippet_spans

    text = "walrus " + "filler " * 100 + "walrus"
    spans = snippet_spans(text, frozenset({"walru"}), text_analyzer(), width=50)
    assert spans == [(0, 6)]


_PIECES = [
    "Treaty", "treaty", "treatymaker", "defence", "defense", "Defences", "U.S.", "U.S",
    "3.5", "signed", "signing", "the", "of", "a", "x", "İstanbul", "İ", "colour", "color",
    "_under_score", "naïve", "Mr.", "e.g.", "££5", "co-op", "’s", "[1, 2]", "“said”",
    "aeroplane", "Kerb", "curb", "oys", "flying", "Pyjamas", "sceptical", "skeptic", "a.kerb",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "\n", ", ", ".", "-", ""])),
        max_size=60,
    ),
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=80),
    st.integers(min_value=0, max_value=90),
)
def test_snippet_spans_are_those_of_walking_every_word(
    pieces: list[tuple[str, str]], wanted: list[str], width: int, filler: int
) -> None:
    # snippet_spans jumps to the first match through a scan of the distinct words; walking
    # every token of the text, as any Whoosh analyzer can, must give the same spans.
    from tui_reader.core.matches import snippet_spans

    analyzer = text_analyzer()
    # An opening of `filler` words that match nothing: past OPENING_WORDS, the walk jumps.
    text = "harbour ferry. " * (filler // 2) + "".join(word + gap for word, gap in pieces)
    terms = frozenset(t.text for w in wanted for t in analyzer(w))
    expected: list[tuple[int, int]] = []
    for token in analyzer(text, chars=True, mode="index"):
        if expected and token.startchar > expected[0][0] + width:
            break
        if token.text in terms:
            expected.append((token.startchar, token.endchar))
    assert snippet_spans(text, terms, analyzer, width=width) == expected
