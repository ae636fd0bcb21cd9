"""The body field: its postings from the news analyzer, held to Whoosh's own tokens."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions

from tui_reader.core.ranking import term_weight
from tui_reader.core.schema import TITLE_BODY_GAP, build_schema

TITLE = "Defence treaty signed"
BODY = "The defence ministers signed the treaty. “It is signed,” said Helenow, in Warsaw."


def test_the_body_field_indexes_title_and_body_stemmed() -> None:
    from_text = list(build_schema()["body"].index((TITLE, BODY)))
    assert {term for term, *_ in from_text} >= {b"defens", b"treati", b"sign", b"helenow"}


def test_no_field_keeps_per_document_lengths() -> None:
    # The ranking (BM25 with b = 0) never reads them; writing them cost a sixth of a commit.
    assert not any(field.scorable for _, field in build_schema().items())


_WORDS = ["Defence", "treaty", "the", "a", "signed", "U.S.", "3.5", "İstanbul", "x", "colour"]
_TEXT = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "\n", ", ", ".", ""])), max_size=40
).map(lambda pieces: "".join(word + gap for word, gap in pieces))


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT)
def test_body_postings_are_those_of_the_analyzer_s_tokens(title: str, body: str) -> None:
    # The field builds postings from `NewsAnalyzer.term_positions`; the same postings must
    # come from the tokens the analyzer yields (checked against Whoosh's own chain elsewhere).
    field = build_schema()["body"]
    analyzer = field.analyzer
    positions: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    start = 0
    for token in analyzer(title, positions=True, mode="index"):
        positions[token.text].append(token.pos)
        counts[token.text][0] += 1
        start = token.pos + 1 + TITLE_BODY_GAP
    for token in analyzer(body, positions=True, start_pos=start, mode="index"):
        positions[token.text].append(token.pos)
        counts[token.text][1] += 1
    expected = sorted(
        (w.encode(), len(p), term_weight(*counts[w]), Positions().encode(p))
        for w, p in positions.items()
    )
    assert sorted(field.postings(title, body)) == expected
