"""The gazetteer: its data, its spellings and its matcher."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import ROOT, shared_path
from hypothesis import given
from hypothesis import strategies as st

from factorywatch import gazetteer as gz
from factorywatch.vocab import PROVINCES


def test_every_province_is_reachable_by_name_and_has_a_centroid():
    for province in PROVINCES:
        assert gz.normalize_province(province) == province
        # "Kaesong" alone is the city of North Hwanghae (annotation.md); the unit needs its title
        name = "Kaesong Special City" if province == "Kaesong" else province
        assert any(e.level == "province" and e.province == province for e in gz.lookup(name))
        assert gz.centroid(province) is not None


def test_every_county_and_city_has_one_province_and_a_centroid_in_korea():
    units = [e for e in gz.all_entries() if e.level in ("county", "city", "district", "area")]
    assert len(units) > 200
    for e in units:
        assert e.province in PROVINCES, e
        assert 37.5 < e.lat < 43.1 and 124.1 < e.lon < 131.0, e


def test_the_two_unsan_counties_are_distinct():
    unsan = gz.lookup("Unsan")
    assert {e.province for e in unsan} == {"North Pyongan", "South Pyongan"}
    assert len({e.id for e in unsan}) == 2
    assert gz.province_of("Unsan") is None
    assert gz.centroid("North Pyongan", "Unsan") != gz.centroid("South Pyongan", "Unsan")


@pytest.mark.parametrize(
    "spellings",
    [
        ["Hamhung", "Hamhŭng", "Hamheung", "Hamhung City", "Hamhung-si"],
        ["Chongjin", "Ch'ŏngjin", "Ch’ongjin", "Cheongjin", "Chongjin City"],
        ["Pyongyang", "P'yŏngyang", "Phyongyang", "Pyeongyang", "Pyongyang Municipality"],
        ["Sinuiju", "Sinŭiju", "Sinuiju City", "Shinuiju"],
        ["Songrim", "Songnim", "Songrim City"],
        ["Kanggye", "Ganggye", "Kanggye City"],
        ["Pyongsong", "Phyongsong", "Pyeongseong"],
        ["Paekam", "Baekam", "Paekam County", "Paekam-gun"],
        ["Nyongbyon", "Yongbyon", "Yeongbyeon"],
    ],
)
def test_variants_map_to_the_same_unit(spellings):
    ids = {frozenset(e.id for e in gz.lookup(s) if e.level != "province") for s in spellings}
    assert len(ids) == 1 and next(iter(ids)), spellings


@pytest.mark.parametrize(
    "name, province",
    [
        ("North Hamgyong Province", "North Hamgyong"),
        ("Hamgyongbuk-do", "North Hamgyong"),
        ("N. Hamgyong", "North Hamgyong"),
        ("North Hamgyeong", "North Hamgyong"),
        ("South Pyongan", "South Pyongan"),
        ("Pyongannam-do", "South Pyongan"),
        ("South Phyongan Province", "South Pyongan"),
        ("South Pyeongan", "South Pyongan"),
        ("Gangwon Province", "Kangwon"),
        ("Kangwon-do", "Kangwon"),
        ("Chagang", "Jagang"),
        ("Jagang Province", "Jagang"),
        ("Yanggang", "Ryanggang"),
        ("Ryanggang province", "Ryanggang"),
        ("Hwangnam", "South Hwanghae"),
        ("Nampho", "Nampo"),
        ("Rason Municipality", "Rason"),
        ("Kaesong Special City", "Kaesong"),
        ("Wonsan", None),
        ("Hwanghae", None),
        ("Atlantis", None),
    ],
)
def test_normalize_province(name, province):
    assert gz.normalize_province(name) == province


@pytest.mark.parametrize(
    "name, province",
    [("Wonsan", "Kangwon"), ("Hyesan", "Ryanggang"), ("Kimchaek", "North Hamgyong"), ("Kaesong", "North Hwanghae"),
     ("Rason", "Rason"), ("Hungnam", "South Hamgyong"), ("Myohyangsan", "North Pyongan"), ("Unsan", None),
     ("Seoul", None)],
)
def test_province_of(name, province):
    assert gz.province_of(name) == province


def _found(text):
    return [(text[m.start:m.end], sorted({e.province or "-" for e in m.entries}), m.spelling) for m in gz.find(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Wonsan Shoe Factory fell silent.", [("Wonsan", ["Kangwon"], "Wonsan")]),
        ("Workers in Ch’ŏngjin and Hamheung City.",
         [("Ch’ŏngjin", ["North Hamgyong"], "Chongjin"), ("Hamheung City", ["South Hamgyong"], "Hamheung")]),
        ("a source in South Pyongan Province said", [("South Pyongan Province", ["South Pyongan"], "South Pyongan")]),
        ("factories in Unsan county", [("Unsan county", ["North Pyongan", "South Pyongan"], "Unsan")]),
        ("North and South Hamgyong provinces flooded",
         [("North and South Hamgyong provinces", ["-"], "North and South Hamgyong")]),
        # a person, a river, a lake and a missile are not places; a common-word match needs its suffix
        ("The Kim Chaek Iron and Steel Complex", []),
        ("a layout for the city of Kim Chaek", [("Kim Chaek", ["North Hamgyong"], "Kim Chaek")]),
        ("the Taedong River Battery Factory", []),
        ("the Changjin River Power Plant on Changjin Lake", []),
        ("a Hwasong-17 launch near Hwasong District", [("Hwasong District", ["Pyongyang"], "Hwasong")]),
        ("the Chollima Steel Complex in Chollima District", [("Chollima District", ["Nampo"], "Chollima")]),
        ("Taedong-ri valley", []),
        # whole words, capitalised
        ("business music orang wonsan", []),
        ("Wonsanite", []),
        ("see nk-huichon-plant.jpg", []),
    ],
)
def test_find(text, expected):
    assert _found(text) == expected


def test_find_prefers_the_longest_name_at_the_leftmost_start():
    text = "Kaesong Municipality and Kaesong"
    found = gz.find(text)
    assert [(text[m.start:m.end], [e.id for e in m.entries]) for m in found] == [
        ("Kaesong Municipality", ["add-kaesong"]),
        ("Kaesong", ["KP0803"]),
    ]


@given(st.text(alphabet=st.sampled_from("aPyongWnsU KimChk-'’ŏŭ.,\nCountyProvince"), max_size=80))
def test_find_offsets_slice_back_and_never_overlap(text):
    edge = 0
    for m in gz.find(text):
        assert edge <= m.start < m.end <= len(text)
        assert m.entries and text[m.start:m.end].strip() == text[m.start:m.end]
        edge = m.end


@given(st.text(max_size=60))
def test_fold_keeps_every_offset(text):
    assert len(gz.fold(text)) == len(text)


PROVINCE_NAMES = sorted({n for e in gz.all_entries() for n in [e.name, e.province or "Hwanghae"]})


@given(st.sampled_from(PROVINCE_NAMES) | st.text(max_size=20))
def test_normalize_province_is_idempotent(name):
    once = gz.normalize_province(name)
    assert once is None or once in PROVINCES
    assert once is None or gz.normalize_province(once) == once


def test_centroid_of_a_locality_lies_in_its_province_not_its_namesake():
    assert gz.centroid("Kangwon", "Wonsan") == pytest.approx((39.107, 127.365))
    assert gz.centroid("Pyongyang", "Pyongyang") is not None
    assert gz.centroid("Kangwon", "Hyesan") == gz.centroid("Kangwon")  # not in Kangwon: the province
    assert gz.centroid(None, "Unsan") is None  # ambiguous without a province
    assert gz.centroid(None, None) is None


def test_attribution_travels_with_the_data():
    raw = json.loads((ROOT / "src" / "factorywatch" / "data" / "gazetteer.json").read_text("utf-8"))
    assert raw["license"] == "CC-BY-4.0" and "open-admin-data" in raw["attribution"]
    notes = (ROOT / "src" / "factorywatch" / "data" / "ATTRIBUTION.md").read_text("utf-8")
    assert "gazetteer.json" in notes and "CC-BY-4.0" in notes


def test_the_shipped_data_is_what_the_build_script_makes():
    shared_path("data", "gazetteer", "all-county.json")
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = json.loads((ROOT / "src" / "factorywatch" / "data" / "gazetteer.json").read_text("utf-8"))
    assert module.build() == shipped


@given(st.lists(st.sampled_from(["Mine", "Coal Mine", "Mill", "Power Station", "Power"]), min_size=1, max_size=4),
       st.lists(st.sampled_from(["Mine", "Mill", "Coal", "Power", " ", "\t", "  ", "Station", "x"]), max_size=4)
       .map("".join))
def test_phrase_trie_matches_what_the_alternation_matches(words: list[str], text: str) -> None:
    """A trie of phrases is tried for whether it matches: it matches where the alternation does."""
    import re
    assert (re.fullmatch(gz.phrase_trie(words), text) is None) == (re.fullmatch(gz.alternation(words), text) is None)


@given(st.lists(st.sampled_from(["Unsan ", "Unsan County", "Unsan-gun", " Taedong River", "Taedong COUNTY ",
                                 "Kowon-GUN", " in ", "x", "\n"]), max_size=10).map("".join))
def test_find_on_the_folded_text_finds_what_find_does(text: str) -> None:
    """An ASCII text's level words read off its lower case are those ``find`` reads off the text."""
    assert gz.gazetteer().find(text, folded=gz.fold(text)) == gz.find(text)
