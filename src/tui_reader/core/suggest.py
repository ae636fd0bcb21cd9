""" "Did you mean": the closest indexed word for each query word the index does not know.

The body field is stemmed, and Whoosh's own spelling support needs a second, unstemmed copy of
every word (measured: 45% of indexing time). Instead, candidates are the stems within two edits
of the typed word's stem, ranked by distance and then by how common they are, and shown in a
form that really occurs in an article (`treati` is shown as `treaty`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from whoosh.analysis.analyzers import Analyzer
from whoosh.reading import IndexReader
from whoosh.support.levenshtein import damerau_levenshtein

MIN_WORD_CHARS = 3
MAX_EDITS = 2

SurfaceForm = Callable[[str], str | None]  # stem -> a word of an article with that stem
# (reader, stem, max edits, shared prefix) -> indexed body words that close
WordsWithin = Callable[[IndexReader, str, int, int], Iterable[str]]


def _whoosh_words_within(reader: IndexReader, stem: str, edits: int, prefix: int) -> Iterable[str]:
    return reader.terms_within("body", stem, edits, prefix=prefix)


def suggest_query(
    reader: IndexReader,
    analyzer: Analyzer,
    text: str,
    surface_form: SurfaceForm,
    words_within: WordsWithin = _whoosh_words_within,
) -> str | None:
    """`text` with each unknown plain word replaced by its closest indexed word, or None."""
    corrected, changed = [], False
    for token in text.split(" "):
        replacement = _closest_word(reader, analyzer, token, surface_form, words_within)
        corrected.append(replacement or token)
        changed = changed or replacement is not None
    return " ".join(corrected) if changed else None


def _closest_word(
    reader: IndexReader,
    analyzer: Analyzer,
    word: str,
    surface_form: SurfaceForm,
    words_within: WordsWithin,
) -> str | None:
    if len(word) < MIN_WORD_CHARS or not word.isalpha():
        return None
    stems = [token.text for token in analyzer(word.lower())]
    if len(stems) != 1 or reader.doc_frequency("body", stems[0]):
        return None  # a stop word, or already known
    stem = stems[0]
    candidates = [
        candidate for candidate in words_within(reader, stem, MAX_EDITS, 1) if candidate != stem
    ]
    ranked = sorted(
        candidates,
        key=lambda c: (damerau_levenshtein(stem, c), -reader.doc_frequency("body", c), c),
    )
    for candidate in ranked[:3]:
        shown = surface_form(candidate)
        if shown and shown != word.lower():
            return shown
    return None
