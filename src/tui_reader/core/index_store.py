"""Where the Whoosh index lives and how it is opened: a rebuildable cache in a private directory.

The index is a cache of the articles folder, so any trouble opening it (missing, old schema,
corrupt or truncated files, foreign owner, unwritable directory) ends in a fresh index and one
line saying why, never an exception. Whoosh's table of contents is a pickle, so the directory
must not be writable by anyone else: it is created 0700 and refused when others can write it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage, RamStorage, Storage
from whoosh.index import FileIndex

from tui_reader.core.file_storage import CountingFileStorage
from tui_reader.core.schema import SCHEMA_VERSION, build_schema

STAMP_NAME = "tui-reader-index.json"
OPEN_LOCK_WAIT_S = 10.0  # opening takes well under a second; past this, a holder is stuck


@dataclass(slots=True)
class OpenedIndex:
    """An open index plus what the user should be told about how it was opened."""

    index: FileIndex
    directory: Path | None  # None for an in-memory index
    notice: str | None = None
    fresh: bool = False  # True when created empty now: everything must be indexed


def _is_private(directory: Path) -> bool:
    info = directory.stat()
    owned = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read_stamp(directory: Path) -> dict[str, object]:
    try:
        data = json.loads((directory / STAMP_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_stamp(directory: Path, articles_dir: Path) -> None:
    stamp = {"schema_version": SCHEMA_VERSION, "articles_dir": os.fsdecode(articles_dir)}
    (directory / STAMP_NAME).write_text(json.dumps(stamp), "utf-8")


def _storage(directory: Path) -> FileStorage:
    # Memory mapping off: at 100k articles mmap kept 1.2 GB resident and made each new searcher
    # cost ~0.65 s; without it ~40 MB and ~50 ms (see ENGINE-NOTES).
    return CountingFileStorage(str(directory), supports_mmap=False)


def _create(directory: Path, articles_dir: Path) -> FileIndex:
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True, mode=0o700)
    os.chmod(directory, 0o700)  # mkdir's mode is masked by umask; be explicit
    index = _storage(directory).create_index(build_schema())
    _write_stamp(directory, articles_dir)
    return index


def _open_existing(directory: Path, articles_dir: Path) -> tuple[FileIndex | None, str | None]:
    """Open the index at `directory`, or say why it must be rebuilt (None, reason)."""
    if not (directory / STAMP_NAME).exists():
        return None, None  # never built, or interrupted before the first stamp: silent rebuild
    if not _is_private(directory):
        return None, "Search index directory was writable by others; rebuilt it privately."
    stamp = _read_stamp(directory)
    if stamp.get("schema_version") != SCHEMA_VERSION:
        return None, "Search index was made by another version; rebuilt it."
    try:
        index = _storage(directory).open_index()
        with index.searcher() as searcher:  # touch every segment's files once
            searcher.doc_count_all()
            # The first term reads every segment's term file, which is what a damaged
            # segment fails on; listing them all took ~0.5 s of start-up at 100k articles.
            next(iter(searcher.reader().field_terms("path")), None)
        return index, None
    except Exception as error:  # corrupt files raise a dozen different types
        return None, f"Search index was damaged ({type(error).__name__}); rebuilt it."


@contextlib.contextmanager
def _opening_lock(directory: Path) -> Iterator[None]:
    """Let one process at a time decide whether to open, create or rebuild the index.

    Two tui-readers started at once on a new folder both created the index (Whoosh raised
    "File '_MAIN_0.toc' exists"), or one deleted the directory the other was building. The lock
    file sits next to the index directory, so a rebuild can delete the directory freely.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): simultaneous first starts are left to chance
        yield
        return
    descriptor = os.open(
        directory.with_name(directory.name + ".lock"),
        # O_NOFOLLOW: in a shared cache root, a planted symlink must not point us elsewhere.
        os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0),
        0o600,
    )
    try:
        deadline = time.monotonic() + OPEN_LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break  # better to race than to hang behind a stopped process
                time.sleep(0.05)
        yield
    finally:
        os.close(descriptor)  # releases the lock; so does the process dying


def open_or_create(directory: Path, articles_dir: Path, *, rebuild: bool = False) -> OpenedIndex:
    """Open the index for `articles_dir` at `directory`, rebuilding or falling back as needed."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with _opening_lock(directory):
            index, reason = (None, None) if rebuild else _open_existing(directory, articles_dir)
            if index is not None:
                return OpenedIndex(index, directory)
            return OpenedIndex(_create(directory, articles_dir), directory, reason, fresh=True)
    except OSError as error:
        # Read-only or full disk: search still works from memory for this session.
        detail = error.strerror or type(error).__name__
        notice = f"Cannot write the index cache ({detail}); using a temporary in-memory index."
        return OpenedIndex(_memory_index(), None, notice, fresh=True)


def _memory_index() -> FileIndex:
    storage: Storage = RamStorage()
    return storage.create_index(build_schema())
