"""Regex search tried only where a match can start: what `finditer` finds, in less time.

A long alternation (every currency, every month name) makes `finditer` try each position of the
text; a short look-ahead "gate" can list the few positions where a match could begin, and the
pattern is then matched only there. Used by figure finding and date finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer` would find, trying only at the given starts.

    `starts` are (position, end) pairs in order of position, `end` bounding the match as
    finditer's `endpos` would. Like finditer, no match starts inside the one before it; the
    result equals finditer's when every position a match could start at is listed.
    """
    taken_to = 0
    for position, end in starts:
        if position >= taken_to and (match := pattern.match(text, position, end)):
            taken_to = match.end()
            yield match
