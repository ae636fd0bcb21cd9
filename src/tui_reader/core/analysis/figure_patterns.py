"""Regular expressions for key figures and for the number-like text that is not one."""

from __future__ import annotations

import re

_I = re.IGNORECASE

DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT_WORDS = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
WORD_NUMBER = (
    rf"(?:{_TENS}(?:[- ]{_UNIT_WORDS})?|{_UNIT_WORDS}|hundred|(?:half )?a (?:hundred|thousand))"
)
_SCALE_WORD = r"(?:trillion|billion|million|thousand|hundred)"
_SCALE_ABBREVIATION = r"(?:bn|trn|tn|mn|m|k)"
_SCALE = rf"(?:\s?{_SCALE_WORD}\b|{_SCALE_ABBREVIATION}\b)"
NUMBER = rf"(?:{DIGITS}|\b{WORD_NUMBER})(?:\s{_SCALE_WORD}\b)?"
_CURRENCY_CODE = (
    r"(?:USD|EUR|GBP|CHF|JPY|PLN|SEK|NOK|DKK|CZK|HUF|INR|CNY|RMB|AUD|CAD|NZD|HKD|ZAR|RUB|"
    r"UAH|TRY|BRL|MXN|KRW|Rs\.?)"
)
# A symbol may stand apart from its amount by one space ("£ 5 million"), as a code may.
_CURRENCY = rf"(?:(?:(?:US|A|AU|C|CA|NZ|HK|S)\$|\$|£|€|¥|₹|₩|₽|₴) ?|{_CURRENCY_CODE}\s?)"
_MONEY_WORDS = (
    r"(?:dollars|pounds|euros|yen|yuan|renminbi|rupees|pence|cents|zlotys?|złoty|kronor|"
    r"kroner|francs|roubles|rubles|hryvnias?|p)\b"
)
_MONEY_ONE = rf"{_CURRENCY}{DIGITS}{_SCALE}?"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Apr\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d|2100)"
_DASH = r"\s?[-–—]\s?"
_ORDINAL_WORD = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|fortieth|fiftieth|hundredth)"
)
_RANKING_WORD = (
    r"(?:\w+est|most|least|best|worst|consecutive|straight|successive|place[d]?|biggest|"
    r"in a row|time in a row|term|round|quarter)"
)
_DURATION_UNIT = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))"
)
_PERCENT_SIGN = r"(?:%|per ?cent\b|pc\b)"
_QUANTITY_UNIT = (
    r"(?:km|kilometres?|kilometers?|miles?|metres?|meters?|cm|mm|kg|kilos?|kilograms?|grams?|"
    r"tonnes?|tons?|lbs?|oz|ounces?|feet|foot|ft|inch(?:es)?|yards?|acres?|hectares?|litres?|"
    r"liters?|gallons?|barrels?|bpd|GW|MW|kW|kWh|MWh|GWh|TWh|mph|km/h|kph|knots?|°C|°F|"
    r"degrees(?: Celsius| Fahrenheit)?|square (?:metres|meters|miles|kilometres|kilometers|feet)|"
    r"sq ft|GB|TB|MB|mg|ml|MP|megapixels?|GHz|MHz|mAh|Mbps|Gbps|fps|nm|magnitude|"
    r"micrometres?|micrometers?|microns?|nanometres?|nanometers?|µm|μm)"
)

# Where the matches of some "scan" patterns can start (mode "scan@<gate>"): every position at
# which the gate matches, overlapping ones included (hence the look-ahead). The pattern is
# then tried only there, which finds what scanning finds: scanning the windows with these
# patterns was a fifth of the time an article's figures took.
SCAN_GATES: dict[str, re.Pattern[str]] = {
    "currency": re.compile(rf"(?=(?:US|A|AU|C|CA|NZ|HK|S)\$|[$£€¥₹₩₽₴]|{_CURRENCY_CODE})"),
    "month": re.compile(r"\b(?=Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "between": re.compile(r"\b(?=between|from)", _I),
}

# (kind, mode, pattern) in order of preference when two candidates are equally long.
# Mode "anchor": the match starts at a number token (digit run or number/ordinal word), so it
# is only tried there; scanning every position with these patterns is what made long texts
# slow. Mode "scan": the pattern starts with a currency sign, a month or a keyword and is
# searched for (near digits only, see figures.py); "scan@<gate>": only where SCAN_GATES says.
FIGURE_PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "range",
        "scan@currency",
        # "rise by £52 to £634" is a change and a new level, not a range: no "to" after "by".
        re.compile(
            rf"(?:(?<!\bby ){_MONEY_ONE}(?:{_DASH}|\s(?:to|and)\s)|{_MONEY_ONE}{_DASH})"
            rf"{_CURRENCY}?{DIGITS}{_SCALE}?"
        ),
    ),
    ("range", "anchor", re.compile(rf"\b{_DAY}{_DASH}{_DAY}\s(?:{_MONTH})\b(?:,?\s{_YEAR}\b)?")),
    (
        "range",
        "anchor",
        re.compile(rf"\b{_DAY}\s{_MONTH}{_DASH}{_DAY}\s{_MONTH}\b(?:,?\s{_YEAR}\b)?"),
    ),
    ("range", "scan@month", re.compile(rf"\b{_MONTH}\s{_DAY}{_DASH}{_DAY}\b(?:,\s{_YEAR}\b)?")),
    (
        "range",
        "scan@between",
        re.compile(rf"\b(?:between|from)\s{_YEAR}\s(?:and|to)\s{_YEAR}\b", _I),
    ),
    ("range", "scan@between", re.compile(rf"\bbetween\s{_MONEY_ONE}\sand\s{_MONEY_ONE}", _I)),
    (
        "percent",
        "scan@between",
        re.compile(rf"\bbetween\s{DIGITS}\s?{_PERCENT_SIGN}?\sand\s{DIGITS}\s?{_PERCENT_SIGN}", _I),
    ),
    ("range", "anchor", re.compile(rf"(?<![\d,.])\b{_YEAR}[-–](?:{_YEAR}|\d\d)\b(?![-–]\d)")),
    (
        "percent",
        "anchor",
        # A year never starts a percentage range ("in 2021 to 13%" is a year, then a percent).
        re.compile(rf"(?!{_YEAR}\b){NUMBER}(?:(?:{_DASH}|\sto\s){NUMBER})?\s?{_PERCENT_SIGN}", _I),
    ),
    (
        "percent",
        "anchor",
        re.compile(
            rf"{NUMBER}(?:(?:{_DASH}|\sto\s){NUMBER})?\s(?:percentage points?|basis points?|bps)\b",
            _I,
        ),
    ),
    ("quantity", "anchor", re.compile(rf"{DIGITS}°?[CF]\b")),
    ("range", "anchor", re.compile(rf"(?<![\d,.])\b{_YEAR}/(?:\d\d){{1,2}}\b(?!/)")),
    ("money", "scan@currency", re.compile(_MONEY_ONE)),
    (
        "money",
        "anchor",
        re.compile(rf"\b{DIGITS}(?:\s{_SCALE_WORD}|{_SCALE_ABBREVIATION})?\s?{_MONEY_WORDS}"),
    ),
    ("date", "scan@month", re.compile(rf"\b{_MONTH}\s{_DAY}\b(?:,?\s{_YEAR}\b)?")),
    ("date", "anchor", re.compile(rf"\b{_DAY}\s(?:of\s)?{_MONTH}\b(?:,?\s{_YEAR}\b)?")),
    ("date", "scan@month", re.compile(rf"\b{_MONTH}\s{_YEAR}\b")),
    ("date", "anchor", re.compile(r"\b(?:1[6-9]|20)\d\d-[01]\d-[0-3]\d\b")),
    ("date", "anchor", re.compile(r"\b[0-3]?\d/[01]?\d/(?:\d\d){1,2}\b")),
    (
        "duration",
        "anchor",
        re.compile(rf"{NUMBER}[\s-]{_DURATION_UNIT}\b", _I),
    ),
    (
        "quantity",
        "anchor",
        re.compile(
            rf"{DIGITS}(?:(?:{_DASH}|\sto\s){DIGITS})?(?:\s{_SCALE_WORD})?[\s-]?{_QUANTITY_UNIT}"
            r"(?![\w/])"
        ),
    ),
    ("ordinal", "anchor", re.compile(r"\b\d+(?:st|nd|rd|th)\b")),
    ("ordinal", "anchor", re.compile(rf"\b{_ORDINAL_WORD}(?=[\s-]+{_RANKING_WORD}\b)", _I)),
    (
        "ordinal",
        "anchor",
        re.compile(rf"\b{_ORDINAL_WORD}(?=(?:\s+[a-z]+){{1,2}}\s+in a row\b)", _I),
    ),
    # "the third player in Premier League history", "sit seventh in the table"
    (
        "ordinal",
        "anchor",
        re.compile(
            rf"\b{_ORDINAL_WORD}(?=(?:\s+[\w-]+){{0,2}}\s+in\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}"
            r"(?:history|table|standings|rankings|league|world|polls?|charts?)\b)",
            _I,
        ),
    ),
    (
        "range",
        "anchor",
        re.compile(rf"(?<![\w.,])(?:{DIGITS}[-–]{DIGITS}){_SCALE}?(?![\w%]|[.,]\d|[-–]\d)"),
    ),
    (
        "range",
        "anchor",
        re.compile(rf"{NUMBER}(?:{_DASH}|\s(?:to|or)\s){NUMBER}[\s-]{_DURATION_UNIT}\b", _I),
    ),
    ("year", "anchor", re.compile(rf"(?<![\d,.$£€])\b{_YEAR}\b(?![,.]\d|%)")),
    ("year", "anchor", re.compile(r"\b(?:1[6-9]|20)\d0s\b")),
    ("year", "scan", re.compile(r"[’']\d0s\b")),
    (
        "count",
        "anchor",
        re.compile(rf"(?<![\w.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?{_SCALE}?(?![\w,]\d)"),
    ),
    ("count", "anchor", re.compile(rf"(?<![\w.,])\d+(?:\.\d+)?{_SCALE}?(?![\w%]|[.,]\d)")),
    ("count", "anchor", re.compile(r"\b(?:half )?an? (?:million|billion|trillion)\b", _I)),
    ("count", "anchor", re.compile(rf"\b{WORD_NUMBER}(?:\s{_SCALE_WORD})?\b(?=\s[\w£$€])", _I)),
]

# Figures never run across paragraphs: figures.py swaps each newline for this non-space mark
# before matching (same length, so offsets hold), and \s then stops at paragraph ends.
PARAGRAPH_MARK = "\x00"

# Number and ordinal words, matched in lower-cased text (cheaper than IGNORECASE).
WORD_ANCHOR = re.compile(
    rf"\b(?:{_UNIT_WORDS}|{_TENS}|{_ORDINAL_WORD}|hundred|half (?=a )|a (?={_SCALE_WORD}))"
)
DIGIT_RUN = re.compile(r"\d+")

_NUMBERED_THING_WORDS = (
    "section article clause paragraph chapter rule page volume part schedule regulation "
    "resolution amendment flight route platform room gate junction exit line number"
)
_NUMBERED_THINGS = [
    plural for word in _NUMBERED_THING_WORDS.split() for plural in (word, word + "s")
] + ["p.", "pp.", "no.", "nos.", "no", "vol.", "bus"]

# Number-like text that is never a key figure; any candidate touching one is dropped.
NOT_FIGURES: list[tuple[str, re.Pattern[str]]] = [
    ("scan", re.compile(r"\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\]")),  # citation markers [1, 2]
    ("scan", re.compile(r"\+\d[\d\s().-]{7,}\d")),  # international phone numbers
    ("scan", re.compile(r"\(\d{3}\)[-.\s]?\d{3}[-.]\d{4}\b")),  # (555) 123-4567
    ("anchor", re.compile(r"\b1-\d{3}-\d{3}-\d{4}\b|\b\d{3}[-.\s]\d{3}[-.]\d{4}\b")),
    ("anchor", re.compile(r"\b0\d{2,4}[\s-]\d{3,4}[\s-]\d{3,4}\b")),  # UK phone numbers
    ("scan", re.compile(r"\b[A-Z][A-Za-z]*[-‐]?\d+[\w-]*")),  # codes: A56, G7, COVID-19, F-35
    # Section, article, page, flight… numbers; one fixed-width look-behind per word so the
    # pattern can be tried at digit anchors instead of scanned.
    (
        "anchor",
        re.compile(
            "(?:"
            + "|".join(rf"(?<=\b{re.escape(word)} )" for word in _NUMBERED_THINGS)
            + r")\d+[A-Za-z]?(?:\(\d+\))*"
            # and the numbers listed after it: "junctions 10 and 11", "sections 3, 4 and 7"
            + r"(?:(?:,\s|\s?[-–]\s?|\s(?:and|or|to)\s)\d+[A-Za-z]?(?![\d,.]?\d|%))*",
            _I,
        ),
    ),
    (
        "anchor",
        re.compile(
            r"\b\d{1,2}[:.]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b"
        ),
    ),
    ("scan", re.compile(r"\((?<![\w£$€]\()\d+\)")),  # comment counters, list numbering
    ("anchor", re.compile(r"\b\d{3,4}\s?(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET|PT|PST|PDT|hrs|h)\b")),
    # A number right after a capitalised word names a thing: Boeing 787, Interstate 5, Windows 11.
    (
        "scan",
        re.compile(
            rf"(?<=[\w,;:)] )(?!{_MONTH}\b|{_WEEKDAY}\b|{_CURRENCY_CODE}\b)"
            r"[a-z]*[A-Z][\w&]* (?!(?:1[6-9]|20)\d\d\b)\d+(?![\d,.]?\d|%|\s?(?:per|pc)\b)"
            rf"(?! (?:times|{_DURATION_UNIT}|{_QUANTITY_UNIT})\b)"  # "stabbed Ali Rahman 14 times"
        ),
    ),
    # A sentence opening with a name and a number: "Trailer 2, released in May", "Apollo 11 is".
    (
        "scan",
        re.compile(
            r"(?:^|(?<=\x00)|(?<=[.!?] ))(?!(?:About|Around|Some|Nearly|Almost|Over|Under|Only|"
            r"Just|Exactly|Roughly|Another|More|Fewer|Less|Up|By|In|On|At|Of|For|From|Since|After|"
            r"Before|Until|The|And|But|Or|All|Top|Last|Next|With|To)\b)[A-Z][a-z]+ "
            r"(?!(?:1[6-9]|20)\d\d\b)\d+"
            r"(?=[,;:)]| (?:is|was|has|had|will|would|can|could|released|launched|landed)\b)"
        ),
    ),
    # Acronym names with numbers anywhere: "FTSE 100", "S&P 500", "NHS 111".
    (
        "scan",
        re.compile(
            rf"\b(?!US\b|UK\b|{_CURRENCY_CODE}\b)[A-Z][A-Z&]+ (?!(?:1[6-9]|20)\d\d\b)\d+"
            r"(?![\d,.]?\d|%|\s?(?:per|pc)\b)"
        ),
    ),
    # Scores ("2-1"), unless a month, unit or percent sign follows ("9-10 July").
    (
        "anchor",
        re.compile(
            rf"(?<![\d.,])\b(?:[0-9]|1[0-9]|20)[-–](?:[0-9]|1[0-9]|20)\b"
            rf"(?![-–\d.,%]|\s?(?:per|pc|{_MONTH}|{_DURATION_UNIT}|{_QUANTITY_UNIT}|{_SCALE_WORD})\b)"
        ),
    ),
    ("scan", re.compile(r"#\d+")),
    # Docket and reference numbers: "25-cv-1017", "cop29-deal".
    ("anchor", re.compile(r"\d+[-/][a-z]{1,4}[-/]\d+")),
    # Street addresses: "10 Downing Street", "221B Baker Street".
    (
        "anchor",
        re.compile(
            r"\d+[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Square|"
            r"Place|Drive|Way|Boulevard|Terrace|Court|Gardens|Crescent|Close|Row|Hill|Walk)\b"
        ),
    ),
    ("scan", re.compile(r"\b(?:ISBN|ISSN)[\s:-]*[\dX-]{8,20}|\b(?:DOI|doi)[\s:]*10\.\S+")),
    # Numbered list items (figures.py matches on text whose newlines became PARAGRAPH_MARK).
    ("scan", re.compile(r"(?:^|(?<=\x00))[ \t]*\d{1,2}[.)](?=[\s\x00])")),
    ("anchor", re.compile(r"\d+(?=\s?#)")),
]
