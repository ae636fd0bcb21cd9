"""The chunked posting pool writes the same index as Whoosh's own, runs on disk included."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import IndexWriter

from tui_reader.core.posting_pool import ChunkedPostingPool, with_chunked_pool
from tui_reader.core.schema import build_schema

WORDS = [f"{stem}{suffix}" for stem in ("harbo", "ferr", "tid", "gul") for suffix in "abcdefghij"]


def _build(
    folder: Path, chunked: bool, limitmb: int = 1
) -> list[tuple[str, bytes, int, float, bytes]]:
    """Index 600 documents with a 1 MB pool (so it spills runs to disk); every posting."""
    index = whoosh_index.create_in(str(folder), build_schema())
    writer: IndexWriter = index.writer(limitmb=limitmb)
    if chunked:
        writer = with_chunked_pool(writer)
        assert isinstance(writer.pool, ChunkedPostingPool)  # type: ignore[attr-defined]
    rng = random.Random(3)
    for number in range(600):
        body = " ".join(rng.choice(WORDS) + rng.choice("klmnopqrst") for _ in range(80))
        writer.add_document(path=f"a{number}.txt", title=f"Report {number}", body=("", body))
    spilled = len(writer.pool.runs)  # type: ignore[attr-defined]
    assert spilled > 1 if limitmb == 1 else spilled == 0  # runs on disk, or all in memory
    writer.commit()
    reader = index.reader()
    try:
        return [
            (field, term, docnum, matcher.weight(), matcher.value())
            for field, term in reader.all_terms()
            for matcher in [reader.postings(field, term)]
            for docnum in _ids(matcher)
        ]
    finally:
        reader.close()
        index.close()


def _ids(matcher):  # type: ignore[no-untyped-def]
    while matcher.is_active():
        yield matcher.id()
        matcher.next()


def test_same_postings_as_whooshs_pool(tmp_path: Path) -> None:
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "chunked").mkdir()
    assert _build(tmp_path / "chunked", chunked=True) == _build(tmp_path / "whoosh", chunked=False)


def test_same_postings_as_whooshs_pool_when_all_stay_in_memory(tmp_path: Path) -> None:
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "chunked").mkdir()
    assert _build(tmp_path / "chunked", chunked=True, limitmb=256) == _build(
        tmp_path / "whoosh", chunked=False, limitmb=256
    )


def test_a_commit_reading_runs_back_calls_the_heartbeat_and_stops_when_it_raises(
    tmp_path: Path,
) -> None:
    index = whoosh_index.create_in(str(tmp_path), build_schema())
    beats: list[int] = []

    def heartbeat() -> None:
        beats.append(1)
        raise RuntimeError("closing")  # as a closing app's progress callback does

    writer = with_chunked_pool(index.writer(limitmb=1), heartbeat=heartbeat)
    rng = random.Random(5)
    for number in range(400):
        body = " ".join(rng.choice(WORDS) + rng.choice("klmnopqrst") for _ in range(80))
        writer.add_document(path=f"a{number}.txt", title="Report", body=("", body))
    assert len(writer.pool.runs) > 1  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError, match="closing"):
        writer.commit()
    assert beats  # it was asked while reading the runs back
    assert index.doc_count() == 0  # nothing committed
    index.writer().commit()  # and the lock is free again
