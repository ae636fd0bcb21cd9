"""Quotes (with speakers) and key figures (with kinds) found in article text; pure and fast."""

from __future__ import annotations

from collections.abc import Iterable

from tui_reader.core.analysis.attribution import Attributor
from tui_reader.core.analysis.figures import find_figures
from tui_reader.core.analysis.layout import TextLayout
from tui_reader.core.analysis.models import FIGURE_KINDS, Figure, Quote
from tui_reader.core.analysis.quotes import find_quote_spans

__all__ = ["FIGURE_KINDS", "Figure", "Quote", "find_figures", "find_quotes", "speakers_of"]


def find_quotes(text: str) -> list[Quote]:
    """Find the direct quotations in an article and who said them.

    Scare quotes, titles and nicknames are left out; a quote whose speaker the text does not
    give has ``speaker=None``.

    Args:
        text: Article body, paragraphs separated by newlines.

    Returns:
        Quotes sorted by ``start``, non-overlapping; ``text`` excludes the outer marks.
    """
    if not text:
        return []
    layout = TextLayout(text)
    spans = find_quote_spans(text, layout)
    if not spans:
        return []  # before the attributor: indexing its names is most of its cost
    attributor = Attributor(text, layout)
    quotes: list[Quote] = []
    for index, (start, end) in enumerate(spans):
        next_open = spans[index + 1][0] - 1 if index + 1 < len(spans) else len(text)
        attribution = attributor.attribute(start, end, next_open)
        if attribution.speech:
            quotes.append(Quote(start, end, text[start:end], attribution.speaker))
    return quotes


def speakers_of(quotes: Iterable[Quote]) -> list[str]:
    """Distinct speaker names in order of first appearance, for the search index."""
    seen: dict[str, None] = {}
    for quote in quotes:
        if quote.speaker:
            seen.setdefault(quote.speaker, None)
    return list(seen)
