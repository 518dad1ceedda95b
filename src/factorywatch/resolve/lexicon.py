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

from factorywatch.resolve.romanize import fold
from factorywatch.vocab import read_data, vocab

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
    optional_index: Mapping[str, tuple[tuple[tuple[str, ...], str, OptionalGroup], ...]]
    """First word (folded for romanized groups) -> (phrase as compared, as printed in keys,
    group), longest first."""
    head_optional: frozenset[str]
    """Single words of exclusive groups, kept when they sit inside a head ("Coal" Mine)."""
    longest_phrase: int
    month_names: Mapping[int, str]
    """Month -> its full name (the form used in keys)."""


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
            words.update(
                w for item in other.get(section) or () if isinstance(item, str) for w in item.lower().split("-")
            )
    singular = {
        w[:-3] + "y" if w.endswith("ies") else w[:-1] for w in words if w.endswith("s") and not w.endswith("ss")
    }
    return frozenset(words | singular)


@cache
def lexicon() -> NameLexicon:
    raw = read_data(LEXICON)
    kinds = set(vocab().facility_kinds)
    phrases: dict[tuple[str, ...], tuple[tuple[str, ...], str]] = {}
    for closed_open, closed in _str_map(raw["compounds"], "compounds").items():
        phrases[_words(closed_open)] = (_words(closed), "compound")
    for standard, variants in raw["synonyms"].items():
        if not isinstance(variants, list):
            _fail(f"synonyms.{standard} must be a list")
        for variant in variants:
            if _words(variant) in phrases:
                _fail(f"{variant!r} is listed twice")
            phrases[_words(variant)] = (_words(standard), "translation")
    for phrase, (target, why) in list(phrases.items()):
        seen = {phrase}
        while target in phrases:  # "foot wear" -> "footwear" -> "shoe"
            if target in seen:
                _fail(f"variants of {' '.join(phrase)!r} form a cycle")
            seen.add(target)
            target = phrases[target][0]
        phrases[phrase] = (target, why)
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
        optional.append(
            OptionalGroup(
                name,
                bool(group["exclusive"]),
                bool(group.get("romanized")),
                group_classes,
                tuple(_words(w) for w in group["words"]),
            )
        )
    suffixes = sorted(_str_map(raw["spelling_suffixes"], "spelling_suffixes").items(), key=lambda kv: -len(kv[0]))
    code_names = tuple((a, b) for a, b in raw["code_names"])
    index: dict[str, list[tuple[tuple[str, ...], str, OptionalGroup]]] = {}
    for group in optional:
        for phrase in group.phrases:
            probe = tuple(fold(w) for w in phrase) if group.romanized else phrase
            index.setdefault(probe[0], []).append((probe, " ".join(probe), group))
            if group.romanized and len(probe) > 1:  # "Kimjongsuk" is "Kim Jong Suk" written as one word
                index.setdefault("".join(probe), []).append((("".join(probe),), " ".join(probe), group))
    months = {k.lower(): int(v) for k, v in raw["months"].items()}
    month_names: dict[int, str] = {}
    for name, month in months.items():
        if len(name) > len(month_names.get(month, "")):
            month_names[month] = name
    return NameLexicon(
        # a number marker left without its number ("No. No. 5") says nothing
        stop_words=frozenset(raw["stop_words"])
        | {m.strip(".:") for m in raw["number_words"]["markers"] if m.strip(".:").isalpha()},
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
        months=months,
        kind_class=kind_class,
        kind_hints=hints,
        class_words=class_words,
        heads=_heads(),
        hangul={k: v.lower() for k, v in raw["hangul"].items()},
        code_names=code_names,
        english=_english_words(raw, phrases),
        optional_index={k: tuple(sorted(v, key=lambda pg: -len(pg[0]))) for k, v in index.items()},
        head_optional=frozenset(p[0] for g in optional if g.exclusive for p in g.phrases if len(p) == 1),
        longest_phrase=max(len(p) for p in phrases),
        month_names=month_names,
    )
