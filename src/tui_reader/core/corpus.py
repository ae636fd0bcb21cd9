"""Read a folder of articles into `Article` values; unreadable files become `SkippedFile`s.

The defensive loader: type checks before reading (a fifo, device or link to `/dev/zero` is never
read), a size cap, encoding detection, binary detection, and no exception ever escapes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from tui_reader.core.article_parser import parse_article
from tui_reader.core.decoding import binary_reason, decode_bytes
from tui_reader.core.folder_scan import ARTICLE_SUFFIXES, FileStamp, path_for_key, scan_folder
from tui_reader.core.models import Article, SkippedFile

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "FileStamp",
    "decode_bytes",
    "load_folder",
    "parse_article",
    "path_for_key",
    "read_article",
    "scan_folder",
]

# News articles are a few KB; 5 MB leaves room for long reports while keeping a stray log file or
# disk image from freezing the reader. Bigger files are skipped with a reason.
MAX_ARTICLE_BYTES: int = 5 * 1024 * 1024
_TOO_LARGE = "larger than 5 MB"
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a fifo that slipped past the scan must not block open()
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "file disappeared"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read: {error.strerror or type(error).__name__}"


def _read_capped(stamp: FileStamp) -> tuple[bytes, os.stat_result] | str:
    """The file's bytes (at most MAX_ARTICLE_BYTES + 1) and its fstat, or why it was not read."""
    try:
        before = os.stat(stamp.location)
        if not stat.S_ISREG(before.st_mode):
            return "not a regular file"  # checked before open(): opening a device can have effects
        if before.st_size > MAX_ARTICLE_BYTES:
            return _TOO_LARGE
        descriptor = os.open(stamp.location, _OPEN_FLAGS)
    except OSError as error:
        return _os_reason(error)
    try:
        info = os.fstat(descriptor)
        # The path may have been swapped for something else between stat() and open().
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > MAX_ARTICLE_BYTES:
            return _TOO_LARGE
        chunks: list[bytes] = []
        remaining = MAX_ARTICLE_BYTES + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks), info
    except OSError as error:
        return _os_reason(error)
    finally:
        os.close(descriptor)


def read_article(stamp: FileStamp) -> Article | SkippedFile:
    """Read and parse one article file. Never raises.

    Args:
        stamp: the file, as found by `scan_folder`.

    Returns:
        The article, or a `SkippedFile` with a one-line reason: "not a regular file",
        "larger than 5 MB", "empty file", "binary file (…)", "file disappeared",
        "permission denied", ….
    """
    result = _read_capped(stamp)
    if isinstance(result, str):
        return SkippedFile(stamp.key, result)
    data, info = result
    if len(data) > MAX_ARTICLE_BYTES:
        return SkippedFile(stamp.key, _TOO_LARGE)
    text = decode_bytes(data)
    reason = binary_reason(data, text)
    if reason:
        return SkippedFile(stamp.key, reason)
    if not text.strip():
        return SkippedFile(stamp.key, "empty file")
    try:
        article = parse_article(text, key=stamp.key, size=info.st_size, mtime_ns=info.st_mtime_ns)
    except Exception as error:  # the loader's promise is a reason, never a traceback
        return SkippedFile(stamp.key, f"could not parse: {type(error).__name__}")
    # Nothing readable once escapes and invisible characters are gone (or front matter only).
    return article if article.body else SkippedFile(stamp.key, "empty file")


def load_folder(root: Path) -> Iterator[Article | SkippedFile]:
    """Scan `root` and read every article file: the folder's skipped entries first, then each file.

    Args:
        root: the articles folder.

    Yields:
        Articles and skipped files, in key order within each group.
    """
    stamps, skipped = scan_folder(root)
    yield from skipped
    for stamp in stamps:
        yield read_article(stamp)
