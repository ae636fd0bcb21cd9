"""The command line: index, search, inspect, usage errors; run in-process and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader import __version__
from tui_reader.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_search_json_defense_lists_all_five(
    capsys: pytest.CaptureFixture[str], articles_dir: Path
) -> None:
    hits = run_json(capsys, "search", "defense", "--dir", str(articles_dir), "--json")
    assert isinstance(hits, list) and len(hits) == 5
    for hit in hits:
        assert set(hit) >= {"path", "title", "date", "source", "score", "snippet"}
        assert not Path(hit["path"]).is_absolute()


def test_search_json_phrase_and_no_match(
    capsys: pytest.CaptureFixture[str], articles_dir: Path
) -> None:
    hits = run_json(capsys, "search", '"historic moment"', "--dir", str(articles_dir), "--json")
    assert sorted(h["path"] for h in hits) == [
        "001_2f9dfc6be2da5204.txt",
        "003_50302ae70972d525.txt",
    ]
    assert run_json(capsys, "search", "zzyzx", "--dir", str(articles_dir), "--json") == []


def test_search_dates_are_iso_or_null(
    capsys: pytest.CaptureFixture[str], articles_dir: Path
) -> None:
    hits = run_json(capsys, "search", "treaty", "--dir", str(articles_dir), "--json")
    dates = {h["path"]: h["date"] for h in hits}
    assert dates["001_2f9dfc6be2da5204.txt"] == "2026-05-27"
    assert dates["003_50302ae70972d525.txt"] is None


def test_search_table_output(capsys: pytest.CaptureFixture[str], articles_dir: Path) -> None:
    assert main(["search", "Helenow", "--dir", str(articles_dir)]) == 0
    out = capsys.readouterr().out
    assert "UKPoland" in out  # the title, however the table wraps it
    assert "1 matching article\n" in out


def test_index_twice_second_run_does_nothing(
    capsys: pytest.CaptureFixture[str], articles_dir: Path
) -> None:
    assert main(["index", "--dir", str(articles_dir)]) == 0
    first = capsys.readouterr().out
    assert "5 new" in first
    assert main(["index", "--dir", str(articles_dir)]) == 0
    second = capsys.readouterr().out
    assert "nothing to re-index" in second


def test_index_reports_skipped_files(
    capsys: pytest.CaptureFixture[str], articles_dir: Path
) -> None:
    (articles_dir / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (articles_dir / "empty.md").write_bytes(b"")
    assert main(["index", "--dir", str(articles_dir)]) == 0
    captured = capsys.readouterr()
    assert "2 skipped" in captured.out
    assert "blob.txt" in captured.err and "empty.md" in captured.err
    # An unchanged bad file is reported again, but nothing is re-read or re-indexed.
    assert main(["index", "--dir", str(articles_dir)]) == 0
    again = capsys.readouterr()
    assert "nothing to re-index" in again.out and "2 skipped" in again.out
    assert "blob.txt" in again.err


def test_index_summary_counts_one_article_in_the_singular(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nA single article.\n", encoding="utf-8")
    assert main(["index", "--dir", str(folder)]) == 0
    assert "1 article searchable, 0 skipped." in capsys.readouterr().out


def test_inspect_json_offsets_index_into_text(
    capsys: pytest.CaptureFixture[str], articles_dir: Path
) -> None:
    data = run_json(capsys, "inspect", str(articles_dir / "000_c15910e633379157.txt"), "--json")
    assert set(data) == {"path", "title", "date", "source", "text", "quotes", "figures"}
    for item in data["quotes"] + data["figures"]:
        assert data["text"][item["start"] : item["end"]] == item["text"]
    assert any(q["speaker"] == "John Healey" for q in data["quotes"])
    assert {"text": "£270 billion", "kind": "money"}.items() <= next(
        f for f in data["figures"] if f["text"] == "£270 billion"
    ).items()


def test_inspect_human_output(capsys: pytest.CaptureFixture[str], articles_dir: Path) -> None:
    assert main(["inspect", str(articles_dir / "004_aedbdc416bd6c622.txt")]) == 0
    out = capsys.readouterr().out
    assert "UKPoland security ties strengthened" in out
    assert "Boris Johnson:" in out


@pytest.mark.parametrize(
    "args",
    [
        ["search"],
        ["search", "x", "--limit", "zero"],
        ["search", "x", "--dir", "/no/such/folder"],
        ["inspect", "/no/such/file.txt"],
        ["index", "--bogus"],
        ["/no/such/folder"],
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("tui-reader:") and "\n" not in err


def test_inspect_says_whether_the_file_is_missing_or_not_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["inspect", str(tmp_path / "gone.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["inspect", str(tmp_path)]) == 2
    assert "not a file" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_real_process_hostile_query_has_no_traceback(articles_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    for query in ['"unbalanced', "NOT NOT a", "(" * 1000, "\x1b]52;c;AAAA\x07 [bold]x[/]"]:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tui_reader",
                "search",
                query,
                "--dir",
                str(articles_dir),
                "--json",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert isinstance(json.loads(done.stdout), list)
        assert "\x1b" not in done.stdout + done.stderr
