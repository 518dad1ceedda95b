"""The ``contradictions`` component: what the state says against what the ground reports.

Within one document, a facility is contradicted when an official positive claim about it
stands against an independent negative one (../shared/spec/annotation.md "Contradiction").
Official praise followed by official criticism is a change of line, not a contradiction, so
only these two kinds of claim are paired.
"""

from __future__ import annotations

from factorywatch.extract.pipeline import component, evolve
from factorywatch.model import Analysis, Contradiction


@component("contradictions", reads=("claims",), writes=("contradictions",))
def contradictions(analysis: Analysis) -> Analysis:
    praised: dict[int, int] = {}
    faulted: dict[int, int] = {}
    for k, claim in enumerate(analysis.claims):
        if claim.side == "official" and claim.polarity == "positive":
            praised.setdefault(claim.facility, k)
        elif claim.side == "independent" and claim.polarity == "negative":
            faulted.setdefault(claim.facility, k)
    found = tuple(Contradiction(f, praised[f], faulted[f]) for f in sorted(praised) if f in faulted)
    return evolve(analysis, contradictions=found)
