"""Names of classes and relations, taken from ontology/kg.ttl and nowhere else.

`KG.Document` works only if a file of ontology/ declares kg:Document; a typo or an
undeclared term fails at import time of the code that uses it, not in a query
that silently returns nothing.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Namespace, URIRef

from kg.namespaces import BASE
from kg.paths import ONTOLOGY

ID = Namespace(BASE + "id/")


@lru_cache(maxsize=1)
def declared() -> frozenset[URIRef]:
    """Every IRI the vocabulary files describe (read with pyoxigraph: twenty times rdflib's speed,
    and every process of a build asks)."""
    import pyoxigraph as ox

    return frozenset(URIRef(q.subject.value) for path in _vocabulary_files()
                     for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE) if isinstance(q.subject, ox.NamedNode))


def _vocabulary_files() -> list:
    return [p for p in sorted(ONTOLOGY.glob("*.ttl")) if not p.name.startswith("shapes")]


def ontology_graph() -> Graph:
    """All vocabulary files of ontology/ (one per domain; shapes-*.ttl are SHACL, not vocabulary)."""
    g = Graph()
    for path in _vocabulary_files():
        g.parse(path, format="turtle")
    return g


def shapes_graph() -> Graph:
    g = Graph()
    for path in sorted(ONTOLOGY.glob("shapes*.ttl")):
        g.parse(path, format="turtle")
    return g


class StrictNamespace:
    """Attribute access to the terms of one namespace that the ontology declares."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> URIRef:
        term = URIRef(self._base + name)
        if term not in declared():
            raise AttributeError(f"{term} is not declared in ontology/")
        self.__dict__[name] = term  # checked once; later look-ups are plain attributes
        return term

    def __getitem__(self, name: str) -> URIRef:
        return self.__getattr__(name)


KG = StrictNamespace(BASE + "ns#")
ORG = StrictNamespace("http://www.w3.org/ns/org#")
PROV = StrictNamespace("http://www.w3.org/ns/prov#")
DCTERMS = StrictNamespace("http://purl.org/dc/terms/")
ELI = StrictNamespace("http://data.europa.eu/eli/ontology#")
FOAF = StrictNamespace("http://xmlns.com/foaf/0.1/")
SCHEMA = StrictNamespace("https://schema.org/")
GEO = StrictNamespace("http://www.opengis.net/ont/geosparql#")

