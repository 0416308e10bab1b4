"""The triples one issue's mapping produces, held as plain Python tuples.

rdflib's `Graph.add` through oxrdflib costs about 18 µs a triple (a third of the
build, notes/PERF.md); mappers only add, remove, test membership and look up the
objects of a subject, so a dictionary index does. One `Facts` holds one issue, so
no look-up grows with the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef

Term = URIRef | Literal
Triple = tuple[URIRef, URIRef, Term]


class Facts:
    def __init__(self) -> None:
        self._spo: dict[URIRef, dict[URIRef, set[Term]]] = {}

    def add(self, triple: Triple) -> None:
        s, p, o = triple
        self._spo.setdefault(s, {}).setdefault(p, set()).add(o)

    def remove(self, triple: Triple) -> None:
        s, p, o = triple
        self._spo.get(s, {}).get(p, set()).discard(o)

    def __contains__(self, triple: Triple) -> bool:
        s, p, o = triple
        return o in self._spo.get(s, {}).get(p, ())

    def value(self, s: URIRef, p: URIRef) -> Term | None:
        objs = self._spo.get(s, {}).get(p)
        if not objs:
            return None
        return next(iter(objs)) if len(objs) == 1 else sorted(objs, key=str)[0]

    def objects(self, s: URIRef, p: URIRef) -> Iterator[Term]:
        return iter(sorted(self._spo.get(s, {}).get(p, ()), key=str))

    def subject_objects(self, p: URIRef) -> Iterator[tuple[URIRef, Term]]:
        for s, props in self._spo.items():
            for o in props.get(p, ()):
                yield s, o

    @property
    def index(self) -> dict[URIRef, dict[URIRef, set[Term]]]:
        """subject → predicate → objects (read only)."""
        return self._spo

    def __iter__(self) -> Iterator[Triple]:
        for s, props in self._spo.items():
            for p, objs in props.items():
                for o in objs:
                    yield s, p, o

    def __len__(self) -> int:
        return sum(len(objs) for props in self._spo.values() for objs in props.values())
