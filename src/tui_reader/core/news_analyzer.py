"""The words of an article as index terms, in one pass: tokenise, lower-case, drop stop words,
unify British/American spelling, stem.

Whoosh builds the same thing as a chain of five generators (RegexTokenizer | LowercaseFilter |
StopFilter | spelling filter | StemFilter); every token then crosses five generator frames and
the spelling and stemming functions run again for each repeat of a word. Indexing spent about
half its time there. `NewsAnalyzer` does the work in one loop and remembers each distinct
word's term, and yields exactly the tokens the chain yields, positions and offsets included
(`tests/core/test_news_analyzer.py` compares the two on random text).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import STOP_WORDS
from whoosh.analysis.acore import Token
from whoosh.analysis.analyzers import Analyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.lang.porter import stem

from tui_reader.core.spelling import RESPELLED_OPENINGS, canonical_spelling

# Whoosh's RegexTokenizer default: words with inner dots ("U.S", "3.5") and wildcard stars.
WORD_PATTERN = default_pattern
MIN_WORD_CHARS = 2  # StopFilter's default: one-letter words are dropped like stop words
MAX_REMEMBERED_WORDS = 200_000  # the memo is cleared when it grows past this
# The same words as WORD_PATTERN (words joined by single dots), without its group, so findall
# gives whole words; a third faster to scan, as the optional dot no longer backtracks.
_WORDS = re.compile(r"\w+(?:\.\w+)*")


class NewsAnalyzer(Analyzer):
    """Index and query terms of English news text (see the module docstring)."""

    def __init__(self) -> None:
        self._terms: dict[str, str] = {}  # lower-case word -> term (spelling unified, stemmed)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __getstate__(self) -> dict[str, Any]:
        return {}  # the schema is pickled into the index; the memo is not part of it

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._terms = {}

    def clean(self) -> None:
        self._terms = {}

    def term(self, word: str, *, stemmed: bool = True) -> str:
        """The index term of one lower-case, non-stop word."""
        if not stemmed:
            return canonical_spelling(word)
        term = self._terms.get(word)
        if term is None:
            if len(self._terms) >= MAX_REMEMBERED_WORDS:
                self._terms.clear()
            term = self._terms[word] = stem(canonical_spelling(word))
        return term

    def word_matches(
        self, text: str, terms: frozenset[str], start: int = 0
    ) -> Iterator[tuple[int, int, bool]]:
        """`(start, end, whether its term is in terms)` of each word of `text` that is not a
        stop word: the words and offsets of `self(text, chars=True)`, without a Token each.

        Marking matches in snippets and in the reader runs on this. A word seen for the first
        time is stemmed only if it begins like one of `terms` (`_word_starts`), so a fresh
        process marks its first snippets without stemming every word on the way. `start` must
        be 0 or a boundary from `before_first_of`.
        """
        could_match = _word_starts(terms).match
        known = self._terms
        for match in WORD_PATTERN.finditer(text, start):
            lower = match.group(0).lower()
            if len(lower) < MIN_WORD_CHARS or lower in STOP_WORDS:
                continue
            term = known.get(lower)
            if term is None and could_match(lower):
                term = self.term(lower)
            yield match.start(), match.end(), term in terms

    def term_positions(self, text: str, start_pos: int = 0) -> tuple[dict[str, list[int]], int]:
        """Each term of `text` and its positions, as `self(text, positions=True,
        start_pos=start_pos)` numbers them, and the position after the last word.

        The index's body postings are built from this in the worker processes: a third of
        their time went to a Token per word.
        """
        found: dict[str, list[int]] = {}
        known, term_of = self._terms, self.term
        position: int | None = None  # StopFilter's numbering: the first kept word keeps its own
        for number, word in enumerate(_WORDS.findall(text)):
            lower = word.lower()
            if len(lower) < MIN_WORD_CHARS or lower in STOP_WORDS:
                continue
            position = start_pos + number if position is None else position + 1
            term = known.get(lower) or term_of(lower)
            at = found.get(term)
            if at is None:
                found[term] = [position]
            else:
                at.append(position)
        return found, start_pos if position is None else position + 1

    def before_first_of(self, text: str, terms: frozenset[str], start: int = 0) -> int | None:
        """Where the first word of `text` from `start` (0 or a word's end) whose term is in
        `terms` begins; None when no word's does.

        A rare word's first match is often deep in an article. A word's term begins with the
        word's first two letters (`_word_starts` has the exceptions), so the candidates are
        found in C, as the word starts with those letters, and only they are stemmed: walking
        every word, or stemming each distinct one, cost several times more.
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter that lower-cases to two: offsets would drift
            return start
        term = self.term
        for candidate in _word_starts(terms).finditer(lowered, start):
            word = candidate.group(0)
            if len(word) >= MIN_WORD_CHARS and word not in STOP_WORDS and term(word) in terms:
                return candidate.start()
        return None

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stemmed = not no_morph
        if not tokenize:
            words: Any = ((0, value, 0, len(value)),)
            keeporiginal = True  # as RegexTokenizer does for an untokenized value
        else:
            words = (
                (number, match.group(0), match.start(), match.end())
                for number, match in enumerate(WORD_PATTERN.finditer(value))
            )
        renumbered: int | None = None  # StopFilter's renumbering: positions without gaps
        for number, word, start, end in words:
            lower = word.lower()
            token.boost = 1.0
            if keeporiginal:
                token.original = word  # type: ignore[attr-defined]  # Token takes any attribute
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            if len(lower) < MIN_WORD_CHARS or lower in STOP_WORDS:
                if removestops:
                    continue
                token.text, token.stopped = lower, True
                if positions:
                    token.pos = start_pos + number
                yield token
                continue
            if positions:
                # As StopFilter does: the first kept word keeps its own position.
                renumbered = start_pos + number if renumbered is None else renumbered + 1
                token.pos = renumbered
            token.text, token.stopped = self.term(lower, stemmed=stemmed), False
            yield token


@functools.lru_cache(maxsize=256)
def _word_starts(terms: frozenset[str]) -> re.Pattern[str]:
    """The words of lower-cased text whose term may be in `terms`: those that begin so.

    Stemming keeps a word's first two letters but for a second y, which may become i
    (`oys` -> `oi`), and unifying the spelling keeps them but for a few words
    (`RESPELLED_OPENINGS`: `kerb` -> `curb`); a test holds both to this. A word begins where
    no word character, or word character and dot, comes before it (as `WORD_PATTERN` joins
    `U.S`).
    """
    openings: set[str] = set()
    for term in terms:
        head = term[:2]
        openings.add(head)
        if len(head) == 2 and head[1] in "iy":
            openings.update((head[0] + "i", head[0] + "y"))
    openings.update(
        british[:2]
        for british, american in RESPELLED_OPENINGS.items()
        if any(american.startswith(opening) for opening in openings)
    )
    if not openings:
        return re.compile(r"(?!)")  # matches nowhere
    alternatives = "|".join(sorted(map(re.escape, openings), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w\.)(?=(?:{alternatives})){_WORDS.pattern}")
