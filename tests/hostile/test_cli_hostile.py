"""`tui-reader index` and `search`, as real processes over the hostile folder: exit 0, report every
skipped file with its reason, find every good article, never hang, never print a traceback or a
terminal control character."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.core.sanitize import clean_line

from .conftest import FORBIDDEN_CHARS, IndexedCorpus, cli_env, run_cli


def assert_clean_output(result: subprocess.CompletedProcess[str]) -> None:
    """Exit 0, no traceback, nothing a terminal would interpret."""
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    leaked = [hex(ord(c)) for c in FORBIDDEN_CHARS if c in output]
    assert not leaked, f"terminal controls {leaked} reached the output:\n{output!r}"


def test_index_exits_0_and_reports_every_skipped_file_with_its_reason(
    indexed_hostile: IndexedCorpus,
) -> None:
    result = indexed_hostile.first_index
    assert_clean_output(result)
    corpus = indexed_hostile.corpus
    output = result.stdout + result.stderr
    assert f"Indexed {len(corpus.good)} new" in output
    assert f"{len(corpus.good)} articles searchable, {len(corpus.skipped)} skipped" in output
    skipped_lines = [line for line in output.splitlines() if "skipped " in line]
    for key, reason in corpus.skipped.items():
        shown = clean_line(key, 200)
        assert any(f"{shown}: " in line and reason in line for line in skipped_lines), key
    # The folder loop lists each real file once: no key reached through loop/back-to-root.
    assert "back-to-root" not in output


def test_second_index_does_nothing_and_still_reports_the_skipped(
    indexed_hostile: IndexedCorpus,
) -> None:
    result = run_cli(["index", "--dir", str(indexed_hostile.corpus.root)], indexed_hostile.env)
    assert_clean_output(result)
    assert "Index up to date" in result.stdout
    for key in indexed_hostile.corpus.skipped:
        assert clean_line(key, 200) in result.stderr


def test_every_good_article_is_found_by_its_own_word(indexed_hostile: IndexedCorpus) -> None:
    corpus = indexed_hostile.corpus
    query = " OR ".join(sorted(set(corpus.good.values())))
    result = run_cli(
        ["search", query, "--dir", str(corpus.root), "--json", "--limit", "100"],
        indexed_hostile.env,
    )
    assert_clean_output(result)
    found = {hit["path"] for hit in json.loads(result.stdout)}
    # JSON keeps the exact key (escaped, not sanitised away), so a script can open the file.
    assert found == set(corpus.good)


def test_zero_width_characters_do_not_hide_a_word(indexed_hostile: IndexedCorpus) -> None:
    result = run_cli(
        ["search", "defence", "--dir", str(indexed_hostile.corpus.root), "--json"],
        indexed_hostile.env,
    )
    assert_clean_output(result)
    assert [hit["path"] for hit in json.loads(result.stdout)] == ["zero-width.txt"]


def test_table_shows_markup_literally(indexed_hostile: IndexedCorpus) -> None:
    result = run_cli(
        ["search", "ibex", "--dir", str(indexed_hostile.corpus.root)], indexed_hostile.env
    )
    assert_clean_output(result)
    assert "[bold red]X[/]" in result.stdout
    assert "[@click=app.quit]Y[/]" in result.stdout
    assert "1 matching article" in result.stdout


def test_json_never_carries_raw_terminal_controls(indexed_hostile: IndexedCorpus) -> None:
    # The file name holds ESC, a bidi override and markup: JSON must escape them, not emit them.
    result = run_cli(
        ["search", "gharial", "--dir", str(indexed_hostile.corpus.root), "--json"],
        indexed_hostile.env,
    )
    assert_clean_output(result)
    (hit,) = json.loads(result.stdout)
    assert hit["path"] == "esc\x1b[2J[@click=app.quit]\u202ename.txt"
    assert (indexed_hostile.corpus.root / hit["path"]).is_file()


@pytest.mark.parametrize(
    "query",
    [
        "NOT NOT a",
        "(" * 1000 + "quokka",
        "date:yesterday*",
        '"unbalanced quokka',
        "\x1b]52;c;AAAA\x07 \x1b[2J [@click=app.quit] quokka",
    ],
    ids=["not-not", "nesting", "date-prefix", "quote", "escapes"],
)
def test_hostile_queries_answer_in_one_piece(indexed_hostile: IndexedCorpus, query: str) -> None:
    result = run_cli(
        ["search", query, "--dir", str(indexed_hostile.corpus.root)], indexed_hostile.env
    )
    assert_clean_output(result)
    assert result.stdout.strip()  # a table or "No matches.", never silence


def test_a_missing_folder_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli(["index", "--dir", str(tmp_path / "nope\x1b[2J")], cli_env(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("output", ["--json", "--table"])
def test_a_reader_that_leaves_early_gets_no_error_message(
    indexed_hostile: IndexedCorpus, output: str
) -> None:
    # `tui-reader search x --json | head -1`: the pipe closes before we write.
    args = ["search", "quokka", "--dir", str(indexed_hostile.corpus.root)]
    args += [output] if output == "--json" else []
    process = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=indexed_hostile.env,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    error = process.stderr.read()
    process.wait(timeout=60)
    assert error == ""
    assert process.returncode == 1


def test_inspect_each_hostile_kind_answers_in_one_line_or_literally(
    indexed_hostile: IndexedCorpus,
) -> None:
    root = indexed_hostile.corpus.root
    shown = run_cli(["inspect", str(root / "markup.txt")], indexed_hostile.env)
    assert_clean_output(shown)
    assert "[@click=app.quit]Y[/]" in shown.stdout
    for name in ("zero.txt", "pipe.txt", "huge.txt", "binary.txt"):  # never read, never hang
        result = run_cli(["inspect", str(root / name)], indexed_hostile.env, timeout=30)
        assert result.returncode in (1, 2), name
        assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
