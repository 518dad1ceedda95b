"""The outlet table (``data/outlets.yaml``): who published a document, and on which side.

Extraction asks ``outlet_side(document.outlet)`` to know whether a document's own narration is
official (DPRK state media) or independent; ingestion asks the table to name the outlet of a
text from its datelines and bylines, or of a page from its host. Outlet strings come from
people as much as from sites ("DPRK state media (via kkfonline.com)", "knic.com.kp (DPRK state
website)"), so matching goes by exact name, then by any name, host or state-media wording
inside the string; ``.kp`` hosts are state-run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

from factorywatch.ingest.layout import short_lines
from factorywatch.vocab import SIDES, read_data

_HOST = r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}"
_HOST_RE = re.compile(_HOST)
_BYLINE = re.compile(r"(?:[Bb]y\s+)?(?P<name>[^|,(\n\d]{2,40}?)\s*(?:[|,(].*)?")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    side: str
    aliases: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletTable:
    outlets: tuple[Outlet, ...]
    by_key: dict[str, Outlet]
    """Casefolded name, alias or host -> outlet."""
    by_host: dict[str, Outlet]
    names: re.Pattern[str]
    """Any name, alias or host, or state-media wording, as whole words (case-insensitive)."""
    marks: re.Pattern[str] | None
    """Every outlet's marks; group ``o<i>`` is outlet ``i``."""
    official_tlds: tuple[str, ...]


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise ValueError(f"data/outlets.yaml: {what}")


def _compile(pattern: str, flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"data/outlets.yaml: {where}: bad pattern {pattern!r}: {exc}") from None


def parse_table(raw: dict) -> OutletTable:
    """The outlet table from the parsed YAML; ``ValueError`` naming the bad entry."""
    outlets = []
    by_key: dict[str, Outlet] = {}
    by_host: dict[str, Outlet] = {}
    for entry in raw["outlets"]:
        outlet = Outlet(
            name=entry["name"],
            side=entry["side"],
            aliases=tuple(entry.get("aliases") or ()),
            hosts=tuple(entry.get("hosts") or ()),
            marks=tuple(entry.get("marks") or ()),
        )
        _check(outlet.side in SIDES, f"{outlet.name}: unknown side {outlet.side!r}")
        for host in outlet.hosts:
            _check(_HOST_RE.fullmatch(host) is not None, f"{outlet.name}: bad host {host!r}")
            by_host[host] = outlet
        for key in (outlet.name, *outlet.aliases, *outlet.hosts):
            _check(by_key.get(key.casefold(), outlet) is outlet, f"{key!r} names two outlets")
            by_key[key.casefold()] = outlet
        for mark in outlet.marks:
            _compile(mark, 0, outlet.name)
        outlets.append(outlet)
    wording = tuple(raw.get("official_wording") or ())
    for pattern in wording:
        _compile(pattern, re.IGNORECASE, "official_wording")
    keys = sorted(by_key, key=len, reverse=True)
    names = _compile(
        "|".join([*(f"(?P<w{i}>{p})" for i, p in enumerate(wording)), _HOST, *(rf"\b{re.escape(k)}\b" for k in keys)]),
        re.IGNORECASE,
        "names",
    )
    marked = [f"(?P<o{i}>{'|'.join(o.marks)})" for i, o in enumerate(outlets) if o.marks]
    return OutletTable(
        outlets=tuple(outlets),
        by_key=by_key,
        by_host=by_host,
        names=names,
        marks=re.compile("|".join(marked)) if marked else None,
        official_tlds=tuple(raw.get("official_tlds") or ()),
    )


@cache
def table() -> OutletTable:
    """The outlet table, read and checked once."""
    return parse_table(read_data("outlets.yaml"))


def _host_of(value: str) -> str:
    """``https://www.dailynk.com/x`` or ``www.DailyNK.com:443`` -> ``dailynk.com``."""
    host = (urlsplit(value).hostname or "") if "://" in value else value.split("/", 1)[0].split(":", 1)[0]
    return host.strip().lower().rstrip(".").removeprefix("www.")


def _outlet_of_host(host: str) -> Outlet | None:
    parts = host.split(".")
    for i in range(len(parts) - 1):
        if outlet := table().by_host.get(".".join(parts[i:])):
            return outlet
    return None


def outlet_for_host(host: str | None) -> str | None:
    """The outlet whose site ``host`` is (a subdomain counts), or None; a URL is accepted too."""
    if not host:
        return None
    outlet = _outlet_of_host(_host_of(host))
    return outlet.name if outlet else None


def outlet_for_url(url: str | None) -> str | None:
    """The outlet of a page: the table's name for its host, else the bare host itself."""
    if not url:
        return None
    host = _host_of(url)
    outlet = _outlet_of_host(host)
    return outlet.name if outlet else (host or None)


def _side_of_host(host: str) -> str | None:
    if outlet := _outlet_of_host(host):
        return outlet.side
    return "official" if host.rsplit(".", 1)[-1] in table().official_tlds else None


def _find(value: str) -> tuple[Outlet | None, str | None]:
    """The first outlet (or side, for state-media wording and ``.kp`` hosts) named in ``value``."""
    t = table()
    if outlet := t.by_key.get(value.casefold()):
        return outlet, outlet.side
    for m in t.names.finditer(value):
        if m.lastgroup:  # state-media wording
            return None, "official"
        word = m.group().casefold()
        if outlet := t.by_key.get(word):
            return outlet, outlet.side
        host = word.removeprefix("www.")
        if side := _side_of_host(host):
            return _outlet_of_host(host), side
    return None, None


@lru_cache(maxsize=4096)
def outlet_side(outlet: str | None) -> str | None:
    """``official`` for DPRK state media and its mirrors, ``independent`` for any other named
    outlet (state media are a known, closed set), None when there is no outlet."""
    if not outlet or not outlet.strip():
        return None
    return _find(outlet.strip())[1] or "independent"


def canonical_outlet(name: str | None) -> str | None:
    """The table's display name for an outlet string ("Daily NK English" -> "Daily NK"), or None."""
    if not name or not name.strip():
        return None
    outlet = _find(name.strip())[0]
    return outlet.name if outlet else None


def outlet_in_text(text: str) -> str | None:
    """The outlet an article's own text names as its publisher: a byline line ("KCNA |
    2024-01-12", "by DailyNK") among its first or last lines, else a dateline or
    self-reference mark anywhere ("(KCNA) --", "told Daily NK")."""
    by_key = table().by_key
    for line in short_lines(text):
        if (m := _BYLINE.fullmatch(line)) and (outlet := by_key.get(m["name"].strip().casefold())):
            return outlet.name
    marks = table().marks
    if marks is not None and (m := marks.search(text)):
        return table().outlets[int(m.lastgroup[1:])].name  # type: ignore[index]
    return None
