"""The search bar: query input and one status line (count, "did you mean", errors, progress)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.style import Style as VisualStyle
from textual.widgets import Input, Static

from tui_reader.core.models import SearchResults
from tui_reader.core.sanitize import clean_line

PLACEHOLDER = 'Search: words, "a phrase", title:word, a AND b, -word   (/ to focus)'


class QueryInput(Input):
    """An `Input` whose typing repaints it without laying the screen out again.

    `Input` sets its `virtual_size` (the text's width) on every edit, and in `Widget` that is a
    layout reactive: each key re-arranged the whole screen, footer included (~4 ms a key at
    120x40). The bar is one line as wide as the screen whatever the text, so nothing else can
    move; scrolling a long query still follows `virtual_size`, which is read, not laid out.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class SearchBar(Vertical):
    """Query input and a status line; posts `QueryChanged` on every edit, `Submitted` on Enter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "search-bar--count",
        "search-bar--suggestion",
        "search-bar--error",
        "search-bar--progress",
    }

    @dataclass
    class QueryChanged(Message):
        """The query text changed (one per keystroke; the screen coalesces the searches)."""

        query: str

        def can_replace(self, message: Message) -> bool:
            # Only the newest text matters: a burst of keystrokes queues one search, not many.
            return isinstance(message, SearchBar.QueryChanged)

    @dataclass
    class Submitted(Message):
        """Enter was pressed in the query input."""

        query: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestion: str | None = None
        self._results_status = Content("")
        self._progress = ""

    def compose(self) -> ComposeResult:
        yield QueryInput(placeholder=PLACEHOLDER, id="query", select_on_focus=False)
        yield Static(id="search-status", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#query", Input)

    @property
    def value(self) -> str:
        return self.input.value

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def show_results(self, results: SearchResults, shown: str) -> None:
        """Describe `results`: count, sort order, suggestion and any one-line message."""
        count_style = self.get_visual_style("search-bar--count", partial=True)
        if results.query.strip():
            noun = "match" if results.total == 1 else "matches"
        else:
            noun = "article" if results.total == 1 else "articles"
        # A lower bound while the exact count is still being made: "1,000+ matches".
        count = f"{results.total:,}{'' if results.total_exact else '+'} {noun}"
        parts: list[str | tuple[str, VisualStyle]] = [(count, count_style)]
        parts.append(f" · sorted by {shown}")
        self.suggestion = results.suggestion
        if results.suggestion:
            suggestion = clean_line(results.suggestion, 120)
            style = self.get_visual_style("search-bar--suggestion", partial=True)
            parts.append("  ")
            parts.append((f"Did you mean “{suggestion}”? (F2 or Ctrl+Y)", style))
        if results.message:
            style = self.get_visual_style("search-bar--error", partial=True)
            parts.append("  ")
            parts.append((clean_line(results.message, 200), style))
        self._results_status = Content.assemble(*parts)
        self._refresh_status()

    def show_progress(self, text: str) -> None:
        """Show (or with "" clear) an indexing progress note before the result status."""
        self._progress = clean_line(text)
        self._refresh_status()

    def _refresh_status(self) -> None:
        status = self._results_status
        if self._progress:
            style = self.get_visual_style("search-bar--progress", partial=True)
            status = Content.assemble((self._progress, style), "  ", status)
        # One line high whatever it says (CSS): without a layout pass, a new answer repaints
        # the status alone instead of arranging the whole screen again.
        self.query_one("#search-status", Static).update(status, layout=False)
