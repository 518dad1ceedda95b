"""Build ``src/factorywatch/data/gazetteer.json`` from ../shared/data/gazetteer.

The source (open-admin-data, "North Korea Administrative Divisions Dataset", CC-BY-4.0) has
the 11 provinces and 179 counties/cities of the geoBoundaries ADM2 layer, spelled in the
DPRK's official flavour of McCune-Reischauer without diacritics ("Phyonggang", "Jagang").
Articles spell the same places in four systems, so every unit gets its variants here:

* DPRK official: aspirates written ``ph/th/kh`` ("Phyongyang", "Nampho"), ``J`` for MR ``Ch``;
* McCune-Reischauer without marks ("Pyongyang", "Chagang"), and with its apostrophes
  ("Ch'ongjin": the matcher folds diacritics itself, so "Ch'ŏngjin" needs only the apostrophe);
* Revised Romanization ("Pyeongyang", "Hamheung", "Gangwon", "Baekam"): without Hangul we
  cannot know which ``o``/``u`` were ``ŏ``/``ŭ``, so each may be ``eo``/``eu``; wrong guesses
  make strings no text contains;
* the South's initial-sound rule ("Yanggang" for Ryanggang, "Yongbyon" for Nyongbyon).

What the source lacks is added below as data with approximate centroids (``"approx": true``):
Rason and Kaesong as province-level units, the districts of Pyongyang, Hamhung, Chongjin,
Nampo and Rason, a few well-known areas (Myohyangsan, Namhung...) and the three historic
two-province regions (Hwanghae, Hamgyong, Pyongan), which name no single province.

Province forms are expanded too ("North Hamgyong", "N. Hamgyong", "Hamgyongbuk-do",
"Hamgyong-bukto", the short "Hambuk"). Names that are also a person, a river or a common word
("Kim Chaek", "Taedonggang", "Chollima") go to ``suffix_names``: they count as a place only
with "County", "City", "District"... (or after "the city of"). Standard library only; the
output is sorted and stable, so a rebuild without source changes is byte-identical.
Run: ``python scripts/build_gazetteer.py``.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "gazetteer"
OUT = ROOT / "src" / "factorywatch" / "data" / "gazetteer.json"

ATTRIBUTION = (
    "North Korea Administrative Divisions Dataset (CC-BY-4.0), open-admin-data, "
    "https://github.com/open-admin-data/north-korea-administrative-divisions "
    "(commit 54749dba6fe5df3dfe29499763c89243c7b0c0da). Changed by factorywatch: "
    "romanization variants added, Rason moved to its own province, units the source lacks "
    "added with approximate centroids (marked approx)."
)

# Source name -> (extra base names, names that need a suffix). The source's own spelling is
# always a base name; a few are fixed or completed here.
EXTRA_NAMES: dict[str, tuple[list[str], list[str]]] = {
    "Kim Chaek": (["Kimchaek", "Songjin"], ["Kim Chaek"]),
    "Kim Hyong Jik": (["Kimhyongjik"], ["Kim Hyong Jik"]),
    "Kim Jong Suk": (["Kimjongsuk"], ["Kim Jong Suk"]),
    "Kim Hyong Gwon": (["Kimhyonggwon"], ["Kim Hyong Gwon"]),
    "Jaerong": (["Jaeryong", "Chaeryong"], []),
    "Unryul": (["Unnyul"], []),
    "Chollima": ([], ["Chollima"]),
    "Rason": (["Rajin-Sonbong", "Rajin Sonbong"], []),
}
# Units whose province changed: another province a text may give them (chosen only when the
# same sentence names it).
ALSO_IN = {
    "Rason": ["North Hamgyong"],
    "Sangwon": ["Pyongyang"],
    "Kangnam": ["Pyongyang"],
    "Junghwa": ["Pyongyang"],
}
PROVINCE_OWN_UNIT = {"Rason": "Rason"}  # source county -> the province it now forms

# (id, name, province, level, locality, lat, lon, bare names, suffix-only names)
ADDED: list[tuple[str, str, str | None, str, str | None, float, float, list[str], list[str]]] = [
    ("add-rason", "Rason", "Rason", "province", "Rason", 42.392, 130.466, ["Rason"], []),
    ("add-kaesong", "Kaesong", "Kaesong", "province", "Kaesong", 37.948, 126.537,
     ["Kaesong Special City", "Kaesong Special-Level City", "Kaesong Municipality",
      "Kaesong Industrial Region", "Kaesong Directly Governed City"], []),
]
DISTRICTS = {  # city -> (province, locality of its districts, [(name, lat, lon, bare?)])
    "Pyongyang": ("Pyongyang", "Pyongyang", [
        ("Chung", 39.033, 125.750, False), ("Pyongchon", 39.014, 125.727, False),
        ("Pothonggang", 39.045, 125.735, False), ("Moranbong", 39.050, 125.760, True),
        ("Sosong", 39.065, 125.738, False), ("Songyo", 39.028, 125.790, False),
        ("Tongdaewon", 39.020, 125.772, False), ("Taedonggang", 39.040, 125.795, False),
        ("Sadong", 39.000, 125.850, False), ("Taesong", 39.090, 125.830, False),
        ("Mangyongdae", 39.000, 125.665, True), ("Hyongjesan", 39.070, 125.650, False),
        ("Ryongsong", 39.130, 125.780, True), ("Samsok", 39.110, 125.930, False),
        ("Ryokpho", 38.930, 125.880, False), ("Rakrang", 38.960, 125.750, False),
        ("Sunan", 39.200, 125.670, True), ("Hwasong", 39.160, 125.740, False),
    ]),
    "Hamhung": ("South Hamgyong", "Hamhung", [
        ("Sapho", 39.930, 127.560, False), ("Ryongsong", 39.970, 127.600, True),
        ("Haean", 39.860, 127.620, False), ("Hoesang", 39.920, 127.540, False),
        ("Songchongang", 39.900, 127.570, False), ("Tongheungsan", 39.930, 127.520, False),
    ]),
    "Chongjin": ("North Hamgyong", "Chongjin", [
        ("Sunam", 41.780, 129.790, False), ("Songpyong", 41.800, 129.740, False),
        ("Pohang", 41.790, 129.770, False), ("Chongam", 41.830, 129.720, False),
        ("Ranam", 41.700, 129.700, True), ("Sinam", 41.800, 129.800, False),
        ("Puyun", 41.900, 129.820, False),
    ]),
    "Nampo": ("Nampo", "Nampo", [("Waudo", 38.830, 125.230, True), ("Hanggu", 38.730, 125.380, False)]),
    "Rason": ("Rason", "Rason", [("Rajin", 42.250, 130.290, True), ("Sonbong", 42.340, 130.400, True)]),
}
# Former cities now districts, still named as places of their own ("Hungnam Fertilizer Complex").
FORMER_CITIES = [("add-hungnam", "Hungnam", "South Hamgyong", 39.830, 127.620)]
AREAS = [  # mountains and industrial areas: a province, no city or county of their own
    ("add-myohyangsan", "Myohyangsan", "North Pyongan", 40.000, 126.270,
     ["Myohyangsan", "Mt Myohyang", "Mt. Myohyang", "Mount Myohyang", "Myohyang Mountains"]),
    ("add-kumgangsan", "Kumgangsan", "Kangwon", 38.650, 128.100,
     ["Kumgangsan", "Mt Kumgang", "Mt. Kumgang", "Mount Kumgang"]),
    ("add-paektusan", "Paektusan", "Ryanggang", 42.000, 128.060,
     ["Paektusan", "Mt Paektu", "Mt. Paektu", "Mount Paektu", "Paekdusan", "Mt Paekdu"]),
    ("add-namhung", "Namhung", "South Pyongan", 39.630, 125.630, ["Namhung"]),
    ("add-punggye-ri", "Punggye-ri", "North Hamgyong", 41.280, 129.080, ["Punggye-ri"]),
]
REGIONS = {  # historic provinces split in two: a region, not a province
    "Hwanghae": ("North Hwanghae", "South Hwanghae"),
    "Hamgyong": ("North Hamgyong", "South Hamgyong"),
    "Pyongan": ("North Pyongan", "South Pyongan"),
}
CITY_PROVINCES = ("Pyongyang", "Nampo")  # province-level cities: the province names the city too

VOWEL = "aeiouyw"
# English words inside names ("Mt Myohyang", "Kaesong Special City") are never romanized.
ENGLISH = {"Mt", "Mt.", "Mount", "Mountains", "Special", "Special-Level", "City", "Municipality",
           "Industrial", "Region", "Directly", "Governed", "and", "North", "South"}


def _per_word(name: str, word) -> set[str]:
    """Apply ``word`` (one word -> its spellings) to each word of a name, in every combination."""
    out = {""}
    for w in name.split(" "):
        out = {f"{a} {b}".strip() for a in out for b in ({w} if w in ENGLISH else word(w))}
    return out


def _combos(word: str, pattern: str, options) -> set[str]:
    """Every way of rewriting each match of ``pattern`` in ``word`` with one of ``options(match)``."""
    parts = re.split(f"({pattern})", word)
    slots = [[p] if i % 2 == 0 else options(p) for i, p in enumerate(parts)]
    if len(slots) > 9:  # more than four rewritable spots: keep the two extremes only
        return {"".join(s[0] for s in slots), "".join(s[-1] for s in slots)}
    return {"".join(c) for c in itertools.product(*slots)}


def _split_head(w: str) -> tuple[str, str]:
    return (w[:2], w[2:]) if w.startswith("Ch") else (w[:1], w[1:])


def dprk_to_mr(name: str) -> str:
    """Phyongyang -> Pyongyang, Jagang -> Chagang, Kophung -> Kopung (MR without its marks)."""

    def word(w: str) -> str:
        w = re.sub(r"(?i)([ptk])h(?=[aeiouyw])", r"\1", w)
        return "Ch" + w[1:] if w[:1] == "J" else w

    return " ".join(w if w in ENGLISH else word(w) for w in name.split(" "))


def rr_forms(mr: str) -> set[str]:
    """Revised Romanization guesses: o/eo, u/eu, initial k/g, t/d, p/b, ch/j."""
    initial = {"K": ["K", "G"], "T": ["T", "D"], "P": ["P", "B"], "Ch": ["Ch", "J"]}

    def word(w: str) -> set[str]:
        head, rest = _split_head(w)
        tails = _combos(rest, "o|u", lambda v: [v, "e" + v])
        return {h + t for h in initial.get(head, [head]) for t in tails}

    return _per_word(mr, word)


def dprk_forms(mr: str) -> set[str]:
    """DPRK spellings: an aspirate p/t/k before a vowel may be ph/th/kh; Ch may be J."""

    def word(w: str) -> set[str]:
        head, rest = _split_head(w)
        heads = {"Ch", "J"} if head == "Ch" else {head, head + "h"} if head in "PTK" and rest[:1] in VOWEL else {head}
        tails = _combos(rest, r"(?<=[aeioumn])[ptk](?=[aeiouyw])", lambda c: [c, c + "h"])
        return {h + t for h in heads for t in tails}

    return _per_word(mr, word)


def apostrophe_forms(mr: str) -> set[str]:
    """MR with its aspiration marks (Ch'ongjin, P'yongyang, T'anch'on); diacritics are folded
    by the matcher itself, so "Ch'ŏngjin" needs only these."""
    return _per_word(mr, lambda w: _combos(w, r"(?:ch|Ch|[ptkPTK])(?=[aeiouyw])", lambda c: [c, c + "'"]))


def south_forms(name: str) -> str:
    """The South's initial-sound rule: Ryanggang -> Yanggang, Rangrim -> Nangrim, Nyongbyon -> Yongbyon."""

    def word(w: str) -> str:
        if w in ENGLISH:
            return w
        if w.startswith(("Ry", "Ny")):
            return w[1:].capitalize()
        if w.startswith(("Ri", "Ni")):
            return "I" + w[2:]
        return "N" + w[1:] if w.startswith("R") else w

    return " ".join(word(w) for w in name.split(" "))


def sound_forms(name: str) -> str:
    """Spellings that follow the sound: r after g (ng) or m is read n (Songrim -> Songnim),
    an initial Si is read Shi (Sinuiju -> Shinuiju)."""

    def word(w: str) -> str:
        if w in ENGLISH:
            return w
        w = re.sub(r"(?<=[gm])r", "n", w)
        return "Sh" + w[1:] if w.startswith("Si") else w

    return " ".join(word(w) for w in name.split(" "))


def variants(base: str) -> set[str]:
    """Every spelling of one name in the four romanizations, and as it sounds."""
    mr = dprk_to_mr(base)
    out = {base, mr} | dprk_forms(mr) | apostrophe_forms(mr) | rr_forms(mr)
    out |= {south_forms(v) for v in out}
    return out | {sound_forms(v) for v in (base, mr)}


def province_variants(province: str) -> set[str]:
    """North Hamgyong -> N. Hamgyong, Hamgyongbuk-do, Hamgyong-bukto, North Hamgyeong, and the
    short forms Korean uses (Hambuk, Hamnam, Phyongbuk, Hwangnam...)."""
    direction, _, core = province.partition(" ")
    if direction not in ("North", "South"):
        return variants(province)
    north = direction == "North"
    tails = ["buk-do", "bukdo", "-bukto", "-pukto", " Pukto"] if north else ["nam-do", "namdo", "-namdo", " Namdo"]
    short = {"Hamgyong": "Ham", "Pyongan": "Pyong", "Hwanghae": "Hwang"}[core] + ("buk" if north else "nam")
    out: set[str] = variants(short)
    for c in variants(core):
        out |= {f"{direction} {c}", f"{direction[0]}. {c}"} | {c + t for t in tails}
    return out


def unit(uid, name, province, level, locality, lat, lon, bare, suffix, approx, also_in=()) -> dict:
    names = set().union(*(variants(b) for b in bare)) if bare else set()
    suffix_names = set().union(*(variants(s) for s in suffix)) - names if suffix else set()
    return {
        "id": uid, "name": name, "province": province, "level": level, "locality": locality,
        "lat": round(lat, 3), "lon": round(lon, 3), "approx": approx, "also_in": list(also_in),
        "own": sorted(set(bare) | set(suffix)), "names": sorted(names), "suffix_names": sorted(suffix_names),
    }


def load_source() -> tuple[list[dict], list[dict]]:
    provinces = json.loads((SOURCE / "all-province.json").read_text("utf-8"))
    counties = json.loads((SOURCE / "all-county.json").read_text("utf-8"))
    return provinces, counties


def build() -> dict:
    provinces, counties = load_source()
    centre = {p["name"]["en"]: (float(p["geo"]["lat"]), float(p["geo"]["lon"])) for p in provinces}
    units: list[dict] = []
    for p in provinces:
        name = p["name"]["en"]
        u = unit(p["id"], name, name, "province", name if name in CITY_PROVINCES else None,
                 *centre[name], [], [], False)
        u["names"] = sorted(province_variants(name))
        u["own"] = [name]
        units.append(u)
    for c in counties:
        raw = c["name"]["en"]
        base = re.sub(r" (City|Dist\.)$", "", raw)
        if raw.endswith(" City") or base in CITY_PROVINCES:
            level = "city"
        else:
            level = "district" if raw.endswith("Dist.") else "county"
        province = PROVINCE_OWN_UNIT.get(base, c["parent"]["name"]["en"])
        extra, suffix_only = EXTRA_NAMES.get(base, ([], []))
        bare = [n for n in [base, *extra] if n not in suffix_only]
        units.append(unit(c["id"], base, province, level, base, float(c["geo"]["lat"]),
                          float(c["geo"]["lon"]), bare, suffix_only, False, ALSO_IN.get(base, ())))
    for uid, name, province, level, locality, lat, lon, bare, suffix in ADDED:
        units.append(unit(uid, name, province, level, locality, lat, lon, bare, suffix, True))
    for city, (province, locality, districts) in DISTRICTS.items():
        for name, lat, lon, bare in districts:
            units.append(unit(f"add-{city.lower()}-{name.lower()}", name, province, "district", locality,
                              lat, lon, [name] if bare else [], [] if bare else [name], True))
    for uid, name, province, lat, lon in FORMER_CITIES:
        units.append(unit(uid, name, province, "district", name, lat, lon, [name], [], True))
    for uid, name, province, lat, lon, names in AREAS:
        units.append(unit(uid, name, province, "area", None, lat, lon, names, [], True))
    for name, (a, b) in REGIONS.items():
        lat, lon = ((centre[a][i] + centre[b][i]) / 2 for i in (0, 1))
        u = unit(f"add-region-{name.lower()}", name, None, "region", None, lat, lon, [name], [], True, (a, b))
        u["names"] = sorted(set(u["names"]) | {f"{x} and {y} {v}" for v in variants(name)
                                               for x, y in (("North", "South"), ("South", "North"))})
        units.append(u)
    _drop_collisions(units)
    for u in units:
        del u["own"]  # needed only to settle collisions
    units.sort(key=lambda u: u["id"])
    return {
        "source": "open-admin-data/north-korea-administrative-divisions",
        "license": "CC-BY-4.0",
        "attribution": ATTRIBUTION,
        "note": "Units with approx=true were added by scripts/build_gazetteer.py; their centroids are approximate.",
        "units": units,
    }


def _drop_collisions(units: list[dict]) -> None:
    """A generated spelling that is another unit's own name belongs to that other unit only."""
    owner: dict[str, set[str]] = {}
    for u in units:
        for n in u["own"]:
            owner.setdefault(n.lower(), set()).add(u["id"])
    for u in units:
        for key in ("names", "suffix_names"):
            u[key] = [v for v in u[key] if u["id"] in owner.get(v.lower(), {u["id"]})]


def main() -> None:
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
    n = sum(len(u["names"]) + len(u["suffix_names"]) for u in data["units"])
    print(f"{OUT.relative_to(ROOT)}: {len(data['units'])} units, {n} spellings")


if __name__ == "__main__":
    main()
