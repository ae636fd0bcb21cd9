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
    from tui_reader.core import index_sync
    from tui_reader.core.config import Settings
    from tui_reader.core.corpus import scan_folder

    root = Path(sys.argv[1])
    folder = root / "articles"
    folder.mkdir()
    for number in range(30):
        (folder / f"{number:03d}.txt").write_text(f"Harbour report {number}\\n\\nText.\\n")
    index_sync.PARALLEL_MIN_FILES = 10
    index_sync.PARALLEL_CHUNK = 4
    index_sync.os.cpu_count = lambda: 2

    async def main() -> int:
        settings = Settings(folder, cache_root=root / "cache", state_root=root / "state")
        app = make_app(settings)
        async with app.run_test():
            stamps, _ = scan_folder(folder)
            prepared = index_sync._prepare_all(stamps)  # as the app's sync calls it
            first = next(prepared)
            workers = len(multiprocessing.active_children())
            rest = list(prepared)
        print(workers, 1 + len(rest), first[0].key)
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
    workers, prepared, first = done.stdout.split()
    assert int(workers) >= 1, "the articles were prepared in the app's own process"
    assert (int(prepared), first) == (30, "000.txt")
