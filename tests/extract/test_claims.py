"""The ``side`` and ``claims`` components: who speaks (state media narration, reported state
claims, the leader's criticism, sources on the ground), polarity cues with negation, one
claim per (facility, side, polarity). Sentences are fictional, in the style of the real ones."""

from __future__ import annotations

import pytest
from extract.oracle import Site, analysis_for

from factorywatch.extract.cues import lexicon
from factorywatch.extract.pipeline import REGISTRY
from factorywatch.model import Analysis, Document

KUSONG = Site("kusong-tractor-factory", ("Kusong Tractor Factory",))
ORANG = Site("orang-paper-mill", ("Orang Paper Mill",))


def claims(text: str, outlet: str | None = "Daily NK", sites: tuple[Site, ...] = (KUSONG,)) -> set[tuple[str, str]]:
    return {(c.side, c.polarity) for c in analysis_for(text, list(sites), outlet=outlet).claims}


@pytest.mark.parametrize("outlet, text, side", [
    ("KCNA", "Pyongyang, May 2 (KCNA) -- Workers of the Kusong Tractor Factory fulfilled their plan.", "official"),
    ("Rodong Sinmun", "The Kusong Tractor Factory fulfilled its plan.", "official"),
    ("Daily NK", "The Kusong Tractor Factory fulfilled its plan.", "independent"),
    ("Radio Free Asia", "The Kusong Tractor Factory fulfilled its plan.", "independent"),
    (None, "Pyongyang, May 2 (KCNA) -- Workers of the Kusong Tractor Factory fulfilled their plan.", "official"),
    (None, "A source told Daily NK that the Kusong Tractor Factory fulfilled its plan.", "independent"),
    (None, "The Kusong Tractor Factory fulfilled its plan.", "independent"),
])
def test_side_of_the_document(outlet: str | None, text: str, side: str) -> None:
    analysis = REGISTRY["side"](Analysis(text=text, doc=Document(text=text, outlet=outlet)))
    assert analysis.side == side


@pytest.mark.parametrize("text, expected", [
    # reported state claims and quoted praise are official
    ("The Rodong Sinmun reported that the Kusong Tractor Factory overfulfilled its annual plan.",
     {("official", "positive")}),
    ("KCNA said the Kusong Tractor Factory has introduced modern, automated production lines.",
     {("official", "positive")}),
    ("North Korea says the Kusong Tractor Factory produced record output this year.", {("official", "positive")}),
    ("The Kusong Tractor Factory, once hailed as an “exemplary unit”, was awarded a medal.",
     {("official", "positive")}),
    ("Kim Jong Un praised the Kusong Tractor Factory for its innovations.", {("official", "positive")}),
    # the leader's or the party's criticism is official and negative, even retold by a source
    ("Kim Jong Un harshly criticized the Kusong Tractor Factory for its complacency.", {("official", "negative")}),
    ("The party committee slammed the managers of the Kusong Tractor Factory for lazy production, a source said.",
     {("official", "negative")}),
    # what sources, residents and the outlet report is independent
    ("A source in North Pyongan Province said the Kusong Tractor Factory has stopped operating.",
     {("independent", "negative")}),
    ("Residents say goods from the Kusong Tractor Factory are of poor quality.", {("independent", "negative")}),
    ("The Kusong Tractor Factory has been idle since January due to a lack of electricity.",
     {("independent", "negative")}),
    ("A source said the Kusong Tractor Factory is running smoothly again.", {("independent", "positive")}),
    # a sentence can hold both sides
    ("The Kusong Tractor Factory, once hailed as an “exemplary unit”, has stopped operating, a source said.",
     {("official", "positive"), ("independent", "negative")}),
    ("State media claimed the Kusong Tractor Factory is running smoothly, but locals say nothing has changed.",
     {("official", "positive"), ("independent", "negative")}),
    # negation
    ("A source said the Kusong Tractor Factory did not meet its plan.", {("independent", "negative")}),
    ("There was no evidence of corruption at the Kusong Tractor Factory, a source said.", set()),
    # no claim about how the facility is doing
    ("The Kusong Tractor Factory is in North Pyongan Province.", set()),
])
def test_side_and_polarity_in_an_independent_article(text: str, expected: set[tuple[str, str]]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Kusong Tractor Factory overfulfilled its plan by 120 percent.", {("official", "positive")}),
    ("The Kusong Tractor Factory increased production while solving the shortage of materials by itself.",
     {("official", "positive")}),
    ("The General Secretary criticized the Kusong Tractor Factory for failing to fulfil its plan.",
     {("official", "negative")}),
    ("The Kusong Tractor Factory is situated in Kusong City.", set()),
])
def test_state_media_narration_is_official(text: str, expected: set[tuple[str, str]]) -> None:
    assert claims(text, outlet="KCNA") == expected


@pytest.mark.parametrize("text, expected", [
    ("According to a source, county officials blamed the Kusong Tractor Factory for failing to deliver its quota.",
     {("official", "negative")}),
])
def test_officials_blaming_a_failure_is_the_state_s_verdict(text: str, expected: set[tuple[str, str]]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize("text", [
    "The respected ComradeKim Jong Un praised the Kusong Tractor Factory.",
    "He noted thatKim Jong Un was satisfied with the Kusong Tractor Factory.",
])
def test_glued_leader_tokens_are_the_leader(text: str) -> None:
    assert lexicon().cues["leader"].search(text) is not None


@pytest.mark.parametrize("text, expected", [
    # outside observers' negatives: imagery, figures, defectors, residents
    (("Satellite imagery captured in May shows the Kusong Tractor Factory yard half built, with no cranes or "
      "trucks in sight."), {("independent", "negative")}),
    ("Only four of the twenty lathes at the Kusong Tractor Factory ran last month, a defector said.",
     {("independent", "negative")}),
    ("Residents say trade around the Kusong Tractor Factory has fallen by half since spring.",
     {("independent", "negative")}),
    ("The Kusong Tractor Factory took most of its workers’ wages for a year, a source said.",
     {("independent", "negative")}),
    ("“The Kusong Tractor Factory pays its workers months late,” a resident said.", {("independent", "negative")}),
    ("Images from April show the Kusong Tractor Factory’s furnaces cold, an analyst said.",
     {("independent", "negative")}),
    ("The Kusong Tractor Factory was promised 300 tons of steel, but only 90 tons had arrived by June, a source said.",
     {("independent", "negative")}),
    ("A defector said the Kusong Tractor Factory made less than half of the tractors it reported.",
     {("independent", "negative")}),
    ("The Kusong Tractor Factory has not built a new model of tractor in more than a decade, an analyst said.",
     {("independent", "negative")}),
    ("The Kusong Tractor Factory assembles its tractors mostly from Chinese kits, a defector said.",
     {("independent", "negative")}),
    # a denied failure is a claim of success: "has not stopped production"
    ("The Kusong Tractor Factory has not stopped production and runs double shifts, a source said.",
     {("independent", "positive")}),
    # officials speaking in an independent article: "local officials" are not locals
    ("Local officials insist that the Kusong Tractor Factory is operating normally.", {("official", "positive")}),
    ("The party secretary denied that the Kusong Tractor Factory had been shut down.", {("official", "positive")}),
    ("Their audit turned up falsified output figures at the Kusong Tractor Factory.", {("official", "negative")}),
    ("Kim Jong Un said the officials of the Kusong Tractor Factory had lost their sense of responsibility.",
     {("official", "negative")}),
    ("The Cabinet ordered the Kusong Tractor Factory to suspend production, a source said.",
     {("official", "negative")}),
    ("The Kusong Tractor Factory has been told to halt production until a new director arrives.",
     {("official", "negative")}),
    (("“Inspectors found that the Kusong Tractor Factory reported 500 tractors, but it made less than half that,” "
      "a source said."), {("official", "negative")}),
    # an official's account of a stop is the state's: "under planned maintenance"
    ("An official of the city committee said the Kusong Tractor Factory was under planned maintenance, locals say.",
     {("official", "positive")}),
    # a sentence passed on a person says nothing of how the facility is doing
    ("The manager of the Kusong Tractor Factory was sentenced to ten years in a labor camp, a source said.", set()),
    ("The engineer of the Kusong Tractor Factory was arrested for failing to fix its presses, a source said.", set()),
    # state media quoted, and titles only the state bestows, against what the ground reports
    ("KCNA said in March that the Kusong Tractor Factory had overfulfilled its plan again.",
     {("official", "positive")}),
    ("The Kusong Tractor Factory, a model factory of the machine industry, has been idle since April, a source said.",
     {("official", "positive"), ("independent", "negative")}),
    ("The Rodong Sinmun named the Kusong Tractor Factory a “model unit”, but workers say its lines stand idle.",
     {("official", "positive"), ("independent", "negative")}),
    ("KCNA claims the Kusong Tractor Factory overfulfilled its plan, while residents say it has stood idle since May.",
     {("official", "positive"), ("independent", "negative")}),
    ("The Kusong Tractor Factory “will double its output of engines,” the agency said.", {("official", "positive")}),
    ("The managers of the Kusong Tractor Factory declined to comment.", set()),
    # an opening reported as news is no claim, unless the state is cited
    ("The Kusong Tractor Factory reopened on Monday.", set()),
    ("KCNA said the Kusong Tractor Factory was inaugurated on Monday.", {("official", "positive")}),
    # what might have been is no claim
    ("Officials could have solved the problems of the Kusong Tractor Factory by themselves.", set()),
])
def test_observers_officials_and_quoted_state_media(text: str, expected: set[tuple[str, str]]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize("text", [
    "The Kusong Tractor Factory has solved knotty problems in modernizing its lines.",
    "The construction of the Kusong Tractor Factory is proceeding as scheduled.",
    "The Kusong Tractor Factory doubled its output of engines this year.",
    "Workers of the Kusong Tractor Factory are creating a new speed every day.",
    "The Kusong Tractor Factory has put production on a normal footing.",
    "The technical updating of the Kusong Tractor Factory was completed.",
    "The Kusong Tractor Factory has stepped up the project for laying a conveyor with materials secured by itself.",
    "The Kusong Tractor Factory finished its yearly plan two months ahead of schedule.",
    "The Kusong Tractor Factory won first place at the national machine exhibition.",
    "The Kusong Tractor Factory produced three times more engines than last year.",
])
def test_state_media_progress_phrasing_is_praise(text: str) -> None:
    assert claims(text, outlet="KCNA") == {("official", "positive")}


def test_an_exhortation_is_no_claim() -> None:
    assert claims("The Kusong Tractor Factory should speed up the production of tractors.", outlet="KCNA") == set()


@pytest.mark.parametrize("text, praised", [
    # the doer is praised, not the site it worked at
    ("The Kusong Tractor Factory has accelerated the project at the Orang Paper Mill.", {"kusong-tractor-factory"}),
    (("The Kusong Tractor Factory is nearing completion and the construction of the Orang Paper Mill is proceeding "
      "as scheduled."), {"kusong-tractor-factory", "orang-paper-mill"}),
    ("The Kusong Tractor Factory and the Orang Paper Mill fulfilled their plans.",
     {"kusong-tractor-factory", "orang-paper-mill"}),
])
def test_praise_goes_to_the_doer(text: str, praised: set[str]) -> None:
    a = analysis_for(text, [KUSONG, ORANG], outlet="KCNA")
    assert {a.facilities[c.facility].id for c in a.claims} == praised


@pytest.mark.parametrize("text, faulted", [
    # the fault is the doer's, not the site its workers were sent to
    (("The Kusong Tractor Factory has been unable to import steel, and its workers were sent to help at the "
      "Orang Paper Mill, a source said."), {"kusong-tractor-factory"}),
    # named again after the cue, still the doer
    ("A source said the Kusong Tractor Factory lacks steel and that nothing has changed at the Kusong Tractor Factory.",
     {"kusong-tractor-factory"}),
])
def test_faults_go_to_the_doer(text: str, faulted: set[str]) -> None:
    a = analysis_for(text, [KUSONG, ORANG], outlet="Daily NK")
    assert {a.facilities[c.facility].id for c in a.claims} == faulted


def test_the_same_is_true_of_takes_the_previous_claim() -> None:
    text = "The Kusong Tractor Factory overfulfilled its plan. The same is true of the Orang Paper Mill."
    a = analysis_for(text, [KUSONG, ORANG], outlet="KCNA")
    assert {(a.facilities[c.facility].id, c.side, c.polarity) for c in a.claims} == {
        ("kusong-tractor-factory", "official", "positive"), ("orang-paper-mill", "official", "positive")}


def test_one_claim_per_facility_side_and_polarity_with_the_first_evidence() -> None:
    text = ("A source said the Kusong Tractor Factory has stopped operating. "
            "Residents said the Kusong Tractor Factory is short of coal.")
    a = analysis_for(text, [KUSONG], outlet="Daily NK")
    (claim,) = a.claims
    assert (claim.side, claim.polarity) == ("independent", "negative")
    assert a.text[claim.evidence.start:claim.evidence.end].startswith("A source said")
    assert claim.source == "A source"
    assert claim.cue is not None and a.text[claim.cue.start:claim.cue.end] == "has stopped"


def test_the_source_is_named_in_words() -> None:
    a = analysis_for("The Rodong Sinmun reported that the Kusong Tractor Factory exceeded its plan.", [KUSONG],
                     outlet="Daily NK")
    assert [c.source for c in a.claims] == ["Rodong Sinmun"]
    a = analysis_for("The Kusong Tractor Factory exceeded its plan.", [KUSONG], outlet="KCNA")
    assert [c.source for c in a.claims] == ["KCNA"]


def test_cue_words_inside_a_name_are_no_cues() -> None:
    site = Site("x", ("October 5 Automated Device Factory",))
    assert claims("A source visited the October 5 Automated Device Factory.", sites=(site,)) == set()
