"""Readers of article metadata in free text: calendar dates, source domains, a sentence title."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from tui_reader.core.gated_search import matches_at

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# Capitalised month names only: "may 27" in a sentence is a verb more often than a date.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# A day is required: "May 2026" names a month, not a publication date.
_DATE = re.compile(
    rf"""
    \b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL},?\s+(?P<y1>\d{{4}})(?!\d)
  | (?<![\d-])(?:(?P<from2>\d{{1,2}}){_ORDINAL}\s*[-–]\s*)?  # a day range starts on its first day
    (?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})(?!\d)
  | (?<![\d-])(?P<y3>\d{{4}})-(?P<mo3>\d{{2}})-(?P<d3>\d{{2}})(?![\d-])
    """,
    re.VERBOSE,
)


# Where a `_DATE` match can start: a capitalised month, or a digit not after a digit or "-".
# Trying `_DATE` only there finds what scanning with it finds, in half the time (a body with
# no date line is searched to its end, for every snippet of a cold article).
_DATE_START = re.compile(r"\b(?=Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|(?<![\d-])(?=\d)")


def find_first_date(text: str) -> dt.date | None:
    """The first explicit calendar date in `text` (`May 27, 2026`, `27 May 2026`, `2026-05-27`).

    Impossible dates (31 February) are passed over. Returns None when the text states no date.
    """
    starts = ((gate.start(), len(text)) for gate in _DATE_START.finditer(text))
    for match in matches_at(_DATE, text, starts):
        if (date := date_of(match)) is not None:
            return date
    return None


def date_of(match: re.Match[str]) -> dt.date | None:
    """The calendar date a `_DATE` match names, or None for an impossible one (31 February)."""
    if match.group("y3"):
        year, month, day = (int(match.group(g)) for g in ("y3", "mo3", "d3"))
    else:
        which = "1" if match.group("m1") else "2"
        year = int(match.group("y" + which))
        month = _MONTH_NUMBERS[match.group("m" + which).lower()]
        day = int(match.group("from2") or match.group("d" + which))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def domain_of(url: str) -> str:
    """The site a URL points at, lower-case, without `www.` (`hanoimoi.vn`); "" when none."""
    candidate = url.strip()
    if "://" not in candidate:
        candidate = "//" + candidate
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host if "." in host else ""


def looks_like_url(value: str) -> bool:
    """True for `https://…`, `www.…` and bare `example.com/path` values."""
    value = value.strip()
    if " " in value or not value:
        return False
    if "://" in value or value.lower().startswith("www."):
        return True
    return bool(re.match(r"^[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", value)) and bool(domain_of(value))


# A wire dateline opening the first paragraph: "WASHINGTON (AP) — ", "LONDON, May 27 (Reuters) - ",
# "ABERDEEN, 3 March 2025 — ". An all-caps place plus a date part or an agency, then a dash.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3})"
    r"(?P<when>,[ \t]*[^—–\n()]{1,40}?)?"
    r"[ \t]*(?:\((?P<agency>[A-Za-z][\w .&-]{0,29})\))?"
    r"[ \t]*[—–-]{1,2}[ \t]+"
)


def split_dateline(paragraph: str) -> tuple[str, str]:
    """Split a wire dateline off a paragraph: (news agency or "", the paragraph after the dateline).

    Returns ("", paragraph) when the paragraph does not open with a dateline.
    """
    match = _DATELINE.match(paragraph)
    if not match or not (match.group("when") or match.group("agency")):
        return "", paragraph
    return (match.group("agency") or "").strip(), paragraph[match.end() :]


# Common abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    (  # noqa: SIM905 - a word list reads better as words
        "mr mrs ms dr prof st sr jr gen col lt sgt capt gov sen rep rev hon no vs etc inc ltd co "
        "corp jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e"
    ).split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9]|\s*$)")


def first_sentence(paragraph: str) -> str:
    """The paragraph's first sentence (whole paragraph when no sentence end is found)."""
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: match.start()].rsplit(maxsplit=1)
        word = before[-1].lower() if before else ""
        if match.group().startswith(".") and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        return paragraph[: match.end()]
    return paragraph


def title_from_paragraph(paragraph: str, limit: int = 90) -> str:
    """A title made of the paragraph's first sentence, cut at a word boundary with "…" when long.

    Args:
        paragraph: the article's first paragraph.
        limit: the longest title, in characters, before the ellipsis.

    Returns:
        The title (empty only when the paragraph is).
    """
    sentence = " ".join(first_sentence(paragraph[: limit * 20]).split())
    if len(sentence) <= limit:
        return sentence.rstrip(".").rstrip() or sentence
    cut = sentence[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else cut[:limit]
    return cut.rstrip(" ,;:-–—") + "…"
