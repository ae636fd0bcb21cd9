"""Quote spans and speakers on one small text per hard case."""

from __future__ import annotations

import pytest

from tui_reader.core.analysis import Quote, find_quotes, speakers_of


def _only(text: str) -> Quote:
    quotes = find_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ('He said "we will win," and left.', "we will win,"),
        ("He said “we will win,” and left.", "we will win,"),
        ("He said ‘we will win,’ and left.", "we will win,"),
        ("He said 'we will win,' and left.", "we will win,"),
    ],
)
def test_curly_and_straight_double_and_single_outer_marks(text: str, inner: str) -> None:
    quote = _only(text)
    assert quote.text == inner
    assert text[quote.start : quote.end] == inner


def test_apostrophes_are_not_quote_marks() -> None:
    text = (
        "Poland’s leader said the countries’ “shared future is bright” and that the ’90s "
        "were about rock ’n’ roll, not the workers' rights."
    )
    quote = _only(text)
    assert quote.text == "shared future is bright"


def test_plural_possessive_inside_single_quotes_does_not_close_them() -> None:
    text = "‘The drivers’ concerns are real,’ Sir Richard Branson wrote."
    quote = _only(text)
    assert quote.text == "The drivers’ concerns are real,"
    assert quote.speaker == "Richard Branson"


def test_multi_paragraph_standard_form_each_paragraph_reopens() -> None:
    text = 'Jane Smith said:\n\n"First part.\n\n"Second part.\n\n"Third part."\n\nThe end.'
    quote = _only(text)
    assert quote.text == 'First part.\n\n"Second part.\n\n"Third part.'
    assert quote.speaker == "Jane Smith"


def test_multi_paragraph_sloppy_form_only_first_opens_last_closes() -> None:
    text = "Defence Secretary John Healey MP said: “We are strong.\nWe are ready.\nWe act”.\nNext."
    quote = _only(text)
    assert quote.text == "We are strong.\nWe are ready.\nWe act"
    assert quote.speaker == "John Healey"


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    text = "Eavis said: \"People ask me, 'Who's headlining?' and I can't say.\" Then she left."
    quote = _only(text)
    assert quote.text == "People ask me, 'Who's headlining?' and I can't say."
    british = "Mr Whelan said: ‘They told us “take it or leave it”, so we left it.’"
    assert _only(british).text == "They told us “take it or leave it”, so we left it."


def test_said_colon_paragraph_before_the_quote_paragraph() -> None:
    text = 'The Foreign Secretary Boris Johnson said:\n\n"The UK and Poland are close friends."'
    assert _only(text).speaker == "Boris Johnson"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will win," said Ann Lee, a spokeswoman for Acme.', "Ann Lee"),
        ('"We will win," Chief Executive Dr Ann Lee told reporters.', "Ann Lee"),
        ('"We will win" said Ann Lee.', "Ann Lee"),
        ("Ann Lee called it “a turning point for us”.", "Ann Lee"),
        ('According to Ann Lee, "the plan will work in the end".', "Ann Lee"),
        ('Sir Mel Stride, the shadow chancellor, said: "These figures are damning."', "Mel Stride"),
    ],
)
def test_attribution_before_after_and_around(text: str, speaker: str) -> None:
    assert _only(text).speaker == speaker


def test_interrupted_quote_and_pronoun_resolve_to_the_named_speaker() -> None:
    text = 'Ann Lee was upbeat. "Costs are high," she said, "but demand is strong."'
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ["Costs are high,", "but demand is strong."]
    assert [q.speaker for q in quotes] == ["Ann Lee", "Ann Lee"]


def test_coordination_and_said_keeps_the_subject() -> None:
    text = (
        "Keir Starmer met Donald Tusk.\n"
        'Starmer called it "the biggest step forward" [3] and said "the challenges remain" [1].'
    )
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes] == ["Keir Starmer", "Keir Starmer"]


def test_citation_markers_after_a_quote_do_not_break_it() -> None:
    text = 'Prime Minister Keir Starmer said, "There\'s no greater challenge than this" [4].'
    quote = _only(text)
    assert quote.text == "There's no greater challenge than this"
    assert quote.speaker == "Keir Starmer"


def test_fullest_in_article_name() -> None:
    text = (
        "Polish Prime Minister Donald Tusk arrived in London.\n"
        'Tusk said the treaty "focuses significantly on cybersecurity".'
    )
    assert _only(text).speaker == "Donald Tusk"


@pytest.mark.parametrize(
    "text",
    [
        "They discussed the risk of so-called “hybrid attacks” in Europe.",
        'The report titled "Emissions Gap 2024" was published.',
        "The two leaders discussed “hybrid attacks” in Europe.",
        'Dwayne "The Rock" Johnson arrived on Monday.',
        "Her 12th studio album, “The Life of a Showgirl”, was streamed 5.5 million times.",
        'It beat the record set by Adele\'s "25" in 2015, according to Billboard.',
        "The study, “Microplastic burden in retail seafood”, is published today.",
    ],
)
def test_scare_quotes_and_titles_are_not_speech(text: str) -> None:
    assert find_quotes(text) == []


def test_one_word_quote_that_is_someones_word_is_speech() -> None:
    quote = _only("The minister called the strike ‘hollow’ and walked out.")
    assert quote.text == "hollow"


def test_unattributed_long_quote_has_no_speaker() -> None:
    text = 'The agreement reaffirmed the countries’ "ironclad commitment to NATO as a cornerstone".'
    quote = _only(text)
    assert quote.text.startswith("ironclad")
    assert quote.speaker is None


def test_speakers_of_lists_distinct_names_in_order() -> None:
    text = '"A b c," said Ann Lee. "D e f," said Bo Chan. "G h i," said Ann Lee.'
    assert speakers_of(find_quotes(text)) == ["Ann Lee", "Bo Chan"]


def test_empty_and_markless_text() -> None:
    assert find_quotes("") == []
    assert find_quotes("No quotes here.\n\nNone at all.") == []


def test_pronoun_skips_a_named_person_of_the_other_gender() -> None:
    text = (
        "Police Chief Maria Lopez praised the officers. Officer Daniel Park was the first to "
        'arrive.\n"He ran toward the danger," she said.'
    )
    assert _only(text).speaker == "Maria Lopez"


def test_the_company_said_resolves_to_the_organisation_named_as_subject() -> None:
    text = (
        "Mall owner Westfield said it would stay closed.\n"
        '"Our hearts are with the victims," the company said in a statement.'
    )
    assert _only(text).speaker == "Westfield"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Joanna Stern of the Wall Street Journal called it "a genuine leap".', "Joanna Stern"),
        (
            "Prof Jemma Wadham of the University of Bristol, who was not involved, said it "
            "was “a wake-up call”.",
            "Jemma Wadham",
        ),
        ('"Record profits mean record pay," said Unite general secretary Sharon Graham.', "Graham"),
        ('"Prices will rise," a Treasury spokesman said.', "Treasury"),
    ],
)
def test_affiliations_roles_and_spokesmen(text: str, speaker: str) -> None:
    found = _only(text).speaker
    assert found is not None
    assert found.endswith(speaker)


def test_transcript_label_names_the_speaker() -> None:
    text = (
        "Health Secretary Wes Streeting met the BBC's Laura Kuenssberg.\n"
        'Kuenssberg: "But you said that last year."'
    )
    assert _only(text).speaker == "Laura Kuenssberg"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"I don\'t know," admitted Mr. Smith, a farmer from Iowa. "Maybe."',
            [("I don't know,", "Smith"), ("Maybe.", "Smith")],
        ),
        (
            "Critics, led by Ann Lee, described the plan as “cruel”, “unworkable” and “costly”.",
            [("cruel", "Ann Lee"), ("unworkable", "Ann Lee"), ("costly", "Ann Lee")],
        ),
        (
            "In Brussels, the French president, Emmanuel Macron, said Europe must “wake up”.",
            [("wake up", "Emmanuel Macron")],
        ),
        (
            "President George W. Bush said “Mission accomplished.”",
            [("Mission accomplished.", "George Bush")],
        ),
        ("“It’s over,” she told the BBC. “We lost.”", [("It’s over,", None), ("We lost.", None)]),
    ],
)
def test_honorifics_lists_appositive_names_and_unnamed_pronouns(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(q.text, q.speaker) for q in find_quotes(text)] == expected


def test_title_only_speaker_is_the_named_holder_of_the_title() -> None:
    text = (
        "Prime Minister Keir Starmer welcomed Polish Prime Minister Donald Tusk.\n"
        "The Prime Minister said:\n“Poland is one of our closest allies.”"
    )
    assert _only(text).speaker == "Keir Starmer"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Prime Minister Boris Johnson visited. The prime minister said it was “oven-ready”.",
            "Boris Johnson",
        ),
        (
            "A spokesperson for the Ministry of Defence said: “We do not comment on that.”",
            "Ministry of Defence",
        ),
        ("Residents said the smell was “unbearable”.", None),
    ],
)
def test_lower_case_titles_organisations_and_plural_nouns(text: str, speaker: str | None) -> None:
    assert _only(text).speaker == speaker


def test_quote_after_a_sentence_about_a_person_is_theirs() -> None:
    text = "Defence Secretary John Healey was blunt. “We will not be intimidated by anyone.”"
    assert _only(text).speaker == "John Healey"


def test_knight_by_first_name_is_the_full_name() -> None:
    text = "Sir Keir Starmer met Donald Tusk.\nSir Keir said the treaty was “the biggest step”."
    assert _only(text).speaker == "Keir Starmer"


def test_quote_paragraph_after_a_paraphrase_belongs_to_its_speaker() -> None:
    text = (
        "Rachel Reeves spoke first.\n"
        "The CBI's chief economist, Louise Hellem, said hiring intentions were at a low.\n"
        "“Firms are telling us loud and clear that this is the wrong tax.”"
    )
    assert _only(text).speaker == "Louise Hellem"


def test_sentence_subject_is_not_replaced_by_an_object() -> None:
    text = (
        "Rachel Reeves told the Treasury select committee the rise was needed.\n"
        '"I inherited a black hole," she said.'
    )
    assert _only(text).speaker == "Rachel Reeves"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Guardian gave it three stars out of five, calling it “polished but airless”.",
            "Guardian",
        ),
        (
            "Opposition leader Jarosław Kaczyński criticised the plan, calling it “empty”.",
            "Jarosław Kaczyński",
        ),
        (
            "SSEN Distribution said engineers had restored power.\n"
            '"We are mobilising more than 1,000 staff," a spokeswoman said.',
            "SSEN Distribution",
        ),
    ],
)
def test_organisations_as_speakers(text: str, speaker: str) -> None:
    assert _only(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Rents are too high," said Jo Bloggs of the Tenants Union.', "Jo Bloggs"),
        ('"It is a win," said Senator Ann Lee of Ohio.', "Ann Lee"),
    ],
)
def test_name_after_the_verb_comes_before_its_affiliation(text: str, speaker: str) -> None:
    assert _only(text).speaker == speaker


def test_names_with_lower_case_particles() -> None:
    text = (
        "European Commission President Ursula von der Leyen arrived.\n"
        "Later, von der Leyen said “we are united in this”."
    )
    assert _only(text).speaker == "Ursula von der Leyen"


def test_a_work_noun_before_a_quote_after_a_speech_verb_is_still_speech() -> None:
    text = "Former administrator Bill Nelson once called the programme “a bold bet”."
    assert _only(text).speaker == "Bill Nelson"


def test_attribution_is_found_across_a_hard_wrapped_line() -> None:
    text = (
        "Drivers were warned to avoid the motorway this weekend while the interchange is\n"
        "rebuilt, the agency said in a statement released on its website on Thursday.\n"
        '"We know how disruptive this is and we are grateful for your patience,"\n'
        "said Jonathan Wade, the project director at the agency, speaking on Thursday.\n"
        '"Once it is done, this junction will be safer and journeys will be quicker,"\n'
        "he added in the statement, which was also sent to local councils and papers.\n"
    )
    assert [q.speaker for q in find_quotes(text)] == ["Jonathan Wade", "Jonathan Wade"]


@pytest.mark.parametrize("tail", ["on Tuesday", "on 3 May 2026", "to reporters", "last week"])
def test_said_name_then_when_or_where(tail: str) -> None:
    quote = _only(f'"We reopened the pier," said Ada Lovelace {tail}.')
    assert quote.speaker == "Ada Lovelace"
