"""The Whoosh index: build, incremental update, every query form, robustness."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tui_reader.core.config import Settings
from tui_reader.core.index import ArticleIndex
from tui_reader.core.index_store import STAMP_NAME

SEEDS = {
    "000_c15910e633379157.txt",
    "001_2f9dfc6be2da5204.txt",
    "002_7df0dc27260cb8f8.txt",
    "003_50302ae70972d525.txt",
    "004_aedbdc416bd6c622.txt",
}


@pytest.fixture
def index(settings: Settings) -> ArticleIndex:
    opened = ArticleIndex.open(settings)
    opened.update()
    yield opened
    opened.close()


def paths(index: ArticleIndex, text: str, **kwargs: object) -> set[str]:
    return {hit.path for hit in index.search(text, **kwargs).hits}


def test_build_indexes_every_seed(settings: Settings) -> None:
    index = ArticleIndex.open(settings)
    report = index.update()
    assert (report.added, report.updated, report.removed, report.skipped) == (5, 0, 0, [])
    assert index.doc_count == 5
    index.close()


def test_index_lives_in_private_cache_dir_not_in_articles(settings: Settings) -> None:
    ArticleIndex.open(settings).close()
    index_dir = settings.index_dir
    assert (index_dir / STAMP_NAME).exists()
    assert not index_dir.is_relative_to(settings.articles_dir)
    assert index_dir.stat().st_mode & 0o777 == 0o700


def test_empty_query_lists_all_articles_newest_first(index: ArticleIndex) -> None:
    results = index.search("")
    assert results.total == 5
    dates = [hit.date for hit in results.hits]
    assert dates[0] is not None and dates[0].isoformat() == "2026-05-27"
    assert dates[-1] is None  # undated sort last


def test_spelling_equivalence_both_ways(index: ArticleIndex) -> None:
    assert paths(index, "defense") == SEEDS
    assert paths(index, "defence") == SEEDS
    assert "003_50302ae70972d525.txt" in paths(index, "organised")  # text says "organized"
    assert "001_2f9dfc6be2da5204.txt" in paths(index, "organized")  # text says "organised"


def test_phrase_matches_exactly_the_articles_containing_it(index: ArticleIndex) -> None:
    assert paths(index, '"historic moment"') == {
        "001_2f9dfc6be2da5204.txt",
        "003_50302ae70972d525.txt",
    }


def test_prefix_wildcard_and_boolean(index: ArticleIndex) -> None:
    assert paths(index, "cyber*") >= {"001_2f9dfc6be2da5204.txt", "003_50302ae70972d525.txt"}
    tusk_not_starmer = paths(index, "Tusk NOT Starmer")
    assert tusk_not_starmer.isdisjoint(paths(index, "Starmer"))
    assert paths(index, "Helenow OR Nawrocki") == {
        "000_c15910e633379157.txt",
        "004_aedbdc416bd6c622.txt",
    }


def test_stemming_signing_finds_signed(index: ArticleIndex) -> None:
    results = index.search("signing")
    assert "002_7df0dc27260cb8f8.txt" in {h.path for h in results.hits}
    assert "sign" in results.terms


def test_fields_title_source_date(index: ArticleIndex) -> None:
    assert paths(index, "title:UKPoland") == {"004_aedbdc416bd6c622.txt"}
    assert paths(index, "source:hanoimoi") == {"003_50302ae70972d525.txt"}
    assert paths(index, "date:[2026 to 2027]") == {"001_2f9dfc6be2da5204.txt"}
    assert paths(index, "date:[2024 to 2026]") >= {"002_7df0dc27260cb8f8.txt"}


def test_speaker_and_figure_fields(index: ArticleIndex) -> None:
    assert "001_2f9dfc6be2da5204.txt" in paths(index, "speaker:tusk")
    assert "004_aedbdc416bd6c622.txt" in paths(index, "speaker:williamson")
    assert "000_c15910e633379157.txt" in paths(index, "figure:money")


def test_fuzzy_and_did_you_mean(index: ArticleIndex) -> None:
    assert "004_aedbdc416bd6c622.txt" in paths(index, "Helenw~")
    results = index.search("trety")
    assert results.total == 0
    assert results.suggestion == "treaty"


def test_search_as_you_type_prefix(index: ArticleIndex) -> None:
    assert paths(index, "defen") == set()
    assert paths(index, "defen", prefix_last=True) == SEEDS
    assert paths(index, "warsaw Helen", prefix_last=True) == {"004_aedbdc416bd6c622.txt"}
    assert "004_aedbdc416bd6c622.txt" in paths(index, "Helen", prefix_last=True)


def test_a_short_word_still_being_typed_does_not_empty_the_list(index: ArticleIndex) -> None:
    # `mi` on the way to `ministers`: no article has it, so the words before it are searched.
    typing = index.search("warsaw mi", prefix_last=True)
    assert typing.query == "warsaw mi"
    assert {h.path for h in typing.hits} == paths(index, "warsaw") != set()
    assert paths(index, "warsaw mi") == set()  # as a finished query it is still a word
    # A short word that articles do have is searched as typed.
    assert paths(index, "warsaw uk", prefix_last=True) == paths(index, "warsaw uk")
    # A lone letter keeps the whole list, not "0 matches".
    assert index.search("d", prefix_last=True).total == 5
    assert paths(index, "treaty NOT mi", prefix_last=True) == paths(index, "treaty NOT mi")


def test_an_open_phrase_is_searched_as_words_until_its_quote_closes(index: ArticleIndex) -> None:
    typing = index.search('"treaty sig', prefix_last=True)
    assert typing.query == '"treaty sig'
    assert {h.path for h in typing.hits} == paths(index, "treaty sig", prefix_last=True) != set()
    assert paths(index, '"treaty sig') == set()  # as a finished query it is a phrase
    closed = paths(index, '"treaty will be signed"', prefix_last=True)
    assert closed == paths(index, '"treaty will be signed"') != paths(index, "treaty signed")


def test_a_phrase_on_a_field_without_positions_matches_its_words(index: ArticleIndex) -> None:
    # `figure` keeps no positions: Whoosh raised, and so did the first term-at-a-time phrases.
    assert paths(index, 'figure:"money count"') == paths(index, "figure:money figure:count")
    assert paths(index, 'figure:"money count"')


def test_snippet_marks_point_at_matched_words(index: ArticleIndex) -> None:
    hit = index.search("Helenow").hits[0]
    assert hit.snippet_marks
    start, end = hit.snippet_marks[0]
    assert hit.snippet[start:end] == "Helenow"


def test_match_spans_for_reader(index: ArticleIndex) -> None:
    results = index.search("signing")
    text = "They signed it. Signing again."
    spans = index.match_spans(text, results.terms)
    assert [text[s:e] for s, e in spans] == ["signed", "Signing"]


def test_more_like_this(index: ArticleIndex) -> None:
    similar = index.more_like_this("002_7df0dc27260cb8f8.txt", limit=3)
    assert similar and "002_7df0dc27260cb8f8.txt" not in {h.path for h in similar}


HOSTILE_QUERIES = [
    '"unbalanced',
    "AND",
    "NOT",
    "NOT NOT a",
    "title:",
    "*",
    "x" * 5000,
    "(" * 1000 + "a",
    "date:yesterday*",
    "date:[0000 to 9999]",
    "\x1b[2J\x1b]52;c;AAAA\x07",
    "[bold]x[/] [@click=app.quit]",
    "word~8",
    "a AND OR b",
    ")",
    'figure:"money count"',  # a phrase on a field without positions
    'path:"a b" treaty',
]


@pytest.mark.parametrize("text", HOSTILE_QUERIES)
def test_hostile_queries_answer_without_raising(index: ArticleIndex, text: str) -> None:
    results = index.search(text)
    assert results.total == len(results.hits) or results.hits
    assert "\x1b" not in (results.message or "")
    assert results.message is None or "\n" not in results.message


def test_incremental_update_add_edit_delete(settings: Settings, index: ArticleIndex) -> None:
    folder = settings.articles_dir
    second = index.update()
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 5)

    (folder / "new.txt").write_text("Zanzibar harbour reopened after the storm.\n", "utf-8")
    edited = folder / "002_7df0dc27260cb8f8.txt"
    edited.write_text(edited.read_text("utf-8") + "\n\nQuokkas were seen nearby.\n", "utf-8")
    future = time.time() + 5
    os.utime(edited, (future, future))
    (folder / "000_c15910e633379157.txt").unlink()

    report = index.update()
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert paths(index, "zanzibar") == {"new.txt"}
    assert paths(index, "harbor") == {"new.txt"}
    assert paths(index, "quokkas") == {"002_7df0dc27260cb8f8.txt"}
    assert paths(index, "Nawrocki") == set()


def test_second_open_reuses_index_without_reindexing(
    settings: Settings, index: ArticleIndex
) -> None:
    other = ArticleIndex.open(settings)
    report = other.update()
    assert report.added == report.updated == 0
    assert other.doc_count == 5
    other.close()


def test_corrupt_index_is_rebuilt_with_notice(settings: Settings, index: ArticleIndex) -> None:
    index.close()
    for path in settings.index_dir.iterdir():
        if path.name.endswith((".seg", ".toc")):
            path.write_bytes(b"\x00garbage")
    reopened = ArticleIndex.open(settings)
    report = reopened.update()
    assert report.notice and "rebuilt" in report.notice
    assert reopened.doc_count == 5
    reopened.close()


def test_old_schema_version_forces_rebuild(settings: Settings, index: ArticleIndex) -> None:
    index.close()
    (settings.index_dir / STAMP_NAME).write_text('{"schema_version": -1}', "utf-8")
    reopened = ArticleIndex.open(settings)
    report = reopened.update()
    assert report.added == 5 and report.notice and "version" in report.notice
    reopened.close()


def test_unwritable_cache_falls_back_to_memory(tmp_path: Path, articles_dir: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    settings = Settings(articles_dir=articles_dir, cache_root=blocker, state_root=tmp_path / "s")
    index = ArticleIndex.open(settings)
    report = index.update()
    assert report.notice and "in-memory" in report.notice
    assert len(index.search("treaty").hits) >= 4
    index.close()


def test_locked_index_still_searches(settings: Settings, index: ArticleIndex) -> None:
    (settings.articles_dir / "late.txt").write_text("A walrus arrived in Warsaw.\n", "utf-8")
    writer = index._index.writer()  # another process would hold this lock
    try:
        report = index.update()
    finally:
        writer.cancel()
    assert report.notice and "Another tui-reader" in report.notice
    assert index.search("treaty").total >= 4
    assert index.update().added == 1


def test_limit_keeps_total_exact(index: ArticleIndex) -> None:
    results = index.search("treaty", limit=2)
    assert len(results.hits) == 2
    assert results.total == 4


def test_date_sort_puts_newest_first_and_undated_last(index: ArticleIndex) -> None:
    hits = index.search("treaty", sort="date").hits
    dates = [hit.date for hit in hits]
    assert [d.isoformat() for d in dates if d] == ["2026-05-27", "2024-05-27"]
    assert dates[-1] is None


def test_title_match_ranks_above_body_match(settings: Settings) -> None:
    folder = settings.articles_dir
    (folder / "a.txt").write_text("Walrus spotted\n\nA large animal was seen on the beach.\n")
    (folder / "b.txt").write_text("Beach report\n\nA walrus was seen on the beach today.\n")
    index = ArticleIndex.open(settings)
    index.update()
    assert [hit.path for hit in index.search("walrus").hits] == ["a.txt", "b.txt"]
    index.close()


def test_did_you_mean_shows_a_word_as_written(index: ArticleIndex) -> None:
    assert index.search("helenw").suggestion == "helenow"
    assert index.search("cybersecurty").suggestion == "cybersecurity"  # not the stem
    assert index.search("treaty").suggestion is None


def test_headline_match_outranks_body_mentions_and_phrases_stay_inside_a_part(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ranked"
    folder.mkdir()
    (folder / "headline.txt").write_text("Walrus sighted\n\nA large animal was seen.\n", "utf-8")
    (folder / "body.txt").write_text(
        "Harbour news\n\nThe walrus, the walrus and again the walrus swam.\n", "utf-8"
    )
    (folder / "edge.txt").write_text("Report on seals\n\nSighted walrus nowhere.\n", "utf-8")
    settings = Settings(articles_dir=folder, cache_root=tmp_path / "c", state_root=tmp_path / "s")
    index = ArticleIndex.open(settings)
    index.update()
    try:
        assert index.search("walrus").hits[0].path == "headline.txt"
        # "seals" ends the title and "sighted" starts the body: not a phrase.
        assert paths(index, '"seals sighted"') == set()
        assert paths(index, '"walrus sighted"') == {"headline.txt"}
        assert paths(index, "title:walrus") == {"headline.txt"}
    finally:
        index.close()


def test_typed_word_past_its_stem_still_matches(index: ArticleIndex) -> None:
    # "defenc" (typing "defence", indexed as "defens") and "securi" ("secur").
    assert paths(index, "defenc", prefix_last=True) == SEEDS
    assert paths(index, "securi", prefix_last=True) == SEEDS
    misspelt = index.search("polnd", prefix_last=True)
    assert misspelt.total == 0 and misspelt.suggestion == "poland"


def test_a_wildcard_or_fuzzy_word_matching_nothing_keeps_and_and_not(index: ArticleIndex) -> None:
    treaty = paths(index, "treaty")
    assert treaty
    assert paths(index, "treaty qqqz*") == set()
    assert paths(index, "treaty zzzzqqq~") == set()
    assert paths(index, "treaty NOT qqqz*") == treaty
    assert paths(index, "treaty OR qqqz*") == treaty


def test_a_word_without_expansions_becomes_a_plain_term(index: ArticleIndex) -> None:
    # Left as a fuzzy or wildcard word, every later use walked the vocabulary again: 150 ms
    # per `securty~` at 10k articles, for highlighting a word that matched nothing.
    from whoosh import query

    from tui_reader.core import query as query_front

    reader = index._searcher.reader()
    for text in ("zzzzqqq~", "qqqz*", "q?qqz"):
        parsed = query_front.parse_query(text, index._parser).query
        assert parsed is not None
        expanded, _capped = query_front.expand_multiterms(parsed, reader, index._fuzzy_words)
        assert isinstance(expanded, query.Term), expanded


def test_term_ranges_are_left_to_whoosh(index: ArticleIndex) -> None:
    # A range is not a typed word: never capped, and `path:>x` (found by the fuzz) answers.
    assert index.search("path:>defence").message is None
    assert paths(index, "title:[a TO zzzz]") == SEEDS


def test_rows_are_the_same_with_or_without_the_full_listing(
    settings: Settings, index: ArticleIndex
) -> None:
    # Rows come from the listing's records when it is built, else from the index itself.
    fresh = ArticleIndex.open(settings)
    try:
        index.search("")  # builds the listing and its rows by document number
        for text in ("treaty", "warsaw OR defence", "poland NOT treaty"):
            assert index.search(text).hits == fresh.search(text).hits
    finally:
        fresh.close()


def test_a_snippet_follows_an_edited_file(settings: Settings, index: ArticleIndex) -> None:
    # Snippets are remembered per file stamp: an edit shows at once, even before a re-index.
    key = "004_aedbdc416bd6c622.txt"
    before = next(h for h in index.search("Helenow").hits if h.path == key)
    path = settings.articles_dir / key
    path.write_text("Edited\n\nOnly Helenow is left in this text.\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    after = next(h for h in index.search("Helenow").hits if h.path == key)
    assert before.snippet != after.snippet == "Only Helenow is left in this text."


def test_a_typed_prefix_stands_for_fewer_completions_when_they_are_common(
    index: ArticleIndex,
) -> None:
    # Each completion's postings are decoded on the keystroke that brings it in: the
    # completions are capped by the articles they add up to, the most frequent kept always.
    from tui_reader.core import query as query_front

    reader = index._searcher.reader()
    prefix = next(
        p
        for p in ("st", "co", "pr", "re", "de")
        if len(query_front.expand_prefix(reader, "body", p, budget=10**9)) >= 3
    )
    everything = query_front.expand_prefix(reader, "body", prefix, budget=10**9)
    first_two = sum(reader.doc_frequency("body", w) for w in everything[:2])
    assert query_front.expand_prefix(reader, "body", prefix, budget=first_two) == everything[:2]
    assert query_front.expand_prefix(reader, "body", prefix, budget=0) == everything[:1]


def test_reading_ahead_picks_what_each_likely_next_letter_will_read_first(
    index: ArticleIndex,
) -> None:
    from tui_reader.core import query as query_front

    reader = index._searcher.reader()
    for prefix in ("st", "co", "pr", "re", "de", "mi", "si"):
        picked = query_front.next_letter_completions(reader, "body", prefix, 4)
        letters = [term[2] for term in picked]
        every_letter = {
            term.decode()[2]
            for term in reader.lexicon("body")
            if term.startswith(prefix.encode()) and len(term) > 2
        }
        assert len(set(letters)) == len(letters) == min(4, len(every_letter)), prefix
        for term in picked:  # the term that letter's keystroke reads first
            assert query_front.expand_prefix(reader, "body", prefix + term[2], budget=0) == [term]
        counts = [reader.doc_frequency("body", term) for term in picked]
        assert counts == sorted(counts, reverse=True)  # the most frequent letters first


class _Stop(Exception):
    pass


def test_a_progress_callback_can_abandon_a_commit_in_flight(settings: Settings) -> None:
    # Closing the app raises from `progress`; a big batch's commit takes tens of seconds, so
    # the commit checks in too. What was committed before stays, and nothing is left locked.
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if calls.count((total, total)) == 2:  # past the last file: inside the final commit
            raise _Stop

    index = ArticleIndex.open(settings)
    try:
        with pytest.raises(_Stop):
            index.update(progress=progress)
        assert index.doc_count == 0  # the commit never happened
        assert index.update().added == len(SEEDS)  # the lock was released
        assert paths(index, "defense") == SEEDS
    finally:
        index.close()


def test_the_start_up_listing_is_read_once_even_for_a_small_folder(
    settings: Settings,
) -> None:
    # Typing one or two letters asks for the newest rows again and again; five articles are
    # fewer than the 50 asked for, which must not mean "not read yet".
    index = ArticleIndex.open(settings)
    try:
        index.update()
        index.refresh()  # a fresh searcher, no full listing built yet
        first = index.search("", limit=50)
        kept = index._newest
        again = index.search("", limit=50)
        assert index._newest is kept is not None
        assert [h.path for h in again.hits] == [h.path for h in first.hits] and len(first.hits) == 5
    finally:
        index.close()


def test_warming_reads_ahead_for_a_two_letter_word_only(index: ArticleIndex) -> None:
    never = lambda: False  # noqa: E731
    assert index.warm_completions("treaty si", never) >= 1  # "si": signed, since, ...
    assert index.warm_completions('"treaty si', never) >= 1  # a phrase still being typed
    for not_short in ("treaty s", "treaty sig", "treaty signed", "", "treaty 12"):
        assert index.warm_completions(not_short, never) == 0
    assert index.warm_completions("treaty si", lambda: True) == 0  # a newer key: stop at once
    # Reading ahead changes nothing but speed: the same answer as an index that never warmed.
    fresh = ArticleIndex.open(index.settings)
    try:
        for typed in ("treaty si", "treaty sig", "treaty signe"):
            options = {"prefix_last": True, "limit": 50, "exact_up_to": 1000}
            warmed, cold = index.search(typed, **options), fresh.search(typed, **options)
            assert (warmed.hits, warmed.total) == (cold.hits, cold.total)
    finally:
        fresh.close()
