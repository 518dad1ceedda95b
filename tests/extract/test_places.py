"""Components ``places`` (places in the text) and ``locate`` (the place of each facility)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.extract import places as _places  # noqa: F401  (registers the components)
from factorywatch.extract import sentences as _sentences  # noqa: F401
from factorywatch.extract.pipeline import REGISTRY, Pipeline
from factorywatch.extract.places import _rules, placed, source_before
from factorywatch.model import Analysis, Document, Facility, Mention
from factorywatch.vocab import PROVINCES

PLACES = Pipeline(["sentences", "places"])


def _places_of(text: str) -> list[tuple[str, str | None, str | None]]:
    a = PLACES(Document(text=text))
    return [(text[p.start:p.end], p.province, p.locality) for p in a.places]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Anju Pump Factory set a record.", [("Anju", "South Pyongan", "Anju")]),
        ("A rally was held in Unsan County, North Pyongan Province.",
         [("Unsan County", "North Pyongan", "Unsan"), ("North Pyongan Province", "North Pyongan", None)]),
        ("Farmers of Unsan County in South Pyongan Province harvested rice.",
         [("Unsan County", "South Pyongan", "Unsan"), ("South Pyongan Province", "South Pyongan", None)]),
        ("Unsan County held a rally.", [("Unsan County", None, "Unsan")]),
        ("Kujang county rallied. Unsan county followed.",
         [("Kujang county", "North Pyongan", "Kujang"), ("Unsan county", "North Pyongan", "Unsan")]),
        ("Investors left Rason.", [("Rason", "Rason", "Rason")]),
        ("Investors left Rason, North Hamgyong Province.",
         [("Rason", "North Hamgyong", "Rason"), ("North Hamgyong Province", "North Hamgyong", None)]),
        ("Kaesong Industrial Complex and Kaesong Municipality",
         [("Kaesong", "North Hwanghae", "Kaesong"), ("Kaesong Municipality", "Kaesong", "Kaesong")]),
        ("Pilgrims climbed Mt Myohyang.", [("Mt Myohyang", "North Pyongan", None)]),
        ("Builders in Yanggang province’s Baekam county", [("Yanggang province", "Ryanggang", None),
                                                          ("Baekam county", "Ryanggang", "Baekam")]),
        ("Rain fell over Hwanghae.", [("Hwanghae", None, None)]),
        ("The market in Cheongjin’s Sunam District closed.",
         [("Cheongjin", "North Hamgyong", "Cheongjin"), ("Sunam District", "North Hamgyong", "Chongjin")]),
        ("Officials from Hungnam and Phyongsong met.",
         [("Hungnam", "South Hamgyong", "Hungnam"), ("Phyongsong", "South Pyongan", "Phyongsong")]),
    ],
)
def test_places(text, expected):
    assert _places_of(text) == expected


WORDS = st.sampled_from(["Unsan", "County", "Province", "North Pyongan", "Pyongyang", "Rason", "Kim", "Chaek", "in",
                         "the", "River", "-", ",", ".", "\n", " ", "’s", "Hwanghae", "Mt", "Hamgyongbuk-do", "City"])


@settings(max_examples=60)
@given(st.lists(WORDS, max_size=20).map(" ".join) | st.text(max_size=40))
def test_places_slice_back_and_use_the_vocabulary(text):
    a = PLACES(Document(text=text))
    edge = 0
    for p in a.places:
        assert edge <= p.start < p.end <= len(text)
        assert p.province is None or p.province in PROVINCES
        edge = p.end


def _locate(text: str, *facilities: str, references: str = r"the (?:factory|plant|complex|mine|market)"):
    """Facilities named by the given surfaces; references go to the first facility."""
    a = PLACES(Document(text=text))
    facs, mentions = [], []
    for i, name in enumerate(facilities):
        facs.append(Facility(id=f"f{i}", name=name, kind="factory", named=True))
        mentions += [Mention(m.start(), m.end(), i, "name") for m in re.finditer(re.escape(name), text)]
    mentions += [Mention(m.start(), m.end(), 0, "reference") for m in re.finditer(references, text, re.IGNORECASE)]
    a = replace(a, facilities=tuple(facs), mentions=tuple(sorted(mentions, key=lambda m: m.start)))
    return [(f.province, f.locality, f.place_source) for f in REGISTRY["locate"](a).facilities]


@pytest.mark.parametrize(
    "text, facilities, expected",
    [
        # its own name
        ("The Wonsan Shoe Factory was praised.", ["Wonsan Shoe Factory"], [("Kangwon", "Wonsan", "name")]),
        ("The Hamheung Textile Factory opened.", ["Hamheung Textile Factory"],
         [("South Hamgyong", "Hamheung", "name")]),
        # a place its sentence attaches to it, which outranks a name that points elsewhere
        ("Workers of the Goksan Factory in Pyongyang met.", ["Goksan Factory"],
         [("Pyongyang", "Pyongyang", "sentence")]),
        ("Thieves hit Factory No. 76 in Panmak-ri, Sakju County.", ["Factory No. 76"],
         [("North Pyongan", "Sakju", "sentence")]),
        ("The Chupo Market, in the Sapo district of Hamheung City, South Hamgyeong Province, closed.", ["Chupo Market"],
         [("South Hamgyong", "Hamheung", "sentence")]),
        ("New houses appeared at the Undok Farm in Onchon County, Nampho Municipality.", ["Undok Farm"],
         [("Nampo", "Onchon", "sentence")]),
        # the one province of the other places of its sentence
        ("Authorities in Yanggang province’s Baekam county began building the Hwangto Plant.", ["Hwangto Plant"],
         [("Ryanggang", "Baekam", "sentence")]),
        # the name gives the province, a sentence the county
        ("The Myohyangsan Medical Appliances Factory reopened. People of Hyangsan County toured the factory.",
         ["Myohyangsan Medical Appliances Factory"], [("North Pyongan", "Hyangsan", "name")]),
        # where the source speaks from: a province; a province-level city gives itself
        ("A source in South Hamgyong Province told Daily NK that the Ponghwa Machine Factory stopped.",
         ["Ponghwa Machine Factory"], [("South Hamgyong", None, "source_location")]),
        ("The May 1 Factory shut down. “It is over,” said a Pyongyang-based source.", ["May 1 Factory"],
         [("Pyongyang", "Pyongyang", "source_location")]),
        ("“Most stopped,” a source in Ryanggang told us. The Masan Mine stopped too.", ["Masan Mine"],
         [("Ryanggang", None, "source_location")]),
        # never guessed: datelines, organizations, other facilities, people, rivers, ambiguous names
        ("Pyongyang, May 3 (KCNA) -- The Ponghwa Machine Factory fulfilled its plan.", ["Ponghwa Machine Factory"],
         [(None, None, None)]),
        ("Officials of the Jagang Provincial Committee visited the Ponghwa Machine Factory.",
         ["Ponghwa Machine Factory"], [(None, None, None)]),
        ("The Ponghwa Machine Factory and the Sinuiju Textile Mill met their plans.",
         ["Ponghwa Machine Factory", "Sinuiju Textile Mill"],
         [(None, None, None), ("North Pyongan", "Sinuiju", "name")]),
        ("The Kim Chaek Iron and Steel Complex produced steel.", ["Kim Chaek Iron and Steel Complex"],
         [(None, None, None)]),
        ("The Taedong River Battery Factory stopped.", ["Taedong River Battery Factory"], [(None, None, None)]),
        ("The Unsan Textile Factory opened.", ["Unsan Textile Factory"], [(None, None, None)]),
        ("The Unsan Textile Factory in North Pyongan Province opened.", ["Unsan Textile Factory"],
         [("North Pyongan", "Unsan", "name")]),
    ],
)
def test_locate(text, facilities, expected):
    assert _locate(text, *facilities) == expected


LOCATE = Pipeline(["sentences", "entities", "facilities", "places", "locate"])


@pytest.mark.parametrize(
    "text, expected",
    [
        # a unit lies where its parent does: named after it by a link, or the area complex of its sentence
        ("Similar successes are made at the Tokpo Coal Mine under the Kaechon Area Coal Mining Complex.",
         {"Tokpo Coal Mine": ("South Pyongan", "Kaechon"),
          "Kaechon Area Coal Mining Complex": ("South Pyongan", "Kaechon")}),
        ("The Anju Area Coal Mining Complex has sped up the project at the Ryongmun Youth Coal Mine.",
         {"Anju Area Coal Mining Complex": ("South Pyongan", "Anju"),
          "Ryongmun Youth Coal Mine": ("South Pyongan", "Anju")}),
        ("Officials of the Sokchon Building Company under the Hamhung City Management Bureau met.",
         {"Sokchon Building Company": ("South Hamgyong", "Hamhung")}),
        # the area a name starts with, placed by another sentence
        (("Kim inspected a site in Ryonpho area of Hamju County, South Hamgyong Province. The Ryonpho Vegetable "
          "Greenhouse Farm will be built there."),
         {"Ryonpho Vegetable Greenhouse Farm": ("South Hamgyong", "Hamju")}),
        # the county a text names, not the province-level city around it
        ("The Songhak Farm in Onchon County, Nampo, harvested early.", {"Songhak Farm": ("Nampo", "Onchon")}),
        # spellings as they sound
        ("Workers of the Songnim Rolling Mill in Shinuiju were idle.",
         {"Songnim Rolling Mill": ("North Pyongan", "Shinuiju")}),
        # a city spelled two ways takes its common English romanisation, never another name of it
        ("Tanchon mine idle\n\nThe Ryongyang Mine in Dancheon is idle.",
         {"Ryongyang Mine": ("South Hamgyong", "Tanchon")}),
        ("Songjin is now Kim Chaek. The Chongbong Rolling Mill in Songjin was idle.",
         {"Chongbong Rolling Mill": ("North Hamgyong", "Songjin")}),
        # the area the name starts with outranks a city its sentence merely names
        (("A farm will appear in Kumbong area of Hamju County, South Hamgyong Province. Kim said the Kumbong "
          "Greenhouse Farm will feed Hamhung City."), {"Kumbong Greenhouse Farm": ("South Hamgyong", "Hamju")}),
        # the one county of the source's province that the article places anything in
        ("Farms in Onchon County, Nampo, got little urea. “The Kumsong Farm got none,” a source in Nampo said.",
         {"Kumsong Farm": ("Nampo", "Onchon")}),
        ("A farm in North Pyongan Province failed. The Ryongchon County committee blamed the Sinam Farm.",
         {"Sinam Farm": ("North Pyongan", "Ryongchon")}),
        # the province an article states as its frame, and nothing else places the site
        ("Pyongyang, May 3 (KCNA) -- South Hamgyong Province is making more goods. The Paeksan Shoe Factory "
         "and the Hamhung Knitwear Factory raised output.",
         {"Paeksan Shoe Factory": ("South Hamgyong", None), "Hamhung Knitwear Factory": ("South Hamgyong", "Hamhung")}),
        ("Pyongyang, May 3 (KCNA) -- Farms are busy. The Paeksan Farm in Kowon County and the Tokchang Farm "
         "finished sowing.", {"Paeksan Farm": ("South Hamgyong", "Kowon"), "Tokchang Farm": (None, None)}),
    ],
)
def test_locate_from_parents_areas_and_spellings(text, expected):
    a = LOCATE(Document(text=text))
    assert {f.name: (f.province, f.locality) for f in a.facilities} == expected


def test_locate_keeps_a_place_already_set_and_passes_an_empty_analysis():
    text = "The Wonsan Shoe Factory was praised."
    a = PLACES(Document(text=text))
    fac = Facility(id="f", name="Wonsan Shoe Factory", kind="factory", named=True, province="Kangwon",
                   locality="Wonsan", place_source="sentence")
    a = replace(a, facilities=(fac,), mentions=(Mention(4, 23, 0),))
    assert REGISTRY["locate"](a).facilities == (fac,)
    empty = Analysis(text="", doc=Document(text=""))
    assert REGISTRY["locate"](empty) == empty


def _gold_accuracy(records: list[dict]) -> tuple[float, float]:
    """Province and locality accuracy of ``locate`` given the gold facilities and their mentions."""
    ok = [0, 0]
    total = [0, 0]
    for g in records:
        a = PLACES(Document(text=g["text"], published=g.get("published")))
        facs = [Facility(id=f["key"], name=f["name"], kind=f["kind"], named=f.get("named", True))
                for f in g["facilities"]]
        mentions = [Mention(m.start(), m.end(), i, "name")
                    for i, f in enumerate(g["facilities"]) for s in set(f["mentions"])
                    for m in re.finditer(re.escape(s), g["text"])]
        ordered = tuple(sorted(mentions, key=lambda m: m.start))
        a = REGISTRY["locate"](replace(a, facilities=tuple(facs), mentions=ordered))
        for gf, pf in zip(g["facilities"], a.facilities, strict=True):
            for k, field in enumerate(("province", "locality")):
                if gf.get("named", True) and gf.get(field):
                    total[k] += 1
                    ok[k] += (getattr(pf, field) or "").lower() == gf[field].lower()
    return ok[0] / total[0], ok[1] / total[1]


def test_locate_on_the_seed_articles(seeds_gold):
    province, locality = _gold_accuracy(seeds_gold)
    assert province >= 0.9 and locality >= 0.85


def test_locate_on_the_dev_articles(dev_gold):
    province, locality = _gold_accuracy(dev_gold)
    assert province >= 0.9 and locality >= 0.85


@given(st.lists(st.sampled_from(["a source ", "Sources", " in ", " IN", "from ", "the ", "The", " told", "x", "K",
                                 "\u0131n ", "é", " ", "\n"]), max_size=14).map("".join))
def test_source_before_is_the_case_blind_search(text: str) -> None:
    """The words a source speaks from, found only where the text before ends in "in" or
    "from" (and maybe "the"), are what the ``(?i)`` pattern finds over 60 characters."""
    anycase = _rules().source_before_anycase
    for start in range(len(text) + 1):
        assert source_before(text, start) == (anycase.search(text, max(0, start - 60), start) is not None)


def test_placed_keeps_every_other_field():
    """``placed`` builds a Facility field by field: a field added to Facility must be carried
    over there (this fails until it is)."""
    fields = [f.name for f in dataclasses.fields(Facility)]
    assert fields == ["id", "name", "kind", "named", "province", "locality", "place_source"]
    fac = Facility(id="f", name="Anju Pump Factory", kind="factory", named=False)
    assert placed(fac, "South Pyongan", "Anju", "name") == replace(
        fac, province="South Pyongan", locality="Anju", place_source="name")
