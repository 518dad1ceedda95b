"""The name-variant lexicon (``data/lexicon/name_variants.yaml``), validated on load.

Which words vary between texts that name one facility is data, as followthemoney keeps its
schema in YAML: code applies the tables, analysts extend them without touching code. The
kinds and their head nouns are read from ``vocab.py``, the one definition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from factorywatch.vocab import vocab

LEXICON = "lexicon/name_variants.yaml"
"""The variant tables, relative to the ``factorywatch.data`` package."""

ENGLISH_SOURCES = {"lexicon/facilities.yaml": ("products", "descriptors")}
"""Word lists kept by extraction that also tell an English word from a romanized one."""


@dataclass(frozen=True, slots=True)
class OptionalGroup:
    """Words a shorter form of a name may leave out (see the YAML for the meaning)."""

    name: str
    exclusive: bool
    romanized: bool
    classes: frozenset[str]
    """Kind classes whose names the group applies to; empty: every name."""
    phrases: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class NameLexicon:
    stop_words: frozenset[str]
    spelling: Mapping[str, str]
    spelling_suffixes: tuple[tuple[str, str], ...]
    plural_keep: frozenset[str]
    plural_irregular: Mapping[str, str]
    phrases: Mapping[tuple[str, ...], tuple[tuple[str, ...], str]]
    """Variant phrase -> (canonical phrase, why: ``compound`` or ``translation``)."""
    suffix_translations: Mapping[str, str]
    prefix_translations: Mapping[str, str]
    optional: tuple[OptionalGroup, ...]
    numbers: Mapping[str, int]
    """Number words (cardinals, ordinals) -> value."""
    number_markers: tuple[str, ...]
    months: Mapping[str, int]
    kind_class: Mapping[str, str]
    """Vocab kind -> class (a kind not in a class is its own class)."""
    kind_hints: Mapping[str, str]
    """Word -> class it adds."""
    class_words: Mapping[str, str]
    heads: tuple[tuple[tuple[str, ...], str], ...]
    """Head-noun phrases (lower case, longest first) -> vocab kind."""
    hangul: Mapping[str, str]
    code_names: tuple[tuple[str, str], ...]
    english: frozenset[str]
    """Words known to be English: never folded as romanization, never joined to a name."""


def _fail(what: str) -> None:
    raise ValueError(f"data/{LEXICON}: {what}")


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


def _str_map(raw: Any, section: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        _fail(f"{section} must map words to words")
    return {k.lower(): v.lower() for k, v in raw.items()}


def _number_words(raw: dict[str, Any]) -> dict[str, int]:
    units, teens, tens = raw["units"], raw["teens"], raw["tens"]
    out: dict[str, int] = {**units, **teens, **tens, **raw["ordinals"]}
    ordinal_units = {k: v for k, v in raw["ordinals"].items() if v < 10}
    for ten, tv in tens.items():
        for unit, uv in {**units, **ordinal_units}.items():
            out[f"{ten} {unit}"] = tv + uv
    if not all(isinstance(v, int) and v > 0 for v in out.values()):
        _fail("number_words values must be positive integers")
    return out


def _heads() -> tuple[tuple[tuple[str, ...], str], ...]:
    heads = [(_words(h), kind) for kind, hs in vocab().facility_kinds.items() for h in hs]
    return tuple(sorted(heads, key=lambda h: (-len(h[0]), h[0])))


def _english_words(raw: dict[str, Any], phrases: Mapping[tuple[str, ...], Any]) -> frozenset[str]:
    words: set[str] = set(raw["spelling"].values()) | set(raw["spelling"])
    for variant, (canonical, _) in phrases.items():
        words.update(variant)
        words.update(canonical)
    for group in raw["optional"].values():
        if not group.get("romanized"):
            words.update(w for p in group["words"] for w in _words(p))
    words.update(raw["kind_hints"])
    words.update(w for h, _ in _heads() for w in h)
    words.update(raw["stop_words"])
    data = resources.files("factorywatch.data")
    for path, sections in ENGLISH_SOURCES.items():
        source = data.joinpath(path)
        if not source.is_file():
            continue
        other = yaml.safe_load(source.read_text("utf-8")) or {}
        for section in sections:
            words.update(w for item in other.get(section) or () if isinstance(item, str) for w in item.lower().split("-"))
    singular = {w[:-3] + "y" if w.endswith("ies") else w[:-1] for w in words if w.endswith("s") and not w.endswith("ss")}
    return frozenset(words | singular)


@cache
def lexicon() -> NameLexicon:
    raw = yaml.safe_load(resources.files("factorywatch.data").joinpath(LEXICON).read_text("utf-8"))
    kinds = set(vocab().facility_kinds)
    phrases: dict[tuple[str, ...], tuple[tuple[str, ...], str]] = {}
    for variant, canonical in _str_map(raw["compounds"], "compounds").items():
        phrases[_words(variant)] = (_words(canonical), "compound")
    for canonical, variants in raw["synonyms"].items():
        if not isinstance(variants, list):
            _fail(f"synonyms.{canonical} must be a list")
        for variant in variants:
            if _words(variant) in phrases:
                _fail(f"{variant!r} is listed twice")
            phrases[_words(variant)] = (_words(canonical), "translation")
    for variant, (canonical, why) in list(phrases.items()):
        seen = {variant}
        while canonical in phrases:  # "foot wear" -> "footwear" -> "shoe"
            if canonical in seen:
                _fail(f"variants of {' '.join(variant)!r} form a cycle")
            seen.add(canonical)
            canonical = phrases[canonical][0]
        phrases[variant] = (canonical, why)
    kind_class: dict[str, str] = {}
    for cls, members in raw["kind_classes"].items():
        for kind in members:
            if kind not in kinds:
                _fail(f"kind_classes.{cls}: unknown kind {kind!r} (see vocab.yaml)")
            kind_class[kind] = cls
    classes = {kind_class.get(k, k) for k in kinds}
    hints = _str_map(raw["kind_hints"], "kind_hints")
    class_words = {k: (v or "").lower() for k, v in raw["class_words"].items()}
    if set(class_words) != classes or not set(hints.values()) <= classes:
        _fail(f"class_words and kind_hints must name exactly the classes {sorted(classes)}")
    optional = []
    for name, group in raw["optional"].items():
        group_classes = frozenset(group.get("kinds") or ())
        if not group_classes <= classes:
            _fail(f"optional.{name}: unknown classes {sorted(group_classes - classes)}")
        optional.append(OptionalGroup(name, bool(group["exclusive"]), bool(group.get("romanized")), group_classes, tuple(_words(w) for w in group["words"])))
    suffixes = sorted(_str_map(raw["spelling_suffixes"], "spelling_suffixes").items(), key=lambda kv: -len(kv[0]))
    code_names = tuple((a, b) for a, b in raw["code_names"])
    return NameLexicon(
        stop_words=frozenset(raw["stop_words"]),
        spelling=_str_map(raw["spelling"], "spelling"),
        spelling_suffixes=tuple(suffixes),
        plural_keep=frozenset(raw["plural"]["keep"]),
        plural_irregular=_str_map(raw["plural"]["irregular"], "plural.irregular"),
        phrases=phrases,
        suffix_translations=_str_map(raw["suffix_translations"], "suffix_translations"),
        prefix_translations=_str_map(raw["prefix_translations"], "prefix_translations"),
        optional=tuple(optional),
        numbers=_number_words(raw["number_words"]),
        number_markers=tuple(raw["number_words"]["markers"]),
        months={k.lower(): int(v) for k, v in raw["months"].items()},
        kind_class=kind_class,
        kind_hints=hints,
        class_words=class_words,
        heads=_heads(),
        hangul={k: v.lower() for k, v in raw["hangul"].items()},
        code_names=code_names,
        english=_english_words(raw, phrases),
    )
