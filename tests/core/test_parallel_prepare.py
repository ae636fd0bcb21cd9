"""Big syncs read and analyse articles in worker processes: same index as the serial path."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from tui_reader.core import index_sync
from tui_reader.core.config import Settings
from tui_reader.core.corpus import scan_folder
from tui_reader.core.index import ArticleIndex


def _folder(root: Path, count: int) -> Path:
    folder = root / "articles"
    folder.mkdir()
    for number in range(count):
        text = (
            f"Harbour report {number}\n\n"
            f'"We reopened pier {number}," said Captain Ada Lovelace on 3 May 2026.\n\n'
            f"It cost £{number + 1} million and marker{number} was logged.\n"
        )
        (folder / f"{number:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def _index(root: Path, folder: Path) -> tuple[ArticleIndex, index_sync.UpdateReport]:
    settings = Settings(articles_dir=folder, cache_root=root / "cache", state_root=root / "state")
    index = ArticleIndex.open(settings)
    return index, index.update()


@pytest.mark.parametrize("parallel", [False, True])
def test_parallel_and_serial_syncs_index_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    if parallel:  # small numbers, so 30 files take the worker-process path
        monkeypatch.setattr(index_sync, "PARALLEL_MIN_FILES", 10)
        monkeypatch.setattr(index_sync, "PARALLEL_CHUNK", 4)
        monkeypatch.setattr(index_sync.os, "cpu_count", lambda: 2)
    folder = _folder(tmp_path, 30)
    index, report = _index(tmp_path, folder)
    try:
        assert report.added == 30
        assert [s.path for s in report.skipped] == ["broken.txt"]
        assert [h.path for h in index.search("marker17").hits] == ["017.txt"]
        assert index.search("speaker:lovelace").total == 30
        assert index.search("figure:money").total == 30
    finally:
        index.close()


def test_the_worker_path_really_uses_workers_and_prepares_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pool falls back to this process when it cannot run; this checks it did run.
    monkeypatch.setattr(index_sync, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(index_sync, "PARALLEL_CHUNK", 4)
    monkeypatch.setattr(index_sync.os, "cpu_count", lambda: 2)
    stamps, _ = scan_folder(_folder(tmp_path, 30))
    serial = [index_sync.prepare_document(stamp) for stamp in stamps]
    prepared = index_sync._prepare_all(stamps)
    first = next(prepared)
    assert multiprocessing.active_children(), "no worker process was started"
    assert [first, *prepared] == serial
