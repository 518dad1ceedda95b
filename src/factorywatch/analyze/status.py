"""A facility's status over time: operating, reduced, stopped, under investigation.

Status is read from what the corpus reports, in date order: each event type implies a status
(``data/vocab.yaml``: ``event_types.*.status``), and a claim implies one by its polarity
(``CLAIM_STATUS``). A claim counts only where its document reports no status-bearing event of
the facility (the event is the more precise report). Reports are ordered by the event's date,
else their document's publication date; on one day an event outranks a claim, a negative
claim a positive one, and among events the later status of the vocabulary's list
(``statuses``) wins. The status "as last reported" is the last report's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from factorywatch.store import Store
from factorywatch.store.corpus import StatusRule
from factorywatch.store.corpus_records import StatusSignal
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
    """The run's last report, with its evidence sentence and document."""


def status_history(signals: Sequence[StatusSignal]) -> tuple[StatusPeriod, ...]:
    """``signals`` (in the store's order, oldest first) grouped into runs of one status."""
    labels = vocab().statuses
    periods: list[StatusPeriod] = []
    for signal in signals:
        last = periods[-1] if periods else None
        if last is not None and last.status == signal.status:
            periods[-1] = StatusPeriod(last.status, last.label, last.since, signal.day, last.reports + 1, signal)
        else:
            periods.append(StatusPeriod(signal.status, labels[signal.status], signal.day, signal.day, 1, signal))
    return tuple(periods)


def facility_status(store: Store, facility: str) -> tuple[StatusPeriod, ...]:
    """The status history of one canonical facility, oldest first; its last period is the
    status as last reported (empty when nothing reported one)."""
    return status_history(store.status_signals(facility, status_rules()))
