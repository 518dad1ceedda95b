"""The SQL behind the corpus views: facility lists, dossiers, timelines, contradictions, exports.

Every view starts from canonical facilities (``facilities``) and their members
(``facility_members``: one ``doc_facilities`` row each), and reaches a member's events and
claims through ``(document, facility)``; joins are written in that order (``CROSS JOIN``
keeps SQLite to it). Evidence sentences are sliced from ``documents.text`` by their offsets
in the query itself (``substr`` counts characters, as Python indexes do), so no second copy
of any sentence is stored or shipped.

Status rules (which event type or claim polarity implies which status) are the business of
``factorywatch.analyze.status``; they arrive here as data (``rules``: ``(what, basis,
status, rank)`` rows), and one SQL definition of a facility's status signals serves both the
history of one facility and the summary of all (``facility_summary``, see migration m005).
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
    Evidence,
    FacilityDocument,
    FacilityRef,
    FacilityRow,
    NameCount,
    PlaceCount,
    StatusSignal,
)
from factorywatch.store.documents import check_date

StatusRule = tuple[str, str, str, int]
"""``(what, basis, status, rank)``: ``("event", "shutdown", "stopped", 102)``, ``("claim",
"negative", "reduced", 1)``. On one day the signal of higher rank is the later one."""

SORTS = ("reports", "last-event", "name")
UNKNOWN = "unknown"
"""The status of a facility that no report gave a status."""

_DOC = "d.id, d.doc_id, d.title, d.outlet, d.url, d.published"
_FAC = "f.id, f.name, f.kind, f.province, f.locality"
_SLICE = "substr(d.text, {0}.evidence_start + 1, {0}.evidence_end - {0}.evidence_start)"
_EVENTS = ("facility_members m CROSS JOIN doc_events e INDEXED BY doc_events_facility"
           " ON e.document = m.document AND e.facility = m.idx")
_CLAIMS = ("facility_members m CROSS JOIN doc_claims c INDEXED BY doc_claims_facility"
           " ON c.document = m.document AND c.facility = m.idx")
_DATED = "CROSS JOIN documents d INDEXED BY documents_id_published ON d.id = m.document"
"""A member's document, for its date and side only: read from a covering index, never from the
table's large rows (their text)."""
_OFFICIAL_POSITIVE = "(c.side = 'official' AND c.polarity = 'positive')"
_INDEPENDENT_NEGATIVE = "(c.side = 'independent' AND c.polarity = 'negative')"

_RULES = """rules (what, basis, status, rank) AS MATERIALIZED (
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
           json_extract(value, '$[3]') FROM json_each(:rules))"""

_SIGNALS = f"""signals AS (
    SELECT m.facility, coalesce(e.date, d.published) AS day, r.status, r.rank, r.what, r.basis, d.side AS side,
           e.document, e.idx
    FROM {_EVENTS} CROSS JOIN rules r ON r.what = 'event' AND r.basis = e.type {_DATED}
    WHERE {{members}}
    UNION ALL
    SELECT m.facility, d.published, r.status, r.rank, r.what, r.basis, c.side, c.document, c.idx
    FROM {_CLAIMS} CROSS JOIN rules r ON r.what = 'claim' AND r.basis = c.polarity {_DATED}
    WHERE {{members}} AND NOT EXISTS (
        SELECT 1 FROM doc_events x WHERE x.document = c.document AND x.facility = c.facility
        AND x.type IN (SELECT basis FROM rules WHERE what = 'event')))"""
"""A claim counts only where its document reports no status-bearing event of the facility:
the event says more precisely what happened, and when."""

_STATUS_KEY = "coalesce(day, '') || char(9) || printf('%04d', rank) || char(9) || status"
"""Signals order by (day, rank, status): the latest status is the signal with the greatest key."""

_CLAIM_TOTALS = f"""claim_totals AS (
    SELECT m.facility, sum({_OFFICIAL_POSITIVE}) AS official_positive,
           sum({_INDEPENDENT_NEGATIVE}) AS independent_negative,
           max(CASE WHEN {_OFFICIAL_POSITIVE} THEN d.published END) AS official_date,
           max(CASE WHEN {_INDEPENDENT_NEGATIVE} THEN d.published END) AS independent_date
    FROM {_CLAIMS} {_DATED} WHERE {{members}} AND ({_OFFICIAL_POSITIVE} OR {_INDEPENDENT_NEGATIVE})
    GROUP BY m.facility)"""

_SUMMARY = f"""WITH {_RULES}, {_SIGNALS.format(members="1")}, {_CLAIM_TOTALS.format(members="1")},
    latest AS (SELECT facility, max({_STATUS_KEY}) AS key FROM signals GROUP BY facility),
    events AS (SELECT m.facility, max(coalesce(e.date, d.published)) AS last_event
               FROM {_EVENTS} {_DATED} GROUP BY m.facility)
    SELECT f.id AS facility, substr(latest.key, instr(latest.key, char(9)) + 6) AS status,
           nullif(substr(latest.key, 1, instr(latest.key, char(9)) - 1), '') AS status_date, events.last_event,
           coalesce(t.official_positive, 0) AS official_positive,
           coalesce(t.independent_negative, 0) AS independent_negative, t.official_date, t.independent_date
    FROM facilities f LEFT JOIN latest ON latest.facility = f.id LEFT JOIN events ON events.facility = f.id
    LEFT JOIN claim_totals t ON t.facility = f.id"""
"""One row per facility: the columns of ``facility_summary``."""

_CONTRADICTED = "coalesce(s.official_positive, 0) > 0 AND coalesce(s.independent_negative, 0) > 0"
CONTRADICTED_COUNT = (
    f"WITH {_CLAIM_TOTALS.format(members='1')} SELECT count(*) FROM claim_totals s WHERE {_CONTRADICTED}"
)
"""How many canonical facilities are contradicted across the corpus (for statistics)."""
_CONTRADICTION_DATE = "max(coalesce(s.official_date, ''), coalesce(s.independent_date, ''))"


def _named(test: str) -> str:
    """Ids of the facilities with a name that passes ``test`` (``= :name COLLATE NOCASE``):
    their own name, their name in a document, a naming mention; one branch each, so each
    can use its index."""
    return f"""SELECT id FROM facilities WHERE name {test}
        UNION SELECT m.facility FROM doc_facilities df
            JOIN facility_members m ON m.document = df.document AND m.idx = df.idx WHERE df.name {test}
        UNION SELECT m.facility FROM doc_mentions mm
            JOIN facility_members m ON m.document = mm.document AND m.idx = mm.facility
            WHERE mm.kind = 'name' AND mm.surface {test}"""


_LIKE = "LIKE :name ESCAPE '\\'"


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(conditions: list[str]) -> str:
    return " AND ".join(conditions) or "1"


def _limit(limit: int | None) -> int:
    return -1 if limit is None else limit


def _document(row: Sequence[Any]) -> DocumentRef:
    return DocumentRef(*row)


def _spread(evidence: Evidence) -> tuple[str, int, int, DocumentRef]:
    return evidence.text, evidence.start, evidence.end, evidence.document


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
        params["since"] = check_date(since, "since")
    if until:
        where.append(f"substr({day}, 1, :until_len) <= :until")
        params |= {"until": check_date(until, "until"), "until_len": len(until)}
    return where, params


class Corpus(StoreBase):
    """Read-side queries over canonical facilities and what documents say about them."""

    def refresh_facility_summary(self, rules: Sequence[StatusRule]) -> None:
        """Rebuild ``facility_summary`` under ``rules``, in one transaction. Until the next
        change of facility membership it serves every facility list at the cost of a lookup."""
        encoded = json.dumps(list(rules))
        with self.transaction():
            version = self.db.execute("SELECT n FROM corpus_version").fetchone()[0]
            self.db.execute("DELETE FROM facility_summary")
            self.db.execute(f"INSERT INTO facility_summary {_SUMMARY}", {"rules": encoded})
            self.db.execute("INSERT OR REPLACE INTO facility_summary_state (id, version, rules) VALUES (0, ?, ?)",
                            (version, encoded))

    def facility_summary_fresh(self, rules: Sequence[StatusRule]) -> bool:
        """Whether ``facility_summary`` was built under ``rules`` from the current members."""
        return self.db.execute(
            "SELECT 1 FROM facility_summary_state s JOIN corpus_version v ON v.n = s.version WHERE s.rules = ?",
            (json.dumps(list(rules)),),
        ).fetchone() is not None

    def ensure_facility_summary(self, rules: Sequence[StatusRule]) -> None:
        """Rebuild a stale summary, unless this connection may not write (the web app's),
        whose views then compute it per query."""
        if not self.facility_summary_fresh(rules) and not self.db.execute("PRAGMA query_only").fetchone()[0]:
            self.refresh_facility_summary(rules)

    def _summary(self, rules: Sequence[StatusRule], params: dict[str, Any]) -> str:
        """The summary to read: the table when fresh, else the query that builds it (slow)."""
        if self.facility_summary_fresh(rules):
            return "facility_summary"
        params["rules"] = json.dumps(list(rules))
        return f"({_SUMMARY})"

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

        ``text`` matches part of any name the facility goes by; ``status`` is the one last
        reported (``unknown``: none was); ``event_type``: it has an event of that type;
        ``year``: a document published that year reports it.
        """
        if sort not in SORTS:
            raise UsageError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
        params: dict[str, Any] = {"limit": _limit(limit), "offset": offset}
        where: list[str] = []
        if text:
            where.append(f"f.id IN ({_named(_LIKE)})")
            params["name"] = _like(text)
        for column, value in (("kind", kind), ("province", province)):
            if value:
                where.append(f"f.{column} = :{column}")
                params[column] = value
        if status:
            where.append("s.status IS NULL" if status == UNKNOWN else "s.status = :status")
            params["status"] = status
        if contradicted is not None:
            where.append(f"{'' if contradicted else 'NOT '}({_CONTRADICTED})")
        if event_type:
            where.append(f"f.id IN (SELECT m.facility FROM {_EVENTS} WHERE e.type = :type)")
            params["type"] = event_type
        if year is not None:
            where.append(f"f.id IN (SELECT m.facility FROM facility_members m {_DATED}"
                         " WHERE d.published >= :year AND d.published < :next_year)")
            params |= {"year": f"{year:04d}", "next_year": f"{year + 1:04d}"}
        order = {
            "reports": "f.reports DESC, f.name, f.id",
            "last-event": "s.last_event IS NULL, s.last_event DESC, f.reports DESC, f.id",
            "name": "f.name COLLATE NOCASE, f.id",
        }[sort]
        rows = self.db.execute(
            f"""SELECT f.id, f.name, f.kind, f.province, f.locality, f.place_source, f.reports, f.first_seen,
                       f.last_seen, s.status, s.status_date, s.last_event, {_CONTRADICTED}
                FROM facilities f LEFT JOIN {self._summary(rules, params)} s ON s.facility = f.id
                WHERE {_where(where)} ORDER BY {order} LIMIT :limit OFFSET :offset""",
            params,
        )
        out = []
        for fid, name, kind, province, locality, source, reports, first, last, status, day, event, flag in rows:
            out.append(FacilityRow(fid, name, kind, province, locality, source, reports, first, last, status, day,
                                   event, bool(flag)))
        return out

    def facility_refs(self, ids: Sequence[str]) -> list[FacilityRef]:
        """The facilities of these ids that exist, in the order given."""
        rows = self.db.execute(
            f"SELECT {_FAC} FROM facilities f WHERE f.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
        )
        found = {r[0]: FacilityRef(*r) for r in rows}
        return [found[i] for i in ids if i in found]

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
                FROM facility_members m CROSS JOIN doc_mentions mm ON mm.document = m.document AND mm.facility = m.idx
                WHERE {where} AND mm.kind = 'name'
                GROUP BY m.facility, mm.surface ORDER BY m.facility, 3 DESC, 4 DESC, 2""",
            params,
        )
        return ((r[0], NameCount(*r[1:])) for r in rows)

    def facility_places(self, facility: str) -> list[PlaceCount]:
        """The places its documents give it, with how each was found, most given first."""
        rows = self.db.execute(
            """SELECT df.province, df.locality, df.place_source, count(*) FROM facility_members m
               CROSS JOIN doc_facilities df ON df.document = m.document AND df.idx = m.idx WHERE m.facility = ?
               GROUP BY 1, 2, 3 ORDER BY 4 DESC, df.locality IS NULL, df.province IS NULL, 1, 2""",
            (facility,),
        )
        return [PlaceCount(*r) for r in rows]

    def facility_documents(self, facility: str, *, limit: int | None = None) -> list[FacilityDocument]:
        """The documents that report it, newest first."""
        order = "{0}published IS NULL, {0}published DESC, {0}document DESC, {0}idx"
        rows = self.db.execute(
            f"""WITH page AS (
                    SELECT m.document AS document, m.idx AS idx, d.published AS published FROM facility_members m
                    {_DATED} WHERE m.facility = ? ORDER BY {order.format("")} LIMIT ?)
                SELECT {_DOC}, d.side, df.name FROM page p
                CROSS JOIN doc_facilities df ON df.document = p.document AND df.idx = p.idx
                JOIN documents d ON d.id = p.document ORDER BY {order.format("p.")}""",
            (facility, _limit(limit)),
        )
        return [FacilityDocument(_document(r[:6]), r[6], r[7]) for r in rows]

    def count_records(self, facility: str) -> tuple[int, int, int]:
        """How many documents, events and claims report it."""
        q = self.db.execute
        return (
            q("SELECT count(DISTINCT document) FROM facility_members WHERE facility = ?", (facility,)).fetchone()[0],
            q(f"SELECT count(*) FROM {_EVENTS} WHERE m.facility = ?", (facility,)).fetchone()[0],
            q(f"SELECT count(*) FROM {_CLAIMS} WHERE m.facility = ?", (facility,)).fetchone()[0],
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
        desc = " DESC" if newest_first else ""
        order = "{0}day IS NULL, {0}day%s, {0}published%s, {0}document%s, {0}idx%s" % ((desc,) * 4)
        rows = self.db.execute(
            f"""WITH page AS (
                    SELECT m.facility AS facility, e.document AS document, e.idx AS idx, {day} AS day,
                           d.published AS published
                    FROM {_EVENTS} {_DATED} JOIN facilities f ON f.id = m.facility
                    WHERE {_where(where)} ORDER BY {order.format("")} LIMIT :limit OFFSET :offset)
                SELECT {_FAC}, e.idx, e.type, e.date, e.date_precision, p.day,
                       {_SLICE.format("e")}, e.evidence_start, e.evidence_end, {_DOC}
                FROM page p CROSS JOIN doc_events e ON e.document = p.document AND e.idx = p.idx
                JOIN facilities f ON f.id = p.facility JOIN documents d ON d.id = p.document
                ORDER BY {order.format("p.")}""",
            params | {"limit": _limit(limit), "offset": offset},
        )
        for r in rows:
            idx, kind, date, precision, day, evidence, start, end = r[5:13]
            yield EventRow(FacilityRef(*r[:5]), idx, kind, date, precision, day, evidence, start, end,
                           _document(r[13:]))

    def claim_rows(
        self,
        *,
        facility: str | None = None,
        province: str | None = None,
        side: str | None = None,
        polarity: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[ClaimRow]:
        """Claims about canonical facilities, newest document first."""
        where, params = _record_filters(facility, province, None, None, "d.published")
        for column, value in (("side", side), ("polarity", polarity)):
            if value:
                where.append(f"c.{column} = :{column}")
                params[column] = value
        order = "{0}published IS NULL, {0}published DESC, {0}document DESC, {0}idx"
        rows = self.db.execute(
            f"""WITH page AS (
                    SELECT m.facility AS facility, c.document AS document, c.idx AS idx, d.published AS published
                    FROM {_CLAIMS} {_DATED} JOIN facilities f ON f.id = m.facility
                    WHERE {_where(where)} ORDER BY {order.format("")} LIMIT :limit OFFSET :offset)
                SELECT {_FAC}, c.idx, c.side, c.polarity, c.source, {_SLICE.format("c")}, c.evidence_start,
                       c.evidence_end, {_DOC}
                FROM page p CROSS JOIN doc_claims c ON c.document = p.document AND c.idx = p.idx
                JOIN facilities f ON f.id = p.facility JOIN documents d ON d.id = p.document
                ORDER BY {order.format("p.")}""",
            params | {"limit": _limit(limit), "offset": offset},
        )
        for r in rows:
            idx, side, polarity, source, evidence, start, end = r[5:12]
            yield ClaimRow(FacilityRef(*r[:5]), idx, side, polarity, source, evidence, start, end, _document(r[12:]))

    def status_signals(self, facility: str, rules: Sequence[StatusRule]) -> list[StatusSignal]:
        """Every report that implies a status of the facility, oldest first (by day, then
        rank): the last one is its status as last reported. Without their sentences
        (``evidence`` fetches those), so a facility of thousands of reports stays cheap."""
        rows = self.db.execute(
            f"""WITH {_RULES}, {_SIGNALS.format(members="m.facility = :facility")}
                SELECT day, status, what, basis, side, document, idx FROM signals
                ORDER BY {_STATUS_KEY}, document, idx""",
            {"rules": json.dumps(list(rules)), "facility": facility},
        )
        return [StatusSignal(*r) for r in rows]

    def evidence(self, what: str, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Evidence]:
        """The evidence sentences of these ``(document, idx)`` events (``what="event"``) or
        claims (``"claim"``)."""
        table = {"event": "doc_events", "claim": "doc_claims"}[what]
        rows = self.db.execute(
            f"""SELECT x.document, x.idx, {_SLICE.format("x")}, x.evidence_start, x.evidence_end, {_DOC}
                FROM json_each(?) k CROSS JOIN {table} x
                    ON x.document = json_extract(k.value, '$[0]') AND x.idx = json_extract(k.value, '$[1]')
                JOIN documents d ON d.id = x.document""",
            (json.dumps([list(k) for k in keys]),),
        )
        return {(r[0], r[1]): Evidence(r[2], r[3], r[4], _document(r[5:])) for r in rows}

    def contradiction_rows(
        self,
        rules: Sequence[StatusRule],
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
        params: dict[str, Any] = {"limit": _limit(limit), "offset": offset}
        where = [_CONTRADICTED]
        for column, value in (("province", province), ("kind", kind)):
            if value:
                where.append(f"f.{column} = :{column}")
                params[column] = value
        if facility:  # one facility: its own claims, whatever the state of the summary
            params["facility"] = facility
            source = f"(WITH {_CLAIM_TOTALS.format(members='m.facility = :facility')} SELECT * FROM claim_totals)"
        else:
            source = self._summary(rules, params)
        found = self.db.execute(
            f"""SELECT f.id, s.official_positive, s.independent_negative FROM facilities f
                JOIN {source} s ON s.facility = f.id WHERE {_where(where)}
                ORDER BY {_CONTRADICTION_DATE} DESC, f.reports DESC, f.id LIMIT :limit OFFSET :offset""",
            params,
        ).fetchall()
        newest = self.db.execute(
            f"""SELECT facility, side, polarity, source, document, idx FROM (
                    SELECT m.facility, c.side, c.polarity, c.source, c.document, c.idx, row_number() OVER (
                        PARTITION BY m.facility, c.side
                        ORDER BY d.published IS NULL, d.published DESC, c.document DESC, c.idx) AS rn
                    FROM json_each(:ids) k CROSS JOIN facility_members m ON m.facility = k.value
                    CROSS JOIN doc_claims c ON c.document = m.document AND c.facility = m.idx {_DATED}
                    WHERE {_OFFICIAL_POSITIVE} OR {_INDEPENDENT_NEGATIVE})
                WHERE rn = 1""",
            {"ids": json.dumps([r[0] for r in found])},
        ).fetchall()
        refs = {f.id: f for f in self.facility_refs([r[0] for r in found])}
        texts = self.evidence("claim", [(r[4], r[5]) for r in newest])
        claims = {
            (fid, side): ClaimRow(refs[fid], idx, side, polarity, source, *_spread(texts[document, idx]))
            for fid, side, polarity, source, document, idx in newest
        }
        return [
            ContradictionRow(refs[fid], claims[fid, "official"], claims[fid, "independent"], officials, independents)
            for fid, officials, independents in found
        ]
