"""An article file as the index sees it: its fields, with the speakers and figure kinds found."""

from __future__ import annotations

import datetime as dt

from tui_reader.core.corpus import FileStamp, read_article
from tui_reader.core.models import Article, SkippedFile

ANALYSED_CHARS = 200_000  # speakers and figure kinds come from the first 200k characters


def document_fields(article: Article) -> dict[str, object]:
    """The index fields of one article, with the speakers and figure kinds its analysis finds."""
    # The fields only need who is quoted and which kinds of figure occur; a huge article's
    # first part says that as well as the whole (4 MB took ~6 s of figure finding).
    analysed = article.body[:ANALYSED_CHARS]
    # Imported on first use: the analysis compiles ~100 patterns (~50 ms), and opening the
    # app with an index in step with its folder analyses nothing.
    from tui_reader.core.analysis import find_figures, find_quotes, speakers_of

    speakers = speakers_of(find_quotes(analysed))
    kinds = sorted({figure.kind for figure in find_figures(analysed)})
    fields: dict[str, object] = {
        "path": article.path,
        "title": article.title,
        "body": (article.title, article.body),  # one field for both: schema.ArticleText
        "source": article.source,
        "speaker": "; ".join(speakers),
        "figure": " ".join(kinds),
        "size": article.size,
        "mtime_ns": article.mtime_ns,
    }
    if article.date is not None:
        fields["date"] = dt.datetime.combine(article.date, dt.time())
    fields["day_number"] = int(article.date.strftime("%Y%m%d")) if article.date else 0
    return fields


def prepare_document(stamp: FileStamp) -> dict[str, object] | SkippedFile:
    """Read one file and build its index fields (or say why it was skipped)."""
    article = read_article(stamp)
    return article if isinstance(article, SkippedFile) else document_fields(article)
