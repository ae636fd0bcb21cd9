"""Word lists for the article generator: news words by frequency, names, places, spelling pairs."""

from __future__ import annotations

import random


def _split(text: str, separator: str | None = None) -> list[str]:
    """Word lists are kept as wrapped text: easier to read and edit than long list literals."""
    return [" ".join(item.split()) for item in text.split(separator) if item.strip()]


# Most frequent first, roughly as in English news text; multi-word items make phrases like
# "prime minister" co-occur the way they do in real articles.
NEWS_WORDS = _split(
    """
the of to and a in that is for on said with was as it by at from he be has have are his
an its not but this which they were been will had who their more would after also than
one two new or year about up all over people government we when last there out into first
she her time could can no only other years what some minister president against three because
state police country new can week told if most like world between percent during just such
million before national security since them where officials under while may even public
prime minister report company many both several told reporters day month last year city
billion four party former through any military defence economy support plan plans court
war talks agreement deal leader leaders including south north east west european union
market markets bank banks interest rates inflation prices price growth trade tariffs jobs
workers union unions health hospital hospitals patients doctors school schools students
children families energy oil gas power climate change emissions election elections vote
voters campaign parliament congress senate law laws bill policy policies border migrants
immigration foreign affairs troops forces army navy attack attacks missile missiles drone
drones ceasefire peace treaty alliance nato sanctions russia ukraine china united states
britain france germany poland japan india israel gaza iran europe london washington
warsaw paris berlin brussels kyiv moscow beijing investigation investigators charges
trial judge jury prosecutors evidence victims family community council local residents
housing homes building construction transport rail trains airport flights passengers
water flooding storm weather fire emergency services officials spokesman spokeswoman
statement announced announcement expected continue increase decrease rise fall record
highest lowest according data survey analysts economists forecast quarter annual budget
spending tax taxes cuts debt deficit funding investment investors shares stock exchange
technology companies digital online internet data privacy artificial intelligence
software chips industry manufacturing factory factories production exports imports
cooperation partnership programme centre labour organised defence favour behaviour
analyse recognise realise criticise travelled licence offence neighbour emphasise colour
agreed warned called added described confirmed denied rejected approved signed launched
began ended remain remained reached raised cut hit hold held meet met visit visited
strategy strategic regional global international domestic significant major key critical
historic urgent serious growing strong weak higher lower largest biggest smaller smallest
crisis risk risks threat threats challenge challenges response pressure concerns concern
question questions decision decisions action measures steps efforts pledge promise
"""
)

# British -> American. A whole article uses one house style, as real outlets do.
SPELLING_PAIRS = {
    "defence": "defense",
    "organised": "organized",
    "centre": "center",
    "programme": "program",
    "labour": "labor",
    "favour": "favor",
    "behaviour": "behavior",
    "analyse": "analyze",
    "recognise": "recognize",
    "realise": "realize",
    "criticise": "criticize",
    "travelled": "traveled",
    "licence": "license",
    "offence": "offense",
    "neighbour": "neighbor",
    "emphasise": "emphasize",
    "colour": "color",
}

FIRST_NAMES = _split(
    """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William
Barbara Richard Susan Joseph Jessica Thomas Sarah Karol Anna Piotr Keir Rachel Yvette Emmanuel
Olaf Donald Ursula Volodymyr Fatima Amir Priya Rahul Mei Hiroshi Sofia Luca Ingrid Lars Aisha
Kwame Chen Olga Pedro Maria Ahmed Nadia Tomasz Agnieszka Hamish Siobhan"""
)

SURNAMES = _split(
    """Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Anderson Taylor Thomas
Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright
Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner
Nowak Kowalski Wisniewski Starmer Reeves Healey Tusk Nawrocki Macron Scholz Kumar Patel Singh
Tanaka Sato Rossi Schmidt Dubois Okafor Mensah Ivanova Fernandez Haddad Rahman Murphy Kelly
O'Brien Byrne Campbell MacDonald"""
)

TITLES = _split(
    """Prime Minister|Defence Secretary|Foreign Minister|Chancellor|President|spokesman
|spokeswoman|chief executive|economist|analyst|professor|mayor|General|senator|governor
|chief constable|union leader|minister""",
    "|",
)

PLACES = _split(
    """London Warsaw Washington Brussels Paris Berlin Kyiv Tokyo Delhi Beijing Madrid Rome
Manchester Birmingham Glasgow Cardiff Belfast Edinburgh Chicago Houston Toronto Sydney Lagos
Nairobi Cairo Istanbul Geneva Vienna Prague Budapest Gdansk Krakow Hanoi Seoul Jakarta"""
)

ORGANISATIONS = _split(
    """NATO|the European Union|the United Nations|the Bank of England|the Federal
Reserve|the Treasury|the Ministry of Defence|the Home Office|the IMF|the World Bank|Reuters|the
Office for National Statistics|the Pentagon|the Kremlin|Downing Street|the White House""",
    "|",
)

UNITS = _split(
    """troops soldiers jobs homes people patients students passengers flights vehicles
tanks aircraft ships schools hospitals companies workers voters residents migrants"""
)

BOILERPLATE_TAILS = (
    "Reporting by {a}; Editing by {b}",
    "Copyright {year} Global News Network. All rights reserved.",
    "Share this article\nRead more",
    "Follow us on social media for the latest updates.\nAdvertisement",
    "Comments (0)",
    "Source: https://news.example.org/{slug}",
)

_SYLLABLES = _split(
    """ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na
ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zo an en in on ar er
or al el il ol st tr pr gr br cr dr fl pl sh ch th"""
)

_ENDINGS = ("", "", "s", "ed", "ing", "er", "ion", "al", "ity", "ness", "ment", "ous", "ist")


def ranked_vocabulary(size: int, seed: int = 7) -> list[str]:
    """`size` words, most frequent first: the news words, then a tail of made-up rare words.

    The tail stands in for the long tail of a real archive (names, jargon, typos): a term
    dictionary of realistic size matters to prefix and fuzzy queries, which walk it.
    """
    words = list(dict.fromkeys(NEWS_WORDS))
    seen = set(words)
    rng = random.Random(seed)
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        word += rng.choice(_ENDINGS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words
