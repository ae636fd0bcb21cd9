"""Scoring simple queries a posting list at a time, with C-speed set and dict operations.

Whoosh matches document at a time: a tree of Python matcher objects advances posting by posting,
~5-13 µs per matching article. Block-max pruning cannot skip much here, because headlines reuse
the common words, so nearly every block holds a headline hit with the highest weight. At 100k
articles a typed `defence min` (an AND with an OR of eight completions) visited 50,000 postings.

Term at a time, each posting list is decoded block by block (Whoosh stores a block as one
pickled tuple: a C `loads`), turned into a `{docnum: score}` dict, and the lists are combined
with dict and set operations: AND is a key intersection, OR a merge, NOT a key difference. The
top rows come from `heapq.nlargest`. Every match is scored, so the count is always exact.

Only queries built of terms, phrases of adjacent words, AND, OR, AND NOT and AND MAYBE are
evaluated here: `evaluate` returns None for anything else (ranges, `*`, NOT alone, `"a b"~3`),
and Whoosh runs the query as before. A phrase is the AND of its words, then each candidate's
positions are decoded and checked; Whoosh checked positions for each candidate through its
span matchers, ~10 µs each.

Scores equal Whoosh's for the same query: the same weighting gives each term's factor and tf
function, and ties go to the lower document number as in Whoosh's `TopCollector`.
Where they differ, Whoosh is wrong: its AND NOT matcher let through an article holding both
words (1 of 953 for `police ANDNOT court` at 10k articles), and an AND MAYBE inside an AND
sometimes loses the optional part's score. `tests/core/test_term_at_a_time.py` checks ours
against the definitions.
"""

from __future__ import annotations

import heapq
import io
import itertools
import math
import pickle
import struct
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from whoosh import formats, query
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermsReader
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from tui_reader.core.collectors import StopCollecting
from tui_reader.core.ranking import SaturatedTfIdf
from tui_reader.core.schema import decode_positions

Scores = dict[int, float]  # segment-local docnum -> score
_NULL = type(query.NullQuery)  # Whoosh's match-nothing query (a class without a public name)
_BLOCK_LENGTH = struct.Struct("!i")  # before each W3 posting block; negative for the last
_NEAR = 1e-6  # scores closer than this may differ only by the order they were summed in


class Unsupported(Exception):
    """The query has a part this module does not evaluate: let Whoosh run it."""


@dataclass(frozen=True, slots=True)
class Evaluated:
    """The best rows of a query and how many articles match it."""

    top: list[tuple[float, int]]  # (score, global docnum), best first
    total: int
    total_exact: bool = True  # False: `total` is a lower bound (a phrase checked in part)


class TermScoresCache:
    """Recently used terms' `{docnum: score}` per segment, for one searcher; and, apart, the
    encoded positions of recent phrases' words.

    Typing re-runs nearly the same query on every key (`defence m`, `defence mi`, ...), and
    decoding a posting list is most of a term's cost; a phrase's words' positions were
    re-read on every key after it and again by the full answer after a pause (most of a
    phrase's time). Scores hold the searcher's idf, so a new searcher needs a new cache.
    Bounded by the number of postings held (~100 bytes each). Not thread-safe:
    `ArticleIndex` uses it under its searcher lock.
    """

    def __init__(self, max_postings: int = 500_000, max_positions: int = 300_000) -> None:
        self._scores = _Recent[Scores](max_postings)
        self._positions = _Recent[dict[int, bytes]](max_positions)

    def get(self, key: tuple[str, str, bytes]) -> Scores | None:
        return self._scores.get(key)

    def put(self, key: tuple[str, str, bytes], scores: Scores) -> None:
        self._scores.put(key, scores)

    def get_positions(self, key: tuple[str, str, bytes]) -> dict[int, bytes] | None:
        return self._positions.get(key)

    def put_positions(self, key: tuple[str, str, bytes], positions: dict[int, bytes]) -> None:
        self._positions.put(key, positions)


_Held = TypeVar("_Held", bound=dict[int, Any])


class _Recent(Generic[_Held]):
    """Per-term dicts by key, least recently used dropped first, bounded by entries held."""

    def __init__(self, max_entries: int) -> None:
        self._entries: OrderedDict[tuple[str, str, bytes], _Held] = OrderedDict()
        self._held = 0
        self._max = max_entries

    def get(self, key: tuple[str, str, bytes]) -> _Held | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: tuple[str, str, bytes], value: _Held) -> None:
        if len(value) > self._max // 4 or key in self._entries:
            return  # one huge list would push out everything else
        self._entries[key] = value
        self._held += len(value)
        while self._held > self._max:
            _, dropped = self._entries.popitem(last=False)
            self._held -= len(dropped)


def evaluate(
    searcher: Searcher,
    q: query.Query,
    limit: int,
    should_stop: Callable[[], bool] | None = None,
    cache: TermScoresCache | None = None,
    exact_up_to: int | None = None,
) -> Evaluated | None:
    """The `limit` best matches of `q` and the exact count; None if `q` is not supported.

    `should_stop` is polled after each posting list; when it says True, `StopCollecting`
    from `collectors` is raised, as a collector would. `cache` must belong to `searcher`.
    `exact_up_to`, for a query that is one phrase: check positions only until the best
    `limit` rows are found and `exact_up_to` matches counted (the count is then a lower bound).
    """
    weighting = searcher.weighting
    if not isinstance(weighting, SaturatedTfIdf) or not _supported(q):
        return None

    def check() -> None:
        if should_stop is not None and should_stop():
            raise StopCollecting

    if isinstance(q, query.Phrase) and _has_positions(searcher, q.fieldname):
        return _best_phrase_matches(searcher, q, limit, exact_up_to, weighting, check, cache)

    segments: list[tuple[int, Scores]] = []  # (docnum offset, scores of live documents)
    for leaf, offset in searcher.leaf_searchers():
        segment = _Segment(leaf, weighting, check, cache, segment_key=str(offset))
        try:
            scores = segment.scores(q)
        except Unsupported:
            return None  # Whoosh runs it (and says what is wrong with it)
        if scores and leaf.reader().has_deletions():
            deleted = leaf.reader().deleted_docs_set
            scores = {d: s for d, s in scores.items() if d not in deleted}
        segments.append((offset, scores))
    total = sum(len(scores) for _, scores in segments)
    # The limit-th best score, compared as plain floats (in C), leaves only the few rows
    # that can make the list to be ordered with a key: 2 ms instead of 20 at 60,000 matches.
    values = itertools.chain.from_iterable(scores.values() for _, scores in segments)
    lowest = heapq.nlargest(limit, values)[-1] - _NEAR if total > limit > 0 else -math.inf
    rows = [
        (offset + d, s) for offset, scores in segments for d, s in scores.items() if s >= lowest
    ]
    # As in Whoosh's TopCollector, on equal scores the lower docnum wins. Rounded first: sums
    # taken in another order than Whoosh's differ in the last bits, which must not decide.
    best = heapq.nlargest(limit, rows, key=lambda item: (round(item[1], 9), -item[0]))
    return Evaluated([(score, docnum) for docnum, score in best], total)


def _best_phrase_matches(
    searcher: Searcher,
    q: query.Phrase,
    limit: int,
    exact_up_to: int | None,
    weighting: SaturatedTfIdf,
    check: Callable[[], None],
    cache: TermScoresCache | None,
) -> Evaluated:
    """A query that is one phrase: candidates (articles with every word) best first, and
    positions checked in that order, so a phrase in 6,000 articles decodes only as many as the
    rows and the count need. A phrase's score is its words' (as in Whoosh), known before any
    position is read."""
    segments: list[tuple[int, _PhraseCandidates]] = []  # (docnum offset, live candidates)
    for leaf, offset in searcher.leaf_searchers():
        found = _Segment(leaf, weighting, check, cache, segment_key=str(offset)).phrase(q)
        if found is None:
            continue
        if leaf.reader().has_deletions():
            deleted = leaf.reader().deleted_docs_set
            found.scores = {d: s for d, s in found.scores.items() if d not in deleted}
        segments.append((offset, found))
    top: list[tuple[float, int]] = []
    matched = 0
    for score, docnum, local, where in _best_first(segments, max(limit, exact_up_to or 0)):
        if len(top) >= limit and exact_up_to is not None and matched >= exact_up_to:
            return Evaluated(top, matched, total_exact=False)  # candidates left unchecked
        if where.matches(local):
            matched += 1
            if len(top) < limit:
                top.append((score * q.boost, docnum))
    return Evaluated(top, matched)


def _best_first(
    segments: list[tuple[int, _PhraseCandidates]], batch: int
) -> Iterator[tuple[float, int, int, _PhraseCandidates]]:
    """(score, global docnum, local docnum, candidates) best first, ties by docnum.

    Usually only the first rows and a thousand matches are checked, out of tens of thousands
    of candidates: instead of ordering them all (a key per candidate, 16 ms for 69,000), each
    round takes the next `batch` best by a plain-float threshold and orders only those.
    """
    remaining = sum(len(found.scores) for _, found in segments)
    above = math.inf  # the previous round took every score above this
    while remaining > 0:
        values = itertools.chain.from_iterable(
            (s for s in found.scores.values() if s < above) for _, found in segments
        )
        # Scores within _NEAR of the threshold go in this round together, so that the order
        # among near-ties stays by docnum, as when all were sorted at once.
        lowest = heapq.nlargest(batch, values)[-1] - _NEAR if remaining > batch else -math.inf
        chosen = [
            (score, offset + d, d, found)
            for offset, found in segments
            for d, score in found.scores.items()
            if lowest <= score < above
        ]
        chosen.sort(key=lambda c: (-round(c[0], 9), c[1]))
        yield from chosen
        remaining -= len(chosen)
        above = lowest
        batch *= 2


@dataclass(slots=True)
class _PhraseCandidates:
    """One segment's articles with every word of a phrase, and their undecoded positions."""

    scores: Scores  # the sum of the words' scores
    values: list[dict[int, bytes]]  # per word: docnum -> its encoded positions
    decode: Callable[[bytes], Iterable[int]]

    def matches(self, docnum: int) -> bool:
        """Whether the words stand next to each other, in order, in article `docnum`."""
        decode = self.decode
        first, *rest = (word[docnum] for word in self.values)
        # Where the phrase could start, narrowed word by word with set operations in C.
        starts = set(decode(first))
        for distance, value in enumerate(rest, 1):
            starts.intersection_update(map((-distance).__add__, decode(value)))
            if not starts:
                return False
        return True


def _has_positions(searcher: Searcher, fieldname: str) -> bool:
    if fieldname not in searcher.schema:
        return False
    field = searcher.schema[fieldname]
    return bool(field.format) and field.format.supports("positions")


def _supported(q: query.Query) -> bool:
    if isinstance(q, query.Term):
        return True
    if isinstance(q, _NULL):
        return True
    if isinstance(q, query.And):
        positives = [s for s in q.subqueries if not isinstance(s, query.Not)]
        negatives = [s.query for s in q.subqueries if isinstance(s, query.Not)]
        return bool(positives) and all(_supported(s) for s in (*positives, *negatives))
    if isinstance(q, query.Or):
        return not q.minmatch and not q.scale and all(_supported(s) for s in q.subqueries)
    if isinstance(q, (query.AndNot, query.AndMaybe)):
        return _supported(q.a) and _supported(q.b)
    if isinstance(q, query.Phrase):
        # Whoosh's slop=1 is "next to each other", the only kind the query syntax writes
        # without `~N`; a one-word phrase is left to Whoosh as well.
        return q.slop == 1 and len(q.words) >= 2
    return False


class _Segment:
    """One segment's view: each node of the query tree to a `{docnum: score}` dict."""

    def __init__(
        self,
        leaf: Searcher,
        weighting: SaturatedTfIdf,
        check: Callable[[], None],
        cache: TermScoresCache | None,
        segment_key: str,
    ) -> None:
        self._leaf = leaf
        self._reader = leaf.reader()
        self._weighting = weighting
        self._check = check
        self._cache = cache
        self._key = segment_key

    def scores(self, q: query.Query) -> Scores:
        if isinstance(q, query.Term):
            return self._term(q)
        if isinstance(q, _NULL):
            return {}
        if isinstance(q, query.And):
            return _scaled(self._and(q), q.boost)
        if isinstance(q, query.Or):
            return _scaled(self._or([self.scores(s) for s in q.subqueries]), q.boost)
        if isinstance(q, query.AndNot):
            kept = self.scores(q.a)
            if not kept:
                return kept
            excluded = self.scores(q.b)
            return {d: s for d, s in kept.items() if d not in excluded}
        if isinstance(q, query.AndMaybe):
            required = self.scores(q.a)
            if not required:
                return required
            optional = self.scores(q.b)
            return {d: s + optional.get(d, 0.0) for d, s in required.items()}
        if isinstance(q, query.Phrase):
            if not _has_positions(self._leaf, q.fieldname):
                if not q.degrade:
                    raise Unsupported("a phrase on a field without positions")
                return _scaled(self._and(q._and_query()), q.boost)  # as Whoosh degrades it
            return _scaled(self._phrase(q), q.boost)
        raise Unsupported(type(q).__name__)

    def _phrase(self, q: query.Phrase) -> Scores:
        """Articles with the words next to each other, in order; scored as Whoosh does, the sum
        of the words' scores. Positions are decoded only for articles that have every word."""
        found = self.phrase(q)
        if found is None:
            return {}
        return {d: s for d, s in found.scores.items() if found.matches(d)}

    def phrase(self, q: query.Phrase) -> _PhraseCandidates | None:
        """The articles of this segment with every word of phrase `q` (None: no such article).

        `q.fieldname` must have positions (`_has_positions`)."""
        field = self._leaf.schema[q.fieldname]
        texts = [field.to_bytes(word) for word in q.words]
        parts: list[Scores] = []
        read_values: list[dict[int, bytes] | None] = []
        for text in texts:
            # Not in the cache: scores and positions come from one pass over the blocks.
            part, word_values = self._cached_term(q.fieldname, text, with_values=True)
            if not part:
                return None
            parts.append(part)
            read_values.append(word_values)
        candidates = set(parts[0]).intersection(*parts[1:])
        if not candidates:
            return None
        values = [
            self._positions(q.fieldname, text, read=word_values)
            for text, word_values in zip(texts, read_values, strict=True)
        ]
        self._check()
        # The sum of the words' scores, added up in C: 69,000 candidates for "prime minister".
        ordered = list(candidates)
        sums = cast(
            Iterator[float],
            map(sum, zip(*(map(part.__getitem__, ordered) for part in parts), strict=True)),
        )
        scores = dict(zip(ordered, sums, strict=True))
        return _PhraseCandidates(scores, values, _positions_decoder(field.format))

    def _positions(
        self, fieldname: str, text: bytes, read: dict[int, bytes] | None = None
    ) -> dict[int, bytes]:
        """docnum -> encoded positions of one term, for every article that has it: `read`
        (just read with its scores), else from the cache, else from its postings; then kept."""
        key = (self._key, fieldname, text)
        cache = self._cache
        found = read if read is not None or cache is None else cache.get_positions(key)
        if found is None:
            ids, _, encoded = _term_postings(self._reader, fieldname, text, with_values=True)
            found = dict(zip(ids, encoded, strict=True))
        if cache is not None:
            cache.put_positions(key, found)  # a key already kept is left as it is
        return found

    def _and(self, q: query.And) -> Scores:
        positives = [s for s in q.subqueries if not isinstance(s, query.Not)]
        negatives = [s.query for s in q.subqueries if isinstance(s, query.Not)]
        parts = []
        # The smallest first: a word that is not in this segment ends the AND before the
        # long posting lists are read.
        positives.sort(key=lambda sub: sub.estimate_size(self._reader))
        for sub in positives:
            part = self.scores(sub)
            if not part:
                return {}  # one empty side: no need to read the rest
            parts.append(part)
        parts.sort(key=len)
        common = set(parts[0]).intersection(*parts[1:])
        for sub in negatives:
            if common:
                common.difference_update(self.scores(sub))
        # Whoosh scores a NOT inside an AND as 1.0 for every article it lets through.
        extra = float(len(negatives))
        if len(parts) == 1:
            only = parts[0]
            return {d: only[d] + extra for d in common}
        if len(parts) == 2:  # the usual case, without a generator per article
            first, second = parts
            return {d: first[d] + second[d] + extra for d in common}
        return {d: sum(part[d] for part in parts) + extra for d in common}

    @staticmethod
    def _or(parts: list[Scores]) -> Scores:
        parts = sorted((p for p in parts if p), key=len, reverse=True)
        if not parts:
            return {}
        merged = dict(parts[0])
        for part in parts[1:]:
            # Sums where both match, then the rest copied over in C: completions of a typed
            # prefix are mostly different words in different articles.
            both = {d: merged[d] + s for d, s in part.items() if d in merged}
            merged.update(part)
            merged.update(both)
        return merged

    def _term(self, q: query.Term) -> Scores:
        if q.fieldname not in self._leaf.schema:
            return {}
        field = self._leaf.schema[q.fieldname]
        if not field.format:  # stored only: nothing indexed
            return {}
        try:
            text = field.to_bytes(q.text)
        except ValueError:
            return {}
        scores, _ = self._cached_term(q.fieldname, text)
        return _scaled(scores, q.boost)

    def _read_term(
        self, fieldname: str, text: bytes, *, with_values: bool = False
    ) -> tuple[Scores, dict[int, bytes]]:
        """One term's scores (and encoded values, if asked) from its posting blocks."""
        if (fieldname, text) not in self._reader:
            return {}, {}
        factor, tf = self._weighting.scorer(self._leaf, fieldname, text).parts()
        ids, weights, values = _term_postings(
            self._reader, fieldname, text, with_values=with_values
        )
        # Precomputed weights: the score is the factor times the weight, multiplied in C.
        tf_weights = weights if tf is None else map(tf, weights)
        scores = dict(zip(ids, map(factor.__mul__, tf_weights), strict=True))
        return scores, dict(zip(ids, values, strict=True)) if with_values else {}

    def _cached_term(
        self, fieldname: str, text: bytes, *, with_values: bool = False
    ) -> tuple[Scores, dict[int, bytes] | None]:
        """A term's scores, from the cache or read (and then cached). Values are read only when
        the scores are read too (None otherwise): one pass over the blocks either way."""
        key = (self._key, fieldname, text)
        scores = self._cache.get(key) if self._cache is not None else None
        if scores is not None:
            return scores, None
        scores, values = self._read_term(fieldname, text, with_values=with_values)
        if self._cache is not None:
            self._cache.put(key, scores)
        # Polled once the list is kept: a search stopped for a newer key (or reading ahead
        # stopped by one) leaves the segments it finished in the cache for the next search.
        self._check()
        return scores, values if with_values else None


def _scaled(scores: Scores, boost: float) -> Scores:
    if boost == 1.0:
        return scores
    return {d: s * boost for d, s in scores.items()}


def _positions_decoder(format_: formats.Format) -> Callable[[bytes], Iterable[int]]:
    if type(format_) is formats.Positions:
        return decode_positions  # Whoosh's decode_positions sums the gaps in Python
    return format_.decode_positions  # type: ignore[attr-defined]  # every format with positions has it


_Postings = tuple[list[int], list[float], list[bytes]]  # ids, weights, encoded values


def _term_postings(
    reader: IndexReader, fieldname: str, text: bytes, *, with_values: bool
) -> _Postings:
    """Every (docnum, weight[, encoded value]) of one term in one segment, deleted documents
    included (the caller drops them). Values only `with_values` (else the list is empty)."""
    read = _read_blocks(reader, fieldname, text, with_values=with_values)
    if read is not None:
        return read
    # Inlined short lists, another codec, or a damaged extent (the matcher raises Whoosh's
    # CorruptIndexError, with its advice): posting by posting, through Whoosh's matcher.
    matcher = reader.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):  # the segment's deletions: the caller drops them
        matcher = matcher.child
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if with_values:
            values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def _read_blocks(
    reader: IndexReader, fieldname: str, text: bytes, *, with_values: bool
) -> _Postings | None:
    """What `_term_postings` gives, read straight from the term's bytes in the postings file.

    The matcher reads each block's length and header through the compound file a few bytes at
    a time, and turns the id gaps back into ids in a Python generator: a third of a cold
    term's time. Here the term's whole extent is read at once and the ids summed in C.
    None when the term is not a plain W3 posting list (inlined, vectors, fixed-size values):
    the caller then uses the matcher.
    """
    terms = getattr(reader, "_terms", None)
    if not isinstance(terms, W3TermsReader):
        return None
    info = terms.term_info(fieldname, text)
    field = reader.schema[fieldname]
    if field.format is None or info.is_inlined():
        return None
    if with_values and field.format.fixed_value_size() is not None:
        return None
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes keeps `struct.unpack`'s 1-tuple
        (length,) = length
    raw = terms._postfile.get(offset, length)
    if raw[: len(WHOOSH3_HEADER_MAGIC)] != WHOOSH3_HEADER_MAGIC:
        return None  # the matcher says what is wrong with it
    try:
        return _parse_blocks(raw, with_values=with_values)
    except Exception:  # damaged bytes raise a dozen types, MemoryError and OverflowError too
        return None  # the matcher then says what is wrong, as Whoosh would


def _parse_blocks(raw: bytes, *, with_values: bool) -> _Postings:
    """The postings of one term's extent: a header, then blocks of (length, info, data)."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    stream = io.BytesIO(raw)
    position = len(WHOOSH3_HEADER_MAGIC)
    last = False
    while not last:
        (block_length,) = _BLOCK_LENGTH.unpack_from(raw, position)
        last = block_length < 0
        end = position + _BLOCK_LENGTH.size + abs(block_length)
        stream.seek(position + _BLOCK_LENGTH.size)
        count, _last_id, _max_weight, compression, *_lengths = pickle.load(stream)
        data = raw[stream.tell() : end]
        block_ids, block_weights, block_values = pickle.loads(
            zlib.decompress(data) if compression else data
        )
        ids.extend(itertools.accumulate(block_ids))
        if block_weights is None:
            weights.extend(itertools.repeat(1.0, count))
        elif isinstance(block_weights, float):
            weights.extend(itertools.repeat(block_weights, count))
        else:
            weights.extend(block_weights)
        if with_values:
            values.extend(block_values)
        position = end
    return ids, weights, values
