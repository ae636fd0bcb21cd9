"""British/American spelling equivalence, and the words it must leave alone."""

from __future__ import annotations

import pytest

from tui_reader.core.schema import text_analyzer
from tui_reader.core.spelling import canonical_spelling


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("defence", "defense"),
        ("organised", "organized"),
        ("organisation", "organization"),
        ("colours", "colors"),
        ("favourite", "favorite"),
        ("neighbourhood", "neighborhood"),
        ("centre", "center"),
        ("centred", "centered"),
        ("theatres", "theaters"),
        ("travelled", "traveled"),
        ("signalling", "signaling"),
        ("analysed", "analyzed"),
        ("recognising", "recognizing"),
        ("criticise", "criticize"),
        ("programme", "program"),
        ("licence", "license"),
        ("manoeuvre", "maneuver"),
        ("grey", "gray"),
    ],
)
def test_british_maps_to_american(british: str, american: str) -> None:
    assert canonical_spelling(british) == american
    assert canonical_spelling(american) == american


@pytest.mark.parametrize(
    "word",
    [
        "four", "hour", "tour", "your", "pour", "flour", "for",  # -our that is not a variant
        "promise", "exercise", "otherwise", "surprise", "advertising", "revised", "premises",
        "franchise", "compromise", "enterprise", "sunrise", "appraise", "noise", "raise",
        "called", "filled", "controlled", "installed",  # doubled l in American too
        "acre", "genre", "massacre", "ogre",  # -re that is not a variant
        "is", "as", "series",
    ],
)  # fmt: skip
def test_non_variants_are_left_alone(word: str) -> None:
    assert canonical_spelling(word) == word


def test_analyzer_unifies_spellings_before_stemming() -> None:
    analyse = text_analyzer()
    assert [t.text for t in analyse("defence")] == [t.text for t in analyse("defense")]
    assert [t.text for t in analyse("organised")] == [t.text for t in analyse("organizing")]
    assert [t.text for t in analyse("four")] != [t.text for t in analyse("for")]
