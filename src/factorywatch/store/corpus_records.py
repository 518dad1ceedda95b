"""What the corpus views return: frozen records that the CLI prints, the web app renders,
exports write and ``dataclasses.asdict`` turns into JSON (nested records become objects)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """The document a record comes from, without its text."""

    id: int
    """The store's integer id."""
    doc_id: str | None
    """The id the input gave (JSONL ``id``, file path...)."""
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class FacilityRef:
    id: str
    name: str
    kind: str
    province: str | None
    locality: str | None


@dataclass(frozen=True, slots=True)
class ResolvedFacility(FacilityRef):
    """A canonical facility as resolution describes it: the fields its stored row and every
    view of it share."""

    place_source: str | None
    reports: int
    """Documents that name it."""
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True, slots=True)
class FacilityRow(ResolvedFacility):
    """A canonical facility with what the corpus says about it as a whole."""

    status: str | None
    """As last reported (see ``analyze.status``); None when nothing reported one."""
    status_date: str | None
    last_event: str | None
    """Date of its latest event (the event's date, else its document's publication date)."""
    contradicted: bool
    """An official positive claim and an independent negative claim exist about it."""


@dataclass(frozen=True, slots=True)
class EventRow:
    facility: FacilityRef
    idx: int
    """Its index among its document's events."""
    type: str
    date: str | None
    date_precision: str | None
    day: str | None
    """The date it is ordered by: its own date, else its document's publication date."""
    evidence: str
    evidence_start: int
    evidence_end: int
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class ClaimRow:
    facility: FacilityRef
    idx: int
    """Its index among its document's claims."""
    side: str
    polarity: str
    source: str | None
    """Who makes the claim, in words ("KCNA", "a source in Ryanggang Province")."""
    evidence: str
    evidence_start: int
    evidence_end: int
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class StatusSignal:
    """One report that implies a status: a status-bearing event or a claim."""

    day: str | None
    status: str
    what: str
    """``event`` or ``claim``."""
    basis: str
    """The event type, or the claim's polarity."""
    side: str | None
    """Who reported it: the claim's side, or the side of the event's document."""
    document: int
    idx: int
    """Its index among its document's events or claims."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence behind an event or a claim, and its document."""

    text: str
    start: int
    end: int
    document: DocumentRef


@dataclass(frozen=True, slots=True)
class ContradictionRow:
    """A facility's newest official positive claim and newest independent negative claim."""

    facility: FacilityRef
    official: ClaimRow
    independent: ClaimRow
    officials: int
    """Official positive claims about it in the corpus."""
    independents: int
    """Independent negative claims about it in the corpus."""


@dataclass(frozen=True, slots=True)
class NameCount:
    name: str
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class PlaceCount:
    province: str | None
    locality: str | None
    place_source: str | None
    documents: int


@dataclass(frozen=True, slots=True)
class FacilityDocument:
    document: DocumentRef
    side: str | None
    name: str
    """The facility's name in that document."""
