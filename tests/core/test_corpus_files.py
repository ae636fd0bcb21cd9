"""The defensive loader over hostile folders: each bad file is a one-line reason, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader.core.corpus import (
    MAX_ARTICLE_BYTES,
    FileStamp,
    load_folder,
    path_for_key,
    read_article,
    scan_folder,
)
from tui_reader.core.models import Article, SkippedFile

GOOD = "UK and Poland sign treaty\n\nThe two countries signed a defence treaty on 27 May 2026.\n"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _stamp(root: Path, name: str) -> FileStamp:
    stamps, _ = scan_folder(root)
    return next(s for s in stamps if s.key == name)


def _load(root: Path) -> tuple[dict[str, Article], dict[str, str]]:
    articles: dict[str, Article] = {}
    skipped: dict[str, str] = {}
    for item in load_folder(root):
        if isinstance(item, Article):
            articles[item.path] = item
        else:
            skipped[item.path] = item.reason
    return articles, skipped


def test_scan_is_recursive_sorted_and_filters_by_suffix(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", GOOD)
    _write(tmp_path / "A.MD", GOOD)
    _write(tmp_path / "sub" / "deeper" / "c.md", GOOD)
    _write(tmp_path / "notes.rst", GOOD)
    _write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    _write(tmp_path / ".hidden.txt", GOOD)
    _write(tmp_path / ".git" / "HEAD.txt", GOOD)
    stamps, skipped = scan_folder(tmp_path)
    assert [s.key for s in stamps] == ["A.MD", "b.txt", "sub/deeper/c.md"]
    assert skipped == []
    stamp = stamps[2]
    assert stamp.path == tmp_path / "sub" / "deeper" / "c.md"
    assert stamp.size == len(GOOD.encode())
    assert stamp.mtime_ns == stamp.path.stat().st_mtime_ns


def test_missing_folder_is_a_reason(tmp_path: Path) -> None:
    stamps, skipped = scan_folder(tmp_path / "nope")
    assert stamps == []
    assert len(skipped) == 1 and "cannot open folder" in skipped[0].reason


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "blob.txt", bytes(range(256)) * 8)
    _, skipped = _load(tmp_path)
    assert skipped["blob.txt"].startswith("binary file")


def test_nul_bytes_in_text_are_binary(tmp_path: Path) -> None:
    _write(tmp_path / "nul.txt", b"Some text\x00with a NUL byte in the middle of it.")
    _, skipped = _load(tmp_path)
    assert skipped["nul.txt"] == "binary file (NUL bytes)"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   \n\n\t  \r\n",
        "\u200b\u200b\n\ufeff".encode(),  # only invisible characters
        b"\x1b[2J\x1b]0;title\x07\n",  # only terminal escapes
        b"---\ntitle: Only a title\n---\n\n",  # front matter and nothing to read
    ],
)
def test_empty_and_whitespace_only_files(tmp_path: Path, content: bytes) -> None:
    _write(tmp_path / "empty.txt", content)
    _, skipped = _load(tmp_path)
    assert skipped == {"empty.txt": "empty file"}


def test_file_over_the_cap_is_skipped_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.touch()
    os.truncate(big, MAX_ARTICLE_BYTES + 1)  # sparse: no 5 MB written
    _write(tmp_path / "ok.txt", GOOD)
    articles, skipped = _load(tmp_path)
    assert skipped == {"big.txt": "larger than 5 MB"}
    assert list(articles) == ["ok.txt"]


def test_file_exactly_at_the_cap_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "edge.txt", GOOD)
    with path.open("ab") as handle:
        handle.write(b" " * (MAX_ARTICLE_BYTES - path.stat().st_size))
    assert path.stat().st_size == MAX_ARTICLE_BYTES
    assert isinstance(read_article(_stamp(tmp_path, "edge.txt")), Article)


def test_non_utf8_file_name(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(GOOD.encode())
    stamps, skipped = scan_folder(tmp_path)
    assert skipped == []
    assert [s.key for s in stamps] == ["caf\\xe9.txt"]
    stamps[0].key.encode("utf-8")  # a valid UTF-8 key for the index
    article = read_article(stamps[0])
    assert isinstance(article, Article) and article.path == "caf\\xe9.txt"
    reopened = path_for_key(tmp_path, article.path)
    assert os.fsencode(reopened) == raw
    assert reopened.read_bytes() == GOOD.encode()


def test_path_for_key_round_trips_plain_and_nested_keys(tmp_path: Path) -> None:
    _write(tmp_path / "sub" / "ünïcode name.md", GOOD)
    (stamp,) = scan_folder(tmp_path)[0]
    assert stamp.key == "sub/ünïcode name.md"
    assert path_for_key(tmp_path, stamp.key) == stamp.path


def test_symlink_loop_lists_each_file_once(tmp_path: Path) -> None:
    root = tmp_path / "root"
    _write(root / "a.txt", GOOD)
    _write(root / "sub" / "b.txt", GOOD)
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    (root / "self").symlink_to(".", target_is_directory=True)
    stamps, skipped = scan_folder(root)
    assert [s.key for s in stamps] == ["a.txt", "sub/b.txt"]
    assert skipped == []


def test_linked_folder_outside_root_is_followed(tmp_path: Path) -> None:
    _write(tmp_path / "elsewhere" / "far.txt", GOOD)
    root = tmp_path / "root"
    root.mkdir()
    (root / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    stamps, _ = scan_folder(root)
    assert [s.key for s in stamps] == ["linked/far.txt"]


def test_file_and_link_to_it_listed_once(tmp_path: Path) -> None:
    _write(tmp_path / "real.txt", GOOD)
    (tmp_path / "zz_alias.txt").symlink_to(tmp_path / "real.txt")
    stamps, _ = scan_folder(tmp_path)
    assert [s.key for s in stamps] == ["real.txt"]


def test_symlink_to_dev_zero_is_never_read(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    _write(tmp_path / "ok.txt", GOOD)
    articles, skipped = _load(tmp_path)
    assert skipped == {"zero.txt": "not a regular file"}
    assert list(articles) == ["ok.txt"]
    # Even when handed a stamp directly (the scan raced), the reader refuses before reading.
    stamp = FileStamp("zero.txt", tmp_path / "zero.txt", 0, 0)
    assert read_article(stamp) == SkippedFile("zero.txt", "not a regular file")


def test_named_pipe_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    _write(tmp_path / "ok.txt", GOOD)
    articles, skipped = _load(tmp_path)
    assert skipped == {"pipe.txt": "not a regular file"}
    assert list(articles) == ["ok.txt"]
    stamp = FileStamp("pipe.txt", tmp_path / "pipe.txt", 0, 0)
    assert read_article(stamp) == SkippedFile("pipe.txt", "not a regular file")


def test_dangling_symlink_is_a_reason(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    stamps, skipped = scan_folder(tmp_path)
    assert stamps == []
    reasons = {item.path: item.reason for item in skipped}
    assert reasons["gone.txt"].startswith("broken symbolic link")
    assert reasons["loop.txt"] == "symbolic link loop"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_is_a_reason(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.txt", GOOD)
    path.chmod(0)
    try:
        _, skipped = _load(tmp_path)
    finally:
        path.chmod(0o644)
    assert skipped == {"secret.txt": "permission denied"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list a chmod 000 folder")
def test_unreadable_folder_is_a_reason(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    _write(locked / "inside.txt", GOOD)
    _write(tmp_path / "ok.txt", GOOD)
    locked.chmod(0)
    try:
        stamps, skipped = scan_folder(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [s.key for s in stamps] == ["ok.txt"]
    assert [s.path for s in skipped] == ["locked"]
    assert "permission denied" in skipped[0].reason


def test_file_deleted_between_scan_and_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "brief.txt", GOOD)
    stamp = _stamp(tmp_path, "brief.txt")
    path.unlink()
    assert read_article(stamp) == SkippedFile("brief.txt", "file disappeared")


def test_file_replaced_by_a_folder_after_the_scan(tmp_path: Path) -> None:
    path = _write(tmp_path / "brief.txt", GOOD)
    stamp = _stamp(tmp_path, "brief.txt")
    path.unlink()
    path.mkdir()
    assert read_article(stamp) == SkippedFile("brief.txt", "not a regular file")


def test_good_files_survive_a_hostile_folder(tmp_path: Path) -> None:
    _write(tmp_path / "good1.txt", GOOD)
    _write(tmp_path / "nested" / "good2.md", GOOD.replace("UK", "Britain"))
    _write(tmp_path / "bin.txt", b"\x00\x01\x02" * 100)
    _write(tmp_path / "empty.md", b"")
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    articles, skipped = _load(tmp_path)
    assert sorted(articles) == ["good1.txt", "nested/good2.md"]
    assert sorted(skipped) == ["bin.txt", "dangling.txt", "empty.md", "fifo.md"]
    assert all(reason and "\n" not in reason for reason in skipped.values())


def test_importing_corpus_loads_no_ui_library() -> None:
    code = (
        "import sys, tui_reader.core.corpus\n"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    path = os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == ""
