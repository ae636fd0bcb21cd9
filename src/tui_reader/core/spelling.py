"""British/American spelling equivalence: map a lower-case word to its American spelling.

Applied to every word before stemming, at index time and at query time, so `defence` and `defense`,
`organised` and `organized`, `centre` and `center` become the same term. Rules fire only on curated
stems or with exception lists, because blind rules break real words: `four` is not `for`, `tour` is
not `tor`, `promise` is not `promize`, `called` is not `caled`.
"""

from __future__ import annotations

from functools import lru_cache

# Whole-word variants that no rule covers (British -> American).
_WORDS = {
    "aeroplane": "airplane",
    "aluminium": "aluminum",
    "ageing": "aging",
    "cheque": "check",
    "cheques": "checks",
    "cosy": "cozy",
    "draught": "draft",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "grey": "gray",
    "jewellery": "jewelry",
    "judgement": "judgment",
    "judgements": "judgments",
    "acknowledgement": "acknowledgment",
    "kerb": "curb",
    "mould": "mold",
    "moustache": "mustache",
    "plough": "plow",
    "programme": "program",
    "programmes": "programs",
    "pyjamas": "pajamas",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "scepticism": "skepticism",
    "skilful": "skillful",
    "storey": "story",
    "tyre": "tire",
    "tyres": "tires",
    "wilful": "willful",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "manoeuvring": "maneuvering",
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "licence": "license",
    "licences": "licenses",
    "pretence": "pretense",
}

# -our words whose American form drops the u (colour -> color). Any inflection starting with the
# stem is mapped (colours, coloured, colourful, favourite, honourable, neighbourhood, ...).
_OUR_STEMS = (
    "ardour", "armour", "behaviour", "candour", "clamour", "colour", "demeanour", "endeavour",
    "favour", "fervour", "flavour", "harbour", "honour", "humour", "labour", "neighbour", "odour",
    "parlour", "rancour", "rigour", "rumour", "saviour", "savour", "splendour", "tumour", "valour",
    "vapour", "vigour",
)  # fmt: skip

# -re words spelled -er in American English (centre -> center); whole words and their -s/-d forms.
_RE_STEMS = (
    "calibre", "centre", "fibre", "goitre", "litre", "lustre", "meagre", "metre", "mitre", "ochre",
    "reconnoitre", "sabre", "sceptre", "sepulchre", "sombre", "spectre", "theatre", "titre",
    "kilometre", "centimetre", "millimetre", "epicentre",
)  # fmt: skip

# Verbs that double a final l in British English only (travelled / traveled).
_DOUBLE_L_STEMS = (
    "cancel", "channel", "counsel", "dial", "duel", "equal", "fuel", "label", "level", "libel",
    "marshal", "model", "panel", "parcel", "pedal", "quarrel", "revel", "rival", "shovel",
    "signal",
    "spiral", "total", "travel", "tunnel", "marvel", "jewel", "initial", "yodel", "grovel",
    "snorkel",
)  # fmt: skip

# -ise words that are *not* spelling variants (their -ize form is not a word), matched exactly;
# compounds are caught by the suffixes below (otherwise, sunrise, appraise, disguise, revise).
_ISE_EXCEPTIONS = frozenset((
    "advertise", "apprise", "chastise", "circumcise", "comprise", "compromise", "concise", "demise",
    "despise", "excise", "exercise", "expertise", "franchise", "incise", "merchandise", "premise",
    "precise", "promise", "reprise", "noise", "poise", "cruise", "bruise", "paradise", "treatise",
    "anise", "mortise", "tortoise", "porpoise", "valise", "cerise", "chemise", "marquise",
    "turquoise", "chaise",
))  # fmt: skip
_ISE_EXCEPTION_SUFFIXES = ("wise", "rise", "praise", "guise", "prise", "vise")
_ISE_ENDINGS = ("isations", "isation", "ising", "ised", "isers", "iser", "ises", "ise")
_YSE_STEMS = ("analys", "paralys", "catalys", "dialys", "electrolys", "hydrolys")


def _ise_to_ize(word: str) -> str | None:
    for ending in _ISE_ENDINGS:
        if word.endswith(ending):
            base = word[: -len(ending)]
            # Short bases are nearly all real -ise words (rise, wise, noise, raise) or ambiguous.
            if len(base) < 4:
                return None
            word_ise = base + "ise"
            if word_ise in _ISE_EXCEPTIONS or word_ise.endswith(_ISE_EXCEPTION_SUFFIXES):
                return None
            return base + ending.replace("is", "iz", 1)
    return None


def _inflected_forms() -> dict[str, str]:
    """Every -re and doubled-l form, spelled out once, so a lookup replaces a loop per word."""
    forms: dict[str, str] = {}
    for stem in _RE_STEMS:
        american = stem[:-2] + "er"
        forms[stem], forms[stem + "s"] = american, american + "s"
        forms[stem + "d"], forms[stem[:-1] + "ing"] = american + "ed", american + "ing"
    for stem in _DOUBLE_L_STEMS:
        for suffix in ("led", "ling", "ler", "lers"):
            forms[stem + suffix] = stem + suffix[1:]
    return forms


_FORMS = {**_inflected_forms(), **_WORDS}
# The British words whose American spelling starts with other letters (`kerb` -> `curb`): with
# stemming's second y -> i, the only words whose index term does not begin as the word does.
RESPELLED_OPENINGS = {british: us for british, us in _FORMS.items() if british[:2] != us[:2]}


@lru_cache(maxsize=65536)
def canonical_spelling(word: str) -> str:
    """Return the American spelling of a lower-case British `word`, or `word` unchanged.

    >>> canonical_spelling("organised"), canonical_spelling("defence"), canonical_spelling("four")
    ('organized', 'defense', 'four')
    """
    if len(word) < 4 or not word.isalpha():
        return word
    if word in _FORMS:
        return _FORMS[word]
    # Cheap substring tests first: most words contain none of these and return at once.
    if "our" in word:
        for stem in _OUR_STEMS:
            if word.startswith(stem):
                return stem[:-2] + "r" + word[len(stem) :]
    if "ys" in word:
        for stem in _YSE_STEMS:
            if word.startswith(stem + "e"):  # analyse, analysed, analyses -> analyze ...
                return stem.replace("ys", "yz") + word[len(stem) :]
    if "is" in word:
        return _ise_to_ize(word) or word
    return word
