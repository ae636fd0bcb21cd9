"""An article body laid out for the reader: paragraphs grouped in display chunks, highlights placed.

Chunks keep the widget count small: Textual lays out every mounted widget, and one widget per
paragraph took ~2.5 s of layout for a 600-paragraph article; a chunk of a few thousand characters
renders the same text (paragraphs separated by a blank line) in a fraction of that.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.style import Style

from tui_reader.widgets.safe_text import safe_content

if TYPE_CHECKING:  # the analysis itself is imported when an article is first opened
    from tui_reader.core.analysis import Figure, Quote

# Cap what is laid out: a 50 MB article must not freeze the app. The reader says when it cut.
MAX_RENDERED_CHARS = 200_000
CHUNK_CHARS = 3_000
PARAGRAPH_GAP = "\n\n"

# Drawn in this order, so a search match shows on top of a quote it falls inside, and the
# "mark" (a quote or figure the user jumped to) on top of everything.
HIGHLIGHT_ORDER = ("quote", "speaker", "figure", "match", "match-current", "mark")
# The kinds the analysis finds; the reader can hide them all at once.
ANALYSIS_KINDS = frozenset({"quote", "speaker", "figure"})


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the article body to highlight; `kind` names a `reader--<kind>` component class."""

    start: int
    end: int
    kind: str  # "match", "quote", "speaker", "figure", "mark"


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What the analysis found in one article body: quotes (with speakers) and key figures."""

    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()

    def highlights(self) -> list[Highlight]:
        """The reader's spans: one "quote" per quote, one "figure" per figure."""
        spans = [Highlight(q.start, q.end, "quote") for q in self.quotes]
        spans += [Highlight(f.start, f.end, "figure") for f in self.figures]
        return spans


@dataclass(frozen=True, slots=True)
class _Paragraph:
    start: int  # offset in the article body
    text: str


@dataclass(frozen=True, slots=True)
class _Chunk:
    first: int  # index of its first paragraph
    last: int  # index of its last paragraph (inclusive)
    text: str  # the paragraphs joined by PARAGRAPH_GAP


class ArticleBody:
    """The body's paragraphs, their display chunks, and which highlights fall in each."""

    def __init__(self, body: str, highlights: Sequence[Highlight] = ()) -> None:
        self.cut = len(body) > MAX_RENDERED_CHARS
        self.length = len(body)
        self.paragraphs = _split_paragraphs(body[:MAX_RENDERED_CHARS])
        self._starts = [paragraph.start for paragraph in self.paragraphs]
        self.highlights = sorted(
            (h for h in highlights if 0 <= h.start < h.end <= MAX_RENDERED_CHARS),
            key=lambda h: (h.start, h.end),
        )
        self.matches = [h for h in self.highlights if h.kind == "match"]
        self.quotes = [h for h in self.highlights if h.kind == "quote"]
        self._by_paragraph = self._bucket(self.highlights)
        self.chunks, self._chunk_of, self._offset_in_chunk = self._group()

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding body `offset` (or the one before a gap)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def position(self, offset: int) -> tuple[int, int]:
        """(chunk index, offset in that chunk's text) of body `offset`."""
        index = self.paragraph_of(offset)
        if not self.paragraphs:
            return 0, 0
        paragraph = self.paragraphs[index]
        within = min(max(offset - paragraph.start, 0), len(paragraph.text))
        return self._chunk_of[index], self._offset_in_chunk[index] + within

    def render_chunk(
        self,
        index: int,
        styles: Mapping[str, Style],
        current: Highlight | None = None,
        *,
        mark: Highlight | None = None,
    ) -> Content:
        """The chunk as Content, each highlight styled by its kind.

        Args:
            index: Which chunk.
            styles: Style of each kind; kinds missing here are not drawn (that hides them).
            current: The current search match, drawn as "match-current".
            mark: An extra span drawn on top of everything (a quote or figure jumped to).
        """
        chunk = self.chunks[index]
        spans: list[tuple[int, int, int, Style]] = []
        for number in range(chunk.first, chunk.last + 1):
            paragraph = self.paragraphs[number]
            base = self._offset_in_chunk[number] - paragraph.start
            end_of_paragraph = paragraph.start + len(paragraph.text)
            extra = [mark] if mark is not None else []
            for highlight in self._by_paragraph[number] + extra:
                if highlight.end <= paragraph.start or highlight.start >= end_of_paragraph:
                    continue
                kind = "match-current" if highlight is current else highlight.kind
                if kind in styles:
                    start = max(highlight.start, paragraph.start) + base
                    end = min(highlight.end, end_of_paragraph) + base
                    spans.append((_draw_rank(kind), start, end, styles[kind]))
        spans.sort(key=lambda span: span[0])
        return safe_content(chunk.text, [(start, end, style) for _, start, end, style in spans])

    def _bucket(self, highlights: list[Highlight]) -> list[list[Highlight]]:
        buckets: list[list[Highlight]] = [[] for _ in self.paragraphs]
        for highlight in highlights:
            first = self.paragraph_of(highlight.start)
            last = min(self.paragraph_of(highlight.end - 1), len(buckets) - 1)
            for index in range(first, last + 1):
                paragraph = self.paragraphs[index]
                if highlight.start < paragraph.start + len(paragraph.text):
                    buckets[index].append(highlight)
        return buckets

    def _group(self) -> tuple[list[_Chunk], list[int], list[int]]:
        chunks: list[_Chunk] = []
        chunk_of: list[int] = []
        offset_in_chunk: list[int] = []
        first, size = 0, 0
        for index, paragraph in enumerate(self.paragraphs):
            if index > first and size + len(paragraph.text) > CHUNK_CHARS:
                chunks.append(self._chunk(first, index - 1))
                first, size = index, 0
            chunk_of.append(len(chunks))
            offset_in_chunk.append(size)
            size += len(paragraph.text) + len(PARAGRAPH_GAP)
        if self.paragraphs:
            chunks.append(self._chunk(first, len(self.paragraphs) - 1))
        return chunks, chunk_of, offset_in_chunk

    def _chunk(self, first: int, last: int) -> _Chunk:
        text = PARAGRAPH_GAP.join(p.text for p in self.paragraphs[first : last + 1])
        return _Chunk(first, last, text)


def _draw_rank(kind: str) -> int:
    return HIGHLIGHT_ORDER.index(kind) if kind in HIGHLIGHT_ORDER else -1


def _split_paragraphs(body: str) -> list[_Paragraph]:
    """The non-empty lines of `body` with their offsets (offsets index into the body)."""
    paragraphs = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            paragraphs.append(_Paragraph(offset, line))
        offset += len(line) + 1
    return paragraphs
