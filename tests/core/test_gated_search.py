"""Gated regex search finds exactly what `finditer` finds: for figures' scan patterns and dates."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.analysis import figures
from tui_reader.core.analysis.figure_patterns import FIGURE_PATTERNS, PARAGRAPH_MARK
from tui_reader.core.article_metadata import _DATE, date_of, find_first_date
from tui_reader.core.gated_search import matches_at

_PIECES = [
    "$5", "US$ 3.2bn", "£ 5 million", "€10-€20", "between $1 and $2", "from 2019 to 2021",
    "May 27, 2026", "27 May 2026", "2026-05-27", "31 February 2026", "3-5 March 2025",
    "March 2020", "Sept. 5", "Sep 4th, 2020", "Jan 3-5", "between 5% and 7%", "HK$7", "A$ 10",
    "CA$5", "USD 5", "Rs. 40", "by £52 to £634", "-12 May 2020", "12-2026-01-01", "the", "May",
    "Between", "from", "£", "$", "2026", "Mayor", "Decimal", "x", "\n",
]  # fmt: skip
_TEXT = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", ", ", ". ", "\n"])),
    max_size=25,
).map(lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_gated_figure_patterns_find_what_scanning_finds(text: str) -> None:
    places = figures._Places(text.replace("\n", PARAGRAPH_MARK))
    gated = [(mode, pattern) for _, mode, pattern in FIGURE_PATTERNS if "@" in mode]
    assert len(gated) >= 8
    for mode, pattern in gated:
        found = [m.span() for m in figures._matches(places, mode, pattern)]
        assert found == [m.span() for m in figures._matches(places, "scan", pattern)], mode


def _first_date_by_scanning(text: str) -> dt.date | None:
    dates = (date_of(match) for match in _DATE.finditer(text))
    return next((date for date in dates if date is not None), None)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_the_first_date_is_the_first_one_scanning_finds(text: str) -> None:
    assert find_first_date(text) == _first_date_by_scanning(text)


@given(st.text(alphabet="ab1 -", max_size=30))
def test_every_start_listed_is_finditer(text: str) -> None:
    pattern = re.compile(r"a+b?|\d+-?|b")
    every = [(position, len(text)) for position in range(len(text))]
    assert [m.span() for m in matches_at(pattern, text, every)] == [
        m.span() for m in pattern.finditer(text)
    ]
