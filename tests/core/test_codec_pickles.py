"""The index's posting blocks are pickled with protocol 4; indexes written before still read."""

from __future__ import annotations

import io
import pickle
import shutil
import zlib
from pathlib import Path

import pytest
from whoosh import columns
from whoosh.codec import whoosh3

from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.core.term_at_a_time import _BLOCK_LENGTH

QUERIES = (
    "minister",
    "treaty poland",
    '"prime minister"',
    "defen",
    "said NOT tusk",
    "title:poland",
)


def first_block_protocol(index: ArticleIndex, term: bytes) -> int:
    """The pickle protocol of `term`'s first posting block in the first segment holding it."""
    for leaf, _ in index._searcher.leaf_searchers():
        terms = leaf.reader()._terms
        if ("body", term) not in leaf.reader():
            continue
        info = terms.term_info("body", term)
        offset, length = info.extent()
        length = length[0] if isinstance(length, tuple) else length
        raw = terms._postfile.get(offset, length)
        stream = io.BytesIO(raw)
        (block_length,) = _BLOCK_LENGTH.unpack_from(raw, len(whoosh3.WHOOSH3_HEADER_MAGIC))
        stream.seek(len(whoosh3.WHOOSH3_HEADER_MAGIC) + _BLOCK_LENGTH.size)
        header = pickle.load(stream)  # the block's info tuple, then its data
        end = len(whoosh3.WHOOSH3_HEADER_MAGIC) + _BLOCK_LENGTH.size + abs(block_length)
        data = raw[stream.tell() : end]
        payload = zlib.decompress(data) if header[3] else data
        return payload[1]  # PROTO opcode's argument
    raise AssertionError(f"{term!r} is in no segment")


def _answers(index: ArticleIndex) -> list[tuple[list[tuple[object, ...]], int]]:
    return [
        ([(hit.path, hit.title, hit.date, hit.source) for hit in found.hits], found.total)
        for found in (index.search(q, prefix_last=True) for q in QUERIES)
    ]


def test_new_posting_blocks_are_protocol_4(settings: Settings) -> None:
    index = ArticleIndex.open(settings)
    try:
        index.update()
        assert first_block_protocol(index, b"minist") == 4
    finally:
        index.close()


def test_an_index_written_with_protocol_2_reads_the_same(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whoosh's own pickles, as every index before this change was written.
    old_settings = Settings(settings.articles_dir, tmp_path / "old-cache", tmp_path / "old-state")
    old = ArticleIndex.open(old_settings)
    with monkeypatch.context() as whoosh_as_shipped:
        whoosh_as_shipped.setattr(whoosh3, "dumps", pickle.dumps)  # undoes `use_protocol_4`
        whoosh_as_shipped.setattr(columns, "dumps", pickle.dumps)
        old.update()
    assert first_block_protocol(old, b"minist") == 2
    old.close()
    new = ArticleIndex.open(settings)
    reopened = ArticleIndex.open(old_settings)  # protocol 2 blocks, read by today's code
    try:
        new.update()
        reopened.update()
        assert _answers(reopened) == _answers(new)
        # A segment of protocol 4 beside the old ones: both read in one search.
        shutil.copy(
            settings.articles_dir / sorted(p.name for p in settings.articles_dir.iterdir())[0],
            settings.articles_dir / "copy.txt",
        )
        reopened.update()
        new.update()
        assert _answers(reopened) == _answers(new)
    finally:
        new.close()
        reopened.close()
