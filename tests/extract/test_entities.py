"""Organizations and people: found by name, pattern or title; never overlapping."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factorywatch.extract.entities import _name_start_before, find_entities
from factorywatch.extract.entity_lexicon import lexicon
from factorywatch.extract.pipeline import Pipeline
from factorywatch.model import Document


def labelled(text: str) -> set[tuple[str, str]]:
    return {(e.label, e.name) for e in find_entities(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Cabinet and the Organization and Guidance Department (OGD) sent a team, KCNA said.",
            {("organization", "Cabinet"), ("organization", "Organization and Guidance Department"),
             ("organization", "OGD"), ("organization", "KCNA")},
            id="known-bodies-and-acronyms",
        ),
        pytest.param(
            "Rodong Sinmun, Uriminzokkiri and DPRK Today praised it; Daily NK and Radio Free Asia did not.",
            {("organization", "Rodong Sinmun"), ("organization", "Uriminzokkiri"), ("organization", "DPRK Today"),
             ("organization", "Daily NK"), ("organization", "Radio Free Asia")},
            id="media",
        ),
        pytest.param(
            "Officials of the Ryonhwa Trade Bureau met the Ministry of Light Industry and the Tonghae "
            "Provincial Committee of the Workers' Party of Korea.",
            {("organization", "Ryonhwa Trade Bureau"), ("organization", "Ministry of Light Industry"),
             ("organization", "Tonghae Provincial Committee"), ("organization", "Workers' Party of Korea")},
            id="patterns",
        ),
        pytest.param(
            "Kim Jong Un and Premier Pak Pong Ju visited; Ri Chol Man, director, and Kang Myong-suk spoke.",
            {("person", "Kim Jong Un"), ("person", "Pak Pong Ju"), ("person", "Ri Chol Man"),
             ("person", "Kang Myong Suk")},
            id="korean-names",
        ),
        pytest.param(
            "Then Ho Song Il left. President Jonathan Miller arrived.",
            {("person", "Ho Song Il"), ("person", "Jonathan Miller")},
            id="overlapping-triples-and-titles",
        ),
        pytest.param(
            "A woman surnamed Yun was arrested. Yun refused to sign.",
            {("person", "Yun")},
            id="surnamed",
        ),
        pytest.param(
            "General SecretaryKim Jong Unvisited the site.",
            {("person", "Kim Jong Un")},
            id="glued-leader",
        ),
        pytest.param(
            "The Party Committee of the Ryonggang Coal Mine and the Kim Chaek Iron and Steel Complex "
            "and the Sonbong Municipal Passenger Service Enterprise.",
            {("organization", "Party Committee")},
            id="facilities-are-not-organizations",
        ),
    ],
)
def test_entities(text: str, expected: set[tuple[str, str]]) -> None:
    assert labelled(text) == expected


def test_spans_and_names() -> None:
    text = "Kim Jong-un met officials of the Cabinet."
    found = find_entities(text)
    assert [(text[e.start : e.end], e.name) for e in found] == [("Kim Jong-un", "Kim Jong Un"), ("Cabinet", "Cabinet")]


NAMEY = st.text(alphabet=st.sampled_from(list("Kim Jong Un Ri Party Ministry of surnamed a woman\n’'-é")), max_size=300)


@given(st.text(max_size=300) | NAMEY)
def test_entities_never_overlap_and_stay_in_the_text(text: str) -> None:
    found = find_entities(text)
    last = 0
    for e in found:
        assert last <= e.start < e.end <= len(text)
        assert e.label in ("organization", "person")
        last = e.end


# the words _name_start_before reads, as a regex over the 120 characters before, reversed
CAPS_BEFORE = re.compile(r"(?:[ \t\u00a0]+[\w'\u2019&-]*[A-Z\u00c0-\u00d6\u00d8-\u00de](?![\w'\u2019.-])){0,6}")
WORDY = st.text(alphabet=st.sampled_from(list("aAbZ \t\u00a0\n.'\u2019&-_9\u00c9\u00e9\u00d7(\u0416")), max_size=160)


@pytest.mark.parametrize(
    "words",
    ["Kyonghung Trade", "R&Co", "U.N", "Ri's", "Army Ab's Cd", "Cd Factory Ab", "A B C D E F G H", "x" * 130 + " Ab"],
)
@given(text=WORDY)
def test_capitalised_words_before_a_head(words: str, text: str) -> None:
    lex = lexicon()
    for sample in (text, words + " "):
        for start in range(len(sample) + 1):
            window = sample[max(0, start - 120) : start][::-1]
            caps = CAPS_BEFORE.match(window)
            assert caps is not None
            expected = start
            for t in re.finditer(r"\S+", window[: caps.end()]):
                word = sample[start - t.end() : start - t.start()]
                if word in lex.not_before_head or word.endswith(("'s", "\u2019s", "'", "\u2019")):
                    break
                expected = start - t.end()
            assert _name_start_before(sample, start, lex) == expected


def test_component_fills_entities() -> None:
    analysis = Pipeline(["sentences", "entities"])(Document(text="KCNA reported it."))
    assert [e.name for e in analysis.entities] == ["KCNA"]
