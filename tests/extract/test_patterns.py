"""``patterns``: lexicon entries as regex, their anchors, and the anchored search, which must
find exactly what a plain regex scan finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factorywatch.extract.cues import lexicon
from factorywatch.extract.patterns import Finder, fragment, glued, starts


@pytest.mark.parametrize("entry, keys", [
    ("shut(?:s|ting)? down", {" shut"}),
    ("idle", {" idle "}),
    ("(?:has|have|had) no", {"has| no", "have| no", "had| no"}),
    ("(?:being |been )?(?:held|detained) by",
     {"being| held ", "being| detained ", "been| held ", "been| detained ", " held ", " detained "}),
    ("(?:at|to) a standstill", {"at a| standstill", "to a| standstill"}),
    ("(?:a )?fraction of", {"a| fraction ", " fraction "}),
    ("to (?:\\w+ )?win", {" to "}),
    ("stopp?(?:ed|ing)", {" stop", " stopp"}),
    ("re-?open(?:ed|ing|s)?", {" reopen", " re-open"}),
    ("works?", {" work", " works"}),
    ("(?<!border\\s)clos(?:ed|ing)", {" clos"}),
    ("prosecutor's office", {" prosecutor"}),
    ("on-the-spot (?:guidance|visits?)", {" on-the-spot "}),
    ("\\d+ ?percent", None),
    ("(?:\\w+ )?days a month", None),
    ("n't", None),
    ("(?-i:may)", {" may "}),  # found in any case, told apart by the regex
])
def test_starts(entry: str, keys: set[str] | None) -> None:
    assert starts(entry) == keys


GLUED = "(?!to(?-i:Kim))(?-i:[A-Za-z]*[a-z])?Kim (?:Jong[- ]?(?:Un|Il)|Il[- ]?Sung)(?-i:[a-z]*)"


@pytest.mark.parametrize("entry, word", [
    (GLUED, "kim"),
    ("(?-i:[A-Za-z]*)Kim", "kim"),
    ("(?:[a-z-]*)Kim", None),  # a hyphen is no word character
    ("(?:[ a-z]*)Kim", None),
    ("(?-i:may)", None),
    ("\\d+ ?percent", None),
])
def test_glued(entry: str, word: str | None) -> None:
    assert glued(entry) == word


def test_glued_entries_are_found_where_a_scan_finds_them() -> None:
    finder = Finder([GLUED, "the marshal", "(?:has|have) no", "ha"], "x")
    text = "ChairmanKim Jong Unvisited; toKim Il Sung, Kim Jong Il and KIM JONG UN. It has no ha has. thatKim Jong Il"
    for pos, end in [(0, len(text)), (8, len(text)), (3, 60), (60, len(text))]:
        got = [(m.start(), m.end()) for m in finder.finditer(text, pos, end)]
        assert got == [(m.start(), m.end()) for m in finder.pattern.finditer(text, pos, end)]


def test_a_window_that_ends_where_a_word_starts_is_read_by_its_anchors() -> None:
    finder = Finder(["(?-i:may)", "shut(?:s|ting)? down", "has no"], "x")
    text = "It may shut down; in May it has no coal, and may-be not."
    for end in (text.index("shut"), text.index("in May") + 3, text.index("coal"), text.index("be not")):
        got = [(m.start(), m.end()) for m in finder.finditer(text, 0, end)]
        assert got == [(m.start(), m.end()) for m in finder.pattern.finditer(text, 0, end)]


def test_deferred_words_are_found_across_any_white_space() -> None:
    finder = Finder(["the marshal", "(?:at|to) a standstill", "(?:has|have) no"], "x")
    text = "The\n marshal came; work at  a\tstandstill, has no-, hasno, has,no, X the marshal's; to a standstill"
    for pos, end in [(0, len(text)), (4, len(text)), (0, 30), (20, 60)]:
        got = [(m.start(), m.end()) for m in finder.finditer(text, pos, end)]
        assert got == [(m.start(), m.end()) for m in finder.pattern.finditer(text, pos, end)]
    assert len(finder.matches(text)) == 4  # not "has no-": a hyphen goes on with the word


def test_fragment_spaces_and_apostrophes() -> None:
    assert fragment("worn[- ]out can't stop") == "worn[-\\s]out\\s+can['’]t\\s+stop"


def test_bad_entries_are_reported_with_their_file() -> None:
    with pytest.raises(ValueError, match="where: bad pattern"):
        Finder(["shut(down"], "where")
    with pytest.raises(ValueError, match="quote it"):
        Finder([False], "where")


def test_whole_words_only() -> None:
    finder = Finder(["low", "shut down"], "x")
    assert [m.group(0) for m in finder.finditer("low-priced, shutdown, Shut  down, low.")] == ["Shut  down", "low"]


def test_a_text_that_lower_casing_lengthens_still_gets_right_offsets() -> None:
    finder = Finder(["idle"], "x")
    text = "İİ The mill is idle."
    (m,) = finder.finditer(text)
    assert text[m.start():m.end()] == "idle"


WORDS = ["shut", "down", "the", "factory", "has", "no", "coal", "idle", "not", "operating", "praised", "model",
         "factory", "90", "percent", "of", "plan", "İ", "lack", "of", "power", "-", ",", "“", "’s", "re-opened",
         "stopped", "production", "failed", "to", "meet", "quota", "\n", "Kim", "Jong", "Un", "visited", "ChairmanKim",
         "toKim", "Ilvisited", "Il", "he", "had", "have", "marshal", "respected", "a", "at", "standstill", "in",
         "reality", "reopened", "re-open", "marshal’s", "\t\n", "been", "built", "may", "May"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join), st.integers(0, 20), st.integers(0, 200))
def test_anchored_search_finds_what_a_scan_finds(text: str, pos: int, end: int) -> None:
    lex = lexicon()
    finders = [*lex.cues.values(), lex.positive, lex.negative, *(rule.triggers for rule in lex.rules)]
    for finder in finders:
        got = [m.start() for m in finder.finditer(text, pos, end)]
        want = [m.start() for m in finder.pattern.finditer(text, pos, min(end, len(text)))]
        assert got == want
