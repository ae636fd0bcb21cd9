"""What each CLI command does, printed with Rich. Every string from articles is cleaned first."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from tui_reader.core.analysis import find_figures, find_quotes
from tui_reader.core.config import Settings
from tui_reader.core.corpus import FileStamp, read_article
from tui_reader.core.index import ArticleIndex, UpdateReport
from tui_reader.core.models import SkippedFile
from tui_reader.core.sanitize import clean_line

# highlight=False: Rich must not colour numbers or URLs inside article text on its own.
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

# JSON goes to terminals too. json.dumps escapes C0 controls (ESC included), but with
# ensure_ascii=False it lets DEL, C1 controls (8-bit CSI), bidi overrides and invisible characters
# through raw, e.g. from a file name. They can only occur inside JSON strings, so escaping them
# as \uXXXX keeps the exact value for scripts and leaves nothing for a terminal to act on.
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def terminal_safe_json(value: object) -> str:
    """`value` as indented JSON, readable UTF-8, with every terminal-active character escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def _open(settings: Settings, *, rebuild: bool = False) -> ArticleIndex:
    return ArticleIndex.open(settings, rebuild=rebuild)


def _update_with_progress(index: ArticleIndex) -> UpdateReport:
    """Sync the index, with a progress bar on stderr when there is real work to do."""
    with Progress(
        TextColumn("Indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    ) as progress:
        task = progress.add_task("index", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return index.update(on_progress)


def _print_skipped(report: UpdateReport) -> None:
    for skipped in report.skipped:
        line = Text("  skipped ", style="yellow")
        line.append(clean_line(skipped.path, 200))
        line.append(f": {clean_line(skipped.reason, 200)}", style="dim")
        errors.print(line)


def run_index(settings: Settings, *, rebuild: bool) -> int:
    """`tui-reader index`: build or update, then a one-line summary and the skipped files."""
    index = _open(settings, rebuild=rebuild)
    try:
        report = _update_with_progress(index)
        count = index.doc_count
    finally:
        index.close()
    if report.notice:
        errors.print(Text(clean_line(report.notice), style="yellow"))
    changed = report.added + report.updated + report.removed
    summary = Text()
    if changed == 0:
        summary.append("Index up to date", style="bold green")
        summary.append(" — nothing to re-index. ")
    else:
        summary.append("Indexed", style="bold green")
        summary.append(
            f" {report.added:,} new, {report.updated:,} updated, {report.removed:,} removed. "
        )
    noun = "article" if count == 1 else "articles"
    summary.append(f"{count:,} {noun} searchable, {len(report.skipped):,} skipped.")
    console.print(summary)
    _print_skipped(report)
    console.print(Text(f"Index: {clean_line(str(settings.index_dir))}", style="dim"))
    return 0


def run_search(settings: Settings, query: str, limit: int, as_json: bool) -> int:
    """`tui-reader search`: update quietly, then a table (or JSON array) of hits."""
    index = _open(settings)
    try:
        report = index.update()
        results = index.search(query, limit=limit)
    finally:
        index.close()
    if report.notice:
        errors.print(Text(clean_line(report.notice), style="yellow"))
    if results.message:
        errors.print(Text(clean_line(results.message), style="yellow"))
    if results.suggestion:
        errors.print(Text(f"Did you mean: {clean_line(results.suggestion)}", style="cyan"))
    if as_json:
        hits = [
            {
                "path": hit.path,
                "title": hit.title,
                "date": hit.date.isoformat() if hit.date else None,
                "source": hit.source or None,
                "score": round(hit.score, 4),
                "snippet": hit.snippet,
            }
            for hit in results.hits
        ]
        print(terminal_safe_json(hits))
        return 0
    if not results.hits:
        console.print("No matches.")
        return 0
    table = Table(show_lines=False, header_style="bold", expand=False)
    for column in ("#", "Title", "Date", "Source", "Snippet"):
        table.add_column(column, overflow="fold")
    for number, hit in enumerate(results.hits, start=1):
        snippet = Text(clean_line(hit.snippet, 400), style="dim")
        for start, end in hit.snippet_marks:
            snippet.stylize("bold yellow", start, end)
        table.add_row(
            Text(str(number)),
            Text(clean_line(hit.title, 200), style="bold"),
            Text(hit.date.isoformat() if hit.date else ""),
            Text(clean_line(hit.source, 60)),
            snippet,
        )
    console.print(table)
    shown = len(results.hits)
    summary = f"{results.total} matching article{'s' if results.total != 1 else ''}"
    if shown < results.total:
        summary += f", {shown} shown (use --limit for more)"
    console.print(Text(summary))
    return 0


def run_inspect(path: Path, *, as_json: bool) -> int:
    """`tui-reader inspect FILE`: the article as the reader parses it, with quotes and figures."""
    article = read_article(FileStamp(path.name, path, 0, 0))  # reports, never raises
    if isinstance(article, SkippedFile):
        errors.print(Text(f"tui-reader: cannot read {clean_line(str(path))}: {article.reason}"))
        return 1
    quotes, figures = find_quotes(article.body), find_figures(article.body)
    if as_json:
        print(
            terminal_safe_json(
                {
                    "path": str(path),
                    "title": article.title,
                    "date": article.date.isoformat() if article.date else None,
                    "source": article.source or None,
                    "text": article.body,
                    "quotes": [
                        {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
                        for q in quotes
                    ],
                    "figures": [
                        {"text": f.text, "kind": f.kind, "start": f.start, "end": f.end}
                        for f in figures
                    ],
                },
            )
        )
        return 0
    console.print(Text(clean_line(article.title), style="bold"))
    meta = " · ".join(
        part for part in (article.date.isoformat() if article.date else "", article.source) if part
    )
    if meta:
        console.print(Text(clean_line(meta), style="dim"))
    console.print(Text(f"\nQuotes ({len(quotes)})", style="bold underline"))
    for quote in quotes:
        line = Text(f"{clean_line(quote.speaker or 'unattributed')}: ", style="cyan")
        line.append(f"“{clean_line(quote.text, 300)}”")
        console.print(line)
    console.print(Text(f"\nKey figures ({len(figures)})", style="bold underline"))
    for figure in figures:
        line = Text(f"{figure.kind}: ", style="magenta")
        line.append(clean_line(figure.text, 100))
        console.print(line)
    return 0


def run_app(settings: Settings) -> int:
    """Launch the Textual app on `settings.articles_dir`."""
    if not sys.stdout.isatty():
        errors.print("tui-reader: the reader needs a terminal; try `tui-reader search QUERY`.")
        return 2
    from tui_reader.app import make_app

    app = make_app(settings)
    app.run()
    return app.return_code or 0
