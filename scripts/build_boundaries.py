"""Build the map's boundaries (package data) from ../shared/data/boundaries.

The base map of the web app is the boundaries themselves (no tile server), so they ship as
small GeoJSON files under ``src/factorywatch/web/static/geo/``:

* ``counties.geojson``: the geoBoundaries ADM2 layer (HDX / WFP, CC BY 3.0 IGO), each county
  tagged with its gazetteer id and province;
* ``provinces.geojson``: the same counties dissolved by province, using the gazetteer's
  county-to-province mapping, so only the county layer's licence applies (the ADM1 layer in
  ../shared is OpenStreetMap data under the ODbL and is not used).

Simplification keeps the topology: the county rings are cut into arcs at every point where
the set of counties along the boundary changes, each arc is simplified once
(Douglas-Peucker) and reused by every ring that runs along it, so neighbours still share
their edges exactly and provinces dissolve cleanly from the simplified counties.
Standard library only. Run: ``python scripts/build_boundaries.py [--tolerance 0.003]``.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
ADM2 = SHARED / "boundaries" / "prk-adm2.geojson"
COUNTIES = SHARED / "gazetteer" / "all-county.json"
OUT = ROOT / "src" / "factorywatch" / "web" / "static" / "geo"

# The gazetteer files Rason and Kaesong under North Hamgyong and North Hwanghae; factorywatch's
# vocabulary (data/vocab.yaml) counts both special cities as provinces of their own.
SPECIAL_CITIES = {"Rason City": "Rason", "Kaesong City": "Kaesong"}

Point = tuple[float, float]
Ring = list[Point]


def ring_area(ring: Ring) -> float:
    """Signed planar area (shoelace): positive for counter-clockwise rings."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def ring_centroid(ring: Ring) -> Point:
    a = ring_area(ring) or 1e-12
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairwise(ring))
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairwise(ring))
    return cx / (6 * a), cy / (6 * a)


def inside(pt: Point, ring: Ring) -> bool:
    x, y = pt
    hit = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def douglas_peucker(points: Ring, tol: float) -> Ring:
    """Keep the end points; drop every point closer than ``tol`` to the simplified line."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (x0, y0), (x1, y1) = points[i], points[j]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy)
        best, at = -1.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            d = abs(dy * (px - x0) - dx * (py - y0)) / norm if norm else math.hypot(px - x0, py - y0)
            if d > best:
                best, at = d, k
        if at > 0 and best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def polygons(geometry: dict) -> list[list[Ring]]:
    coords = geometry["coordinates"]
    polys = [coords] if geometry["type"] == "Polygon" else coords
    return [[[(x, y) for x, y in ring] for ring in poly] for poly in polys]


def county_provinces(features: list[dict]) -> list[tuple[str, str, str]]:
    """(gazetteer id, name, province) of each ADM2 feature, matched by name; namesakes
    (the two Unsan) go to the gazetteer entry nearest the feature's largest ring."""
    by_name: dict[str, list[dict]] = defaultdict(list)
    for rec in json.loads(COUNTIES.read_text("utf-8")):
        by_name[rec["name"]["en"]].append(rec)
    out = []
    for feat in features:
        name = feat["properties"]["shapeName"]
        outer = max((poly[0] for poly in polygons(feat["geometry"])), key=lambda r: abs(ring_area(r)))
        cx, cy = ring_centroid(outer)
        rec = min(by_name[name], key=lambda r: math.hypot(float(r["geo"]["lon"]) - cx, float(r["geo"]["lat"]) - cy))
        out.append((rec["id"], name, SPECIAL_CITIES.get(name, rec["parent"]["name"]["en"])))
    if len({o[0] for o in out}) != len(out):
        raise SystemExit("two boundary features matched the same gazetteer county")
    return out


class Arcs:
    """Cuts rings into arcs between junctions and simplifies each arc once."""

    def __init__(self, rings: list[tuple[int, Ring]], tol: float) -> None:
        self.tol = tol
        owners: dict[frozenset[Point], set[int]] = defaultdict(set)
        for owner, ring in rings:
            for a, b in pairwise(ring):
                owners[frozenset((a, b))].add(owner)
        self.owners = {edge: frozenset(o) for edge, o in owners.items()}
        self.cache: dict[tuple[Point, ...], Ring] = {}

    def _junctions(self, ring: Ring) -> list[int]:
        """Indices where the counties along the ring change (the ring's own points, without the closing one)."""
        n = len(ring) - 1
        edge_owner = [self.owners[frozenset((ring[i], ring[i + 1]))] for i in range(n)]
        return [i for i in range(n) if edge_owner[i] != edge_owner[i - 1]]

    def _simplify_arc(self, arc: Ring) -> Ring:
        key = min(tuple(arc), tuple(reversed(arc)))
        if key not in self.cache:
            self.cache[key] = douglas_peucker(list(key), self.tol)
        out = self.cache[key]
        return out if tuple(arc) == key else out[::-1]

    def simplify(self, ring: Ring) -> Ring:
        cuts = self._junctions(ring)
        pts = ring[:-1]
        if not cuts:
            # A loop along one neighbour only (an island, an enclave): cut it at its smallest
            # point and the point farthest from that, the same whichever ring walks it.
            first = min(pts)
            far = max(pts, key=lambda p: (math.dist(p, first), p))
            cuts = [pts.index(first), pts.index(far)]
        cuts = sorted(cuts)
        out: Ring = []
        for a, b in zip(cuts, cuts[1:] + [cuts[0] + len(pts)], strict=True):
            arc = [pts[k % len(pts)] for k in range(a, b + 1)]
            out += self._simplify_arc(arc)[:-1]
        out.append(out[0])
        return out


def dissolve(rings: list[Ring]) -> list[list[Ring]]:
    """Merge rings that share edges (walked in opposite directions) into polygons with holes."""
    edges: set[tuple[Point, Point]] = set()
    for ring in rings:
        for a, b in pairwise(ring):
            if (b, a) in edges:
                edges.discard((b, a))
            else:
                edges.add((a, b))
    nxt: dict[Point, list[Point]] = defaultdict(list)
    for a, b in sorted(edges):
        nxt[a].append(b)
    merged: list[Ring] = []
    while nxt:
        start = next(iter(nxt))
        ring, pt = [start], start
        while True:
            nb = nxt[pt].pop()
            if not nxt[pt]:
                del nxt[pt]
            ring.append(nb)
            pt = nb
            if pt == start:
                break
        merged.append(ring)
    return assemble(merged)


def assemble(rings: list[Ring]) -> list[list[Ring]]:
    """Group rings into polygons: the source's exterior rings are clockwise, holes counter-clockwise."""
    outers = [r for r in rings if ring_area(r) < 0 and len(r) >= 4]
    holes = [r for r in rings if ring_area(r) > 0 and len(r) >= 4]
    polys = [[o] for o in outers]
    for hole in holes:
        owners = [p for p in polys if inside(hole[0], p[0]) or inside(hole[1], p[0])]
        if owners:
            min(owners, key=lambda p: abs(ring_area(p[0]))).append(hole)
    return polys


def rounded(ring: Ring, digits: int) -> Ring:
    out: Ring = []
    for x, y in ring:
        p = (round(x, digits), round(y, digits))
        if not out or p != out[-1]:
            out.append(p)
    return out


def to_geometry(polys: list[list[Ring]], digits: int) -> dict | None:
    """GeoJSON geometry in RFC 7946 winding (exterior counter-clockwise); degenerate rings dropped."""
    out = []
    for poly in polys:
        outer, *holes = (rounded(r, digits) for r in poly)
        if len(outer) < 4 or ring_area(outer) == 0:
            continue
        rings = [outer] + [h for h in holes if len(h) >= 4 and ring_area(h) != 0]
        fixed = [r if (ring_area(r) > 0) == (i == 0) else r[::-1] for i, r in enumerate(rings)]
        out.append([[list(p) for p in r] for r in fixed])
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def feature_collection(features: list[dict]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")) + "\n"


def build(tolerance: float = 0.003, digits: int = 3) -> dict[str, str]:
    """The shipped files' contents by name (``counties``, ``provinces``)."""
    features = json.loads(ADM2.read_text("utf-8"))["features"]
    tagged = county_provinces(features)
    shapes = [polygons(f["geometry"]) for f in features]
    arcs = Arcs([(i, ring) for i, polys in enumerate(shapes) for poly in polys for ring in poly], tolerance)
    simple = [[[arcs.simplify(ring) for ring in poly] for poly in polys] for polys in shapes]

    counties = []
    by_province: dict[str, list[Ring]] = defaultdict(list)
    for (gid, name, province), polys in zip(tagged, simple, strict=True):
        geometry = to_geometry(polys, digits)
        if geometry is None:
            raise SystemExit(f"county {name} vanished at tolerance {tolerance}")
        counties.append({"type": "Feature", "properties": {"id": gid, "name": name, "province": province},
                         "geometry": geometry})
        by_province[province] += [ring for poly in polys for ring in poly]
    provinces = []
    for province in sorted(by_province):
        geometry = to_geometry(dissolve(by_province[province]), digits)
        if geometry is None:
            raise SystemExit(f"province {province} vanished")
        provinces.append({"type": "Feature", "properties": {"name": province}, "geometry": geometry})
    return {"counties": feature_collection(counties), "provinces": feature_collection(provinces)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tolerance", type=float, default=0.003, help="Douglas-Peucker tolerance in degrees")
    parser.add_argument("--digits", type=int, default=3, help="decimals kept in coordinates")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, content in build(args.tolerance, args.digits).items():
        path = OUT / f"{name}.geojson"
        path.write_text(content, "utf-8")
        feats = json.loads(content)["features"]
        points = sum(len(r) for f in feats for poly in polygons(f["geometry"]) for r in poly)
        print(f"{path.relative_to(ROOT)}: {len(feats)} features, {points} points, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
