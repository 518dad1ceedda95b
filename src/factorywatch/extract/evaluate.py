"""Score extraction against gold files, by the definitions of the reference scorer.

The figures and their definitions are those of ``../shared/tools/score.py`` (which the
package cannot import at run time): facilities matched one-to-one by a shared surface form,
unnamed and ignored sites neutral, events by (type, facility), claims by (facility, side,
polarity), contradictions within documents and across the corpus, and cross-document
identity as pairwise F1. A test checks that both give the same figures on the shared corpora.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

from factorywatch.errors import InputError
from factorywatch.extract import extract_run
from factorywatch.extract.output import to_contract

PRF = tuple[float, float, float]


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"^the\s+", "", s.strip())
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def prf(tp: int, fp: int, fn: int) -> PRF:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSONL file; a line that is not a JSON object raises ``InputError``."""
    out = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(str(path), f"not JSON: {exc.msg}", n) from None
                if not isinstance(record, dict):
                    raise InputError(str(path), "not a JSON object", n)
                out.append(record)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    return out


def _surfaces_gold(g: dict[str, Any]) -> set[str]:
    return {norm(g["name"])} | {norm(m) for m in g.get("mentions", [])}


def _surfaces_pred(p: dict[str, Any]) -> set[str]:
    s = {norm(p.get("name", ""))}
    for m in p.get("mentions", []):
        s.add(norm(m["text"] if isinstance(m, dict) else m))
    s.discard("")
    return s


class _Tally:
    """Counts over the documents, then the figures."""

    def __init__(self) -> None:
        self.c: dict[str, int] = defaultdict(int)
        self.place: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.date = [0, 0]
        self.items: list[tuple[Any, str, Any]] = []
        self.gold_claims: list[tuple[Any, ...]] = []
        self.pred_claims: list[tuple[Any, ...]] = []

    def document(self, g: dict[str, Any], p: dict[str, Any]) -> None:
        c = self.c
        gfac = [f for f in g.get("facilities", []) if f.get("named", True)]
        ignore = {norm(x) for x in g.get("ignore", [])}
        unnamed_surf: set[str] = set()
        for f in g.get("facilities", []):
            if not f.get("named", True):
                unnamed_surf |= _surfaces_gold(f)
        pfac = [f for f in p.get("facilities", []) if f.get("named", True)]
        neutral = {f.get("id") for f in p.get("facilities", []) if not f.get("named", True)}
        match: dict[int, str] = {}
        used: set[str] = set()
        for pi, pf in enumerate(pfac):
            ps = _surfaces_pred(pf)
            for gf in gfac:
                if gf["key"] not in used and ps & _surfaces_gold(gf):
                    match[pi] = gf["key"]
                    used.add(gf["key"])
                    break
        for pi, pf in enumerate(pfac):
            if pi in match:
                continue
            ps = _surfaces_pred(pf)
            if ps & ignore or ps & unnamed_surf:
                neutral.add(pf.get("id"))
                continue
            c["fac_fp"] += 1
        c["fac_tp"] += len(match)
        c["fac_fn"] += len(gfac) - len(match)
        gby = {f["key"]: f for f in g.get("facilities", [])}
        pid2key: dict[Any, str] = {}
        for pi, key in match.items():
            pf, gf = pfac[pi], gby[key]
            pid2key[pf.get("id")] = key
            self.items.append((g["id"], key, pf.get("id")))
            gm = {norm(m) for m in gf.get("mentions", [])}
            c["alias_gold"] += len(gm)
            c["alias_found"] += len(gm & _surfaces_pred(pf))
            for fld in ("province", "locality", "kind"):
                if gf.get(fld):
                    self.place[fld][1] += 1
                    if norm(pf.get(fld) or "") == norm(gf[fld]):
                        self.place[fld][0] += 1
        self._events(g, p, gby, neutral, pid2key)
        self._claims(g, p, gby, neutral, pid2key)

    def _events(self, g, p, gby, neutral, pid2key) -> None:
        gev = {(e["type"], e.get("facility")): e for e in g.get("events", [])
               if e.get("facility") is None or gby.get(e.get("facility"), {}).get("named", True)}
        pev: dict[tuple[Any, Any], dict[str, Any]] = {}
        for e in p.get("events", []):
            fac = e.get("facility")
            if fac is not None and fac in neutral:
                continue
            key: Any = pid2key.get(fac) if fac is not None else None
            if fac is not None and key is None:
                key = ("unmatched", fac)
            pev.setdefault((e.get("type"), key), e)
        tp = set(gev) & set(pev)
        self.c["ev_tp"] += len(tp)
        self.c["ev_fp"] += len(set(pev) - set(gev))
        self.c["ev_fn"] += len(set(gev) - set(pev))
        for k in tp:
            if gev[k].get("date"):
                self.date[1] += 1
                if (pev[k].get("date") or "") == gev[k]["date"]:
                    self.date[0] += 1

    def _claims(self, g, p, gby, neutral, pid2key) -> None:
        gcl = {(cl["facility"], cl["side"], cl["polarity"]) for cl in g.get("claims", [])
               if gby.get(cl["facility"], {}).get("named", True)}
        pcl = set()
        for cl in p.get("claims", []):
            if cl.get("facility") in neutral:
                continue
            key = pid2key.get(cl.get("facility"), ("unmatched", cl.get("facility")))
            pcl.add((key, cl.get("side"), cl.get("polarity")))
        self.c["cl_tp"] += len(gcl & pcl)
        self.c["cl_fp"] += len(pcl - gcl)
        self.c["cl_fn"] += len(gcl - pcl)
        self.gold_claims += [(g["id"], *t) for t in gcl]
        self.pred_claims += [(g["id"], *t) for t in pcl]
        gco = {k for k in g.get("contradictions", []) if gby.get(k, {}).get("named", True)}
        pco = set()
        for co in p.get("contradictions", []):
            if co.get("facility") in neutral:
                continue
            pco.add(pid2key.get(co.get("facility"), ("unmatched", co.get("facility"))))
        self.c["co_tp"] += len(gco & pco)
        self.c["co_fp"] += len(pco - gco)
        self.c["co_fn"] += len(gco - pco)

    def figures(self, docs: int) -> dict[str, Any]:
        c, place = self.c, self.place
        tp = fp = fn = 0
        for a, b in combinations(self.items, 2):
            same_g, same_p = a[1] == b[1], (a[2] is not None and a[2] == b[2])
            tp += same_g and same_p
            fp += (not same_g) and same_p
            fn += same_g and not same_p
        gx, px = _contradicted(self.gold_claims), _contradicted(self.pred_claims)

        def share(fld: str) -> float:
            return place[fld][0] / place[fld][1] if place[fld][1] else 0.0

        return {
            "docs": docs,
            "facility_p_r_f1": prf(c["fac_tp"], c["fac_fp"], c["fac_fn"]),
            "alias_recall": c["alias_found"] / c["alias_gold"] if c["alias_gold"] else 0.0,
            "province_acc": share("province"),
            "locality_acc": share("locality"),
            "kind_acc": share("kind"),
            "event_p_r_f1": prf(c["ev_tp"], c["ev_fp"], c["ev_fn"]),
            "event_date_acc": self.date[0] / self.date[1] if self.date[1] else 0.0,
            "claim_p_r_f1": prf(c["cl_tp"], c["cl_fp"], c["cl_fn"]),
            "contradiction_doc_p_r_f1": prf(c["co_tp"], c["co_fp"], c["co_fn"]),
            "contradiction_corpus_p_r_f1": prf(len(gx & px), len(px - gx), len(gx - px)),
            "identity_pairwise_p_r_f1": prf(tp, fp, fn) if tp + fn else None,
        }


def _contradicted(claims: list[tuple[Any, ...]]) -> set[Any]:
    pos, neg = set(), set()
    for _, k, side, pol in claims:
        if side == "official" and pol == "positive":
            pos.add(k)
        if side == "independent" and pol == "negative":
            neg.add(k)
    return pos & neg


def score(gold_docs: list[dict[str, Any]], pred_docs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The figures of the reference scorer for predictions (output-contract records)."""
    preds = {str(p.get("doc_id")): p for p in pred_docs}
    tally = _Tally()
    for g in gold_docs:
        tally.document(g, preds.get(str(g["id"]), {}))
    return tally.figures(len(gold_docs))


def report_lines(figures: dict[str, Any]) -> Iterator[str]:
    """The figures, one line each, as the reference scorer prints them."""
    for k, v in figures.items():
        if v is None:
            yield f"{k:32s} n/a (no gold pairs)"
        elif isinstance(v, tuple):
            yield f"{k:32s} P={v[0]:.3f} R={v[1]:.3f} F1={v[2]:.3f}"
        elif isinstance(v, float):
            yield f"{k:32s} {v:.3f}"
        else:
            yield f"{k:32s} {v}"


def evaluate(gold_path: str | Path) -> dict[str, Any]:
    """Extract the gold file's documents (reading only text and metadata, as ``extract``
    does) and score them against its answers."""
    gold = read_jsonl(gold_path)
    preds = []
    for item in extract_run([str(gold_path)]):
        if isinstance(item, InputError):
            raise item
        preds.append(to_contract(item))
    return score(gold, preds)
