"""The app's start-up as a user sees it: the real `tui-reader` in a pseudo-terminal.

The clock starts before the process is spawned. *First paint* is when the search bar's text
reaches the terminal; then the benchmark types `/` and a word at once, as an impatient user
would, and *search usable* is when the status line shows that word's match count. The index
must exist already (the build phase made it): this is the start-up of an app opened again.
POSIX only (`pty`); the output is read with the terminal's escape sequences taken out.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time
from typing import Any

from bench.phases import child_env

COLUMNS, LINES = 120, 40
WORD = "government"
TIMEOUT_S = 60.0
_ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
_PAINTED = b"Search"  # the search bar's placeholder, in the first frame
_ANSWERED = re.compile(rb"[\d,]+\+? match")  # "38,113 matches" in the status line
_OVERLAP = 512  # bytes of the previous read searched again with the next


def _spawn(articles_dir: str, cache_root: str) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on a 120x40 terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = {
            **child_env(),
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            "TUI_READER_CACHE_DIR": cache_root,
            "TUI_READER_STATE_DIR": os.path.join(cache_root, "state"),
        }
        os.execve(sys.executable, [sys.executable, "-m", "tui_reader", articles_dir], env)
    return pid, fd


def _read_until(fd: int, found: Any, deadline: float) -> float | None:
    """Read the terminal until `found(text)` holds for what came since the call; the time it
    did (None: timed out). Only each new chunk and the bytes just before it are searched (an
    escape sequence or the words may straddle two reads): re-reading all the output at every
    chunk cost up to 10 ms of the time measured."""
    tail = b""
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.005)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the app exited
                return None
            window = tail + chunk
            if found(_ESCAPES.sub(b"", window)):
                return time.perf_counter()
            tail = window[-_OVERLAP:]
    return None


def _one_start(articles_dir: str, cache_root: str) -> dict[str, float]:
    started = time.perf_counter()
    pid, fd = _spawn(articles_dir, cache_root)
    try:
        deadline = started + TIMEOUT_S
        painted = _read_until(fd, lambda text: _PAINTED in text, deadline)
        if painted is None:
            return {"error": 1.0}
        os.write(fd, b"/" + WORD.encode())
        answered = _read_until(fd, _ANSWERED.search, deadline)  # output after the keys
        if answered is None:
            return {"first_paint_ms": round((painted - started) * 1000, 1), "error": 1.0}
        return {
            "first_paint_ms": round((painted - started) * 1000, 1),
            "search_usable_ms": round((answered - started) * 1000, 1),
        }
    finally:
        _stop(pid)
        os.close(fd)


def _stop(pid: int) -> None:
    os.kill(pid, signal.SIGTERM)
    for _ in range(200):  # up to 2 s to exit, then killed
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            return
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def app_starts(config: dict[str, Any], runs: int = 3) -> dict[str, Any]:
    """Median of `runs` start-ups of the app on the benchmark's folder and index."""
    samples = [_one_start(config["articles_dir"], config["cache_root"]) for _ in range(runs)]
    good = [s for s in samples if "error" not in s]
    if not good:
        return {"error": f"the app did not answer {WORD!r} within {TIMEOUT_S:.0f} s", "runs": runs}
    return {
        "first_paint_ms": statistics.median(s["first_paint_ms"] for s in good),
        "search_usable_ms": statistics.median(s["search_usable_ms"] for s in good),
        "samples": samples,
        "word": WORD,
    }
