"""Who said a quote: speech verbs, names and titles near it, pronouns, carried-over speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_reader.core.analysis.coreference import ORG_NOUN, Coreference
from tui_reader.core.analysis.layout import TextLayout
from tui_reader.core.analysis.names import (
    PRONOUNS,
    STOPWORDS,
    NameIndex,
    capitalised_runs,
    has_title,
    split_name,
    word_set,
)

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
    r"interrupt(?:s|ed)?|retort(?:s|ed)?|snap(?:s|ped)|counter(?:s|ed)|testif(?:y|ies|ied))\b",
    re.IGNORECASE,
)
_ACCORDING_TO = re.compile(r"\baccording to\s+", re.IGNORECASE)
# Cues that make quoted words a name, title or scare quote rather than speech.
_NOT_SPEECH_CUE = re.compile(
    r"(?:so-called|so called|titled|entitled|headlined|dubbed|nicknamed|named|known as|"
    r"the words?|the terms?|the phrase|the slogan|the hashtag|codenamed|code-named|"
    r"the book|the film|the song|the album|the show|the series|the report|the article|the play)"
    r"\s*$",
    re.IGNORECASE,
)
_FILLER = word_set(
    """also later then previously once has had have was is will would again earlier further
    simply repeatedly reportedly recently today yesterday had just subsequently finally never
    always"""
)
_CONJUNCTION_START = re.compile(r"^\s*(?:while|and|but|as|when|because|which|who|that|after|if)\b")
_ROLE_OF_ORG = re.compile(
    r"(?:spokes(?:man|woman|person)|representative|official|statement|source|sources)\s+"
    r"(?:for|of|from|at)\s+(?:the\s+)?$|"
    r"\s(?:spokes(?:man|woman|person)|representative|official|statement|sources?)\s*$",
    re.IGNORECASE,
)
# Between a person's name and an employer: "Joanna Stern of the Wall Street Journal".
_AFFILIATION = re.compile(r"\s+(?:of|at|from|for|with)\s+(?:the\s+)?|\s+of\s+the\s+\w+\s+of\s+")
# Lower-case role words between an organisation and a person: "Unite general secretary".
_ROLE_WORDS = re.compile(r"(?:\s+[a-z][a-z-]+){1,4}\s+")
_LEADING_PUNCT = re.compile(r"^[\s,.;:!?…—–-]*(?:\[[\d,\s–-]{1,40}\]\s*)*")
_WINDOW = 320


@dataclass(frozen=True, slots=True)
class Attribution:
    """What the context says about one quote: whether it is speech, and by whom."""

    speech: bool
    speaker: str | None
    how: str


class Attributor:
    """Attribute the quotes of one article, in order (later quotes can inherit speakers)."""

    def __init__(self, text: str, layout: TextLayout) -> None:
        self.text = text
        self.layout = layout
        self.names = NameIndex(text)
        self.coreference = Coreference(text, layout, self.names)
        self.speakers: list[tuple[int, str]] = []  # (offset, speaker) of attributed quotes
        self.last_quote: tuple[int, int, str | None] | None = None  # paragraph, end, speaker

    def attribute(self, start: int, end: int, next_open: int) -> Attribution:
        """Attribute the quote ``text[start:end]`` whose next quote opens at ``next_open``."""
        text, layout = self.text, self.layout
        open_mark, par = start - 1, layout.paragraph_of(start)
        par_start = layout.paragraph_span(max(par, 0))[0]
        prev_end = self.last_quote[1] + 1 if self.last_quote else 0
        before_start = max(
            layout.sentence_start(open_mark), prev_end, par_start, open_mark - _WINDOW
        )
        before = text[before_start:open_mark]
        after_end = min(
            next_open, layout.paragraph_span(layout.paragraph_of(end))[1], end + _WINDOW
        )
        after_end = min(after_end, max(layout.next_sentence_start(end + 1), end + 1))
        result = self._attribute(start, end, before_start, before, text[end + 1 : after_end])
        if result.speaker:
            self.speakers.append((start, result.speaker))
        self.last_quote = (layout.paragraph_of(end), end, result.speaker)
        return result

    def _attribute(
        self, start: int, end: int, before_start: int, before: str, after: str
    ) -> Attribution:
        words = len(self.text[start:end].split())
        if _NOT_SPEECH_CUE.search(before[-40:]):
            return Attribution(False, None, "cue")
        according = list(_ACCORDING_TO.finditer(before))
        if according:
            name = self._name_after(before_start + according[-1].end(), start)
            if name:
                return Attribution(True, name, "according")
        verbs = list(SPEECH_VERB.finditer(before))
        if verbs:
            verb = verbs[-1]
            speaker = self._subject(before_start, before_start + verb.start(), start)
            if speaker is None:
                speaker = self._name_after(before_start + verb.end(), start)
            if speaker is None:
                speaker = self._clause_subject(before_start + verb.start(), start)
            return Attribution(True, speaker, "before")
        if before.rstrip().endswith(":") and words > 1:
            # "Chandni Raina, the Indian delegate, was blunt: "…"" — no verb, but a colon.
            colon_at = before_start + len(before.rstrip()) - 1
            speaker = self._subject(before_start, colon_at, start) or self._clause_subject(
                colon_at, start
            )
            if speaker:
                return Attribution(True, speaker, "colon")
        trailer = self._trailer(end + 1, after, start)
        if trailer is not None:
            return trailer
        label = self._transcript_label(before_start, before, start)
        if label:
            return Attribution(True, label, "label")
        par = self.layout.paragraph_of(start)
        if not before.strip() and par > 0:
            prev_start, prev_end = self.layout.paragraph_span(par - 1)
            if self.text[prev_start:prev_end].rstrip().endswith(":"):
                colon_verbs = list(SPEECH_VERB.finditer(self.text, prev_start, prev_end))
                if colon_verbs:
                    verb_at = colon_verbs[-1].start()
                    speaker = self._subject(prev_start, verb_at, start) or self._name_after(
                        colon_verbs[-1].end(), prev_end
                    )
                    return Attribution(True, speaker, "colon-paragraph")
        if self.last_quote and self.last_quote[0] >= par - 1 and words >= 3:
            return Attribution(True, self.last_quote[2], "continued")
        speech = words >= 5 and not _title_case(self.text[start:end])
        return Attribution(speech, None, "unattributed")

    def _trailer(self, offset: int, after: str, quote_start: int) -> Attribution | None:
        """``"…," he said`` / ``"…" said Smith, a spokesman for X``."""
        lead = _LEADING_PUNCT.match(after)
        rest_at = lead.end() if lead else 0
        rest = after[rest_at:]
        if _CONJUNCTION_START.match(rest):
            return None
        verb = SPEECH_VERB.search(rest, 0, 90)
        if verb is None or len(rest[: verb.start()].split()) > 7:
            return None
        base = offset + rest_at
        speaker = self._subject(base, base + verb.start(), quote_start)
        if speaker is None and not rest[: verb.start()].strip():
            speaker = self._name_after(base + verb.end(), base + len(rest))
        if speaker is None and rest[: verb.start()].strip():
            return None
        return Attribution(True, speaker, "after")

    def _transcript_label(self, before_start: int, before: str, quote_start: int) -> str | None:
        match = re.fullmatch(r"\s*([^\W\d_][\w’'. -]{0,60}?)\s*:\s*", before)
        if not match:
            return None
        tokens = split_name(match.group(1))
        if not tokens or not all(t[0].isupper() for t in tokens) or len(tokens) > 4:
            return None
        return self.names.fullest(" ".join(tokens), quote_start)

    def _subject(self, start: int, verb_at: int, quote_start: int) -> str | None:
        """The name or pronoun right before a speech verb, skipping fillers and appositives."""
        segment = self.text[start:verb_at].rstrip()
        for _ in range(4):
            last = segment.rsplit(None, 1)
            if (len(last) == 2 and last[1].lower() in _FILLER) or last[-1:] == ["n't"]:
                segment = last[0].rstrip()
            elif len(last) == 1 and last[0].lower() in _FILLER:
                segment = ""
            else:
                break
        if segment.endswith(","):
            comma = segment[:-1].rfind(",")
            head = segment[:comma].rstrip() if comma >= 0 else ""
            if head and self._run_ending_at(start, start + len(head)):
                segment = head
        if not segment:
            return None
        last_word = segment.rsplit(None, 1)[-1]
        if last_word.lower() in PRONOUNS:
            return self._resolve_pronoun(last_word.lower(), quote_start)
        name = self._run_ending_at(start, start + len(segment))
        if name:
            return self.names.fullest(name, quote_start)
        if ORG_NOUN.search(segment):
            return self.coreference.resolve_organisation(start)
        if _ROLE_OF_ORG.search(segment):
            runs = capitalised_runs(self.text, start, start + len(segment))
            if runs:
                tokens = split_name(self.text[runs[-1][0] : runs[-1][1]])
                if tokens:
                    return " ".join(tokens)
        return None

    def _run_ending_at(self, start: int, end: int) -> str | None:
        runs = capitalised_runs(self.text, max(start, end - 160), end)
        if not runs or runs[-1][1] != end:
            return None
        index = first = len(runs) - 1
        # "Joanna Stern of the University of Bristol said": the person, not the employer.
        while first > 0 and _AFFILIATION.fullmatch(self.text[runs[first - 1][1] : runs[first][0]]):
            first -= 1
        person = self.text[runs[first][0] : runs[first][1]]
        if first < index and (len(split_name(person)) >= 2 or has_title(person)):
            index = first
        run_start, run_end = runs[index]
        tokens = split_name(self.text[run_start:run_end])
        if not tokens or len(tokens) > 4:
            return None
        if len(tokens) == 1 and self._common_word(tokens[0], run_start):
            return None
        return " ".join(tokens)

    def _common_word(self, token: str, at: int) -> bool:
        """A sentence-initial capital on a word also written in lower case is not a name."""
        if self.layout.sentence_start(at) != at and token not in STOPWORDS:
            return False
        return token.lower() in self.names.lower_words

    def _name_after(self, offset: int, limit: int) -> str | None:
        """``said Connor Spielmaier, a spokesman…`` / ``according to the British government``."""
        segment = self.text[offset : min(limit, offset + 120)]
        match = re.match(
            r"\s*(?:(?:the|a|an|its|his|her|their|our)\s+(?:[a-z’'-]+\s+){0,4}[a-z’'-]*,?\s*)?",
            segment,
        )
        skip = match.end() if match else 0
        runs = capitalised_runs(self.text, offset + skip, offset + len(segment))
        if not runs or runs[0][0] != offset + skip:
            word = segment[skip:].split(None, 1)
            if word and word[0].lower().strip(",.") in ("he", "she"):
                return self._resolve_pronoun(word[0].lower().strip(",."), offset)
            return None
        chosen = runs[0]
        # "said Unite general secretary Sharon Graham": organisation, role, then the person.
        if len(runs) > 1 and _ROLE_WORDS.fullmatch(self.text[runs[0][1] : runs[1][0]]):
            chosen = runs[1]
        tokens = split_name(self.text[chosen[0] : chosen[1]])
        return self.names.fullest(" ".join(tokens), offset) if tokens else None

    def _clause_subject(self, verb_at: int, quote_start: int) -> str | None:
        """The sentence's subject, or the speaker of an earlier quote in the same sentence."""
        sentence_start = self.layout.sentence_start(verb_at)
        if self.last_quote and self.last_quote[1] >= sentence_start and self.last_quote[2]:
            return self.last_quote[2]
        for mention in self.names.mentions_between(sentence_start, verb_at):
            if mention.start - sentence_start > 60:
                break
            if self.names.is_person(mention):
                return self.names.fullest(mention.name, quote_start)
        words = self.text[sentence_start:verb_at].split()
        if words and words[0].lower() in ("he", "she"):
            return self._resolve_pronoun(words[0].lower(), quote_start)
        return None

    def _resolve_pronoun(self, pronoun: str, at: int) -> str | None:
        return self.coreference.resolve_pronoun(pronoun, at, self.speakers)


def _title_case(words: str) -> bool:
    """Mostly capitalised words: the title of a work, not a sentence."""
    tokens = [t for t in words.split() if t[:1].isalpha()]
    capitals = sum(1 for t in tokens if t[0].isupper())
    return bool(tokens) and capitals / len(tokens) > 0.7
