"""Match spans and snippets are plain offsets into the text."""

from __future__ import annotations

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
