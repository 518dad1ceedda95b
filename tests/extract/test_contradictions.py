"""The ``contradictions`` component: an official positive claim against an independent
negative one about the same facility, within one document."""

from __future__ import annotations

import pytest
from extract.oracle import Site, analysis_for

from factorywatch.extract.pipeline import REGISTRY
from factorywatch.model import (
    Analysis,
    Claim,
    Contradiction,
    Document,
    Facility,
    Sentence,
)

KUSONG = Site("kusong-tractor-factory", ("Kusong Tractor Factory",))
ORANG = Site("orang-paper-mill", ("Orang Paper Mill",))
S = Sentence(0, 1)


def contradictions_of(claims: list[tuple[int, str, str]]) -> tuple[Contradiction, ...]:
    facilities = (Facility("a", "A Factory", "factory", True), Facility("b", "B Mine", "mine", True))
    analysis = Analysis(text="x", doc=Document(text="x"), facilities=facilities,
                        claims=tuple(Claim(f, side, pol, S) for f, side, pol in claims))
    return REGISTRY["contradictions"](analysis).contradictions


@pytest.mark.parametrize("claims, expected", [
    ([(0, "official", "positive"), (0, "independent", "negative")], [Contradiction(0, 0, 1)]),
    ([(0, "independent", "negative"), (1, "official", "positive"), (0, "official", "positive")],
     [Contradiction(0, 2, 0)]),
    # praise then the leader's criticism: a change of line, not a contradiction
    ([(0, "official", "positive"), (0, "official", "negative")], []),
    ([(0, "independent", "positive"), (0, "independent", "negative")], []),
    # different facilities
    ([(0, "official", "positive"), (1, "independent", "negative")], []),
    ([(1, "official", "positive"), (1, "independent", "negative"), (0, "official", "positive"),
      (0, "independent", "negative")], [Contradiction(0, 2, 3), Contradiction(1, 0, 1)]),
    ([], []),
])
def test_pairs_official_praise_with_independent_fault(claims, expected) -> None:
    assert list(contradictions_of(claims)) == expected


def test_a_debunking_article_is_contradicted() -> None:
    text = ("The Kusong Tractor Factory, once hailed as an “exemplary unit” by state media, has in fact stopped "
            "operating, a source in North Pyongan Province told Daily NK. The Orang Paper Mill was praised too.")
    a = analysis_for(text, [KUSONG, ORANG], outlet="Daily NK")
    assert [a.facilities[c.facility].id for c in a.contradictions] == ["kusong-tractor-factory"]
    (c,) = a.contradictions
    assert (a.claims[c.official].side, a.claims[c.official].polarity) == ("official", "positive")
    assert (a.claims[c.independent].side, a.claims[c.independent].polarity) == ("independent", "negative")


def test_state_media_alone_contradicts_nothing() -> None:
    text = "The Kusong Tractor Factory overfulfilled its plan. The Orang Paper Mill has been remodeled."
    assert analysis_for(text, [KUSONG, ORANG], outlet="KCNA").contradictions == ()


@pytest.mark.parametrize("text", [
    ("KCNA said in May that the Kusong Tractor Factory had overfulfilled its plan. Residents say nothing has changed "
     "at the Kusong Tractor Factory."),
    ("Workers say the Kusong Tractor Factory has been idle since April. Local officials insist that the Kusong "
     "Tractor Factory is operating normally."),
    ("The Kusong Tractor Factory, once hailed as a model factory, has run at a fraction of its capacity for years, "
     "a defector said."),
])
def test_state_praise_against_ground_reports(text: str) -> None:
    a = analysis_for(text, [KUSONG], outlet="Radio Free Asia")
    assert [a.facilities[c.facility].id for c in a.contradictions] == ["kusong-tractor-factory"]
