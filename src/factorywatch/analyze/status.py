"""A facility's status over time: operating, reduced, stopped, under investigation.

Status is read from what the corpus reports, in date order: each event type implies a status
(``data/vocab.yaml``: ``event_types.*.status``), and a claim implies one by its polarity
(``CLAIM_STATUS``). A claim counts only where its document reports no status-bearing event of
the facility (the event is the more precise report). Reports are ordered by the event's date,
else their document's publication date (undated ones first, as the oldest); on one day an
event outranks a claim, a negative claim a positive one, and among events the later status
of the vocabulary's list (``statuses``) wins. The status "as last reported" is the last
report's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import groupby

from factorywatch.store import Store
from factorywatch.store.corpus import StatusRule
from factorywatch.store.corpus_records import Evidence, StatusSignal
from factorywatch.vocab import vocab

CLAIM_STATUS = {"positive": "operating", "negative": "reduced"}
"""A positive claim says a site runs; a negative one (failing, short of materials, idle for
weeks) says it runs badly, which is the most a claim can say without an event."""

_EVENT_RANK = 100


@cache
def status_rules() -> tuple[StatusRule, ...]:
    """The rules the store applies, as data: ``(what, basis, status, rank)``."""
    order = list(vocab().statuses)
    events = [
        ("event", kind, status, _EVENT_RANK + order.index(status))
        for kind, status in vocab().event_status.items()
        if status is not None
    ]
    claims = [("claim", polarity, status, order.index(status)) for polarity, status in CLAIM_STATUS.items()]
    return tuple(events + claims)


@dataclass(frozen=True, slots=True)
class StatusPeriod:
    """A run of consecutive reports of one status."""

    status: str
    label: str
    since: str | None
    """Day of the first report of the run."""
    until: str | None
    """Day of the last report of the run: when it was last reported."""
    reports: int
    latest: StatusSignal
    """The run's last report."""
    evidence: Evidence | None = None
    """The last report's sentence and document."""


def status_history(signals: Sequence[StatusSignal]) -> list[StatusPeriod]:
    """``signals`` (in the store's order, oldest first) grouped into runs of one status."""
    labels = vocab().statuses
    periods = []
    for status, run in groupby(signals, key=lambda s: s.status):
        reports = list(run)
        periods.append(StatusPeriod(status, labels[status], reports[0].day, reports[-1].day, len(reports), reports[-1]))
    return periods


def facility_status(store: Store, facility: str, *, limit: int | None = None) -> tuple[StatusPeriod, ...]:
    """The status history of one canonical facility, oldest first (its last ``limit``
    periods), each with the evidence of its last report; the last period is the status as
    last reported (empty when nothing reported one)."""
    periods = status_history(store.status_signals(facility, status_rules()))
    shown = periods[-limit:] if limit else periods
    found: dict[tuple[str, int, int], Evidence] = {}
    for what in ("event", "claim"):
        keys = [(p.latest.document, p.latest.idx) for p in shown if p.latest.what == what]
        found |= {(what, *key): e for key, e in store.evidence(what, keys).items()}
    return tuple(replace(p, evidence=found.get((p.latest.what, p.latest.document, p.latest.idx))) for p in shown)
