"""The records the analysis returns: quote spans with a speaker, key-figure spans with a kind."""

from __future__ import annotations

from dataclasses import dataclass

FIGURE_KINDS: tuple[str, ...] = (
    "money",
    "percent",
    "count",
    "date",
    "year",
    "range",
    "duration",
    "ordinal",
    "quantity",
)


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: ``text == source[start:end]``, the words inside the outer marks."""

    start: int
    end: int
    text: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure such as ``£270 billion``; ``kind`` is one of ``FIGURE_KINDS``."""

    start: int
    end: int
    text: str
    kind: str
