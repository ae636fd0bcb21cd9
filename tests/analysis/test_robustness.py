"""Random and huge inputs never raise, spans stay well-formed, and the core imports no UI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis import FIGURE_KINDS, find_figures, find_quotes

_ALPHABET = st.sampled_from(
    [*"aAbZ sS'\"“”‘’„«»,.:;?!-–—()[]\n0123456789£$€%", " per cent", " said ", " Mr "]
)
_TEXT = st.lists(_ALPHABET, max_size=300).map("".join)
# Word-level text that exercises attribution: names, titles, verbs, pronouns, numbers, marks.
_WORDS = st.sampled_from(
    [
        "Sir",
        "Keir",
        "Starmer",
        "Mr.",
        "Dr",
        "Donald",
        "Tusk",
        "he",
        "she",
        "the company",
        "said",
        "told",
        "called",
        "according to",
        "added:",
        "said:",
        "The Prime Minister",
        "of the",
        "University",
        ",",
        ".",
        "\n",
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "[1, 2]",
        "£5m",
        "2025",
        "9-10 July",
        "three years",
        "so-called",
        "titled",
        "and",
        "—",
    ]
)
_WORDY_TEXT = st.lists(_WORDS, max_size=80).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, _WORDY_TEXT))
def test_random_text_gives_well_formed_spans(text: str) -> None:
    quotes = find_quotes(text)
    figures = find_figures(text)
    for spans in (quotes, figures):
        previous_end = 0
        for item in spans:
            assert 0 <= item.start < item.end <= len(text)
            assert text[item.start : item.end] == item.text
            assert item.start >= previous_end  # sorted and non-overlapping
            previous_end = item.end
    assert all(f.kind in FIGURE_KINDS for f in figures)
    assert all(q.speaker is None or q.speaker.strip() for q in quotes)


def test_one_megabyte_article_and_a_wall_of_quote_marks_finish() -> None:
    paragraph = (
        'Defence Secretary John Healey MP said: "The UK and Poland’s ties are strong," adding '
        "that £270 billion, 5 per cent and 350 personnel on 9-10 July 2026 matter [1, 2].\n"
    )
    article = paragraph * (1_000_000 // len(paragraph))
    quotes = find_quotes(article)
    assert len(quotes) == article.count("\n")
    assert len(find_figures(article)) >= 4 * len(quotes)
    for marks in ('"' * 100_000, "“" * 50_000 + "”" * 50_000, "'’‘" * 33_000, "“a " * 33_000):
        find_quotes(marks)
        find_figures(marks)


def test_analysis_imports_neither_textual_nor_rich() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    code = textwrap.dedent(
        """
        import sys
        import tui_reader.core.analysis
        bad = [m for m in sys.modules if m.split(".")[0] in ("textual", "rich")]
        print(",".join(bad))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": ""},
        check=True,
    )
    assert result.stdout.strip() == ""
