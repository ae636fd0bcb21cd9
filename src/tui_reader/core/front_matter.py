"""Optional front matter atop an article: `title:`, `date:`, `source:`, `url:` between `---`."""

from __future__ import annotations

import re

_FRONT_MATTER_KEYS = frozenset({"title", "date", "source", "url"})
_KEY_VALUE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def read_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Read the `key: value` lines between `---` fences at the very top of an article.

    Only a block naming at least one of title/date/source/url counts, so a horizontal rule
    followed by prose is left alone. Keys are lower-cased; quoted values unquoted.

    Args:
        text: the cleaned article text.

    Returns:
        The fields (empty when there is no front matter) and the offset where the content starts.
    """
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
