"""The extraction pipeline: components over one ``Analysis``, in a checked order.

As in spaCy's ``pipe_analysis``, each component declares the ``Analysis`` fields it reads
and writes; ``Pipeline`` refuses an order in which a component reads a field that no
earlier component wrote, so a mis-ordered pipeline fails when it is built, not with wrong
results later.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import MISSING, dataclass, fields
from functools import wraps
from operator import attrgetter
from typing import Final, TypeVar

from factorywatch.model import Analysis, Document, draft_class

ComponentFn = Callable[[Analysis], Analysis]
T = TypeVar("T")

BASE_FIELDS: Final = frozenset({"text", "doc"})
_FIELD_ORDER: Final = tuple(f.name for f in fields(Analysis))
ANALYSIS_FIELDS: Final = frozenset(_FIELD_ORDER)
_ALL_FIELDS: Final = attrgetter(*_FIELD_ORDER)


_Draft: Final = draft_class(Analysis)
"""The ``Analysis`` of a ``Pipeline`` run while its components fill it: the same fields, set
in place (``evolve``); the run hands it back as a frozen ``Analysis`` (its class swapped).
Building a new frozen ``Analysis`` for each component (an object, then its 13 slots set
through their descriptors) cost ~5% of the extraction; no component keeps the analysis it was
given, so filling one is the same."""


_DEFAULTS: Final = tuple((f.name, f.default, f.default_factory) for f in fields(Analysis) if f.name not in BASE_FIELDS)
"""The fields a run starts with at their defaults, with their default factories (``_draft``)."""


def _draft(doc: Document) -> Analysis:
    """A ``_Draft`` of ``doc``'s analysis, as ``Analysis(text=doc.text, doc=doc)`` would be."""
    draft = object.__new__(_Draft)
    for name, default, factory in _DEFAULTS:
        setattr(draft, name, default if factory is MISSING else factory())
    return evolve(draft, text=doc.text, doc=doc)


def evolve(analysis: Analysis, **changes: object) -> Analysis:
    """``dataclasses.replace(analysis, **changes)``, at a fraction of the cost: in a
    ``Pipeline`` run, the run's draft with ``changes`` set in place; otherwise a copy, made
    as a draft and then frozen (``replace`` re-reads the class's fields and runs the frozen
    ``__init__``, a guarded ``setattr`` per field)."""
    if type(analysis) is _Draft:
        for name, value in changes.items():
            setattr(analysis, name, value)  # an unknown name raises AttributeError (slots)
        return analysis
    for name, value in changes.items():
        if getattr(analysis, name) is not value:
            break
    else:
        return analysis  # nothing changes ("events=()" of a document without facilities)
    draft = object.__new__(_Draft)
    for name, value in zip(_FIELD_ORDER, _ALL_FIELDS(analysis), strict=True):
        setattr(draft, name, value)
    return _frozen(evolve(draft, **changes))


def _frozen(draft: Analysis) -> Analysis:
    """A ``_Draft`` made the frozen ``Analysis`` it holds (the same slots allow the swap)."""
    object.__setattr__(draft, "__class__", Analysis)
    return draft


def per_document(fn: Callable[..., T]) -> Callable[..., T]:
    """Keep ``fn``'s last result and give it again when called with the very same objects:
    what two components of one document's pipeline both need is computed once (an argument
    equal to the last but another object computes again; no other document's is kept)."""
    last: list[tuple[tuple, T]] = []  # one (arguments, result) pair, read and replaced whole

    @wraps(fn)
    def cached(*args: object) -> T:
        if last:
            seen, result = last[0]
            if len(args) == len(seen) and all(a is b for a, b in zip(args, seen, strict=True)):
                return result
        result = fn(*args)
        last[:] = [(args, result)]
        return result

    return cached


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    reads: frozenset[str]
    writes: frozenset[str]
    fn: ComponentFn

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.fn(analysis)


REGISTRY: dict[str, Component] = {}


def component(name: str, *, reads: Iterable[str], writes: Iterable[str]) -> Callable[[ComponentFn], ComponentFn]:
    """Register a pure function ``Analysis -> Analysis`` as a pipeline component."""

    def register(fn: ComponentFn) -> ComponentFn:
        r, w = frozenset(reads), frozenset(writes)
        unknown = (r | w) - ANALYSIS_FIELDS
        if unknown:
            raise ValueError(f"component {name}: unknown fields {sorted(unknown)}")
        REGISTRY[name] = Component(name, r, w, fn)
        return fn

    return register


class PipelineError(ValueError):
    """A pipeline whose components are out of order or unknown (a programmer's mistake)."""


class Pipeline:
    def __init__(self, names: Iterable[str]) -> None:
        self.components: list[Component] = []
        written = set(BASE_FIELDS)
        for name in names:
            if name not in REGISTRY:
                raise PipelineError(f"unknown component {name!r}; known: {sorted(REGISTRY)}")
            comp = REGISTRY[name]
            missing = comp.reads - written
            if missing:
                raise PipelineError(f"component {name!r} reads {sorted(missing)} before any component writes it")
            written |= comp.writes
            self.components.append(comp)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, doc: Document) -> Analysis:
        """The document's ``Analysis``, with the cyclic garbage collector paused meanwhile.

        One document's extraction allocates tens of thousands of tuples, lists and records,
        short-lived and in no reference cycle: reference counting frees them all. Yet every
        700 allocations start a collection, and every tenth of those an older generation's,
        down to full ones over every long-lived object (the lexicons): about a tenth of the
        extraction's time (measured on the KCNA corpus) spent finding nothing. Paused for the
        document (as Mercurial's ``util.nogc`` does for its large containers), it resumes
        after, state as found (nothing to restore when it was off already)."""
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            analysis = _draft(doc)
            for comp in self.components:
                analysis = comp.fn(analysis)
        finally:
            if paused:
                gc.enable()
        # (a component may have returned an Analysis of its own)
        return _frozen(analysis) if type(analysis) is _Draft else analysis

    def pipe(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        for doc in docs:
            yield self(doc)
