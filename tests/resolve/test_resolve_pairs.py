"""Behaviour tables for the matcher: pairs of names written from the phenomena of the issue
(romanization, translated parts, spelling, numbers, kind words, places, Hangul)."""

from __future__ import annotations

import pytest

from factorywatch.resolve.matcher import DIFFERENT, POSSIBLE, SAME, T_HIGH, NameRecord, score_pair

SAME_PAIRS = [
    # romanization: McCune-Reischauer with/without marks, DPRK official, Revised Romanization
    ("Hamhung Textile Mill", "Hamheung Textile Mill"),
    ("Kanggye Tractor Factory", "Ganggye Tractor Factory"),
    ("Phyongsong Bag Factory", "Pyongsong Bag Factory"),
    ("Tanchon Magnesia Factory", "Dancheon Magnesia Factory"),
    ("Kimhyongjik County Foodstuff Factory", "Kim Hyong Jik County Foodstuff Factory"),
    ("Sinpho Fishery Station", "Sinpo Fishery Station"),
    ("Rakwon Pump Factory", "Ragwon Pump Factory"),
    ("Tokchon Brick Factory", "Deokcheon Brick Factory"),
    ("P'yŏngyang Hosiery Factory", "Pyongyang Hosiery Factory"),
    ("Ch'ŏngjin Steel Plant", "Cheongjin Steel Plant"),
    ("Ryongsong Pump Complex", "Yongsong Pump Complex"),
    # translated parts and spelling variants
    ("Taedong River Glass Factory", "Taedonggang Glass Factory"),
    ("Kusong Medical Appliances Factory", "Kusong Medical Device Factory"),
    ("Nampho Electric Wire Factory", "Nampho Electric Cable Factory"),
    ("Sariwon Shoes Factory", "Sariwon Shoe Factory"),
    ("Anju Aluminium Window Factory", "Anju Aluminum Window Factory"),
    ("Haeju Youth Centre Market", "Haeju Youth Center Market"),
    ("Sunchon Iron & Steel Complex", "Sunchon Iron and Steel Complex"),
    ("Kilju Machine-Tool Factory", "Kilju Machine Tool Factory"),
    ("Kilju Machine Tool Factory", "Kilju Machinetool Factory"),
    ("Hyesan Tyre Factory", "Hyesan Tires Factory"),
    ("Hamhung Fertiliser Complex", "Hamhung Fertilizer Complex"),
    ("Onchon Tractor Parts Factory", "Onchon Tractor Accessory Factory"),
    ("Kaechon Machine Building Complex", "Kaechon Machinery Complex"),
    ("Sinuiju Chemical Fibre Mill", "Sinuiju Chemical Fiber Mill"),
    ("the Anbyon Ceramic Factory", "Anbyon Ceramics Factory"),
    # number names and their aliases
    ("No. 38 Factory", "Factory No. 38"),
    ("No.38 Factory", "No 38 Factory"),
    ("Pyongyang 326 Electric Wire Factory", "Pyongyang Electric Cable Factory 326"),
    ("February 8 Vinalon Complex", "2.8 Vinalon Complex"),
    ("March 16 Truck Factory", "3.16 Truck Factory"),
    ("August 8 Factory", "8 August Factory"),
    ("Second Red Flag Company", "2nd Red Flag Company"),
    ("No. 245 Factory", "Taedonggang Battery Factory"),
    ("March 30 Factory", "Pyongyang Coal Machine Factory"),
    # kind-word variants where the rest matches
    ("Ryongyon Silk Complex", "Ryongyon Silk Works"),
    ("Ryongyon Silk Combine", "Ryongyon Silk Enterprise"),
    ("Chongjin Cement Complex", "Chongjin Cement Factory"),
    ("Puryong Ferroalloy Plant", "Puryong Ferro-alloy Factory"),
    ("Kumsong Coal Mine", "Kumsong Mine"),
    ("Komdok Mining Complex", "Komdok Mine"),
    ("Pukchang Thermal Power Complex", "Pukchang Thermal Power Plant"),
    ("Sinpho Shipyard", "Sinpho Shipbuilding Complex"),
    # optional words a short form drops
    ("Namhung Youth Chemical Complex", "Namhung Chemical Complex"),
    ("Songdowon General Foodstuff Factory", "Songdowon Foodstuff Factory"),
    ("Pyongyang Kim Jong Suk Textile Mill", "Kim Jong Suk Pyongyang Textile Mill"),
    ("Sinpho City Fish Farm", "Sinpho Fish Farm"),
    # Hangul in English texts
    ("묘향산의료기구공장", "Myohyangsan Medical Appliances Factory"),
    ("함흥신발공장", "Hamhung Shoe Factory"),
    ("평양326전선공장", "Pyongyang 326 Electric Wire Factory"),
    ("락원기계련합기업소", "Rakwon Machine Complex"),
    ("김책제철련합기업소", "Kim Chaek Iron and Steel Complex"),
    ("2·8비날론련합기업소", "2.8 Vinalon Complex"),
    # spacing and spelled-out numbers
    ("Pyongyang Trolley Bus Factory", "Pyongyang Trolleybus Factory"),
    ("Kimjongsuk Pyongyang Textile Mill", "Kim Jong Suk Pyongyang Textile Mill"),
    ("February Eighth Vinalon Complex", "February 8 Vinalon Complex"),
    ("7th Mine", "No. 7 Mine"),
    # a place written after the head noun
    ("shoe factory in Wonsan", "Wonsan Shoe Factory"),
]

DIFFERENT_PAIRS = [
    # the same place with another product
    ("Pyongyang Textile Factory", "Pyongyang Film Factory"),
    ("Pyongyang Textile Factory", "Pyongyang Bearings Factory"),
    ("Pyongyang Textile Factory", "Pyongyang Tire Factory"),
    ("Sinuiju Cosmetics Factory", "Sinuiju Textile Factory"),
    ("Taedonggang Battery Factory", "Taedonggang Beer Factory"),
    # another number
    ("May 7 Factory", "August 17 Factory"),
    ("Pyongyang Electric Cable Factory 326", "Pyongyang Electric Cable Factory 327"),
    ("No. 38 Factory", "No. 39 Factory"),
    ("February 8 Vinalon Complex", "February 9 Vinalon Complex"),
    # another kind of plant in one city
    ("Hungnam Fertilizer Complex", "Hungnam Chemical Complex"),
    ("Hamhung Machine Factory", "Hamhung Machine Tool Market"),
    ("Kumsong Tractor Factory", "Kumsong Tractor Farm"),
    ("Kumsong Coal Mine", "Kumsong Iron Mine"),
    ("Pukchang Thermal Power Station", "Pukchang Hydroelectric Power Station"),
    # another place
    ("Wonsan Shoe Factory", "Hamhung Shoe Factory"),
    ("Myohyangsan Medical Appliances Factory", "Pyongyang Medical Appliances Factory"),
    ("Masan Mine", "Musan Mine"),
    ("Sunchon Cement Complex", "Sinchon Cement Complex"),
    ("Pyongyang Cosmetics Factory", "Pyongsong Cosmetics Factory"),
    ("Kangso Footwear Factory", "Kangdong Footwear Factory"),
    ("June 1 Youth Electronic Device Factory", "October 5 Automated Device Factory"),
]

POSSIBLE_PAIRS = [
    ("Pyongyang Electric Cable Factory 326", "Pyongyang Electric Cable Factory"),
    ("Pyongyang Taegyong Laver Processing Factory", "Taegyong Laver Processing Factory"),
    ("Huichon Machine Tool Factory", "Huichon Machine Factory"),
    ("Sunchoen Thermal Power Plant", "Sunchon Thermal Power Plant"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PAIRS)
def test_same_facility(a: str, b: str) -> None:
    match = score_pair(a, b)
    assert match.decision == SAME, [f.reason for f in match.reasons]
    assert score_pair(b, a).decision == SAME


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PAIRS)
def test_different_facilities_never_merge(a: str, b: str) -> None:
    match = score_pair(a, b)
    assert match.decision == DIFFERENT and match.conflict, [f.reason for f in match.reasons]
    assert score_pair(b, a).conflict


@pytest.mark.parametrize(("a", "b"), POSSIBLE_PAIRS)
def test_possible_matches_are_kept_for_review(a: str, b: str) -> None:
    match = score_pair(a, b)
    assert match.decision == POSSIBLE, [f.reason for f in match.reasons]
    assert match.score < T_HIGH and not match.conflict


def test_every_feature_says_why() -> None:
    match = score_pair("Wonsan Shoe Factory", "Hamhung Shoe Factory")
    assert any("wonsan" in f.reason and "hamhung" in f.reason for f in match.reasons if f.conflict)
    match = score_pair("Hamheung Textile Mill", "Hamhung Textile Mill")
    assert any(f.name == "spelling" and "hamheung" in f.reason for f in match.reasons)


@pytest.mark.parametrize(
    ("a", "b", "decision"),
    [
        # two counties named Unsan in different provinces are different places
        (
            NameRecord("Unsan Foodstuff Factory", province="North Pyongan"),
            NameRecord("Unsan Foodstuff Factory", province="South Pyongan"),
            DIFFERENT,
        ),
        (NameRecord("Unsan Foodstuff Factory", province="North Pyongan"), NameRecord("Unsan Foodstuff Factory"), SAME),
        # a name's place implies its province when it has one only
        (NameRecord("Wonsan Shoe Factory"), NameRecord("Wonsan Shoe Factory", province="South Hamgyong"), DIFFERENT),
        (NameRecord("Wonsan Shoe Factory"), NameRecord("Wonsan Shoe Factory", province="Kangwon"), SAME),
    ],
)
def test_context_places(a: NameRecord, b: NameRecord, decision: str) -> None:
    assert score_pair(a, b).decision == decision
