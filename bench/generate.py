"""Deterministic generator of realistic news-article folders for the benchmark.

Article `i` of seed `s` is the same text whatever the folder size, so runs are comparable. A
folder whose manifest matches (count, seed, generator version) is reused, not rewritten.
"""

from __future__ import annotations

import itertools
import json
import random
import textwrap
from pathlib import Path

from bench import vocabulary as vocab

GENERATOR_VERSION = 1
MANIFEST_NAME = "bench-manifest.json"  # not .txt/.md: the reader never sees it
FILES_PER_SHARD = 1000
VOCABULARY_SIZE = 120_000
ZIPF_EXPONENT = 1.1
PHRASES = (
    "prime minister",
    "interest rates",
    "climate change",
    "white house",
    "foreign secretary",
    "health service",
    "central bank",
    "armed forces",
    "supreme court",
    "trade deal",
    "air defence",
    "cost of living",
)
MONTHS = "January February March April May June July August September October November December"


class ArticleWriter:
    """Makes article texts; shares the Zipfian vocabulary between articles."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.words = vocab.ranked_vocabulary(VOCABULARY_SIZE)
        weights = [1.0 / (rank**ZIPF_EXPONENT) for rank in range(1, len(self.words) + 1)]
        self.cum_weights = list(itertools.accumulate(weights))

    def article(self, number: int) -> str:
        """The full file text of article `number`."""
        rng = random.Random(f"{self.seed}:{number}")
        british = rng.random() < 0.5
        year = rng.choice((2024, 2025, 2026))
        lines = [self._headline(rng, british)]
        if rng.random() < 0.7:
            lines += ["", self._date(rng, year)]
        paragraphs = [self._paragraph(rng, british) for _ in range(rng.randint(6, 10))]
        if rng.random() < 0.25:  # hard-wrapped, as in plain-text wire copy and mail archives
            paragraphs = [textwrap.fill(p, width=rng.choice((66, 72, 78))) for p in paragraphs]
        lines += ["", *"\n\n".join(paragraphs).split("\n")]
        if rng.random() < 0.6:
            tail = rng.choice(vocab.BOILERPLATE_TAILS).format(
                a=self._name(rng), b=self._name(rng), year=year, slug=f"story-{number}"
            )
            lines += ["", tail]
        return "\n".join(lines) + "\n"

    def _spell(self, words: list[str], british: bool) -> list[str]:
        if british:
            return words
        return [vocab.SPELLING_PAIRS.get(w, w) for w in words]

    def _words(self, rng: random.Random, count: int, british: bool) -> list[str]:
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=count)
        if rng.random() < 0.5:
            words[rng.randrange(count)] = rng.choice(PHRASES)
        if rng.random() < 0.3:
            words[rng.randrange(count)] = rng.choice(vocab.PLACES)
        return self._spell(words, british)

    def _sentence(self, rng: random.Random, british: bool) -> str:
        words = self._words(rng, rng.randint(8, 22), british)
        roll = rng.random()
        if roll < 0.35:
            words.insert(rng.randrange(len(words)), self._figure(rng))
        elif roll < 0.45:
            words.insert(rng.randrange(len(words)), rng.choice(vocab.ORGANISATIONS))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def _paragraph(self, rng: random.Random, british: bool) -> str:
        sentences = [self._sentence(rng, british) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.45:
            sentences.insert(rng.randrange(len(sentences) + 1), self._quote(rng, british))
        return " ".join(sentences)

    def _quote(self, rng: random.Random, british: bool) -> str:
        said = self._sentence(rng, british)
        name = self._name(rng)
        title = rng.choice(vocab.TITLES)
        style = rng.randrange(4)
        if style == 0:
            return f"\u201c{said[:-1]},\u201d said {name}, the {title}."
        if style == 1:
            return f'{title.capitalize()} {name} said: "{said}"'
        if style == 2:
            return f'"{said[:-1]}," {name.split()[-1]} told reporters.'
        return f"\u201c{said}\u201d {name} added."

    def _figure(self, rng: random.Random) -> str:
        kind = rng.randrange(7)
        if kind == 0:
            return f"£{rng.randint(2, 900)} {rng.choice(('million', 'billion'))}"
        if kind == 1:
            return f"${rng.randint(1, 99)}.{rng.randint(1, 9)} {rng.choice(('million', 'bn'))}"
        if kind == 2:
            return f"{rng.randint(1, 60)} {rng.choice(('per cent', 'percent', '%'))}"
        if kind == 3:
            return f"{rng.randint(20, 50_000):,} {rng.choice(vocab.UNITS)}"
        if kind == 4:
            return f"{rng.choice(MONTHS.split())} {rng.randint(1, 28)}, {rng.randint(2019, 2026)}"
        if kind == 5:
            return f"{rng.randint(1, 28)} {rng.choice(MONTHS.split())} {rng.randint(2019, 2026)}"
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million {rng.choice(vocab.UNITS)}"

    def _headline(self, rng: random.Random, british: bool) -> str:
        words = self._words(rng, rng.randint(5, 11), british)
        words[0] = rng.choice(vocab.PLACES + vocab.SURNAMES)
        return " ".join(w if rng.random() < 0.6 else w.capitalize() for w in words)

    def _date(self, rng: random.Random, year: int) -> str:
        month, day = rng.choice(MONTHS.split()), rng.randint(1, 28)
        return rng.choice((f"{month} {day}, {year}", f"{day} {month} {year}"))

    def _name(self, rng: random.Random) -> str:
        return f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.SURNAMES)}"


def article_path(folder: Path, number: int) -> Path:
    """Where article `number` lives: shards of at most FILES_PER_SHARD files."""
    return folder / f"{number // FILES_PER_SHARD:04d}" / f"article-{number:06d}.txt"


def manifest_of(folder: Path) -> dict[str, object]:
    """The folder's manifest, or {} when there is none (or it cannot be read)."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def ensure_corpus(folder: Path, count: int, seed: int) -> tuple[Path, bool]:
    """Make `folder` hold exactly articles 0..count-1 of `seed`; (folder, True) if generated now."""
    wanted = {"count": count, "seed": seed, "version": GENERATOR_VERSION}
    found = manifest_of(folder)
    if {k: found.get(k) for k in wanted} == wanted and article_path(folder, count - 1).exists():
        return folder, False
    writer = ArticleWriter(seed)
    total_bytes = 0
    for number in range(count):
        path = article_path(folder, number)
        if number % FILES_PER_SHARD == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        data = writer.article(number).encode("utf-8")
        path.write_bytes(data)
        total_bytes += len(data)
    # Files of a larger earlier run would otherwise be indexed too.
    for stray in folder.glob("*/article-*.txt"):
        if int(stray.stem.split("-")[1]) >= count:
            stray.unlink()
    manifest = {**wanted, "bytes": total_bytes}
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest), "utf-8")
    return folder, True
