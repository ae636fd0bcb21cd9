"""The user's own state (theme, read marks, bookmarks): loaded forgivingly, saved atomically."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

STATE_FILE_NAME = "state.json"
_TEMP_PREFIX = ".state-"
_TEMP_SUFFIX = ".tmp"
_FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class UserState:
    """What the user chose or did, remembered across launches. Keys are article paths."""

    theme: str | None = None
    read: frozenset[str] = field(default_factory=frozenset)
    bookmarks: frozenset[str] = field(default_factory=frozenset)
    # Whether the reader highlights quotes and key figures (`h` toggles it).
    analysis_shown: bool = True

    def with_read(self, key: str) -> UserState:
        """Return a copy with `key` marked read."""
        return self if key in self.read else replace(self, read=self.read | {key})

    def with_bookmark_toggled(self, key: str) -> UserState:
        """Return a copy with the bookmark on `key` added or removed."""
        marks = self.bookmarks - {key} if key in self.bookmarks else self.bookmarks | {key}
        return replace(self, bookmarks=marks)

    def with_theme(self, theme: str | None) -> UserState:
        """Return a copy remembering `theme`."""
        return replace(self, theme=theme)

    def with_analysis_shown(self, shown: bool) -> UserState:
        """Return a copy remembering whether quotes and figures are highlighted."""
        return replace(self, analysis_shown=shown)


@dataclass(frozen=True, slots=True)
class LoadedState:
    """A loaded state and, when the file could not be used, a one-line notice for the user."""

    state: UserState
    notice: str | None = None


def state_path(state_root: Path) -> Path:
    """Where the state file lives under `state_root`."""
    return state_root / STATE_FILE_NAME


def _from_json(data: object) -> UserState:
    """Build a UserState from parsed JSON; raises ValueError when the shape is wrong."""
    if not isinstance(data, dict):
        raise ValueError("state is not a JSON object")
    theme = data.get("theme")
    read = data.get("read", [])
    bookmarks = data.get("bookmarks", [])
    # Absent in files written before the setting existed: they load with the default.
    analysis_shown = data.get("analysis_shown", True)
    if theme is not None and not isinstance(theme, str):
        raise ValueError("theme is not a string")
    if not isinstance(analysis_shown, bool):
        raise ValueError("analysis_shown is not true or false")
    for name, value in (("read", read), ("bookmarks", bookmarks)):
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            raise ValueError(f"{name} is not a list of strings")
    return UserState(
        theme=theme,
        read=frozenset(read),
        bookmarks=frozenset(bookmarks),
        analysis_shown=analysis_shown,
    )


def _clean_stale_temps(directory: Path) -> None:
    """Remove temp files left by a save that was killed before `os.replace`."""
    try:
        for entry in directory.glob(f"{_TEMP_PREFIX}*{_TEMP_SUFFIX}"):
            entry.unlink(missing_ok=True)
    except OSError:
        pass  # a leftover temp file is harmless; never fail a load or save over it


def load_state(state_root: Path) -> LoadedState:
    """Read the state file; a missing file gives defaults, a corrupt one is moved aside.

    Never raises: a corrupt or unreadable file yields the default state and a notice.
    """
    path = state_path(state_root)
    _clean_stale_temps(state_root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedState(UserState())
    except OSError as error:
        return LoadedState(
            UserState(), f"Could not read saved state ({error.strerror}); using defaults."
        )
    try:
        return LoadedState(_from_json(json.loads(raw.decode("utf-8"))))
    except (ValueError, UnicodeDecodeError):
        aside = path.with_name(path.name + ".corrupt")
        try:
            os.replace(path, aside)
        except OSError:
            return LoadedState(UserState(), "Saved state was unreadable; using defaults.")
        return LoadedState(UserState(), f"Saved state was unreadable; moved aside to {aside.name}.")


def save_state(state_root: Path, state: UserState) -> None:
    """Write `state` atomically: temp file in the same directory, fsync, then `os.replace`.

    A crash at any point leaves either the old file or the new one, never a torn one.

    Raises:
        OSError: when the directory cannot be written (the caller tells the user).
    """
    state_root.mkdir(parents=True, exist_ok=True, mode=0o700)
    payload = json.dumps(
        {
            "version": _FORMAT_VERSION,
            "theme": state.theme,
            "read": sorted(state.read),
            "bookmarks": sorted(state.bookmarks),
            "analysis_shown": state.analysis_shown,
        },
        indent=1,
    ).encode("utf-8")
    fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=state_root)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, state_path(state_root))
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(state_root)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
