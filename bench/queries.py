"""The benchmark's queries by kind, each written for Whoosh, SQLite FTS5 and a LIKE scan.

Every kind has the same intent in the three engines; where an engine lacks the feature (fuzzy
in FTS5, ranking and stemming in LIKE) the closest thing a user of that engine would write is used.
"""

from __future__ import annotations

import collections
import random
import re
from dataclasses import asdict, dataclass

from bench.generate import PHRASES, ArticleWriter
from bench.vocabulary import NEWS_WORDS

COMMON = ("government", "minister", "security", "police", "market", "election", "president")
AND_PAIRS = (
    ("security", "minister"),
    ("police", "investigation"),
    ("interest", "inflation"),
    ("trade", "tariffs"),
    ("military", "troops"),
    ("energy", "prices"),
    ("court", "judge"),
)
PREFIXES = ("defen", "minis", "secur", "gover", "elect", "polic", "infla")
MISSPELT = ("goverment", "minster", "securty", "elction", "polise", "inflaton", "parliment")
FIELDS = (
    ("title", "minister"),
    ("speaker", "smith"),
    ("title", "government"),
    ("speaker", "nowak"),
    ("title", "security"),
    ("speaker", "tusk"),
    ("speaker", "patel"),
)
TYPED = ("defence minister", "interest rates", "government", "election campaign")


@dataclass(frozen=True, slots=True)
class BenchQuery:
    """One query in the three engines' syntaxes. `like` is (column, pattern) pairs, all required."""

    kind: str
    whoosh: str
    fts5: str | None  # None: FTS5 needs the fuzzy expansion done by the caller (see baselines)
    like: tuple[tuple[str, str], ...] | None  # None: a LIKE scan cannot express it

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def rare_words(seed: int, count: int) -> list[str]:
    """Words that occur exactly once in the corpus's first 40 articles: rare, but present."""
    writer = ArticleWriter(seed)
    counts = collections.Counter(
        word
        for number in range(40)
        for word in re.findall(r"[a-z]+", writer.article(number).lower())
    )
    known = set(NEWS_WORDS)
    singles = sorted(w for w, n in counts.items() if n == 1 and w not in known and len(w) > 5)
    return random.Random(seed).sample(singles, min(count, len(singles)))


def _either(pattern: str) -> tuple[tuple[str, str], ...]:
    return (("title|body", pattern),)


def query_set(seed: int, per_kind: int) -> list[BenchQuery]:
    """Up to `per_kind` queries of each kind."""
    out: list[BenchQuery] = []
    for word in COMMON[:per_kind]:
        out.append(BenchQuery("common", word, word, _either(f"%{word}%")))
    for word in rare_words(seed, per_kind):
        out.append(BenchQuery("rare", word, word, _either(f"%{word}%")))
    for a, b in AND_PAIRS[:per_kind]:
        like = (*_either(f"%{a}%"), *_either(f"%{b}%"))
        out.append(BenchQuery("and", f"{a} {b}", f"{a} AND {b}", like))
    for phrase in PHRASES[:per_kind]:
        out.append(BenchQuery("phrase", f'"{phrase}"', f'"{phrase}"', _either(f"%{phrase}%")))
    for prefix in PREFIXES[:per_kind]:
        out.append(BenchQuery("prefix", f"{prefix}*", f"{prefix}*", _either(f"%{prefix}%")))
    for word in MISSPELT[:per_kind]:
        out.append(BenchQuery("fuzzy", f"{word}~", None, None))
    for field, word in FIELDS[:per_kind]:
        text = f"{field}:{word}"
        out.append(BenchQuery("field", text, text, ((field, f"%{word}%"),)))
    return out


def typed_prefixes(texts: tuple[str, ...] = TYPED) -> list[str]:
    """Every prefix of each text, one character at a time, as a user types them."""
    return [text[:end] for text in texts for end in range(1, len(text) + 1)]


def fts5_typed(partial: str) -> str | None:
    """The FTS5 query for a half-typed search box: the last word as a prefix."""
    words = re.findall(r"\w+", partial)
    if not words:
        return None
    if partial[-1:].isspace():
        return " AND ".join(words)
    return " AND ".join([*words[:-1], words[-1] + "*"])
