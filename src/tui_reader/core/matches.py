"""Where a query's words occur in a text, and short snippets around them, as plain spans."""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis.analyzers import Analyzer

from tui_reader.core.news_analyzer import NewsAnalyzer

SNIPPET_CHARS = 160
OPENING_WORDS = 40  # walked one by one before a snippet jumps to its first match


def match_spans(text: str, terms: frozenset[str], analyzer: Analyzer) -> list[tuple[int, int]]:
    """Return `(start, end)` of every word in `text` whose analysed form is one of `terms`.

    Uses the index's own analyzer, so `signing` in the query marks `signed` in the text and
    `defense` marks `defence`, exactly as the search matched them.
    """
    if not terms or not text:
        return []
    return [(start, end) for start, end, matched in _word_matches(text, terms, analyzer) if matched]


def snippet_spans(
    text: str, terms: frozenset[str], analyzer: Analyzer, width: int = SNIPPET_CHARS
) -> list[tuple[int, int]]:
    """Like `match_spans`, but stops once past the snippet window after the first match.

    A snippet needs only the first cluster of matches; tokenising whole articles for 30 result
    rows on every keystroke was the largest cost of a search.
    """
    if not terms or not text:
        return []
    if isinstance(analyzer, NewsAnalyzer):
        words = _jumping_to_first_match(text, terms, analyzer)
    else:
        words = _word_matches(text, terms, analyzer)
    spans: list[tuple[int, int]] = []
    for start, end, matched in words:
        if spans and start > spans[0][0] + width:
            break
        if matched:
            spans.append((start, end))
    return spans


def _jumping_to_first_match(
    text: str, terms: frozenset[str], analyzer: NewsAnalyzer
) -> Iterator[tuple[int, int, bool]]:
    """The analyzer's words of `text` (as `_word_matches`), less those between its opening
    and the first match.

    A common word's first match is usually in the opening words, which are walked one by one.
    A rare word's is often deep in the article: after `OPENING_WORDS` without one, the walk
    jumps to the first word that begins like a term and has its term
    (`NewsAnalyzer.before_first_of`).
    """
    walked = analyzer.word_matches(text, terms)
    for number, (start, end, matched) in enumerate(walked, 1):
        yield start, end, matched
        if matched:
            yield from walked
            return
        if number == OPENING_WORDS:
            boundary = analyzer.before_first_of(text, terms, start=end)
            if boundary is not None:
                yield from analyzer.word_matches(text, terms, boundary)
            return


def _word_matches(
    text: str, terms: frozenset[str], analyzer: Analyzer
) -> Iterator[tuple[int, int, bool]]:
    """Each indexed word of `text` as (start, end, whether its term is in `terms`); the news
    analyzer's fast way if it is one, else from the analyzer's tokens."""
    if isinstance(analyzer, NewsAnalyzer):
        return analyzer.word_matches(text, terms)
    tokens = analyzer(text, chars=True, mode="index")
    return ((token.startchar, token.endchar, token.text in terms) for token in tokens)


def make_snippet(
    text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut a one-line snippet of about `width` characters around the first cluster of matches.

    Returns the snippet and the spans shifted into it. Without matches, the text's opening.
    """
    flat = text.replace("\n", " ")
    if not spans:
        return _cut(flat, 0, width), ()
    first = spans[0][0]
    start = max(0, first - width // 4)
    if start > 0:  # begin at a word boundary
        space = flat.find(" ", start, first)
        start = space + 1 if space != -1 else start
    snippet = _cut(flat, start, width)
    prefix = "…" if start > 0 else ""
    end = start + len(snippet.rstrip("…"))
    marks = tuple(
        (s - start + len(prefix), e - start + len(prefix))
        for s, e in spans
        if s >= start and e <= end
    )
    return prefix + snippet, marks


def _cut(text: str, start: int, width: int) -> str:
    """`text[start:start+width]`, ended at a word boundary with an ellipsis when cut."""
    piece = text[start : start + width]
    if start + width >= len(text):
        return piece.rstrip()
    space = piece.rfind(" ")
    if space > width // 2:
        piece = piece[:space]
    return piece.rstrip() + "…"
