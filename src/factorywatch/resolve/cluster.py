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
    """The records sharing one key and one province: they are one facility by construction."""

    id: str
    key: str
    province: str | None
    records: list[NameRecord]
    rep: NameRecord
    parts: NameParts


def _as_record(x: NameLike) -> NameRecord:
    return x if isinstance(x, NameRecord) else NameRecord(x)


def cluster(names: Iterable[NameLike], must_link: Iterable[Link] = (), cannot_link: Iterable[Link] = ()) -> list[Cluster]:
    """Cluster names into facilities (see ``resolve_names``)."""
    return list(resolve_names(names, must_link, cannot_link).clusters)


def resolve_names(names: Iterable[NameLike], must_link: Iterable[Link] = (), cannot_link: Iterable[Link] = ()) -> Resolution:
    """Resolve names into clusters, plus the possible matches between clusters for review.

    ``must_link``: pairs a text gives as one facility (a bracketed alias, mentions of one
    facility in one document). ``cannot_link``: pairs an analyst judged different; they win
    over everything. A name given as a plain string matches every record of that name.
    """
    records = [_as_record(x) for x in names]
    nodes = _nodes(records)
    must = [(_as_record(a), _as_record(b)) for a, b in must_link]
    must += [(r, NameRecord(alias)) for r in records for alias in parse_name(r.name).aliases if _names_facility(alias)]
    cannot = [(_as_record(a), _as_record(b)) for a, b in cannot_link]
    context = MatchContext.of([(a.name, b.name) for a, b in must], [(a.name, b.name) for a, b in cannot])
    scorer = _Scorer(nodes, context)
    groups = _UnionFind(len(nodes))
    for i, j in _linked_pairs(nodes, context.known_aliases):
        scorer.merge(groups, i, j)
    edges = []
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


def _nodes(records: Sequence[NameRecord]) -> list[_Node]:
    by_node: dict[tuple[str, str], list[NameRecord]] = defaultdict(list)
    for r in records:
        key = name_key(r.name)
        by_node[(key or f"\x00{r.name}", r.province or "")].append(r)
    nodes = []
    for (key, province), recs in sorted(by_node.items()):
        recs.sort(key=lambda r: (r.name, r.locality or "", r.source or ""))
        localities = {r.locality for r in recs if r.locality}
        rep = NameRecord(recs[0].name, province or None, localities.pop() if len(localities) == 1 else None)
        nodes.append(_Node(f"{key}|{province}", key, province or None, recs, rep, parse_name(rep.name)))
    return nodes


def _linked_pairs(nodes: Sequence[_Node], links: Iterable[frozenset[str]]) -> list[tuple[int, int]]:
    """Node pairs whose keys a text (or the code-name table) links, in content order."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        by_key[node.key].append(i)
    pairs: set[tuple[int, int]] = set()
    for link in links:
        a, b = sorted(link)
        pairs.update((min(i, j), max(i, j)) for i in by_key.get(a, ()) for j in by_key.get(b, ()))
    return sorted(pairs, key=lambda p: (nodes[p[0]].id, nodes[p[1]].id))


def _blocking_keys(parts: NameParts) -> Iterator[tuple[str, bool]]:
    """(block key, exact?) pairs: the whole core (any order and spacing), each number, each
    word, and the first letters of the romanized name (for misspellings)."""
    core = parts.core
    if core:
        yield "c" + "".join(sorted(core)), True
        yield "j" + "".join(core), True
    for number in parts.numbers:
        yield "n" + number, False
    for token in (*core, *(t.text for t in parts.optional)):
        yield "t" + token, False
    name = "".join(parts.places + parts.propers)
    if len(name) >= 4:
        yield "p" + name[:4], False


def _candidates(nodes: Sequence[_Node]) -> list[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    exact: set[str] = set()
    for i, node in enumerate(nodes):
        for block, is_exact in _blocking_keys(node.parts):
            blocks[block].append(i)
            if is_exact:
                exact.add(block)
    pairs: set[tuple[int, int]] = set()
    for block, members in blocks.items():
        if len(members) > (EXACT_BLOCK_CAP if block in exact else BLOCK_CAP):
            continue
        pairs.update(combinations(members, 2))
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


def _result(nodes: Sequence[_Node], groups: _UnionFind, edges: list) -> Resolution:
    found = []
    for root, members in groups.members.items():
        records = tuple(sorted((r for m in members for r in nodes[m].records), key=_record_order))
        provinces = {nodes[m].province for m in members} - {None}
        province = provinces.pop() if len(provinces) == 1 else None
        found.append(_Group(root, _standard_name(records), records, province, tuple(sorted(nodes[m].id for m in members))))
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
    """The most standard English form: a real name before a bare number name, fewest variant
    marks, most often written, fullest, then alphabetical (all content, never input order)."""
    counts = Counter(r.name for r in records)

    def rank(name: str) -> tuple[bool, bool, int, int, int, str]:
        parts = parse_name(name)
        return (parts.code_only, not parts.key, variant_marks(parts), -counts[name], -len(parts.key), name)

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
