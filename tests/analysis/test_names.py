"""Capitalised runs: the fast path for plain runs finds what the word-by-word walk finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis.names import _RUN_RE, capitalised_runs, runs_within

# Words and marks that make runs end or go on: titles, initials, possessives, particles,
# no-break spaces, trailing dots and apostrophes, commas, other scripts' capitals.
_PIECES = st.sampled_from(
    [
        "Donald", "Tusk", "Mr.", "Dr", "St.", "George", "W.", "Bush", "BBC's", "Jones'",
        "Ursula", "von", "der", "Leyen", "de", "la", "said", "the", "Élodie", "Łukasz", "O'Neil",
        "U.S.", "NATO", "Smith,", "Brown.", "Anna’s", "Anna\u00a0Berg", "Jean-Luc", "x",
        "\u00a0", " ", " ", "\n", ", ", ". ",
    ]
)  # fmt: skip
_TEXT = st.lists(_PIECES, max_size=40).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_plain_runs_are_the_match_and_others_are_walked_word_by_word(text: str) -> None:
    walked = [span for match in _RUN_RE.finditer(text) for span in runs_within(match)]
    assert capitalised_runs(text) == walked


def test_a_plain_run_is_one_run_and_a_possessive_ends_one() -> None:
    text = "Then Donald Tusk met BBC's Anna Berg, and Ursula von der Leyen said so."
    assert [text[a:b] for a, b in capitalised_runs(text)] == [
        "Then Donald Tusk",
        "Anna Berg",
        "Ursula von der Leyen",
    ]


def test_a_possessive_ends_a_name_after_its_stem() -> None:
    text = "Ursula von der Leyen's office and Sir Tom Jones' song, not BBC's."
    assert [text[a:b] for a, b in capitalised_runs(text)] == [
        "Ursula von der Leyen",
        "Sir Tom Jones",
    ]
