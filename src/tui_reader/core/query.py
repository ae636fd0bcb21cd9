"""The query front end: bound, parse and repair a user's query string; never raise.

Whoosh's parser raises on some inputs (`NOT NOT a`, a thousand nested brackets, `date:yesterday*`)
and is slow on others (a 50,000-character word, `word~8`). Everything goes through `parse_query`,
which cuts the input down to size, falls back to the plain words when parsing fails, and clamps
fuzzy distances, so the caller always gets a query (or nothing to search) plus a one-line note.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from tui_reader.core.sanitize import clean_line
from tui_reader.core.schema import DEFAULT_FIELDS

MAX_QUERY_CHARS = 500
MAX_WORD_CHARS = 64
MAX_NESTING = 8
MAX_FUZZY_DISTANCE = 2
# Fuzzy, prefix and wildcard words are expanded against the vocabulary before the search's time
# budget starts: ten fuzzy words took 11 s on 3,000 articles. Later ones are matched exactly.
MAX_EXPANDING_WORDS = 2
PREFIX_MIN_CHARS = 3
PREFIX_EXPANSIONS = 8  # the word being typed stands for its N most frequent completions
# ... as long as their articles add up to no more than this (the most frequent one always counts).
# Each posting costs ~1 µs to decode the first time: `int` at 100k articles meant 120,000 of
# them (interest, into, internet, ...) on one keystroke, where `interest` alone is 63,000.
PREFIX_POSTINGS_BUDGET = 50_000
PREFIX_WALK_LIMIT = 5000  # terms read per segment for one typed prefix
# A fuzzy, prefix or wildcard word stands for at most this many indexed words (in term order).
MAX_TERM_EXPANSIONS = 512

_WORD = re.compile(r"\w+")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
# A trailing plain word that is being typed: not a field name, not inside quotes, not an operator.
_TRAILING_WORD = re.compile(r"(?:^|[\s(])(\w+)$")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query ready to run, or `query=None` when there is nothing to search for."""

    text: str  # the (possibly shortened) query string that was parsed
    query: query.Query | None
    note: str | None = None  # one line for the user when the input was changed or not understood


def make_parser(schema: Schema) -> qparser.QueryParser:
    """Whoosh's parser over title and body with AND between words, fuzzy `~` and `date:` ranges.

    The regex plugin stays off (catastrophic patterns hang it) and the single-quote plugin is
    removed, because apostrophes in queries like `Poland's` are common in news. Stored-only
    fields (`size`, `mtime_ns`) are left out: `size:5` failed with a cryptic "STORED(...) field
    has no format" and now reads as plain words.
    """
    searchable = Schema(**{name: field for name, field in schema.items() if field.format})
    parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), searchable, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    return parser


def _bound_text(text: str) -> tuple[str, list[str]]:
    """Cut the raw input to sizes the parser handles quickly, saying what was cut."""
    notes: list[str] = []
    text = clean_line(text, max_length=100 * MAX_QUERY_CHARS)
    depth = max_depth = 0
    for char in text:
        depth += char == "("
        depth -= char == ")"
        max_depth = max(max_depth, depth)
    if max_depth > MAX_NESTING:
        text = " ".join(text.replace("(", " ").replace(")", " ").split())
        notes.append("brackets nested too deep were ignored")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"query cut to {MAX_QUERY_CHARS} characters")
    if any(len(w) > MAX_WORD_CHARS for w in _WORD.findall(text)):
        too_long = re.compile(rf"\w{{{MAX_WORD_CHARS + 1},}}")
        text = too_long.sub(lambda m: m[0][:MAX_WORD_CHARS], text)
        notes.append(f"words cut to {MAX_WORD_CHARS} characters")
    return text, notes


def _sentence(notes: list[str]) -> str | None:
    """Join notes into one line that starts with a capital (keeping the rest's case)."""
    if not notes:
        return None
    line = "; ".join(notes) + "."
    return line[0].upper() + line[1:]


def _clamp(q: query.Query) -> query.Query:
    """Bound fuzzy edit distance: `word~8` would compare the word with most of the vocabulary.

    Phrases degrade to their words on a field without positions (`figure:"money count"`), where
    Whoosh would raise instead.
    """
    if isinstance(q, query.FuzzyTerm):
        q.maxdist = min(q.maxdist, MAX_FUZZY_DISTANCE)
        q.prefixlength = max(q.prefixlength, 1)
        return q
    if isinstance(q, query.Phrase):
        q.degrade = True
        return q
    return q.apply(_clamp)


def _limit_expanding(q: query.Query, notes: list[str]) -> query.Query:
    """Keep the first `MAX_EXPANDING_WORDS` fuzzy/prefix/wildcard words; match later ones exactly.

    Words are counted once across fields (`treaty~` is a leaf in title and in body).
    """
    kept: list[str] = []
    dropped: list[str] = []

    def visit(node: query.Query) -> query.Query:
        if isinstance(node, (query.FuzzyTerm, query.PatternQuery)):
            word = str(node.text)
            if word in kept:
                return node
            if len(kept) < MAX_EXPANDING_WORDS and word not in dropped:
                kept.append(word)
                return node
            if word not in dropped:
                dropped.append(word)
            exact = word.replace("*", "").replace("?", "") or word
            return query.Term(node.fieldname, exact, boost=node.boost)
        return node.apply(visit)

    limited = visit(q)
    if dropped:
        notes.append(f"only the first {MAX_EXPANDING_WORDS} fuzzy or wildcard words were expanded")
    return limited


def plain_words_query(text: str, schema: Schema | None) -> query.Query | None:
    """The fallback: every word of the input, all required, searched in title and body."""
    words = [w for w in _WORD.findall(text) if w not in _OPERATORS]
    if not words:
        return None
    parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), schema, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    return parser.parse(" ".join(words))


def parse_query(text: str, parser: qparser.QueryParser) -> ParsedQuery:
    """Parse `text` into a Whoosh query. Never raises; on failure searches the plain words."""
    bounded, notes = _bound_text(text)
    if not bounded.strip():
        return ParsedQuery(bounded, None, _sentence(notes))
    try:
        parsed = _limit_expanding(_clamp(parser.parse(bounded)), notes)
        if parsed is query.NullQuery or isinstance(parsed, type(query.NullQuery)):
            notes.append("nothing to search for: only operators or very common words")
            return ParsedQuery(bounded, None, _sentence(notes))
        # Parsing is lazy in places (date fields): make sure the tree can be walked and printed.
        list(parsed.iter_all_terms())
        str(parsed)
    except Exception as error:  # Whoosh raises many types here; the user gets one line
        fallback = plain_words_query(bounded, parser.schema)
        reason = clean_line(str(error) or type(error).__name__, 80)
        if fallback is None:
            return ParsedQuery(bounded, None, f"Could not understand the query ({reason}).")
        notes.append(f"could not parse the query ({reason}); searched for its words")
        return ParsedQuery(bounded, fallback, _sentence(notes))
    return ParsedQuery(bounded, parsed, _sentence(notes))


def _word_being_typed(text: str) -> re.Match[str] | None:
    """The plain word `text` ends in (group 1): not an operator, not inside an open phrase."""
    match = _TRAILING_WORD.search(text)
    if not match or match[1] in _OPERATORS or text.count('"') % 2:
        return None
    return match


def trailing_prefix(text: str) -> str | None:
    """The word being typed at the end of `text`, if it may stand for a prefix (3+ letters)."""
    match = _word_being_typed(text)
    return match[1] if match and len(match[1]) >= PREFIX_MIN_CHARS else None


def without_open_quote(text: str) -> str:
    """`text` less a phrase's opening quote while its closing one is not typed yet.

    `"prime minis`, on the way to `"prime minister"`, was searched as the phrase "prime minis"
    and matched nothing; as words it matches what the phrase will, and more, until the quote
    closes.
    """
    if text.count('"') % 2 == 0:
        return text
    opening = text.rfind('"')
    return f"{text[:opening]} {text[opening + 1 :]}"


def unfinished_short_word(text: str) -> tuple[str, str] | None:
    """`(text before it, word)` when `text` ends in a word of 1-2 letters still being typed.

    Such a word is too short to stand for its completions, and on its way to a longer word it
    is rarely a word of its own: `defence mi` on the way to `defence minister` matched nothing
    and emptied the list for one keystroke. The caller drops it if no article has it.
    """
    match = _word_being_typed(text)
    if not match or len(match[1]) >= PREFIX_MIN_CHARS:
        return None
    before = text[: match.start(1)]
    words = before.split()
    if words and (words[-1] in _OPERATORS or words[-1].endswith("(")):
        return None  # `treaty NOT eu`, `(eu`: dropping the word would change what is left
    return before, match[1]


def prefix_to_read_ahead(text: str) -> str | None:
    """The 2-letter word still being typed at the end of `text` (inside an open quote too),
    whose next letter will make it a prefix; None otherwise.

    One letter stands for too many words to read ahead (walking them alone took ~150 ms).
    """
    unfinished = unfinished_short_word(without_open_quote(text))
    if unfinished is None or len(unfinished[1]) != 2 or not unfinished[1].isalpha():
        return None
    return unfinished[1]


def expand_prefix(
    reader: IndexReader, fieldname: str, prefix: str, budget: int = PREFIX_POSTINGS_BUDGET
) -> list[str]:
    """The `PREFIX_EXPANSIONS` most frequent indexed terms that start with `prefix`, fewer if
    their document counts add up to more than `budget` (never fewer than one).

    A plain prefix query on a short word matches thousands of terms and took seconds at 10k
    articles; the most frequent completions are what the user most likely means.

    Terms are stems, and a word being typed often runs past its stem, so when nothing starts
    with the prefix: the completions of the prefix less its last letter ("defenc", typed on
    the way to "defence", indexed as "defens"), else the longest term the prefix starts with
    ("electio" for "elect"). A misspelling ("polnd") still finds nothing, and gets a "did you
    mean" instead of loose matches.
    """
    prefix = prefix.lower()
    completions = _most_frequent_completions(reader, fieldname, prefix, budget)
    if completions or len(prefix) <= PREFIX_MIN_CHARS:
        return completions
    completions = _most_frequent_completions(reader, fieldname, prefix[:-1], budget)
    if completions:
        return completions
    for end in range(len(prefix) - 2, PREFIX_MIN_CHARS - 1, -1):
        if (fieldname, prefix[:end].encode("utf-8")) in reader:
            return [prefix[:end]]
    return []


def next_letter_completions(
    reader: IndexReader, fieldname: str, prefix: str, count: int
) -> list[str]:
    """For each letter that may follow `prefix`, the term `expand_prefix` would put first once
    it is typed (the most frequent completion of prefix + letter); the `count` most frequent.

    What to read ahead while a word's first letters are typed: at 100k articles one
    completion takes the whole postings budget, so the most frequent completions of "mi"
    ("million", "military", ...) say little about which term "min" will read ("minist").
    Only the first `PREFIX_WALK_LIMIT` terms of `prefix` in each segment are looked at, so
    for a short prefix with many terms the letters late in the alphabet may be missing.
    """
    prefix = prefix.lower()
    counts = _completion_counts(reader, fieldname, prefix)
    best_after: dict[str, bytes] = {}  # next letter -> its most frequent term
    for term in sorted(counts):  # alphabetical first, as `_most_frequent_completions` breaks ties
        letter = term.decode("utf-8")[len(prefix) : len(prefix) + 1]
        current = best_after.get(letter)
        if letter and (current is None or counts[term] > counts[current]):
            best_after[letter] = term
    terms = heapq.nlargest(count, best_after.values(), key=counts.__getitem__)
    return [term.decode("utf-8") for term in terms]


def _completion_counts(reader: IndexReader, fieldname: str, prefix: str) -> dict[bytes, int]:
    """Each indexed term starting with `prefix` (up to `PREFIX_WALK_LIMIT` a segment) and the
    number of articles it is in."""
    # Segment by segment, summing each term's document counts: the index-wide term walk merges
    # the segments' term lists and looks every term up again in each segment, 3-6 times slower
    # (17 ms against 3 ms for `min` at 100k articles).
    counts: dict[bytes, int] = {}
    for segment, _ in reader.leaf_readers():
        walk = itertools.islice(segment.iter_prefix(fieldname, prefix), PREFIX_WALK_LIMIT)
        for term, info in walk:  # each term's statistics come with it: no second lookup
            counts[term] = counts.get(term, 0) + info.doc_frequency()
    return counts


def _most_frequent_completions(
    reader: IndexReader, fieldname: str, prefix: str, budget: int
) -> list[str]:
    counts = _completion_counts(reader, fieldname, prefix)
    # Alphabetical first, so that equally frequent completions come in a stable order.
    best = heapq.nlargest(PREFIX_EXPANSIONS, sorted(counts), key=counts.__getitem__)
    within_budget = best[:1]
    postings = counts[best[0]] if best else 0
    for term in best[1:]:
        postings += counts[term]
        if postings > budget:
            break
        within_budget.append(term)
    return [term.decode("utf-8") for term in within_budget]


def with_typed_prefix(
    parsed: query.Query | None, searcher: Searcher, prefix: str
) -> query.Query | None:
    """Let the last word of `parsed` also match the frequent completions of `prefix`.

    Only a plain last word is widened (`treaty defen`), never one under NOT or inside a phrase.
    """
    # Completions come from the body only: titles repeat body words, and every extra term
    # in this OR is another posting list to merge on each keystroke.
    completions: list[query.Query] = [
        query.Term("body", word) for word in expand_prefix(searcher.reader(), "body", prefix)
    ]
    if not completions:
        return parsed
    if parsed is None or _is_word(parsed):
        return query.Or([q for q in (parsed, *completions) if q is not None])
    if isinstance(parsed, query.And) and _is_word(parsed.subqueries[-1]):
        *rest, last = parsed.subqueries
        return query.And([*rest, query.Or([last, *completions])])
    return parsed


FuzzyWords = Callable[[query.FuzzyTerm], Iterable[str]]  # the indexed words a fuzzy term matches


def expand_multiterms(
    q: query.Query, reader: IndexReader, fuzzy_words: FuzzyWords | None = None
) -> tuple[query.Query, bool]:
    """Replace each fuzzy, prefix and wildcard word by the indexed words it stands for.

    Whoosh expands such a word against the vocabulary every time the query is used: once to
    score, once more to list the matched words for highlighting (the fuzzy walk took 21 ms at
    10k articles, each time). Expanded once, the query is plain terms. Returns the new query
    and whether some word had more than `MAX_TERM_EXPANSIONS` expansions (the rest dropped).
    `fuzzy_words`, when given, finds the words of a fuzzy term instead of Whoosh's walk.
    """
    capped = False

    def visit(node: query.Query) -> query.Query:
        nonlocal capped
        if isinstance(node, query.Prefix) and not node.text:
            return node  # `*` alone: every article, handled by Whoosh as such
        if isinstance(node, (query.FuzzyTerm, query.PatternQuery)):  # not ranges: unbounded
            words: list[str] = []
            if fuzzy_words is not None and isinstance(node, query.FuzzyTerm):
                found: Iterable[str | bytes] = sorted(fuzzy_words(node))
            else:
                found = node._btexts(reader)
            for number, word in enumerate(found):
                if number >= MAX_TERM_EXPANSIONS:
                    capped = True
                    break
                words.append(word.decode("utf-8") if isinstance(word, bytes) else str(word))
            if not words:
                # The word as written, which no article has (else it would be its own
                # expansion). Not NullQuery: Whoosh drops that from an AND, so `treaty qqq*`
                # would have matched every treaty article. Not the node itself: each later
                # look at it (highlighting, scoring) walked the vocabulary again, 150 ms.
                return query.Term(node.fieldname, node.text, boost=node.boost)
            terms = [query.Term(node.fieldname, word, boost=node.boost) for word in words]
            return terms[0] if len(terms) == 1 else query.Or(terms)
        return node.apply(visit)

    return visit(q).normalize(), capped


def _is_word(q: query.Query) -> bool:
    """True for the query one plain word parses to: a Term, or an OR of Terms over the fields."""
    if isinstance(q, query.Term):
        return True
    return isinstance(q, query.Or) and all(isinstance(s, query.Term) for s in q.subqueries)
