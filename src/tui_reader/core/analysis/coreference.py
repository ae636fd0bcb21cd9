"""Who "he", "she" or "the company" refers to: the latest fitting subject named before."""

from __future__ import annotations

import re
from bisect import bisect_left

from tui_reader.core.analysis.gender import Gender, gender_of, pronoun_gender
from tui_reader.core.analysis.layout import TextLayout
from tui_reader.core.analysis.names import Mention, NameIndex

# How far back (characters) a pronoun or "the company" may reach for its referent.
_REACH = 3000
# Only the most recent subjects are candidates (also keeps long articles fast).
_RECENT = 12
# A subject is named near the start of its sentence.
_SUBJECT_SPAN = 60
ORG_NOUN = re.compile(
    r"\b(?:the|its|a)\s+(?:company|firm|group|bank|retailer|airline|carrier|council|ministry|"
    r"department|agency|charity|club|union|government|organisation|organization|business|"
    r"chain|grocer|supermarket|lender|insurer|operator|manufacturer|maker|carmaker|"
    r"chipmaker|regulator|watchdog|party|campaign|team|office|board|institute|university|"
    r"foundation|trust|network|broadcaster|publisher|platform|developer)(?:'s|’s)?"
    r"(?:\s+(?:analysts|economists|researchers|spokesman|spokeswoman|spokesperson|staff|"
    r"executives|officials|statement|boss|chief|lawyers|strategists))?\s*$",
    re.IGNORECASE,
)


# One or two lower-case role words between an organisation and a name: "Arsenal manager".
_ROLE_BETWEEN = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:manager|owner|leader|boss|chief|coach|captain|chairman|chair|"
    r"president|director|spokes(?:man|woman|person)|founder|head|secretary|minister|official|"
    r"executive|analyst|economist|striker|midfielder|defender|goalkeeper|star|singer|actor|"
    r"actress|player|forward|winger|mayor|governor|senator|councillor|correspondent|editor|"
    r"presenter|campaigner|lawyer|prosecutor|judge|officer|commander|general|envoy|"
    r"ambassador|adviser|advisor|aide|researcher|scientist|professor|doctor)\s+"
)


class Coreference:
    """Resolve pronouns and organisation nouns to names given earlier in one article."""

    def __init__(self, text: str, layout: TextLayout, names: NameIndex) -> None:
        self.text = text
        self.layout = layout
        self.names = names
        self._genders: dict[str, Gender | None] = {}
        self._subjects: list[Mention] | None = None
        self._subject_starts: list[int] = []

    def gender(self, name: str) -> Gender | None:
        """A person's gender as any mention with the same surname reveals it."""
        surname = name.split()[-1]
        if surname not in self._genders:
            found: Gender | None = None
            for mention in self.names.mentions:
                if mention.name.split()[-1] == surname:
                    found = gender_of(mention.written) or gender_of(mention.name)
                    if found:
                        break
            self._genders[surname] = found
        return self._genders[surname]

    def subjects(self, start: int, end: int) -> list[Mention]:
        """The first name in each sentence (near its start) in ``[start, end)``: the subjects."""
        if self._subjects is None:
            self._subjects = self._find_subjects()
            self._subject_starts = [m.start for m in self._subjects]
        return self._subjects[
            bisect_left(self._subject_starts, start) : bisect_left(self._subject_starts, end)
        ]

    def _find_subjects(self) -> list[Mention]:
        subjects: list[Mention] = []
        last_sentence = -1
        mentions = self.names.mentions
        for index, mention in enumerate(mentions):
            sentence = self.layout.sentence_start(mention.start)
            if sentence == last_sentence or mention.start - sentence >= _SUBJECT_SPAN:
                continue
            if self._is_common_word(mention, sentence):
                continue
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            if following and _ROLE_BETWEEN.fullmatch(
                self.text[mention.start + len(mention.written) : following.start]
            ):
                mention = following  # "Mall owner Westfield", "City manager Pep Guardiola"
            subjects.append(mention)
            last_sentence = sentence
        return subjects

    def _is_common_word(self, mention: Mention, sentence: int) -> bool:
        """A lone sentence-initial capital on an ordinary word ("Shares", "Residents")."""
        tokens = mention.name.split()
        return (
            len(tokens) == 1
            and mention.start == sentence
            and tokens[0].lower() in self.names.lower_words
        )

    def resolve_pronoun(self, pronoun: str, at: int, speakers: list[tuple[int, str]]) -> str | None:
        """He/she: the latest person named as a subject (or speaker) whose gender fits."""
        wanted = pronoun_gender(pronoun)
        if wanted is None:
            return None
        candidates: list[tuple[int, str]] = [
            (m.start, m.name)
            for m in self.subjects(max(0, at - _REACH), at)[-_RECENT:]
            if self.names.is_person(m)
        ]
        candidates += [(start, name) for start, name in speakers[-8:] if start >= at - _REACH]
        for _, name in sorted(candidates, reverse=True):
            if self.gender(name) in (None, wanted):
                return self.names.fullest(name, at)
        return None

    def resolve_organisation(self, at: int) -> str | None:
        """ "The company": the latest subject that is not a person."""
        for mention in reversed(self.subjects(max(0, at - _REACH), at)[-_RECENT:]):
            if not self.names.is_person(mention) or self._looks_like_organisation(mention):
                return mention.name
        return None

    def _looks_like_organisation(self, mention: Mention) -> bool:
        tokens = mention.name.split()
        return not mention.titled and self.gender(mention.name) is None and len(tokens) <= 3
