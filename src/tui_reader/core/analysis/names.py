"""Person and organisation names in news text: title stripping and the fullest in-article name."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

# Capitalised tokens joined by single spaces; a possessive ("BBC's") ends a run.
# Every upper-case letter of the Basic Multilingual Plane (re has no \p{Lu}); scanning only
# from capitals keeps the name index fast on long texts.
_UPPER = "".join(re.escape(ch) for ch in map(chr, range(0x10000)) if ch.isupper())
_TOKEN = rf"(?:[{_UPPER}][\w’'.-]*)"
# Lower-case particles inside names: Ursula von der Leyen, Charles de Gaulle.
_PARTICLE_WORDS = "von van der den de da di du del della la le bin ibn al el ten ter dos"
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES)) + ")"
_RUN_RE = re.compile(rf"(?<![\w’'.-]){_TOKEN}(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])*{_TOKEN})*")


_INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)*")
# What makes `capitalised_runs` look at a match word by word (`runs_within`): a dot, an
# apostrophe (a possessive), a no-break space or a lower-case particle.
_TOKEN_DETAIL = re.compile(r"[.'’\u00a0]| [a-z]")


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read and extend)."""
    return frozenset(words.split())


_DOTTED = word_set("Mr. Mrs. Ms. Dr. St. Sen. Rep. Gov. Gen. Lt. Col. Capt. Prof. Rev. Sgt. Maj.")


TITLES = word_set(
    """Prime Minister President Secretary Chancellor Sir Dame Lord Lady Baroness Baron Dr Mr Mrs
    Ms Miss Mx Professor Prof Rev Reverend Father General Gen Colonel Col Captain Capt Major
    Lieutenant Lt Sergeant Sgt Admiral Commander Judge Justice Senator Sen Rep Representative
    Congressman Congresswoman Governor Gov Mayor Chief Executive Officer CEO Chairman
    Chairwoman Chair Director Deputy Vice Shadow Attorney Speaker Leader King Queen Prince
    Princess Pope Archbishop Bishop Cardinal Ambassador Commissioner Inspector Superintendent
    Constable Detective Coach Manager Councillor Cllr Spokesman Spokeswoman Spokesperson
    Editor Founder Chancellor Premier Sheikh Emir Crown Marshal Commodore Brigadier Dean Rabbi
    Imam Sister Brother Mother"""
)
POSTNOMINALS = word_set("""MP MEP MSP MS AM MLA TD QC KC OBE CBE MBE KBE DBE Jr Sr PhD FRS""")
# Capitalised words that start sentences or clauses but never begin a name.
STOPWORDS = word_set(
    """The A An In On At But And Or If When While As It Its This That These Those He She They We
    I You His Her Their Our My Asked Speaking Pressed According Under From After Before During
    Meanwhile However Also Both Some Many One Two Three Four Five Meanwhile Still Yet So Then
    There Here What Why How Who Where Which Last Next Earlier Later Today Yesterday Tomorrow
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr Not No Yes Now Just
    Even Only Instead Further Finally Overall Despite Although Though Because Since Until
    Unless For To Of By With Without Over Among Between Against Into Through Across Every Each
    Other Another Such Most More Less Few Several All Any Our Your Q A Quoting Citing Addressing
    Writing Responding Reacting Commenting Echoing Following Unlike Like Including Visiting
    Announcing Praising Welcoming Defending Explaining Describing"""
)
ORG_WORDS = word_set(
    """Bank Group Ltd Limited Council Association Party Ministry Department Office Agency Board
    Union Festival League Company Inc Corp Corporation plc PLC University College Committee
    Government News Times Post Energy Institute Foundation Trust Fund Service Services
    Commission Federation Organisation Organization Authority Court Police Army Navy Force
    Club FC Airlines Airways Motors Holdings Partners Capital Media Network Society Centre
    Center"""
)
PRONOUNS = word_set("""he she him her they it we i""")


def split_name(run: str) -> list[str]:
    """Tokens of a capitalised run with leading stopwords, titles and post-nominals removed."""
    tokens = [t.rstrip(".,") for t in run.split()]
    tokens = [t for t in tokens if t and not _INITIAL.fullmatch(t + ".")]
    while tokens and tokens[-1] in POSTNOMINALS:
        tokens.pop()
    last_title = -1
    for index, token in enumerate(tokens):
        if token in TITLES or token in STOPWORDS:
            last_title = index
    return tokens[last_title + 1 :]


def has_title(run: str) -> bool:
    """Whether a capitalised run carries a personal title (``Lord Darling``, ``Dr Okafor``)."""
    return any(t.rstrip(".") in TITLES for t in run.split())


def capitalised_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets of maximal runs of capitalised words in ``text[start:end]``."""
    end = len(text) if end is None else end
    runs: list[tuple[int, int]] = []
    for match in _RUN_RE.finditer(text, start, end):
        if _TOKEN_DETAIL.search(match.group()):
            runs += runs_within(match)
        else:  # capitalised words only (most runs): the run is the match
            runs.append(match.span())
    return runs


def runs_within(match: re.Match[str]) -> list[tuple[int, int]]:
    """The runs of one `_RUN_RE` match, word by word: a possessive ends a run ("BBC's"), so
    does a trailing dot, comma or apostrophe unless it is a title's or an initial's ("Mr.
    Smith")."""
    runs: list[tuple[int, int]] = []
    run_start = None
    pos = match.start()
    for token in match.group().replace("\u00a0", " ").split(" "):
        token_end = pos + len(token)
        capital = token[0].isupper()
        bare = token.rstrip(".,")  # "BBC's." at a sentence's end is a possessive too
        possessive = bare.endswith(("'s", "’s", "s'", "s’"))
        if capital and not possessive:
            run_start = pos if run_start is None else run_start
            trail = len(token) - len(token.rstrip(".,’'"))
            if token in _DOTTED or _INITIAL.fullmatch(token):
                trail = 0  # "Mr. Smith", "George W. Bush" go on
            if trail and run_start is not None:
                runs.append((run_start, token_end - trail))
                run_start = None
        elif capital and run_start is not None:
            # "Ursula von der Leyen's": the possessive ends the run, after its stem ("Jones'"
            # keeps its s). One alone ("BBC's Anna Berg") is no name of its own.
            runs.append((run_start, pos + len(bare) - (1 if bare[-2] == "s" else 2)))
            run_start = None
        elif token in _PARTICLES and run_start is not None:
            pass  # the regex only lets a particle in before another capitalised word
        else:
            if run_start is not None:
                runs.append((run_start, pos - 1))
            run_start = None
        pos = token_end + 1
    if run_start is not None:
        runs.append((run_start, match.end()))
    return runs


@dataclass(frozen=True, slots=True)
class Mention:
    """A name as written at ``start``, with titles removed."""

    start: int
    name: str
    titled: bool
    written: str  # the run as in the text, titles included


class NameIndex:
    """All multi-word names of one article, to expand ``Tusk`` into ``Donald Tusk``."""

    def __init__(self, text: str) -> None:
        self.mentions: list[Mention] = []
        for run_start, run_end in capitalised_runs(text):
            run = text[run_start:run_end]
            tokens = split_name(run)
            if tokens:
                name = " ".join(tokens)
                self.mentions.append(Mention(run_start, name, has_title(run), run))
        self._by_surname: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            if len(mention.name.split()) >= 2:
                self._by_surname.setdefault(mention.name.split()[-1], []).append(mention)
        self.surnames = set(self._by_surname)
        self._surname_starts = {k: [m.start for m in v] for k, v in self._by_surname.items()}
        # First names that belong to exactly one full name in the article.
        firsts: dict[str, set[str]] = {}
        for mentions in self._by_surname.values():
            for mention in mentions:
                firsts.setdefault(mention.name.split()[0], set()).add(mention.name)
        self._by_first_name = {k: next(iter(v)) for k, v in firsts.items() if len(v) == 1}
        self._starts = [m.start for m in self.mentions]
        self._text = text

    # The two word sets below are worked out on first use: two articles in three never ask,
    # and building them was a quarter of indexing an article's names.

    @cached_property
    def lower_words(self) -> set[str]:
        """Words of the article that start with a lower-case letter."""
        return set(re.findall(r"\b[a-z][\w’'-]*", self._text))

    @cached_property
    def _inner_capitals(self) -> set[str]:
        """Capitalised words preceded by a lower-case word or a comma: not sentence-initial."""
        return set(re.findall(r"(?<=[a-z,;] )[A-Z][\w’'-]*", self._text))

    def fullest(self, name: str, near: int) -> str:
        """The fullest in-article form of ``name``: nearest earlier full mention, else later."""
        tokens = name.split()
        same_surname = self._by_surname.get(tokens[-1], [])
        index = bisect_right(self._surname_starts.get(tokens[-1], []), near)
        # Nearest earlier mentions first, then later ones; a long article repeats names often,
        # so only a bounded number are compared.
        ordered = same_surname[max(0, index - 50) : index][::-1] + same_surname[index : index + 50]
        for mention in ordered:
            if set(tokens) <= set(mention.name.split()) and len(mention.name) >= len(name):
                return mention.name
        if len(tokens) == 1 and tokens[0] in self._by_first_name:
            return self._by_first_name[tokens[0]]  # "Sir Keir" → "Keir Starmer"
        return name

    def is_person(self, mention: Mention) -> bool:
        """Whether a mention looks like a person rather than an organisation or a place."""
        tokens = mention.name.split()
        if any(t in ORG_WORDS for t in tokens):
            return False
        return len(tokens) >= 2 or mention.titled or tokens[-1] in self.surnames

    def capitalised_inside(self, token: str) -> bool:
        """Whether ``token`` is written capitalised somewhere other than a sentence start."""
        return token in self._inner_capitals

    def is_organisation(self, mention: Mention) -> bool:
        """A capitalised name that is not a person and not an ordinary word."""
        tokens = mention.name.split()
        if any(t in ORG_WORDS for t in tokens):
            return True
        return not self.is_person(mention) and tokens[0].lower() not in self.lower_words

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions starting in ``[start, end)``."""
        return self.mentions[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
