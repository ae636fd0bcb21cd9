"""Untrusted text becomes clean Content whose highlight spans still cover the right words."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.models import SearchHit
from tui_reader.screens.main_screen import sort_hits
from tui_reader.widgets.safe_text import offset_map, safe_content


def spanned(text: str, spans: list[tuple[int, int]], one_line: bool = False) -> list[str]:
    content = safe_content(text, [(s, e, "bold") for s, e in spans], one_line=one_line)
    return [content.plain[span.start : span.end] for span in content.spans]


def test_clean_text_keeps_spans_as_given() -> None:
    assert spanned("Boris went to Helenow today", [(14, 21)]) == ["Helenow"]


def test_escape_before_a_match_does_not_shift_it() -> None:
    text = "\x1b[2J\x1b]52;c;AAAA\x07Boris went to Helenow"
    start = text.index("Helenow")
    assert spanned(text, [(start, start + 7)]) == ["Helenow"]


def test_bidi_override_and_folded_whitespace_in_one_line_mode() -> None:
    text = "\u202eevil  title\n\twith   Helenow"
    start = text.index("Helenow")
    assert spanned(text, [(start, start + 7)], one_line=True) == ["Helenow"]
    assert "\u202e" not in safe_content(text, one_line=True).plain


def test_markup_stays_literal() -> None:
    content = safe_content("[bold]x[/bold] [@click=app.quit]y[/] [/")
    assert content.plain == "[bold]x[/bold] [@click=app.quit]y[/] [/"
    assert list(content.spans) == []


def test_spans_outside_the_text_are_clipped() -> None:
    content = safe_content("short", [(2, 99, "bold"), (50, 60, "bold"), (-3, 1, "bold")])
    assert all(0 <= span.start < span.end <= 5 for span in content.spans)


@given(st.text(alphabet=st.sampled_from("ab \x1b[]\u202e\x07\n\t;2J")), st.data())
def test_offset_map_is_monotonic_and_in_range(raw: str, data: st.DataObject) -> None:
    content = safe_content(raw, one_line=data.draw(st.booleans()))
    positions = offset_map(raw, content.plain)
    assert positions == sorted(positions)
    assert all(0 <= p <= len(content.plain) for p in positions)


def hit(title: str, date: dt.date | None) -> SearchHit:
    return SearchHit(path=title, title=title, date=date, source="", score=1.0)


def test_sort_by_date_is_newest_first_with_undated_last() -> None:
    hits = [hit("a", None), hit("b", dt.date(2020, 1, 1)), hit("c", dt.date(2024, 1, 1))]
    assert [h.title for h in sort_hits(hits, "date")] == ["c", "b", "a"]
    assert [h.title for h in sort_hits(hits, "relevance")] == ["a", "b", "c"]
    assert [h.title for h in sort_hits([hit("B", None), hit("a", None)], "title")] == ["a", "B"]
