"""The body field indexed from text, or from postings worked out in a worker process."""

from __future__ import annotations

import pickle

from tui_reader.core.schema import IndexedText, build_schema, indexed_text

TITLE = "Defence treaty signed"
BODY = "The defence ministers signed the treaty. “It is signed,” said Helenow, in Warsaw."


def test_postings_from_a_worker_are_the_ones_the_field_makes_itself() -> None:
    field = build_schema()["body"]
    from_text = list(field.index((TITLE, BODY)))
    handed_over = pickle.loads(pickle.dumps(indexed_text(TITLE, BODY)))  # as across processes
    assert isinstance(handed_over, IndexedText)
    assert list(field.index(handed_over)) == from_text
    assert {term for term, *_ in from_text} >= {b"defens", b"treati", b"sign", b"helenow"}


def test_no_field_keeps_per_document_lengths() -> None:
    # The ranking (BM25 with b = 0) never reads them; writing them cost a sixth of a commit.
    assert not any(field.scorable for _, field in build_schema().items())
