"""One benchmark run over one folder size: generate (or reuse), then each phase in order."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import terminal_start
from bench.generate import ensure_corpus
from bench.phases import cold_starts, run_phase
from bench.timing import machine_probe_ms

PHASES = ("build", "queries", "cold", "incremental", "analysis", "app")


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What to run and how hard: the CLI's flags."""

    out_dir: Path
    seed: int = 1
    only: tuple[str, ...] = PHASES
    quick: bool = False
    phase_timeout_s: float = 7200.0

    @property
    def per_kind(self) -> int:
        return 3 if self.quick else 7

    @property
    def repeats(self) -> int:
        return 2 if self.quick else 5


def _say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def run_size(size: int, options: RunOptions) -> dict[str, Any]:
    """Every selected phase for a folder of `size` articles; the results as one dict."""
    work = options.out_dir / f"work-{size}"
    corpus = options.out_dir / "corpora" / f"articles-{size}-seed{options.seed}"
    started = time.perf_counter()
    _, generated = ensure_corpus(corpus, size, options.seed)
    run: dict[str, Any] = {"size": size, "seed": options.seed, "corpus": str(corpus)}
    run["corpus_generated_s"] = round(time.perf_counter() - started, 1) if generated else 0
    _say(f"{size:,} articles in {corpus} ({'generated' if generated else 'reused'})")
    config = {
        "articles_dir": str(corpus),
        "cache_root": str(work / "cache"),
        "db_path": str(work / "baseline.sqlite3"),
        "seed": options.seed,
        "size": size,
        "per_kind": options.per_kind,
        "repeats": options.repeats,
        # Seconds per query kind and mode: a slow kind is cut short, not the whole run.
        "budget_s": 5.0 if options.quick else 30.0 if size > 50_000 else 60.0,
        "analysis_articles": 100 if options.quick else 500,
        # All four texts at every size (56 keys): with one text, the p95 of 16 keys was its max.
        "typed_texts": 1 if options.quick else 4,
        "phase_timeout_s": options.phase_timeout_s,
    }
    work.mkdir(parents=True, exist_ok=True)
    steps: list[tuple[str, str, str, str]] = [
        ("build", "build", "whoosh", "whoosh_build"),
        ("build", "build", "sqlite", "sqlite_build"),
        ("queries", "queries", "whoosh", "whoosh_queries"),
        ("queries", "queries", "sqlite", "sqlite_queries"),
        ("app", "app", "", "app_typing"),
        ("incremental", "incremental", "whoosh", "whoosh_incremental"),
        ("incremental", "incremental", "sqlite", "sqlite_incremental"),
        ("analysis", "analysis", "", "analysis"),
    ]
    for flag, section, engine, phase in steps:
        if flag not in options.only:
            continue
        if flag == "app" and "cold" in options.only:
            _cold(run, config)  # after the queries, before the folder is touched
        _say(f"{phase}…")
        probe_before = machine_probe_ms()
        result = run_phase(phase, config)
        run.setdefault("machine_probe_ms", {})[phase] = [probe_before, machine_probe_ms()]
        if engine:
            run.setdefault(section, {})[engine] = result
        else:
            run[section] = result
        if "error" in result:
            _say(f"{phase} failed: {result['error']}")
    if "cold" in options.only and "cold_start" not in run:
        _cold(run, config)
    return run


def _cold(run: dict[str, Any], config: dict[str, Any]) -> None:
    _say("cold starts…")
    try:
        run["cold_start"] = cold_starts(config)
    except Exception as error:  # a report with a hole beats no report
        run["cold_start"] = {"error": f"{type(error).__name__}: {error}"}
    _say("app start-ups in a terminal…")
    try:
        run["app_start"] = terminal_start.app_starts(config)
    except Exception as error:
        run["app_start"] = {"error": f"{type(error).__name__}: {error}"}
