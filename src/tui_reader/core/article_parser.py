"""Parse an article's text into an `Article`: front matter, headline, body, boilerplate, metadata.

The body is a contiguous slice of the cleaned text in which the only change is that the newline
before a broken-off continuation line becomes a space (same length), so offsets found in the body
map back to the file text by adding `Article.body_offset`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from tui_reader.core.article_metadata import (
    domain_of,
    find_first_date,
    looks_like_url,
    split_dateline,
    title_from_paragraph,
)
from tui_reader.core.front_matter import read_front_matter
from tui_reader.core.models import Article
from tui_reader.core.paragraph_joining import continuation_newlines, wrap_width
from tui_reader.core.sanitize import clean_line, clean_text

# "Press release:" once or repeated; a lone "PRESS RELEASE" line needs no colon.
_PRESS_PREFIX = re.compile(r"^(?:press[ \t]+release[ \t]*(?:[:\-–—|][ \t]*|$))+", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BYLINE = re.compile(r"^by\s+\S+(?:\s+\S+){0,4}$", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(?:comments?\s*\(\d+\)|further information|share this(?: article| story| page)?"
    r"|read more|related(?: articles| stories)?|advertisement|print this page)[.:]?$",
    re.IGNORECASE,
)
_SOURCE_SEARCH_LINES = 200  # how far into the body a stray `Source:` line is looked for
_SOURCE_LINE = re.compile(r"^source\s*:\s*(\S.*)$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^[Aa]ccording\s+to\s+([A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,4})\.?$")
_TERMINAL = ".!?…:;,"
_CLOSERS = "\"”’')]»"
_HEADLINE_MAX_CHARS = 150
_HEADLINE_MAX_WORDS = 25
_SECOND_SENTENCE = re.compile(r"[.!?]\s+[A-Z]")


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _line_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` from `start`, ends excluding the newline."""
    spans = []
    position = start
    while position <= len(text):
        newline = text.find("\n", position)
        if newline < 0:
            spans.append((position, len(text)))
            break
        spans.append((position, newline))
        position = newline + 1
    return spans


def _headline_title(
    line: str, next_line: str | None, adjacent: bool, width: int | None = None
) -> str | None:
    """The title `line` gives when it reads as a headline, else None.

    `adjacent` says the next non-blank line follows without a blank line; `width` is the fill
    width when the text is hard-wrapped (a wrapped first line is not a headline).
    """
    heading = _MARKDOWN_HEADING.match(line)
    if heading:
        return heading.group(1).strip() or None
    text = line.strip()
    if next_line is None or len(text) > _HEADLINE_MAX_CHARS:
        return None
    if len(text.split()) > _HEADLINE_MAX_WORDS or not any(c.isalpha() for c in text):
        return None
    if text.rstrip(_CLOSERS)[-1:] in _TERMINAL or _SECOND_SENTENCE.search(text):
        return None
    if adjacent and next_line.lstrip()[:1].islower():
        return None  # the line breaks off mid-sentence: it is the start of a paragraph
    if adjacent and width is not None and len(text) >= 0.6 * width:
        return None  # the first wrapped line of a paragraph
    if _BYLINE.match(text) or _SOURCE_LINE.match(text) or _BOILERPLATE.match(text):
        return None
    if find_first_date(text) and sum(c.isalpha() for c in text) < 12:
        return None  # a dateline
    return text


def _find_headline(
    lines: list[str], nonblank: list[int], width: int | None
) -> tuple[str | None, int, bool]:
    """The headline text, the index in `nonblank` of its line, and whether it is a press release.

    A lone "Press release:" line above the headline is skipped (and remembered), and so is a
    leading `Source:` line (`_strip_tail` reads it).
    """
    press_release = False
    first = 0
    while first < len(nonblank):
        line = lines[nonblank[first]].strip()
        if _SOURCE_LINE.match(line) and len(line) < _HEADLINE_MAX_CHARS:
            first += 1  # a "Source: …" line above everything is metadata, not the headline
            continue
        prefix = _PRESS_PREFIX.match(line)
        if prefix:
            press_release = True
            line = line[prefix.end() :].strip()
            if not line:
                first += 1
                continue
        following = nonblank[first + 1] if first + 1 < len(nonblank) else None
        headline = _headline_title(
            line,
            lines[following] if following is not None else None,
            following == nonblank[first] + 1,
            width,
        )
        return headline, first, press_release
    return None, first, press_release


@dataclass(slots=True)
class _Tail:
    """What the boilerplate tail said about the article's origin."""

    url: str = ""
    named_source: str = ""  # "Source: Reuters"
    sign_off: str = ""  # "According to Reuters"


def _note_source_line(line: str, tail: _Tail) -> bool:
    """Record a lone `Source: <url or name>` line in `tail`; False when `line` is not one."""
    source_line = _SOURCE_LINE.match(line)
    if not source_line:
        return False
    value = source_line.group(1).strip()
    if looks_like_url(value):
        tail.url = tail.url or value
    elif len(value.split()) <= 6:
        tail.named_source = tail.named_source or value.rstrip(".")
    else:
        return False
    return True


def _strip_tail(lines: list[str], nonblank: list[int], body_lines: list[int]) -> _Tail:
    """Pop trailing boilerplate lines off `body_lines` (never the last one), noting sources.

    A `Source:` line elsewhere in the text (say, under the headline) still names the source;
    it stays in the body unless it sits above the headline.
    """
    tail = _Tail()
    while len(body_lines) > 1:
        line = lines[body_lines[-1]].strip()
        sign = _SIGN_OFF.match(line)
        if _note_source_line(line, tail):
            pass
        elif sign:
            tail.sign_off = tail.sign_off or sign.group(1)
        elif not _BOILERPLATE.match(line):
            break
        body_lines.pop()
    if not (tail.url or tail.named_source):
        for index in nonblank[:_SOURCE_SEARCH_LINES]:
            if _note_source_line(lines[index].strip(), tail):
                break
    return tail


def parse_article(text: str, *, key: str, size: int = 0, mtime_ns: int = 0) -> Article:
    """Read an article's title, date, source, URL and body from its text.

    Args:
        text: the decoded file text (cleaned here with `sanitize.clean_text`).
        key: the article's path relative to the articles folder (used for the fallback title).
        size: bytes on disk, passed through.
        mtime_ns: modification time, passed through (never used as the date).

    Returns:
        The article. Its title is never empty.
    """
    cleaned = clean_text(text)
    fields, content_start = read_front_matter(cleaned)
    spans = _line_spans(cleaned, content_start)
    lines = [cleaned[a:b] for a, b in spans]
    nonblank = [i for i, line in enumerate(lines) if line.strip()]

    width = wrap_width(lines, range(len(lines)))
    headline, first, press_release = _find_headline(lines, nonblank, width)
    if headline is not None and fields.get("title") and not press_release:
        # With a front-matter title, a plain first line is only dropped when it repeats that title.
        is_heading = bool(_MARKDOWN_HEADING.match(lines[nonblank[first]]))
        if not is_heading and _folded(headline) != _folded(fields["title"]):
            headline = None
    body_lines = nonblank[first + 1 :] if headline is not None else nonblank[first:]
    tail = _strip_tail(lines, nonblank, body_lines)

    body, body_offset = _body(cleaned, spans, lines, body_lines, width, key)
    first_paragraph = next((p for p in body.split("\n") if _has_word(p)), "")
    title = clean_line(fields.get("title", "")) or (clean_line(headline) if headline else "")
    if not title:
        title = clean_line(title_from_paragraph(split_dateline(first_paragraph)[1]))
    if not _has_word(title):
        title = clean_line(PurePosixPath(key).stem) or "Untitled"

    date = find_first_date(fields.get("date", "")) or find_first_date(cleaned[content_start:])
    url = fields.get("url", "") or tail.url
    source = (
        fields.get("source", "")
        or (domain_of(url) if looks_like_url(url) else "")
        or tail.named_source
        or tail.sign_off
        or split_dateline(first_paragraph)[0]
        or ("Press release" if press_release else "")
    )
    return Article(
        path=key,
        title=title,
        body=body,
        date=date,
        source=clean_line(source, 120),
        url=clean_line(url, 2000),
        size=size,
        mtime_ns=mtime_ns,
        body_offset=body_offset,
    )


def _body(
    cleaned: str,
    spans: list[tuple[int, int]],
    lines: list[str],
    body_lines: list[int],
    width: int | None,
    key: str,
) -> tuple[str, int]:
    """The body slice of `cleaned` with continuation newlines turned into spaces, and its offset."""
    if not body_lines:
        return "", spans[0][0] if spans else 0
    first, last = body_lines[0], body_lines[-1]
    start = spans[first][0] + len(lines[first]) - len(lines[first].lstrip())
    end = spans[last][0] + len(lines[last].rstrip())
    region = range(first, last + 1)
    markdown = key.lower().endswith(".md")
    parts: list[str] = []
    position = start
    for newline in continuation_newlines(lines, spans, region, width=width, markdown=markdown):
        parts.append(cleaned[position:newline])
        parts.append(" ")
        position = newline + 1
    parts.append(cleaned[position:end])
    return "".join(parts), start
