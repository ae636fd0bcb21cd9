"""The five sample articles parse to the title, date, source and paragraphs a reader expects."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tui_reader.core.corpus import load_folder, parse_article, read_article, scan_folder
from tui_reader.core.models import Article
from tui_reader.core.sanitize import clean_text

GOLD = Path("/work/shared/eval/gold_seeds.json")


def _articles(folder: Path) -> dict[str, Article]:
    loaded = list(load_folder(folder))
    assert all(isinstance(item, Article) for item in loaded), loaded
    return {item.path[:3]: item for item in loaded if isinstance(item, Article)}


@pytest.fixture
def seeds(articles_dir: Path) -> dict[str, Article]:
    return _articles(articles_dir)


def test_all_five_seeds_load(seeds: dict[str, Article]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize(
    ("seed", "title", "date", "source", "paragraphs"),
    [
        (
            "000",
            "The United Kingdom and Poland have agreed to"
            " deepen defence cooperation in a move set to…",
            None,
            "",
            11,
        ),
        (
            "001",
            "UK Prime Minister Keir Starmer and Polish Prime"
            " Minister Donald Tusk signed a new defence…",
            dt.date(2026, 5, 27),
            "",
            6,
        ),
        (
            "002",
            "The United Kingdom and Poland signed a Security"
            " and Defence Partnership Treaty in London…",
            dt.date(2024, 5, 27),
            "",
            9,
        ),
        (
            "003",
            "The treaty will be signed in London during a"
            " meeting between Polish Prime Minister Donald…",
            None,
            "hanoimoi.vn",
            7,
        ),
        ("004", "UKPoland security ties strengthened", None, "Press release", 13),
    ],
)
def test_seed_metadata(
    seeds: dict[str, Article],
    seed: str,
    title: str,
    date: dt.date | None,
    source: str,
    paragraphs: int,
) -> None:
    article = seeds[seed]
    assert article.title == title
    assert article.date == date
    assert article.source == source
    assert len(article.paragraphs) == paragraphs


def test_first_sentence_titles_are_cut_near_90_characters(seeds: dict[str, Article]) -> None:
    for seed in ("000", "001", "002", "003"):
        title = seeds[seed].title
        assert title.endswith("…")
        assert 45 <= len(title) <= 91


def test_000_broken_off_line_is_joined_back(seeds: dict[str, Article]) -> None:
    first = seeds["000"].paragraphs[0]
    assert "as London and Warsaw respond to a more volatile security environment" in first
    assert first.endswith("in Europe.")


def test_000_photo_credit_inside_last_paragraph_stays(seeds: dict[str, Article]) -> None:
    assert seeds["000"].body.endswith("Photo by Adrian Grycuk, Wikimedia commons.")


def test_003_boilerplate_tail_is_out_of_the_body(seeds: dict[str, Article]) -> None:
    article = seeds["003"]
    assert article.url.startswith("https://hanoimoi.vn/anh-va-ba-lan")
    for boilerplate in ("Comment (0)", "Source:", "According to Reuters"):
        assert boilerplate not in article.body
    assert article.body.endswith("responsibility for its own security.")


def test_004_headline_and_further_information_are_out_of_the_body(
    seeds: dict[str, Article],
) -> None:
    article = seeds["004"]
    assert "Press release" not in article.body
    assert "UKPoland security ties strengthened" not in article.body
    assert not article.body.rstrip().endswith("Further information")
    assert article.body.startswith("The Foreign Secretary and Defence Secretary will today")
    items = [p for p in article.paragraphs if p.startswith("- ")]
    assert len(items) == 4
    assert items[2].startswith("- Joint work on improving resilience")


def test_body_has_no_outer_whitespace(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        assert article.body == article.body.strip()
        assert article.title == article.title.strip() and article.title


def test_size_and_mtime_come_from_the_file(articles_dir: Path) -> None:
    stamps, skipped = scan_folder(articles_dir)
    assert not skipped
    for stamp in stamps:
        article = read_article(stamp)
        assert isinstance(article, Article)
        assert article.size == stamp.path.stat().st_size
        assert article.mtime_ns == stamp.path.stat().st_mtime_ns


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold annotations not available")
def test_body_offsets_map_gold_spans_from_the_file_text() -> None:
    """Offsets into the file text minus `body_offset` index the same characters in the body."""
    checked = 0
    for record in json.loads(GOLD.read_text(encoding="utf-8")):
        text = record["text"]
        article = parse_article(text, key=record["name"] + ".txt")
        cleaned = clean_text(text)
        assert len(article.body) <= len(cleaned)
        for item in record["quotes"] + record["figures"]:
            start = item["start"] - article.body_offset
            end = item["end"] - article.body_offset
            # Joined wrap newlines are spaces in the body; nothing else differs.
            assert article.body[start:end] == item["text"].replace("\n", " ") or (
                article.body[start:end] == item["text"]
            )
            checked += 1
    assert checked > 20


def test_body_is_the_cleaned_text_with_only_newlines_replaced(articles_dir: Path) -> None:
    for path in sorted(articles_dir.iterdir()):
        text = path.read_text(encoding="utf-8")
        article = parse_article(text, key=path.name)
        window = clean_text(text)[article.body_offset : article.body_offset + len(article.body)]
        assert len(window) == len(article.body)
        differences = [(a, b) for a, b in zip(window, article.body, strict=True) if a != b]
        assert all(pair == ("\n", " ") for pair in differences)
