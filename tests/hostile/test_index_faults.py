"""The index is a rebuildable cache: damage, hostile pickles, locks, crashes and rivals never hurt.

Damaged files are rebuilt with a one-line notice; a table of contents in a directory others can
write is never unpickled; a held write lock means "search the committed index, update later";
`kill -9` mid-build loses nothing that a rerun cannot redo; two processes at once both work.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.core.schema import build_schema

from .conftest import cli_env, run_cli

SEED_COUNT = 5


def build(settings: Settings) -> None:
    index = ArticleIndex.open(settings)
    index.update()
    index.close()


def files(settings: Settings, suffix: str) -> list[Path]:
    found = sorted(p for p in settings.index_dir.iterdir() if p.name.endswith(suffix))
    assert found, f"no {suffix} file in the index"
    return found


def truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def truncate_empty(path: Path) -> None:
    os.truncate(path, 0)


def overwrite_with_garbage(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(max(64, path.stat().st_size)))


def scramble_header(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"\xff" * 16)


def delete(path: Path) -> None:
    path.unlink()


DAMAGE: dict[str, tuple[str, Callable[[Path], None]]] = {
    "toc-empty": (".toc", truncate_empty),
    "toc-half": (".toc", truncate_half),
    "toc-garbage": (".toc", overwrite_with_garbage),
    "toc-header": (".toc", scramble_header),
    "toc-missing": (".toc", delete),
    "segment-empty": (".seg", truncate_empty),
    "segment-half": (".seg", truncate_half),
    "segment-garbage": (".seg", overwrite_with_garbage),
    "segment-missing": (".seg", delete),
    "stamp-garbage": (".json", overwrite_with_garbage),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_index_is_rebuilt_with_one_line_and_correct_results(
    settings: Settings, case: str
) -> None:
    build(settings)
    suffix, damage = DAMAGE[case]
    for path in files(settings, suffix):
        damage(path)
    index = ArticleIndex.open(settings)
    try:
        report = index.update()
        assert report.notice is None or "\n" not in report.notice
        if case not in ("toc-missing", "stamp-garbage"):  # these two rebuild without a word
            assert report.notice and "rebuilt" in report.notice
        assert index.doc_count == SEED_COUNT
        assert index.search("defense").total == SEED_COUNT
        assert index.search('"historic moment"').total == 2
    finally:
        index.close()


class _Planted:
    """A pickle that creates a directory when loaded: stands in for any code an attacker wants."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (str(self.marker),)


def plant_crafted_toc(index_dir: Path, marker: Path) -> None:
    """Rewrite the newest table of contents with a schema pickle that runs code when loaded."""
    storage = FileStorage(str(index_dir))
    generation = TOC._latest_generation(storage, "MAIN")
    real = TOC.read(storage, "MAIN", generation, schema=build_schema())  # skips the pickle
    path = index_dir / TOC._filename("MAIN", generation)
    stream = storage.create_file(path.name + ".tmp")
    # Same layout as whoosh.index.TOC.write, with the schema replaced.
    for size in (4, 8, 4):
        stream.write_varint(size)
    stream.write_int(-12345)
    stream.write_int(real.version)
    for number in real.release:
        stream.write_varint(number)
    stream.write_string(pickle.dumps(_Planted(marker), 2))
    stream.write_int(generation)
    stream.write_int(0)
    stream.write_pickle(real.segments)
    stream.close()
    os.replace(index_dir / (path.name + ".tmp"), path)


def test_crafted_pickle_in_a_world_writable_index_dir_is_never_loaded(
    settings: Settings, tmp_path: Path
) -> None:
    build(settings)
    marker = tmp_path / "pickle-ran"
    plant_crafted_toc(settings.index_dir, marker)
    # The attack is real: Whoosh itself runs the planted code on open.
    with pytest.raises(Exception):  # noqa: B017 - the "schema" is a directory-maker's result
        FileStorage(str(settings.index_dir)).open_index()
    assert marker.exists()
    marker.rmdir()

    plant_crafted_toc(settings.index_dir, marker)
    os.chmod(settings.index_dir, 0o777)  # anyone could have written that table of contents
    index = ArticleIndex.open(settings)
    try:
        report = index.update()
        assert not marker.exists(), "the planted pickle ran"
        assert report.notice and "writable by others" in report.notice
        assert index.search("defense").total == SEED_COUNT
        assert settings.index_dir.stat().st_mode & 0o777 == 0o700
    finally:
        index.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the directory away")
def test_index_dir_owned_by_someone_else_is_never_loaded(
    settings: Settings, tmp_path: Path
) -> None:
    build(settings)
    marker = tmp_path / "pickle-ran"
    plant_crafted_toc(settings.index_dir, marker)
    os.chown(settings.index_dir, 65534, 65534)
    index = ArticleIndex.open(settings)
    try:
        report = index.update()
        assert not marker.exists(), "the planted pickle ran"
        assert report.notice and "rebuilt" in report.notice
        assert settings.index_dir.stat().st_uid == os.getuid()
        assert index.doc_count == SEED_COUNT
    finally:
        index.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_index_dir_searches_what_was_committed(settings: Settings) -> None:
    build(settings)
    (settings.articles_dir / "late.txt").write_text("A walrus arrived in Warsaw.\n", "utf-8")
    os.chmod(settings.index_dir, 0o500)
    try:
        index = ArticleIndex.open(settings)
        report = index.update()
        assert report.notice and "\n" not in report.notice
        assert index.search("defense").total == SEED_COUNT
        index.close()
    finally:
        os.chmod(settings.index_dir, 0o700)


def test_unusable_cache_root_falls_back_to_an_in_memory_index(
    settings: Settings, tmp_path: Path
) -> None:
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a directory")
    in_memory = Settings(settings.articles_dir, blocker, settings.state_root)
    index = ArticleIndex.open(in_memory)
    try:
        report = index.update()
        assert report.notice and "in-memory" in report.notice and "\n" not in report.notice
        assert report.added == SEED_COUNT
        assert index.search("defense").total == SEED_COUNT
    finally:
        index.close()
    assert blocker.read_text() == "not a directory"


def test_a_planted_lock_symlink_is_not_followed(settings: Settings, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    settings.index_dir.parent.mkdir(parents=True)
    lock = settings.index_dir.with_name(settings.index_dir.name + ".lock")
    lock.symlink_to(victim)
    index = ArticleIndex.open(settings)
    try:
        report = index.update()
        assert report.notice and "in-memory" in report.notice
        assert index.search("defense").total == SEED_COUNT
    finally:
        index.close()
    assert victim.read_text() == "keep me"


_HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from whoosh.filedb.filestore import FileStorage
    writer = FileStorage(sys.argv[1]).open_index().writer()
    print("locked", flush=True)
    time.sleep(60)
    """
)


def test_lock_held_by_another_process_means_search_now_update_later(settings: Settings) -> None:
    build(settings)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(settings.index_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        (settings.articles_dir / "late.txt").write_text("A walrus arrived in Warsaw.\n", "utf-8")
        index = ArticleIndex.open(settings)
        report = index.update()
        assert report.notice and "Another tui-reader" in report.notice
        assert index.search("defense").total == SEED_COUNT
        assert index.search("walrus").total == 0  # not indexed yet, and that is fine
    finally:
        holder.kill()
        holder.wait(timeout=10)
    report = index.update()
    assert report.added == 1 and report.notice is None
    assert [hit.path for hit in index.search("walrus").hits] == ["late.txt"]
    index.close()


def test_a_stale_second_instance_never_indexes_a_file_twice(settings: Settings) -> None:
    # Both open the new index before either writes: each believes every file is new.
    first, second = ArticleIndex.open(settings), ArticleIndex.open(settings)
    try:
        first.update()
        second.update()
        second.refresh()
        assert second.doc_count == SEED_COUNT
        assert second.search("defense").total == SEED_COUNT
    finally:
        first.close()
        second.close()


_FILL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from tui_reader.core.config import Settings
    from tui_reader.core.index import ArticleIndex

    articles, cache = Path(sys.argv[1]), Path(sys.argv[2])
    index = ArticleIndex.open(Settings(articles, cache, cache / "state"))
    index.update()  # the committed state the later failure must not lose
    for number in range(100):
        (articles / f"bulk-{number}.txt").write_text(f"Bulk item {number} " + "filler " * 400)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, hard))
    full = index.update()
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    print("notice:", full.notice)
    print("during:", index.search("defense").total)
    again = index.update()  # the failed writer must not still hold the lock
    print("again:", again.notice, index.search("bulk").total)
    """
)


def test_full_disk_keeps_the_committed_index_and_releases_the_lock(
    settings: Settings, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _FILL_DISK, str(settings.articles_dir), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(tmp_path),
    )
    assert "Traceback" not in result.stderr, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert lines["notice"] != "None" and "index" in lines["notice"]
    assert lines["during"] == str(SEED_COUNT)
    assert lines["again"] == "None 100"


# -- crashes and rivals, with the real command ----------------------------------------------

CRASH_ARTICLES = 3000


def write_small_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    topics = [
        "budget",
        "vote",
        "council",
        "minister",
        "harbour",
        "railway",
        "school",
        "hospital",
        "river",
        "market",
    ]
    for number in range(count):
        a, b = topics[number % 10], topics[(number * 7 + 3) % 10]
        (folder / f"{number:05d}.txt").write_text(
            f"Report number {number}\n\nThe {a} and the {b} met on Tuesday; marker{number} "
            f"was on the agenda.\n\nEveryone agreed the report was long.\n",
            "utf-8",
        )


def _children(pid: int) -> set[int]:
    """The child processes of `pid` (Linux /proc; empty elsewhere)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; it only waits to be reaped


def test_kill_9_mid_index_repeatedly_then_search_is_correct(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    write_small_articles(folder, CRASH_ARTICLES)
    env = cli_env(tmp_path)
    rng = random.Random(int(os.environ.get("TUI_READER_CRASH_SEED", "9")))
    killed_mid_run = 0
    orphans: set[int] = set()
    for round_number in range(5):
        args = [sys.executable, "-m", "tui_reader", "index", "--dir", str(folder)]
        if round_number % 2 == 0:
            args.append("--rebuild")  # kill a build from scratch, not only a resumed one
        process = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.3, 1.8))  # start-up ~0.5 s, a full build ~3.5 s
        workers = _children(process.pid)  # the processes preparing articles, if started
        process.send_signal(signal.SIGKILL)
        killed_mid_run += process.wait(timeout=10) == -signal.SIGKILL
        orphans.update(workers)
    assert killed_mid_run, "every run finished before its kill: the test proved nothing"
    # One more build, killed only once its worker processes are seen, so the check below
    # always has workers to look at (the random kills above may all come before they start).
    process = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", "index", "--dir", str(folder), "--rebuild"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not (workers := _children(process.pid)) and process.poll() is None:
        assert time.monotonic() < deadline, "no worker processes started"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert workers, "the build finished before any worker process was seen"
    orphans.update(workers)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in orphans) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in orphans if _alive(pid)], "worker processes outlived their parent"
    result = run_cli(
        ["search", "report", "--dir", str(folder), "--json", "--limit", "5000"], env, timeout=120
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    paths = [hit["path"] for hit in json.loads(result.stdout)]
    assert len(paths) == len(set(paths)) == CRASH_ARTICLES  # every article once, none twice
    one = run_cli(["search", "marker1234", "--dir", str(folder), "--json"], env)
    assert [hit["path"] for hit in json.loads(one.stdout)] == ["01234.txt"]
    final = run_cli(["index", "--dir", str(folder)], env, timeout=120)
    assert final.returncode == 0 and "Traceback" not in final.stderr
    assert f"{CRASH_ARTICLES:,} articles searchable" in final.stdout
    # The killed builds' workers left half-written segments; the next sync removed them.
    assert not list(tmp_path.rglob("staging-*"))


def test_two_processes_on_one_folder_both_work(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    write_small_articles(folder, 500)
    env = cli_env(tmp_path)
    commands = [
        ["index", "--dir", str(folder)],
        ["search", "marker7", "--dir", str(folder), "--json"],
        ["index", "--dir", str(folder)],
    ]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tui_reader", *command],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in out + err
    after = run_cli(["search", "marker7", "--dir", str(folder), "--json"], env)
    assert [hit["path"] for hit in json.loads(after.stdout)] == ["00007.txt"]
    assert "500 articles searchable" in run_cli(["index", "--dir", str(folder)], env).stdout
