"""The outlet table: sides, hosts, outlets named by an article's own text, validation on load."""

from __future__ import annotations

import pytest
import yaml

from factorywatch.ingest import outlet_for_host, outlet_side, outlets
from factorywatch.ingest.outlets import canonical_outlet, outlet_in_text, parse_table

SIDES = [
    ("KCNA", "official"),
    ("kcna", "official"),
    ("Korean Central News Agency", "official"),
    ("Rodong Sinmun", "official"),
    ("Uriminzokkiri", "official"),
    ("DPRK Today", "official"),
    ("Korean Central TV", "official"),
    ("KCTV", "official"),
    ("Naenara", "official"),
    ("The Pyongyang Times", "official"),
    ("Voice of Korea", "official"),
    ("KCNA Watch", "official"),
    ("DPRK state media (via kkfonline.com)", "official"),
    ("DPRK state media (via defendkorea.com)", "official"),
    ("knic.com.kp (DPRK state website)", "official"),
    ("N. Korea's state-run media", "official"),
    ("Rodong Sinmun (via kcnawatch.org)", "official"),
    ("www.some-ministry.gov.kp", "official"),
    ("Daily NK", "independent"),
    ("DailyNK", "independent"),
    ("Daily NK English", "independent"),
    ("Radio Free Asia", "independent"),
    ("RFA", "independent"),
    ("NK News", "independent"),
    ("Reuters", "independent"),
    ("Yonhap News Agency", "independent"),
    ("38 North", "independent"),
    ("KBS World", "independent"),
    ("North Korean Economy Watch", "independent"),
    ("Voice of America", "independent"),
    ("Chinese state media", "independent"),
    ("Daily NK, citing KCNA", "independent"),  # the first outlet named is the one reporting
    ("Some Unknown Blog", "independent"),
    ("", None),
    ("   ", None),
    (None, None),
]


@pytest.mark.parametrize(("outlet", "side"), SIDES)
def test_outlet_side(outlet: str | None, side: str | None) -> None:
    assert outlet_side(outlet) == side


def test_every_dev_gold_outlet_has_the_side_its_wording_says(dev_gold: list[dict]) -> None:
    state = {
        "KCNA",
        "knic.com.kp (DPRK state website)",
        "DPRK state media (via kkfonline.com)",
        "DPRK state media (via defendkorea.com)",
    }
    for record in dev_gold:
        expected = "official" if record["outlet"] in state else "independent"
        assert outlet_side(record["outlet"]) == expected, record["id"]


HOSTS = [
    ("kcna.kp", "KCNA"),
    ("www.kcna.kp", "KCNA"),
    ("kcna.co.jp", "KCNA"),
    ("en.yna.co.kr", "Yonhap"),
    ("WWW.DailyNK.com", "Daily NK"),
    ("www.rfa.org:443", "Radio Free Asia"),
    ("https://www.nknews.org/2019/10/x/", "NK News"),
    ("rodong.rep.kp", "Rodong Sinmun"),
    ("kcnawatch.org", "KCNA Watch"),
    ("example.org", None),
    ("knic.com.kp", None),  # state-run (outlet_side says so) but not in the table
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("host", "outlet"), HOSTS)
def test_outlet_for_host(host: str | None, outlet: str | None) -> None:
    assert outlet_for_host(host) == outlet


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Daily NK English", "Daily NK"),
        ("Latest news - KCNA Watch", "KCNA Watch"),
        ("dailynk.com", "Daily NK"),
        ("Sample digest", None),
        ("DPRK state media", None),
    ],
)
def test_canonical_outlet(name: str, canonical: str | None) -> None:
    assert canonical_outlet(name) == canonical


TEXT_OUTLETS = [
    ("Pyongyang, May 3 (KCNA) -- The mill met its plan.", "KCNA"),
    ("The mill was idle, a source told Daily NK on Monday.", "Daily NK"),
    ("The mill is idle, Daily NK has learned.", "Daily NK"),
    ("The mill is idle.\n\nby DailyNK(North Korean Media)\n", "Daily NK"),
    ("The mill met its plan.\n\nKCNA | 2024-01-12\n", "KCNA"),
    ("The mill met its plan.\n\nRodong Sinmun, March 28, Juche 113 (2024)", "Rodong Sinmun"),
    ("“It is idle,” a resident told RFA’s Korean Service.", "Radio Free Asia"),
    ("Images obtained by NK News show the mill idle.", "NK News"),
    ("SEOUL, Jan 5 (Reuters) - The mill was closed.", "Reuters"),
    ("Seoul, Jan. 5, 2024 (Yonhap) -- The mill was closed.", "Yonhap"),
    # mentions are not bylines: any outlet may quote KCNA or credit its photo
    ("The mill met its plan, KCNA said.", None),
    ("The mill.\nSample Mill. Image: KCNA\nIt is idle.", None),
    ("A picture published by state media on Oct. 27. (Rodong Sinmun-News1)", None),
    ("The mill was idle.", None),
]


@pytest.mark.parametrize(("text", "outlet"), TEXT_OUTLETS)
def test_outlet_in_text(text: str, outlet: str | None) -> None:
    assert outlet_in_text(text) == outlet


def test_table_is_checked_on_load() -> None:
    table = outlets.table()
    assert {o.side for o in table.outlets} == {"official", "independent"}
    good = {"outlets": [{"name": "A", "side": "official", "hosts": ["a.kp"], "marks": [r"\(A\) --"]}]}
    assert parse_table(good).by_host["a.kp"].name == "A"
    bad = [
        {"outlets": [{"name": "A", "side": "neutral"}]},
        {"outlets": [{"name": "A", "side": "official", "hosts": ["not a host"]}]},
        {"outlets": [{"name": "A", "side": "official", "marks": ["(unclosed"]}]},
        {"outlets": [{"name": "A", "side": "official"}, {"name": "B", "side": "independent", "aliases": ["a"]}]},
    ]
    for raw in bad:
        with pytest.raises(ValueError, match=r"outlets\.yaml"):
            parse_table(yaml.safe_load(yaml.safe_dump(raw)))
