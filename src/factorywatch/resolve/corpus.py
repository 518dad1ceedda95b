"""Canonical facilities across the corpus: every named document facility in one cluster.

The matcher (``cluster.resolve_names``) clusters names; this module decides what a name
belongs to. The names of one document facility are must-links (the text said they are one:
"Taedong River Battery Factory (No. 245 Factory)"), so a number name joins its named
facility everywhere. Analyst judgements (``resolve.judgements``) apply as key pairs, the
later one winning: "not the same" and "split" are cannot-links the matcher obeys over any
score; "merge" joins the clusters holding the two sides after matching, so a new spelling
of either side still finds its facility, and is refused only by a cannot-link.

Ids are stable: a cluster keeps the id of the earlier facility most of its names belonged
to (``facility_keys`` remembers that even after re-extraction dropped the members); a new
cluster takes the matcher's id, the slug of its most standard name, suffixed if taken.
Everything is ordered by content, so the order documents were stored in changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from time import perf_counter

from factorywatch.model import Analysis
from factorywatch.resolve.cluster import node_key as matcher_node
from factorywatch.resolve.cluster import resolve_names
from factorywatch.resolve.matcher import Match, NameRecord
from factorywatch.store import Store
from factorywatch.store.facilities import CanonicalFacility, FacilitySource, Judgement
from factorywatch.vocab import FACILITY_KINDS, vocab

SAME, CANNOT = "same", "cannot"


def judged_key(key: str, province: str) -> str:
    """How a judgement names one name of a facility: its key, with the province the documents
    gave it (one key may stand for facilities in two provinces: two Kim Chaek complexes)."""
    return f"{key}|{province}" if province else key


def bare_key(judged: str) -> str:
    """The name key of a judged key, province aside."""
    return judged.partition("|")[0]


@dataclass(frozen=True, slots=True)
class Constraints:
    """What the judgements say (the latest judgement about two names wins)."""

    same: tuple[tuple[str, str], ...] = ()
    """Judged-key pairs to join, in the order they were judged."""
    cannot: frozenset[frozenset[str]] = frozenset()
    """Name-key pairs to keep apart, whatever the province."""


def constraints(judgements: Iterable[Judgement]) -> Constraints:
    """Pairs from judgements given oldest first: merge joins every name of one side with every
    name of the other; not-same and split (the split-off name against the rest) part them."""
    state: dict[frozenset[str], tuple[str, int, frozenset[tuple[str, str]]]] = {}
    for order, j in enumerate(judgements):
        for a in j.keys_a:
            for b in j.keys_b:
                pair = frozenset((bare_key(a), bare_key(b)))
                if len(pair) < 2:
                    continue
                if j.action == "merge":
                    earlier = state.get(pair)
                    links = earlier[2] if earlier and earlier[0] == SAME else frozenset()
                    state[pair] = (SAME, order, links | {(a, b)})
                else:
                    state[pair] = (CANNOT, order, frozenset())
    same = sorted((order, link) for d, order, links in state.values() if d == SAME for link in links)
    return Constraints(tuple(link for _, link in same), frozenset(p for p, (d, _, _) in state.items() if d == CANNOT))


Node = tuple[str, str, str]
"""The matcher's unit: (name key, province or '', source for a generic name else '')."""


def records_of(source: FacilitySource) -> list[NameRecord]:
    """The names of a document facility as the matcher reads them. ``source`` identifies
    the document facility by content, so a generic name ("Machine Factory"), which the matcher
    keeps per document facility, has the same node whatever order documents came in."""
    tag = f"{source.content_hash[:16]}:{source.idx}"
    return [NameRecord(n, source.province, source.locality, tag) for n in source.names]


@dataclass(frozen=True, slots=True)
class Group:
    """One canonical facility before it has its final id."""

    base_id: str
    """The matcher's id for it: what a new facility is called."""
    name: str
    members: tuple[int, ...]
    """Indexes into the sources."""
    nodes: tuple[Node, ...]
    """The matcher nodes of every name it holds, sorted."""
    votes: tuple[Node, ...]
    """The node of each name of each member (repeated): what an earlier id is voted with."""


@dataclass(frozen=True, slots=True)
class Grouping:
    groups: tuple[Group, ...]
    """Sorted by ``base_id``."""
    possible: tuple[tuple[int, int, Match], ...]
    """(group, group, match) pairs that may be one facility."""


def group_sources(sources: Sequence[FacilitySource], rules: Constraints = Constraints()) -> Grouping:
    """Cluster document facilities into canonical facilities (ids aside)."""
    records = [records_of(s) for s in sources]
    node = {r: matcher_node(r) for recs in records for r in recs}
    key_name: dict[str, str] = {}
    for r, (key, _, _) in node.items():
        if key not in key_name or r.name < key_name[key]:
            key_name[key] = r.name
    must = [(recs[0], r) for recs in records for r in recs[1:]]
    cannot = [(key_name[a], key_name[b]) for a, b in map(sorted, rules.cannot) if a in key_name and b in key_name]
    resolution = resolve_names(list(node), must, cannot)
    clusters = resolution.clusters
    where = {r: ci for ci, c in enumerate(clusters) for r in c.members}
    joined = _join([{node[r] for r in c.members} for c in clusters], rules)
    members: dict[int, list[int]] = defaultdict(list)
    weight: Counter[int] = Counter()
    for i, s in enumerate(sources):
        ci = where[next(r for r in records[i] if r.name == s.name)]
        members[joined[ci]].append(i)
        weight[ci] += 1
    parts: dict[int, list[int]] = defaultdict(list)
    for ci in range(len(clusters)):
        parts[joined[ci]].append(ci)
    built: dict[int, Group] = {}
    for root, mine in members.items():
        lead = min(parts[root], key=lambda ci: (-weight[ci], clusters[ci].id))
        nodes = tuple(sorted({node[r] for ci in parts[root] for r in clusters[ci].members}))
        votes = tuple(node[r] for m in mine for r in records[m])
        built[root] = Group(clusters[lead].id, clusters[lead].name, tuple(mine), nodes, votes)
    order = sorted(built, key=lambda root: built[root].base_id)
    index = {root: n for n, root in enumerate(order)}
    by_id = {c.id: ci for ci, c in enumerate(clusters)}
    possible: dict[tuple[int, int], Match] = {}
    for p in resolution.possible:
        ga, gb = (index.get(joined[by_id[x]]) for x in (p.a, p.b))
        if ga is None or gb is None or ga == gb or _parted(built[order[ga]], built[order[gb]], rules):
            continue
        pair = (min(ga, gb), max(ga, gb))
        if pair not in possible or p.match.score > possible[pair].score:
            possible[pair] = p.match
    return Grouping(tuple(built[r] for r in order), tuple((a, b, m) for (a, b), m in sorted(possible.items())))


def _join(nodes: list[set[Node]], rules: Constraints) -> list[int]:
    """Cluster index -> index of the cluster it joins by merge judgements (itself if none),
    given the nodes of each cluster. A join that would put two names judged different
    together is refused."""
    parent = list(range(len(nodes)))
    keys = [{k for k, _, _ in ns} for ns in nodes]
    holding: dict[str, list[int]] = defaultdict(list)
    for ci, ns in enumerate(nodes):
        for key, province, source in ns:
            if not source:
                holding[judged_key(key, province)].append(ci)
    apart: dict[str, set[str]] = defaultdict(set)
    for pair in rules.cannot:
        a, b = sorted(pair)
        apart[a].add(b)
        apart[b].add(a)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for ka, kb in rules.same:
        for x in holding.get(ka, ()):
            for y in holding.get(kb, ()):
                rx, ry = sorted((find(x), find(y)))
                if rx != ry and not any(apart[k] & keys[ry] for k in keys[rx]):
                    parent[ry] = rx
                    keys[rx] |= keys[ry]
    return [find(i) for i in range(len(nodes))]


def _parted(a: Group, b: Group, rules: Constraints) -> bool:
    """Whether a judgement says the two are different (then they are no possible match)."""
    keys_b = {k for k, _, _ in b.nodes}
    return any(frozenset((ka, kb)) in rules.cannot for ka, _, _ in a.nodes for kb in keys_b)


def assign_ids(groups: Sequence[Group], memory: Mapping[Node, str]) -> list[str]:
    """Final ids: each earlier id goes to the group whose members' names held it most often
    (ties: the group that would be named so anyway, then the smaller base id); other groups
    take their base id, suffixed ``-2``, ``-3``... if taken."""
    votes = sorted(
        (-count, previous != group.base_id, group.base_id, previous, g)
        for g, group in enumerate(groups)
        for previous, count in Counter(memory[n] for n in group.votes if n in memory).items()
    )
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    for *_, previous, g in votes:
        if ids[g] is None and previous not in taken:
            ids[g] = previous
            taken.add(previous)
    for g, group in enumerate(groups):
        if ids[g] is None:
            new, n = group.base_id, 1
            while new in taken:
                n += 1
                new = f"{group.base_id}-{n}"
            ids[g] = new
            taken.add(new)
    return [i for i in ids if i is not None]


def _most(values: Iterable[str | None], order: Sequence[str] = ()) -> str | None:
    """The most frequent non-null value; ties go to the earlier in ``order``, then alphabetical."""
    counts = Counter(v for v in values if v)
    rank = {v: i for i, v in enumerate(order)}
    return min(counts, key=lambda v: (-counts[v], rank.get(v, len(rank)), v)) if counts else None


def describe(facility_id: str, group: Group, sources: Sequence[FacilitySource]) -> CanonicalFacility:
    """A canonical facility's row from its members: the most frequent kind and province, the
    most frequent locality in that province, how that place was found, reports and dates
    (``updated_at`` is left for the store to stamp)."""
    mine = [sources[m] for m in group.members]
    province = _most(s.province for s in mine)
    placed = [s for s in mine if s.province == province]
    locality = _most(s.locality for s in placed)
    source = _most((s.place_source for s in placed if s.locality == locality), vocab().place_sources)
    dates = sorted(s.published for s in mine if s.published)
    return CanonicalFacility(
        id=facility_id,
        name=group.name,
        kind=_most((s.kind for s in mine), FACILITY_KINDS) or "factory",
        province=province,
        locality=locality,
        place_source=source if province or locality else None,
        reports=len({s.document for s in mine}),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        updated_at="",
    )


@dataclass(frozen=True, slots=True)
class ResolveReport:
    facilities: int
    members: int
    """Document facilities resolved."""
    possible: int
    judgements: int
    """Judgements applied."""
    kept: int
    """Facilities that kept an earlier id."""
    elapsed: float


def _reasons(match: Match) -> str:
    return json.dumps(
        [{"feature": f.name, "weight": f.weight, "reason": f.reason} for f in match.reasons], ensure_ascii=False
    )


def resolve_facilities(store: Store) -> ResolveReport:
    """Re-resolve every named document facility into canonical facilities, applying every
    judgement, and store the result (facilities, members, keys, possible matches) in one
    transaction. Run it after each ingest, re-extraction or judgement.

    The per-facility summary that lists and the map read (status, latest event) is rebuilt
    in the same transaction, since a read-only reader (the web app) cannot rebuild it."""
    from factorywatch.analyze.facilities import refresh_summaries

    start = perf_counter()
    with store.transaction():
        sources = store.facility_sources()
        judged = store.judgements()
        memory = store.facility_key_memory()
        grouping = group_sources(sources, constraints(judged))
        ids = assign_ids(grouping.groups, memory)
        rows = [describe(i, g, sources) for i, g in zip(ids, grouping.groups, strict=True)]
        members = [
            (sources[m].document, sources[m].idx, i)
            for i, g in zip(ids, grouping.groups, strict=True)
            for m in g.members
        ]
        keys = [(*node, i) for i, g in zip(ids, grouping.groups, strict=True) for node in g.nodes]
        possible = [(min(ids[a], ids[b]), max(ids[a], ids[b]), m.score, _reasons(m)) for a, b, m in grouping.possible]
        store.replace_facilities(rows, members, keys, possible)
        refresh_summaries(store)
    kept = len(set(ids) & set(memory.values()))
    return ResolveReport(len(rows), len(members), len(possible), len(judged), kept, perf_counter() - start)


def run_sources(analyses: Sequence[Analysis]) -> list[FacilitySource]:
    """The named facilities of one run's analyses, ``document`` being the analysis' index."""
    out = []
    for d, a in enumerate(analyses):
        content = a.doc.content_hash or hashlib.sha256(a.text.encode()).hexdigest()
        names: dict[int, set[str]] = defaultdict(set)
        for m in a.mentions:
            if m.kind == "name":
                names[m.facility].add(" ".join(a.text[m.start : m.end].split()))
        out += [
            FacilitySource(d, i, content, f.name, f.kind, f.province, f.locality, f.place_source, a.doc.published,
                           tuple(sorted(names[i] | {f.name})))
            for i, f in enumerate(a.facilities)
            if f.named
        ]
    return out


def assign_run_ids(analyses: Sequence[Analysis]) -> list[dict[int, str]]:
    """For each analysis of one run (``factorywatch extract``, no database), its facility
    index -> canonical id: the names of one real facility get one id in every document.
    Unnamed facilities keep the id extraction gave them."""
    sources = run_sources(analyses)
    grouping = group_sources(sources)
    out: list[dict[int, str]] = [{i: f.id for i, f in enumerate(a.facilities)} for a in analyses]
    for facility_id, group in zip(assign_ids(grouping.groups, {}), grouping.groups, strict=True):
        for m in group.members:
            out[sources[m].document][sources[m].idx] = facility_id
    return out


def with_run_ids(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The analyses of one run with each facility's id replaced by its run id
    (``assign_run_ids``), ready for ``extract.output.to_contract``."""
    return [
        replace(a, facilities=tuple(replace(f, id=ids[i]) for i, f in enumerate(a.facilities)))
        for a, ids in zip(analyses, assign_run_ids(analyses), strict=True)
    ]
