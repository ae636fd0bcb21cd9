"""Who said a quote: speech verbs, names and titles near it, pronouns, carried-over speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui_reader.core.analysis.speaker_finder import SpeakerFinder
from tui_reader.core.analysis.speech_cues import (
    ACCORDING_TO,
    CONJUNCTION_START,
    LEADING_PUNCT,
    NOT_SPEECH_CUE,
    SPEECH_VERB,
    WORK_CUE,
    has_no_letters,
    is_title_case,
)

_WINDOW = 320
# "she told…", "a senior official said": speech, even when no name can be given.
_UNNAMED_SUBJECT = re.compile(r"(?i:he|she|they|we|i|it|(?:a|an|the|one|another)(?: [\w-]+){1,3})")
# A short quote squeezed between two parts of a name is a nickname.
_NAME_BEFORE = re.compile(r"(?<![.!?] )\b[A-Z][\w’'-]+ $")
_NAME_AFTER = re.compile(r" [A-Z][\w’'-]+")
# Between two quotes of one list: "described it as "cruel", "unworkable" and "costly"".
_LIST_SEPARATOR = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*")


@dataclass(frozen=True, slots=True)
class Attribution:
    """What the context says about one quote: whether it is speech, and by whom."""

    speech: bool
    speaker: str | None
    how: str


class Attributor(SpeakerFinder):
    """Attribute the quotes of one article, in order (later quotes can inherit speakers)."""

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
        self.last_speech = result.speech
        return result

    def _attribute(
        self, start: int, end: int, before_start: int, before: str, after: str
    ) -> Attribution:
        """Try the cues in order of reliability; the first that applies decides."""
        words = len(self.text[start:end].split())
        if NOT_SPEECH_CUE.search(before[-40:]) or has_no_letters(self.text[start:end]):
            return Attribution(False, None, "cue")
        if WORK_CUE.search(before[-40:]) and not SPEECH_VERB.search(before):
            return Attribution(False, None, "title")
        if _NAME_BEFORE.search(before) and _NAME_AFTER.match(after) and words <= 4:
            return Attribution(False, None, "nickname")  # Dwayne "The Rock" Johnson
        found = (
            self._before(start, before_start, before)
            or self._trailer(end + 1, after, start)
            or self._labelled(start, before_start, before, words)
            or self._colon_paragraph(start, before)
            or self._neighbours(start, before, words)
        )
        if found:
            return found
        speech = words >= 5 and not is_title_case(self.text[start:end])
        return Attribution(speech, None, "unattributed")

    def _before(self, start: int, before_start: int, before: str) -> Attribution | None:
        """``X said: "…"``, ``X called it "…"``, ``according to X, "…"``."""
        according = list(ACCORDING_TO.finditer(before))
        if according:
            name = self._name_after(before_start + according[-1].end(), start)
            if name:
                return Attribution(True, name, "according")
        verbs = list(SPEECH_VERB.finditer(before))
        if not verbs:
            return None
        verb = verbs[-1]
        speaker = (
            self._subject(before_start, before_start + verb.start(), start)
            or self._name_after(before_start + verb.end(), start)
            or self._clause_subject(before_start + verb.start(), start)
        )
        return Attribution(True, speaker, "before")

    def _labelled(
        self, start: int, before_start: int, before: str, words: int
    ) -> Attribution | None:
        """``Kuenssberg: "…"`` or ``Raina, the Indian delegate, was blunt: "…"``."""
        label = self._transcript_label(before, start)
        if label:
            return Attribution(True, label, "label")
        if before.rstrip().endswith(":") and words > 1 and " " in before.strip():
            colon_at = before_start + len(before.rstrip()) - 1
            speaker = self._subject(before_start, colon_at, start) or self._clause_subject(
                colon_at, start
            )
            if speaker:
                return Attribution(True, speaker, "colon")
        return None

    def _colon_paragraph(self, start: int, before: str) -> Attribution | None:
        """A ``The Foreign Secretary said:`` paragraph right before the quote's paragraph."""
        par = self.layout.paragraph_of(start)
        if before.strip() or par <= 0:
            return None
        prev_start, prev_end = self.layout.paragraph_span(par - 1)
        if not self.text[prev_start:prev_end].rstrip().endswith(":"):
            return None
        verbs = list(SPEECH_VERB.finditer(self.text, prev_start, prev_end))
        if not verbs:
            return None
        speaker = self._subject(prev_start, verbs[-1].start(), start) or self._name_after(
            verbs[-1].end(), prev_end
        )
        return Attribution(True, speaker, "colon-paragraph")

    def _neighbours(self, start: int, before: str, words: int) -> Attribution | None:
        """Carry on the previous quote's speaker, or the previous sentence's subject."""
        par = self.layout.paragraph_of(start)
        last = self.last_quote
        listed = _LIST_SEPARATOR.fullmatch(before) or not before.strip() or words >= 3
        if last and last[0] == par and self.last_speech and listed:
            return Attribution(True, last[2], "continued")
        if last and last[0] == par - 1 and words >= 3:
            return Attribution(True, last[2], "continued")
        if not before.strip() and words >= 2:
            # "Healey was blunt. "We will not be intimidated."": the last sentence's subject.
            subject = self._previous_subject(start - 1)
            if subject:
                return Attribution(True, subject, "previous-sentence")
            speaker = self._previous_paragraph_speaker(start)
            if speaker:
                return Attribution(True, speaker, "previous-paragraph")
        return None

    def _previous_paragraph_speaker(self, start: int) -> str | None:
        """A quote paragraph after ``…, Louise Hellem, said hiring was weak.``: hers."""
        par = self.layout.paragraph_of(start)
        if par <= 0 or start - 1 > self.layout.paragraph_span(par)[0]:
            return None
        prev_start, prev_end = self.layout.paragraph_span(par - 1)
        sentence = max(prev_start, self.layout.sentence_start(prev_end - 1))
        verbs = list(SPEECH_VERB.finditer(self.text, sentence, prev_end))
        if not verbs:
            return None
        return self._subject(sentence, verbs[-1].start(), start) or self._name_after(
            verbs[-1].end(), prev_end
        )

    def _trailer(self, offset: int, after: str, quote_start: int) -> Attribution | None:
        """``"…," he said`` / ``"…" said Smith, a spokesman for X``."""
        lead = LEADING_PUNCT.match(after)
        rest_at = lead.end() if lead else 0
        rest = after[rest_at:]
        if CONJUNCTION_START.match(rest):
            return None
        verb = SPEECH_VERB.search(rest, 0, 90)
        if verb is None or len(rest[: verb.start()].split()) > 7:
            return None
        base = offset + rest_at
        subject = rest[: verb.start()].strip()
        speaker = self._subject(base, base + verb.start(), quote_start)
        if speaker is None and not subject:
            speaker = self._name_after(base + verb.end(), base + len(rest))
        if speaker is None and subject and not _UNNAMED_SUBJECT.fullmatch(subject):
            return None
        return Attribution(True, speaker, "after")
