"""Decide which newlines inside an article body are line-wrapping, not paragraph breaks.

Two kinds are joined back: a line broken off mid-sentence whose next line starts lower-case (a
copy-paste accident), and every wrap inside a hard-wrapped text (lines filled to a fixed width,
mostly ending mid-sentence). One-paragraph-per-line files are left alone: their lines end with
sentence punctuation and vary in length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CLOSERS = "\"”’')]»"
_SENTENCE_PUNCTUATION = ".!?…:;"
# Lines that start a block of their own: list items, headings, quotes, tables, indented code.
_BLOCK_START = re.compile(r"^(?:[-*+•–—]\s|\d{1,3}[.)]\s|#|>|\||```|~~~|\t| {4})")
_WRAP_MAX_WIDTH = 100
# Nobody fills lines to 11 columns: short lines followed by text (a live blog's "10.45am GMT"
# time stamps) are headings, not wrapping.
_WRAP_MIN_WIDTH = 40
_WRAP_MIN_LINES = 3


def _ends_mid_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] not in _SENTENCE_PUNCTUATION


def wrap_width(lines: Sequence[str], region: range) -> int | None:
    """The fill width when the region's text is hard-wrapped, else None."""
    inner = [
        lines[k].rstrip()
        for k in region[:-1]
        if lines[k].strip() and lines[k + 1].strip() and not _BLOCK_START.match(lines[k + 1])
    ]
    if len(inner) < _WRAP_MIN_LINES:
        return None
    width = max(len(line) for line in inner)
    if not _WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH:
        return None
    filled = sum(len(line) >= 0.75 * width for line in inner)
    mid_sentence = sum(_ends_mid_sentence(line) for line in inner)
    if filled >= 0.75 * len(inner) and mid_sentence >= 0.5 * len(inner):
        return width
    return None


def continuation_newlines(
    lines: Sequence[str],
    spans: Sequence[tuple[int, int]],
    region: range,
    *,
    width: int | None = None,
    markdown: bool = False,
) -> list[int]:
    """Offsets of the newlines in `region` that continue a paragraph rather than end one.

    Args:
        lines: the text's lines.
        spans: (start, end) offsets of each line in the text; a line's newline is at its end.
        region: indexes of the body's lines.
        width: the fill width when the text is hard-wrapped (see `wrap_width`), else None.
        markdown: the text is Markdown (fenced code blocks are never joined).

    Returns:
        Newline offsets, ascending.
    """
    joins: list[int] = []
    in_fence = False
    for k in region[1:]:
        previous, current = lines[k - 1], lines[k]
        if markdown and previous.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence or not previous.strip() or not current.strip():
            continue
        if _BLOCK_START.match(current) or previous.lstrip().startswith("#"):
            continue
        if markdown and (previous.endswith("  ") or previous.endswith("\\")):
            continue  # a Markdown hard line break
        broken_off = _ends_mid_sentence(previous) and current.lstrip()[:1].islower()
        wrapped = width is not None and len(previous.rstrip()) >= 0.6 * width
        if broken_off or wrapped:
            joins.append(spans[k - 1][1])
    return joins
