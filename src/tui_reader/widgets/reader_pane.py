"""The reader pane: an article as title, date, source and paragraphs, with spans of any kind."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.style import Style as VisualStyle
from textual.widgets import Static

from tui_reader.core.models import Article
from tui_reader.core.sanitize import clean_line
from tui_reader.widgets.safe_text import safe_content

# Cap what is laid out: a 50 MB article must not freeze the app. The reader says when it cut.
MAX_RENDERED_CHARS = 200_000

# Drawn in this order, so a search match shows on top of a quote it falls inside.
HIGHLIGHT_ORDER = ("quote", "speaker", "figure", "match", "match-current")


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the article body to highlight; `kind` names a `reader--<kind>` component class."""

    start: int
    end: int
    kind: str  # "match", "quote", "speaker", "figure"


@dataclass(frozen=True, slots=True)
class _Paragraph:
    start: int  # offset of the paragraph in the article body
    text: str


class ReaderPane(VerticalScroll, can_focus=True):
    """Shows one article; `n`/`N` move between search matches ("match 3/7" in the border)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--match",
        "reader--match-current",
        "reader--quote",
        "reader--speaker",
        "reader--figure",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self._paragraphs: list[_Paragraph] = []
        self._starts: list[int] = []
        self._by_paragraph: list[list[Highlight]] = []
        self._widgets: list[Static] = []
        self._highlights: list[Highlight] = []
        self._matches: list[Highlight] = []
        self._current = -1
        self._styles: dict[str, VisualStyle] | None = None

    def on_mount(self) -> None:
        self.border_title = "Reader"
        self.show_message("Choose an article: Enter opens it, / searches.")

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def match_index(self) -> int:
        """The current match, 0-based; -1 when there is none."""
        return self._current

    def show_message(self, text: str) -> None:
        """Replace the article with a one-line message (empty state, or an article that is gone)."""
        self.article = None
        self._paragraphs, self._starts, self._by_paragraph = [], [], []
        self._highlights, self._matches, self._current = [], [], -1
        self._replace_children([Static(Content(clean_line(text)), classes="reader-message")])
        self._update_indicator()

    def show(
        self,
        article: Article,
        highlights: Sequence[Highlight] = (),
        *,
        title_highlights: Sequence[Highlight] = (),
    ) -> None:
        """Show `article` with `highlights` (offsets into `article.body`), scrolled to the top.

        Args:
            article: The article to show.
            highlights: Spans of the body; kind "match" ones are the targets of `n`/`N`.
            title_highlights: Spans of the title (search matches in the headline).
        """
        self.article = article
        body = article.body
        cut = len(body) > MAX_RENDERED_CHARS
        self._paragraphs = _split_paragraphs(body[:MAX_RENDERED_CHARS])
        self._starts = [paragraph.start for paragraph in self._paragraphs]
        self._highlights = sorted(
            (h for h in highlights if h.start < h.end <= MAX_RENDERED_CHARS),
            key=lambda h: (h.start, h.end),
        )
        self._matches = [h for h in self._highlights if h.kind == "match"]
        self._by_paragraph = self._bucket(self._highlights)
        self._current = -1
        styles = self._span_styles()
        title = safe_content(
            article.title,
            [(h.start, h.end, styles[h.kind]) for h in title_highlights if h.kind in styles],
            one_line=True,
        )
        meta = " · ".join(
            part
            for part in (
                _meta_line(article),
                clean_line(article.url, 200),
                clean_line(article.path),
            )
            if part
        )
        widgets: list[Static] = [
            Static(title, classes="reader-title"),
            Static(Content(meta), classes="reader-meta"),
        ]
        self._widgets = [Static(self._render_paragraph(i)) for i in range(len(self._paragraphs))]
        for widget in self._widgets:
            widget.add_class("reader-paragraph")
        widgets.extend(self._widgets)
        if cut:
            note = f"Showing the first {MAX_RENDERED_CHARS:,} of {len(body):,} characters."
            widgets.append(Static(Content(note), classes="reader-message"))
        self._replace_children(widgets)
        self.scroll_home(animate=False, immediate=True)
        self._update_indicator()

    def _replace_children(self, widgets: list[Static]) -> None:
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(widgets)

    def _render_paragraph(self, index: int) -> Content:
        paragraph = self._paragraphs[index]
        start, end = paragraph.start, paragraph.start + len(paragraph.text)
        current = self._matches[self._current] if self._current >= 0 else None
        spans = [
            (highlight, "match-current" if highlight is current else highlight.kind)
            for highlight in self._by_paragraph[index]
        ]
        spans.sort(key=lambda item: _draw_rank(item[1]))
        styles = self._span_styles()
        return safe_content(
            paragraph.text,
            [
                (max(h.start, start) - start, min(h.end, end) - start, styles[kind])
                for h, kind in spans
                if kind in styles
            ],
        )

    def _span_styles(self) -> dict[str, VisualStyle]:
        """The resolved style of each highlight kind.

        Resolved here rather than written as `".reader--match"` span strings: those resolve as
        *partial* component styles, which in Textual 8.2.8 drop an opaque background.
        """
        if self._styles is None:
            self._styles = {
                kind: self.get_visual_style(f"reader--{kind}") for kind in HIGHLIGHT_ORDER
            }
        return self._styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A theme change (or focus, which changes the pane's background tint) re-resolves the
        # highlight styles; repaint the paragraphs only when they actually changed.
        previous, self._styles = self._styles, None
        if previous is not None and previous != self._span_styles():
            for index, widget in enumerate(self._widgets):
                widget.update(self._render_paragraph(index))

    def _bucket(self, highlights: list[Highlight]) -> list[list[Highlight]]:
        """Each paragraph's highlights, so a paragraph renders in O(its own spans)."""
        buckets: list[list[Highlight]] = [[] for _ in self._paragraphs]
        for highlight in highlights:
            first = self._paragraph_of(highlight.start)
            last = self._paragraph_of(max(highlight.start, highlight.end - 1))
            for index in range(first, min(last, len(buckets) - 1) + 1):
                paragraph = self._paragraphs[index]
                if highlight.start < paragraph.start + len(paragraph.text):
                    buckets[index].append(highlight)
        return buckets

    def _paragraph_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def step_match(self, delta: int) -> bool:
        """Move to the next (`delta`=1) or previous (-1) search match, wrapping; False if none."""
        if not self._matches:
            return False
        previous = self._current
        if previous < 0:
            self._current = 0 if delta > 0 else len(self._matches) - 1
        else:
            self._current = (previous + delta) % len(self._matches)
        touched = {self._paragraph_of(self._matches[self._current].start)}
        if previous >= 0:
            touched.add(self._paragraph_of(self._matches[previous].start))
        for index in touched:
            if index < len(self._widgets):
                self._widgets[index].update(self._render_paragraph(index))
        self._update_indicator()
        self.call_after_refresh(self._scroll_to_current)
        return True

    def _scroll_to_current(self) -> None:
        if self._current < 0:
            return
        match = self._matches[self._current]
        index = self._paragraph_of(match.start)
        if index >= len(self._widgets):
            return
        widget = self._widgets[index]
        paragraph = self._paragraphs[index]
        width = max(1, widget.content_region.width)
        line, consumed = 0, 0
        for line_content in Content(paragraph.text).wrap(width):
            consumed += len(line_content.plain) + 1
            if consumed > match.start - paragraph.start:
                break
            line += 1
        region = Region(0, widget.virtual_region.y + line, width, 1)
        self.scroll_to_region(region, center=True, animate=False, force=True)

    def _update_indicator(self) -> None:
        if not self._matches:
            self.border_subtitle = ""
        elif self._current < 0:
            self.border_subtitle = f"{len(self._matches)} matches · n/N"
        else:
            self.border_subtitle = f"match {self._current + 1}/{len(self._matches)}"


def _draw_rank(kind: str) -> int:
    return HIGHLIGHT_ORDER.index(kind) if kind in HIGHLIGHT_ORDER else -1


def _meta_line(article: Article) -> str:
    return " · ".join(
        part
        for part in (
            article.date.isoformat() if article.date else "",
            clean_line(article.source, 80),
        )
        if part
    )


def _split_paragraphs(body: str) -> list[_Paragraph]:
    """The non-empty lines of `body` with their offsets (offsets index into the body)."""
    paragraphs = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            paragraphs.append(_Paragraph(offset, line))
        offset += len(line) + 1
    return paragraphs
