"""Do two facility names denote one facility? Score with explainable features, then decide.

As nomenklatura does, a pair is compared feature by feature; every feature carries the
reason an analyst reads ("only one names the place Pyongyang", "number names differ: May 7
vs August 17"). Some features are conflicts: names with different number names, places,
products or kinds of plant are different facilities whatever else they share, and no chain of
merges may put them in one cluster. The rest lower a score from 1.0; a pair scoring at least
``T_HIGH`` is the same facility, one between ``T_LOW`` and ``T_HIGH`` a possible match kept
for review.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz.fuzz import ratio

from factorywatch.resolve.lexicon import lexicon
from factorywatch.resolve.names import NameParts, name_key, parse_name
from factorywatch.resolve.romanize import fold

T_HIGH = 0.8
"""At or above: the same facility (merged)."""
T_LOW = 0.5
"""At or above (and below ``T_HIGH``): a possible match, kept for an analyst."""

SAME, POSSIBLE, DIFFERENT = "same", "possible", "different"

FUZZY_MIN = 85
"""rapidfuzz ratio from which two unequal romanized names may be one misspelled name."""


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One facility name with what its document says about where the facility is."""

    name: str
    province: str | None = None
    locality: str | None = None
    source: str | None = None
    """The document the name was read in: provenance, and the scope of a generic name."""


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    """What was compared: ``numbers``, ``kind``, ``optional``, ``name``, ``place``,
    ``product``, ``spelling``, ``context``, ``generic``, ``alias``, ``judgement``."""
    weight: float
    """Added to the score (0: agreement or a variant that costs nothing)."""
    reason: str
    conflict: bool = False
    """The pair can never be one facility."""


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    decision: str
    reasons: tuple[Feature, ...]

    @property
    def conflict(self) -> bool:
        return any(f.conflict for f in self.reasons)


def _pair(a: str, b: str) -> frozenset[str]:
    return frozenset((name_key(a), name_key(b)))


@dataclass(frozen=True, slots=True)
class MatchContext:
    """Evidence beyond the two names: aliases texts state, analysts' "not the same" judgements.

    Both are sets of key pairs, so any spelling of a linked name carries the link.
    """

    known_aliases: frozenset[frozenset[str]] = frozenset()
    not_same: frozenset[frozenset[str]] = frozenset()

    @classmethod
    def of(
        cls, known_aliases: Iterable[tuple[str, str]] = (), not_same: Iterable[tuple[str, str]] = ()
    ) -> MatchContext:
        """Build from name pairs; the lexicon's published code names are always included.
        A generic name ("Machine Factory") links only where a text says so: pass those
        links to ``cluster.resolve_names``, which keeps them to their own records."""
        links = {_pair(a, b) for a, b in (*lexicon().code_names, *known_aliases) if not _generic(a) and not _generic(b)}
        return cls(frozenset(p for p in links if len(p) == 2), frozenset(_pair(a, b) for a, b in not_same))


def _generic(name: str) -> bool:
    return parse_name(name).generic


@cache
def default_context() -> MatchContext:
    return MatchContext.of()


def as_record(x: str | NameRecord) -> NameRecord:
    """A plain name is a record without context."""
    return x if isinstance(x, NameRecord) else NameRecord(x)


def score_pair(a: str | NameRecord, b: str | NameRecord, context: MatchContext | None = None) -> Match:
    """Compare two names (with their context when given as ``NameRecord``)."""
    ra, rb = as_record(a), as_record(b)
    pa, pb = parse_name(ra.name), parse_name(rb.name)
    ctx = context or default_context()
    pair = frozenset((name_key(ra.name), name_key(rb.name)))
    if pair in ctx.not_same:
        return _decide([Feature("judgement", -1.0, "an analyst judged these different", conflict=True)])
    features = _context(ra, rb, pa, pb)
    if (pa.generic or pb.generic) and ra.source and rb.source and ra.source != rb.source:
        generic = pa.name if pa.generic else pb.name
        features.append(Feature("generic", -0.6, f"{generic!r} does not single out one site outside its own document"))
    if len(pair) == 2 and pair in ctx.known_aliases:
        features.append(Feature("alias", 0.0, f"a text gives {pa.name!r} as another name of {pb.name!r}"))
        return _decide(features, floor=1.0)
    if not pa.key or not pb.key:
        return _decide([*features, Feature("name", -1.0, "nothing of a name is left after cleaning")])
    return _decide(features + compare_parts(pa, pb))


def _decide(features: list[Feature], floor: float | None = None) -> Match:
    if any(f.conflict for f in features):
        return Match(0.0, DIFFERENT, tuple(features))
    score = floor if floor is not None else max(0.0, min(1.0, 1.0 + sum(f.weight for f in features)))
    decision = SAME if score >= T_HIGH else POSSIBLE if score >= T_LOW else DIFFERENT
    return Match(round(score, 4), decision, tuple(features))


def _context(ra: NameRecord, rb: NameRecord, pa: NameParts, pb: NameParts) -> list[Feature]:
    """Provinces must agree (two Unsan counties are two places); localities should."""
    out: list[Feature] = []
    prov_a, prov_b = ra.province or _name_province(pa), rb.province or _name_province(pb)
    if prov_a and prov_b and prov_a != prov_b:
        out.append(Feature("context", -1.0, f"in different provinces: {prov_a} vs {prov_b}", conflict=True))
    loc_a, loc_b = (fold("".join(x.lower().split())) if x else None for x in (ra.locality, rb.locality))
    if loc_a and loc_b and loc_a != loc_b:
        out.append(Feature("context", -0.3, f"in different localities: {ra.locality} vs {rb.locality}"))
    return out


def _name_province(parts: NameParts) -> str | None:
    """The province a name's place implies, when that place exists in one province only."""
    return next(iter(parts.provinces)) if len(parts.provinces) == 1 else None


def compare_parts(pa: NameParts, pb: NameParts) -> list[Feature]:
    """The name features of a pair (context aside): numbers, kind, optional words, names, products."""
    return [*_numbers(pa, pb), *_kind(pa, pb), *_optional(pa, pb), *_core(pa, pb), *_spellings(pa, pb)]


def _numbers(pa: NameParts, pb: NameParts) -> list[Feature]:
    na, nb = set(pa.numbers), set(pb.numbers)
    if na and nb:
        if na == nb:
            return [Feature("numbers", 0.0, f"same number name {', '.join(sorted(na))}")]
        return [
            Feature(
                "numbers",
                -1.0,
                f"number names differ: {', '.join(sorted(na))} vs {', '.join(sorted(nb))}",
                conflict=True,
            )
        ]
    if na or nb:
        return [Feature("numbers", -0.3, f"only one names the number {', '.join(sorted(na or nb))}")]
    return []


def _kind(pa: NameParts, pb: NameParts) -> list[Feature]:
    if not pa.classes or not pb.classes:
        return [Feature("kind", -0.15, "only one has a head noun")] if pa.classes or pb.classes else []
    if not pa.classes & pb.classes:
        return [Feature("kind", -1.0, f"different kinds of site: {pa.kind} vs {pb.kind}", conflict=True)]
    if pa.head == pb.head:
        return []
    if pa.kind == pb.kind:
        return [Feature("kind", -0.02, f"{pa.head} ~ {pb.head}: head nouns of one kind ({pa.kind})")]
    return [Feature("kind", -0.08, f"{pa.head} ~ {pb.head}: kind-word variants where the rest matches")]


def _optional(pa: NameParts, pb: NameParts) -> list[Feature]:
    if not pa.optional and not pb.optional:
        return []
    out: list[Feature] = []
    for group in lexicon().optional:
        wa, wb = pa.optional.get(group.name, frozenset()), pb.optional.get(group.name, frozenset())
        if group.exclusive and wa and wb and wa != wb:
            out.append(
                Feature(
                    "optional",
                    -1.0,
                    f"{group.name} differs: {', '.join(sorted(wa))} vs {', '.join(sorted(wb))}",
                    conflict=True,
                )
            )
            continue
        for word in sorted(wa ^ wb):
            out.append(Feature("optional", -0.08, f"{word!r} on one side only (a short form may drop it)"))
    if out and (not pa.core and not pa.numbers or not pb.core and not pb.numbers):
        out.append(Feature("optional", -0.3, "without its optional words one name says nothing"))
    return out


def _core(pa: NameParts, pb: NameParts) -> list[Feature]:
    ca, cb = pa.core, pb.core
    if ca == cb:
        return [Feature("name", 0.0, f"same name words: {' '.join(ca)}")] if ca else []
    if "".join(ca) == "".join(cb):
        return [Feature("name", 0.0, "same words, spaced differently")]
    if sorted(ca) == sorted(cb):
        return [Feature("name", -0.05, "same words in another order")]
    return [*_names(pa, pb), *_products(pa, pb)]


def _names(pa: NameParts, pb: NameParts) -> list[Feature]:
    """Places and romanized names: a place on one side only is a possible match; two
    different places, or two names that are not one spelling, are different facilities."""
    la, lb = "".join(pa.places + pa.propers), "".join(pb.places + pb.propers)
    if la == lb:
        return []
    if pa.places and pb.places and not set(pa.places) & set(pb.places):
        return [Feature("place", -1.0, f"places differ: {' '.join(pa.places)} vs {' '.join(pb.places)}", conflict=True)]
    if not la or not lb:
        return [Feature("name", -0.3, f"only one has the name {la or lb!r}")]
    if pa.propers == pb.propers and (not pa.places or not pb.places):
        return [Feature("place", -0.3, f"only one names the place {' '.join(pa.places or pb.places)!r}")]
    if ratio(la, lb) >= FUZZY_MIN:
        return [Feature("name", -0.35, f"similar spellings {la!r} ~ {lb!r} (possibly one name)")]
    return [Feature("name", -1.0, f"names differ: {la!r} vs {lb!r}", conflict=True)]


def _products(pa: NameParts, pb: NameParts) -> list[Feature]:
    wa, wb = Counter(pa.words), Counter(pb.words)
    if wa == wb or "".join(pa.words) == "".join(pb.words):
        return []
    if not wa or not wb:
        return [Feature("product", -0.3, f"only one names the product {' '.join(pa.words or pb.words)!r}")]
    if not wa - wb or not wb - wa:
        extra = " ".join(sorted((wa - wb) + (wb - wa)))
        return [Feature("product", -0.3, f"{extra!r} on one side only")]
    return [Feature("product", -1.0, f"products differ: {' '.join(pa.words)} vs {' '.join(pb.words)}", conflict=True)]


def _spellings(pa: NameParts, pb: NameParts) -> list[Feature]:
    """Name the variants that made the two one (romanization, translation, plural...)."""
    out: dict[str, Feature] = {}
    for x, y in ((pa, pb), (pb, pa)):
        theirs = {(r.after, r.why) for r in y.rewrites}
        for r in x.rewrites:
            if (r.after, r.why) not in theirs and (r.after in y.key or fold(r.after) in y.key):
                reason = f"{r.why}: {r.before} ~ {r.after}"
                out.setdefault(reason, Feature("spelling", 0.0, reason))
    return list(out.values())
