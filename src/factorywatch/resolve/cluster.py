"""Group facility names into facilities: block, score, decide, with must- and cannot-links.

Candidates come from blocking on the parts of the names' keys (never all pairs), each
candidate pair is scored by ``matcher.score_pair``, and pairs at or above ``T_HIGH`` are
merged strongest first. A merge is refused when any two names of the two groups conflict
(different numbers, places, products, kinds, provinces) or an analyst said "not the same",
so a chain of near matches cannot join a coal mine to an iron mine. Aliases a text states
(``must_link``) are merged first. Every choice is ordered by content, never by input
order, so shuffled documents give the same clusters with the same ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from factorywatch.resolve.matcher import (
    POSSIBLE,
    SAME,
    Match,
    MatchContext,
    NameRecord,
    as_record,
    score_pair,
)
from factorywatch.resolve.names import NameParts, name_key, parse_name, slugify, variant_marks

BLOCK_CAP = 150
"""Blocks on a single word larger than this are skipped ("pyongyang"): they add pairs, not matches."""
EXACT_BLOCK_CAP = 2000
"""Blocks on a whole name core stay usable far larger: their members differ only in kind,
optional words, number or province."""

NameLike = str | NameRecord
Link = tuple[NameLike, NameLike]
Edge = tuple[float, str, str, int, int, Match]
"""(-score, node id, node id, node, node, match): sorted, strongest first, then by content."""


@dataclass(frozen=True, slots=True)
class Cluster:
    """One facility: the names that denote it, and a stable id made from its standard name."""

    id: str
    name: str
    """The most standard English form among the members."""
    members: tuple[NameRecord, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(sorted({m.name for m in self.members}))


@dataclass(frozen=True, slots=True)
class PossibleMatch:
    """Two clusters that may be one facility: for an analyst to judge."""

    a: str
    b: str
    name_a: str
    name_b: str
    match: Match


@dataclass(frozen=True, slots=True)
class Resolution:
    clusters: tuple[Cluster, ...]
    possible: tuple[PossibleMatch, ...]

    def cluster_ids(self) -> dict[str, str]:
        """Name -> cluster id (a name in several provinces maps to the first id by sort)."""
        out: dict[str, str] = {}
        for c in self.clusters:
            for m in c.members:
                out.setdefault(m.name, c.id)
        return out


@dataclass(slots=True)
class _Node:
    """The records sharing one key and one province (and one document, for a generic name):
    one facility by construction."""

    id: str
    key: str
    province: str | None
    source: str
    """The document of a generic name's node; empty for every other node."""
    records: list[NameRecord]
    rep: NameRecord
    parts: NameParts


def cluster(
    names: Iterable[NameLike], must_link: Iterable[Link] = (), cannot_link: Iterable[Link] = ()
) -> list[Cluster]:
    """Cluster names into facilities (see ``resolve_names``)."""
    return list(resolve_names(names, must_link, cannot_link).clusters)


def resolve_names(
    names: Iterable[NameLike], must_link: Iterable[Link] = (), cannot_link: Iterable[Link] = ()
) -> Resolution:
    """Resolve names into clusters, plus the possible matches between clusters for review.

    ``must_link``: pairs a text gives as one facility (a bracketed alias, mentions of one
    facility in one document). ``cannot_link``: pairs an analyst judged different; they win
    over everything. A name given as a plain string matches every record of that name.
    """
    records = [as_record(x) for x in names]
    nodes = _nodes(records)
    must = [(as_record(a), as_record(b)) for a, b in must_link]
    must += [
        (r, NameRecord(alias, source=r.source))
        for r in records
        for alias in parse_name(r.name).aliases
        if _names_facility(alias)
    ]
    cannot = [(as_record(a), as_record(b)) for a, b in cannot_link]
    context = MatchContext.of([(a.name, b.name) for a, b in must], [(a.name, b.name) for a, b in cannot])
    scorer = _Scorer(nodes, context)
    groups = _UnionFind(len(nodes))
    for i, j in _linked_pairs(nodes, context.known_aliases, must):
        scorer.merge(groups, i, j)
    edges: list[Edge] = []
    for i, j in _candidates(nodes):
        match = scorer.score(i, j)
        if match.decision in (SAME, POSSIBLE):
            edges.append((-match.score, nodes[i].id, nodes[j].id, i, j, match))
    edges.sort(key=lambda e: e[:3])
    for _, _, _, i, j, match in edges:
        if match.decision == SAME:
            scorer.merge(groups, i, j)
    return _result(nodes, groups, edges)


def _names_facility(alias: str) -> bool:
    """A bracketed text that is itself a facility name (not "(Chongjin)" or "(KCNA)")."""
    parts = parse_name(alias)
    return bool(parts.numbers or parts.kind)


def node_key(r: NameRecord) -> tuple[str, str, str]:
    """Records with one key and province are one node; a generic name ("Machine Factory")
    is one node per document, since only its document says which site it is."""
    key = name_key(r.name)
    generic = parse_name(r.name).generic
    return key or f"\x00{r.name}", r.province or "", (r.source or "") if generic else ""


def _nodes(records: Sequence[NameRecord]) -> list[_Node]:
    by_node: dict[tuple[str, str, str], list[NameRecord]] = defaultdict(list)
    for r in records:
        by_node[node_key(r)].append(r)
    nodes = []
    for (key, province, source), recs in sorted(by_node.items()):
        recs.sort(key=_record_order)
        localities = {r.locality for r in recs if r.locality}
        rep = NameRecord(
            recs[0].name, province or None, localities.pop() if len(localities) == 1 else None, source or None
        )
        nodes.append(
            _Node(f"{key}|{province}|{source}", key, province or None, source, recs, rep, parse_name(rep.name))
        )
    return nodes


def _linked_pairs(
    nodes: Sequence[_Node], links: Iterable[frozenset[str]], must: Sequence[tuple[NameRecord, NameRecord]]
) -> list[tuple[int, int]]:
    """Node pairs a text (or the code-name table) links, in content order: by key for names
    that single out a site, record by record for generic ones."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        by_key[node.key].append(i)
    pairs: set[tuple[int, int]] = set()
    for link in links:
        key_a, key_b = sorted(link)
        pairs.update((min(i, j), max(i, j)) for i in by_key.get(key_a, ()) for j in by_key.get(key_b, ()))
    by_id = {(n.key, n.province or "", n.source): i for i, n in enumerate(nodes)}
    for a, b in must:
        x, y = by_id.get(node_key(a)), by_id.get(node_key(b))
        if x is not None and y is not None and x != y and (nodes[x].parts.generic or nodes[y].parts.generic):
            pairs.add((min(x, y), max(x, y)))
    return sorted(pairs, key=lambda p: (nodes[p[0]].id, nodes[p[1]].id))


BOTH, INDEX, PROBE = 0, 1, 2
"""Block roles: a pair is compared when at least one side probes (``BOTH`` does both)."""


def _blocking_keys(parts: NameParts) -> Iterator[tuple[str, int]]:
    """(block key, role) for each way two names can still reach a possible match: the core in
    any order or spacing (kind, optional words, number or province aside); the core with its
    place left out; the name with one product word left out, or without products; the
    products without a name; a bare number name against named ones; the first letters of a
    name (a misspelling). Blocks that could only pair conflicting names are not made."""
    core, name, words = parts.core, "".join(parts.places + parts.propers), parts.words
    if core:
        yield "c" + " ".join(sorted(core)), BOTH
        yield "j" + "".join(core), BOTH
    rest = " ".join(parts.propers + words)
    if parts.places and rest:
        yield "x" + rest, INDEX
    elif not parts.places and rest:
        yield "x" + rest, PROBE
    if name:
        yield "d" + name + "|" + " ".join(sorted(words)), PROBE
        for i in range(len(words)):
            yield "d" + name + "|" + " ".join(sorted(words[:i] + words[i + 1 :])), INDEX
        yield f"f{name[:2]}|{' '.join(sorted(words))}", BOTH
    if words:
        yield "w" + " ".join(sorted(words)), INDEX if name else PROBE
    for number in parts.numbers:
        yield "n" + number, PROBE if parts.code_only else INDEX


def _candidates(nodes: Sequence[_Node]) -> list[tuple[int, int]]:
    blocks: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, node in enumerate(nodes):
        for block, role in _blocking_keys(node.parts):
            index, probe = blocks[block]
            (probe if role != INDEX else index).append(i)
            if role == BOTH:
                index.append(i)
    pairs: set[tuple[int, int]] = set()
    for block, (index, probe) in blocks.items():
        if not probe or len(index) + len(probe) > (EXACT_BLOCK_CAP if block[0] in "cj" else BLOCK_CAP):
            continue
        pairs.update((min(i, j), max(i, j)) for i in probe for j in index if i != j)
        pairs.update((i, j) for i, j in combinations(sorted(probe), 2))
    return sorted(pairs)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))


class _Scorer:
    """Scores node pairs once, and refuses merges that would put a conflict in a cluster."""

    def __init__(self, nodes: Sequence[_Node], context: MatchContext) -> None:
        self.nodes = nodes
        self.context = context
        self.cache: dict[tuple[int, int], Match] = {}

    def score(self, i: int, j: int) -> Match:
        pair = (i, j) if i < j else (j, i)
        match = self.cache.get(pair)
        if match is None:
            match = self.cache[pair] = score_pair(self.nodes[pair[0]].rep, self.nodes[pair[1]].rep, self.context)
        return match

    def merge(self, groups: _UnionFind, i: int, j: int) -> None:
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj:
            return
        if any(self.score(x, y).conflict for x in groups.members[ri] for y in groups.members[rj]):
            return
        groups.union(ri, rj)


@dataclass(frozen=True, slots=True)
class _Group:
    root: int
    name: str
    records: tuple[NameRecord, ...]
    province: str | None
    nodes: tuple[str, ...]


def _result(nodes: Sequence[_Node], groups: _UnionFind, edges: Sequence[Edge]) -> Resolution:
    found = []
    for root, members in groups.members.items():
        records = tuple(sorted((r for m in members for r in nodes[m].records), key=_record_order))
        provinces = {nodes[m].province for m in members} - {None}
        province = provinces.pop() if len(provinces) == 1 else None
        found.append(
            _Group(root, _standard_name(records), records, province, tuple(sorted(nodes[m].id for m in members)))
        )
    ids = _ids(found)
    clusters = tuple(sorted((Cluster(ids[g.root], g.name, g.records) for g in found), key=lambda c: c.id))
    best: dict[tuple[str, str], PossibleMatch] = {}
    for _, _, _, i, j, match in edges:
        ci, cj = ids[groups.find(i)], ids[groups.find(j)]
        if match.decision == POSSIBLE and ci != cj:
            (a, name_a), (b, name_b) = sorted(((ci, nodes[i].rep.name), (cj, nodes[j].rep.name)))
            best.setdefault((a, b), PossibleMatch(a, b, name_a, name_b, match))
    return Resolution(clusters, tuple(best[k] for k in sorted(best)))


def _record_order(r: NameRecord) -> tuple[str, str, str, str]:
    return (r.name, r.province or "", r.locality or "", r.source or "")


def _standard_name(records: Sequence[NameRecord]) -> str:
    """The most standard English form: a name that singles out the site (not a bare number
    name, not a generic one), most often written, fewest variant marks, fullest, then
    alphabetical: all content, never input order."""
    counts = Counter(r.name for r in records)

    def rank(name: str) -> tuple[bool, bool, int, int, int, str]:
        parts = parse_name(name)
        return (
            parts.code_only or parts.generic,
            not parts.key,
            -counts[name],
            variant_marks(parts),
            -len(parts.key),
            name,
        )

    return min(counts, key=rank)


def _ids(groups: Sequence[_Group]) -> dict[int, str]:
    """Slug of the standard name; groups sharing a slug add their province, else a hash of
    their keys, so that an id depends only on the group's own content."""
    by_slug: dict[str, list[_Group]] = defaultdict(list)
    for g in groups:
        by_slug[slugify(g.name) or "unnamed"].append(g)
    ids: dict[int, str] = {}
    for slug, same in by_slug.items():
        for g in same:
            if len(same) == 1:
                ids[g.root] = slug
            elif g.province and sum(o.province == g.province for o in same) == 1:
                ids[g.root] = f"{slug}-{slugify(g.province)}"
            else:
                ids[g.root] = f"{slug}-{hashlib.sha1(chr(10).join(g.nodes).encode()).hexdigest()[:8]}"
    return ids


def cluster_lines(names: Sequence[str]) -> list[tuple[str, str]]:
    """(name, cluster id) for each name, in input order: the ``cluster-names`` command.

    Names are stripped; blank lines are skipped; one facility's names share one id."""
    kept = [n.strip() for n in names if n.strip()]
    ids = resolve_names(kept).cluster_ids()
    return [(n, ids[n]) for n in kept]
