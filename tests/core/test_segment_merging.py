"""Syncs of a few dozen files do not pile up segments: same-sized small segments are merged."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex


def _segments(index: ArticleIndex) -> int:
    return len(index._index._segments())


def test_segments_stay_few_after_many_small_syncs(settings: Settings) -> None:
    index = ArticleIndex.open(settings)
    index.update()
    try:
        folder = Path(settings.articles_dir)
        for batch in range(6):
            for number in range(40):
                name = f"note{batch}-{number}"
                (folder / f"{name}.txt").write_text(
                    f"Note {name}\n\nThe lighthouse keeper wrote {name}.\n", "utf-8"
                )
            index.update()  # one commit, one more segment of 40
        # Whoosh's default policy keeps all 7 (it merges only dozens of tiny segments).
        assert _segments(index) <= 4
        assert index.search("lighthouse").total == 240
        assert index.search("note3-17").hits[0].path == "note3-17.txt"
    finally:
        index.close()
