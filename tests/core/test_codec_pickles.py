"""The index's posting blocks are pickled with protocol 4; indexes written before still read."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from whoosh import columns
from whoosh.codec import whoosh3

from tests.core.index_helpers import first_block_protocol
from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex

QUERIES = (
    "minister",
    "treaty poland",
    '"prime minister"',
    "defen",
    "said NOT tusk",
    "title:poland",
)


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
