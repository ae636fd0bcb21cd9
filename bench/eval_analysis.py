"""Score the quote and key-figure analysis against hand-annotated gold files.

Usage:
    python bench/eval_analysis.py [GOLD.json ...] [--holdout] [--json] [--details] [--timing]
        [--min-quote-f1 F] [--min-speaker-acc A] [--min-figure-f1 F] [--min-kind-acc A]

Without files it scores ``../shared/eval/gold_seeds.json`` (relative to the repo root, if
present) and the project's own ``tests/data/eval/*.json``; ``--holdout`` adds the held-out set
``tests/data/eval/holdout/*.json``. Scoring follows ``shared/eval/README.md``: quotes match one
to one at span overlap / union >= 0.5 and their speaker is right when the last names agree
(null == null); figures match one to one on any overlap and their kind is right when it equals
the gold kind (a gold ``year`` may be called a ``date``); ``optional`` gold items are neutral.
Exit code 0 (it is a report) unless a ``--min-…`` threshold is not met.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))

from tui_reader.core.analysis import find_figures, find_quotes  # noqa: E402

SEED_GOLD = REPO_ROOT.parent / "shared" / "eval" / "gold_seeds.json"
OWN_GOLD_DIR = REPO_ROOT / "tests" / "data" / "eval"
HOLDOUT_DIR = OWN_GOLD_DIR / "holdout"

Span = tuple[int, int]


@dataclass
class Counts:
    """True/false positives and negatives plus attribute agreement, summable over articles."""

    quote_tp: int = 0
    quote_fp: int = 0
    quote_fn: int = 0
    speaker_right: int = 0
    figure_tp: int = 0
    figure_fp: int = 0
    figure_fn: int = 0
    kind_right: int = 0
    errors: list[str] = field(default_factory=list)

    def __iadd__(self, other: Counts) -> Counts:
        for name in ("quote_tp", "quote_fp", "quote_fn", "speaker_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("figure_tp", "figure_fp", "figure_fn", "kind_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        return self

    def metrics(self) -> dict[str, float]:
        """Precision, recall, F1 and attribute accuracy for quotes and figures."""
        out: dict[str, float] = {}
        for prefix, tp, fp, fn, right in (
            ("quote", self.quote_tp, self.quote_fp, self.quote_fn, self.speaker_right),
            ("figure", self.figure_tp, self.figure_fp, self.figure_fn, self.kind_right),
        ):
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[f"{prefix}_p"], out[f"{prefix}_r"], out[f"{prefix}_f1"] = precision, recall, f1
            attribute = "speaker_acc" if prefix == "quote" else "kind_acc"
            out[attribute] = right / tp if tp else 1.0
        return out


def overlap_union(a: Span, b: Span) -> float:
    """Overlap / union of two spans (0 when disjoint)."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    if overlap <= 0:
        return 0.0
    return overlap / (max(a[1], b[1]) - min(a[0], b[0]))


def overlap_chars(a: Span, b: Span) -> float:
    """Characters two spans share."""
    return float(max(0, min(a[1], b[1]) - max(a[0], b[0])))


def match_one_to_one(
    predicted: Sequence[Span],
    gold: Sequence[Span],
    score: Callable[[Span, Span], float],
    floor: float,
) -> dict[int, int]:
    """Pair predictions with gold items, best score first; returns ``{pred_index: gold_index}``."""
    pairs = [
        (score(p, g), pi, gi)
        for pi, p in enumerate(predicted)
        for gi, g in enumerate(gold)
        if score(p, g) >= floor and score(p, g) > 0
    ]
    pairs.sort(key=lambda item: -item[0])
    used_pred: dict[int, int] = {}
    used_gold: set[int] = set()
    for _, pi, gi in pairs:
        if pi not in used_pred and gi not in used_gold:
            used_pred[pi] = gi
            used_gold.add(gi)
    return used_pred


def last_name(name: str | None) -> str | None:
    """Lower-cased last word of a name, for speaker agreement."""
    if not name:
        return None
    words = re.findall(r"[^\W\d_][\w’'-]*", name)
    return words[-1].lower().replace("’", "'") if words else None


def kind_agrees(predicted: str, gold: str) -> bool:
    """Gold kind, or ``date`` for a gold ``year``."""
    return predicted == gold or (gold == "year" and predicted == "date")


def _score_items(
    predicted: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    score: Callable[[Span, Span], float],
    floor: float,
    agrees: Callable[[dict[str, Any], dict[str, Any]], bool],
    label: str,
    name: str,
) -> tuple[int, int, int, int, list[str]]:
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    spans = [(p["start"], p["end"]) for p in predicted]
    matched = match_one_to_one(spans, [(g["start"], g["end"]) for g in required], score, floor)
    # Optional gold items are neutral: every leftover prediction that matches one is ignored.
    neutral_preds = {
        i
        for i in range(len(predicted))
        if i not in matched
        and any(score(spans[i], (g["start"], g["end"])) >= max(floor, 1e-9) for g in optional)
    }
    errors: list[str] = []
    right = 0
    for pi, gi in matched.items():
        if agrees(predicted[pi], required[gi]):
            right += 1
        else:
            errors.append(
                f"{name} {label} WRONG-ATTR pred={_show(predicted[pi])} gold={_show(required[gi])}"
            )
    fp = [p for i, p in enumerate(predicted) if i not in matched and i not in neutral_preds]
    fn = [g for i, g in enumerate(required) if i not in matched.values()]
    errors += [f"{name} {label} FP {_show(p)}" for p in fp]
    errors += [f"{name} {label} FN {_show(g)}" for g in fn]
    return len(matched), len(fp), len(fn), right, errors


def _show(item: dict[str, Any]) -> str:
    text = item["text"] if len(item["text"]) < 70 else item["text"][:60] + "…"
    extra = item.get("speaker", item.get("kind"))
    return f"[{item['start']}:{item['end']}] {text!r} ({extra})"


def score_article(
    record: dict[str, Any], quotes: list[dict[str, Any]], figures: list[dict[str, Any]]
) -> Counts:
    """Score one article's predictions (dicts with start/end/text/…) against its gold record."""
    name = record.get("name", "?")
    q = _score_items(
        quotes,
        record.get("quotes", []),
        overlap_union,
        0.5,
        lambda p, g: last_name(p.get("speaker")) == last_name(g.get("speaker")),
        "quote",
        name,
    )
    f = _score_items(
        figures,
        record.get("figures", []),
        overlap_chars,
        1.0,
        lambda p, g: kind_agrees(p["kind"], g["kind"]),
        "figure",
        name,
    )
    return Counts(q[0], q[1], q[2], q[3], f[0], f[1], f[2], f[3], q[4] + f[4])


def predict(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run the analysis on one text, as plain dicts (the shape ``inspect --json`` prints)."""
    quotes = [
        {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
        for q in find_quotes(text)
    ]
    figures = [
        {"text": f.text, "kind": f.kind, "start": f.start, "end": f.end} for f in find_figures(text)
    ]
    return quotes, figures


def evaluate_file(path: Path) -> tuple[Counts, list[tuple[str, Counts]]]:
    """Score every article of one gold file; returns the file total and per-article counts."""
    records = json.loads(path.read_text(encoding="utf-8"))
    total = Counts()
    per_article: list[tuple[str, Counts]] = []
    for record in records:
        counts = score_article(record, *predict(record["text"]))
        per_article.append((record.get("name", "?"), counts))
        total += counts
    return total, per_article


def default_gold_files(holdout: bool) -> list[Path]:
    """The seed gold (if present), the project's own gold and, on request, the held-out set."""
    files = [SEED_GOLD] if SEED_GOLD.exists() else []
    files += sorted(OWN_GOLD_DIR.glob("*.json"))
    if holdout:
        files += sorted(HOLDOUT_DIR.glob("*.json"))
    return files


def timings() -> list[tuple[str, int, float, float]]:
    """Seconds ``find_quotes`` and ``find_figures`` take on typical and adversarial inputs."""
    seeds = json.loads(SEED_GOLD.read_text(encoding="utf-8")) if SEED_GOLD.exists() else []
    news = "\n".join(r["text"] for r in seeds) or (
        'Defence Secretary John Healey MP said: "We are ready," adding that £270 billion and '
        "5 per cent matter.\n"
    )
    dense = (
        'Defence Secretary John Healey MP said: "The UK and Poland’s ties are strong," adding '
        "that £270 billion, 5 per cent and 350 personnel on 9-10 July 2026 matter [1, 2].\n"
    )
    quote_dense = (
        'Prime Minister Keir Starmer spoke.\nThe Prime Minister said:\n"We are ready for '
        'anything now."\nThe company said it was "fine by us all here".\n'
    )
    inputs = {
        "news 5 KB": (news * 3)[:5_000],
        "news 1 MB": (news * (1_000_000 // len(news) + 1))[:1_000_000],
        "figure-dense 1 MB": dense * (1_000_000 // len(dense)),
        "quote-dense 1 MB": quote_dense * (1_000_000 // len(quote_dense)),
        '100 KB of "': '"' * 100_000,
        "100 KB of “”": "“" * 50_000 + "”" * 50_000,
        "100 KB of '’‘": "'’‘" * 33_334,
    }
    rows = []
    for label, text in inputs.items():
        spent = []
        for finder in (find_quotes, find_figures):
            repeats = 20 if len(text) < 10_000 else 1
            started = time.perf_counter()
            for _ in range(repeats):
                finder(text)
            spent.append((time.perf_counter() - started) / repeats)
        rows.append((label, len(text), spent[0], spent[1]))
    return rows


_COLUMNS = ("quote_p", "quote_r", "quote_f1", "speaker_acc", "figure_p", "figure_r", "figure_f1")
_HEADER = f"{'article':<34} {'Q':>3} " + " ".join(f"{c:>11}" for c in (*_COLUMNS, "kind_acc"))


def _row(label: str, counts: Counts) -> str:
    metrics = counts.metrics()
    values = " ".join(f"{metrics[c]:>11.3f}" for c in (*_COLUMNS, "kind_acc"))
    return f"{label[:34]:<34} {counts.quote_tp + counts.quote_fn:>3} {values}"


def main(argv: Iterable[str] | None = None) -> int:
    """Print the score table (or JSON); exit 1 only if a requested threshold is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, help="gold JSON files")
    parser.add_argument("--holdout", action="store_true", help="add the held-out gold set")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--details", action="store_true", help="list every error")
    parser.add_argument("--timing", action="store_true", help="also time the analysis")
    for name in ("quote-f1", "speaker-acc", "figure-f1", "kind-acc"):
        parser.add_argument(f"--min-{name}", type=float, default=None)
    args = parser.parse_args(list(argv) if argv is not None else None)
    files = args.gold or default_gold_files(args.holdout)
    grand = Counts()
    report: dict[str, Any] = {"files": {}}
    lines: list[str] = []
    for path in files:
        total, per_article = evaluate_file(path)
        grand += total
        report["files"][str(path)] = {
            "total": total.metrics(),
            "articles": {name: c.metrics() for name, c in per_article},
        }
        lines += [f"\n{path}", _HEADER]
        lines += [_row(name, c) for name, c in per_article]
        lines.append(_row("TOTAL " + path.stem, total))
        if args.details:
            lines += ["  " + e for e in total.errors]
    if args.timing:
        rows = timings()
        report["timing_seconds"] = {label: {"quotes": q, "figures": f} for label, _, q, f in rows}
        lines += ["", f"{'input':<20} {'chars':>9} {'quotes ms':>10} {'figures ms':>11}"]
        lines += [f"{lb:<20} {n:>9} {q * 1000:>10.1f} {f * 1000:>11.1f}" for lb, n, q, f in rows]
    report["total"] = grand.metrics()
    report["counts"] = {k: v for k, v in asdict(grand).items() if k != "errors"}
    lines += ["", _HEADER, _row("TOTAL (all files)", grand)]
    print(json.dumps(report, indent=1) if args.json else "\n".join(lines))
    metrics = grand.metrics()
    thresholds = {
        "quote_f1": args.min_quote_f1,
        "speaker_acc": args.min_speaker_acc,
        "figure_f1": args.min_figure_f1,
        "kind_acc": args.min_kind_acc,
    }
    missed = [f"{k} {metrics[k]:.3f} < {v}" for k, v in thresholds.items() if v and metrics[k] < v]
    for message in missed:
        print(f"threshold not met: {message}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
