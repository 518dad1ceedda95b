"""The words of a facility name before they get their roles in it.

Number and date names are taken out of the text first ("No. 245", "March 30", "2.8",
"326"); the rest is split into words, each folded for English spelling and plural
("Tyres" -> "tire"), then phrases are replaced by their one form (compounds, translation
pairs, number words) and translated geographic words join the name they belong to
("Taedong River" -> "taedonggang"). Every step that made two spellings one is recorded as
a ``Rewrite``, which the matcher shows as a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factorywatch.resolve.lexicon import NameLexicon, lexicon


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One step that made two spellings one (shown to analysts as a reason)."""

    before: str
    after: str
    why: str
    """``romanization``, ``place`` (to the gazetteer's spelling), ``spelling``, ``plural``,
    ``compound``, ``translation`` or ``number``."""


@lru_cache(maxsize=1)
def _number_patterns() -> tuple[re.Pattern[str], ...]:
    lex = lexicon()
    months = "|".join(sorted(map(re.escape, lex.months), key=len, reverse=True))
    markers = "|".join(
        sorted((re.escape(m.rstrip(".:")) for m in lex.number_markers if m.rstrip(".:")), key=len, reverse=True)
    )
    ordinal = r"(?:st|nd|rd|th)?"
    return (
        re.compile(rf"\b(?P<month>{months})\.?\s*(?P<day>\d{{1,2}}){ordinal}\b"),
        re.compile(rf"\b(?P<day>\d{{1,2}}){ordinal}\s+(?P<month>{months})\b"),
        re.compile(r"(?<![\d.])(?P<m>\d{1,2})\s*[.\u00b7\u30fb]\s*(?P<day>\d{1,2})(?![\d]|\.\d)"),
        re.compile(rf"(?:\b(?:{markers})\b\.?|#)\s*#?\s*(?P<n>\d+)"),
        re.compile(rf"\b(?P<n>\d+){ordinal}\b"),
    )


def take_numbers(text: str, lex: NameLexicon) -> tuple[list[str], str]:
    """Pull number and date names out of the text: what remains is words."""
    found: list[str] = []
    month_names = lex.month_names

    def date(month: int, day: int) -> str | None:
        return f"{month_names[month]} {day}" if 1 <= month <= 12 and 1 <= day <= 31 else None

    def take(match: re.Match[str]) -> str:
        groups = match.groupdict()
        if "month" in groups:
            value = date(lex.months[groups["month"]], int(groups["day"]))
        elif "m" in groups:
            value = date(int(groups["m"]), int(groups["day"]))
        else:
            value = str(int(groups["n"]))
        if value is None:
            return match.group(0).replace(".", " ")
        found.append(value)
        return " "

    for pattern in _number_patterns():
        text = pattern.sub(take, text)
    return found, text


def tokenize(text: str, lex: NameLexicon) -> list[str]:
    """Words; a hyphenated word is one word when it is a known compound ("stock-breeding")."""
    out: list[str] = []
    for raw in re.split(r"[\s.#\u00b7\u30fb]+", text):
        parts = [p for p in raw.split("-") if p]
        joined = "".join(parts)
        if len(parts) > 1 and (joined in lex.english or (joined,) in lex.phrases):
            out.append(joined)
        else:
            out.extend(w for p in parts for w in _split_closed(p, lex))
    return out


def _split_closed(word: str, lex: NameLexicon) -> tuple[str, ...]:
    """ "machinetool" -> ("machine", "tool"): two English words written as one."""
    if word in lex.english or (word,) in lex.phrases or len(word) < 7:
        return (word,)
    for i in range(3, len(word) - 2):
        if word[:i] in lex.english and word[i:] in lex.english:
            return word[:i], word[i:]
    return (word,)


def fold_english(word: str, lex: NameLexicon, rewrites: list[Rewrite]) -> str:
    """Spelling and plural folding of one word ("Tyres" -> "tire"), to a fixed point."""
    out = word
    for _ in range(3):
        before = out
        spelled = lex.spelling.get(out, out)
        if len(spelled) > 5:
            for suffix, repl in lex.spelling_suffixes:
                if spelled.endswith(suffix):
                    spelled = spelled[: -len(suffix)] + repl
                    break
        if spelled != out:
            rewrites.append(Rewrite(out, spelled, "spelling"))
        single = _singular(spelled, lex)
        if single != spelled:
            rewrites.append(Rewrite(spelled, single, "plural"))
        out = single
        if out == before:
            break
    return out


def _singular(word: str, lex: NameLexicon) -> str:
    """Plural -> singular, to a fixed point so that a key parses back to itself."""
    for _ in range(3):
        before = word
        if word in lex.plural_irregular:
            word = lex.plural_irregular[word]
        elif len(word) < 4 or word in lex.plural_keep or word.endswith(("ss", "us", "is")):
            return word
        elif word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith(("ches", "shes", "xes", "sses")):
            word = word[:-2]
        elif word.endswith("s"):
            word = word[:-1]
        if word == before:
            return word
    return word


def phrases(words: list[str], lex: NameLexicon, rewrites: list[Rewrite]) -> tuple[list[str], list[str]]:
    """Compounds, translation pairs and number words, longest match first, left to right."""
    longest = lex.longest_phrase
    out: list[str] = []
    numbers: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            span = tuple(words[i : i + size])
            if span in lex.phrases:
                canonical, why = lex.phrases[span]
                rewrites.append(Rewrite(" ".join(span), " ".join(canonical), why))
                out.extend(canonical)
                break
            if size <= 2 and " ".join(span) in lex.numbers:
                value = lex.numbers[" ".join(span)]
                month = lex.months.get(out[-1]) if out else None
                if month and value <= 31:  # "February Eighth" is the date name February 8
                    out.pop()
                    numbers.append(f"{lex.month_names[month]} {value}")
                else:
                    numbers.append(str(value))
                rewrites.append(Rewrite(" ".join(span), numbers[-1], "number"))
                break
        else:
            out.append(words[i])
            size = 1
        i += size
    return out, numbers


def translate(words: list[str], lex: NameLexicon, rewrites: list[Rewrite]) -> list[str]:
    """ "Taedong River" -> "taedonggang", "Mount Paektu" -> "paektusan"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        prev = out[-1] if out else None
        if word in lex.suffix_translations and prev is not None and prev not in lex.english:
            out[-1] = prev + lex.suffix_translations[word]
            rewrites.append(Rewrite(f"{prev} {word}", out[-1], "translation"))
        elif word in lex.prefix_translations and i + 1 < len(words) and words[i + 1] not in lex.english:
            out.append(words[i + 1] + lex.prefix_translations[word])
            rewrites.append(Rewrite(f"{word} {words[i + 1]}", out[-1], "translation"))
            i += 1
        else:
            out.append(word)
        i += 1
    return out
