"""Bring an index in step with its folder: add new files, re-index changed ones, drop deleted ones.

Changes are found by comparing each file's size and mtime with what the index stored, so an
unchanged folder costs one directory walk and no writes. Work is committed in batches, so a
first-ever index of a big folder is searchable while it is being built. A big sync is indexed
by worker processes that write whole segments (`segment_workers`); a small one, here.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.codec.base import Segment
from whoosh.index import FileIndex, LockError
from whoosh.reading import SegmentReader
from whoosh.util.filelock import try_for
from whoosh.writing import NO_MERGE, IndexWriter, SegmentWriter

from tui_reader.core.corpus import FileStamp, scan_folder
from tui_reader.core.documents import prepare_document
from tui_reader.core.models import SkippedFile
from tui_reader.core.posting_pool import with_chunked_pool
from tui_reader.core.segment_workers import (
    FilesDone,
    SegmentDone,
    SegmentWorkers,
    WorkersFailed,
    remove_staging,
    worker_count,
)

# Here, commit after FIRST_BATCH_SECONDS, so a sync is soon searchable, then after twice as
# long each time (up to MAX_BATCH_SECONDS): every commit adds a segment, and each segment costs
# every later search ~1.5 ms at 10k articles, so a growing build keeps their number small.
FIRST_BATCH_SECONDS = 5.0
MAX_BATCH_SECONDS = 160.0
# From this many files to index, worker processes index them (a 10k first build: ~2x faster on
# 2 cores); fewer are not worth starting processes for (~0.3 s each, spawned).
PARALLEL_MIN_FILES = 2000
# Segment merging (`merge_tiers`): segments under 1,000 articles within a factor of 8 in size
# form a tier, and a tier of 4 is merged: at most ~3 small segments per tier remain.
SMALL_SEGMENT_DOCS = 1000
TIER_FACTOR = 8
MERGE_AT = 4
LOCK_WAIT_S = 2.0  # a second tui-reader holding the write lock: wait this long, then search as-is


@dataclass(slots=True)
class UpdateReport:
    """What one sync of the index with the folder did (filled in as the sync goes)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    notice: str | None = None


def merge_tiers(writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
    """Whoosh merge policy: merge segments of about the same size once there are enough.

    Each commit adds a segment and each segment costs every search (~1.5 ms at 10k articles,
    far more at 100k). Whoosh's default merges only when there are dozens of tiny ones, so a
    folder synced a few files at a time piled them up (10 segments at 100k doubled typing
    times). Here segments smaller than `SMALL_SEGMENT_DOCS` are grouped by size tier (a factor
    of `TIER_FACTOR`), and a tier with `MERGE_AT` or more is merged into one. Merging rewrites
    every posting (Whoosh: ~4 ms per article), so only small, same-sized segments merge: each
    article is rewritten a few times over the life of an index, at most ~4,000 in one merge,
    and the large segments of a first build are left as they are.
    """
    tiers: dict[int, list[Segment]] = {}
    kept: list[Segment] = []
    for segment in segments:
        size = segment.doc_count_all()
        if size >= SMALL_SEGMENT_DOCS:
            kept.append(segment)
        else:
            tiers.setdefault(int(math.log(max(size, 1), TIER_FACTOR)), []).append(segment)
    for tier in sorted(tiers):
        members = tiers[tier]
        if len(members) < MERGE_AT:
            kept.extend(members)
            continue
        for segment in members:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
    return kept


class IndexSync:
    """One pass of syncing `index` with the files under `articles_dir`."""

    def __init__(
        self,
        index: FileIndex,
        articles_dir: Path,
        on_commit: Callable[[], None],
        skip_memory: Path | None = None,
    ) -> None:
        self._index = index
        self._articles_dir = articles_dir
        self._on_commit = on_commit
        # Files that could not be read last time, by key -> [size, mtime_ns, reason]: an
        # unchanged bad file is reported again without being re-read on every start.
        self._skip_memory = skip_memory

    def run(
        self,
        indexed: dict[str, tuple[object, object]],
        progress: Callable[[int, int], None] | None = None,
    ) -> UpdateReport:
        """Sync, given `indexed`: key -> (size, mtime_ns) of what the index holds now."""
        stamps, skipped = scan_folder(self._articles_dir)
        outcome = UpdateReport(skipped=list(skipped))
        known_bad = self._load_skip_memory()
        on_disk = {stamp.key for stamp in stamps}
        changed = []
        for stamp in stamps:
            remembered = known_bad.get(stamp.key)
            if remembered is not None and remembered[:2] == [stamp.size, stamp.mtime_ns]:
                outcome.skipped.append(SkippedFile(stamp.key, str(remembered[2])))
            elif indexed.get(stamp.key) != (stamp.size, stamp.mtime_ns):
                changed.append(stamp)
        removed = [key for key in indexed if key not in on_disk]
        outcome.unchanged = len(stamps) - len(changed)
        if not changed and not removed:
            return outcome
        try:
            self._write(changed, removed, indexed, outcome, progress)
        except LockError:
            outcome.notice = (
                "Another tui-reader is updating this folder's index; "
                "searching its last committed state."
            )
        except OSError as error:  # disk full, read-only cache: keep what was committed
            outcome.notice = f"Could not finish updating the index ({error.strerror or error})."
        self._save_skip_memory(stamps, outcome.skipped)
        outcome.skipped.sort(key=lambda s: s.path)
        return outcome

    def _load_skip_memory(self) -> dict[str, list[object]]:
        if self._skip_memory is None:
            return {}
        try:
            data = json.loads(self._skip_memory.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 3}

    def _save_skip_memory(self, stamps: list[FileStamp], skipped: list[SkippedFile]) -> None:
        if self._skip_memory is None:
            return
        reasons = {s.path: s.reason for s in skipped}
        memory = {s.key: [s.size, s.mtime_ns, reasons[s.key]] for s in stamps if s.key in reasons}
        with contextlib.suppress(OSError):  # only a cache: losing it costs one re-read
            temporary = self._skip_memory.with_suffix(".tmp")
            temporary.write_text(json.dumps(memory), "utf-8")
            os.replace(temporary, self._skip_memory)

    def _writer(self, heartbeat: Callable[[], None]) -> IndexWriter:
        # _lk=False: `_write` holds the write lock for the whole sync, across its commits.
        return with_chunked_pool(self._index.writer(_lk=False), heartbeat=heartbeat)

    def _write(
        self,
        changed: list[FileStamp],
        removed: list[str],
        indexed: dict[str, tuple[object, object]],
        outcome: UpdateReport,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        # One lock for the whole sync, not one per commit: between two commits another
        # tui-reader could take it and index the same new files.
        lock = self._index.lock("WRITELOCK")
        if not try_for(lock.acquire, timeout=LOCK_WAIT_S, delay=0.1):
            raise LockError
        try:
            self._write_locked(
                changed, removed, indexed, outcome, _Progress(len(changed), progress)
            )
        finally:
            lock.release()

    def _write_locked(
        self,
        changed: list[FileStamp],
        removed: list[str],
        indexed: dict[str, tuple[object, object]],
        outcome: UpdateReport,
        progress: _Progress,
    ) -> None:
        writer = self._writer(progress.beat)
        try:
            for key in removed:
                writer.delete_by_term("path", key)
                outcome.removed += 1
            left = changed
            folder = getattr(self._index.storage, "folder", None)
            if folder:  # a killed sync's leftovers: only the lock holder writes there
                remove_staging(Path(folder))
            if len(changed) >= PARALLEL_MIN_FILES and worker_count() and folder:
                writer, left = self._index_in_workers(
                    writer, Path(folder), changed, indexed, outcome, progress
                )
            writer = self._index_here(writer, left, indexed, outcome, progress)
            writer.commit(mergetype=merge_tiers)
        except BaseException:
            # A writer that already committed, or broke, has nothing more to release.
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        self._on_commit()

    def _index_here(
        self,
        writer: IndexWriter,
        stamps: list[FileStamp],
        indexed: dict[str, tuple[object, object]],
        outcome: UpdateReport,
        progress: _Progress,
    ) -> IndexWriter:
        """Index `stamps` in this process, committing in batches; the writer to go on with."""
        batch_started, batch_seconds = time.monotonic(), FIRST_BATCH_SECONDS
        for number, stamp in enumerate(stamps, start=1):
            fields = prepare_document(stamp)
            if isinstance(fields, SkippedFile):
                outcome.skipped.append(fields)
                if stamp.key in indexed:  # it was readable before: drop the stale copy
                    writer.delete_by_term("path", stamp.key)
                    outcome.removed += 1
            else:
                # update_document even for "new" files: `indexed` was read before the lock was
                # taken, and another tui-reader may have added the same file meanwhile;
                # add_document would then index it twice. It costs no more.
                writer.update_document(**fields)
                _count_indexed(stamp.key, indexed, outcome)
            progress.advance(1)
            if time.monotonic() - batch_started > batch_seconds and number < len(stamps):
                # No merging mid-build: merging small segments on every batch made a first
                # index quadratic. The final commit merges by tiers.
                writer.commit(merge=False)
                self._on_commit()
                writer = self._writer(progress.beat)
                batch_started = time.monotonic()
                batch_seconds = min(batch_seconds * 2, MAX_BATCH_SECONDS)
        return writer

    def _index_in_workers(
        self,
        writer: IndexWriter,
        folder: Path,
        stamps: list[FileStamp],
        indexed: dict[str, tuple[object, object]],
        outcome: UpdateReport,
        progress: _Progress,
    ) -> tuple[IndexWriter, list[FileStamp]]:
        """Index `stamps` in worker processes, committing each segment they finish.

        Returns the writer to go on with and the stamps left to index here: none, or, when the
        workers cannot start or one fails, those not yet committed (nothing is lost but time).
        """
        # Keys in the index now, not when `indexed` was read before the lock was taken: another
        # tui-reader may have added some of these files meanwhile (the old copy must go).
        with writer.reader() as reader:
            present = {term.decode("utf-8") for term in reader.lexicon("path")}
        handled: set[str] = set()  # committed, or reported unreadable
        try:
            with SegmentWorkers(folder, stamps, worker_count()) as workers:
                for event in workers.events():
                    if isinstance(event, FilesDone):
                        for key, skipped in event.skipped:
                            outcome.skipped.append(skipped)
                            handled.add(key)
                            if key in present:  # it was readable before: drop the stale copy
                                writer.delete_by_term("path", key)
                                outcome.removed += key in indexed
                        progress.advance(event.count)
                    elif isinstance(event, SegmentDone):
                        for key in event.keys:
                            if key in present:
                                writer.delete_by_term("path", key)
                            _count_indexed(key, indexed, outcome)
                        _commit_adding(writer, [workers.adopt(event)])
                        handled.update(event.keys)
                        self._on_commit()
                        writer = self._writer(progress.beat)
                    else:
                        progress.beat()
        except WorkersFailed:  # a full disk (OSError) is no reason to go on here
            left = [stamp for stamp in stamps if stamp.key not in handled]
            progress.done = len(stamps) - len(left)
            return writer, left
        return writer, []


@dataclass(slots=True)
class _Progress:
    """Files done out of `total`, passed on to the sync's progress callback."""

    total: int
    callback: Callable[[int, int], None] | None
    done: int = 0

    def advance(self, files: int) -> None:
        self.done += files
        self.beat()

    def beat(self) -> None:
        """The same figures again (also during a commit), so that a callback that raises to
        stop the sync (the app is closing) can do so at any time."""
        if self.callback is not None:
            self.callback(self.done, self.total)


def _count_indexed(
    key: str, indexed: dict[str, tuple[object, object]], outcome: UpdateReport
) -> None:
    if key in indexed:
        outcome.updated += 1
    else:
        outcome.added += 1


def _commit_adding(writer: IndexWriter, segments: list[Segment]) -> None:
    """Commit `writer`'s deletions together with `segments` written by other processes.

    What Whoosh's `MpWriter` does with its sub-writers' segments; no merging, so a commit in the
    middle of a build stays quick.
    """
    assert isinstance(writer, SegmentWriter) and not writer._added
    try:
        kept = writer._merge_segments(NO_MERGE, False, False)
        writer._close_segment()
        writer._commit_toc(kept + segments)
    except Exception:
        writer._cleanup_on_error()
        raise
    writer._finish()
