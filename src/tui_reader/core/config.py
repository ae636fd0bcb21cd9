"""Settings as a frozen dataclass, and where things live on disk (XDG dirs via platformdirs)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "tui-reader"


def bundled_articles_dir() -> Path:
    """The sample articles shipped inside the package."""
    return Path(str(resources.files("tui_reader") / "sample_articles"))


def default_articles_dir(cwd: Path | None = None) -> Path:
    """`./articles` when it exists, else the bundled sample."""
    local = (cwd or Path.cwd()) / "articles"
    return local if local.is_dir() else bundled_articles_dir()


def default_cache_root() -> Path:
    """Root for rebuildable caches (the search indexes)."""
    override = os.environ.get("TUI_READER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def default_state_root() -> Path:
    """Root for the user's own state (read marks, bookmarks, settings): not a cache."""
    override = os.environ.get("TUI_READER_STATE_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir(APP_NAME))


def index_dir_for(articles_dir: Path, cache_root: Path) -> Path:
    """One index per articles folder, keyed by the folder's real path, never inside that folder."""
    real = os.path.realpath(articles_dir)
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in Path(real).name)[:40]
    return cache_root / "indexes" / f"{name or 'root'}-{digest}"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the app and CLI work. All paths are injectable, so tests use tmp_path."""

    articles_dir: Path
    cache_root: Path
    state_root: Path
    theme: str | None = None  # None: the remembered theme, or Textual's default

    @classmethod
    def from_defaults(cls, articles_dir: Path | None = None) -> Settings:
        return cls(
            articles_dir=(articles_dir or default_articles_dir()).resolve(),
            cache_root=default_cache_root(),
            state_root=default_state_root(),
        )

    @property
    def index_dir(self) -> Path:
        return index_dir_for(self.articles_dir, self.cache_root)
