"""Allows `python -m tui_reader`."""

from tui_reader.cli import main

# Guarded: the processes that prepare articles in parallel (spawned) import this module again.
if __name__ == "__main__":
    raise SystemExit(main())
