"""Analyst judgements: merge, split, not-same, recorded append-only and applied at once.

As nomenklatura keeps them, a judgement is never undone by automatic resolution: it
records the facility ids it named and the name keys those ids stood for (with their
province, ``corpus.judged_key``), and every resolution applies the keys again
(``corpus.constraints``), so it survives re-ingest, re-extraction and new spellings.
Judgements export to JSON and import back, so a team shares them; importing one twice adds
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from factorywatch.errors import NotFound, UsageError
from factorywatch.resolve.corpus import ResolveReport, bare_key, judged_key, resolve_facilities
from factorywatch.resolve.names import name_key
from factorywatch.store import Store
from factorywatch.store.facilities import Judgement, PossibleMatch

ACTIONS = ("merge", "split", "not-same")


@dataclass(frozen=True, slots=True)
class Outcome:
    """A judgement just recorded and the resolution it took effect in."""

    judgement: Judgement
    facilities: tuple[str, ...]
    """The ids now holding the judged names: one after a merge, two after a split or not-same
    (otherwise an earlier contrary judgement still wins for some of the names)."""
    report: ResolveReport


def find_facility(store: Store, ref: str) -> tuple[str, bool]:
    """The canonical facility ``ref`` names: an id, else any name of it (any spelling with the
    same name key). Returns (id, whether ``ref`` was taken as a name)."""
    ref = " ".join(ref.split())
    if not ref:
        raise UsageError("empty facility id or name")
    _ensure_resolved(store)
    try:
        return store.canonical_facility(ref).id, False
    except NotFound:
        pass
    key = name_key(ref)
    found = store.facility_ids_with_key(key) if key else []
    if not found:
        raise NotFound(f"no facility with id or name {ref!r}")
    if len(found) > 1:
        raise UsageError(f"{ref!r} names {len(found)} facilities ({', '.join(found)}): give an id")
    return found[0], True


def _ensure_resolved(store: Store) -> None:
    """Resolve once when documents were stored but never resolved (an older database)."""
    if not store.count_canonical_facilities() and store.facility_sources():
        resolve_facilities(store)


def _keys(store: Store, facility_id: str, only: str | None = None) -> list[str]:
    """The judged keys of a facility's names (of those with name key ``only`` if given)."""
    return [judged_key(k, p) for k, p in store.facility_name_keys(facility_id)
            if not k.startswith("\x00") and only in (None, k)]


def _record(
    store: Store,
    action: str,
    a: str,
    b: str | None,
    name: str | None,
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    author: str | None,
    note: str | None,
) -> Outcome:
    if not any(bare_key(ka) != bare_key(kb) for ka in keys_a for kb in keys_b):
        raise UsageError(f"{a} and {b or name} share every name key: a judgement cannot tell them apart")
    jid = store.add_judgement(action, a, b, name, keys_a, keys_b, author=author, note=note)
    report = resolve_facilities(store)
    nodes = {(bare_key(k), k.partition("|")[2]) for k in (*keys_a, *keys_b)}
    holders = sorted({f for k, p in nodes for f in store.facility_ids_with_key(k, p)})
    judgement = next(j for j in store.judgements() if j.id == jid)
    return Outcome(judgement, tuple(holders), report)


def merge(store: Store, a: str, b: str, *, author: str | None = None, note: str | None = None) -> Outcome:
    """Record that ``a`` and ``b`` (ids or names) are one facility, and re-resolve."""
    fa, fb = find_facility(store, a)[0], find_facility(store, b)[0]
    if fa == fb:
        raise UsageError(f"{a!r} and {b!r} are already one facility ({fa})")
    return _record(store, "merge", fa, fb, None, _keys(store, fa), _keys(store, fb), author, note)


def not_same(store: Store, a: str, b: str, *, author: str | None = None, note: str | None = None) -> Outcome:
    """Record that ``a`` and ``b`` are different facilities, and re-resolve. Two names now
    in one facility are parted name from name (with every spelling of each)."""
    (fa, a_named), (fb, b_named) = find_facility(store, a), find_facility(store, b)
    if fa != fb:
        return _record(store, "not-same", fa, fb, None, _keys(store, fa), _keys(store, fb), author, note)
    if not (a_named and b_named):
        raise UsageError(f"{a!r} and {b!r} are one facility ({fa}): split a name off it instead")
    return _record(store, "not-same", fa, fb, None, _keys(store, fa, name_key(a)), _keys(store, fb, name_key(b)),
                   author, note)


def split(store: Store, ref: str, name: str, *, author: str | None = None, note: str | None = None) -> Outcome:
    """Record that ``name`` (and every spelling of it) is not facility ``ref``, and re-resolve."""
    fid = find_facility(store, ref)[0]
    key, keys = name_key(name), _keys(store, fid)
    off = [k for k in keys if bare_key(k) == key]
    if not key or not off:
        raise UsageError(f"{name!r} is not a name of facility {fid}")
    rest = [k for k in keys if bare_key(k) != key]
    if not rest:
        raise UsageError(f"facility {fid} has no name but {name!r}: nothing to split")
    return _record(store, "split", fid, None, " ".join(name.split()), off, rest, author, note)


def list_judgements(store: Store) -> list[Judgement]:
    """Every judgement, in the order they apply (oldest first)."""
    return store.judgements()


def export_judgements(store: Store) -> list[dict[str, Any]]:
    """Every judgement as a JSON-ready record (without the local row id)."""
    out = []
    for j in store.judgements():
        record = asdict(j)
        del record["id"]
        out.append(record | {"keys_a": list(j.keys_a), "keys_b": list(j.keys_b)})
    return out


def _identity(
    action: str, a: str, b: str | None, name: str | None, keys_a: Iterable[str], keys_b: Iterable[str], created_at: str
) -> tuple[object, ...]:
    return (action, a, b, name, tuple(keys_a), tuple(keys_b), created_at)


def _checked(n: int, record: object) -> dict[str, Any]:
    """One imported record, validated (``n`` counts from 1, for the message)."""
    if not isinstance(record, Mapping):
        raise UsageError(f"judgement {n}: expected an object")
    if record.get("action") not in ACTIONS:
        raise UsageError(f"judgement {n}: action must be one of {', '.join(ACTIONS)}")
    for field in ("a", "created_at"):
        if not isinstance(record.get(field), str) or not record[field]:
            raise UsageError(f"judgement {n}: {field} must be a non-empty string")
    for field in ("b", "name", "author", "note"):
        if record.get(field) is not None and not isinstance(record[field], str):
            raise UsageError(f"judgement {n}: {field} must be a string or null")
    for field in ("keys_a", "keys_b"):
        keys = record.get(field)
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) and k for k in keys):
            raise UsageError(f"judgement {n}: {field} must be a non-empty list of name keys")
    return dict(record)


def import_judgements(store: Store, records: object) -> tuple[int, ResolveReport | None]:
    """Append the judgements of an export that this database does not hold yet (all
    checked first: one bad record imports nothing), then re-resolve. How many were added,
    and the resolution (None when nothing was new)."""
    if not isinstance(records, list):
        raise UsageError("judgements to import must be a JSON list")
    checked = [_checked(n, r) for n, r in enumerate(records, 1)]
    seen = {_identity(j.action, j.a, j.b, j.name, j.keys_a, j.keys_b, j.created_at) for j in store.judgements()}
    added = 0
    with store.transaction():
        for r in checked:
            identity = _identity(
                r["action"], r["a"], r.get("b"), r.get("name"), r["keys_a"], r["keys_b"], r["created_at"]
            )
            if identity in seen:
                continue
            seen.add(identity)
            store.add_judgement(
                r["action"],
                r["a"],
                r.get("b"),
                r.get("name"),
                r["keys_a"],
                r["keys_b"],
                author=r.get("author"),
                note=r.get("note"),
                created_at=r["created_at"],
            )
            added += 1
    return added, (resolve_facilities(store) if added else None)


def review(store: Store, *, limit: int | None = None) -> list[PossibleMatch]:
    """Pairs of facilities that may be one, best first, with the matcher's reasons."""
    if limit is not None and limit < 1:
        raise UsageError("limit must be at least 1")
    _ensure_resolved(store)
    return store.possible_matches(limit=limit)
