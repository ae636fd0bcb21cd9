"""The core never imports the UI: every core module loads without textual or rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui_reader.core


def core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(tui_reader.core.__path__, "tui_reader.core.")
    )


def test_there_are_core_modules_to_check() -> None:
    assert {"tui_reader.core.index", "tui_reader.core.corpus"} <= set(core_modules())


def test_core_modules_do_not_import_textual_or_rich() -> None:
    program = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(leaked))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
