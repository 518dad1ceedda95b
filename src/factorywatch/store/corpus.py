"""The SQL behind the corpus views: facility lists, dossiers, timelines, contradictions, exports.

Every view starts from canonical facilities (``facilities``) and their members
(``facility_members``: one ``doc_facilities`` row each), and reaches a member's events and
claims through ``(document, facility)``. Evidence sentences are sliced from
``documents.text`` by their offsets in the query itself (``substr`` counts characters, as
Python indexes do), so no second copy of any sentence is stored or shipped.

Status rules (which event type or claim polarity implies which status) are the business of
``factorywatch.analyze.status``; they arrive here as data (``rules``: ``(what, basis,
status, rank)`` rows) and one SQL definition of a facility's status signals serves both the
latest status of every facility and the history of one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from factorywatch.errors import UsageError
from factorywatch.store.base import StoreBase
from factorywatch.store.corpus_records import (
    ClaimRow,
    ContradictionRow,
    DocumentRef,
    EventRow,
    FacilityDocument,
    FacilityRef,
    FacilityRow,
    NameCount,
    PlaceCount,
    StatusSignal,
)
from factorywatch.store.documents import _check_date

StatusRule = tuple[str, str, str, int]
"""``(what, basis, status, rank)``: ``("event", "shutdown", "stopped", 13)``, ``("claim",
"negative", "reduced", 1)``. On one day the signal of higher rank is the later one."""

SORTS = ("reports", "last-event", "name")

_DOC = "d.id, d.doc_id, d.title, d.outlet, d.url, d.published"
_FAC = "f.id, f.name, f.kind, f.province, f.locality"
_SLICE = "substr(d.text, {0}.evidence_start + 1, {0}.evidence_end - {0}.evidence_start)"
_MEMBER = "JOIN facility_members m ON m.document = {0}.document AND m.idx = {0}.facility"

_RULES = """rules (what, basis, status, rank) AS (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
           json_extract(value, '$[3]') FROM json_each(:rules))"""

_SIGNALS = f"""signals AS (
    SELECT m.facility, coalesce(e.date, d.published) AS day, r.status, r.rank, r.what, r.basis, d.side AS side,
           e.document, e.idx, e.evidence_start, e.evidence_end
    FROM doc_events e JOIN rules r ON r.what = 'event' AND r.basis = e.type
    {_MEMBER.format("e")} JOIN documents d ON d.id = e.document
    WHERE {{members}}
    UNION ALL
    SELECT m.facility, d.published, r.status, r.rank, r.what, r.basis, c.side,
           c.document, c.idx, c.evidence_start, c.evidence_end
    FROM doc_claims c JOIN rules r ON r.what = 'claim' AND r.basis = c.polarity
    {_MEMBER.format("c")} JOIN documents d ON d.id = c.document
    WHERE {{members}} AND NOT EXISTS (
        SELECT 1 FROM doc_events x JOIN rules rx ON rx.what = 'event' AND rx.basis = x.type
        WHERE x.document = c.document AND x.facility = c.facility))"""
"""A claim counts only where its document reports no status-bearing event of the facility:
the event says more precisely what happened, and when."""

_STATUS_KEY = "coalesce(day, '') || char(9) || printf('%04d', rank) || char(9) || status"
"""Signals order by (day, rank, status): the latest status is the signal with the greatest key."""

_CONTRADICTED = f"""SELECT m.facility FROM doc_claims c {_MEMBER.format("c")}
    WHERE (c.side = 'official' AND c.polarity = 'positive') OR (c.side = 'independent' AND c.polarity = 'negative')
    GROUP BY m.facility HAVING count(DISTINCT c.side) = 2"""

def _named(test: str) -> str:
    """Ids of the facilities with a name that passes ``test`` (``= :name COLLATE NOCASE``),
    one branch per source of names so each can use its index."""
    return f"""SELECT id FROM facilities WHERE name {test}
        UNION SELECT m.facility FROM doc_facilities df
            JOIN facility_members m ON m.document = df.document AND m.idx = df.idx WHERE df.name {test}
        UNION SELECT m.facility FROM doc_mentions mm {_MEMBER.format("mm")} WHERE mm.kind = 'name' AND mm.surface {test}"""


_LIKE = "LIKE :name ESCAPE '\\'"


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(conditions: list[str]) -> str:
    return " AND ".join(conditions) or "1"


def _document(row: Sequence[Any]) -> DocumentRef:
    return DocumentRef(*row)


def _record_filters(
    facility: str | None, province: str | None, since: str | None, until: str | None, day: str
) -> tuple[list[str], dict[str, Any]]:
    """Filters shared by events and claims; ``day`` is the SQL expression they are dated by."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if facility:
        where.append("m.facility = :facility")
        params["facility"] = facility
    if province:
        where.append("f.province = :province")
        params["province"] = province
    if since:
        where.append(f"{day} >= :since")
        params["since"] = _check_date(since, "since")
    if until:
        where.append(f"substr({day}, 1, :until_len) <= :until")
        params |= {"until": _check_date(until, "until"), "until_len": len(until)}
    return where, params


class Corpus(StoreBase):
    """Read-side queries over canonical facilities and what documents say about them."""

    def facility_rows(
        self,
        rules: Sequence[StatusRule],
        *,
        text: str | None = None,
        kind: str | None = None,
        province: str | None = None,
        status: str | None = None,
        contradicted: bool | None = None,
        event_type: str | None = None,
        year: int | None = None,
        sort: str = "reports",
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[FacilityRow]:
        """Canonical facilities matching every filter given, in ``sort`` order
        (``reports``: most reported first; ``last-event``: latest event first; ``name``).

        ``text`` matches part of any name the facility goes by; ``event_type``: it has an
        event of that type; ``year``: a document published that year reports it.
        """
        if sort not in SORTS:
            raise UsageError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
        params: dict[str, Any] = {"rules": json.dumps(list(rules)), "limit": -1 if limit is None else limit,
                                  "offset": offset}
        where: list[str] = []
        if text:
            where.append(f"f.id IN ({_named(_LIKE)})")
            params["name"] = _like(text)
        for column, value in (("kind", kind), ("province", province)):
            if value:
                where.append(f"f.{column} = :{column}")
                params[column] = value
        if status:
            where.append("st.status = :status")
            params["status"] = status
        if contradicted is not None:
            where.append(f"cx.facility IS {'NOT ' if contradicted else ''}NULL")
        if event_type:
            where.append(f"f.id IN (SELECT m.facility FROM doc_events e {_MEMBER.format('e')} WHERE e.type = :type)")
            params["type"] = event_type
        if year is not None:
            where.append("f.id IN (SELECT m.facility FROM facility_members m JOIN documents d ON d.id = m.document"
                         " WHERE d.published >= :year AND d.published < :next_year)")
            params |= {"year": f"{year:04d}", "next_year": f"{year + 1:04d}"}
        order = {
            "reports": "f.reports DESC, f.name, f.id",
            "last-event": "ev.last_event IS NULL, ev.last_event DESC, f.reports DESC, f.id",
            "name": "f.name COLLATE NOCASE, f.id",
        }[sort]
        rows = self.db.execute(
            f"""WITH {_RULES}, {_SIGNALS.format(members="1")},
            latest AS (SELECT facility, max({_STATUS_KEY}) AS key FROM signals GROUP BY facility),
            st AS (SELECT facility, substr(key, 1, instr(key, char(9)) - 1) AS day,
                          substr(key, instr(key, char(9)) + 6) AS status FROM latest),
            ev AS (SELECT m.facility, max(coalesce(e.date, d.published)) AS last_event
                   FROM doc_events e {_MEMBER.format("e")} JOIN documents d ON d.id = e.document GROUP BY m.facility),
            cx AS ({_CONTRADICTED})
            SELECT f.id, f.name, f.kind, f.province, f.locality, f.place_source, f.reports, f.first_seen, f.last_seen,
                   st.status, nullif(st.day, ''), ev.last_event, cx.facility IS NOT NULL
            FROM facilities f LEFT JOIN st ON st.facility = f.id LEFT JOIN ev ON ev.facility = f.id
            LEFT JOIN cx ON cx.facility = f.id
            WHERE {_where(where)} ORDER BY {order} LIMIT :limit OFFSET :offset""",
            params,
        )
        return [FacilityRow(*r[:-1], bool(r[-1])) for r in rows]

    def facility_refs(self, ids: Sequence[str]) -> list[FacilityRef]:
        """The facilities of these ids that exist, in the order given."""
        rows = {
            r[0]: FacilityRef(*r)
            for r in self.db.execute(
                f"SELECT {_FAC} FROM facilities f WHERE f.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
            )
        }
        return [rows[i] for i in ids if i in rows]

    def facilities_named(self, name: str, *, partial: bool = False, limit: int = 20) -> list[str]:
        """Ids of the facilities that go by ``name`` (any case), or (``partial``) by a name
        containing it; at most ``limit``, most reported first."""
        rows = self.db.execute(
            f"""SELECT f.id FROM facilities f WHERE f.id IN ({_named(_LIKE if partial else "= :name COLLATE NOCASE")})
                ORDER BY f.reports DESC, f.id LIMIT :limit""",
            {"name": _like(name) if partial else name, "limit": limit},
        )
        return [r[0] for r in rows]

    def facility_names(self, facility: str) -> list[NameCount]:
        """The names its documents use for it (naming mentions), most used first."""
        return [name for _, name in self._name_counts("m.facility = ?", (facility,))]

    def all_facility_names(self) -> dict[str, list[NameCount]]:
        """``facility_names`` of every facility at once (for exports)."""
        names: dict[str, list[NameCount]] = {}
        for facility, name in self._name_counts("1", ()):
            names.setdefault(facility, []).append(name)
        return names

    def _name_counts(self, where: str, params: tuple[str, ...]) -> Iterator[tuple[str, NameCount]]:
        rows = self.db.execute(
            f"""SELECT m.facility, mm.surface, count(*), count(DISTINCT mm.document)
                FROM doc_mentions mm {_MEMBER.format("mm")} WHERE {where} AND mm.kind = 'name'
                GROUP BY m.facility, mm.surface ORDER BY m.facility, 3 DESC, 4 DESC, 2""",
            params,
        )
        return ((r[0], NameCount(*r[1:])) for r in rows)

    def facility_places(self, facility: str) -> list[PlaceCount]:
        """The places its documents give it, with how each was found, most given first."""
        rows = self.db.execute(
            """SELECT df.province, df.locality, df.place_source, count(*) FROM doc_facilities df
               JOIN facility_members m ON m.document = df.document AND m.idx = df.idx WHERE m.facility = ?
               GROUP BY 1, 2, 3 ORDER BY 4 DESC, df.locality IS NULL, df.province IS NULL, 1, 2""",
            (facility,),
        )
        return [PlaceCount(*r) for r in rows]

    def facility_documents(self, facility: str, *, limit: int | None = None) -> list[FacilityDocument]:
        """The documents that report it, newest first."""
        rows = self.db.execute(
            f"""SELECT {_DOC}, d.side, df.name FROM facility_members m
                JOIN doc_facilities df ON df.document = m.document AND df.idx = m.idx
                JOIN documents d ON d.id = m.document WHERE m.facility = ?
                ORDER BY d.published IS NULL, d.published DESC, d.id DESC, df.idx LIMIT ?""",
            (facility, -1 if limit is None else limit),
        )
        return [FacilityDocument(_document(r[:6]), r[6], r[7]) for r in rows]

    def count_records(self, facility: str) -> tuple[int, int, int]:
        """How many documents, events and claims report it."""
        q = self.db.execute
        return (
            q("SELECT count(DISTINCT document) FROM facility_members WHERE facility = ?", (facility,)).fetchone()[0],
            q(f"SELECT count(*) FROM doc_events e {_MEMBER.format('e')} WHERE m.facility = ?", (facility,)).fetchone()[0],
            q(f"SELECT count(*) FROM doc_claims c {_MEMBER.format('c')} WHERE m.facility = ?", (facility,)).fetchone()[0],
        )

    def event_rows(
        self,
        *,
        facility: str | None = None,
        province: str | None = None,
        types: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[EventRow]:
        """Events of canonical facilities in date order (each event's date, else its
        document's publication date; undated last); ``since``/``until`` inclusive ISO dates
        of any precision."""
        day = "coalesce(e.date, d.published)"
        where, params = _record_filters(facility, province, since, until, day)
        if types:
            where.append("e.type IN (SELECT value FROM json_each(:types))")
            params["types"] = json.dumps(list(types))
        direction = "DESC" if newest_first else ""
        rows = self.db.execute(
            f"""SELECT {_FAC}, e.idx, e.type, e.date, e.date_precision, {day} AS day,
                       {_SLICE.format("e")}, e.evidence_start, e.evidence_end, {_DOC}
                FROM doc_events e {_MEMBER.format("e")} JOIN facilities f ON f.id = m.facility
                JOIN documents d ON d.id = e.document
                WHERE {_where(where)}
                ORDER BY day IS NULL, day {direction}, d.published {direction}, e.document {direction},
                         e.idx {direction} LIMIT :limit OFFSET :offset""",
            params | {"limit": -1 if limit is None else limit, "offset": offset},
        )
        for r in rows:
            yield EventRow(FacilityRef(*r[:5]), *r[5:13], _document(r[13:]))

    def claim_rows(
        self,
        *,
        facility: str | None = None,
        province: str | None = None,
        side: str | None = None,
        polarity: str | None = None,
        keys: Sequence[tuple[int, int]] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[ClaimRow]:
        """Claims about canonical facilities, newest document first; ``keys``: only these
        ``(document, idx)`` claims."""
        where, params = _record_filters(facility, province, None, None, "d.published")
        for column, value in (("side", side), ("polarity", polarity)):
            if value:
                where.append(f"c.{column} = :{column}")
                params[column] = value
        if keys:
            where.append("(c.document, c.idx) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]')"
                         " FROM json_each(:keys))")
            params["keys"] = json.dumps([list(k) for k in keys])
        rows = self.db.execute(
            f"""SELECT {_FAC}, c.idx, c.side, c.polarity, c.source, {_SLICE.format("c")}, c.evidence_start, c.evidence_end, {_DOC}
                FROM doc_claims c {_MEMBER.format("c")} JOIN facilities f ON f.id = m.facility
                JOIN documents d ON d.id = c.document WHERE {_where(where)}
                ORDER BY d.published IS NULL, d.published DESC, c.document DESC, c.idx LIMIT :limit OFFSET :offset""",
            params | {"limit": -1 if limit is None else limit, "offset": offset},
        )
        for r in rows:
            yield ClaimRow(FacilityRef(*r[:5]), *r[5:12], _document(r[12:]))

    def status_signals(self, facility: str, rules: Sequence[StatusRule]) -> list[StatusSignal]:
        """Every report that implies a status of the facility, oldest first (by day, then
        rank): the last one is its status as last reported."""
        rows = self.db.execute(
            f"""WITH {_RULES}, {_SIGNALS.format(members="m.facility = :facility")}
                SELECT s.day, s.status, s.what, s.basis, s.side, {_SLICE.format("s")}, {_DOC}
                FROM signals s JOIN documents d ON d.id = s.document
                ORDER BY {_STATUS_KEY}, s.document, s.idx""",
            {"rules": json.dumps(list(rules)), "facility": facility},
        )
        return [StatusSignal(*r[:6], _document(r[6:])) for r in rows]

    def contradiction_rows(
        self,
        *,
        facility: str | None = None,
        province: str | None = None,
        kind: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[ContradictionRow]:
        """Facilities with an official positive and an independent negative claim anywhere
        in the corpus, each with the newest claim of both sides, newest first (by the later
        of the two publication dates)."""
        where = ["o.side = 'official'", "o.rn = 1"]
        params: dict[str, Any] = {"limit": -1 if limit is None else limit, "offset": offset}
        for column, value in (("id", facility), ("province", province), ("kind", kind)):
            if value:
                where.append(f"f.{column} = :{column}")
                params[column] = value
        found = self.db.execute(
            f"""WITH cl AS (
                    SELECT m.facility, c.side, c.document, c.idx, coalesce(d.published, '') AS day,
                           row_number() OVER (PARTITION BY m.facility, c.side
                                              ORDER BY d.published IS NULL, d.published DESC, c.document DESC, c.idx)
                               AS rn,
                           count(*) OVER (PARTITION BY m.facility, c.side) AS n
                    FROM doc_claims c {_MEMBER.format("c")} JOIN documents d ON d.id = c.document
                    WHERE m.facility IN ({_CONTRADICTED}) AND ((c.side = 'official' AND c.polarity = 'positive')
                          OR (c.side = 'independent' AND c.polarity = 'negative')))
                SELECT o.facility, o.document, o.idx, o.n, i.document, i.idx, i.n
                FROM cl o JOIN cl i ON i.facility = o.facility AND i.side = 'independent' AND i.rn = 1
                JOIN facilities f ON f.id = o.facility
                WHERE {_where(where)} ORDER BY max(o.day, i.day) DESC, f.reports DESC, f.id
                LIMIT :limit OFFSET :offset""",
            params,
        ).fetchall()
        wanted = [k for r in found for k in ((r[1], r[2]), (r[4], r[5]))]
        claims = {(c.document.id, c.idx): c for c in self.claim_rows(keys=wanted)}
        return [
            ContradictionRow(claims[od, oi].facility, claims[od, oi], claims[id_, ii], on, n)
            for _, od, oi, on, id_, ii, n in found
        ]
