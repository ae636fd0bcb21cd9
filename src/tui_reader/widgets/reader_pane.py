"""The reader pane: an article as title, date, source and paragraphs, with spans of any kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.style import Style as VisualStyle
from textual.widgets import Static

from tui_reader.core.models import Article
from tui_reader.core.sanitize import clean_line
from tui_reader.widgets.article_body import (
    ANALYSIS_KINDS,
    HIGHLIGHT_ORDER,
    MAX_RENDERED_CHARS,
    ArticleBody,
    ArticleFacts,
    Highlight,
)
from tui_reader.widgets.reader_legend import legend_content
from tui_reader.widgets.safe_text import safe_content

__all__ = ["HIGHLIGHT_ORDER", "Highlight", "ReaderPane"]


class ReaderPane(VerticalScroll, can_focus=True):
    """Shows one article; `n`/`N` move between search matches, `'`/`"` between quotes.

    Highlights of any kind are drawn with the `reader--<kind>` component class: to add a kind,
    add it to `HIGHLIGHT_ORDER`, `COMPONENT_CLASSES` and the stylesheet.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("j", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"reader--{kind}" for kind in HIGHLIGHT_ORDER}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.facts = ArticleFacts()
        self.analysis_shown = True
        self._body = ArticleBody("")
        self._widgets: list[Static] = []
        self._title: Static | None = None
        self._legend: Static | None = None
        self._current = -1
        self._quote = -1
        self._mark: Highlight | None = None
        self._styles: dict[str, VisualStyle] | None = None

    def on_mount(self) -> None:
        self.border_title = "Reader"
        self.show_message("Choose an article: Enter opens it, / searches.")

    @property
    def match_count(self) -> int:
        return len(self._body.matches)

    @property
    def match_index(self) -> int:
        """The current match, 0-based; -1 when there is none."""
        return self._current

    @property
    def quote_count(self) -> int:
        return len(self._body.quotes)

    @property
    def quote_index(self) -> int:
        """The quote last jumped to, 0-based; -1 when there is none."""
        return self._quote

    @property
    def mark(self) -> Highlight | None:
        """The span last jumped to (a quote or figure), drawn on top of everything."""
        return self._mark

    def show_message(self, text: str) -> None:
        """Replace the article with a one-line message (empty state, or an article that is gone)."""
        self.article, self.facts = None, ArticleFacts()
        self._body, self._widgets, self._current = ArticleBody(""), [], -1
        self._title = self._legend = self._mark = None
        self._quote = -1
        self._replace_children([Static(Content(clean_line(text)), classes="reader-message")])
        self._update_indicator()

    def show(
        self,
        article: Article,
        highlights: Sequence[Highlight] = (),
        *,
        title_highlights: Sequence[Highlight] = (),
        facts: ArticleFacts | None = None,
    ) -> None:
        """Show `article` with `highlights` (offsets into `article.body`), scrolled to the top.

        Args:
            article: The article to show.
            highlights: Spans of the body; kind "match" ones are the targets of `n`/`N`.
            title_highlights: Spans of the title (search matches in the headline).
            facts: Quotes and figures of the body, highlighted and listed in the legend.
        """
        self.article = article
        self.facts = facts or ArticleFacts()
        self._body = ArticleBody(article.body, [*highlights, *self.facts.highlights()])
        self._current, self._quote, self._mark = -1, -1, None
        meta = " · ".join(
            part
            for part in (
                article.date.isoformat() if article.date else "",
                clean_line(article.source, 80),
                clean_line(article.url, 200),
                clean_line(article.path),
            )
            if part
        )
        self._title = Static(self._title_content(title_highlights), classes="reader-title")
        # The legend is part of the meta block (same class): it is frame, not article text.
        self._legend = Static(self._legend_content(), classes="reader-meta reader-legend")
        widgets = [self._title, Static(Content(meta), classes="reader-meta"), self._legend]
        styles = self._visible_styles()
        self._widgets = [
            Static(self._body.render_chunk(index, styles), classes="reader-body")
            for index in range(len(self._body.chunks))
        ]
        widgets.extend(self._widgets)
        if self._body.cut:
            note = f"Showing the first {MAX_RENDERED_CHARS:,} of {self._body.length:,} characters."
            widgets.append(Static(Content(note), classes="reader-message"))
        self._replace_children(widgets)
        self.scroll_home(animate=False, immediate=True)
        self._update_indicator()

    def replace_matches(
        self, matches: Sequence[Highlight], title_matches: Sequence[Highlight]
    ) -> None:
        """Swap the search-match spans (a new query) and keep everything else, scroll included."""
        if self.article is None:
            return
        kept = [h for h in self._body.highlights if h.kind != "match"]
        self._body = ArticleBody(self.article.body, [*kept, *matches])
        self._current = -1
        if self._title is not None:
            self._title.update(self._title_content(title_matches))
        self._repaint_all()
        self._update_indicator()

    def set_analysis_shown(self, shown: bool) -> None:
        """Show or hide the quote and figure highlights (search matches always show)."""
        if shown != self.analysis_shown:
            self.analysis_shown = shown
            self._repaint_all()

    def _title_content(self, title_highlights: Sequence[Highlight]) -> Content:
        styles = self._span_styles()
        title = self.article.title if self.article else ""
        spans = [(h.start, h.end, styles[h.kind]) for h in title_highlights if h.kind in styles]
        return safe_content(title, spans, one_line=True)

    def _legend_content(self) -> Content:
        counts = len(self.facts.quotes), len(self.facts.figures)
        return legend_content(self._span_styles(), *counts, shown=self.analysis_shown)

    def _replace_children(self, widgets: list[Static]) -> None:
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(widgets)

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

    def _visible_styles(self) -> dict[str, VisualStyle]:
        styles = self._span_styles()
        if self.analysis_shown:
            return styles
        return {kind: style for kind, style in styles.items() if kind not in ANALYSIS_KINDS}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A theme change re-resolves the highlight styles. Not now: the component styles are
        # updated after this call, and resolving here cached the old theme's colours.
        self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        previous, self._styles = self._styles, None
        if previous is not None and previous != self._span_styles():
            self._repaint_all()

    def _repaint_all(self) -> None:
        for index in range(len(self._widgets)):
            self._repaint(index)
        if self._legend is not None:
            self._legend.update(self._legend_content())

    def _repaint(self, chunk: int) -> None:
        current = self._body.matches[self._current] if self._current >= 0 else None
        if chunk < len(self._widgets):
            content = self._body.render_chunk(
                chunk, self._visible_styles(), current, mark=self._mark
            )
            self._widgets[chunk].update(content)

    def _repaint_spans(self, *spans: Highlight | None) -> None:
        """Repaint every chunk `spans` touch (a quote may run over several paragraphs)."""
        chunks: set[int] = set()
        for span in spans:
            if span is not None:
                first = self._body.position(span.start)[0]
                last = self._body.position(max(span.end - 1, span.start))[0]
                chunks.update(range(first, last + 1))
        for chunk in chunks:
            self._repaint(chunk)

    def step_match(self, delta: int) -> bool:
        """Move to the next (`delta`=1) or previous (-1) search match, wrapping; False if none."""
        matches = self._body.matches
        if not matches:
            return False
        previous = matches[self._current] if self._current >= 0 else None
        self._current = _step(self._current, delta, len(matches))
        self._repaint_spans(previous, matches[self._current])
        self._update_indicator()
        self.scroll_to_offset(matches[self._current].start)
        return True

    def step_quote(self, delta: int) -> bool:
        """Move to the next (`delta`=1) or previous (-1) quote and mark it; False if none."""
        quotes = self._body.quotes
        if not quotes:
            return False
        self._quote = _step(self._quote, delta, len(quotes))
        self._mark_span(quotes[self._quote])
        return True

    def show_span(self, start: int, end: int) -> None:
        """Scroll to the body span `start`..`end` and mark it (a fact chosen in the side panel)."""
        starts = [quote.start for quote in self._body.quotes]
        self._quote = starts.index(start) if start in starts else self._quote
        self._mark_span(Highlight(start, end, "mark"))

    def _mark_span(self, span: Highlight) -> None:
        previous, self._mark = self._mark, Highlight(span.start, span.end, "mark")
        self._repaint_spans(previous, self._mark)
        self._update_indicator()
        self.scroll_to_offset(span.start)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding body `offset` is centred (after the next refresh)."""
        self.call_after_refresh(self._scroll_to_offset_now, offset)

    def _scroll_to_offset_now(self, offset: int, attempts: int = 5) -> None:
        chunk, within = self._body.position(offset)
        if chunk >= len(self._widgets):
            return
        widget = self._widgets[chunk]
        if not widget.content_region.width:
            # Not laid out yet: the pane was hidden until now (at 80 columns the facts panel
            # stands in for it). Measuring now would wrap at width 1 and scroll to the end.
            if attempts:
                self.call_after_refresh(self._scroll_to_offset_now, offset, attempts - 1)
            return
        width = widget.content_region.width
        line, consumed = 0, 0
        # Each wrapped line gave up one character (the space or newline it broke at).
        for line_content in Content(self._body.chunks[chunk].text).wrap(width):
            consumed += len(line_content.plain) + 1
            if consumed > within:
                break
            line += 1
        region = Region(0, widget.virtual_region.y + line, width, 1)
        self.scroll_to_region(region, center=True, animate=False, force=True)

    def _update_indicator(self) -> None:
        parts = []
        count = len(self._body.matches)
        if count and self._current < 0:
            parts.append(f"{count} {'match' if count == 1 else 'matches'} · n/N")
        elif count:
            parts.append(f"match {self._current + 1}/{count}")
        if self._quote >= 0:
            parts.append(f"quote {self._quote + 1}/{len(self._body.quotes)}")
        self.border_subtitle = " · ".join(parts)


def _step(index: int, delta: int, count: int) -> int:
    """The next index from `index` (-1: none yet) by `delta`, wrapping around `count`."""
    if index < 0:
        return 0 if delta > 0 else count - 1
    return (index + delta) % count
