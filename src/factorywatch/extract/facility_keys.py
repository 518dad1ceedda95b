"""Comparing facility names inside one document.

``name_key`` folds away what varies between two writings of one name: romanization
(Heungnam/Hungnam, Phyongyang/Pyongyang, Taedong River/Taedonggang), synonyms of the
lexicon (Device/Appliances, Wire/Cable), word order ("Pyongyang 326 Electric Wire
Factory" / "Pyongyang Electric Cable Factory 326"), dates as numbers ("February 8" /
"2.8") and optional descriptors ("Youth", "General"). What tells facilities apart stays:
"Pyongyang Textile Factory" and "Pyongyang Film Factory" never meet.
"""

from __future__ import annotations

import re
import unicodedata

from factorywatch.extract.facility_lexicon import MONTHS, lexicon

_RIVER = re.compile(r"\b(\w+)[ -]river\b")
_FOLD = (("ph", "p"), ("th", "t"), ("kh", "k"), ("eo", "o"), ("eu", "u"), ("oo", "u"))
_INITIAL = {"g": "k", "d": "t", "b": "p", "j": "ch"}
_MONTH_DAY = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.? (\d{1,2})\b")
_SPLIT = re.compile(r"[\s\-]+")
_APOSTROPHE = re.compile(r"'s?$")


def ascii_fold(text: str) -> str:
    """Lower case, no diacritics, straight apostrophes."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'")


def romanization_fold(word: str) -> str:
    """One spelling for the romanizations of a Korean word (Heungnam/Hungnam,
    Phyongyang/Pyongyang, Gaeseong/Kaesong)."""
    for a, b in _FOLD:
        word = word.replace(a, b)
    if word[:1] in _INITIAL:
        word = _INITIAL[word[0]] + word[1:]
    return word


def key_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The compared form of a name's modifiers (the words before its head noun), in order."""
    lex = lexicon()
    text = ascii_fold(" ".join(w for w in words if w not in ("No.", "and", "&")))
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
            out.append(romanization_fold(word))
    return tuple(out)


def name_key(modifiers: tuple[str, ...]) -> frozenset[str]:
    """Order-free comparison key of a name, from its modifiers."""
    return frozenset(key_words(modifiers))
