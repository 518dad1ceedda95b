"""Facilities: names, kinds, aliases, later references; and the seeds end to end.

The behaviour rows are fictional sentences in the style of the articles (state media and
independent outlets); the seed test reads the real seed articles from ../shared.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.extract import places as _places  # noqa: F401  (registers the components)
from factorywatch.extract.attribution import reach, segments
from factorywatch.extract.facilities import facility_id
from factorywatch.extract.pipeline import Pipeline
from factorywatch.model import Analysis, Document

PIPELINE = Pipeline(["sentences", "entities", "facilities"])
REACH = Pipeline(["sentences", "entities", "facilities", "places"])


def analyse(text: str) -> Analysis:
    return PIPELINE(Document(text=text))


def found(text: str) -> dict[str, tuple[str, set[str]]]:
    """standard name -> (kind, naming surface forms)"""
    a = analyse(text)
    return {
        f.name: (f.kind, {a.text[m.start : m.end] for m in a.mentions if m.facility == i and m.kind == "name"})
        for i, f in enumerate(a.facilities)
    }


def norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Workers at the Ryonggang Textile Factory went home early.",
            {"Ryonggang Textile Factory": ("factory", {"Ryonggang Textile Factory"})},
            id="place-product-name",
        ),
        pytest.param(
            "The No. 512 Factory and the April 9 Factory stopped, as did Factory No. 88.",
            {"No. 512 Factory": ("factory", {"No. 512 Factory"}), "April 9 Factory": ("factory", {"April 9 Factory"}),
             "Factory No. 88": ("factory", {"Factory No. 88"})},
            id="number-names",
        ),
        pytest.param(
            "Sinhung 417 Electric Wire Factory workers said there is no copper for the Sinhung Electric Cable "
            "Factory 417.",
            {"Sinhung Electric Cable Factory 417": (
                "factory", {"Sinhung 417 Electric Wire Factory", "Sinhung Electric Cable Factory 417"})},
            id="number-and-synonym-variants",
        ),
        pytest.param(
            "The Chongbong Iron and Steel Complex, the Tongsan Machine Complex and the Ryonhwa Thermal Power "
            "Complex fulfilled their plans. The Ulim Combined Enterprise did too.",
            {"Chongbong Iron and Steel Complex": ("complex", {"Chongbong Iron and Steel Complex"}),
             "Tongsan Machine Complex": ("complex", {"Tongsan Machine Complex"}),
             "Ryonhwa Thermal Power Complex": ("power_station", {"Ryonhwa Thermal Power Complex"}),
             "Ulim Combined Enterprise": ("complex", {"Ulim Combined Enterprise"})},
            id="complex-heads",
        ),
        pytest.param(
            "The Sokjon Power Station and the Sokjon Power Plant No. 2 lack water; the Sokjon Cement Plant too.",
            {"Sokjon Power Station": ("power_station", {"Sokjon Power Station"}),
             "Sokjon Power Plant No. 2": ("power_station", {"Sokjon Power Plant No. 2"}),
             "Sokjon Cement Plant": ("factory", {"Sokjon Cement Plant"})},
            id="power-plants-are-not-factories",
        ),
        pytest.param(
            "The raid hit Ryonggang Market, the Tonghae Copper Mine, the Kumbit Cooperative Farm and Ryongam Shipyard.",
            {"Ryonggang Market": ("market", {"Ryonggang Market"}),
             "Tonghae Copper Mine": ("mine", {"Tonghae Copper Mine"}),
             "Kumbit Cooperative Farm": ("farm", {"Kumbit Cooperative Farm"}),
             "Ryongam Shipyard": ("shipyard", {"Ryongam Shipyard"})},
            id="other-kinds",
        ),
        pytest.param(
            "Factories with numbers include the Tonghae River Battery Factory (No. 318 Factory) and the Sinpa "
            "Coal Machine Factory (April 25 Factory).",
            {"Tonghae River Battery Factory": ("factory", {"Tonghae River Battery Factory", "No. 318 Factory"}),
             "Sinpa Coal Machine Factory": ("factory", {"Sinpa Coal Machine Factory", "April 25 Factory"})},
            id="bracketed-aliases",
        ),
        pytest.param(
            "The Sinpa Coal Machine Factory, known as the April 25 Factory, was idle. Tonghaegang Battery Factory "
            "workers joined them.",
            {"Sinpa Coal Machine Factory": ("factory", {"Sinpa Coal Machine Factory", "April 25 Factory"}),
             "Tonghaegang Battery Factory": ("factory", {"Tonghaegang Battery Factory"})},
            id="known-as",
        ),
        pytest.param(
            "Builders began the Mokdong Plant in 1998. In 2005 the youth league renamed the project "
            "“Chongnyon Hero Power Station” and sent 5,000 workers.",
            {"Chongnyon Hero Power Station": ("power_station", {"Mokdong Plant", "Chongnyon Hero Power Station"})},
            id="renamed",
        ),
        pytest.param(
            "The Ryonggang Textile Factory, Ryonggang Film Factory, Ryonggang Tire Factory and other major "
            "factories in Ryonggang were shut.",
            {"Ryonggang Textile Factory": ("factory", {"Ryonggang Textile Factory"}),
             "Ryonggang Film Factory": ("factory", {"Ryonggang Film Factory"}),
             "Ryonggang Tire Factory": ("factory", {"Ryonggang Tire Factory"})},
            id="list-splits-and-shared-words-never-merge",
        ),
        pytest.param(
            "The May 9 Factory and the August 19 Factory closed.",
            {"May 9 Factory": ("factory", {"May 9 Factory"}), "August 19 Factory": ("factory", {"August 19 Factory"})},
            id="dates-never-merge",
        ),
        pytest.param(
            "The Kosan Shoes Factory lied to the Party. A photo of the Kosan Shoe Factory ran in state media.",
            {"Kosan Shoe Factory": ("factory", {"Kosan Shoes Factory", "Kosan Shoe Factory"})},
            id="plural-variant",
        ),
        pytest.param(
            "Staff at the Heungdong Fertilizer Factory say the Hungdong Fertilizer Complex has no coal; "
            "the Hungdong factory is idle.",
            {"Hungdong Fertilizer Complex": ("complex", {
                "Heungdong Fertilizer Factory", "Hungdong Fertilizer Complex", "Hungdong factory"})},
            id="romanization-and-short-form",
        ),
        pytest.param(
            "The Kumgol Apparatus Factory was praised. Later the Kumgol Medical Device Factory and the "
            "Kumgol Medical Appliances Factory were criticized.",
            {"Kumgol Apparatus Factory": ("factory", {"Kumgol Apparatus Factory"}),
             "Kumgol Medical Appliances Factory": ("factory", {
                 "Kumgol Medical Device Factory", "Kumgol Medical Appliances Factory"})},
            id="product-synonyms",
        ),
        pytest.param(
            "The February 16 Vinalon Complex reopened; crowds cheered the 2.16 Vinalon Complex.",
            {"February 16 Vinalon Complex": ("complex", {"February 16 Vinalon Complex", "2.16 Vinalon Complex"})},
            id="date-written-as-number",
        ),
        pytest.param(
            "A shoe factory in Kosan and factories in Sinhung county were inspected; the state-run factories "
            "and a milk processing plant in Onchon County too.",
            {},
            id="generic-phrases-are-not-named",
        ),
        pytest.param(
            "North Koreans work at the Hongxing Garment Factory in Dandong and at a Chinese-owned Huatai "
            "Textile Factory. The Yanji Knitwear Factory pays them in yuan.",
            {},
            id="outside-north-korea",
        ),
        pytest.param(
            "The Cabinet, the National Quality Monitoring Committee and Rodong Sinmun praised the plan.",
            {},
            id="organizations-are-not-facilities",
        ),
        pytest.param(
            "Kim Jong Un Inspects Ryonggang Cosmetics Factory\nRespected Comrade Kim Jong Un Guides Workshop",
            {"Ryonggang Cosmetics Factory": ("factory", {"Ryonggang Cosmetics Factory"})},
            id="headline-verbs",
        ),
        pytest.param(
            "North Korea Struggles for 10 Years to Complete Hydropower Plant\nSudden market closures anger traders",
            {},
            id="title-case-lines",
        ),
        pytest.param(
            "The Machine Factory and the Sci-Tech Complex hosted the Special Workshop.",
            {},
            id="generic-words-make-no-name",
        ),
        pytest.param(
            "Officials at South Pyongan Province Kangdong Market said the Pyongyang-based Sonbong Knitwear "
            "Factory and the Disabled Soldiers’ Sonbong Bag Factory sell there.",
            {"Kangdong Market": ("market", {"Kangdong Market"}),
             "Sonbong Knitwear Factory": ("factory", {"Sonbong Knitwear Factory"}),
             "Disabled Soldiers’ Sonbong Bag Factory": ("factory", {"Disabled Soldiers’ Sonbong Bag Factory"})},
            id="addresses-and-possessives",
        ),
        pytest.param(
            "Kim Jong Il's Works were studied at the Taehung Youth Coal Mine and the Kim Chol Su Textile Mill.",
            {"Taehung Youth Coal Mine": ("mine", {"Taehung Youth Coal Mine"}),
             "Kim Chol Su Textile Mill": ("factory", {"Kim Chol Su Textile Mill"})},
            id="people-in-names",
        ),
        pytest.param(
            "The Sinpa Cosmetics Factory called the Kumgol Textile Mill. The Chonma Coal Mine, or the Chonma "
            "Youth Coal Mine, stopped.",
            {"Sinpa Cosmetics Factory": ("factory", {"Sinpa Cosmetics Factory"}),
             "Kumgol Textile Mill": ("factory", {"Kumgol Textile Mill"}),
             "Chonma Youth Coal Mine": ("mine", {"Chonma Coal Mine", "Chonma Youth Coal Mine"})},
            id="weak-cues-need-a-comma",
        ),
        pytest.param(
            "The Sokjon Magnesia Factory, the Sokjon Smelter and the Tumangang Economic and Trade Zone were "
            "inspected; the Sokjon Mine and the Sokjon Mining Complex too.",
            {"Sokjon Magnesia Factory": ("factory", {"Sokjon Magnesia Factory"}),
             "Sokjon Smelter": ("other", {"Sokjon Smelter"}),
             "Tumangang Economic and Trade Zone": ("other", {"Tumangang Economic and Trade Zone"}),
             "Sokjon Mining Complex": ("complex", {"Sokjon Mine", "Sokjon Mining Complex"})},
            id="short-forms-only-for-fitting-kinds",
        ),
        pytest.param(
            "Traders crowd the Unjong market, and the Huchang power station is idle.",
            {"Unjong market": ("market", {"Unjong market"}),
             "Huchang power station": ("power_station", {"Huchang power station"})},
            id="place-with-lower-case-head",
        ),
        pytest.param(
            "Graphite mine in Kowon misses plan\n\nThe Sudong Graphite Mine in Kowon fell short again.",
            {"Sudong Graphite Mine": ("mine", {"Sudong Graphite Mine"})},
            id="lower-case-headline-phrase-is-no-name",
        ),
        pytest.param(
            "Kaechon market reopens after raid\n\nTraders said the Kaechon Market reopened on Friday.",
            {"Kaechon Market": ("market", {"Kaechon Market"})},
            id="lower-case-headline-short-form-left-out",
        ),
        pytest.param(
            "Kim Jong Un Inspects Ryongsong Valve Factory\n\nHe looked round the production lines.",
            {"Ryongsong Valve Factory": ("factory", {"Ryongsong Valve Factory"})},
            id="capitalised-headline-name-stays",
        ),
        pytest.param(
            "The Taesong and Ponghak mines overfulfilled their plans.",
            {"Taesong Mine": ("mine", {"Taesong"}), "Ponghak Mine": ("mine", {"Ponghak mines"})},
            id="coordinated-names-share-a-plural-head",
        ),
        pytest.param(
            "Rimjin, Sokam and other farms harvested early, and the Songha and Kuum Fruit Farms picked apples.",
            {"Rimjin Farm": ("farm", {"Rimjin"}), "Sokam Farm": ("farm", {"Sokam"}),
             "Songha Fruit Farm": ("farm", {"Songha"}), "Kuum Fruit Farm": ("farm", {"Kuum Fruit Farms"})},
            id="coordinated-names-with-other-and-shared-product",
        ),
        pytest.param(
            "Kim Jong Un and Sinuiju markets, China and Hyesan markets were discussed.",
            {},
            id="no-coordination-with-people-or-foreign-places",
        ),
        pytest.param(
            "Officials berated managers of the Komun steelworks.",
            {"Komun steelworks": ("factory", {"Komun steelworks"})},
            id="one-word-lower-case-head",
        ),
        pytest.param(
            "Builders of the Railway Construction Complex laid track to the Hwangju Cement Factory.",
            {"Railway Construction Complex": ("complex", {"Railway Construction Complex"}),
             "Hwangju Cement Factory": ("factory", {"Hwangju Cement Factory"})},
            id="construction-unit-named-by-its-trade",
        ),
        pytest.param(
            "Vendors at the Sapho Market, known to locals as the Ssuk market, pay more.",
            {"Sapho Market": ("market", {"Sapho Market", "Ssuk market"})},
            id="alias-known-to-locals",
        ),
        pytest.param(
            "Grain from the Kosong Foodstuff Factory was sold at the Kosong market.",
            {"Kosong Foodstuff Factory": ("factory", {"Kosong Foodstuff Factory"}),
             "Kosong market": ("market", {"Kosong market"})},
            id="a-short-form-of-another-kind-is-a-site-of-its-own",
        ),
    ],
)
def test_facilities(text: str, expected: dict[str, tuple[str, set[str]]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "reference", "facility"),
    [
        pytest.param(
            "The Kosan Shoe Factory failed its quota. Later the factory was investigated.",
            "factory", "Kosan Shoe Factory", id="the-factory",
        ),
        pytest.param(
            "A shoe factory in Kosan is under investigation. The factory lied, said a source about the "
            "Kosan Shoe Factory.",
            "factory", "Kosan Shoe Factory", id="before-the-name-in-a-one-facility-text",
        ),
        pytest.param(
            "The Ryonhwa Youth Chemical Complex overhauled boilers. Its officials met. The Tonghae Ice Cream "
            "Factory opened. Kim praised the ice cream factory and the complex.",
            "complex", "Ryonhwa Youth Chemical Complex", id="kind-decides",
        ),
        pytest.param(
            "The Kumgol Medical Appliances Factory and the Kumgol Textile Mill were inspected. Inspectors "
            "blamed the medical device factory.",
            "medical device factory", "Kumgol Medical Appliances Factory", id="products-decide",
        ),
        pytest.param(
            "The Ryonhwa Youth Chemical Complex overhauled boilers. Its officials met.",
            "Its", "Ryonhwa Youth Chemical Complex", id="its",
        ),
        pytest.param(
            "The Ryongbuk Fishery Station launched boats. State media praised the station's workers.",
            "station", "Ryongbuk Fishery Station", id="the-station-possessive",
        ),
        pytest.param(
            "The Sohung Shipyard launched a ship. Workers said the yard has run out of steel.",
            "yard", "Sohung Shipyard", id="the-yard",
        ),
        pytest.param(
            "The Kuryong Power Station is idle. Water behind the dam fell.",
            "dam", "Kuryong Power Station", id="the-dam",
        ),
        pytest.param(
            "The Komun steelworks missed its plan. Kim berated managers of the country's largest steelworks.",
            "largest steelworks", "Komun steelworks", id="descriptive-reference",
        ),
        pytest.param(
            "The Pongsan Shoe Factory gets leather from the Kumsan Trading Company. The factory was praised.",
            "factory", "Pongsan Shoe Factory", id="the-factory-is-never-a-trading-company",
        ),
        pytest.param(
            "The Ryonggang Glass Factory stopped. The Ryonggang Glass Factory is idle. A source blamed the "
            "Ryonggang Glass Factory and the Sinhung Glass Factory. The factory has no fuel.",
            "factory", "Ryonggang Glass Factory", id="the-article-subject-among-rivals",
        ),
        pytest.param(
            "The Hyesan Shoe Factory stopped in May.\n\nPrices rose in the Hyesan Market. Traders complained. "
            "Officials met. Police came.\n\nBy June the factory had restarted.",
            "factory", "Hyesan Shoe Factory", id="the-one-factory-paragraphs-later",
        ),
        pytest.param(
            "Kim ordered a probe into a botched launch at an eastern shipyard. The ship tipped over at the "
            "Sohung Shipyard. The Sohung Smelter sent no steel.",
            "eastern shipyard", "Sohung Shipyard", id="the-lead-introduces-the-one-site-of-its-kind",
        ),
        pytest.param(
            "The Kumdong Machine Factory gets no steel from the Komun steelworks. The factory's manager was fired.",
            "factory", "Kumdong Machine Factory", id="the-factory-prefers-a-factory-to-a-steelworks",
        ),
        pytest.param(
            "The Ryongam Coal Mine flooded. The Tokchon Coal Mine works. State media praised the Ryongam miners.",
            "Ryongam miners", "Ryongam Coal Mine", id="people-named-by-their-site's-place",
        ),
        pytest.param(
            "The Sapho Market was sealed. Agents searched the homes of 30 vendors. The Sapho Bakery is open.",
            "vendors", "Sapho Market", id="people-of-the-one-site-of-their-kind",
        ),
    ],
)
def test_references(text: str, reference: str, facility: str) -> None:
    a = analyse(text)
    refs = {(a.text[m.start : m.end], a.facilities[m.facility].name) for m in a.mentions if m.kind == "reference"}
    assert (reference, facility) in refs


@pytest.mark.parametrize(
    "text",
    [
        "The Ryonggang Textile Factory and the Ryonggang Film Factory closed. The factory was old.",
        "The Kaechon Market closed. The provincial market management office raised fees.",
        "The Kuryong Power Station is idle. Guests toured the site of the old camp.",
        # an indefinite description after the name, or with two sites of its kind, is another site
        "The Sohung Shipyard and the Rajin Shipyard launched ships. A western shipyard did not.",
        # people of a kind of site the article speaks of in the plural
        "The Sapho Market was sealed. Vendors from other markets came. The Sapho Bakery is open.",
    ],
)
def test_references_left_unattached(text: str) -> None:
    assert [m for m in analyse(text).mentions if m.kind == "reference"] == []


@pytest.mark.parametrize(
    ("text", "about"),
    [
        pytest.param(
            "In Hoeryong a brick works has halted its lines, and merchants at the Songyo Market are paying more.",
            {"In Hoeryong a brick works has halted its lines, and ": [],
             "merchants at the Songyo Market are paying more.": [
                "Songyo Market"]},
            id="clause-about-an-unnamed-site",
        ),
        pytest.param(
            "The Tukso Coal Mine under the Kangdong Area Coal Mining Complex has laid a belt conveyor.",
            {"The Tukso Coal Mine under the Kangdong Area Coal Mining Complex has laid a belt conveyor.": [
                "Tukso Coal Mine"]},
            id="a-unit-not-its-parent",
        ),
        pytest.param(
            "The Sunam Power Station, run by the ministry, and other power plants like the Kwanmo Power Station "
            "raised output.",
            {"The Sunam Power Station, run by the ministry, and other power plants like the Kwanmo Power Station "
             "raised output.": ["Sunam Power Station", "Kwanmo Power Station"]},
            id="a-list-of-sites-is-one-clause",
        ),
        pytest.param(
            "The Munchon Quarry opened. The Kalma Zone is a site. The Munchon Quarry, which supplies the site "
            "with stone, works double shifts.",
            {"The Munchon Quarry, which supplies the site with stone, works double shifts.": ["Munchon Quarry"]},
            id="a-relative-clause-about-another-site",
        ),
    ],
)
def test_what_each_part_of_a_sentence_is_about(text: str, about: dict[str, list[str]]) -> None:
    a = REACH(Document(text=text))
    r = reach(a)
    parts = {}
    for i, sent in enumerate(a.sentences):
        for part in segments(a.text, sent):
            words = a.text[part.start : part.end]
            if words.strip() in {k.strip() for k in about}:
                parts[words.strip()] = [a.facilities[f].name for f in r.within(i, part)]
    assert parts == {k.strip(): v for k, v in about.items()}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Wonsan Shoe Factory", "wonsan-shoe-factory"),
        ("The No. 245 Factory", "no-245-factory"),
        ("Hamhung Disabled Soldiers’ Plastic Goods Factory", "hamhung-disabled-soldiers-plastic-goods-factory"),
        ("Pyŏngyang 326 Electric Wire Factory", "pyongyang-326-electric-wire-factory"),
    ],
)
def test_facility_id(name: str, slug: str) -> None:
    assert facility_id(name) == slug


WORDS = st.sampled_from(
    ["the", "The", "Ryonggang", "Textile", "Factory", "factory", "Complex", "Power", "Station", "No.", "245", "(", ")",
     "and", ",", ".", "\n", "known as", "renamed", "Its", "its", "Kim", "Jong", "Un", "Chinese", "Market", "May", "7",
     "Soldiers’", "’s", "é", "Ŏ", "\u00a0", "-", "“", "”", "Plant", "Mine", "in", "Dandong", "Ministry of"]
)


@settings(max_examples=200)
@given(st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=200))
def test_offsets_slice_back_and_components_never_raise(text: str) -> None:
    a = analyse(text)
    for m in a.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert 0 <= m.facility < len(a.facilities)
        assert m.kind in ("name", "reference")
        assert a.text[m.start : m.end].strip() == a.text[m.start : m.end]
    for f in a.facilities:
        assert f.named and f.province is None and f.locality is None
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", f.id)
        names = {norm(a.text[m.start : m.end]) for m in a.mentions if a.facilities[m.facility] is f}
        assert norm(f.name) in names


def test_seed_facilities_are_found(seeds_gold: list[dict]) -> None:
    for record in seeds_gold:
        a = PIPELINE(Document(text=record["text"], id=record["id"]))
        predicted = [
            {norm(f.name)} | {norm(a.text[m.start : m.end]) for m in a.mentions if m.facility == i and m.kind == "name"}
            for i, f in enumerate(a.facilities)
        ]
        for gold in record["facilities"]:
            if not gold["named"]:
                continue
            surfaces = {norm(gold["name"])} | {norm(m) for m in gold["mentions"]}
            match = [p for p in predicted if p & surfaces]
            assert len(match) == 1, f"{record['id']}: {gold['name']}"
            assert surfaces <= match[0], f"{record['id']}: aliases of {gold['name']}"
        gold_surfaces = set().union(*({norm(g["name"]), *map(norm, g["mentions"])} for g in record["facilities"]))
        assert all(p & gold_surfaces for p in predicted), f"{record['id']}: a facility that is not in the gold"
