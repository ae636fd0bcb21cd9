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
    HIGHLIGHT_ORDER,
    MAX_RENDERED_CHARS,
    ArticleBody,
    Highlight,
)
from tui_reader.widgets.safe_text import safe_content

__all__ = ["HIGHLIGHT_ORDER", "Highlight", "ReaderPane"]


class ReaderPane(VerticalScroll, can_focus=True):
    """Shows one article; `n`/`N` move between search matches ("match 3/7" in the border).

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
        self._body = ArticleBody("")
        self._widgets: list[Static] = []
        self._current = -1
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

    def show_message(self, text: str) -> None:
        """Replace the article with a one-line message (empty state, or an article that is gone)."""
        self.article = None
        self._body, self._widgets, self._current = ArticleBody(""), [], -1
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
        self._body = ArticleBody(article.body, highlights)
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
                article.date.isoformat() if article.date else "",
                clean_line(article.source, 80),
                clean_line(article.url, 200),
                clean_line(article.path),
            )
            if part
        )
        widgets = [
            Static(title, classes="reader-title"),
            Static(Content(meta), classes="reader-meta"),
        ]
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

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A theme change re-resolves the highlight styles; repaint only when they changed.
        previous, self._styles = self._styles, None
        if previous is not None and previous != self._span_styles():
            for index in range(len(self._widgets)):
                self._repaint(index)

    def _repaint(self, chunk: int) -> None:
        current = self._body.matches[self._current] if self._current >= 0 else None
        if chunk < len(self._widgets):
            content = self._body.render_chunk(chunk, self._span_styles(), current)
            self._widgets[chunk].update(content)

    def step_match(self, delta: int) -> bool:
        """Move to the next (`delta`=1) or previous (-1) search match, wrapping; False if none."""
        matches = self._body.matches
        if not matches:
            return False
        previous = self._current
        if previous < 0:
            self._current = 0 if delta > 0 else len(matches) - 1
        else:
            self._current = (previous + delta) % len(matches)
        touched = {self._body.position(matches[self._current].start)[0]}
        if previous >= 0:
            touched.add(self._body.position(matches[previous].start)[0])
        for chunk in touched:
            self._repaint(chunk)
        self._update_indicator()
        self.call_after_refresh(self._scroll_to_current)
        return True

    def _scroll_to_current(self) -> None:
        if self._current < 0:
            return
        chunk, offset = self._body.position(self._body.matches[self._current].start)
        if chunk >= len(self._widgets):
            return
        widget = self._widgets[chunk]
        width = max(1, widget.content_region.width)
        line, consumed = 0, 0
        # Each wrapped line gave up one character (the space or newline it broke at).
        for line_content in Content(self._body.chunks[chunk].text).wrap(width):
            consumed += len(line_content.plain) + 1
            if consumed > offset:
                break
            line += 1
        region = Region(0, widget.virtual_region.y + line, width, 1)
        self.scroll_to_region(region, center=True, animate=False, force=True)

    def _update_indicator(self) -> None:
        count = len(self._body.matches)
        if not count:
            self.border_subtitle = ""
        elif self._current < 0:
            noun = "match" if count == 1 else "matches"
            self.border_subtitle = f"{count} {noun} · n/N"
        else:
            self.border_subtitle = f"match {self._current + 1}/{count}"
