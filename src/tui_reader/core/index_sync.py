"""Bring an index in step with its folder: add new files, re-index changed ones, drop deleted ones.

Changes are found by comparing each file's size and mtime with what the index stored, so an
unchanged folder costs one directory walk and no writes. Work is committed in batches, so a
first-ever index of a big folder is searchable while it is being built.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.codec.base import Segment
from whoosh.index import Index, LockError
from whoosh.reading import SegmentReader
from whoosh.writing import IndexWriter

from tui_reader.core.analysis import find_figures, find_quotes, speakers_of
from tui_reader.core.corpus import FileStamp, read_article, scan_folder
from tui_reader.core.models import Article, SkippedFile
from tui_reader.core.posting_pool import with_chunked_pool
from tui_reader.core.schema import indexed_text

# Commit after FIRST_BATCH_SECONDS, so a first build is soon searchable, then after twice as
# long each time (up to MAX_BATCH_SECONDS): every commit adds a segment, and each segment costs
# every later search ~1.5 ms at 10k articles, so a growing build keeps their number small.
FIRST_BATCH_SECONDS = 5.0
MAX_BATCH_SECONDS = 160.0
# From this many files to read, they are read and analysed by worker processes while this
# one indexes (analysis takes about as long as Whoosh's indexing; smaller syncs stay serial).
PARALLEL_MIN_FILES = 2000
PARALLEL_CHUNK = 64
# Chunks handed to the workers ahead of the one being indexed. A prepared chunk waits as one
# pickle (~8 KB an article; ~48 KB once unpickled), so 128 of them hold at most ~64 MB, and
# the workers keep preparing through a commit, when this process indexes nothing for seconds.
# With 8, the workers sat idle for the 43% of a 10k build spent committing.
PARALLEL_WINDOW = 128
WORKER_NICENESS = 10  # added to the workers' nice value: the indexing process goes first
PARENT_CHECK_S = 0.5  # how often a worker checks that the indexing process still runs
# Segment merging (`merge_tiers`): segments under 1,000 articles within a factor of 8 in size
# form a tier, and a tier of 4 is merged: at most ~3 small segments per tier remain.
SMALL_SEGMENT_DOCS = 1000
TIER_FACTOR = 8
MERGE_AT = 4
LOCK_WAIT_S = 2.0  # a second tui-reader holding the write lock: wait this long, then search as-is
ANALYSED_CHARS = 200_000  # speakers and figure kinds come from the first 200k characters


@dataclass(slots=True)
class UpdateReport:
    """What one sync of the index with the folder did (filled in as the sync goes)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    notice: str | None = None


def document_fields(article: Article) -> dict[str, object]:
    """The index fields of one article, with the speakers and figure kinds its analysis finds."""
    # The fields only need who is quoted and which kinds of figure occur; a huge article's
    # first part says that as well as the whole (4 MB took ~6 s of figure finding).
    analysed = article.body[:ANALYSED_CHARS]
    speakers = speakers_of(find_quotes(analysed))
    kinds = sorted({figure.kind for figure in find_figures(analysed)})
    fields: dict[str, object] = {
        "path": article.path,
        "title": article.title,
        # One field for both (schema.ArticleText), analysed here: in a worker process, that
        # takes two thirds of Whoosh's per-article work out of the indexing process.
        "body": indexed_text(article.title, article.body),
        "source": article.source,
        "speaker": "; ".join(speakers),
        "figure": " ".join(kinds),
        "size": article.size,
        "mtime_ns": article.mtime_ns,
    }
    if article.date is not None:
        fields["date"] = dt.datetime.combine(article.date, dt.time())
    fields["day_number"] = int(article.date.strftime("%Y%m%d")) if article.date else 0
    return fields


Prepared = tuple[FileStamp, "dict[str, object] | SkippedFile"]


def prepare_document(stamp: FileStamp) -> Prepared:
    """Read one file and build its index fields (or say why it was skipped)."""
    article = read_article(stamp)
    return stamp, article if isinstance(article, SkippedFile) else document_fields(article)


def merge_tiers(writer: IndexWriter, segments: list[Segment]) -> list[Segment]:
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


def _start_worker(parent: int) -> None:
    """Worker start-up: yield the CPU to the indexing process, and end when it is gone.

    The indexing process is the one that cannot be spread over cores, and in the app it also
    draws the screen: at a lower priority the workers take what it leaves (a 10k build on 2
    cores, three runs each way: 282-323 articles/s at equal priority, 312-354 with the workers
    niced).

    A worker waits on a queue whose write end it holds itself, so after `kill -9` of its parent
    it would wait forever (seen: idle orphans after the crash test).
    """
    with contextlib.suppress(OSError, AttributeError):  # no nice() on Windows
        os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _prepare_chunk(stamps: list[FileStamp]) -> bytes:
    """The chunk's prepared articles, pickled here: they wait in the indexing process as one
    small bytes object until their turn, not as the many tuples of their postings."""
    return pickle.dumps([prepare_document(stamp) for stamp in stamps], pickle.HIGHEST_PROTOCOL)


def _prepare_all(stamps: list[FileStamp]) -> Iterator[Prepared]:
    """Each stamp's fields, in order; for many files, worker processes prepare them ahead.

    One worker per core (up to 3): workers also analyse the body for Whoosh, so this process
    has little left to do (when measured with the workers making only the body's postings, on
    2 cores: 2 workers ~280/s at 10k, 1 ~200/s, 3 ~270/s). At most `PARALLEL_WINDOW` chunks
    ahead, each one pickle, so prepared articles never pile up in memory. Workers that cannot
    start or die (no usable `__main__` to spawn from, out of memory) cost nothing but speed:
    the rest is prepared here.
    """
    cores = os.cpu_count() or 1
    workers = min(cores, 3) if cores > 1 else 0
    if len(stamps) < PARALLEL_MIN_FILES or workers < 1:
        yield from map(prepare_document, stamps)
        return
    chunks = [stamps[i : i + PARALLEL_CHUNK] for i in range(0, len(stamps), PARALLEL_CHUNK)]
    done = 0  # chunks already yielded
    try:
        # "spawn": forking a process that runs threads (the app's) is unsafe.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )
    except (OSError, ValueError):
        pool = None
    if pool is not None:
        try:
            pending: deque[Future[bytes]] = deque()
            for chunk in chunks:
                pending.append(pool.submit(_prepare_chunk, chunk))
                if len(pending) >= PARALLEL_WINDOW:
                    results = pending.popleft().result()  # a dead pool raises here: count after
                    done += 1
                    yield from pickle.loads(results)
            while pending:
                results = pending.popleft().result()
                done += 1
                yield from pickle.loads(results)
        except (BrokenProcessPool, OSError):
            pass  # carry on below, in this process
        finally:
            # Also when stopped early (the app is closing, a write failed): drop queued work.
            pool.shutdown(wait=True, cancel_futures=True)
    for chunk in chunks[done:]:
        yield from map(prepare_document, chunk)


class IndexSync:
    """One pass of syncing `index` with the files under `articles_dir`."""

    def __init__(
        self,
        index: Index,
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

    def _writer(self, heartbeat: Callable[[], None] | None = None) -> IndexWriter:
        writer = self._index.writer(timeout=LOCK_WAIT_S, delay=0.1)
        return with_chunked_pool(writer, heartbeat=heartbeat)

    def _write(
        self,
        changed: list[FileStamp],
        removed: list[str],
        indexed: dict[str, tuple[object, object]],
        outcome: UpdateReport,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        total = len(changed)
        done = 0

        def still_wanted() -> None:
            # During a commit: the same progress again, so that a `progress` that raises to
            # stop the sync (the app is closing) can also abandon the commit.
            if progress is not None:
                progress(done, total)

        writer = self._writer(still_wanted)
        try:
            for key in removed:
                writer.delete_by_term("path", key)
                outcome.removed += 1
            batch_started, batch_seconds = time.monotonic(), FIRST_BATCH_SECONDS
            # closing(): stopping early (an exception here) also stops the worker processes.
            with contextlib.closing(_prepare_all(changed)) as prepared:
                for done, (stamp, fields) in enumerate(prepared, start=1):
                    if isinstance(fields, SkippedFile):
                        outcome.skipped.append(fields)
                        if stamp.key in indexed:  # it was readable before: drop the stale copy
                            writer.delete_by_term("path", stamp.key)
                            outcome.removed += 1
                    else:
                        # update_document even for "new" files: `indexed` was read before this
                        # writer got the lock, and another tui-reader may have added the same file
                        # meanwhile; add_document would then index it twice. It costs no more.
                        writer.update_document(**fields)
                        if stamp.key in indexed:
                            outcome.updated += 1
                        else:
                            outcome.added += 1
                    if progress is not None:
                        progress(done, total)
                    if time.monotonic() - batch_started > batch_seconds and done < total:
                        # No merging mid-build: merging small segments on every batch made a
                        # first index quadratic. The final commit merges by tiers.
                        writer.commit(merge=False)
                        self._on_commit()
                        writer = self._writer(still_wanted)
                        batch_started = time.monotonic()
                        batch_seconds = min(batch_seconds * 2, MAX_BATCH_SECONDS)
            writer.commit(mergetype=merge_tiers)
        except BaseException:
            # Release the lock: a full disk must not leave it held. A writer that already
            # committed, or broke, has nothing more to release.
            with contextlib.suppress(Exception):
                writer.cancel()
            raise
        self._on_commit()
