"""A hostile articles folder generated per test (no committed binaries); helpers to run the CLI.

Every failure mode of issue 5 that lives in a file has one entry here: odd encodings, binaries,
NUL bytes, empty files, zero-width characters inside words, a non-UTF-8 file name, symlink loops,
a link to /dev/zero, a named pipe, a sparse file over the size cap, a ~4 MB article under it, and
an article whose title and body are full of markup, terminal escapes and bidi overrides.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tui_reader.core.corpus import MAX_ARTICLE_BYTES

# Terminal-visible dangers that must never reach any output: ESC, BEL, 8-bit CSI, bidi override.
FORBIDDEN_CHARS = ("\x1b", "\x07", "\x9b", "\u202e")

HOSTILE_MARKUP = (
    "[bold red]X[/] [@click=app.quit]Y[/] [link=file:///etc/passwd]Z[/link] "
    "\x1b]52;c;AAAA\x07 \x1b[2J \x1b]0;pwned\x07 \x9b31m \u202eevil"
)
HUGE_ARTICLE_BYTES = 50 * 1024 * 1024
BIG_ARTICLE_TARGET_BYTES = 4 * 1024 * 1024  # under the cap: indexed, but too much to render


@dataclass(frozen=True)
class HostileCorpus:
    """The generated folder and what a correct reader must make of it."""

    root: Path
    # key -> a word that only that article contains (what search must find)
    good: dict[str, str] = field(default_factory=dict)
    # key -> a fragment of the reason it must be skipped with
    skipped: dict[str, str] = field(default_factory=dict)
    markup_key: str = "markup.txt"
    big_key: str = "big.txt"


def _article(title: str, word: str, extra: str = "") -> str:
    return (
        f"{title}\n\n"
        f"LONDON, 3 March 2026 - Researchers counted the {word} population again this spring. "
        f"{extra}\n\n"
        f'"The {word} is doing well," said Dr Jane Roe, adding that numbers rose 12 per cent.\n'
    )


def build_hostile_corpus(root: Path, *, with_big: bool = True) -> HostileCorpus:
    """Write the hostile folder under `root` and describe what a reader must make of it.

    Args:
        root: where to create the folder.
        with_big: include the ~4 MB article (indexing it takes seconds; most tests need not).
    """
    root.mkdir(parents=True, exist_ok=True)
    good: dict[str, str] = {}
    skipped: dict[str, str] = {}

    def write(key: str, data: bytes, word: str | None = None) -> None:
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if word:
            good[key] = word

    write("plain.txt", _article("Plain news", "quokka").encode(), "quokka")
    write("nested/deeper/plain.md", _article("# Nested news", "bandicoot").encode(), "bandicoot")
    write("crlf.txt", _article("Windows lines", "okapi").replace("\n", "\r\n").encode(), "okapi")
    write(
        "cp1252.txt",
        _article("Price of tea", "narwhal", "Tickets cost £5 — “cheap”.").encode("cp1252"),
        "narwhal",
    )
    write("latin1.txt", _article("Café crème", "axolotl", "Crème brûlée.").encode("latin-1"))
    good["latin1.txt"] = "axolotl"
    write("utf16.txt", _article("Wide text", "pangolin").encode("utf-16"), "pangolin")
    write("utf8-bom.txt", b"\xef\xbb\xbf" + _article("BOM news", "tamarin").encode(), "tamarin")
    # Zero-width characters inside words: still found by the plain word.
    write(
        "zero-width.txt",
        _article("Invisible joins", "wom\u200cbat", "The de\u200bfence held.").encode(),
        "defence",
    )
    write(
        "markup.txt",
        _article(HOSTILE_MARKUP + " ibex", "ibex", HOSTILE_MARKUP + " [/ unclosed").encode(),
        "ibex",
    )
    # A name that is not UTF-8 (Whoosh's ID field raised on it): still an article.
    name = os.fsdecode(b"caf\xe9-tapir.txt")
    write(name, _article("Odd name", "tapir").encode(), None)
    good["caf\\xe9-tapir.txt"] = "tapir"
    # A file name full of escapes and markup is still a good article, shown cleaned.
    write("esc\x1b[2J[@click=app.quit]\u202ename.txt", _article("Named", "gharial").encode())
    good["esc\x1b[2J[@click=app.quit]\u202ename.txt"] = "gharial"

    rng = random.Random(5)
    write("binary.txt", bytes(rng.randrange(256) for _ in range(4096)))
    skipped["binary.txt"] = "binary"
    write("nul.txt", b"Looks like text\x00\x00 but has NUL bytes\x00 " * 20)
    skipped["nul.txt"] = "binary"
    write("empty.txt", b"")
    skipped["empty.txt"] = "empty"
    # A skipped file whose name carries escapes: the name is reported, cleaned.
    write("empty-\x1b]0;title\x07\u202e\x9b2J-named.txt", b"")
    skipped["empty-\x1b]0;title\x07\u202e\x9b2J-named.txt"] = "empty"
    write("blank.md", b" \n\t\r\n   \n")
    skipped["blank.md"] = "empty"

    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "back-to-root")  # a folder loop: each file listed once
    os.symlink("self-loop.txt", root / "self-loop.txt")  # a link to itself: ELOOP
    skipped["self-loop.txt"] = "loop"
    os.symlink("/dev/zero", root / "zero.txt")
    skipped["zero.txt"] = "not a regular file"
    os.mkfifo(root / "pipe.txt")
    skipped["pipe.txt"] = "not a regular file"
    with open(root / "huge.txt", "wb") as handle:  # sparse: costs no disk space
        handle.truncate(HUGE_ARTICLE_BYTES)
    skipped["huge.txt"] = "larger than"

    if not with_big:
        return HostileCorpus(root=root, good=good, skipped=skipped)
    paragraph = (
        "The leviathan report ran to many pages, and every page said the same careful thing "
        "about budgets, votes and the weather in the capital that week.\n\n"
    )
    repeats = BIG_ARTICLE_TARGET_BYTES // len(paragraph)
    big = "Enormous report\n\n" + paragraph * repeats
    assert len(big.encode()) < MAX_ARTICLE_BYTES
    write("big.txt", big.encode(), "leviathan")
    return HostileCorpus(root=root, good=good, skipped=skipped)


@dataclass(frozen=True)
class IndexedCorpus:
    """The full hostile folder (4 MB article included), indexed once by `tui-reader index`."""

    corpus: HostileCorpus
    env: dict[str, str]  # the CLI environment whose cache holds the index
    cache_root: Path
    first_index: subprocess.CompletedProcess[str]  # the run that built it


@pytest.fixture(scope="session")
def indexed_hostile(tmp_path_factory: pytest.TempPathFactory) -> IndexedCorpus:
    """Shared, read-only: tests must not change this folder (build their own to mutate)."""
    base = tmp_path_factory.mktemp("hostile-indexed")
    corpus = build_hostile_corpus(base / "articles")
    env = cli_env(base)
    first = run_cli(["index", "--dir", str(corpus.root)], env, timeout=120)
    return IndexedCorpus(corpus, env, base / "cache", first)


@pytest.fixture
def small_hostile(tmp_path: Path) -> HostileCorpus:
    """A fresh hostile folder without the 4 MB article, for tests that change files."""
    return build_hostile_corpus(tmp_path / "hostile", with_big=False)


def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a `tui-reader` subprocess: private cache/state, no colour, wide output."""
    env = dict(os.environ)
    env.update(
        TUI_READER_CACHE_DIR=str(tmp_path / "cache"),
        TUI_READER_STATE_DIR=str(tmp_path / "state"),
        COLUMNS="200",
        PYTHONIOENCODING="utf-8",
    )
    env.pop("FORCE_COLOR", None)
    return env


def run_cli(
    args: list[str], env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tui_reader ARGS` as a real process; a hang fails with TimeoutExpired."""
    return subprocess.run(
        [sys.executable, "-m", "tui_reader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
