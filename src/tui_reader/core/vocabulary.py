"""The words of the body field, kept in memory per index segment, for fuzzy matching.

Whoosh finds the words within n edits of a word (`word~`, and the "did you mean" candidates)
by walking a Levenshtein automaton through each segment's term file on disk: 20-165 ms per word
at 10k articles with memory mapping off. The same automaton over a sorted list in memory, looked
up with `bisect`, takes about a millisecond. Segments never change once written, so each one's
list is read once (~0.2 s per 60,000 words) and kept until the segment is merged away.
"""

from __future__ import annotations

import threading
from bisect import bisect_left

from whoosh.automata import lev
from whoosh.automata.fsa import find_all_matches
from whoosh.reading import IndexReader

FIELD = "body"


class Vocabulary:
    """Sorted word lists of the body field, one per segment, read on first use."""

    def __init__(self) -> None:
        self._by_segment: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def within(self, reader: IndexReader, word: str, maxdist: int, prefix: int) -> set[str]:
        """Indexed body words within `maxdist` edits of `word` sharing its first `prefix`."""
        dfa = lev.levenshtein_automaton(word, maxdist, prefix).to_dfa()
        found: set[str] = set()
        for words in self._segment_words(reader):

            def first_at_least(key: str, words: list[str] = words) -> str | None:
                index = bisect_left(words, key)
                return words[index] if index < len(words) else None

            found.update(find_all_matches(dfa, first_at_least))
        return found

    def _segment_words(self, reader: IndexReader) -> list[list[str]]:
        with self._lock:
            lists, live = [], {}
            for leaf, _ in reader.leaf_readers():
                key = _segment_key(leaf)
                words = self._by_segment.get(key) if key else None
                if words is None:
                    words = [term.decode("utf-8") for term in leaf.lexicon(FIELD)]
                if key:
                    live[key] = words
                lists.append(words)
            self._by_segment = live  # forget segments merged away since the last search
            return lists


def _segment_key(reader: IndexReader) -> str | None:
    segment = getattr(reader, "segment", None)
    if segment is None:
        return None
    found = segment()  # deletions leave a segment's words as they are
    return str(found.segment_id()) if found is not None else None
