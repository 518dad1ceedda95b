"""Comparing facility names inside one document.

``name_key`` folds away what varies between two writings of one name: romanization
(Heungnam/Hungnam, Phyongyang/Pyongyang, Taedong River/Taedonggang: ``resolve.romanize``),
synonyms of the lexicon (Device/Appliances, Wire/Cable), word order ("Pyongyang 326
Electric Wire Factory" / "Pyongyang Electric Cable Factory 326"), dates as numbers
("February 8" / "2.8") and optional descriptors ("Youth", "General"). What tells
facilities apart stays: "Pyongyang Textile Factory" and "Pyongyang Film Factory" never meet.

It is the cheap, document-local comparison that extraction needs for every name it reads
(a few microseconds); resolving facilities across documents uses the full parse of
``resolve.names`` instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from factorywatch.extract.facility_lexicon import MONTHS, lexicon
from factorywatch.resolve.romanize import ascii_letters, fold

_RIVER: Final = re.compile(r"\b(\w+)[ -]river\b")
_MONTH_DAY: Final = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.? (\d{1,2})\b")
_SPLIT: Final = re.compile(r"[\s\-]+")
_APOSTROPHE: Final = re.compile(r"'s?$")


def _ascii_fold(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes."""
    low = text.lower()
    return (low if low.isascii() else ascii_letters(low)).replace("\u2019", "'")


@lru_cache(maxsize=65536)
def key_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The compared form of a name's modifiers (the words before its head noun), in order
    (cached: a name is compared several times, and names repeat)."""
    lex = lexicon()
    text = _ascii_fold(" ".join(w for w in words if w not in ("No.", "and", "&")))
    text = _RIVER.sub(lambda m: m.group(1) + "gang", text)
    text = _MONTH_DAY.sub(lambda m: f"{MONTHS[m.group(1)]}.{m.group(2)}", text)
    out = []
    for word in _SPLIT.split(text):
        word = _APOSTROPHE.sub("", word).strip("'")
        if not word or word in lex.optional:
            continue
        if word in lex.standard:
            out.append(lex.standard[word])
        elif word in lex.products or word in lex.descriptors or word[0].isdigit():
            out.append(word)
        else:
            out.append(fold(word))
    return tuple(out)


@lru_cache(maxsize=65536)
def name_key(modifiers: tuple[str, ...]) -> frozenset[str]:
    """Order-free comparison key of a name, from its modifiers."""
    return frozenset(key_words(modifiers))
