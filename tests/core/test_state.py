"""The user's state survives restarts, torn writes and corrupt files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tui_reader.core.state import UserState, load_state, save_state, state_path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    loaded = load_state(tmp_path / "nowhere")
    assert loaded.state == UserState()
    assert loaded.notice is None


def test_round_trip(tmp_path: Path) -> None:
    state = (
        UserState(theme="nord").with_read("a.txt").with_read("b.txt").with_bookmark_toggled("b.txt")
    )
    save_state(tmp_path, state)
    loaded = load_state(tmp_path)
    assert loaded.state == state
    assert loaded.notice is None


def test_bookmark_toggles_off(tmp_path: Path) -> None:
    state = UserState().with_bookmark_toggled("x").with_bookmark_toggled("x")
    assert state.bookmarks == frozenset()


def test_corrupt_file_moved_aside_with_notice(tmp_path: Path) -> None:
    state_path(tmp_path).write_bytes(b'{"theme": "nord", "read": [')
    loaded = load_state(tmp_path)
    assert loaded.state == UserState()
    assert loaded.notice is not None and "\n" not in loaded.notice
    assert (tmp_path / "state.json.corrupt").exists()
    assert not state_path(tmp_path).exists()


def test_wrong_shape_is_corrupt(tmp_path: Path) -> None:
    state_path(tmp_path).write_text(json.dumps({"read": "not-a-list"}))
    loaded = load_state(tmp_path)
    assert loaded.state == UserState()
    assert loaded.notice is not None


def test_stale_temp_files_are_cleaned(tmp_path: Path) -> None:
    stale = tmp_path / ".state-abc.tmp"
    stale.write_text("half a write")
    save_state(tmp_path, UserState(theme="dracula"))
    load_state(tmp_path)
    assert not stale.exists()
    assert load_state(tmp_path).state.theme == "dracula"


def test_unwritable_dir_raises_oserror_and_keeps_old_file(tmp_path: Path) -> None:
    save_state(tmp_path, UserState(theme="nord"))
    if os.geteuid() == 0:
        return  # root ignores directory permissions; the atomicity test below still covers it
    tmp_path.chmod(0o500)
    try:
        try:
            save_state(tmp_path, UserState(theme="dracula"))
        except OSError:
            pass
        else:
            raise AssertionError("expected OSError")
    finally:
        tmp_path.chmod(0o700)
    assert load_state(tmp_path).state.theme == "nord"


_KILLED_WRITER = """
import sys
from pathlib import Path
from tui_reader.core.state import UserState, save_state
root = Path(sys.argv[1])
i = 0
while True:
    i += 1
    save_state(root, UserState(theme=f"t{i}", read=frozenset(f"file-{n}.txt" for n in range(200))))
"""


def test_state_survives_kill_during_writes(tmp_path: Path) -> None:
    """Kill a process that saves in a loop; the file must always load cleanly."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    for round_ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(tmp_path)], env=env)
        try:
            deadline = time.monotonic() + 20
            while not state_path(tmp_path).exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.02 * (round_ + 1))  # kill at a different point of the loop each round
        finally:
            proc.kill()
            proc.wait()
        loaded = load_state(tmp_path)
        assert loaded.notice is None
        assert loaded.state.theme is not None and loaded.state.theme.startswith("t")
        assert len(loaded.state.read) == 200
