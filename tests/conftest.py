"""Shared fixtures: a private copy of the sample articles; settings that write under tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui_reader.core.config import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = REPO_ROOT / "articles"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user cache/state directories from a test."""
    monkeypatch.setenv("TUI_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TUI_READER_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A writable copy of the five sample articles."""
    target = tmp_path / "articles"
    shutil.copytree(SEED_DIR, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, articles_dir: Path) -> Settings:
    return Settings(
        articles_dir=articles_dir,
        cache_root=tmp_path / "cache",
        state_root=tmp_path / "state",
    )
