"""A first-ever index started from inside the app gets its worker processes too."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

# Run in a fresh interpreter: multiprocessing's resource tracker, once started (by any earlier
# test), is reused, and the failure was in starting it while Textual held sys.stderr.
_SCRIPT = textwrap.dedent(
    """
    import asyncio, multiprocessing, sys
    from pathlib import Path

    from tui_reader.app import make_app
    from tui_reader.core import index_sync, segment_workers
    from tui_reader.core.config import Settings
    from tui_reader.core.index import ArticleIndex

    root = Path(sys.argv[1])
    folder = root / "articles"
    folder.mkdir()
    for number in range(30):
        (folder / f"{number:03d}.txt").write_text(f"Harbour report {number}\\n\\nText.\\n")
    index_sync.PARALLEL_MIN_FILES = 10
    segment_workers.CHUNK_FILES = 4
    segment_workers.os.cpu_count = lambda: 2

    async def main() -> int:
        settings = Settings(folder, cache_root=root / "cache", state_root=root / "state")
        app = make_app(settings)
        async with app.run_test():
            # A second index of the same folder, synced as the app's worker thread does.
            other = Settings(folder, cache_root=root / "other", state_root=root / "state")
            index = ArticleIndex.open(other)
            seen = []
            report = index.update(
                lambda done, total: seen.append(len(multiprocessing.active_children()))
            )
            indexed = index.doc_count
            index.close()
        print(max(seen), report.added, indexed)
        return 0

    sys.exit(asyncio.run(main()))
    """
)


def test_the_app_s_sync_can_start_worker_processes(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    workers, added, indexed = map(int, done.stdout.split())
    assert workers >= 1, "the articles were indexed in the app's own process"
    assert (added, indexed) == (30, 30)
