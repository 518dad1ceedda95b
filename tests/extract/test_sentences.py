"""Sentence splitting: boundaries on news text, and the invariants later components rely on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factorywatch.extract.pipeline import Pipeline
from factorywatch.extract.sentences import split_sentences
from factorywatch.model import Document


def sentences_of(text: str) -> list[str]:
    return [s.of(text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Inspectors raided the Ryonggang Market on Mar. 3, and left. The next day a trader was held.",
            ["Inspectors raided the Ryonggang Market on Mar. 3, and left.", "The next day a trader was held."],
            id="month-abbreviation",
        ),
        pytest.param(
            "Workers of the Tonghae Battery Factory (No. 512 Factory) went home. Output fell.",
            ["Workers of the Tonghae Battery Factory (No. 512 Factory) went home.", "Output fell."],
            id="number-name",
        ),
        pytest.param(
            "Dr. Ri told the U.S. delegation that N. Korea's mills were idle. They left.",
            ["Dr. Ri told the U.S. delegation that N. Korea's mills were idle.", "They left."],
            id="title-initials",
        ),
        pytest.param(
            "“The plan is a lie,” he said. “Nobody believes it.” The source laughed!",
            ["“The plan is a lie,” he said.", "“Nobody believes it.”", "The source laughed!"],
            id="quotes",
        ),
        pytest.param(
            "Officials said the [factory] was closed (since Oct. 10th). A new manager arrived.",
            ["Officials said the [factory] was closed (since Oct. 10th).", "A new manager arrived."],
            id="brackets",
        ),
        pytest.param(
            "Ryonggang Textile Factory\nRyonggang Textile Factory. Image: KCNA\nThe mill stopped.",
            ["Ryonggang Textile Factory", "Ryonggang Textile Factory.", "Image: KCNA", "The mill stopped."],
            id="caption-lines",
        ),
        pytest.param(
            "The complex was built in 1961 during the\nreconstruction as the\nlargest plant in the region.",
            ["The complex was built in 1961 during the\nreconstruction as the\nlargest plant in the region."],
            id="hard-wrapped",
        ),
        pytest.param(
            "Output rose by 101.4% this year\n\nA second paragraph follows",
            ["Output rose by 101.4% this year", "A second paragraph follows"],
            id="paragraphs",
        ),
        pytest.param("", [], id="empty"),
        pytest.param("  \n\n \t ", [], id="blank"),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


TRICKY = st.text(alphabet=st.sampled_from(list("Ab .!?\n\t“”()[]No.Mar1U.S.’'-\u00a0é한")), max_size=200)


@given(TRICKY | st.text(max_size=200))
def test_sentences_cover_the_text_in_order(text: str) -> None:
    spans = split_sentences(text)
    covered = set()
    last = 0
    for s in spans:
        assert last <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        covered.update(range(s.start, s.end))
        last = s.end
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


def test_component_fills_sentences() -> None:
    analysis = Pipeline(["sentences"])(Document(text="One. Two."))
    assert [s.of(analysis.text) for s in analysis.sentences] == ["One.", "Two."]
