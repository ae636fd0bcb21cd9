"""Untrusted text to `Content`: sanitised, never parsed as markup, highlight offsets kept right."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content, Span
from textual.style import Style

from tui_reader.core.sanitize import clean_line, clean_text


def offset_map(raw: str, cleaned: str) -> list[int]:
    """Map every offset of `raw` (0..len inclusive) to the matching offset in `cleaned`.

    The sanitiser only deletes characters and turns whitespace into spaces or newlines, so
    `cleaned` is `raw` with characters dropped; a greedy walk finds where each one went.
    """
    positions = [0] * (len(raw) + 1)
    j = 0
    limit = len(cleaned)
    for i, char in enumerate(raw):
        positions[i] = j
        if j < limit and (char == cleaned[j] or (char.isspace() and cleaned[j].isspace())):
            j += 1
    positions[len(raw)] = j
    return positions


def safe_content(
    text: str,
    spans: Iterable[tuple[int, int, Style | str]] = (),
    *,
    one_line: bool = False,
    max_length: int = 500,
) -> Content:
    """Build `Content` from untrusted `text`, with `spans` given as offsets into the raw text.

    Escapes and control characters are removed (see `core.sanitize`); brackets stay literal
    because the text is never parsed as markup.
    """
    cleaned = clean_line(text, max_length) if one_line else clean_text(text)
    span_list = list(spans)
    if not span_list:
        return Content(cleaned)
    last = len(text)
    positions = None if cleaned == text else offset_map(text, cleaned)
    result: list[Span] = []
    for start, end, style in span_list:
        start, end = min(max(start, 0), last), min(max(end, 0), last)
        if positions is not None:
            start, end = positions[start], positions[end]
        if start < end:
            result.append(Span(start, end, style))
    return Content(cleaned, result)
