"""Helpers for the web tests: a small database of fictional articles, with stored extractions
(fixtures over it are in ``webfixtures.py``)."""

from __future__ import annotations

from pathlib import Path

from conftest import document

from factorywatch.model import Analysis, Claim, DateRef, Document, Event, Facility, Mention, Place, Sentence, Span
from factorywatch.resolve.corpus import resolve_facilities
from factorywatch.store import open_store

OFFICIAL = (
    "The Ryongbuk Pencil Factory in Kusong, North Pyongan Province, overfulfilled its plan in March 2024. "
    "Workers of the factory were commended by the provincial committee."
)
INDEPENDENT = (
    "A source in North Pyongan Province said the Ryongbuk Pencil Factory (No. 17 Factory) has stood idle "
    "since April 2024 because of power shortages. Workers were sent to farms."
)
COLOURED = "The Ryongbuk Colour Pencil Factory in Kusong opened a new workshop on July 1, 2024."
XSS_TITLE = "Plant news <script>alert(1)</script>"
XSS_TEXT = (
    "The Tanchon <img src=x onerror=alert(1)> Glass Works reported <script>alert(2)</script> output. "
    'See <a href="javascript:alert(3)">this link</a> for details & more.'
)


PENCIL = "ryongbuk-pencil-factory"
"""Ids resolution gives the facilities of ``build_db``: the pencil factory (two documents, two
names, a contradiction), its near namesake (a possible match) and the one named with markup."""
COLOUR = "ryongbuk-colour-pencil-factory"
GLASS = "tanchon-img-src-x-onerror-alert-1-glass-works"


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def official_analysis(doc: Document) -> Analysis:
    t = doc.text
    first = Sentence(0, t.index(". ") + 1)
    second = Sentence(first.end + 1, len(t))
    factory = Facility("ryongbuk-pencil-factory", "Ryongbuk Pencil Factory", "factory", True,
                       "North Pyongan", "Kusong", "sentence")
    return Analysis(
        text=t, doc=doc, side="official",
        sentences=(first, second),
        places=(Place(*span(t, "Kusong"), "North Pyongan", "Kusong"), Place(*span(t, "North Pyongan Province"),
                                                                          "North Pyongan", None)),
        dates=(DateRef(*span(t, "March 2024"), "2024-03", "month"),),
        facilities=(factory,),
        mentions=(Mention(*span(t, "Ryongbuk Pencil Factory"), 0), Mention(*span(t, "the factory"), 0, "reference")),
        events=(Event("commendation", 0, second, Span(*span(t, "commended")), "2024-03", "month"),),
        claims=(Claim(0, "official", "positive", first, "KCNA", Span(*span(t, "overfulfilled"))),),
    )


def independent_analysis(doc: Document) -> Analysis:
    """The same factory seen by an independent outlet: a second name, a shutdown, a negative claim."""
    t = doc.text
    first = Sentence(0, t.index("shortages.") + len("shortages."))
    second = Sentence(first.end + 1, len(t))
    factory = Facility("ryongbuk-pencil-factory", "Ryongbuk Pencil Factory", "factory", True,
                       "North Pyongan", None, "sentence")
    return Analysis(
        text=t, doc=doc, side="independent",
        sentences=(first, second),
        places=(Place(*span(t, "North Pyongan Province"), "North Pyongan", None),),
        dates=(DateRef(*span(t, "April 2024"), "2024-04", "month"),),
        facilities=(factory,),
        mentions=(Mention(*span(t, "Ryongbuk Pencil Factory"), 0), Mention(*span(t, "No. 17 Factory"), 0)),
        events=(Event("shutdown", 0, first, Span(*span(t, "stood idle")), "2024-04", "month"),),
        claims=(Claim(0, "independent", "negative", first, "A source in North Pyongan Province",
                      Span(*span(t, "said"))),),
    )


def coloured_analysis(doc: Document) -> Analysis:
    """A near namesake of the pencil factory: a possible match for an analyst to judge."""
    t = doc.text
    sentence = Sentence(0, len(t))
    factory = Facility("coloured", "Ryongbuk Colour Pencil Factory", "factory", True, "North Pyongan", "Kusong",
                       "sentence")
    return Analysis(
        text=t, doc=doc, side="official", sentences=(sentence,),
        places=(Place(*span(t, "Kusong"), "North Pyongan", "Kusong"),),
        dates=(DateRef(*span(t, "July 1, 2024"), "2024-07-01", "day"),),
        facilities=(factory,),
        mentions=(Mention(*span(t, "Ryongbuk Colour Pencil Factory"), 0),),
        events=(Event("opening", 0, sentence, Span(*span(t, "opened")), "2024-07-01", "day"),),
    )


def xss_analysis(doc: Document) -> Analysis:
    """Extractions over the payloads: a facility named with markup, a claim and an undated
    event (no status) on its sentence."""
    t = doc.text
    name = "Tanchon <img src=x onerror=alert(1)> Glass Works"
    sentence = Sentence(0, t.index("output.") + len("output."))
    return Analysis(
        text=t, doc=doc, side="official",
        facilities=(Facility("tanchon-glass-works", name, "factory", True, "South Hamgyong", "Tanchon", "name"),),
        mentions=(Mention(*span(t, name), 0),),
        events=(Event("criticism", 0, sentence),),
        claims=(Claim(0, "official", "positive", sentence, "<b>KCNA</b>", Span(*span(t, "reported"))),),
    )


PROVINCIAL = (
    "A source in South Pyongan Province said the Sinjon Coal Mine has cut its rations. "
    "The nearby Ryongchon Coal Mine has stopped work."
)
"""Two mines placed by their province alone (no city or county): the map shows them at the
province's centroid, one popup naming the other."""


def provincial_analysis(doc: Document) -> Analysis:
    t = doc.text
    first = Sentence(0, t.index("rations.") + len("rations."))
    second = Sentence(first.end + 1, len(t))
    mines = tuple(Facility(name.lower().replace(" ", "-"), name, "mine", True, "South Pyongan", None, "source_location")
                  for name in ("Sinjon Coal Mine", "Ryongchon Coal Mine"))
    return Analysis(
        text=t, doc=doc, side="independent", sentences=(first, second),
        places=(Place(*span(t, "South Pyongan Province"), "South Pyongan", None),),
        facilities=mines,
        mentions=(Mention(*span(t, "Sinjon Coal Mine"), 0), Mention(*span(t, "Ryongchon Coal Mine"), 1)),
        events=(Event("shortage", 0, first, Span(*span(t, "cut its rations"))),
                Event("shutdown", 1, second, Span(*span(t, "stopped work")))),
    )


def add_provincial(path: Path) -> None:
    """Adds ``PROVINCIAL`` and its extraction to the database ``build_db`` made, and resolves again."""
    with open_store(path) as store:
        doc = document(PROVINCIAL, id="dnk-2", title="Mines in trouble", outlet="Daily NK", published="2024-08-01")
        store.save_analysis(store.add_document(doc), provincial_analysis(doc))
        resolve_facilities(store)


def build_db(path: Path) -> dict[str, int]:
    """A database at ``path`` with four documents, their extractions and the canonical
    facilities resolved from them; the documents' integer ids by role."""
    ids = {}
    with open_store(path) as store:
        off = document(OFFICIAL, id="kcna-1", title="Pencil factory overfulfils plan", outlet="KCNA",
                       published="2024-03-15", url="https://example.org/kcna-1")
        ids["official"] = store.add_document(off)
        store.save_analysis(ids["official"], official_analysis(off))
        ind = document(INDEPENDENT, id="dnk-1", title="Pencil factory idle", outlet="Daily NK", published="2024-05-02")
        ids["independent"] = store.add_document(ind)
        store.save_analysis(ids["independent"], independent_analysis(ind))
        xss = document(XSS_TEXT, id="xss-1", title=XSS_TITLE, outlet="Test", published="2024-06-01",
                       url="javascript:alert(4)")
        ids["xss"] = store.add_document(xss)
        store.save_analysis(ids["xss"], xss_analysis(xss))
        col = document(COLOURED, id="kcna-2", title="New workshop opened", outlet="KCNA", published="2024-07-02")
        ids["coloured"] = store.add_document(col)
        store.save_analysis(ids["coloured"], coloured_analysis(col))
        resolve_facilities(store)
    return ids

