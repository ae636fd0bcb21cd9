"""The reader's one-line legend: a sample of each highlight style, and what the article holds."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.style import Style


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def legend_content(
    styles: Mapping[str, Style], quotes: int, figures: int, *, shown: bool
) -> Content:
    """`“quote”  £ figure  match · 3 quotes · 7 figures`, each sample in its own style.

    Args:
        styles: The resolved style of each highlight kind.
        quotes: How many quotes the article has.
        figures: How many key figures it has.
        shown: Whether quotes and figures are highlighted (`h` toggles); when not, says so.
    """
    counts = f"{_count(quotes, 'quote')} · {_count(figures, 'figure')}"
    match = ("match", styles["match"])
    if not shown:
        return Content.assemble(match, f" · {counts} · highlighting off (h)")
    return Content.assemble(
        ("“quote”", styles["quote"]),
        "  ",
        ("£ figure", styles["figure"]),
        "  ",
        match,
        f" · {counts}",
    )
