"""Gold files are sound (exact offsets, in sync with sources) and the seeds meet the targets."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO_ROOT / "tests" / "data" / "eval"
SEED_GOLD = REPO_ROOT.parent / "shared" / "eval" / "gold_seeds.json"
GOLD_FILES = sorted(EVAL_DIR.glob("*.json")) + sorted((EVAL_DIR / "holdout").glob("*.json"))
SOURCES = {
    EVAL_DIR / "own_dev.json": EVAL_DIR / "dev_src",
    EVAL_DIR / "holdout" / "holdout.json": EVAL_DIR / "holdout" / "src",
    EVAL_DIR / "holdout" / "holdout2.json": EVAL_DIR / "holdout" / "src2",
    EVAL_DIR / "holdout" / "holdout3.json": EVAL_DIR / "holdout" / "src3",
    EVAL_DIR / "holdout" / "holdout4.json": EVAL_DIR / "holdout" / "src4",
    EVAL_DIR / "holdout" / "holdout5.json": EVAL_DIR / "holdout" / "src5",
    EVAL_DIR / "holdout" / "holdout6.json": EVAL_DIR / "holdout" / "src6",
}


def _load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def eval_analysis() -> ModuleType:
    return _load_module(REPO_ROOT / "bench" / "eval_analysis.py", "eval_analysis")


def _all_files() -> list[Path]:
    return GOLD_FILES + ([SEED_GOLD] if SEED_GOLD.exists() else [])


@pytest.mark.parametrize("path", _all_files(), ids=lambda p: p.name)
def test_every_gold_offset_is_exact(path: Path) -> None:
    records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    assert records
    for record in records:
        text = record["text"]
        for key in ("quotes", "figures", "non_quotes", "negatives"):
            for item in record.get(key, []):
                assert text[item["start"] : item["end"]] == item["text"], (record["name"], item)


@pytest.mark.parametrize("target", list(SOURCES), ids=lambda p: p.name)
def test_gold_json_is_built_from_its_markup_sources(target: Path) -> None:
    markup = _load_module(EVAL_DIR / "gold_markup.py", "gold_markup")
    sources = sorted(SOURCES[target].glob("*.txt"))
    built = [markup.parse_markup(s.stem, s.read_text(encoding="utf-8")) for s in sources]
    assert built == json.loads(target.read_text(encoding="utf-8"))


def test_own_gold_covers_enough_ground() -> None:
    records = [r for path in GOLD_FILES for r in json.loads(path.read_text(encoding="utf-8"))]
    assert len(records) >= 12
    assert sum(len(r["quotes"]) for r in records) >= 25
    assert sum(len(r["figures"]) for r in records) >= 40


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared seed gold not present")
def test_seed_gold_meets_the_targets(eval_analysis: ModuleType) -> None:
    total, _ = eval_analysis.evaluate_file(SEED_GOLD)
    metrics = total.metrics()
    assert metrics["quote_f1"] >= 0.95
    assert metrics["speaker_acc"] >= 0.90
    assert metrics["figure_f1"] >= 0.95
    assert metrics["kind_acc"] >= 0.90


def test_scoring_rules(eval_analysis: ModuleType) -> None:
    gold = {
        "name": "t",
        "text": "x" * 100,
        "quotes": [
            {"text": "", "start": 0, "end": 40, "speaker": "Donald Tusk"},
            {"text": "", "start": 60, "end": 70, "speaker": None, "optional": True},
        ],
        "figures": [
            {"text": "", "start": 0, "end": 4, "kind": "year"},
            {"text": "", "start": 10, "end": 14, "kind": "money"},
        ],
    }
    quotes = [
        {"text": "", "start": 5, "end": 40, "speaker": "Tusk"},  # overlap/union 0.875, same surname
        {"text": "", "start": 60, "end": 70, "speaker": None},  # matches an optional item: neutral
        {"text": "", "start": 80, "end": 90, "speaker": None},  # false positive
    ]
    figures = [
        {"text": "", "start": 2, "end": 3, "kind": "date"},  # a year may be called a date
        {"text": "", "start": 12, "end": 20, "kind": "count"},  # overlap, wrong kind
    ]
    counts = eval_analysis.score_article(gold, quotes, figures)
    assert (counts.quote_tp, counts.quote_fp, counts.quote_fn) == (1, 1, 0)
    assert counts.speaker_right == 1
    assert (counts.figure_tp, counts.figure_fp, counts.figure_fn) == (2, 0, 0)
    assert counts.kind_right == 1
    assert eval_analysis.overlap_union((0, 10), (5, 15)) == pytest.approx(5 / 15)


def test_thresholds_make_the_report_fail(eval_analysis: ModuleType, capsys: Any) -> None:
    holdout = EVAL_DIR / "holdout" / "holdout.json"
    assert eval_analysis.main([str(holdout)]) == 0
    assert eval_analysis.main([str(holdout), "--min-quote-f1", "1.01", "--json"]) == 1
    assert '"total"' in capsys.readouterr().out
