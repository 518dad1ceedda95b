"""The ``events`` component: trigger lexicons per type, negation and hypotheticals, facility
reach (names, references, plural references, enumerated groups, continuations), one event per
(type, facility), evidence and dates. Sentences are fictional, in the style of the real ones."""

from __future__ import annotations

import pytest
from extract.oracle import Site, analysis_for
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.extract import extract
from factorywatch.extract.cues import lexicon
from factorywatch.model import Document
from factorywatch.vocab import EVENT_TYPES

KUSONG = Site("kusong-tractor-factory", ("Kusong Tractor Factory",))
ORANG = Site("orang-paper-mill", ("Orang Paper Mill",))
RAKWON = Site("rakwon-machine-complex", ("Rakwon Machine Complex",), "complex")


def types(text: str, sites: tuple[Site, ...] = (KUSONG,), **kw) -> set[str]:
    return {e.type for e in analysis_for(text, list(sites), **kw).events}


def pairs(text: str, sites: list[Site], **kw) -> set[tuple[str, str]]:
    a = analysis_for(text, sites, **kw)
    return {(e.type, a.facilities[e.facility].id) for e in a.events}


@pytest.mark.parametrize("sentence, expected", [
    # leader_visit: guidance is the leader's; a visit needs the leader
    ("Kim Jong Un gave field guidance at the Kusong Tractor Factory.", {"leader_visit"}),
    ("Kim Jong Il visited the Kusong Tractor Factory in 2004.", {"leader_visit"}),
    ("The General Secretary inspected the Kusong Tractor Factory.", {"leader_visit"}),
    ("A delegation from Laos visited the Kusong Tractor Factory.", set()),
    # investigation
    ("An inspection team from the Cabinet arrived at the Kusong Tractor Factory.", {"investigation"}),
    ("Prosecutors are investigating the Kusong Tractor Factory, a source said.", {"investigation"}),
    ("Security agents raided the Kusong Tractor Factory last week.", {"investigation"}),
    # punishment
    ("The manager of the Kusong Tractor Factory was dismissed and sent to a labor camp.", {"punishment"}),
    ("Three officials of the Kusong Tractor Factory were arrested.", {"punishment"}),
    # shutdown
    ("The Kusong Tractor Factory has stopped operating since March.", {"shutdown"}),
    ("The Kusong Tractor Factory shut down last winter.", {"shutdown"}),
    ("The Kusong Tractor Factory is no longer operational.", {"shutdown"}),
    ("The Kusong Tractor Factory has been idle for months.", {"shutdown"}),
    # underperformance
    ("The Kusong Tractor Factory failed to meet its quota for the third year.", {"underperformance"}),
    ("The Kusong Tractor Factory now runs only seven days a month.", {"underperformance"}),
    ("Output at the Kusong Tractor Factory has fallen sharply.", {"underperformance"}),
    ("The Kusong Tractor Factory produced barely half of its planned tractors.", {"underperformance"}),
    # shortage
    ("The Kusong Tractor Factory suffers from a shortage of steel and electricity.", {"shortage"}),
    ("The Kusong Tractor Factory could not get spare parts from China.", {"shortage"}),
    ("The Kusong Tractor Factory lacks the fuel it needs.", {"shortage"}),
    # opening
    ("The Kusong Tractor Factory was inaugurated on Tuesday.", {"opening"}),
    ("A ribbon-cutting ceremony was held at the Kusong Tractor Factory.", {"opening"}),
    ("The Kusong Tractor Factory resumed production in May.", {"opening"}),
    # construction
    ("The modernization of the Kusong Tractor Factory is under way.", {"construction"}),
    ("Workers began construction of the Kusong Tractor Factory in 2019.", {"construction"}),
    ("The Kusong Tractor Factory overhauled its main production line.", {"construction"}),
    # commendation
    ("The Kusong Tractor Factory was awarded the title of Model Factory.", {"commendation"}),
    ("The Kusong Tractor Factory was commended as an exemplary unit.", {"commendation"}),
    # criticism
    ("The provincial party committee harshly criticized the Kusong Tractor Factory.", {"criticism"}),
    ("Officials of the Kusong Tractor Factory were ordered to conduct self-criticism.", {"criticism"}),
    # nothing happened
    ("The Kusong Tractor Factory is located in North Pyongan Province.", set()),
    # wordings of independent reporting
    ("The Kusong Tractor Factory stopped generating power in early April.", {"shutdown"}),
    ("Officers sealed the gates of the Kusong Tractor Factory on Monday.", {"investigation", "shutdown"}),
    ("Prosecutors arrived at the Kusong Tractor Factory to go through its accounts.", {"investigation"}),
    ("Only two of the twelve lathes at the Kusong Tractor Factory were running last week.", {"underperformance"}),
    ("The Kusong Tractor Factory is running at a fraction of capacity.", {"underperformance"}),
    ("The Kusong Tractor Factory has run only intermittently since spring.", {"underperformance"}),
    ("The Kusong Tractor Factory was given no steel this year.", {"shortage"}),
    ("The Kusong Tractor Factory has not received rolled steel for two months.", {"shortage"}),
    ("Diesel has always been scarce at the Kusong Tractor Factory.", {"shortage"}),
    # construction told as a project
    ("The Kusong Tractor Factory stepped up the project for laying a new conveyor belt.", {"construction"}),
    ("The Kusong Tractor Factory pushed ahead with the second-stage project.", {"construction"}),
    ("Builders are establishing a new casting process at the Kusong Tractor Factory.", {"construction"}),
    ("Excavation at the Kusong Tractor Factory began in 2020.", {"construction"}),
    ("The Kusong Tractor Factory is nearing completion.", {"construction"}),
    # praise in other words
    ("The Kusong Tractor Factory won first place at the national machine show.", {"commendation"}),
    ("The Kusong Tractor Factory was highly appreciated at the spring exhibition.", {"commendation"}),
    ("The paper named the Kusong Tractor Factory a model unit of the machine industry.", {"commendation"}),
    # the leader at a ceremony; KCNA glues names and verbs
    ("Kim Jong Un attended the ground-breaking ceremony of the Kusong Tractor Factory.",
     {"leader_visit", "construction"}),
    ("One day in May, the respected ComradeKim Jong Unvisited the Kusong Tractor Factory.", {"leader_visit"}),
    # shortages and shortfalls worded without "shortage"
    ("The Kusong Tractor Factory has stood idle since the outage hit the county in March.", {"shutdown", "shortage"}),
    ("Feed was always scarce at the Kusong Tractor Factory's pig sty, a worker said.", {"shortage"}),
    ("The Kusong Tractor Factory was promised 50 tons of steel, but only 12 tons had arrived.", {"shortage"}),
    ("The Kusong Tractor Factory put only three of its 20-odd lathes to work in May.", {"underperformance"}),
    ("The Kusong Tractor Factory reported 300 tractors but turned out less than half that.", {"underperformance"}),
    ("At the Kusong Tractor Factory the furnaces have been cold since New Year's Day.", {"shutdown"}),
    ("A team arrived at the Kusong Tractor Factory to determine who was responsible.", {"investigation"}),
    # a reference inside the trigger ("its"); output, supply and building told in other words
    ("Only four of its 30-odd trawlers left the Kusong Tractor Factory's pier; it ran at a fraction of its capacity.",
     {"underperformance"}),
    ("The Kusong Tractor Factory turns out perhaps a few hundred tractors a year, a defector said.",
     {"underperformance"}),
    ("At the Kusong Tractor Factory there is no steel to buy, a worker said.", {"shortage"}),
    ("The Kusong Tractor Factory stands idle: the water level behind its dam has dropped.", {"shutdown", "shortage"}),
    ("The Kusong Tractor Factory was built between 2011 and 2014.", {"construction"}),
    ("The paper named the Kusong Tractor Factory a “model unit of the machine industry” in 2019.", {"commendation"}),
    # blame for a failure reports the failure; an order is no honour
    ("County officials blamed the Kusong Tractor Factory for failing to deliver its quota.", {"underperformance"}),
    ("The Kusong Tractor Factory raised production on the orders of the provincial committee.", set()),
    # farm work completed is no opening; planned maintenance is no construction
    ("The Kusong Tractor Factory's farm completed rice transplanting ahead of schedule.", set()),
    ("An official said the Kusong Tractor Factory was carrying out planned winter overhaul work.", set()),
])
def test_trigger_lexicon(sentence: str, expected: set[str]) -> None:
    assert types(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The Kusong Tractor Factory has not shut down, officials insist.",
    "There is no shortage of steel at the Kusong Tractor Factory.",
    "Kim Jong Un never visited the Kusong Tractor Factory.",
    "The Kusong Tractor Factory didn't halt production.",
])
def test_negated_triggers_are_no_events(sentence: str) -> None:
    assert types(sentence) == set()


@pytest.mark.parametrize("sentence", [
    "The managers of the Kusong Tractor Factory may be punished.",
    "The committee discussed shutting down the Kusong Tractor Factory.",
    "The Kusong Tractor Factory was planned to be completed by 2006.",
    "He called on the workers to turn the Kusong Tractor Factory into a model factory.",
])
def test_hypothetical_triggers_are_no_events(sentence: str) -> None:
    assert types(sentence) == set()


@pytest.mark.parametrize("sentence", [
    "Officials denied that the Kusong Tractor Factory was closed.",
    "He called upon the workers of the Kusong Tractor Factory to turn out more famous products.",
    "As the column of the Kusong Tractor Factory marched past, the crowd warmly congratulated the workers.",
    "The ministry declined to comment on the output of the Kusong Tractor Factory.",
])
def test_denials_exhortations_and_parades_are_no_events(sentence: str) -> None:
    assert types(sentence) == set()


def test_a_leader_visit_to_another_place_or_in_a_digest_line_is_not_the_sole_facility_s() -> None:
    assert types("The Kusong Tractor Factory makes tractors. Kim Jong Un visited the Sokdo Hostel.") == set()
    assert types("The Kusong Tractor Factory makes tractors.\n- Kim Jong Un inspected a training base.") == set()
    assert types("The Kusong Tractor Factory makes tractors. Kim Jong Un visited it again.") == {"leader_visit"}


def test_a_negator_or_irrealis_word_stops_at_the_next_clause() -> None:
    site = Site("sodong-power-station-no-7", ("Sodong Power Station No. 7",), "power_station")
    assert types("The Sodong Power Station No. 7 has been idle since April.", (site,)) == {"shutdown"}
    text = "The Orang Paper Mill is nearing completion and the construction of the Kusong Tractor Factory goes on."
    assert pairs(text, [KUSONG, ORANG]) == {("construction", "kusong-tractor-factory"),
                                            ("construction", "orang-paper-mill")}


def test_a_facility_named_only_in_a_later_clause_is_not_reached() -> None:
    text = "A source said a nearby brick works has halted its kilns, and traders at the Orang Paper Mill pay more."
    assert pairs(text, [ORANG]) == set()


def test_the_construction_goes_to_the_site_not_to_the_builders() -> None:
    builder = Site("ryesong-construction-company", ("Ryesong Construction Company",), "enterprise")
    text = ("Builders of the Ryesong Construction Company are speeding up the construction of the "
            "Kusong Tractor Factory.")
    assert pairs(text, [KUSONG, builder]) == {("construction", "kusong-tractor-factory")}


def test_a_later_date_refines_a_vague_one_and_an_undated_event_carries_the_last_date() -> None:
    text = ("The Orang Paper Mill missed its plan for the third time this year, and its manager was dismissed. "
            "On Sept. 14, the manager of the Orang Paper Mill was dismissed. "
            "Kim Jong Un inspected the Orang Paper Mill.")
    a = analysis_for(text, [ORANG], published="2023-09-20")
    assert {(e.type, e.date) for e in a.events} == {
        ("underperformance", "2023"), ("punishment", "2023-09-14"), ("leader_visit", "2023-09-14")}


def test_not_only_does_not_negate() -> None:
    assert "commendation" in types("The Kusong Tractor Factory was not only praised but awarded a medal.")


def test_a_trigger_inside_a_name_is_no_trigger() -> None:
    site = Site("x", ("October 5 Automated Device Factory",))
    assert types("The October 5 Automated Device Factory makes relays.", (site,)) == set()
    assert types("Staff of the Bureau for Construction visited the Kusong Tractor Factory.") == set()


def test_one_event_per_type_and_facility() -> None:
    a = analysis_for("The Kusong Tractor Factory shut down. The Kusong Tractor Factory is still shut.", [KUSONG])
    assert [e.type for e in a.events] == ["shutdown"]


def test_references_reach_the_facility() -> None:
    text = "The Kusong Tractor Factory makes tractors. Last year the factory ceased operations."
    assert types(text) == {"shutdown"}


def test_every_facility_of_a_list_gets_the_event() -> None:
    text = "The Kusong Tractor Factory, the Orang Paper Mill and the Rakwon Machine Complex shut down."
    assert pairs(text, [KUSONG, ORANG, RAKWON]) == {
        ("shutdown", "kusong-tractor-factory"), ("shutdown", "orang-paper-mill"),
        ("shutdown", "rakwon-machine-complex")}


def test_contrasting_parts_keep_their_own_facilities() -> None:
    text = "The Kusong Tractor Factory was praised by the Party, but the Orang Paper Mill has been idle since May."
    assert pairs(text, [KUSONG, ORANG]) == {("commendation", "kusong-tractor-factory"),
                                            ("shutdown", "orang-paper-mill")}


def test_these_enterprises_refers_to_the_last_list() -> None:
    text = ("State enterprises in the city include the Kusong Tractor Factory and the Orang Paper Mill. "
            "These enterprises ceased operations in March.")
    assert pairs(text, [KUSONG, ORANG]) == {("shutdown", "kusong-tractor-factory"), ("shutdown", "orang-paper-mill")}


def test_a_restricted_plural_is_a_new_group() -> None:
    text = ("Officials visited the Kusong Tractor Factory and the Orang Paper Mill. "
            "Only the factories that fall out of favor get punished, a source said.")
    assert pairs(text, [KUSONG, ORANG]) == set()


def test_a_group_enumerated_next_door_is_the_same_group() -> None:
    text = ("Most of the factories that make parts for the military shut down in March, a source said. "
            "Factories that make military parts include the Kusong Tractor Factory and the Orang Paper Mill.")
    assert pairs(text, [KUSONG, ORANG]) == {("shutdown", "kusong-tractor-factory"), ("shutdown", "orang-paper-mill")}


def test_a_continuing_sentence_keeps_the_facility() -> None:
    text = "Inspectors raided the Kusong Tractor Factory on Mar. 1. The next day, its manager was arrested."
    a = analysis_for(text, [KUSONG], published="2021-03")
    assert {(e.type, e.date) for e in a.events} == {("investigation", "2021-03-01"), ("punishment", "2021-03-02")}


def test_evidence_is_the_sentence_and_a_dated_one_is_preferred() -> None:
    text = ("The Orang Paper Mill has stopped production, residents say. "
            "The Orang Paper Mill stopped production in January, a source told Daily NK on Friday.")
    a = analysis_for(text, [ORANG], published="2024-03-08")
    (event,) = a.events
    assert event.type == "shutdown" and event.date == "2024-01" and event.date_precision == "month"
    assert a.text[event.evidence.start:event.evidence.end].startswith("The Orang Paper Mill stopped production in")
    assert a.text[event.trigger.start:event.trigger.end] == "stopped production"


def test_in_an_article_of_one_facility_a_leader_or_a_pronoun_subject_reaches_it() -> None:
    text = ("Kim Jong Un visited the Kusong Tractor Factory on Monday. Kim, who attended the launch ceremony, "
            "left early. They were congratulated by the provincial secretary. Many plants were praised.")
    a = analysis_for(text, [KUSONG])
    found = {(e.type, a.text[e.evidence.start:e.evidence.end][:12]) for e in a.events}
    assert found == {("leader_visit", "Kim Jong Un "), ("commendation", "They were co")}


def test_no_event_without_a_facility() -> None:
    assert analysis_for("Many factories in the province shut down in March.", [KUSONG]).events == ()


def test_every_event_type_has_rules() -> None:
    assert set(lexicon().events) == set(EVENT_TYPES)


FRAGMENTS = [
    "The Kusong Tractor Factory", "the factory", "shut down", "was not", "may be", "Kim Jong Un visited",
    "a shortage of coal", "“", "”", ", but", ".", "\n\n", "on Mar. 1", "These enterprises", "praised",
    "(No. 5 Factory)",
    "the next day", "failed to meet its quota", "inspectors", "’s", "  ", "was arrested", "in 2019",
]


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)))
def test_events_never_raise_and_offsets_slice_back(text: str) -> None:
    a = extract(Document(text=text, outlet="Daily NK", published="2021-03-05"))
    for e in a.events:
        assert e.type in EVENT_TYPES
        assert 0 <= e.evidence.start < e.evidence.end <= len(text)
        assert e.trigger is not None and e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end
        assert e.facility is not None and 0 <= e.facility < len(a.facilities)
    assert len({(e.type, e.facility) for e in a.events}) == len(a.events)
