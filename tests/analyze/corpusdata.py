"""A small fictional corpus for the corpus views, built by hand through the store's API.

Documents and their analyses go in with ``add_document``/``save_analysis``; canonical
facilities with ``replace_facilities`` (as resolution writes them), so the tests of the views
do not depend on the resolver's decisions. Every sentence is invented.

Facilities (canonical id: place; what the corpus says):

* ``ryongbong-steel-complex``: Chongjin, North Hamgyong; praised (2023-03), stopped (2023-05),
  restarted (2023-09-14), investigated (2024-01-13); contradicted; three names.
* ``sariwon-cement-factory``: Sariwon, North Hwanghae; praised 2021-05, idle 2021-08: contradicted.
* ``sariwon-tile-factory``: North Hwanghae (province only); one official positive claim.
* ``hyesan-blanket-factory``: Hyesan, Ryanggang; commended, and criticised by a source
  with no independent negative claim: not contradicted.
* ``sokam-coal-mine``: no known place; an independent negative claim only; one undated event.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import document

from factorywatch.model import Analysis, Claim, Document, Event, Facility, Mention, Sentence
from factorywatch.resolve.names import name_key
from factorywatch.store import Store, open_store
from factorywatch.store.facilities import CanonicalFacility


@dataclass(frozen=True)
class Fac:
    canonical: str
    name: str
    kind: str
    province: str | None = None
    locality: str | None = None
    place_source: str | None = None
    aliases: tuple[str, ...] = ()
    """Other naming mentions in the same document (surfaces that occur in its text)."""


@dataclass(frozen=True)
class Doc:
    key: str
    outlet: str
    published: str | None
    side: str
    text: str
    facilities: tuple[Fac, ...]
    events: tuple[tuple[str, int, str, str | None], ...] = ()
    """(type, facility index, evidence sentence, date)"""
    claims: tuple[tuple[int, str, str, str, str | None], ...] = ()
    """(facility index, side, polarity, evidence sentence, source)"""
    url: str | None = None
    title: str | None = None


RB = Fac("ryongbong-steel-complex", "Ryongbong Steel Complex", "complex", "North Hamgyong", "Chongjin", "sentence")
SC = Fac("sariwon-cement-factory", "Sariwon Cement Factory", "factory", "North Hwanghae", "Sariwon", "name")
ST = Fac("sariwon-tile-factory", "Sariwon Tile Factory", "factory", "North Hwanghae", None, "source_location")
HB = Fac("hyesan-blanket-factory", "Hyesan Blanket Factory", "factory", "Ryanggang", "Hyesan", "name")
SK = Fac("sokam-coal-mine", "Sokam Coal Mine", "mine")

S1 = "KCNA reported that the Ryongbong Steel Complex in Chongjin overfulfilled its quarterly plan."
S2 = "Workers of the complex were awarded the title of model enterprise."
S3 = "A source in North Hamgyong Province said the Ryongbong Steel Works has stood idle since May for lack of coke."
S4 = "Ryongbong Iron and Steel Complex workers celebrated the restart of the second blast furnace."
S5 = "The complex is producing more steel than ever, the paper said."
S6 = "Investigators from the Central Committee arrived at the Ryongbong Steel Complex last week, a source said."
S7 = "The Sariwon Cement Factory carried out its yearly plan ahead of schedule, KCNA said."
S8 = "A resident of North Hwanghae said the Sariwon Cement Factory has produced almost nothing since spring."
S9 = "The Sariwon Tile Factory turned out high-quality tiles for new houses."
S10 = "The Hyesan Blanket Factory was commended for its innovations."
S11 = "A trader said the Hyesan Blanket Factory is short of wool this winter."
S12 = "The Sokam Coal Mine missed its quota again, a source said."
S13 = "Miners at the Sokam Coal Mine are building a new shaft."

DOCS = (
    Doc("kcna-rb-1", "KCNA", "2023-03-10", "official", f"{S1} {S2}", (RB,),
        events=(("commendation", 0, S2, "2023-03-10"),), claims=((0, "official", "positive", S1, "KCNA"),),
        url="https://kcna.example/rb-1", title="Ryongbong overfulfils plan"),
    Doc("dnk-rb-2", "Daily NK", "2023-06-02", "independent", S3,
        (Fac(RB.canonical, "Ryongbong Steel Works", "complex", "North Hamgyong", None, "source_location"),),
        events=(("shutdown", 0, S3, "2023-05"),),
        claims=((0, "independent", "negative", S3, "a source in North Hamgyong Province"),),
        url="https://dailynk.example/rb-2"),
    Doc("rodong-rb-3", "Rodong Sinmun", "2023-09-15", "official", f"{S4} {S5}",
        (Fac(RB.canonical, "Ryongbong Iron and Steel Complex", "complex", "North Hamgyong", "Chongjin", "name"),),
        events=(("opening", 0, S4, "2023-09-14"),), claims=((0, "official", "positive", S5, "Rodong Sinmun"),)),
    Doc("rfa-rb-4", "RFA", "2024-01-20", "independent", S6, (RB,), events=(("investigation", 0, S6, "2024-01-13"),)),
    Doc("kcna-sc-1", "KCNA", "2021-05-01", "official", S7, (SC,), claims=((0, "official", "positive", S7, "KCNA"),)),
    Doc("nkn-sc-2", "NK News", "2021-08-01", "independent", S8, (SC,),
        claims=((0, "independent", "negative", S8, "a resident of North Hwanghae"),)),
    Doc("kcna-st-1", "KCNA", "2022-04-04", "official", S9, (ST,), claims=((0, "official", "positive", S9, "KCNA"),)),
    Doc("kcna-hb-1", "KCNA", "2022-11-01", "official", S10, (HB,),
        events=(("commendation", 0, S10, None),), claims=((0, "official", "positive", S10, "KCNA"),)),
    Doc("dnk-hb-2", "Daily NK", "2023-12-01", "independent", S11, (HB,), events=(("shortage", 0, S11, "2023-12"),)),
    Doc("dnk-sk-1", "Daily NK", "2023-02-15", "independent", S12, (SK,),
        events=(("underperformance", 0, S12, None),),
        claims=((0, "independent", "negative", S12, "a source"),)),
    Doc("undated-sk-2", "Unknown outlet", None, "independent", S13, (SK,), events=(("construction", 0, S13, None),)),
)

CANONICAL = (RB, SC, ST, HB, SK)


_PRECISION = {4: "year", 7: "month", 10: "day"}


def _sentence(text: str, sentence: str) -> Sentence:
    start = text.index(sentence)
    return Sentence(start, start + len(sentence))


def _analysis(d: Doc, document: Document) -> Analysis:
    facilities = tuple(Facility(f.canonical, f.name, f.kind, True, f.province, f.locality, f.place_source)
                       for f in d.facilities)
    mentions = tuple(
        Mention(d.text.index(surface), d.text.index(surface) + len(surface), i)
        for i, f in enumerate(d.facilities) for surface in (f.name, *f.aliases) if surface in d.text
    )
    return Analysis(
        text=d.text, doc=document, side=d.side, facilities=facilities, mentions=mentions,
        events=tuple(Event(t, i, _sentence(d.text, s), None, date, _PRECISION.get(len(date or "")))
                     for t, i, s, date in d.events),
        claims=tuple(Claim(i, side, pol, _sentence(d.text, s), src) for i, side, pol, s, src in d.claims),
    )


def build_corpus(store: Store) -> dict[str, int]:
    """Store the fictional corpus and its canonical facilities; document key -> store id."""
    ids: dict[str, int] = {}
    members: list[tuple[int, int, str]] = []
    seen: dict[str, list[str]] = {}
    for d in DOCS:
        doc = document(d.text, id=d.key, outlet=d.outlet, published=d.published, url=d.url, title=d.title)
        rowid = store.add_document(doc)
        assert rowid is not None
        store.save_analysis(rowid, _analysis(d, doc))
        ids[d.key] = rowid
        for i, f in enumerate(d.facilities):
            members.append((rowid, i, f.canonical))
            seen.setdefault(f.canonical, []).append(d.published or "")
    canonical = [
        CanonicalFacility(f.canonical, f.name, f.kind, f.province, f.locality, f.place_source,
                          len(seen[f.canonical]), min(p for p in seen[f.canonical] if p) or None,
                          max(seen[f.canonical]) or None, "2024-01-01T00:00:00+00:00")
        for f in CANONICAL
    ]
    keys = {(name_key(f.name), f.province or "", "", f.canonical) for d in DOCS for f in d.facilities}
    store.replace_facilities(canonical, members, sorted(keys), [])
    return ids


def open_corpus(path: Path) -> Store:
    """A store at ``path`` holding the fictional corpus, its facility summary built."""
    from factorywatch.analyze.facilities import refresh_summaries

    store = open_store(path)
    build_corpus(store)
    refresh_summaries(store)
    return store
