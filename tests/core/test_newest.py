"""The first screen of the empty query (from the day column) is the full listing's top."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.index_helpers import segmented_index
from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.core.newest import newest_docnums

# 2025-11-30: its day number read with the wrong byte order sorts above 2026-03-03.
DAYS = ["2026-03-01", "2026-03-02", "2026-03-02", "2026-03-03", "2025-11-30", None]


def _write(folder: Path, number: int, rng: random.Random) -> None:
    day = rng.choice(DAYS)
    title = f"{rng.choice(['Harbour', 'ferry', 'Tide', 'gull'])} story {rng.randint(0, 999)}"
    front = f"---\ntitle: {title}\ndate: {day}\n---\n" if day else f"{title}\n\n"
    (folder / f"a{number:03}.txt").write_text(f"{front}Words about the sea.\n", "utf-8")


@pytest.fixture
def index(tmp_path: Path) -> Iterator[ArticleIndex]:
    """120 articles on a few days (many on the same day, some undated), in three commits (three
    segments), then 15 deleted."""
    opened = segmented_index(tmp_path, _write, batches=(60, 40, 20), deleted=15, seed=5)
    yield opened
    opened.close()


def test_the_first_rows_are_the_full_listing_s_first_rows(index: ArticleIndex) -> None:
    assert len(index._searcher.leaf_searchers()) >= 2
    assert index._searcher.reader().has_deletions()
    everything = index.search("", limit=None).hits
    assert len(everything) == 105
    for limit in (1, 5, 13, 40, 104, 105, 200):
        fresh = ArticleIndex.open(index.settings)  # no full listing built yet
        try:
            first = fresh.search("", limit=limit)
            assert [hit.path for hit in first.hits] == [hit.path for hit in everything[:limit]]
            assert first.total == 105
        finally:
            fresh.close()


def test_ties_past_the_cap_still_fill_the_screen(index: ArticleIndex) -> None:
    searcher = index._searcher
    chosen = newest_docnums(searcher, "day_number", 3, most=3)
    days = {searcher.stored_fields(d)["date"].date().isoformat() for d in chosen}
    assert days == {"2026-03-03"}  # the newest day only, and enough of it
    assert len(chosen) == 3
    deleted = {
        offset + d
        for leaf, offset in searcher.leaf_searchers()
        for d in (leaf.reader().deleted_docs_set if leaf.reader().has_deletions() else ())
    }
    every = newest_docnums(searcher, "day_number", 500, most=500)
    assert len(every) == 105 and not deleted & set(every)  # live ones only, each once


def test_an_empty_index_lists_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    empty = ArticleIndex.open(
        Settings(articles_dir=folder, cache_root=tmp_path / "cache", state_root=tmp_path / "st")
    )
    try:
        listing = empty.search("", limit=50)
        assert listing.hits == [] and listing.total == 0 and listing.message is None
    finally:
        empty.close()
