"""Article body layout: paragraphs in chunks, highlights clipped per paragraph and placed right."""

from __future__ import annotations

from textual.style import Style

from tui_reader.widgets.article_body import CHUNK_CHARS, MAX_RENDERED_CHARS, ArticleBody, Highlight

STYLES = {kind: Style(bold=True) for kind in ("match", "match-current", "quote")}


def shown(body: ArticleBody, chunk: int, current: Highlight | None = None) -> list[str]:
    content = body.render_chunk(chunk, STYLES, current)
    return [content.plain[span.start : span.end] for span in content.spans]


def test_matches_land_on_their_words() -> None:
    text = "First paragraph about Poland.\n\nSecond one: Poland again."
    starts = [i for i in range(len(text)) if text.startswith("Poland", i)]
    body = ArticleBody(text, [Highlight(s, s + 6, "match") for s in starts])
    assert len(body.chunks) == 1
    assert shown(body, 0) == ["Poland", "Poland"]
    assert body.chunks[0].text == "First paragraph about Poland.\n\nSecond one: Poland again."


def test_a_quote_across_paragraphs_is_clipped_to_each() -> None:
    text = "Alpha beta.\nGamma delta."
    body = ArticleBody(text, [Highlight(6, 17, "quote")])
    assert shown(body, 0) == ["beta.", "Gamma"]


def test_long_bodies_split_into_chunks_and_positions_follow() -> None:
    paragraph = "word " * 200  # 1,000 characters
    text = "\n".join([paragraph.strip()] * 12)
    last = text.rindex("word")
    body = ArticleBody(text, [Highlight(last, last + 4, "match")])
    assert len(body.chunks) >= 12 * 1000 // CHUNK_CHARS
    chunk, offset = body.position(last)
    assert chunk == len(body.chunks) - 1
    assert body.chunks[chunk].text[offset : offset + 4] == "word"
    assert shown(body, chunk, current=body.matches[0]) == ["word"]


def test_unknown_kinds_are_ignored_and_huge_bodies_are_cut() -> None:
    body = ArticleBody("x" * (MAX_RENDERED_CHARS + 10), [Highlight(0, 1, "sparkle")])
    assert body.cut
    assert sum(len(c.text) for c in body.chunks) <= MAX_RENDERED_CHARS + len(body.chunks) * 2
    assert shown(body, 0) == []
