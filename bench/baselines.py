"""The baselines: SQLite FTS5 (porter tokenizer) and a LIKE scan over the same parsed articles.

Both read the folder with our own loader and analysis, so build rates compare the same work; the
split (read + parse, analysis, insert) is reported too. The LIKE table is what newsboat's `/`
does: an unindexed substring scan, no ranking, no stemming.
"""

from __future__ import annotations

import random
import sqlite3
import string
import time
from pathlib import Path

from whoosh.lang.porter import stem

from bench.queries import BenchQuery, fts5_typed
from tui_reader.core.analysis import find_quotes, speakers_of
from tui_reader.core.corpus import read_article, scan_folder
from tui_reader.core.models import Article

SNIPPET_ROWS = 30
_SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(path UNINDEXED, title, body, speaker,
    tokenize='porter unicode61');
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab(fts, 'row');
CREATE TABLE plain(path TEXT PRIMARY KEY, title TEXT, body TEXT, speaker TEXT);
"""


def build(articles_dir: Path, db_path: Path) -> dict[str, float]:
    """Index every article into a fresh FTS5 table and a plain table; seconds per step."""
    db_path.unlink(missing_ok=True)
    connection = sqlite3.connect(db_path)
    connection.executescript(_SCHEMA)
    stamps, _ = scan_folder(articles_dir)
    read_s = analysis_s = fts_s = plain_s = 0.0
    docs = 0
    started = time.perf_counter()
    with connection:
        for stamp in stamps:
            t0 = time.perf_counter()
            article = read_article(stamp)
            t1 = time.perf_counter()
            if not isinstance(article, Article):
                continue
            speaker = "; ".join(speakers_of(find_quotes(article.body)))
            t2 = time.perf_counter()
            row = (article.path, article.title, article.body, speaker)
            connection.execute("INSERT INTO fts VALUES (?, ?, ?, ?)", row)
            t3 = time.perf_counter()
            connection.execute("INSERT INTO plain VALUES (?, ?, ?, ?)", row)
            t4 = time.perf_counter()
            read_s, analysis_s = read_s + t1 - t0, analysis_s + t2 - t1
            fts_s, plain_s = fts_s + t3 - t2, plain_s + t4 - t3
            docs += 1
    total_s = time.perf_counter() - started
    connection.close()
    return {
        "docs": docs,
        "total_s": round(total_s, 2),
        "read_parse_s": round(read_s, 2),
        "analysis_s": round(analysis_s, 2),
        "fts5_insert_s": round(fts_s, 2),
        "like_insert_s": round(plain_s, 2),
        # The FTS5 rate counts the same read + parse + analysis as our build does.
        "fts5_docs_per_s": round(docs / max(read_s + analysis_s + fts_s, 1e-9), 1),
        "fts5_insert_only_docs_per_s": round(docs / max(fts_s, 1e-9), 1),
    }


def fuzzy_fts5(connection: sqlite3.Connection, word: str) -> str | None:
    """FTS5 has no fuzzy operator: OR the indexed stems one edit from `word` (first letter kept).

    The same contract as Whoosh's `word~` with the prefix length our query front end sets.
    """
    letters = string.ascii_lowercase
    head, tail = word[:1], word[1:]
    variants = {word}
    for i in range(len(tail) + 1):
        variants.add(head + tail[:i] + tail[i + 1 :])
        for c in letters:
            variants.add(head + tail[:i] + c + tail[i + 1 :])
            variants.add(head + tail[:i] + c + tail[i:])
        if i + 1 < len(tail):
            variants.add(head + tail[:i] + tail[i + 1] + tail[i] + tail[i + 2 :])
    stems = sorted({stem(v) for v in variants if v})
    marks = ",".join("?" * len(stems))
    found = connection.execute(f"SELECT term FROM fts_vocab WHERE term IN ({marks})", stems)
    terms = [row[0] for row in found]
    return " OR ".join(f'"{t}"' for t in terms) or None


class SqliteEngines:
    """Runs benchmark queries against the FTS5 and LIKE tables of one database."""

    def __init__(self, db_path: Path) -> None:
        self.connection = sqlite3.connect(db_path, check_same_thread=False)

    def close(self) -> None:
        self.connection.close()

    def fts5_text(self, q: BenchQuery) -> str | None:
        if q.fts5 is not None:
            return q.fts5
        return fuzzy_fts5(self.connection, q.whoosh.rstrip("~").lower())

    def fts5_top(self, text: str | None) -> int:
        """The 30 best rows, no snippets (the engine's raw cost)."""
        if text is None:
            return 0
        sql = "SELECT path, title FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?"
        return len(self.connection.execute(sql, (text, SNIPPET_ROWS)).fetchall())

    def fts5_full(self, text: str | None) -> int:
        """What the app needs: every match ranked, plus snippets for the first 30."""
        if text is None:
            return 0
        rows = self.connection.execute(
            "SELECT path, title FROM fts WHERE fts MATCH ? ORDER BY rank", (text,)
        ).fetchall()
        self.connection.execute(
            "SELECT snippet(fts, 2, '', '', '…', 24) FROM fts WHERE fts MATCH ? "
            "ORDER BY rank LIMIT ?",
            (text, SNIPPET_ROWS),
        ).fetchall()
        return len(rows)

    def like_scan(self, patterns: tuple[tuple[str, str], ...] | None) -> int:
        """Every row whose columns contain the patterns (unranked, as newsboat's search)."""
        if patterns is None:
            return 0
        clauses, args = [], []
        for columns, pattern in patterns:
            names = columns.split("|")
            clauses.append("(" + " OR ".join(f"{n} LIKE ?" for n in names) + ")")
            args += [pattern] * len(names)
        sql = "SELECT path, title FROM plain WHERE " + " AND ".join(clauses)
        return len(self.connection.execute(sql, args).fetchall())

    def typed(self, partial: str) -> int:
        """A search box over FTS5: the last word as a prefix, every match, snippets for 30."""
        return self.fts5_full(fts5_typed(partial))

    def like_typed(self, partial: str) -> int:
        words = partial.split()
        return self.like_scan(tuple(("title|body", f"%{w}%") for w in words) or None)


def change_rows(db_path: Path, articles_dir: Path, seed: int) -> float:
    """Seconds to replace 10 rows, delete 10 and add 10 in FTS5 (the incremental update).

    Rows are found by rowid, as an FTS5 application keeps a path -> rowid map: FTS5 cannot
    look up an UNINDEXED column without scanning.
    """
    connection = sqlite3.connect(db_path)
    stamps = {s.key: s for s in scan_folder(articles_dir)[0]}
    rows = connection.execute("SELECT rowid, path FROM fts").fetchall()
    chosen = random.Random(seed).sample(rows, min(30, len(rows)))
    started = time.perf_counter()
    with connection:
        for number, (rowid, key) in enumerate(chosen):
            if number < 20:  # 10 changed, 10 "new" (re-read under another key): read and insert
                article = read_article(stamps[key])
                if isinstance(article, Article):
                    speaker = "; ".join(speakers_of(find_quotes(article.body)))
                    path = article.path + ("" if number < 10 else ".new")
                    row = (path, article.title, article.body, speaker)
                    connection.execute("INSERT INTO fts VALUES (?, ?, ?, ?)", row)
            if number < 10 or number >= 20:  # the changed ten lose their old row; ten deleted
                connection.execute("DELETE FROM fts WHERE rowid = ?", (rowid,))
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed
