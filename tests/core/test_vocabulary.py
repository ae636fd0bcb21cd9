"""Fuzzy word lookup from memory agrees with Whoosh's own, and follows new segments."""

from __future__ import annotations

from pathlib import Path

from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.core.vocabulary import Vocabulary


def test_same_words_as_whoosh_and_new_segments_are_seen(settings: Settings) -> None:
    index = ArticleIndex.open(settings)
    index.update()
    vocabulary = Vocabulary()
    try:
        reader = index._searcher.reader()
        for stem in ("treati", "polan", "defens", "minst", "zzzz"):
            expected = set(reader.terms_within("body", stem, 1, prefix=1))
            assert vocabulary.within(reader, stem, 1, 1) == expected
        assert "walru" not in vocabulary.within(reader, "walrut", 1, 1)  # the stem of walrus
        Path(settings.articles_dir, "walrus.txt").write_text("Walrus seen\n\nA walrus.\n", "utf-8")
        index.update()  # a commit: a new segment
        assert "walru" in vocabulary.within(index._searcher.reader(), "walrut", 1, 1)
        assert index.search("walrut~").total == 1
    finally:
        index.close()
