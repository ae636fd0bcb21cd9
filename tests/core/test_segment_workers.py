"""Big syncs are indexed by worker processes writing whole segments: same index as the serial
path, and a worker that dies, a sync that is stopped or a stale view of the index lose nothing
and index nothing twice."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.index_helpers import first_block_protocol
from tui_reader.core import index_sync, segment_workers
from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex

FILES = 30


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small numbers, so 30 files take the worker-process path on any machine."""
    monkeypatch.setattr(index_sync, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(segment_workers, "CHUNK_FILES", 4)
    monkeypatch.setattr(segment_workers.os, "cpu_count", lambda: 2)


def _write_articles(folder: Path, numbers: range) -> None:
    for number in numbers:
        text = (
            f"Harbour report {number}\n\n"
            f'"We reopened pier {number}," said Captain Ada Lovelace on 3 May 2026.\n\n'
            f"It cost £{number + 1} million and marker{number} was logged.\n"
        )
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    _write_articles(folder, range(FILES))
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


@pytest.fixture
def index(tmp_path: Path, folder: Path) -> Iterator[ArticleIndex]:
    settings = Settings(articles_dir=folder, cache_root=tmp_path / "cache", state_root=tmp_path)
    index = ArticleIndex.open(settings)
    yield index
    index.close()


def _workers() -> list[str]:
    return [p.name for p in multiprocessing.active_children() if "indexer" in p.name]


def _each_file_once(index: ArticleIndex, files: int = FILES) -> bool:
    index.refresh()
    return index.doc_count == files and all(
        [hit.path for hit in index.search(f"marker{n}").hits] == [f"{n:03d}.txt"]
        for n in range(files)
    )


@pytest.mark.parametrize("in_workers", [False, True])
def test_parallel_and_serial_syncs_index_the_same(
    request: pytest.FixtureRequest, index: ArticleIndex, in_workers: bool
) -> None:
    if in_workers:
        request.getfixturevalue("parallel")
    report = index.update()
    assert (report.added, report.updated, report.removed) == (FILES, 0, 0)
    assert [s.path for s in report.skipped] == ["broken.txt"]
    assert _each_file_once(index)
    assert index.search("speaker:lovelace").total == FILES
    assert index.search("figure:money").total == FILES
    assert index.search('"reopened pier"').total == FILES


def test_the_workers_do_the_indexing_and_leave_nothing_behind(
    parallel: None, index: ArticleIndex
) -> None:
    seen: list[list[str]] = []
    report = index.update(progress=lambda done, total: seen.append(_workers()))
    assert report.added == FILES
    assert any(seen), "no indexing worker was running during the sync"
    assert not _workers(), "workers outlived the sync"
    assert not list(index.settings.index_dir.glob("staging-*"))
    assert _each_file_once(index)
    assert first_block_protocol(index, b"pier") == 4  # workers write the faster pickles too


def test_a_worker_killed_mid_sync_costs_nothing_but_time(
    parallel: None, folder: Path, index: ArticleIndex
) -> None:
    # Enough files that a worker is still busy, its segment not yet handed over, when the
    # first news comes from it: everything it had is lost with it and must be redone here.
    many = 400
    _write_articles(folder, range(FILES, many))
    killed: list[int] = []

    def kill_one(done: int, total: int) -> None:
        alive = [p for p in multiprocessing.active_children() if "indexer" in p.name]
        if not killed and alive and alive[0].pid is not None:
            os.kill(alive[0].pid, signal.SIGKILL)
            killed.append(alive[0].pid)

    report = index.update(progress=kill_one)
    assert killed, "the test never saw a worker to kill"
    assert (report.added, report.removed) == (many, 0)
    assert [s.path for s in report.skipped] == ["broken.txt"]
    assert _each_file_once(index, many)


class _Stop(Exception):
    pass


def test_a_stopped_sync_keeps_what_it_committed_and_frees_everything(
    parallel: None, index: ArticleIndex
) -> None:
    def stop(done: int, total: int) -> None:
        raise _Stop  # the app closing, at the first news from a worker

    with pytest.raises(_Stop):
        index.update(progress=stop)
    assert not _workers()
    assert not list(index.settings.index_dir.glob("staging-*"))
    index.refresh()
    committed = index.doc_count
    report = index.update()  # the lock was released; the rest is indexed now
    assert (report.added, report.updated) == (FILES - committed, 0)
    assert _each_file_once(index)


def test_files_another_process_indexed_meanwhile_are_not_indexed_twice(
    parallel: None, index: ArticleIndex
) -> None:
    # The sync reads what is indexed before it takes the write lock; another tui-reader may
    # commit the same files in between. Here: a sync that believes the index is empty.
    index.update()
    sync = index_sync.IndexSync(index._index, index.settings.articles_dir, on_commit=index.refresh)
    report = sync.run(indexed={})
    assert report.added == FILES
    assert _each_file_once(index)


def test_staging_left_by_a_killed_sync_is_cleared(parallel: None, index: ArticleIndex) -> None:
    leftover = index.settings.index_dir / "staging-7"
    leftover.mkdir()
    (leftover / "_MAIN_abc.seg").write_bytes(b"half a segment")
    index.update()
    assert not leftover.exists()
    assert _each_file_once(index)
