"""The facts panel: an article's quotes (with speakers) and key figures; choosing one shows it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_reader.core.sanitize import clean_line

if TYPE_CHECKING:  # the analysis itself is imported when an article is first opened
    from tui_reader.core.analysis import Figure, Quote

QUOTE_PREVIEW_CHARS = 90


class FactsPanel(OptionList):
    """Lists quotes and figures of the open article. Posts `FactChosen` with the span to show."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="facts.down"),
        Binding("k", "cursor_up", "Up", show=False, id="facts.up"),
    ]

    @dataclass
    class FactChosen(Message):
        """The user chose a quote or figure: scroll the reader to `start`..`end` of the body."""

        start: int
        end: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: dict[str, tuple[int, int]] = {}

    def on_mount(self) -> None:
        self.border_title = "Quotes & figures"

    def show_facts(self, quotes: Sequence[Quote], figures: Sequence[Figure]) -> None:
        """Replace the list with `quotes` and `figures` (offsets into the article body)."""
        self._spans.clear()
        options: list[Option | None] = [Option(_heading(f"Quotes ({len(quotes)})"), disabled=True)]
        for number, quote in enumerate(quotes):
            option_id = f"quote-{number}"
            self._spans[option_id] = (quote.start, quote.end)
            options.append(Option(_quote_line(quote), id=option_id))
        options.append(None)
        options.append(Option(_heading(f"Key figures ({len(figures)})"), disabled=True))
        for number, figure in enumerate(figures):
            option_id = f"figure-{number}"
            self._spans[option_id] = (figure.start, figure.end)
            options.append(Option(_figure_line(figure), id=option_id))
        self.set_options(options)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        span = self._spans.get(event.option.id or "")
        if span is not None:
            self.post_message(self.FactChosen(*span))


def _heading(text: str) -> Content:
    return Content.styled(text, "bold")


def _quote_line(quote: Quote) -> Content:
    speaker = clean_line(quote.speaker or "unattributed", 40)
    text = clean_line(quote.text, QUOTE_PREVIEW_CHARS)
    return Content.assemble((speaker, "$text-accent bold"), ": “", text, "”")


def _figure_line(figure: Figure) -> Content:
    return Content.assemble((f"{figure.kind:<9}", "$text-muted"), " ", clean_line(figure.text, 60))
