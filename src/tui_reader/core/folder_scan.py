"""Find the article files under a folder: recursive, symlink-loop safe, never opening devices."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from tui_reader.core.models import SkippedFile

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class FileStamp:
    """One candidate article file as found by the scan, with what incremental indexing compares."""

    key: str  # path relative to root, POSIX separators, valid UTF-8 (undecodable bytes as \xNN)
    location: str | Path  # the real path to open (a str from the scan: 100k Paths cost 0.5 s)
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        return Path(self.location)


def key_for(relative: str) -> str:
    """The key of a root-relative path: POSIX separators, undecodable bytes escaped as \\xNN."""
    if os.sep == "/" and relative.isascii():
        return relative  # nearly every file name: nothing to escape (a sixth of a scan)
    escaped = os.fsencode(relative).decode("utf-8", "backslashreplace")
    return escaped.replace(os.sep, "/") if os.sep != "/" else escaped


_ESCAPED_BYTE = re.compile(rb"\\x([0-9a-f]{2})")


def path_for_key(root: Path, key: str) -> Path:
    """The path of the file a key names: the inverse of the key's \\xNN escaping.

    A file name may itself contain a literal backslash followed by ``xNN``; the literal reading is
    preferred when such a file exists.

    Args:
        root: the articles folder the key is relative to.
        key: a `FileStamp.key` / `Article.path`.

    Returns:
        The path under `root` (which may no longer exist).
    """
    literal = root / key
    if "\\x" not in key or os.path.lexists(literal):
        return literal
    raw = _ESCAPED_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), key.encode("utf-8"))
    return root / os.fsdecode(raw)


def _is_article_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES)


def _link_problem(path: str) -> str:
    """Why a path whose target cannot be stat()ed is unusable: a dangling link, a loop, ..."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return "broken symbolic link (target missing)"
    except PermissionError:
        return "permission denied"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"cannot read: {error.strerror or type(error).__name__}"
    return "cannot read"


def scan_folder(root: Path) -> tuple[list[FileStamp], list[SkippedFile]]:
    """List the article files under `root`. Never raises.

    Recursive; `.txt`/`.md` files only (case-insensitive); hidden files and folders skipped;
    symbolic links followed, but every real folder is entered once (loops are safe) and every real
    file is listed once. Anything that is not a regular file (fifo, socket, device, a link to
    `/dev/zero`), dangling links and unreadable folders are reported, never opened.

    Args:
        root: the articles folder.

    Returns:
        The files sorted by key, and the skipped entries with one-line reasons.
    """
    stamps: dict[tuple[int, int], FileStamp] = {}
    skipped: list[SkippedFile] = []
    try:
        root_stat = os.stat(root)
    except OSError as error:
        return [], [SkippedFile(".", f"cannot open folder: {error.strerror or error}")]
    if not stat.S_ISDIR(root_stat.st_mode):
        return [], [SkippedFile(".", "not a folder")]
    visited_dirs = {(root_stat.st_dev, root_stat.st_ino)}
    pending = [""]  # root-relative folder paths, "" being root itself
    while pending:
        relative_dir = pending.pop()
        directory = os.path.join(root, relative_dir) if relative_dir else str(root)
        try:
            with os.scandir(directory) as entries:
                # The entries' own paths: joining 200,000 of them took a third of a 100k scan.
                listed = sorted((entry.name, entry.path) for entry in entries)
        except OSError as error:
            skipped.append(SkippedFile(key_for(relative_dir or "."), _folder_reason(error)))
            continue
        subdirs: list[str] = []
        prefix = relative_dir + os.sep if relative_dir else ""
        for name, full in listed:
            if name.startswith("."):
                continue
            relative = prefix + name
            try:
                info = os.stat(full)
            except OSError:
                if _is_article_name(name):
                    skipped.append(SkippedFile(key_for(relative), _link_problem(full)))
                continue
            if stat.S_ISDIR(info.st_mode):
                identity = (info.st_dev, info.st_ino)
                if identity not in visited_dirs:
                    visited_dirs.add(identity)
                    subdirs.append(relative)
                continue
            if not _is_article_name(name):
                continue
            if not stat.S_ISREG(info.st_mode):
                skipped.append(SkippedFile(key_for(relative), "not a regular file"))
                continue
            stamp = FileStamp(key_for(relative), full, info.st_size, info.st_mtime_ns)
            identity = (info.st_dev, info.st_ino)
            # The same real file reached twice (a link and its target): keep the smaller key.
            if identity not in stamps or stamp.key < stamps[identity].key:
                stamps[identity] = stamp
        pending.extend(reversed(subdirs))
    skipped.sort(key=lambda item: item.path)
    return sorted(stamps.values(), key=lambda item: item.key), skipped


def _folder_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "folder not readable (permission denied)"
    return f"folder not readable: {error.strerror or type(error).__name__}"
