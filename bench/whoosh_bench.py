"""Measurements of our `ArticleIndex`: build, incremental sync, queries by kind, typing, analysis.

Three costs per query: "all+snippets" is `ArticleIndex.search(q)` as the CLI calls it (exact
count, 200 rows, snippets for the first 15); "first answer" is what the app asks for on each
keystroke (50 rows, counted exactly up to 1,000, snippets; the exact count follows when typing
pauses); "top 30" is the engine alone (parse, expand, find 30 rows through the index's private
searcher, term at a time where it applies), comparable with FTS5's `ORDER BY rank LIMIT 30`.
"""

from __future__ import annotations

import random
import resource
import shutil
import time
from pathlib import Path
from typing import Any

from bench.generate import ArticleWriter, article_path
from bench.queries import query_set, typed_prefixes
from bench.timing import peak_rss_mb, summary, time_each
from tui_reader.core import query as query_front
from tui_reader.core.analysis import find_figures, find_quotes
from tui_reader.core.collectors import ThresholdTopCollector
from tui_reader.core.config import Settings
from tui_reader.core.corpus import read_article, scan_folder
from tui_reader.core.documents import document_fields
from tui_reader.core.index import EXACT_COUNT_UP_TO, FIRST_ROWS, ArticleIndex
from tui_reader.core.models import Article
from tui_reader.core.segment_workers import worker_count
from tui_reader.core.term_at_a_time import evaluate

TOP_ROWS = 30


def settings_for(config: dict[str, Any]) -> Settings:
    """Settings with the benchmark's own cache: never the user's real index."""
    return Settings(
        articles_dir=Path(config["articles_dir"]),
        cache_root=Path(config["cache_root"]),
        state_root=Path(config["cache_root"]) / "state",
    )


def _folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def build(config: dict[str, Any]) -> dict[str, Any]:
    """A first-ever index of the whole folder, exactly as the app's first launch does it."""
    settings = settings_for(config)
    started = time.perf_counter()
    index = ArticleIndex.open(settings, rebuild=True)
    first_batch: list[float] = []
    logged = [0]
    log = Path(config["cache_root"]) / "build-progress.txt"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("", "utf-8")

    def progress(done: int, total: int) -> None:
        if not first_batch and index.doc_count > 0:  # the first commit made search usable
            first_batch.append(time.perf_counter() - started)
        if done // 1000 > logged[0] // 1000 or done == total:  # a rate survives a build cut short
            logged[0] = done
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"{done} {total} {time.perf_counter() - started:.1f}\n")

    report = index.update(progress)
    seconds = time.perf_counter() - started
    docs = index.doc_count
    index.close()
    workers_peak = peak_rss_mb(resource.RUSAGE_CHILDREN)
    return {
        "docs": docs,
        "skipped": len(report.skipped),
        "seconds": round(seconds, 2),
        "docs_per_s": round(docs / seconds, 1),
        "first_results_after_s": round(first_batch[0], 2) if first_batch else None,
        "index_mb": _folder_mb(settings.index_dir),
        # Big builds are indexed by worker processes (this phase starts no others): their
        # memory counts too (phases.py).
        "workers": worker_count() if workers_peak else 0,
        "workers_peak_rss_mb": workers_peak,
    }


def top_rows(index: ArticleIndex, text: str) -> int:
    """The engine alone: parse, expand, find the best 30 rows; no snippets, no stored records.

    The same engine as `ArticleIndex._run`: term at a time where it applies (with the index's
    term cache, as a search would use it), else Whoosh's collector without an exact count.
    """
    parsed = query_front.parse_query(text, index._parser)
    if parsed.query is None:
        return 0
    with index._lock:
        searcher = index._searcher
        q, _capped = query_front.expand_multiterms(
            parsed.query, searcher.reader(), index._fuzzy_words
        )
        found = evaluate(searcher, q, TOP_ROWS, cache=index._term_scores, exact_up_to=TOP_ROWS)
        if found is not None:
            return len(found.top)
        top = ThresholdTopCollector(TOP_ROWS, exact_up_to=TOP_ROWS)
        searcher.search_with_collector(q, top)
        return len(top.items)


def first_answer(index: ArticleIndex, text: str, *, prefix_last: bool = False) -> int:
    """What the app asks for on each keystroke: the first rows, counted exactly up to a bound."""
    return index.search(
        text,
        prefix_last=prefix_last,
        limit=FIRST_ROWS,
        exact_up_to=EXACT_COUNT_UP_TO,
        suggest=False,  # as the app's keystroke search: "did you mean" waits for a pause
    ).total


def queries(config: dict[str, Any]) -> dict[str, Any]:
    """Latency p50/p95 per query kind, with and without snippets; per keystroke while typing."""
    index = ArticleIndex.open(settings_for(config))
    budget, repeats = config["budget_s"], config["repeats"]
    planned = query_set(config["seed"], config["per_kind"])
    out: dict[str, Any] = {"docs": index.doc_count, "kinds": {}}
    for kind in dict.fromkeys(q.kind for q in planned):
        mine = [q.whoosh for q in planned if q.kind == kind]
        totals: dict[str, int] = {}

        def run_full(text: str, totals: dict[str, int] = totals) -> None:
            totals[text] = index.search(text).total

        full = time_each(run_full, mine, repeats, budget)
        first = time_each(lambda text: first_answer(index, text), mine, repeats, budget)
        top = time_each(lambda text: top_rows(index, text), mine, repeats, budget)
        out["kinds"][kind] = {
            "full": summary(full),
            "first": summary(first),
            "top30": summary(top),
            "totals": totals,
        }
    typed = typed_prefixes()
    samples: dict[str, list[float]] = {"1-2": [], "3": [], "4+": []}
    deadline = time.perf_counter() + budget
    for partial in typed:
        if time.perf_counter() > deadline:
            out["typing_cut_short"] = True
            break
        started = time.perf_counter()
        first_answer(index, partial, prefix_last=True)
        elapsed = (time.perf_counter() - started) * 1000
        last = partial.split(" ")[-1]
        samples["1-2" if len(last) <= 2 else "3" if len(last) == 3 else "4+"].append(elapsed)
    out["typing"] = {"all": summary([s for v in samples.values() for s in v])}
    out["typing"].update({f"last_word_{k}": summary(v) for k, v in samples.items()})
    index.close()
    return out


def incremental(config: dict[str, Any]) -> dict[str, Any]:
    """An unchanged sync (every start-up), then 10 changed + 10 new + 10 deleted files.

    The folder is put back as it was afterwards, so the generated corpus stays reusable.
    """
    settings = settings_for(config)
    folder = settings.articles_dir
    index = ArticleIndex.open(settings)
    started = time.perf_counter()
    index.update()
    unchanged_s = time.perf_counter() - started
    count = int(config["size"])
    rng = random.Random(config["seed"])
    picked = [article_path(folder, n) for n in rng.sample(range(count), 20)]
    changed, deleted = picked[:10], picked[10:]
    originals = {path: path.read_bytes() for path in picked}
    holding = Path(config["cache_root"]) / "held-out"
    holding.mkdir(parents=True, exist_ok=True)
    new_dir = folder / "incremental-new"
    writer = ArticleWriter(config["seed"])
    try:
        for path in changed:
            path.write_bytes(originals[path] + b"\nA late paragraph: officials confirmed it.\n")
        new_dir.mkdir(exist_ok=True)
        for number in range(10):
            (new_dir / f"new-{number}.txt").write_text(writer.article(count + number), "utf-8")
        for path in deleted:
            shutil.move(path, holding / path.name)
        started = time.perf_counter()
        report = index.update()
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(new_dir, ignore_errors=True)
        for path in picked:
            path.write_bytes(originals[path])
        shutil.rmtree(holding, ignore_errors=True)
    started = time.perf_counter()
    index.update()  # back in step with the restored folder
    restore_s = time.perf_counter() - started
    index.close()
    return {
        "unchanged_sync_s": round(unchanged_s, 3),
        "seconds": round(seconds, 3),
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "restore_s": round(restore_s, 3),
    }


def analysis(config: dict[str, Any]) -> dict[str, Any]:
    """Per-article cost of reading + parsing, of `find_quotes` + `find_figures`, of index fields."""
    stamps = scan_folder(Path(config["articles_dir"]))[0][: config["analysis_articles"]]
    articles, read_ms = [], []
    for stamp in stamps:
        started = time.perf_counter()
        article = read_article(stamp)
        read_ms.append((time.perf_counter() - started) * 1000)
        if isinstance(article, Article):
            articles.append(article)

    def analyse(article: Article) -> None:
        find_quotes(article.body)
        find_figures(article.body)

    return {
        "articles": len(articles),
        "read_parse_ms": summary(read_ms),
        "quotes_figures_ms": summary(time_each(analyse, articles, 1, 120.0)),
        "document_fields_ms": summary(time_each(document_fields, articles, 1, 120.0)),
    }
