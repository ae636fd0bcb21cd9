"""Indexes for core tests: several segments with deletions, and a look at the files written."""

from __future__ import annotations

import io
import pickle
import random
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from whoosh.codec import whoosh3

from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.core.term_at_a_time import _BLOCK_LENGTH

WriteArticle = Callable[[Path, int, random.Random], None]  # (folder, number, rng)


def segmented_index(
    root: Path, write: WriteArticle, batches: Sequence[int], deleted: int, seed: int
) -> ArticleIndex:
    """An index of `root / "articles"`, one commit (one segment) per batch of `batches` new
    articles, each made by `write`; then `deleted` of the files, picked at random, deleted, so
    that searches must skip deleted documents. The caller closes it."""
    folder = root / "articles"
    folder.mkdir()
    rng = random.Random(seed)
    index = ArticleIndex.open(
        Settings(articles_dir=folder, cache_root=root / "cache", state_root=root / "state")
    )
    written = 0
    for size in batches:
        for number in range(written, written + size):
            write(folder, number, rng)
        written += size
        index.update()
    for path in rng.sample(sorted(folder.iterdir()), deleted):
        path.unlink()
    index.update()
    return index


def first_block_protocol(index: ArticleIndex, term: bytes) -> int:
    """The pickle protocol of `term`'s first posting block in the first segment holding it."""
    header_end = len(whoosh3.WHOOSH3_HEADER_MAGIC) + _BLOCK_LENGTH.size
    for leaf, _ in index._searcher.leaf_searchers():
        if ("body", term) not in leaf.reader():
            continue
        terms = leaf.reader()._terms
        offset, length = terms.term_info("body", term).extent()
        length = length[0] if isinstance(length, tuple) else length
        raw = terms._postfile.get(offset, length)
        (block_length,) = _BLOCK_LENGTH.unpack_from(raw, len(whoosh3.WHOOSH3_HEADER_MAGIC))
        stream = io.BytesIO(raw)
        stream.seek(header_end)
        header = pickle.load(stream)  # the block's info tuple, then its data
        data = raw[stream.tell() : header_end + abs(block_length)]
        payload = zlib.decompress(data) if header[3] else data
        return payload[1]  # the PROTO opcode's argument
    raise AssertionError(f"{term!r} is in no segment")
