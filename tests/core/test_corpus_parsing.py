"""parse_article: front matter, headlines, titles, dates, sources, paragraphs, boilerplate tails."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reader.core.corpus import parse_article
from tui_reader.core.models import Article
from tui_reader.core.sanitize import clean_text

LONG_PARAGRAPHS = [
    "The United Kingdom and Poland have agreed to deepen defence cooperation in a move set to "
    "significantly strengthen their ability to counter air and missile threats, as London and "
    "Warsaw respond to a more volatile security environment in Europe.",
    "Under the new agreement, both countries will expand joint training and explore the "
    "development and procurement of advanced air and missile defence capabilities. The "
    "partnership will also examine ways to boost defence manufacturing capacity.",
    'Defence Secretary John Healey said: "The UK and Poland have never been closer. Our two '
    'militaries will train together more than ever before, from this summer onwards."',
]


def parse(text: str, key: str = "article.txt") -> Article:
    return parse_article(text, key=key)


def assert_offsets_hold(text: str, article: Article) -> None:
    """The body is the cleaned text at body_offset, with only newlines turned into spaces."""
    window = clean_text(text)[article.body_offset : article.body_offset + len(article.body)]
    assert len(window) == len(article.body)
    for original, shown in zip(window, article.body, strict=True):
        assert original == shown or (original, shown) == ("\n", " ")


# Front matter


def test_front_matter_wins_and_is_not_in_the_body() -> None:
    text = (
        '---\ntitle: "Treaty signed"\ndate: 2026-05-27T10:00:00Z\nsource: BBC\n'
        "url: https://www.bbc.co.uk/news/1\n---\nThe two leaders met on 1 June 2025.\n"
    )
    article = parse(text)
    assert article.title == "Treaty signed"
    assert article.date == dt.date(2026, 5, 27)
    assert article.source == "BBC"
    assert article.url == "https://www.bbc.co.uk/news/1"
    assert article.body == "The two leaders met on 1 June 2025."
    assert "title:" not in article.body
    assert_offsets_hold(text, article)


def test_front_matter_url_gives_the_source_when_none_is_named() -> None:
    article = parse("---\nurl: https://www.theguardian.com/x\n---\nBody text here.\n")
    assert article.source == "theguardian.com"


def test_front_matter_title_drops_a_repeated_heading_only() -> None:
    same = parse("---\ntitle: Treaty signed\n---\n# Treaty signed\n\nBody.\n", "a.md")
    assert same.body == "Body."
    different = parse("---\ntitle: Treaty signed\n---\nA standfirst line\n\nBody.\n")
    assert different.title == "Treaty signed"
    assert different.body.startswith("A standfirst line")


def test_horizontal_rule_and_prose_is_not_front_matter() -> None:
    text = "---\n\nSome prose after a rule.\n\n---\nMore."
    article = parse(text)
    assert article.title == "Some prose after a rule"
    assert "Some prose after a rule." in article.body


def test_unterminated_front_matter_is_ordinary_text() -> None:
    article = parse("---\ntitle: Oops\nBody without a closing fence.\n")
    assert "Body without a closing fence." in article.body
    assert article.title != "Oops"


# Headlines and titles


@pytest.mark.parametrize(
    "first_line",
    [
        "Press release: UK and Poland sign treaty",
        "Press release: Press Release: UK and Poland sign treaty",
        "PRESS RELEASE - press release: UK and Poland sign treaty",
    ],
)
def test_press_release_prefixes_are_stripped(first_line: str) -> None:
    article = parse(f"{first_line}\n\nThe two countries signed it today.\n")
    assert article.title == "UK and Poland sign treaty"
    assert article.source == "Press release"
    assert article.body == "The two countries signed it today."


def test_lone_press_release_line_above_the_headline() -> None:
    article = parse("Press release:\n\nUK and Poland sign treaty\n\nThe two signed it today.\n")
    assert article.title == "UK and Poland sign treaty"
    assert article.source == "Press release"
    assert article.body == "The two signed it today."


def test_lone_press_release_line_without_colon() -> None:
    article = parse("PRESS RELEASE\n\nUK and Poland sign treaty\n\nThe two signed it today.\n")
    assert (article.title, article.source) == ("UK and Poland sign treaty", "Press release")
    assert parse("Press releases are dull\n\nBody.\n").source == ""


def test_a_named_source_beats_press_release() -> None:
    text = "Press release: Treaty\n\nSigned today.\n\nSource: https://www.gov.uk/news/treaty\n"
    article = parse(text)
    assert article.source == "gov.uk"
    assert article.url == "https://www.gov.uk/news/treaty"


def test_markdown_heading_is_the_title() -> None:
    article = parse("# Treaty signed in London.\n\nThe two leaders met.\n", "a.md")
    assert article.title == "Treaty signed in London."
    assert article.body == "The two leaders met."


@pytest.mark.parametrize(
    "first_line",
    [
        "The leaders signed the treaty in London on Wednesday.",  # a sentence
        "The joint measures include:",  # introduces a list
        "By John Smith",  # a byline
        "27 May 2026",  # a dateline
        "It was signed. Both leaders spoke",  # two sentences
    ],
)
def test_non_headline_first_lines_stay_in_the_body(first_line: str) -> None:
    article = parse(f"{first_line}\n\nSecond paragraph follows here.\n")
    assert article.body.startswith(first_line)


def test_first_line_that_breaks_off_is_not_a_headline() -> None:
    text = "The United Kingdom and Poland agreed\nto deepen cooperation.\nA second paragraph.\n"
    article = parse(text)
    assert article.title == "The United Kingdom and Poland agreed to deepen cooperation"
    assert article.paragraphs[0] == "The United Kingdom and Poland agreed to deepen cooperation."


def test_lone_line_is_body_and_title() -> None:
    article = parse("Markets rallied today\n")
    assert article.title == "Markets rallied today"
    assert article.body == "Markets rallied today"


def test_long_first_sentence_is_cut_at_a_word_boundary() -> None:
    article = parse(LONG_PARAGRAPHS[0])
    assert article.title.endswith("…")
    assert len(article.title) <= 91
    assert LONG_PARAGRAPHS[0].startswith(article.title[:-1])
    assert LONG_PARAGRAPHS[0][len(article.title) - 1] == " "


def test_short_first_sentence_is_the_whole_title() -> None:
    assert parse("Mr. Smith went to Washington. Then he left.").title == (
        "Mr. Smith went to Washington"
    )


@pytest.mark.parametrize("text", ["...\n", "— — —\n\n* * *\n", "\x1b[2J\n\n!!\n"])
def test_title_falls_back_to_the_file_name(text: str) -> None:
    assert parse_article(text, key="sub/my-story.txt").title == "my-story"


def test_title_and_body_are_sanitised() -> None:
    text = "Title \x1b]0;evil\x07with\u202e spoof\r\n\r\nBody \x1b[2Jtext.\r\n"
    article = parse(text)
    assert article.title == "Title with spoof"
    assert article.body == "Body text."
    assert_offsets_hold(text, article)


# Dates


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on May 27, 2026 in London", dt.date(2026, 5, 27)),
        ("on 27 May 2026 in London", dt.date(2026, 5, 27)),
        ("on 2026-05-27 in London", dt.date(2026, 5, 27)),
        ("on Wednesday, 27th of May, 2026", dt.date(2026, 5, 27)),
        ("on Sept. 3, 2024", dt.date(2024, 9, 3)),
        ("from 25-29 June 2025", dt.date(2025, 6, 25)),  # a range starts on its first day
        ("in May 2026", None),  # no day
        ("on 21 June", None),  # no year
        ("you may 27, 2026 times", None),  # lower-case "may" is a verb
        ("on 31 February 2026 or 2 March 2026", dt.date(2026, 3, 2)),  # impossible dates skipped
    ],
)
def test_first_explicit_date(phrase: str, expected: dt.date | None) -> None:
    assert parse(f"Headline\n\nThe treaty was signed {phrase}.\n").date == expected


def test_first_date_in_text_order_wins() -> None:
    text = "Signed on 2 March 2025, after talks on 1 January 2024.\n"
    assert parse(text).date == dt.date(2025, 3, 2)


def test_date_is_never_the_mtime() -> None:
    article = parse_article("No date here.\n", key="a.txt", mtime_ns=1_700_000_000 * 10**9)
    assert article.date is None
    assert article.mtime_ns == 1_700_000_000 * 10**9


# Sources and boilerplate tails


def test_source_url_line_gives_the_domain_and_leaves_the_body() -> None:
    text = "Headline\n\nBody text.\nAccording to Reuters\nSource: https://www.hanoimoi.vn/a.html\n"
    article = parse(text)
    assert article.source == "hanoimoi.vn"
    assert article.url == "https://www.hanoimoi.vn/a.html"
    assert article.body == "Body text."


@pytest.mark.parametrize(
    ("tail", "source"),
    [("According to Reuters", "Reuters"), ("Source: Associated Press", "Associated Press")],
)
def test_sign_off_names_the_source(tail: str, source: str) -> None:
    article = parse(f"Headline\n\nBody text.\n\n{tail}\n")
    assert article.source == source
    assert article.body == "Body text."


def test_source_line_above_the_headline_is_metadata() -> None:
    article = parse("Source: Reuters\n\nUK and Poland sign treaty\n\nBody text.\n")
    assert (article.title, article.source, article.body) == (
        "UK and Poland sign treaty",
        "Reuters",
        "Body text.",
    )


def test_source_line_inside_the_body_names_the_source_and_stays() -> None:
    article = parse("Headline\n\nSource: https://example.org/a\n\nBody text.\n\nMore.\n")
    assert article.source == "example.org"
    assert article.body.startswith("Source: https://example.org/a")


@pytest.mark.parametrize(
    ("opening", "source", "title"),
    [
        ("WASHINGTON (AP) — Regulators fined the railroad.", "AP", "Regulators fined the railroad"),
        ("LONDON, May 27 (Reuters) - Britain signed it.", "Reuters", "Britain signed it"),
        ("ABERDEEN, 3 March 2025 — Northwind said so.", "", "Northwind said so"),
        ("NATO — the alliance met today.", "", "NATO — the alliance met today"),
    ],
)
def test_wire_dateline(opening: str, source: str, title: str) -> None:
    article = parse(opening + "\n\nSecond paragraph.\n")
    assert (article.source, article.title) == (source, title)
    assert article.body.startswith(opening)


def test_according_to_inside_a_sentence_is_not_a_source() -> None:
    article = parse("Headline\n\nAccording to police, the man was arrested.\n")
    assert article.source == ""
    assert article.body == "According to police, the man was arrested."


@pytest.mark.parametrize(
    "tail",
    [
        "Comment (0)",
        "Comments (12)",
        "Further information",
        "Share this article",
        "Read more",
        "\n\n\n",
        "Share this article\n\nRead more\n\nComments (3)\n\n",
    ],
)
def test_boilerplate_tail_is_kept_out_of_the_body(tail: str) -> None:
    text = f"Headline\n\nFirst paragraph.\n\nLast paragraph.\n{tail}"
    article = parse(text)
    assert article.body == "First paragraph.\n\nLast paragraph."
    assert_offsets_hold(text, article)


def test_boilerplate_words_inside_the_body_stay() -> None:
    text = "Headline\n\nRead more\n\nThe story goes on. Photo by A. Person.\n"
    article = parse(text)
    assert article.body == "Read more\n\nThe story goes on. Photo by A. Person."


def test_crlf_text() -> None:
    article = parse("Headline\r\n\r\nFirst paragraph.\r\n\r\nSecond.\r\nComment (0)\r\n")
    assert article.title == "Headline"
    assert article.paragraphs == ["First paragraph.", "Second."]


# Paragraphs


def test_blank_line_and_one_per_line_files_give_the_same_paragraphs() -> None:
    blank = parse("Headline\n\n" + "\n\n".join(LONG_PARAGRAPHS) + "\n")
    per_line = parse("Headline\n" + "\n".join(LONG_PARAGRAPHS) + "\n")
    assert blank.paragraphs == LONG_PARAGRAPHS
    assert per_line.paragraphs == LONG_PARAGRAPHS


def test_short_one_per_line_paragraphs_are_not_joined() -> None:
    lines = [
        "Markets fell sharply on Monday after the announcement was made.",
        "Investors sold shares in defence companies across the region today.",
        "Analysts expect further falls in the coming weeks, they said.",
        "The pound was little changed against the dollar and the euro.",
    ]
    assert parse("\n".join(lines)).paragraphs == lines


def test_live_blog_time_stamps_are_not_taken_for_wrapping() -> None:
    text = (
        "Budget live: the chancellor speaks\n\n"
        "10.45am GMT\nThe chancellor has confirmed that thresholds stay frozen.\n\n"
        "11.02am GMT\nThe opposition leader has responded to the statement.\n\n"
        "11.20am GMT\nThe forecaster now expects slower growth this year.\n\n"
        "11.48am GMT\nKey measures so far are listed below.\n"
    )
    paragraphs = parse(text).paragraphs
    assert "10.45am GMT" in paragraphs
    assert "The opposition leader has responded to the statement." in paragraphs


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_hard_wrapped_text_is_joined_back(separator: str) -> None:
    text = "Treaty signed\n\n" + separator.join(textwrap.fill(p, 72) for p in LONG_PARAGRAPHS)
    article = parse(text)
    assert article.title == "Treaty signed"
    assert article.paragraphs == LONG_PARAGRAPHS
    assert_offsets_hold(text, article)


def test_hard_wrapped_text_without_headline_has_a_sentence_title() -> None:
    text = "\n\n".join(textwrap.fill(p, 66) for p in LONG_PARAGRAPHS)
    article = parse(text)
    assert article.title.startswith("The United Kingdom and Poland have agreed")
    assert len(article.paragraphs) == 3


def test_list_items_are_not_joined() -> None:
    text = (
        "Headline\n\nThe measures include:\n- stronger cyber defence\n- joint training\n"
        "1. first point\n2. second point\n"
    )
    assert parse(text).paragraphs == [
        "The measures include:",
        "- stronger cyber defence",
        "- joint training",
        "1. first point",
        "2. second point",
    ]


def test_markdown_code_fences_are_not_joined() -> None:
    text = "# Title\n\n```\nsome code\nmore code\n```\n\nText.\n"
    article = parse(text, "a.md")
    assert "some code\nmore code" in article.body


@given(st.text(alphabet=st.sampled_from("ab .,:\n\r\t-#—\u200b\x1bA£"), max_size=300))
def test_parse_never_raises_and_keeps_offsets(text: str) -> None:
    article = parse_article(text, key="fuzz.txt")
    assert article.title
    assert article.body == article.body.strip()
    assert_offsets_hold(text, article)
