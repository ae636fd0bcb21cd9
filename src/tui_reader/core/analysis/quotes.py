"""Quotation spans from the marks alone: pairing, apostrophes, multi-paragraph and nested quotes."""

from __future__ import annotations

import re
from typing import Literal

from tui_reader.core.analysis.layout import TextLayout

Role = Literal["open", "close", "weak_close", "either"]

_DOUBLE_MARKS = '"“”„«»'
_SINGLE_MARKS = "'‘’‹›"
_MARK_RE = re.compile(r"[\"“”„«»'‘’‹›]")
# Elisions that start with an apostrophe: ’90s, ’n’, ’em, ’til, ’cause.
_ELISION = re.compile(r"(?:\d|n['’]|em\b|til\b|cause\b|tis\b|twas\b|bout\b|cos\b)", re.IGNORECASE)
_OPENING_CONTEXT = " \t\n([{—–-/…:;"
# A quote may run over this many paragraphs in the sloppy form (no mark on middle paragraphs).
_MAX_SLOPPY_GAP = 3
_MAX_PARAGRAPHS = 12
# How far to look ahead for a stronger closer before accepting a possessive-looking one.
_WEAK_LOOKAHEAD = 24


def _role(text: str, i: int) -> Role | None:
    """Classify the mark at ``i`` as an opener, closer or neither (an apostrophe)."""
    mark = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if mark in _SINGLE_MARKS:
        if before.isalnum() and after.isalnum():
            return None  # Poland’s, don't
        if mark in "’'" and (before in _OPENING_CONTEXT) and _ELISION.match(text, i + 1):
            return None  # ’90s, rock ’n’ roll
        if before == "n" and i >= 2 and text[i - 2] in "’'" and not text[i - 3 : i - 2].isalnum():
            return None  # the second mark of ’n’
        if mark == "’" and before in _OPENING_CONTEXT and after.isalnum():
            return None  # typographers' elision; an opener would be ‘
    if after.isspace() and before.isspace():
        return "either"
    if mark in "“„«‘‹":
        return "open"
    if mark in "”»›":
        return "open" if before in _OPENING_CONTEXT and not after.isspace() else "close"
    if before in _OPENING_CONTEXT:
        return "open" if not after.isspace() else None
    if mark in "’'" and before in "sS" and (after.isspace() or after in ",;"):
        return "weak_close"  # countries’ — a plural possessive or a closing mark
    return "close"


def _at_paragraph_start(text: str, layout: TextLayout, i: int) -> bool:
    start, _ = layout.paragraph_span(layout.paragraph_of(i))
    return not text[start:i].strip()


def _pair(
    text: str, layout: TextLayout, marks: list[tuple[int, Role]], single: bool
) -> list[tuple[int, int]]:
    """Pair the openers and closers of one family of marks into (start, end) inner spans."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_par = last_par = 0
    for index, (pos, role) in enumerate(marks):
        par = layout.paragraph_of(pos)
        if open_at is None:
            if role in ("open", "either"):
                open_at, open_par, last_par = pos, par, par
            continue
        if par != last_par:
            gap = par - last_par
            starts_paragraph = role in ("open", "either") and _at_paragraph_start(text, layout, pos)
            if starts_paragraph and gap <= _MAX_SLOPPY_GAP and par - open_par < _MAX_PARAGRAPHS:
                last_par = par  # standard form: each paragraph of a long quote reopens
                continue
            closes = role in ("close", "weak_close", "either")
            if closes and not single and gap <= _MAX_SLOPPY_GAP:
                spans.append((open_at + 1, pos))  # sloppy form: only first opens, last closes
                open_at = None
                continue
            open_at = pos if role in ("open", "either") else None
            open_par = last_par = par
            continue
        if role == "open" and text[pos] != '"':
            open_at, open_par, last_par = pos, par, par  # the earlier opener was never closed
        elif role == "weak_close" and _stronger_closer_follows(marks, index, layout, par):
            continue
        else:
            spans.append((open_at + 1, pos))
            open_at = None
    return spans


def _stronger_closer_follows(
    marks: list[tuple[int, Role]], index: int, layout: TextLayout, par: int
) -> bool:
    for pos, role in marks[index + 1 : index + 1 + _WEAK_LOOKAHEAD]:
        if layout.paragraph_of(pos) != par or role == "open":
            return False
        if role in ("close", "either"):
            return True
    return False


def find_quote_spans(text: str, layout: TextLayout | None = None) -> list[tuple[int, int]]:
    """Find the inner spans of quotations, outermost only, sorted and non-overlapping.

    Args:
        text: Article body, paragraphs separated by newlines.
        layout: Precomputed layout of ``text`` (computed when omitted).

    Returns:
        ``(start, end)`` offsets of the characters strictly inside each outer pair of marks.
    """
    layout = layout or TextLayout(text)
    doubles: list[tuple[int, Role]] = []
    singles: list[tuple[int, Role]] = []
    for match in _MARK_RE.finditer(text):
        pos = match.start()
        role = _role(text, pos)
        if role is not None:
            (doubles if text[pos] in _DOUBLE_MARKS else singles).append((pos, role))
    double_spans = _pair(text, layout, doubles, single=False)
    single_spans = _pair(text, layout, singles, single=True)
    spans = _outermost(double_spans, single_spans)
    return [(start, end) for start, end in spans if text[start:end].strip()]


def _outermost(
    primary: list[tuple[int, int]], secondary: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Merge two families, dropping nested spans; on a crossing the primary family wins."""
    tagged = [(s, e, 0) for s, e in primary] + [(s, e, 1) for s, e in secondary]
    tagged.sort(key=lambda item: (item[0], -item[1]))
    kept: list[tuple[int, int, int]] = []
    for start, end, family in tagged:
        if kept and start - 1 <= kept[-1][1]:  # inside or crossing the previous outer span
            _, prev_end, prev_family = kept[-1]
            if end <= prev_end:
                continue  # nested
            if family < prev_family:
                kept[-1] = (start, end, family)
            continue
        kept.append((start, end, family))
    return [(s, e) for s, e, _ in kept]
