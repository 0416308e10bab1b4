"""JSON-LD with a context: the ontology's prefixes, so keys read kg:role, dcterms:title …
and any JSON-LD processor expands the document to the Turtle export's triples."""

from __future__ import annotations

import json

import pyoxigraph as ox

from kg.export import register
from kg.export.base import Exporter
from kg.export.encode import emit
from kg.export.rdf import serialize, triples
from kg.model import GraphModel
from kg.namespaces import PREFIXES

# Longest namespace first, so id:agency/… is not written as kg-something.
NAMESPACES = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def curie(iri: str) -> str:
    for prefix, ns in NAMESPACES:
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def compact(node: object) -> object:
    """Keys, @id and @type of pyoxigraph's expanded JSON-LD as compact IRIs of the context."""
    if isinstance(node, list):
        return [compact(n) for n in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, object] = {}
    for key, value in node.items():
        if key in ("@id", "@type"):
            out[key] = [curie(v) for v in value] if isinstance(value, list) else curie(value) if isinstance(value, str) else value
        elif key.startswith("@"):
            out[key] = value
        else:
            out[curie(key)] = compact(value)
    return out


@register("jsonld")
class JSONLD(Exporter):
    name = "jsonld"
    extensions = (".jsonld",)

    def write(self, model: GraphModel) -> None:
        expanded = json.loads(serialize(triples(model, self.provenance), ox.RdfFormat.JSON_LD))
        data = {"@context": dict(PREFIXES), "@graph": compact(expanded)}
        emit(self.target, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
