"""Where an article keeps its metadata: at its edges.

Headlines, datelines ("Pyongyang, October 27 (KCNA) --"), bylines ("Daily NK | 2024-02-06"),
a saved page's header and an agency's trailer ("www.kcna.kp (2025.02.06.)") sit in the first
and last lines of an article. Reading only those keeps metadata detection cheap on long texts
and keeps the body's dates and names ("on Mar. 1", "KCNA said") out of it.
"""

from __future__ import annotations

HEAD_CHARS = 2000
TAIL_CHARS = 1000
SHORT_LINE = 80
"""Bylines, date lines and page headers are short; paragraphs are not."""


def edges(text: str) -> tuple[str, str]:
    """The head and the tail of ``text``, cut at line breaks (the tail is empty for short texts)."""
    if len(text) <= HEAD_CHARS + TAIL_CHARS:
        return text, ""
    head = text[:HEAD_CHARS]
    tail = text[-TAIL_CHARS:]
    return head[: head.rfind("\n") + 1] or head, tail[tail.find("\n") + 1 :]


def edge_lines(text: str) -> list[str]:
    """The stripped, non-empty lines of the head, then of the tail."""
    head, tail = edges(text)
    return [s for part in (head, tail) for line in part.splitlines() if (s := line.strip())]


def short_lines(text: str) -> list[str]:
    """The edge lines short enough to be a byline, a date line or a page header."""
    return [line for line in edge_lines(text) if len(line) <= SHORT_LINE]
