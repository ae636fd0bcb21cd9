"""Paragraph and sentence boundaries of article text, found once and looked up by offset."""

from __future__ import annotations

import re
from bisect import bisect_right

from tui_reader.core.paragraph_joining import continuation_newlines, wrap_width

# A sentence ends at . ! ? (optionally followed by a closing mark or a citation marker) and
# whitespace, when the next sentence starts with a capital, digit or opening mark.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]?(?:\s*\[[\d,\s–-]{1,40}\])?\s+(?=[\"“‘'(A-Z0-9])")
# Abbreviations whose full stop does not end a sentence ("Mr. Smith", "U.S. officials").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Jr|Sr|Rev|No|vs|Inc|Corp|Co)"
    r"|\b[A-Z](?:\.[A-Z])*)$"
)


class TextLayout:
    """Offsets of paragraphs (non-blank lines) and sentences in one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraph_starts: list[int] = []
        self.paragraph_ends: list[int] = []
        lines = text.split("\n")
        spans: list[tuple[int, int]] = []
        pos = 0
        for line in lines:
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        # A hard-wrapped line's newline continues its paragraph, as the article reader joins it:
        # attribution ("…,"\nsaid X) must be found across it.
        region = range(len(lines))
        joins = set(continuation_newlines(lines, spans, region, width=wrap_width(lines, region)))
        for line, (start, end) in zip(lines, spans, strict=True):
            if not line.strip():
                continue
            if (
                self.paragraph_ends
                and self.paragraph_ends[-1] in joins
                and start == self.paragraph_ends[-1] + 1
            ):
                self.paragraph_ends[-1] = end
            else:
                self.paragraph_starts.append(start)
                self.paragraph_ends.append(end)
        self.sentence_starts: list[int] = [0]
        for match in _SENTENCE_END.finditer(text):
            if not _ABBREVIATION.search(text, max(0, match.start() - 12), match.start()):
                self.sentence_starts.append(match.end())
        # Every paragraph start is also a sentence start.
        self.sentence_starts = sorted(set(self.sentence_starts) | set(self.paragraph_starts))

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (the previous one for a gap)."""
        return bisect_right(self.paragraph_starts, offset) - 1

    def paragraph_span(self, index: int) -> tuple[int, int]:
        """Start and end offsets of paragraph ``index``."""
        return self.paragraph_starts[index], self.paragraph_ends[index]

    def sentence_start(self, offset: int) -> int:
        """Offset where the sentence holding ``offset`` begins."""
        index = bisect_right(self.sentence_starts, offset) - 1
        return self.sentence_starts[max(index, 0)]

    def next_sentence_start(self, offset: int) -> int:
        """Offset of the first sentence start after ``offset`` (or the text's end)."""
        index = bisect_right(self.sentence_starts, offset)
        if index < len(self.sentence_starts):
            return self.sentence_starts[index]
        return len(self.text)
