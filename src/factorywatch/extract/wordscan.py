"""One Aho-Corasick pass for the whole-word lexicons of a text: place names, date words,
facility head nouns and the triggers of organizations and people.

The first three are matched as whole words on a lower-case copy of the text in which every
character but a letter or a digit is a space (same length, so offsets carry over), its keys
" word ". A pyahocorasick pass costs about the same whatever such keys it has (~4 ns a
character when few keys start with a letter, 20 when any letter may start one), so all four
share one automaton and each component takes its own hits from a single pass, cached per
text (``entities``, ``places``, ``dates`` and ``facilities`` all ask for it).

The gazetteer's copy folds letters with diacritics ("ŏ" -> "o", ``gazetteer.word_copy``);
the copy that dates are matched on makes them spaces (``date_expressions.word_copy``). Where
the two differ, dates and head nouns are left to their own passes: hits are shared only
where they are the very hits those passes would find.

The entities' keys are written for a case-sensitive copy that keeps ``_ ' -``
(``entity_lexicon.word_copy``); here each is lowered with those made spaces. Where the
dates' copy is this one, this copy is the entities' copy so lowered, character for
character: a key's hits here are then all of its hits there, and more ("to" for the surname
"To"), which ``entities`` sifts with the text. Both copies start with one space, so offsets
agree. Two keys may lower to one ("Jong Un", "Jong-un"): their names are then under one key
(at most one of them can be in the text at a place).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Final

import ahocorasick

from factorywatch.extract.date_expressions import date_words
from factorywatch.extract.date_expressions import word_copy as date_copy
from factorywatch.extract.entity_lexicon import lexicon as entity_lexicon
from factorywatch.extract.facility_names import head_words
from factorywatch.gazetteer import fold, gazetteer
from factorywatch.gazetteer import word_copy as place_copy

Hits = list[tuple[int, Any]]
_JOINERS_TO_SPACES: Final = str.maketrans("_'-", "   ")


@dataclass(frozen=True, slots=True)
class Scan:
    folded: str
    """``gazetteer.fold(text)``."""
    places: Hits
    """(end, value) of the gazetteer's keys, as ``Gazetteer.find`` takes them."""
    dates: Hits | None
    """(end, value) of the date core words, as ``date_expressions`` takes them; None: the
    dates' copy of this text differs, so they need a pass of their own."""
    heads: Hits | None
    """(index of the last letter, word) of the head nouns' last words, as ``find_names``
    takes them; None as for ``dates``."""
    entities: Hits | None
    """(end, names) of the entity lexicon's keys, a superset of its own pass's hits
    (``entities._triggered`` sifts them); None as for ``dates``."""


PLACES, DATES, HEADS, ENTITIES = range(4)
"""Which lexicon a key's value is for (``_automaton``)."""


@cache
def _automaton() -> ahocorasick.Automaton:
    """Key -> ((lexicon, value), ...) for each lexicon the key is of."""
    values: dict[str, dict[int, Any]] = {}
    for key, place in gazetteer().keys.items():
        values.setdefault(key, {})[PLACES] = place
    for key, core in date_words().core_keys.items():
        values.setdefault(key, {})[DATES] = core
    for word in head_words():
        values.setdefault(f" {word} ", {})[HEADS] = word
    for key, names in entity_lexicon().automaton.items():
        slots = values.setdefault(key.lower().translate(_JOINERS_TO_SPACES), {})
        slots[ENTITIES] = slots.get(ENTITIES, ()) + names
    automaton = ahocorasick.Automaton()
    for key, slots in values.items():
        automaton.add_word(key, tuple(slots.items()))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=4)
def scan(text: str) -> Scan:
    """The whole-word lexicons' hits in ``text`` (one pass; the last few texts are kept)."""
    folded = fold(text)
    copy = place_copy(folded)
    hits: list[Hits] = [[], [], [], []]
    last: int  # typed, so that compiled code reads them natively
    slots: tuple[tuple[int, Any], ...]
    lexicon: int
    for last, slots in _automaton().iter(copy):
        for lexicon, value in slots:
            hits[lexicon].append((last, value))
    places, dates, heads, entities = hits
    if not (text.isascii() or date_copy(text) == copy):
        return Scan(folded, places, None, None, None)
    # a head's key " word " ends one past the word, in the copy that has one space more
    return Scan(folded, places, dates, [(last - 2, word) for last, word in heads], entities)
