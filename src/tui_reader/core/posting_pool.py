"""Whoosh's posting pool, with its sorted runs written and read in chunks.

A writer collects every posting of a batch in a pool and, each time ~128 MB are held, sorts them
and writes a "run" to a temporary file; at commit the runs are merged. Whoosh pickles each
posting on its own, both ways: on a 10k-article build that was 40% of the indexing process's
time (writing runs, reading them back, merging). Pickling a chunk of postings at a time does the
same work in C. The runs still hold at most `limitmb` in memory; a chunk is a small part of it.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from whoosh.writing import IndexWriter, PostingPool, SegmentWriter

RUN_CHUNK = 20_000  # postings per pickle: ~3 MB in memory while a run is written or read


# PostingPool.add's estimate of a posting's memory, less its three variable parts.
_POSTING_BYTES = 28 + 4 * 5 + 21 + 26 + 18 + 16 + 21


class ChunkedPostingPool(PostingPool):
    """A `PostingPool` whose runs are lists of `RUN_CHUNK` postings, one pickle each."""

    def add(self, item: Any) -> None:
        # PostingPool.add, less its per-posting type assertions and the set of field names
        # (read only by Whoosh's multiprocessing writer): it runs for every posting of a build.
        self.currentsize += _POSTING_BYTES + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f: BinaryIO, items: Iterable[Any]) -> None:
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, RUN_CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


def with_chunked_pool(writer: IndexWriter) -> IndexWriter:
    """`writer`, its (still empty) posting pool replaced by a `ChunkedPostingPool`."""
    if isinstance(writer, SegmentWriter) and isinstance(writer.pool, PostingPool):
        old = writer.pool
        assert not old.current and not old.runs, "replace the pool before adding documents"
        writer.pool = ChunkedPostingPool(
            writer._tempstorage, writer.newsegment, limitmb=old.limit // 2**20
        )
    return writer
