"""Key figures in article text: money, percentages, counts, dates, years, ranges and more."""

from __future__ import annotations

import re
from bisect import bisect_left

from tui_reader.core.analysis.figure_patterns import (
    DIGIT_RUN,
    FIGURE_PATTERNS,
    NOT_FIGURES,
    PARAGRAPH_MARK,
    SCAN_GATES,
    WORD_ANCHOR,
    WORD_NUMBER,
)
from tui_reader.core.analysis.models import Figure
from tui_reader.core.gated_search import matches_at

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
# What may come right before a capitalised number word that starts a sentence.
_SENTENCE_OPENERS = ("", ".", "!", "?", ":", "\n", PARAGRAPH_MARK, '"', "“", "‘", "(", "—")
_PROPORTION = re.compile(rf"\b(?:\d+|{WORD_NUMBER}) (?:in|out of) $", re.IGNORECASE)


# Every digit-based figure starts shortly before a digit and ends shortly after one, so the
# patterns only scan windows around digits (most of an article has none).
_REACH = 48


def _digit_windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for match in DIGIT_RUN.finditer(text):
        start, end = max(0, match.start() - _REACH), min(len(text), match.end() + _REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _anchors(text: str) -> list[int]:
    """Starts of digit runs and of number or ordinal words."""
    anchors = [
        m.start()
        for m in DIGIT_RUN.finditer(text)
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".,")
    ]
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; offsets would shift
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for match in WORD_ANCHOR.finditer(lowered):
        start = match.start()
        if start == 0 or not lowered[start - 1].isalnum():
            anchors.append(start)
    return sorted(anchors)


_ADDRESS_MARK = re.compile(r"://|www\.|@")
_TOKEN_GAPS = (" ", "\t", "\n", PARAGRAPH_MARK)


def _addresses(text: str) -> list[tuple[int, int]]:
    """Whitespace-delimited tokens holding a URL or an e-mail address (``story-972297.html``)."""
    spans: list[tuple[int, int]] = []
    for match in _ADDRESS_MARK.finditer(text):
        if spans and match.start() < spans[-1][1]:
            continue  # same token as the previous mark
        start = max(text.rfind(gap, 0, match.start()) for gap in _TOKEN_GAPS) + 1
        ends = [i for i in (text.find(gap, match.end()) for gap in _TOKEN_GAPS) if i >= 0]
        spans.append((start, min(ends) if ends else len(text)))
    return spans


class _Places:
    """Where one text's figures are looked for: windows around digits, number-token anchors,
    and the starts each scan gate allows (worked out on first use)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.windows = _digit_windows(text)
        self.anchors = _anchors(text)
        self._gate_starts: dict[str, list[tuple[int, int]]] = {}

    def gate_starts(self, gate: str) -> list[tuple[int, int]]:
        """(position, its window's end) wherever `SCAN_GATES[gate]` matches, in order."""
        if gate not in self._gate_starts:
            pattern = SCAN_GATES[gate]
            self._gate_starts[gate] = [
                (m.start(), end)
                for start, end in self.windows
                for m in pattern.finditer(self.text, start, end)
            ]
        return self._gate_starts[gate]


def _matches(places: _Places, mode: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of one pattern: searched for in the windows, or tried at each anchor."""
    text = places.text
    if mode == "scan":
        return [m for start, end in places.windows for m in pattern.finditer(text, start, end)]
    if mode == "anchor":
        return [m for m in map(pattern.match, [text] * len(places.anchors), places.anchors) if m]
    # "scan@<gate>": what scanning the windows finds, trying only where a match can start.
    return list(matches_at(pattern, text, places.gate_starts(mode.partition("@")[2])))


def _blocked(places: _Places) -> list[tuple[int, int]]:
    """Disjoint sorted spans of text that only looks like a figure (citations, phones, codes)."""
    merged: list[tuple[int, int]] = []
    found = [m.span() for mode, pattern in NOT_FIGURES for m in _matches(places, mode, pattern)]
    for start, end in sorted(found + _addresses(places.text)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the disjoint sorted ``spans``."""
    index = bisect_left(starts, end) - 1
    return index >= 0 and spans[index][1] > start


def _keep(text: str, kind: str, start: int, end: int) -> str | None:
    """The kind to give a candidate after context checks, or None to drop it."""
    words_before = text[max(0, start - 24) : start]
    figure = text[start:end]
    if kind == "count" and not _DIGIT.search(figure):
        if figure.lower() in ("one", "zero") or _REFERRING.search(words_before):
            return None
        previous = text[max(0, start - 3) : start].rstrip(" ")[-1:]
        if figure[0].isupper() and previous not in _SENTENCE_OPENERS:
            return None  # "Five Guys", "Seven Sisters": part of a name
        if text[end : end + 1] == "-":
            return None  # "two-way", "one-off"
        if _PROPORTION.search(words_before):
            return None  # the "ten" of "eight in ten"
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
    source = text
    text = text.replace("\n", PARAGRAPH_MARK)  # same length; keeps matches inside paragraphs
    places = _Places(text)
    blocked = _blocked(places)
    blocked_starts = [span[0] for span in blocked]
    candidates: list[tuple[int, int, int, str]] = []  # (-length, priority, start, kind)
    matches = [
        (priority, kind, match)
        for priority, (kind, mode, pattern) in enumerate(FIGURE_PATTERNS)
        for match in _matches(places, mode, pattern)
    ]
    for priority, kind, match in matches:
        start, end = match.span()
        if end > start and not _overlaps(blocked, blocked_starts, start, end):
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
        figures.append(Figure(start, end, source[start:end], final_kind))
    figures.sort(key=lambda figure: figure.start)
    return figures
