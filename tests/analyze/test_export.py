"""Exports validated: CSV round-trips through csv.DictReader, GeoJSON is an RFC 7946
FeatureCollection QGIS opens, JSONL parses line by line, FtM entities are what
followthemoney's model accepts."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import pytest
from analyze.corpusdata import DOCS, open_corpus

from factorywatch.analyze.export import FIELDS, check, export, records
from factorywatch.analyze.ftm import SCHEMATA
from factorywatch.errors import UsageError
from factorywatch.store import Store

WHATS = list(FIELDS)

FTM_MODEL = {
    "Organization": {"name": "name", "alias": "name", "country": "country", "classification": "string",
                     "status": "string", "address": "address", "addressEntity": "entity", "description": "text"},
    "Address": {"full": "address", "city": "string", "region": "string", "country": "country",
                "latitude": "number", "longitude": "number", "summary": "text"},
    "Article": {"name": "name", "title": "string", "publishedAt": "date", "publisher": "string", "sourceUrl": "url"},
    "Event": {"name": "name", "date": "date", "involved": "entity", "proof": "entity", "summary": "text",
              "publisher": "string", "sourceUrl": "url", "country": "country"},
    "Documentation": {"document": "entity", "entity": "entity", "role": "string", "date": "date",
                      "summary": "text", "publisher": "string", "sourceUrl": "url"},
}
"""The properties used, with their types, as followthemoney 4.11.2's model defines them
(``model.get(schema).get(prop).type.name``), and what each schema requires."""
FTM_REQUIRED = {"Organization": {"name"}, "Event": {"name"}, "Documentation": {"document", "entity"}}
FTM_RANGES = {("Organization", "addressEntity"): {"Address"}, ("Event", "involved"): {"Organization"},
              ("Event", "proof"): {"Article"}, ("Documentation", "document"): {"Article"},
              ("Documentation", "entity"): {"Organization"}}
"""Schemata the references point to, within what FtM's ranges allow (LegalEntity, Document, Thing, Address)."""
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_corpus(tmp_path_factory.mktemp("export") / "corpus.db") as s:
        yield s


def written(store: Store, fmt: str, what: str) -> str:
    out = io.StringIO()
    export(store, fmt, what, out)
    return out.getvalue()


def _as_csv(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


@pytest.mark.parametrize("what", WHATS)
def test_csv_round_trips(store: Store, what: str) -> None:
    reader = csv.DictReader(io.StringIO(written(store, "csv", what)))
    assert tuple(reader.fieldnames or ()) == FIELDS[what]
    rows = list(reader)
    expected = [{k: _as_csv(v) for k, v in r.items()} for r in records(store, what)]
    assert rows == expected and rows


def test_csv_row_counts(store: Store) -> None:
    counts = {what: len(list(csv.DictReader(io.StringIO(written(store, "csv", what))))) for what in WHATS}
    assert counts == {"facilities": 5, "events": sum(len(d.events) for d in DOCS),
                      "claims": sum(len(d.claims) for d in DOCS)}


def test_csv_facility_row(store: Store) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(written(store, "csv", "facilities")))}
    rb = rows["ryongbong-steel-complex"]
    assert (rb["status"], rb["status_date"], rb["contradicted"], rb["precision"]) == (
        "under_investigation", "2024-01-13", "true", "locality")
    assert rb["aliases"] == "Ryongbong Iron and Steel Complex; Ryongbong Steel Works"
    assert (rows["sokam-coal-mine"]["lat"], rows["sokam-coal-mine"]["precision"]) == ("", "")


@pytest.mark.parametrize("what", WHATS)
def test_geojson_is_a_feature_collection_of_points(store: Store, what: str) -> None:
    data = json.loads(written(store, "geojson", what))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == len(list(records(store, what)))
    for feature in data["features"]:
        assert feature["type"] == "Feature" and set(feature) == {"type", "geometry", "properties"}
        props, geometry = feature["properties"], feature["geometry"]
        if geometry is None:
            assert props["precision"] is None
            continue
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert 124.1 < lon < 130.8 and 37.5 < lat < 43.1, "RFC 7946 order: [lon, lat], inside North Korea"
        assert props["precision"] in ("locality", "province")


def test_geojson_facility_properties(store: Store) -> None:
    features = {f["properties"]["id"]: f for f in json.loads(written(store, "geojson", "facilities"))["features"]}
    rb = features["ryongbong-steel-complex"]["properties"]
    assert {"id", "name", "kind", "province", "locality", "status", "reports", "precision"} <= set(rb)
    assert (rb["status"], rb["reports"], rb["precision"]) == ("under_investigation", 4, "locality")
    assert features["sokam-coal-mine"]["geometry"] is None, "no known place: kept, without geometry"
    assert features["sariwon-tile-factory"]["properties"]["precision"] == "province"


@pytest.mark.parametrize("what", WHATS)
def test_jsonl_is_one_record_per_line(store: Store, what: str) -> None:
    lines = written(store, "jsonl", what).splitlines()
    assert [json.loads(line) for line in lines] == list(records(store, what))
    assert all(list(json.loads(line)) == list(FIELDS[what]) for line in lines)


def ftm(store: Store, what: str) -> list[dict]:
    return [json.loads(line) for line in written(store, "ftm", what).splitlines()]


def test_ftm_schemata_are_followthemoney_s() -> None:
    assert SCHEMATA == FTM_MODEL


@pytest.mark.parametrize("what", WHATS)
def test_ftm_entities_parse(store: Store, what: str) -> None:
    entities = ftm(store, what)
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities), "each entity once"
    for e in entities:
        assert set(e) == {"id", "schema", "properties"} and e["id"]
        props = FTM_MODEL[e["schema"]]
        assert FTM_REQUIRED.get(e["schema"], set()) <= set(e["properties"])
        for prop, values in e["properties"].items():
            kind = props[prop]
            assert values and all(isinstance(v, str) and v for v in values)
            for v in values:
                if kind == "entity":
                    assert by_id[v]["schema"] in FTM_RANGES[e["schema"], prop], "references resolve in the file"
                elif kind == "date":
                    assert ISO_DATE.fullmatch(v)
                elif kind == "number":
                    float(v)
                elif kind == "country":
                    assert v == "kp"
                elif kind == "url":
                    assert v.startswith(("http://", "https://"))


def test_ftm_what_each_export_holds(store: Store) -> None:
    schemata = {what: sorted({e["schema"] for e in ftm(store, what)}) for what in WHATS}
    assert schemata == {"facilities": ["Address", "Organization"],
                        "events": ["Address", "Article", "Event", "Organization"],
                        "claims": ["Address", "Article", "Documentation", "Organization"]}
    orgs = {e["id"]: e["properties"] for e in ftm(store, "facilities") if e["schema"] == "Organization"}
    rb = orgs["factorywatch-facility-ryongbong-steel-complex"]
    assert rb["alias"] == ["Ryongbong Iron and Steel Complex", "Ryongbong Steel Works"]
    assert (rb["country"], rb["status"], rb["classification"]) == (["kp"], ["Under investigation"], ["Complex"])
    roles = sorted(e["properties"]["role"][0] for e in ftm(store, "claims") if e["schema"] == "Documentation")
    assert roles[0] == "independent negative claim (a resident of North Hwanghae)"


def test_ftm_entities_load_in_followthemoney_when_installed(store: Store) -> None:
    ftm_model = pytest.importorskip("followthemoney").model
    for what in WHATS:
        for data in ftm(store, what):
            proxy = ftm_model.get_proxy(data, cleaned=False)
            for prop, values in data["properties"].items():
                assert proxy.get(prop) == values


@pytest.mark.parametrize(("fmt", "what"), [("xml", "facilities"), ("csv", "people"), ("CSV", "events")])
def test_unknown_format_or_records(fmt: str, what: str) -> None:
    with pytest.raises(UsageError):
        check(fmt, what)
