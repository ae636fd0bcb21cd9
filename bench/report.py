"""The plain-text table (Whoosh vs FTS5 vs LIKE, with ratios), target checks, and the JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# (label, size it applies to or None for all, path into one size's results, limit, higher is ok)
TARGETS: tuple[tuple[str, int | None, tuple[str, ...], float, bool], ...] = (
    ("keystroke-to-results p95 ms (app)", 10_000, ("app", "keystroke_ms", "p95"), 50, False),
    ("keystroke-to-results p95 ms (app)", 100_000, ("app", "keystroke_ms", "p95"), 150, False),
    ("full build docs/s", 100_000, ("build", "whoosh", "docs_per_s"), 400, True),
    ("incremental 30 files s", 100_000, ("incremental", "whoosh", "seconds"), 2.0, False),
    (
        "peak memory MB (build, all processes)",
        100_000,
        ("build", "whoosh", "peak_rss_all_mb"),
        400,
        False,
    ),
    ("peak memory MB (queries)", 100_000, ("queries", "whoosh", "peak_rss_mb"), 400, False),
    ("cold start to first result ms", 100_000, ("cold_start", "whoosh", "wall_ms"), 1000, False),
    ("app start: first paint ms", 100_000, ("app_start", "first_paint_ms"), 600, False),
    ("app start: search usable ms", 100_000, ("app_start", "search_usable_ms"), 1000, False),
)
CORE_P95_MS = 30.0  # 10k: every query kind, in core
FTS5_FACTOR = 5.0  # 10k: within 5x of FTS5 at p95


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _num(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def _ratio(mine: Any, theirs: Any) -> str:
    if not isinstance(mine, int | float) or not isinstance(theirs, int | float) or theirs <= 0:
        return "-"
    return f"{mine / theirs:.1f}x"


def _pair(first: Any, second: Any) -> str:
    if first is None and second is None:
        return "-"
    return f"{_num(first)} / {_num(second)}"


def _pct(stats: Any) -> str:
    if not isinstance(stats, dict) or not stats.get("n"):
        return "-"
    return f"{stats['p50']:.1f} / {stats['p95']:.1f}"


def target_checks(run: dict[str, Any]) -> list[tuple[str, Any, float, bool | None]]:
    """(what, measured, limit, met) for the issue's targets that apply to this size."""
    size = run["size"]
    checks: list[tuple[str, Any, float, bool | None]] = []
    for label, at_size, path, limit, higher_ok in TARGETS:
        if at_size is not None and at_size != size:
            continue
        value = _get(run, path)
        met = None if value is None else (value >= limit if higher_ok else value <= limit)
        checks.append((label, value, limit, met))
    if size == 10_000:
        kinds = _get(run, ("queries", "whoosh", "kinds")) or {}
        theirs = _get(run, ("queries", "sqlite", "kinds")) or {}
        for kind, stats in kinds.items():
            # What a keystroke waits for: the first answer (with snippets; count exact to 1,000).
            p95 = _get(stats, ("first", "p95"))
            label = f"{kind} p95 ms (core, first answer with snippets)"
            checks.append((label, p95, CORE_P95_MS, _le(p95, CORE_P95_MS)))
            full = _get(stats, ("full", "p95"))
            fts = _get(theirs, (kind, "fts5_full", "p95"))
            ratio = full / fts if isinstance(full, float) and fts else None
            label = f"{kind} all+snippets p95 ÷ FTS5's"
            checks.append((label, ratio, FTS5_FACTOR, _le(ratio, FTS5_FACTOR)))
    return checks


def _le(value: Any, limit: float) -> bool | None:
    return None if value is None else value <= limit


def table(run: dict[str, Any]) -> str:
    """One size's results as aligned plain text."""
    header = ("", "Whoosh (ours)", "FTS5", "LIKE", "ours/FTS5")
    rows: list[tuple[str, str, str, str, str]] = [header]
    wb, sb = _get(run, ("build", "whoosh")) or {}, _get(run, ("build", "sqlite")) or {}
    fts_rate = sb.get("fts5_docs_per_s")
    like_s = sum(sb.get(k, 0) for k in ("read_parse_s", "analysis_s", "like_insert_s"))
    like_rate = round(sb["docs"] / like_s, 1) if sb.get("docs") and like_s else None
    rows.append(
        (
            "build docs/s",
            _num(wb.get("docs_per_s")),
            _num(fts_rate),
            _num(like_rate),
            _ratio(fts_rate, wb.get("docs_per_s")) + " slower",
        )
    )
    rows.append(
        (
            "build peak RSS MB (all processes)",
            _num(wb.get("peak_rss_all_mb", wb.get("peak_rss_mb"))),
            _num(sb.get("peak_rss_mb")),
            "",
            "",
        )
    )
    wi, si = _get(run, ("incremental", "whoosh")) or {}, _get(run, ("incremental", "sqlite")) or {}
    rows.append(
        (
            "incremental 30 files s",
            _num(wi.get("seconds"), 3),
            _num(si.get("seconds"), 3),
            "",
            _ratio(wi.get("seconds"), si.get("seconds")),
        )
    )
    rows.append(("unchanged sync s", _num(wi.get("unchanged_sync_s"), 3), "", "", ""))
    cw, cf = _get(run, ("cold_start", "whoosh")) or {}, _get(run, ("cold_start", "fts5")) or {}
    rows.append(
        (
            "cold start -> first result ms",
            _num(cw.get("wall_ms")),
            _num(cf.get("wall_ms")),
            "",
            _ratio(cw.get("wall_ms"), cf.get("wall_ms")),
        )
    )
    start = _get(run, ("app_start",)) or {}
    painted, usable = start.get("first_paint_ms"), start.get("search_usable_ms")
    rows.append(("app start: first paint / search usable ms", _pair(painted, usable), "", "", ""))
    wq, sq = _get(run, ("queries", "whoosh")) or {}, _get(run, ("queries", "sqlite")) or {}
    for kind, stats in (wq.get("kinds") or {}).items():
        theirs = (sq.get("kinds") or {}).get(kind, {})
        for mine_key, their_key, label in (
            ("full", "fts5_full", "all+snippets"),
            ("first", "fts5_top30", "first answer"),
            ("top30", "fts5_top30", "top 30"),
        ):
            rows.append(
                (
                    f"{kind} {label} p50/p95 ms",
                    _pct(stats.get(mine_key)),
                    _pct(theirs.get(their_key)),
                    _pct(theirs.get("like")),
                    _ratio(_get(stats, (mine_key, "p95")), _get(theirs, (their_key, "p95"))),
                )
            )
    typing = wq.get("typing") or {}
    for bucket, stats in typing.items():
        their = _get(sq, ("typing", "fts5")) if bucket == "all" else None
        like = _get(sq, ("typing", "like")) if bucket == "all" else None
        rows.append(
            (
                f"typing {bucket} p50/p95 ms",
                _pct(stats),
                _pct(their),
                _pct(like),
                _ratio(stats.get("p95"), _get(their or {}, ("p95",))),
            )
        )
    app = run.get("app") or {}
    for label, typist in (("app keystroke", app), ("app keystroke, burst", app.get("burst"))):
        typist = typist or {}
        rows.append((f"{label} p50/p95 ms", _pct(typist.get("keystroke_ms")), "", "", ""))
        rows.append(("  of which search p50/p95", _pct(typist.get("core_search_ms")), "", "", ""))
        rows.append(("  wait + UI p50/p95", _pct(typist.get("overhead_ms")), "", "", ""))
    rows.append(
        ("queries peak RSS MB", _num(wq.get("peak_rss_mb")), _num(sq.get("peak_rss_mb")), "", "")
    )
    an = run.get("analysis") or {}
    rows.append(("analysis ms/article p50/p95", _pct(an.get("quotes_figures_ms")), "", "", ""))
    probes = run.get("machine_probe_ms") or {}
    for phase in ("whoosh_build", "whoosh_queries", "app_typing"):
        if phase in probes:  # how fast the machine was then (see timing.machine_probe_ms)
            before, after = probes[phase]
            label = f"machine probe ms, {phase} before/after"
            rows.append((label, f"{before} / {after}", "", "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"== {run['size']:,} articles (seed {run['seed']}) =="]
    for row in rows:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    lines.append("targets:")
    for label, value, limit, met in target_checks(run):
        mark = {True: "ok  ", False: "MISS", None: "n/a "}[met]
        shown = _num(round(value, 2) if isinstance(value, float) else value, 2)
        lines.append(f"  {mark} {label}: {shown} (limit {limit:g})")
    return "\n".join(lines)


def write_json(runs: list[dict[str, Any]], out_dir: Path, only: tuple[str, ...] = ()) -> Path:
    """Write every size's results to `out_dir/results-<sizes>[-<phases>].json`; returns the path.

    A run of some phases only gets its own name, so it never overwrites a full run's file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    name = "results-" + "-".join(str(run["size"]) for run in runs)
    name += ("-" + "-".join(only) if only else "") + ".json"
    path = out_dir / name
    path.write_text(json.dumps(runs, indent=2, default=str), "utf-8")
    return path
