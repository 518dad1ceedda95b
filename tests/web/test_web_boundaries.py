"""The map's boundaries shipped as package data: complete, small, and in sync with their script."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from itertools import pairwise

import pytest
from conftest import ROOT, shared_path

from factorywatch.vocab import PROVINCES
from factorywatch.web.app import STATIC

GEO = STATIC / "geo"


def features(name: str) -> list[dict]:
    return json.loads((GEO / f"{name}.geojson").read_text("utf-8"))["features"]


def rings(feature: dict) -> list[list[list[float]]]:
    g = feature["geometry"]
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    assert g["type"] in ("Polygon", "MultiPolygon")
    return [ring for poly in polys for ring in poly]


def area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def test_every_county_once_with_its_province() -> None:
    counties = features("counties")
    assert len(counties) == 179
    assert len({f["properties"]["id"] for f in counties}) == 179
    assert {f["properties"]["province"] for f in counties} == set(PROVINCES)
    unsan = sorted(f["properties"]["province"] for f in counties if f["properties"]["name"] == "Unsan")
    assert unsan == ["North Pyongan", "South Pyongan"]


def test_one_province_feature_per_vocabulary_province() -> None:
    assert Counter(f["properties"]["name"] for f in features("provinces")) == Counter(PROVINCES)


@pytest.mark.parametrize("name", ["counties", "provinces"])
def test_rings_are_closed_valid_and_inside_north_korea(name: str) -> None:
    for feature in features(name):
        for ring in rings(feature):
            assert ring[0] == ring[-1] and len(ring) >= 4
            assert all(124 <= x <= 131 and 37.5 <= y <= 43.1 for x, y in ring)
        g = feature["geometry"]
        for poly in [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]:
            # RFC 7946 winding: exterior counter-clockwise, holes clockwise
            assert area(poly[0]) > 0 and all(area(h) < 0 for h in poly[1:])


def test_provinces_cover_the_counties() -> None:
    county_area = sum(area(r) for f in features("counties") for r in rings(f))
    province_area = sum(area(r) for f in features("provinces") for r in rings(f))
    assert province_area == pytest.approx(county_area, rel=1e-3)
    assert county_area == pytest.approx(12.96, rel=0.02)  # the source's planar area in square degrees


def test_shipped_map_files_are_small() -> None:
    geo = sum(p.stat().st_size for p in GEO.iterdir())
    leaflet = sum(p.stat().st_size for p in (STATIC / "vendor").rglob("*") if p.is_file())
    assert geo < 300_000 and geo + leaflet < 600_000


def test_files_match_what_the_script_builds() -> None:
    shared_path("data", "boundaries", "prk-adm2.geojson")
    spec = importlib.util.spec_from_file_location("build_boundaries", ROOT / "scripts" / "build_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, content in module.build().items():
        assert (GEO / f"{name}.geojson").read_text("utf-8") == content, f"{name}: run scripts/build_boundaries.py"


def test_leaflet_is_vendored_with_its_licence() -> None:
    leaflet = STATIC / "vendor" / "leaflet"
    assert "Leaflet 1.9.4" in (leaflet / "leaflet.js").read_text("utf-8")[:200]
    assert "Redistribution and use in source and binary forms" in (leaflet / "LICENSE").read_text("utf-8")
    assert (leaflet / "images" / "layers.png").exists()
