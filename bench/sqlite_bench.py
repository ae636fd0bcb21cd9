"""Phase functions for the SQLite baselines: build, queries by kind, typing, incremental."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import baselines
from bench.queries import BenchQuery, query_set, typed_prefixes
from bench.timing import summary, time_each


def build(config: dict[str, Any]) -> dict[str, Any]:
    """FTS5 and LIKE tables built from the same folder."""
    return baselines.build(Path(config["articles_dir"]), Path(config["db_path"]))


def queries(config: dict[str, Any]) -> dict[str, Any]:
    """FTS5 (top 30 / everything + snippets) and LIKE latencies per kind, and while typing."""
    engines = baselines.SqliteEngines(Path(config["db_path"]))
    budget, repeats = config["budget_s"], config["repeats"]
    planned = query_set(config["seed"], config["per_kind"])
    out: dict[str, Any] = {"kinds": {}}
    for kind in dict.fromkeys(q.kind for q in planned):
        mine = [q for q in planned if q.kind == kind]
        # The fuzzy expansion is part of the query's cost, as Whoosh's is.
        totals: dict[str, int] = {}

        def run_full(q: BenchQuery, totals: dict[str, int] = totals) -> None:
            totals[q.whoosh] = engines.fts5_full(engines.fts5_text(q))

        top = time_each(lambda q: engines.fts5_top(engines.fts5_text(q)), mine, repeats, budget)
        full = time_each(run_full, mine, repeats, budget)
        like_able = [q.like for q in mine if q.like is not None]
        like = time_each(engines.like_scan, like_able, 1, budget) if like_able else []
        out["kinds"][kind] = {
            "fts5_top30": summary(top),
            "fts5_full": summary(full),
            "like": summary(like),
            "totals": totals,
        }
    typed = typed_prefixes()
    out["typing"] = {
        "fts5": summary(time_each(engines.typed, typed, 1, budget)),
        "like": summary(time_each(engines.like_typed, typed, 1, budget)),
    }
    engines.close()
    return out


def incremental(config: dict[str, Any]) -> dict[str, Any]:
    """FTS5's cost for the same 30-file change (no folder scan: FTS5 has no sync of its own)."""
    seconds = baselines.change_rows(
        Path(config["db_path"]), Path(config["articles_dir"]), config["seed"]
    )
    return {"seconds": round(seconds, 3)}
