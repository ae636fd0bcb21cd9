"""Parse an article's text into an `Article`: front matter, headline, body, boilerplate, metadata.

The body is a contiguous slice of the cleaned text in which the only change is that the newline
before a broken-off continuation line becomes a space (same length), so offsets found in the body
map back to the file text by adding `Article.body_offset`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from tui_reader.core.article_metadata import (
    domain_of,
    find_first_date,
    looks_like_url,
    title_from_paragraph,
)
from tui_reader.core.models import Article
from tui_reader.core.paragraph_joining import continuation_newlines
from tui_reader.core.sanitize import clean_line, clean_text

_FRONT_MATTER_KEYS = frozenset({"title", "date", "source", "url"})
_KEY_VALUE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_PRESS_PREFIX = re.compile(r"^(?:press[ \t]+release[ \t]*[:\-–—|][ \t]*)+", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BYLINE = re.compile(r"^by\s+\S+(?:\s+\S+){0,4}$", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(?:comments?\s*\(\d+\)|further information|share this(?: article| story| page)?"
    r"|read more|related(?: articles| stories)?|advertisement|print this page)[.:]?$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^source\s*:\s*(\S.*)$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^[Aa]ccording\s+to\s+([A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,4})\.?$")
_TERMINAL = ".!?…:;,"
_CLOSERS = "\"”’')]»"
_HEADLINE_MAX_CHARS = 150
_HEADLINE_MAX_WORDS = 25
_SECOND_SENTENCE = re.compile(r"[.!?]\s+[A-Z]")


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """The `key: value` lines between `---` fences at the very top, and where the content starts."""
    match = re.match(r"\s*---[ \t]*\n", text)
    if not match:
        return {}, 0
    fields: dict[str, str] = {}
    position = match.end()
    while position <= len(text):
        newline = text.find("\n", position)
        end = len(text) if newline < 0 else newline
        line = text[position:end]
        if line.strip() in ("---", "..."):
            if not fields.keys() & _FRONT_MATTER_KEYS:
                return {}, 0
            return fields, min(end + 1, len(text))
        key_value = _KEY_VALUE.match(line)
        if key_value:
            value = key_value.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields.setdefault(key_value.group(1).lower(), value.strip())
        elif line.strip() and not line[:1].isspace() and not line.startswith("-"):
            return {}, 0  # prose under a horizontal rule, not front matter
        if newline < 0:
            break
        position = newline + 1
    return {}, 0


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


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in ".!?…"


def _headline_title(line: str, next_line: str | None, adjacent: bool) -> str | None:
    """The title `line` gives when it reads as a headline, else None."""
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
    if _BYLINE.match(text) or _SOURCE_LINE.match(text) or _BOILERPLATE.match(text):
        return None
    if find_first_date(text) and sum(c.isalpha() for c in text) < 12:
        return None  # a dateline
    return text


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
    fields, content_start = _front_matter(cleaned)
    spans = _line_spans(cleaned, content_start)
    lines = [cleaned[a:b] for a, b in spans]
    nonblank = [i for i, line in enumerate(lines) if line.strip()]

    press_release = False
    headline: str | None = None
    first = 0
    while first < len(nonblank):
        line = lines[nonblank[first]]
        prefix = _PRESS_PREFIX.match(line.strip())
        if not prefix:
            break
        press_release = True
        remainder = line.strip()[prefix.end() :].strip()
        if remainder:
            following = first + 1 < len(nonblank)
            next_index = nonblank[first + 1] if following else None
            headline = _headline_title(
                remainder,
                lines[next_index] if next_index is not None else None,
                next_index == nonblank[first] + 1,
            )
            break
        first += 1  # a lone "Press release:" line above the headline
    if headline is None and first < len(nonblank):
        index = nonblank[first]
        next_index = nonblank[first + 1] if first + 1 < len(nonblank) else None
        headline = _headline_title(
            lines[index],
            lines[next_index] if next_index is not None else None,
            next_index == index + 1,
        )
    body_lines = nonblank[first + 1 :] if headline is not None else nonblank[first:]

    url = ""
    sign_off = ""
    named_source = ""
    while len(body_lines) > 1:
        tail = lines[body_lines[-1]].strip()
        source_line = _SOURCE_LINE.match(tail)
        sign = _SIGN_OFF.match(tail)
        if source_line:
            value = source_line.group(1).strip()
            if looks_like_url(value):
                url = url or value
            elif len(value.split()) <= 6:
                named_source = named_source or value.rstrip(".")
            else:
                break
        elif sign:
            sign_off = sign_off or sign.group(1)
        elif not _BOILERPLATE.match(tail):
            break
        body_lines.pop()

    body, body_offset = _body(cleaned, spans, lines, body_lines, key)
    title = clean_line(fields.get("title", "")) or (clean_line(headline) if headline else "")
    if not title:
        first_paragraph = next((p for p in body.split("\n") if p.strip()), "")
        title = clean_line(title_from_paragraph(first_paragraph))
    if not title:
        title = clean_line(PurePosixPath(key).stem) or "Untitled"

    date = find_first_date(fields.get("date", "")) or find_first_date(cleaned[content_start:])
    url = fields.get("url", "") or url
    source = (
        fields.get("source", "")
        or (domain_of(url) if looks_like_url(url) else "")
        or named_source
        or sign_off
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
    for newline in continuation_newlines(lines, spans, region, markdown=markdown):
        parts.append(cleaned[position:newline])
        parts.append(" ")
        position = newline + 1
    parts.append(cleaned[position:end])
    return "".join(parts), start
