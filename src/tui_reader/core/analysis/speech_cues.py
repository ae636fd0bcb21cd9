"""Speech verbs and the cue words around quoted text: is it speech, and where is the speaker."""

from __future__ import annotations

import re

from tui_reader.core.analysis.names import word_set

SPEECH_VERB = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|note|notes|noted|"
    r"noting|state|states|stated|explain(?:s|ed|ing)?|warn(?:s|ed|ing)?|insist(?:s|ed|ing)?|"
    r"argue[sd]?|arguing|claim(?:s|ed|ing)?|wrote|writes|writing|repl(?:y|ies|ied|ying)|"
    r"respond(?:s|ed|ing)?|answer(?:s|ed|ing)?|ask(?:s|ed|ing)?|call(?:s|ed|ing)?|"
    r"describe[sd]?|describing|urge[sd]?|urging|announce[sd]?|declare[sd]?|reaffirm(?:s|ed)?|"
    r"acknowledge[sd]?|admit(?:s|ted)?|concede[sd]?|continue[sd]?|recall(?:s|ed)?|"
    r"remark(?:s|ed)?|suggest(?:s|ed)?|tweet(?:s|ed)?|post(?:s|ed)?|vow(?:s|ed)?|pledge[sd]?|"
    r"promise[sd]?|predict(?:s|ed)?|joke[sd]?|quip(?:s|ped)?|complain(?:s|ed)?|"
    r"emphasi[sz]e[sd]?|stress(?:es|ed)?|comment(?:s|ed)?|conclude[sd]?|observe[sd]?|"
    r"boast(?:s|ed)?|brand(?:s|ed)?|label(?:s|led|ed)?|dismiss(?:es|ed)?|hail(?:s|ed)?|"
    r"prais(?:es|ed)|accuse[sd]?|critici[sz]e[sd]?|muse[sd]?|shout(?:s|ed)?|cr(?:y|ies|ied)|"
    r"whisper(?:s|ed)?|agree[sd]?|confirm(?:s|ed)?|den(?:y|ies|ied)|recount(?:s|ed)?|"
    r"reiterate[sd]?|pointed out|went on|laugh(?:s|ed)?|put it|press(?:es|ed)|challenge[sd]?|"
    r"interrupt(?:s|ed)?|retort(?:s|ed)?|snap(?:s|ped)|counter(?:s|ed)|testif(?:y|ies|ied)|"
    r"thank(?:s|ed)?|welcome[sd]?|condemn(?:s|ed)?|slam(?:s|med)?|blast(?:s|ed)?|"
    r"lambast(?:s|ed)?|applaud(?:s|ed)?|decr(?:y|ies|ied)|defend(?:s|ed)?|reject(?:s|ed)?)\b",
    re.IGNORECASE,
)
ACCORDING_TO = re.compile(r"\baccording to\s+", re.IGNORECASE)
# Cues that make quoted words a name, title or scare quote rather than speech.
NOT_SPEECH_CUE = re.compile(
    r"(?:so-called|so called|titled|entitled|headlined|dubbed|nicknamed|named|known as|"
    r"the words?|the terms?|the phrase|the slogan|the hashtag|codenamed|code-named)\s*$",
    re.IGNORECASE,
)
# A work named right before the quote ("her album, "…"", "The study, "…"") — a title, unless
# a speech verb comes first ("called the programme "a bold bet"").
WORK_CUE = re.compile(
    r"(?:album|single|song|track|film|movie|book|novel|memoir|documentary|series|show|play|"
    r"poem|opera|musical|podcast|programme|program|essay|exhibition|campaign|hashtag|study|"
    r"paper|survey|journal|report|article),?\s*$",
    re.IGNORECASE,
)
FILLER = word_set(
    """also later then previously once has had have was is will would again earlier further
    simply repeatedly reportedly recently today yesterday had just subsequently finally never
    always"""
)
CONJUNCTION_START = re.compile(r"^\s*(?:while|and|but|as|when|because|which|who|that|after|if)\b")
ROLE_OF_ORG = re.compile(
    r"(?:spokes(?:man|woman|person)|representative|official|statement|source|sources)\s+"
    r"(?:for|of|from|at)\s+(?:the\s+)?$|"
    r"\s(?:spokes(?:man|woman|person)|representative|official|statement|sources?)\s*$",
    re.IGNORECASE,
)
# Between a person's name and an employer: "Joanna Stern of the Wall Street Journal".
AFFILIATION = re.compile(r"\s+(?:of|at|from|for|with)\s+(?:the\s+)?|\s+of\s+the\s+\w+\s+of\s+")
# Lower-case role words between an organisation and a person: "Unite general secretary".
# (Prepositions and articles excluded: "Ben Beadle of the NRLA" names the person first.)
ROLE_WORDS = re.compile(
    r"(?:\s+(?!(?:of|the|a|an|at|for|from|in|on|with|and|or|to|by)\b)[a-z][a-z-]+){1,4}\s+"
)
LEADING_PUNCT = re.compile(r"^[\s,.;:!?…—–-]*(?:\[[\d,\s–-]{1,40}\]\s*)*")


# Words a title leaves in lower case ("The Life of a Showgirl").
_SMALL_WORDS = word_set("a an the of and or in on at to for with by from as but nor")


def is_title_case(words: str) -> bool:
    """Mostly capitalised words: the title of a work, not a sentence."""
    tokens = [t for t in words.split() if t[:1].isalpha() and t.lower() not in _SMALL_WORDS]
    capitals = sum(1 for t in tokens if t[0].isupper())
    return bool(tokens) and capitals / len(tokens) > 0.7


def has_no_letters(words: str) -> bool:
    """``"25"`` (an album) or ``"..."``: quoted text without a single letter is not speech."""
    return not any(ch.isalpha() for ch in words)
