"""Finding the name a speech verb belongs to: subjects, appositives, titles, pronouns."""

from __future__ import annotations

import re
from bisect import bisect_right

from tui_reader.core.analysis.coreference import ORG_NOUN, Coreference
from tui_reader.core.analysis.layout import TextLayout
from tui_reader.core.analysis.names import (
    ORG_WORDS,
    PRONOUNS,
    STOPWORDS,
    Mention,
    NameIndex,
    capitalised_runs,
    has_title,
    split_name,
)
from tui_reader.core.analysis.speech_cues import AFFILIATION, FILLER, ROLE_OF_ORG, ROLE_WORDS

# After a name that follows "said": a lower-case word that is not "of"/"who" means the name
# starts a reported clause ("said Europe must act") instead of naming the speaker.
# After "said X", a lower-case word that starts a clause ("said Europe must…") makes X its
# subject, not the speaker; words of place, time and manner ("said Ada Lovelace on Tuesday",
# "…to reporters", "…in a statement") do not.
_CLAUSE_GOES_ON = re.compile(
    r" (?!(?:of|who|from|at|for|and|in|on|to|last|this|yesterday|today|tonight|earlier|later|"
    r"after|before|during|when|while|as|with|via|outside|ahead|late|early)\b)[a-z]"
)


# "the prime minister said": a title in lower case, to match against "Prime Minister X".
_LOWER_CASE_TITLE = re.compile(
    r"\b[Tt]he\s+((?:[a-z]+\s+){0,2}(?:minister|president|chancellor|secretary|mayor|governor|"
    r"premier|senator|chairman|chairwoman|chief executive|leader|commissioner|ambassador))$"
)


_BARE_SPOKESPERSON = re.compile(r"(?:^|\s)(?:a|an|the|its)\s+spokes(?:man|woman|person)$", re.I)


def _without_article(run: str) -> str:
    """``The Foreign Secretary David Lammy`` → ``foreign secretary david lammy``."""
    lowered = run.lower()
    return lowered[4:] if lowered.startswith("the ") else lowered


class SpeakerFinder:
    """Name lookups around one article's speech verbs; keeps the speakers found so far."""

    def __init__(self, text: str, layout: TextLayout) -> None:
        self.text = text
        self.layout = layout
        self.names = NameIndex(text)
        self.coreference = Coreference(text, layout, self.names)
        self.speakers: list[tuple[int, str]] = []  # (offset, speaker) of attributed quotes
        self.last_quote: tuple[int, int, str | None] | None = None  # paragraph, end, speaker
        self.last_speech = False  # whether the last quote was speech
        self._holders: dict[str, tuple[list[Mention], list[int]]] = {}

    def _transcript_label(self, before: str, quote_start: int) -> str | None:
        """``Kuenssberg: "…"`` — a known name (not ``Interview:``) labelling the quote."""
        match = re.fullmatch(r"\s*([^\W\d_][\w’'. -]{0,60}?)\s*:\s*", before)
        if not match:
            return None
        tokens = split_name(match.group(1))
        if not tokens or not all(t[0].isupper() for t in tokens) or len(tokens) > 4:
            return None
        if len(tokens) == 1 and tokens[0] not in self.names.surnames:
            return None
        return self.names.fullest(" ".join(tokens), quote_start)

    def _previous_subject(self, open_mark: int) -> str | None:
        """The person the sentence before ``open_mark`` is about, if it names one."""
        par = self.layout.paragraph_of(open_mark)
        par_start = self.layout.paragraph_span(par)[0]
        if open_mark <= par_start and par > 0:
            prev_start, prev_end = self.layout.paragraph_span(par - 1)
            if not self.text[prev_start:prev_end].rstrip().endswith(":"):
                return None
            sentence = self.layout.sentence_start(prev_end - 1)
        else:
            sentence = self.layout.sentence_start(max(par_start, open_mark - 1))
        for mention in self.coreference.subjects(sentence, open_mark)[:1]:
            if self.names.is_person(mention) and mention.start < open_mark:
                return self.names.fullest(mention.name, open_mark)
        return None

    def _title_holder(self, run: str, near: int) -> str | None:
        """``The Prime Minister`` → the name written after that title elsewhere in the article."""
        title = " ".join(t for t in run.split() if t.lower() != "the").lower()
        if not title:
            return None
        if title not in self._holders:  # cached: long articles repeat "the minister said"
            found = [
                m
                for m in self.names.mentions
                if _without_article(m.written).startswith(title + " ") and len(m.name.split()) >= 2
            ]
            self._holders[title] = (found, [m.start for m in found])
        holders, starts = self._holders[title]
        if not holders:
            return None
        index = bisect_right(starts, near)
        return holders[index - 1].name if index else holders[0].name

    def _subject(self, start: int, verb_at: int, quote_start: int) -> str | None:
        """The name or pronoun right before a speech verb, skipping fillers and appositives."""
        segment = self.text[start:verb_at].rstrip()
        for _ in range(4):
            last = segment.rsplit(None, 1)
            if (len(last) == 2 and last[1].lower() in FILLER) or last[-1:] == ["n't"]:
                segment = last[0].rstrip()
            elif len(last) == 1 and last[0].lower() in FILLER:
                segment = ""
            else:
                break
        if segment.endswith(","):
            # "the French president, Emmanuel Macron, said": the name between the commas.
            between = self._run_ending_at(start, start + len(segment) - 1)
            introduced = re.search(r",\s+[^,]+,$", segment)
            name_only = introduced and between and segment[introduced.start() + 1 :].strip(" ,")
            if between and name_only and split_name(name_only) == between.split():
                return self.names.fullest(between, quote_start)
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
        title = _LOWER_CASE_TITLE.search(segment)
        if title:
            return self._title_holder(title.group(1), start)
        if ROLE_OF_ORG.search(segment):
            runs = capitalised_runs(self.text, start, start + len(segment))
            if runs:
                tokens = split_name(self.text[runs[-1][0] : runs[-1][1]])
                if tokens:
                    return " ".join(tokens)
            if _BARE_SPOKESPERSON.search(segment):
                return self.coreference.resolve_organisation(start)  # "…," a spokeswoman said
        return None

    def _run_ending_at(self, start: int, end: int) -> str | None:
        runs = capitalised_runs(self.text, max(start, end - 160), end)
        if not runs or runs[-1][1] != end:
            return None
        index = first = len(runs) - 1
        # "Joanna Stern of the University of Bristol said": the person, not the employer.
        while first > 0 and AFFILIATION.fullmatch(self.text[runs[first - 1][1] : runs[first][0]]):
            first -= 1
        person = self.text[runs[first][0] : runs[first][1]]
        if first < index and (len(split_name(person)) >= 2 or has_title(person)):
            index = first
        elif first < index:
            chain = self.text[runs[first][0] : runs[index][1]]
            if any(word in ORG_WORDS for word in chain.split()):
                return " ".join(w for w in chain.split() if w not in ("The", "the"))
        run_start, run_end = runs[index]
        tokens = split_name(self.text[run_start:run_end])
        if not tokens and has_title(self.text[run_start:run_end]):
            return self._title_holder(self.text[run_start:run_end], run_start)
        if not tokens or len(tokens) > 4:
            return None
        if len(tokens) == 1 and self._common_word(tokens[0], run_start):
            return None
        return " ".join(tokens)

    def _common_word(self, token: str, at: int) -> bool:
        """A lone sentence-initial capital ("Critics") is a name only if the article says so."""
        if self.layout.sentence_start(at) != at and token not in STOPWORDS:
            return False
        if token.lower() in self.names.lower_words or token in STOPWORDS:
            return True
        if token in self.names.surnames or self.names.capitalised_inside(token):
            return False
        return token.endswith("s")  # "Critics", "Residents": plural nouns, not surnames

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
        if len(runs) > 1 and ROLE_WORDS.fullmatch(self.text[runs[0][1] : runs[1][0]]):
            chosen = runs[1]
        if _CLAUSE_GOES_ON.match(self.text, chosen[1]):
            return None  # "said Europe must…": the subject of the reported clause
        tokens = split_name(self.text[chosen[0] : chosen[1]])
        return self.names.fullest(" ".join(tokens), offset) if tokens else None

    def _clause_subject(self, verb_at: int, quote_start: int) -> str | None:
        """The sentence's subject, or the speaker of an earlier quote in the same sentence."""
        sentence_start = self.layout.sentence_start(verb_at)
        if self.last_quote and self.last_quote[1] >= sentence_start and self.last_quote[2]:
            return self.last_quote[2]
        near = [
            m
            for m in self.names.mentions_between(sentence_start, verb_at)
            if m.start - sentence_start <= 60
        ]
        for mention in near:
            if self.names.is_person(mention):
                return self.names.fullest(mention.name, quote_start)
        participle = self.text[verb_at : verb_at + 20].split(None, 1)[0].endswith("ing")
        for mention in near[:1] if participle else []:
            opens = self.text[sentence_start : mention.start].strip() in ("", "The", "the")
            if opens and self.names.is_organisation(mention):
                return mention.name  # "The Guardian gave it three stars, calling it "…""
        words = self.text[sentence_start:verb_at].split()
        if words and words[0].lower() in ("he", "she"):
            return self._resolve_pronoun(words[0].lower(), quote_start)
        return None

    def _resolve_pronoun(self, pronoun: str, at: int) -> str | None:
        return self.coreference.resolve_pronoun(pronoun, at, self.speakers)
