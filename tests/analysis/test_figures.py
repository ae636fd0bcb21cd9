"""Key-figure spans and kinds on one small text per hard case."""

from __future__ import annotations

import pytest

from tui_reader.core.analysis import FIGURE_KINDS, find_figures


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("with £270 billion allocated", ("£270 billion", "money")),
        ("a $4.5bn order", ("$4.5bn", "money")),
        ("profit of €3m this year", ("€3m", "money")),
        ("a coffee is up 20p today", ("20p", "money")),
        ("it paid US$5 million in bonuses", ("US$5 million", "money")),
        ("a grant of £ 5 million was agreed", ("£ 5 million", "money")),  # spaced symbol
        ("a fee of $ 20 applies", ("$ 20", "money")),
        ("prices rose 5% last month", ("5%", "percent")),
        ("prices rose 5 per cent last month", ("5 per cent", "percent")),
        ("a rise of 10-15% a year", ("10-15%", "percent")),
        ("More than 350 British personnel are deployed", ("350", "count")),
        ("From June, eight Polish pilots will train", ("eight", "count")),
        ("signed in London on May 27, 2026, aiming", ("May 27, 2026", "date")),
        ("will visit today (21 June) the capital", ("21 June", "date")),
        ("signed on 27 May 2026 in London", ("27 May 2026", "date")),
        ("Published 2026-05-27 by the council", ("2026-05-27", "date")),
        ("a defence treaty with France in 2025 and more", ("2025", "year")),
        ("the summit on 9-10 July in London", ("9-10 July", "range")),
        ("a cost of £5m-£6m a day", ("£5m-£6m", "range")),
        ("over the past three years the ties grew", ("three years", "duration")),
        ("over the next 18 months the work runs", ("18 months", "duration")),
        ("scored in the 21st minute", ("21st", "ordinal")),
        ("for a tenth consecutive season", ("tenth", "ordinal")),
        ("sit 10km off the coast", ("10km", "quantity")),
        ("the roof weighs 3.5 tonnes", ("3.5 tonnes", "quantity")),
    ],
)
def test_each_kind(text: str, expected: tuple[str, str]) -> None:
    assert _found(text) == [expected]


def test_figure_text_excludes_approximator_and_counted_noun() -> None:
    text = "worth around £8 billion to more than 350 British personnel"
    assert _found(text) == [("£8 billion", "money"), ("350", "count")]


@pytest.mark.parametrize(
    "text",
    [
        "the treaty was signed [1, 2, 3, 4].",
        "For details call 1-800-555-0199 or +44 20 7946 0958.",
        "under section 12 of the act and Article 5 of the treaty",
        "traffic on the A56 after the G7 summit, COVID-19 and the F-35 deal",
        "Source: https://example.com/news/story-972297.html",
        "These simulations will allow the two militaries to train.",
        "the relationship between our two countries",
        "It is a first step towards peace.",
        "Comment (0)",
        "an order for Boeing 787 jets on Interstate 5",
        "FTSE 100 closes higher as the S&P 500 rises",
        "He works at 10 Downing Street, ISBN 978-3-16-148410-0.",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_kinds_are_from_the_published_list() -> None:
    text = "In 2024, 12 firms paid £3m, up 4% on 1 May, for 3 years and the 2nd time; 5km away."
    kinds = {f.kind for f in find_figures(text)}
    assert kinds <= set(FIGURE_KINDS)
    assert {"year", "count", "money", "percent", "date", "duration", "quantity"} <= kinds


def test_spans_are_sorted_and_match_the_text() -> None:
    text = "£5m in 2020, 7% in 2021 and 9-10 July 2022; eight staff over three years."
    figures = find_figures(text)
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text


def test_numbered_list_items_and_camel_case_products_are_not_figures() -> None:
    text = "1. The battery\nApple unveiled the iPhone 17 today.\n2) The camera"
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salah became the third player in Premier League history", ("third", "ordinal")),
        ("whose side sit seventh in the table", ("seventh", "ordinal")),
        ("the main sensor is now 48MP", ("48MP", "quantity")),
        ("cuts of 2.2 million barrels a day", ("2.2 million barrels", "quantity")),
        ("rates between 4.25% and 4.5% since", ("between 4.25% and 4.5%", "percent")),
        ("deliveries run from 2026-2030 onwards", ("2026-2030", "range")),
        ("a feat achieved between 1997 and 2016 by", ("between 1997 and 2016", "range")),
    ],
)
def test_more_kinds(text: str, expected: tuple[str, str]) -> None:
    assert _found(text) == [expected]


def test_vague_proportion_and_scores_are_not_counts() -> None:
    assert _found("eight in ten people") == [("eight", "count")]
    assert _found("they won 2-1 at home") == []


def test_figures_never_run_across_paragraphs() -> None:
    text = "- Homes worth more than £2m\n- 3p per mile on electric cars"
    assert _found(text) == [("£2m", "money"), ("3p", "money")]


def test_capitalised_number_words_count_at_sentence_starts_only() -> None:
    text = "Intro.\nEight pilots will train. They met Five Guys staff."
    assert _found(text) == [("Eight", "count")]


def test_year_then_percent_and_docket_numbers() -> None:
    text = "Imports fell from 45% in 2021 to 13% in 2025. The case, No. 25-cv-1017, is open."
    assert _found(text) == [
        ("45%", "percent"),
        ("2021", "year"),
        ("13%", "percent"),
        ("2025", "year"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trailer 2, released in May, was viewed 475 million times.", [("475 million", "count")]),
        ("Glastonbury 2025: everything we know", [("2025", "year")]),
        ("particles from 20 to 500 micrometres in size", [("20 to 500 micrometres", "quantity")]),
        ("About 350 people came.", [("350", "count")]),
    ],
)
def test_sentence_initial_names_and_quantity_ranges(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(text) == expected


def test_percentage_point_ranges() -> None:
    text = "growth could fall by 0.3-0.5 percentage points"
    assert _found(text) == [("0.3-0.5 percentage points", "percent")]


def test_change_by_an_amount_to_a_level_is_two_amounts_not_a_range() -> None:
    assert _found("The average bill will rise by £52 to £634 a year.") == [
        ("£52", "money"),
        ("£634", "money"),
    ]
    assert _found("The work will cost £5m to £6m.") == [("£5m to £6m", "range")]


def test_numbers_listed_after_a_numbered_thing_are_not_figures() -> None:
    assert _found("It is closed between junctions 10 and 11 until 6am.") == []
    assert _found("See sections 3, 4 and 7; 14 people were hurt.") == [("14", "count")]
