"""Benchmark harness: tui-reader's Whoosh index against SQLite FTS5 and a LIKE scan."""
