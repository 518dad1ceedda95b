"""Canonical facilities, their members, analyst judgements and possible matches.

Resolution (``resolve.corpus``) reads every named document facility through
``facility_sources``, clusters them and writes the result back whole with
``replace_facilities``; judgements are only ever appended. The records below are what the
CLI prints and the web app renders, whatever backend stored them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass

from factorywatch.errors import NotFound
from factorywatch.store.base import StoreBase
from factorywatch.store.corpus_records import ResolvedFacility
from factorywatch.store.documents import now


@dataclass(frozen=True, slots=True)
class FacilitySource:
    """One named facility of one document, with everything resolution reads of it."""

    document: int
    idx: int
    content_hash: str
    """Of the document: identifies the facility's names whatever order documents came in."""
    name: str
    kind: str
    province: str | None
    locality: str | None
    place_source: str | None
    published: str | None
    names: tuple[str, ...]
    """The facility's name and every naming mention of it in its document, distinct, sorted."""


@dataclass(frozen=True, slots=True)
class CanonicalFacility(ResolvedFacility):
    updated_at: str
    """When a resolution last changed this row."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """An analyst's decision, as stored (append-only)."""

    id: int
    action: str
    """``merge``, ``split`` or ``not-same``."""
    a: str
    b: str | None
    name: str | None
    """For ``split``: the name split off facility ``a``."""
    keys_a: tuple[str, ...]
    keys_b: tuple[str, ...]
    author: str | None
    note: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class PossibleMatch:
    """Two canonical facilities that may be one, for an analyst to judge."""

    a: str
    b: str
    name_a: str
    name_b: str
    score: float
    reasons: tuple[dict[str, object], ...]
    """The matcher's features: ``{"feature", "weight", "reason"}``."""


_FACILITY_COLUMNS = "id, name, kind, province, locality, place_source, reports, first_seen, last_seen, updated_at"
_FACILITY_MARKS = ", ".join("?" * len(_FACILITY_COLUMNS.split(",")))
_JUDGEMENT_COLUMNS = "id, action, a, b, name, keys_a, keys_b, author, note, created_at"


def _judgement(row: tuple) -> Judgement:
    jid, action, a, b, name, keys_a, keys_b, author, note, created = row
    keys = tuple(json.loads(keys_a)), tuple(json.loads(keys_b))
    return Judgement(jid, action, a, b, name, *keys, author, note, created)


class FacilityQueries(StoreBase):
    def facility_sources(self) -> list[FacilitySource]:
        """Every named document facility, in (document, idx) order."""
        names: dict[tuple[int, int], set[str]] = defaultdict(set)
        for document, idx, surface in self.db.execute(
            "SELECT document, facility, surface FROM doc_mentions WHERE kind = 'name'"
        ):
            names[(document, idx)].add(" ".join(surface.split()))
        rows = self.db.execute(
            "SELECT f.document, f.idx, d.content_hash, f.name, f.kind, f.province, f.locality, f.place_source,"
            " d.published"
            " FROM doc_facilities AS f JOIN documents AS d ON d.id = f.document"
            " WHERE f.named ORDER BY f.document, f.idx"
        )
        return [
            FacilitySource(doc, idx, content, name, kind, province, locality, source, published,
                           tuple(sorted(names.get((doc, idx), set()) | {name})))
            for doc, idx, content, name, kind, province, locality, source, published in rows
        ]

    def facility_key_memory(self) -> dict[tuple[str, str, str], str]:
        """Matcher node (name key, province or '', source or '') -> the facility that held it
        at the last resolution."""
        rows = self.db.execute("SELECT key, province, source, facility FROM facility_keys")
        return {(key, province, source): facility for key, province, source, facility in rows}

    def replace_facilities(
        self,
        facilities: Sequence[CanonicalFacility],
        members: Iterable[tuple[int, int, str]],
        keys: Iterable[tuple[str, str, str, str]],
        possible: Iterable[tuple[str, str, float, str]],
    ) -> None:
        """Make the stored canonical facilities, members, keys and possible matches these, in
        one transaction. ``members`` are ``(document, idx, facility)``, ``keys``
        ``(key, province, source, facility)``, ``possible`` ``(a, b, score, reasons as JSON)``.

        Only what changed is written: a facility row that is the same keeps its
        ``updated_at``, and a member that stays where it was is not touched, so a resolution
        that changes nothing leaves membership (and the views derived from it) as it was."""
        with self.transaction():
            q = self.db
            before = {r[0]: r[:-1] for r in q.execute(f"SELECT {_FACILITY_COLUMNS} FROM facilities")}
            old = {(d, i): f for d, i, f in q.execute("SELECT document, idx, facility FROM facility_members")}
            new = {(d, i): f for d, i, f in members}
            q.executemany("DELETE FROM facility_members WHERE document = ? AND idx = ?",
                          [m for m, f in old.items() if new.get(m) != f])
            ids = {f.id for f in facilities}
            q.executemany("DELETE FROM facilities WHERE id = ?", [(i,) for i in before if i not in ids])
            stamp = now()
            rows = [astuple(f)[:-1] for f in facilities]
            q.executemany(f"INSERT INTO facilities ({_FACILITY_COLUMNS}) VALUES ({_FACILITY_MARKS})",
                          [(*r, stamp) for r in rows if r[0] not in before])
            q.executemany(
                "UPDATE facilities SET name = ?, kind = ?, province = ?, locality = ?, place_source = ?, reports = ?,"
                " first_seen = ?, last_seen = ?, updated_at = ? WHERE id = ?",
                [(*r[1:], stamp, r[0]) for r in rows if r[0] in before and before[r[0]] != r],
            )
            q.executemany("INSERT INTO facility_members (document, idx, facility) VALUES (?, ?, ?)",
                          [(d, i, f) for (d, i), f in new.items() if old.get((d, i)) != f])
            q.execute("DELETE FROM facility_keys")
            q.executemany("INSERT INTO facility_keys (key, province, source, facility) VALUES (?, ?, ?, ?)", keys)
            q.execute("DELETE FROM possible_matches")
            q.executemany("INSERT INTO possible_matches (a, b, score, reasons) VALUES (?, ?, ?, ?)", possible)

    def count_canonical_facilities(self) -> int:
        return self.db.execute("SELECT count(*) FROM facilities").fetchone()[0]

    def canonical_facility(self, facility_id: str) -> CanonicalFacility:
        row = self.db.execute(f"SELECT {_FACILITY_COLUMNS} FROM facilities WHERE id = ?", (facility_id,)).fetchone()
        if row is None:
            raise NotFound(f"no facility {facility_id}")
        return CanonicalFacility(*row)

    def facility_ids_with_key(self, key: str, province: str | None = None) -> list[str]:
        """The facilities holding a name with this key (several: other provinces, generic
        names), or with this key in this province ('' for none) when one is given."""
        rows = self.db.execute(
            "SELECT DISTINCT facility FROM facility_keys WHERE key = ? AND (? IS NULL OR province = ?)"
            " ORDER BY facility",
            (key, province, province),
        )
        return [f for (f,) in rows]

    def facility_name_keys(self, facility_id: str) -> list[tuple[str, str]]:
        """(name key, province or '') of a facility's names that single it out (generic names
        aside), sorted."""
        rows = self.db.execute(
            "SELECT DISTINCT key, province FROM facility_keys WHERE facility = ? AND source = ''"
            " ORDER BY key, province",
            (facility_id,),
        )
        return [(k, p) for k, p in rows]

    def facility_members(self, facility_id: str) -> list[tuple[int, int]]:
        """``(document, idx)`` of the document facilities resolved to this facility."""
        rows = self.db.execute(
            "SELECT document, idx FROM facility_members WHERE facility = ? ORDER BY document, idx", (facility_id,)
        )
        return [(d, i) for d, i in rows]

    def add_judgement(
        self,
        action: str,
        a: str,
        b: str | None,
        name: str | None,
        keys_a: Sequence[str],
        keys_b: Sequence[str],
        *,
        author: str | None = None,
        note: str | None = None,
        created_at: str | None = None,
    ) -> int:
        """Append one judgement; its id."""
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO judgements (action, a, b, name, keys_a, keys_b, author, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (action, a, b, name, json.dumps(list(keys_a), ensure_ascii=False),
                 json.dumps(list(keys_b), ensure_ascii=False), author, note, created_at or now()),
            )
        return int(cur.lastrowid or 0)

    def judgements(self) -> list[Judgement]:
        """Every judgement, oldest first (a later one overrides an earlier one it contradicts)."""
        rows = self.db.execute(f"SELECT {_JUDGEMENT_COLUMNS} FROM judgements ORDER BY created_at, id")
        return [_judgement(r) for r in rows]

    def possible_matches(self, *, limit: int | None = None) -> list[PossibleMatch]:
        """Pairs of facilities that may be one, best score first."""
        rows = self.db.execute(
            "SELECT p.a, p.b, fa.name, fb.name, p.score, p.reasons FROM possible_matches AS p"
            " JOIN facilities AS fa ON fa.id = p.a JOIN facilities AS fb ON fb.id = p.b"
            " ORDER BY p.score DESC, p.a, p.b LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [PossibleMatch(a, b, na, nb, score, tuple(json.loads(r))) for a, b, na, nb, score, r in rows]
