"""Key figures in article text: money, percentages, counts, dates, years, ranges and more."""

from __future__ import annotations

import re

from tui_reader.core.analysis.figure_patterns import FIGURE_PATTERNS, NOT_FIGURES
from tui_reader.core.analysis.models import Figure

# A number word right after one of these refers back ("the two countries"), it does not count.
_REFERRING = re.compile(
    r"\b(?:the|our|their|these|those|its|his|her|my|your|both|all|other|which|whose|top)\s+$",
    re.IGNORECASE,
)
_APPROXIMATOR = re.compile(
    r"\b(?:about|around|more than|over|nearly|almost|some|roughly|approximately|up to|"
    r"at least|fewer than|less than)\s+$",
    re.IGNORECASE,
)
_COUNTED_AFTER_YEAR = re.compile(
    r"\s(?:people|residents|jobs|homes|workers|staff|troops|soldiers|households|members|"
    r"employees|students|patients|cases|deaths|vehicles|cars|families|children|pupils)\b"
)
_DIGIT = re.compile(r"\d")


def _blocked(text: str) -> list[bool]:
    """Per-character flags for text that only looks like a figure (citations, phones, codes)."""
    flags = [False] * (len(text) + 1)
    for pattern in NOT_FIGURES:
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                flags[i] = True
    return flags


def _keep(text: str, kind: str, start: int, end: int) -> str | None:
    """The kind to give a candidate after context checks, or None to drop it."""
    words_before = text[max(0, start - 24) : start]
    figure = text[start:end]
    if kind == "count" and not _DIGIT.search(figure):
        if figure.lower() in ("one", "zero") or _REFERRING.search(words_before):
            return None
        if figure[0].isupper() and start > 0 and text[start - 2 : start] not in ("\n", ". ", ""):
            return None  # "Five Guys", "Seven Sisters": part of a name
        if text[end : end + 1] == "-":
            return None  # "two-way", "one-off"
    counted = _APPROXIMATOR.search(words_before) or _COUNTED_AFTER_YEAR.match(text, end)
    if kind == "year" and counted:
        return "count"
    return kind


def find_figures(text: str) -> list[Figure]:
    """Find the key figures in an article.

    Figure text is the number expression only: no approximator ("more than") and no counted
    noun ("personnel"); citation markers, phone numbers, codes like ``G7`` and section numbers
    are left out.

    Args:
        text: Article body, paragraphs separated by newlines.

    Returns:
        Figures sorted by ``start``, non-overlapping.
    """
    if not text:
        return []
    blocked = _blocked(text)
    candidates: list[tuple[int, int, int, str]] = []  # (-length, priority, start, kind)
    for priority, (kind, pattern) in enumerate(FIGURE_PATTERNS):
        for match in pattern.finditer(text):
            start, end = match.span()
            if end > start and not any(blocked[start:end]):
                candidates.append((start - end, priority, start, kind))
    candidates.sort()
    taken = [False] * (len(text) + 1)
    figures: list[Figure] = []
    for negative_length, _, start, kind in candidates:
        end = start - negative_length
        if any(taken[start:end]):
            continue
        final_kind = _keep(text, kind, start, end)
        if final_kind is None:
            continue
        for i in range(start, end):
            taken[i] = True
        figures.append(Figure(start, end, text[start:end], final_kind))
    figures.sort(key=lambda figure: figure.start)
    return figures
