"""Facility names as a value type: display form, parts, canonical key (idempotent)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.resolve.names import name_key, normalize_name, parse_name, slugify, split_aliases
from factorywatch.resolve.romanize import fold, hangul_to_latin

# Names built from the pieces real ones are made of, so that the properties meet the parser's
# interesting paths (numbers, heads, places, Hangul) and not only random noise.
PIECES = [
    "Pyongyang",
    "P'yŏngyang",
    "Hamheung",
    "Taedong",
    "River",
    "Kim",
    "Chaek",
    "No.",
    "245",
    "3.16",
    "March",
    "30",
    "Shoes",
    "Medical",
    "Device",
    "Electric",
    "Wire",
    "&",
    "and",
    "Coal",
    "Mining",
    "Complex",
    "Factory",
    "Works",
    "Power",
    "Plant",
    "Mine",
    "Youth",
    "in",
    "Wonsan",
    "(",
    ")",
    "-",
    "묘향산",
    "공장",
    "Aluminium",
    "the",
    "Inn",
    "County",
    "Second",
    "Machine-Tool",
    "Ryongsong",
]
name_like = st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join)
any_text = st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(name_like, any_text))
def test_name_key_is_idempotent(name: str) -> None:
    key = name_key(name)
    assert name_key(key) == key


@settings(max_examples=300, deadline=None)
@given(st.one_of(name_like, any_text))
def test_normalize_name_is_idempotent(name: str) -> None:
    assert normalize_name(normalize_name(name)) == normalize_name(name)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z]{1,12}", fullmatch=True))
def test_fold_is_idempotent(word: str) -> None:
    assert fold(fold(word)) == fold(word)


@pytest.mark.parametrize(
    ("name", "display"),
    [
        ("  The  Wonsan Shoe Factory. ", "Wonsan Shoe Factory"),
        ("“Hamhung Disabled Soldiers’ Essential Goods Factory”", "Hamhung Disabled Soldiers' Essential Goods Factory"),
        ("the the Factory", "Factory"),
        ("...", ""),
    ],
)
def test_normalize_name_display_form(name: str, display: str) -> None:
    assert normalize_name(name) == display


@pytest.mark.parametrize(
    ("name", "places", "words", "numbers", "kind"),
    [
        ("Pyongyang 326 Electric Wire Factory", ("pyongyang",), ("electric", "cable"), ("326",), "factory"),
        ("No. 245 Factory", (), (), ("245",), "factory"),
        ("March 30 Factory", (), (), ("march 30",), "factory"),
        ("2.8 Vinalon Complex", (), ("vinalon",), ("february 8",), "complex"),
        ("Musan Mining Complex", ("musan",), (), (), "complex"),
        ("Wonsan Shoes Factory", ("wonsan",), ("shoe",), (), "factory"),
        ("Hyesan Youth Mine", ("hyesan",), (), (), "mine"),
        ("Pyongyang Thermal Power Plant", ("pyongyang",), (), (), "power_station"),
    ],
)
def test_parts(name: str, places: tuple, words: tuple, numbers: tuple, kind: str) -> None:
    parts = parse_name(name)
    assert (parts.places, parts.words, parts.numbers, parts.kind) == (places, words, numbers, kind)


def test_optional_words_and_kind_classes() -> None:
    mine = parse_name("Tokchon Area Coal Mining Complex")
    assert mine.optional == {"admin": {"area"}, "mineral": {"coal"}}
    assert mine.classes == {"industrial", "mine"}
    assert parse_name("Kumsong Coal Mine").optional == {"mineral": {"coal"}}


def test_romanized_runs_join_whatever_the_spacing() -> None:
    assert name_key("Kim Hyong Jik County Farm") == name_key("Kimhyongjik County Farm")
    assert name_key("Taedong-gang Battery Factory") == name_key("Taedonggang Battery Factory")


def test_brackets_hold_aliases() -> None:
    assert split_aliases("Taedong River Battery Factory (No. 245 Factory)") == (
        "Taedong River Battery Factory",
        ("No. 245 Factory",),
    )
    assert split_aliases("(No. 129)") == ("No. 129", ())
    assert parse_name("Chongjin Munitions Factory (No. 129)").aliases == ("No. 129",)


def test_hangul_is_translated_and_romanized() -> None:
    assert hangul_to_latin("묘향산의료기구공장").split() == ["myohyangsan", "medical", "appliance", "factory"]
    assert name_key("Kanggye 강계 Factory") == name_key("Kanggye Kanggye Factory")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Pyongyang Electric Cable Factory 326", "pyongyang-electric-cable-factory-326"),
        ("Kim Chaek Iron & Steel Complex", "kim-chaek-iron-steel-complex"),
        ("...", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("junk", ["", "   ", "!!!", "()", "No.", "the", "\x00\ufffd", "ㄱㄴ", "12.99.1"])
def test_messy_names_never_raise(junk: str) -> None:
    parse_name(junk)
    assert isinstance(name_key(junk), str)
