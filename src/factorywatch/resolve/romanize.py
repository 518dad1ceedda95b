"""Korean names in Latin letters: one folded form for every romanization, and Hangul to Latin.

English texts spell one Korean name in several systems: McCune-Reischauer with and without
its breves and apostrophes (P'yŏngyang, Pyongyang), the DPRK's official spelling that marks
aspiration with h (Phyongyang, Sinpho, Thosong), and the South's Revised Romanization
(Pyeongyang, Hamheung, Ganggye, Deokcheon, Ragwon). ``fold`` maps them all to one skeleton by
erasing exactly the distinctions these systems draw differently: vowel spellings (eo/o,
eu/u), aspiration marks, voicing of plain stops (g/k, d/t, b/p, j/ch), the initial r the
South drops (Ryongsong/Yongsong) and doubled letters. It is lossy on purpose and applied to
both sides of every comparison, never shown to users.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ko_pron import romanise

_NG = "\x00"
"""Stands for the digraph ng while plain g is folded to k (Taedonggang keeps its ng)."""

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"yeo", "yo"),  # RR ㅕ
        (r"eo", "o"),  # RR ㅓ = MR ŏ
        (r"eu", "u"),  # RR ㅡ = MR ŭ
        (r"ng", _NG),
        (r"g", "k"),  # RR/MR voicing of ㄱ
        (r"d", "t"),
        (r"b", "p"),
        (r"j", "ch"),
        (r"(?<=[ptk])h", ""),  # DPRK aspiration: ph, th, kh
        (r"(?<=s)h", ""),  # shi/si
        (r"^ry", "y"),  # initial ㄹ dropped in the South (Ryongsong/Yongsong)
        (r"^r", "n"),  # ... or read as ㄴ (Rodong/Nodong)
        (r"([a-z])\1", r"\1"),  # doubled letters (Chollima/Cholima, kk/k)
    )
)


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """The romanization skeleton of one lower-case ASCII word; ``fold(fold(w)) == fold(w)``."""
    out = token
    for _ in range(8):  # each pass shortens the word or only adds ch once per j: a fixed point comes fast
        before = out
        for pattern, repl in _RULES:
            out = pattern.sub(repl, out)
        out = out.replace(_NG, "ng")
        if out == before:
            break
    return out


HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]+")


def ascii_letters(text: str) -> str:
    """Drop diacritics (ŏ -> o, ŭ -> u): the breve is the first mark every English text drops."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def romanize_hangul(word: str) -> str:
    """McCune-Reischauer of a run of Hangul syllables, ASCII, apostrophes dropped.

    ko-pron applies the sound changes across syllables (김책 -> kimch'aek), which is what
    English texts print.
    """
    try:
        mr = romanise(word, "mr")
    except (ValueError, KeyError, IndexError):  # ko-pron has no data for some syllables: keep going
        return ""
    return ascii_letters(mr).replace("'", "").replace("\u2019", "").replace("-", "")


def hangul_to_latin(text: str) -> str:
    """Replace every Hangul run by English words (known name parts) and romanized names.

    묘향산의료기구공장 -> "myohyangsan medical appliance factory": known words of the lexicon
    are found left to right, longest first; the syllables between them are one romanized name.
    """
    if not HANGUL_SYLLABLE.search(text):
        return text
    return HANGUL_SYLLABLE.sub(lambda m: f" {_translate_run(m.group(0))} ", text)


def _translate_run(run: str) -> str:
    from factorywatch.resolve.lexicon import lexicon  # the lexicon folds with this module's fold

    table = lexicon().hangul
    longest = max(map(len, table))
    parts: list[str] = []
    pending = ""
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 1, -1):
            english = table.get(run[i : i + size])
            if english is not None:
                break
        else:
            pending += run[i]
            i += 1
            continue
        if pending:
            parts.append(romanize_hangul(pending))
            pending = ""
        parts.append(english)
        i += size
    if pending:
        parts.append(romanize_hangul(pending))
    return " ".join(p for p in parts if p)
