"""Counting matches: exact by default; with `exact_up_to`, a lower bound but the same top hits."""

from __future__ import annotations

import random

import pytest

from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex

WORDS = ["harbour", "ferry", "tide", "gull", "pier", "storm", "lantern", "rope", "anchor", "sail"]


@pytest.fixture(scope="module")
def big_index(tmp_path_factory: pytest.TempPathFactory) -> ArticleIndex:
    """400 short articles; "harbour" occurs in every one, a random number of times."""
    root = tmp_path_factory.mktemp("counts")
    articles = root / "articles"
    articles.mkdir()
    rng = random.Random(7)
    for number in range(400):
        body = " ".join(rng.choice(WORDS) for _ in range(60))
        text = f"Report {number}\n\nThe harbour {body} harbour.\n"
        (articles / f"a{number:03}.txt").write_text(text, encoding="utf-8")
    settings = Settings(articles_dir=articles, cache_root=root / "cache", state_root=root / "s")
    index = ArticleIndex.open(settings)
    index.update()
    yield index
    index.close()


def test_default_count_is_exact(big_index: ArticleIndex) -> None:
    results = big_index.search("harbour", limit=10)
    assert results.total == 400 and results.total_exact
    assert len(results.hits) == 10


def test_threshold_gives_a_lower_bound_and_the_same_best_hits(big_index: ArticleIndex) -> None:
    # A near phrase goes through Whoosh's matchers, where counting past the threshold stops.
    exact = big_index.search('"harbour ferry"~3', limit=10)
    fast = big_index.search('"harbour ferry"~3', limit=10, exact_up_to=50)
    assert exact.total_exact and exact.total > 50
    assert not fast.total_exact
    assert 50 <= fast.total <= exact.total
    assert [h.path for h in fast.hits] == [h.path for h in exact.hits]


def test_a_phrase_under_a_threshold_checks_positions_only_as_far_as_needed(
    big_index: ArticleIndex,
) -> None:
    # Candidates are checked best first; past the threshold the rest are left unread.
    exact = big_index.search('"harbour ferry"', limit=10)
    fast = big_index.search('"harbour ferry"', limit=10, exact_up_to=50)
    assert exact.total_exact and exact.total > 50
    assert not fast.total_exact and 50 <= fast.total < exact.total
    assert [h.path for h in fast.hits] == [h.path for h in exact.hits]


def test_words_are_counted_exactly_even_under_a_threshold(big_index: ArticleIndex) -> None:
    # Words, AND and OR are scored a posting list at a time: every match is counted anyway.
    exact = big_index.search("harbour ferry", limit=10)
    fast = big_index.search("harbour ferry", limit=10, exact_up_to=50)
    assert fast.total_exact and fast.total == exact.total > 50
    assert [h.path for h in fast.hits] == [h.path for h in exact.hits]


def test_few_matches_stay_exact_under_a_threshold(big_index: ArticleIndex) -> None:
    results = big_index.search("title:report title:17", limit=10, exact_up_to=50)
    assert results.total_exact and results.total == 1


def test_a_search_that_should_stop_says_it_was_interrupted(big_index: ArticleIndex) -> None:
    results = big_index.search("harbour", should_stop=lambda: True)
    assert results.interrupted and not results.hits


def test_fuzzy_words_are_expanded_once_and_highlighted(big_index: ArticleIndex) -> None:
    results = big_index.search("harbor~", limit=5)
    assert results.total == 400
    assert "harbour" in results.terms or "harbor" in results.terms
