"""Run each benchmark phase in a fresh process, so its peak memory and start-up are its own.

`python -m bench.phases NAME CONFIG.json` runs one phase and prints one `BENCH-RESULT {json}`
line; `run_phase` is the parent side. Cold starts are timed from the parent: process start to
the first result line on the child's stdout.
"""

from __future__ import annotations

import json
import os
import runpy
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
MARKER = "BENCH-RESULT "


def _phases() -> dict[str, Callable[[dict[str, Any]], dict[str, Any]]]:
    # Imported here so the parent process never loads Whoosh or the index itself.
    from bench import app_bench, sqlite_bench, whoosh_bench

    return {
        "whoosh_build": whoosh_bench.build,
        "whoosh_queries": whoosh_bench.queries,
        "whoosh_incremental": whoosh_bench.incremental,
        "analysis": whoosh_bench.analysis,
        "sqlite_build": sqlite_bench.build,
        "sqlite_queries": sqlite_bench.queries,
        "sqlite_incremental": sqlite_bench.incremental,
        "app_typing": app_bench.typing,
    }


def child_env() -> dict[str, str]:
    """The environment for child processes: the repo and `src` (or `$BENCH_SRC`) importable.

    BENCH_SRC points the phases at another copy of the code, e.g. a snapshot of a commit, so a
    long run is not disturbed by edits in the working tree.
    """
    paths = [str(REPO_ROOT), os.environ.get("BENCH_SRC") or str(REPO_ROOT / "src")]
    if os.environ.get("PYTHONPATH"):
        paths.append(os.environ["PYTHONPATH"])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def run_phase(name: str, config: dict[str, Any], timeout_s: float | None = None) -> dict[str, Any]:
    """Run phase `name` in a child process; its result plus wall time and peak RSS (MB)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(config, handle)
    timeout_s = timeout_s or float(config.get("phase_timeout_s", 7200))
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.phases", name, handle.name],
            capture_output=True,
            text=True,
            env=child_env(),
            cwd=REPO_ROOT,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired:
        result: dict[str, Any] = {"error": f"timed out after {timeout_s:.0f} s"}
        progress = Path(config.get("cache_root", ".")) / "build-progress.txt"
        if name == "whoosh_build" and progress.exists():
            lines = progress.read_text("utf-8").split()
            if len(lines) >= 3:  # "done total seconds" of the last progress line
                done, total, seconds = lines[-3:]
                result.update(docs_done=int(done), docs_total=int(total), seconds=float(seconds))
                result["docs_per_s"] = round(int(done) / max(float(seconds), 1e-9), 1)
        return result
    finally:
        os.unlink(handle.name)
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            result = json.loads(line[len(MARKER) :])
            result["phase_wall_s"] = round(time.perf_counter() - started, 2)
            return result
    tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
    return {"error": f"exit {done.returncode}: " + " | ".join(tail)}


_COLD_WHOOSH = """
import sys, time
t_start = time.perf_counter()
from pathlib import Path
from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
t_import = time.perf_counter()
root = Path(sys.argv[2])
index = ArticleIndex.open(Settings(Path(sys.argv[1]), root, root / "state"))
t_open = time.perf_counter()
results = index.search(sys.argv[3])
print("first", results.total, round((t_import - t_start) * 1000),
      round((t_open - t_import) * 1000),
      round((time.perf_counter() - t_open) * 1000), flush=True)
"""

_COLD_FTS5 = """
import sys, time
t_start = time.perf_counter()
import sqlite3
connection = sqlite3.connect(sys.argv[1])
t_import = time.perf_counter()
rows = connection.execute("SELECT path, title, snippet(fts, 2, '', '', '…', 24) FROM fts "
                          "WHERE fts MATCH ? ORDER BY rank LIMIT 30", (sys.argv[2],)).fetchall()
print("first", len(rows), round((t_import - t_start) * 1000), 0,
      round((time.perf_counter() - t_import) * 1000), flush=True)
"""


def _time_first_line(args: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", *args], stdout=subprocess.PIPE, text=True, env=child_env()
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    wall_ms = (time.perf_counter() - started) * 1000
    child.communicate(timeout=120)
    parts = line.split()
    if len(parts) != 5:
        return {"wall_ms": round(wall_ms, 1), "error": 1.0}
    _, _total, to_import, open_ms, query_ms = parts
    return {
        "wall_ms": round(wall_ms, 1),
        "imports_ms": float(to_import),
        "open_ms": float(open_ms),
        "first_query_ms": float(query_ms),
    }


def cold_starts(config: dict[str, Any], runs: int = 3) -> dict[str, Any]:
    """Fresh process -> first result, median of `runs`, for Whoosh, FTS5 and a bare interpreter."""
    word = "government"
    whoosh = [
        _time_first_line([_COLD_WHOOSH, config["articles_dir"], config["cache_root"], word])
        for _ in range(runs)
    ]
    fts5 = [_time_first_line([_COLD_FTS5, config["db_path"], word]) for _ in range(runs)]
    bare = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=False)
        bare.append((time.perf_counter() - started) * 1000)

    def median(samples: list[dict[str, float]]) -> dict[str, float]:
        return {k: round(statistics.median(s[k] for s in samples), 1) for k in samples[0]}

    return {
        "whoosh": median(whoosh),
        "fts5": median(fts5),
        "python_start_ms": round(statistics.median(bare), 1),
    }


def main() -> None:
    """Child side: run one phase and print its result with this process's peak memory."""
    from bench.timing import current_rss_mb, peak_rss_mb

    name, config_path = sys.argv[1], sys.argv[2]
    preload = os.environ.get("BENCH_PRELOAD")
    if preload:  # try a change to core (monkeypatches) without editing it; see README
        runpy.run_path(preload)
    config = json.loads(Path(config_path).read_text("utf-8"))
    function = _phases()[name]
    rss_before = current_rss_mb()
    result = function(config)
    result["rss_before_mb"] = rss_before
    result["peak_rss_mb"] = peak_rss_mb()
    if "workers" in result:  # this process and each worker at its peak: an upper bound
        result["peak_rss_all_mb"] = round(
            result["peak_rss_mb"] + result["workers"] * result["workers_peak_rss_mb"], 1
        )
    print(MARKER + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
