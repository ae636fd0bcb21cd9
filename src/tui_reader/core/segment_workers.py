"""Index many files at once in worker processes, each one writing whole Whoosh segments.

Whoosh indexes in one process. Handing the workers only the reading and analysis (what this
replaced) left the indexing process the bottleneck: at 100k articles it spent 37% of the build
committing while the workers waited, and every prepared article crossed between processes as
pickled postings. Here each worker reads, analyses and indexes its share into segments of its
own, so both cores do whole articles and nothing but finished segments comes back; the shape
of Whoosh's `MpWriter(multisegment=True)`, whose workers get documents the parent has already
read and analysed.

A worker writes in a staging folder of its own inside the index directory: every commit deletes
the segment files in the index folder that its table of contents does not list, so a segment in
the making must live elsewhere. The syncing process moves each finished segment in (a rename)
and commits it.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import queue
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any

from whoosh.codec.base import Segment
from whoosh.writing import SegmentWriter

from tui_reader.core.corpus import FileStamp
from tui_reader.core.documents import prepare_document
from tui_reader.core.file_storage import CountingFileStorage
from tui_reader.core.models import SkippedFile
from tui_reader.core.posting_pool import with_chunked_pool
from tui_reader.core.schema import build_schema

STAGING_PREFIX = "staging-"  # worker folders in the index directory: `staging-<n>`
CHUNK_FILES = 64  # files per hand-out: small enough that both workers finish together
# A worker ends its segment after FIRST_SEGMENT_SECONDS, so a first build is soon searchable,
# then after four times as long each time (up to MAX_SEGMENT_SECONDS): each segment costs every
# search a little, so a long build keeps their number small (100k on 2 cores: 3 each).
FIRST_SEGMENT_SECONDS = 5.0
SEGMENT_GROWTH = 4.0
MAX_SEGMENT_SECONDS = 320.0
# Each worker's in-memory postings before it sorts them into a run on disk (Whoosh: 128 MB).
# A worker's peak is this pool or, at the end of a segment, one chunk of every run: 56 MB kept
# a 20k-article segment at ~124 MB resident (64 MB: 146, 48 MB: 114, as fast within noise).
WORKER_POOL_MB = 56
WORKER_NICENESS = 10  # added to the workers' nice value: the app's own process goes first
PARENT_CHECK_S = 0.5  # how often a worker checks that the syncing process still runs
STOP_WAIT_S = 1.0  # after asking workers to stop, wait this long before killing them


@dataclass(frozen=True, slots=True)
class FilesDone:
    """A worker has read (and indexed, or skipped) `count` more files."""

    count: int
    skipped: list[tuple[str, SkippedFile]]  # (file key, why) of the files it could not read


@dataclass(frozen=True, slots=True)
class SegmentDone:
    """A worker finished a segment holding the articles with these keys."""

    segment: Segment
    keys: list[str]
    staging: str  # the folder its files are in


class WorkersFailed(Exception):
    """A worker process died or raised; what its open segment held is lost, nothing else."""


def worker_count() -> int:
    """Workers for this machine: one per core up to 3, none on one core (nothing to gain)."""
    cores = os.cpu_count() or 1
    return min(cores, 3) if cores > 1 else 0


def remove_staging(index_dir: Path) -> None:
    """Delete staging folders left by a sync that was killed (call with the write lock held)."""
    for folder in index_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(folder, ignore_errors=True)


class SegmentWorkers:
    """Worker processes indexing `stamps` into segments under `index_dir`.

    Use as a context manager (leaving it stops the workers and removes their folders) and read
    `events()`. Raises `WorkersFailed` from `__enter__` when processes cannot be started.
    """

    def __init__(self, index_dir: Path, stamps: list[FileStamp], workers: int) -> None:
        self._index_dir = index_dir
        self._stamps = stamps
        self._workers = workers
        # "spawn": forking a process that runs threads (the app's) is unsafe.
        self._context = multiprocessing.get_context("spawn")
        self._processes: list[SpawnProcess] = []
        self._finished: set[int] = set()

    def __enter__(self) -> SegmentWorkers:
        context = self._context
        self._tasks: multiprocessing.Queue[list[FileStamp] | None] = context.Queue()
        self._events: multiprocessing.Queue[Any] = context.Queue()
        self._stop = context.Event()
        for chunk in _chunks(self._stamps, CHUNK_FILES):
            self._tasks.put(chunk)
        for _ in range(self._workers):
            self._tasks.put(None)  # one "no more files" each
        try:
            for number in range(self._workers):
                link = _Link(
                    number,
                    self._index_dir / f"{STAGING_PREFIX}{number}",
                    self._tasks,
                    self._events,
                    self._stop,
                    os.getpid(),
                )
                process = context.Process(
                    target=_work, args=(link,), name=f"tui-reader-indexer-{number}", daemon=True
                )
                process.start()
                self._processes.append(process)
        except BaseException as error:
            self.close()
            if isinstance(error, OSError):  # out of processes or memory: index here instead
                raise WorkersFailed(f"cannot start indexing workers ({error})") from error
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def events(self, tick_s: float = 0.25) -> Iterator[FilesDone | SegmentDone | None]:
        """What the workers report, as it comes, and None every `tick_s` when nothing does.

        Ends when every worker has finished; raises `WorkersFailed` when one dies or fails.
        """
        while len(self._finished) < len(self._processes):
            try:
                number, event = self._events.get(timeout=tick_s)
            except queue.Empty:
                # Only now: a worker's last messages are in the pipe before it exits, so after
                # a quiet spell a dead worker that has not said "finished" never will.
                self._check_alive()
                yield None
                continue
            if event == "finished":
                self._finished.add(number)
            elif isinstance(event, str):  # the text of an exception in the worker
                raise WorkersFailed(event)
            else:
                yield event

    def adopt(self, done: SegmentDone) -> Segment:
        """Move a finished segment's files into the index directory; its Segment to commit."""
        staging = Path(done.staging)
        for name in done.segment.list_files(CountingFileStorage(str(staging))):
            os.replace(staging / name, self._index_dir / name)
        return done.segment

    def close(self) -> None:
        """Stop every worker (a segment in progress is dropped) and remove their folders."""
        self._stop.set()
        deadline = time.monotonic() + STOP_WAIT_S
        for process in self._processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()  # in the middle of a long segment: its files are removed below
                process.join()
        for queue_ in (self._tasks, self._events):
            queue_.cancel_join_thread()  # do not wait to flush chunks nobody will read
            queue_.close()
        remove_staging(self._index_dir)

    def _check_alive(self) -> None:
        for number, process in enumerate(self._processes):
            if number not in self._finished and not process.is_alive():
                raise WorkersFailed(f"indexing worker {number} stopped ({process.exitcode})")


def _chunks(stamps: list[FileStamp], size: int) -> Iterator[list[FileStamp]]:
    iterator = iter(stamps)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# -- in the worker process ------------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    """What a worker is given: its number and folder, the shared queues, the stop flag, and
    the syncing process to outlive no longer than."""

    number: int
    staging: Path
    tasks: multiprocessing.Queue[list[FileStamp] | None]
    events: multiprocessing.Queue[Any]
    stop: Any  # a multiprocessing Event
    parent: int

    def report(self, event: FilesDone | SegmentDone | str) -> None:
        self.events.put((self.number, event))


def _work(link: _Link) -> None:
    """A worker's life: take chunks of files, index them, hand over a segment now and then."""
    _lower_priority_and_watch(link.parent)
    try:
        _index_chunks(link)
    except BaseException as error:  # reported, not printed: the parent carries on without us
        link.report(f"indexing worker {link.number}: {type(error).__name__}: {error}")
        return
    link.report("finished")


def _index_chunks(link: _Link) -> None:
    shutil.rmtree(link.staging, ignore_errors=True)
    link.staging.mkdir(mode=0o700)
    storage = CountingFileStorage(str(link.staging), supports_mmap=False)
    index = storage.create_index(build_schema())
    segment_seconds = FIRST_SEGMENT_SECONDS
    writer: SegmentWriter | None = None
    keys: list[str] = []
    started = 0.0
    while (chunk := link.tasks.get()) is not None and not link.stop.is_set():
        if writer is None:
            writer = with_chunked_pool(SegmentWriter(index, _lk=False, limitmb=WORKER_POOL_MB))
            started = time.monotonic()
        skipped = []
        for stamp in chunk:
            if link.stop.is_set():
                return
            fields = prepare_document(stamp)
            if isinstance(fields, SkippedFile):
                skipped.append((stamp.key, fields))
            else:
                writer.add_document(**fields)
                keys.append(stamp.key)
        link.report(FilesDone(len(chunk), skipped))
        if time.monotonic() - started > segment_seconds and not _last_stretch(link.tasks, keys):
            _hand_over(writer, keys, link)
            writer, keys = None, []
            segment_seconds = min(segment_seconds * SEGMENT_GROWTH, MAX_SEGMENT_SECONDS)
    if writer is not None and not link.stop.is_set():
        _hand_over(writer, keys, link)


def _last_stretch(tasks: multiprocessing.Queue[list[FileStamp] | None], keys: list[str]) -> bool:
    """Whether so few files are left that this worker's next segment would be tiny.

    Such a segment costs every search as much as a big one: a 100k build ended with two of
    ~900 articles next to six of 3,000-28,000. The open segment takes the rest instead.
    """
    try:
        chunks_left = tasks.qsize()  # shared by all workers; a few "no more files" included
    except NotImplementedError:  # macOS
        return False
    return chunks_left * CHUNK_FILES < len(keys) / 2


def _hand_over(writer: SegmentWriter, keys: list[str], link: _Link) -> None:
    """Finish the writer's segment (what Whoosh's commit does, less the table of contents)."""
    if keys:
        segment = writer._finalize_segment()
        link.report(SegmentDone(segment, keys, str(link.staging)))
    else:
        writer._close_segment()
    writer._tempstorage.destroy()


def _lower_priority_and_watch(parent: int) -> None:
    """Yield the CPU to the syncing process (in the app it also draws the screen), and end
    when it is gone: a worker blocked on a queue would otherwise outlive a `kill -9`'d app."""
    with contextlib.suppress(OSError, AttributeError):  # no nice() on Windows
        os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
