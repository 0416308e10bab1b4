"""What every exporter shares: scalar encoding of values, provenance as fields, and the sink.

Graph formats (GraphML, GEXF, CSV) take scalars only: a list is joined with
LIST_SEPARATOR and a missing value is left out, never written as "None".
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.model import Edge, GraphModel, Node, Source, Value
from kg.select import SOURCE_DOCUMENT
from kg.store import write_atomic

LIST_SEPARATOR = "; "


def scalar(value: Value | None) -> str | int | float | bool | None:
    if isinstance(value, list):
        items = [str(v) for v in value if v is not None and v != ""]
        return LIST_SEPARATOR.join(items) if items else None
    if value is None or value == "":
        return None
    return value


def scalar_props(props: dict[str, Value]) -> dict[str, str | int | float | bool]:
    return {k: v for k, v in ((k, scalar(v)) for k, v in sorted(props.items())) if v is not None}


def provenance_fields(sources: list[Source]) -> dict[str, str | int]:
    """The first source as file, line and quote; every source as `file:start-end` joined."""
    if not sources:
        return {}
    first = sources[0]
    return {
        "source_file": first.file,
        "source_line": first.line_start,
        "quote": first.quote,
        "sources": LIST_SEPARATOR.join(f"{s.file}:{s.line_start}-{s.line_end}" for s in sources),
    }


# Keys the formats use themselves; a property with such a name is written as prop_<name>.
PROVENANCE_KEYS = ("source_file", "source_line", "quote", "sources")
RESERVED = frozenset({"id", "key", "label", "name", "type", "source", "target", "kind", "fact", "start", "end", *PROVENANCE_KEYS})


def _props(props: dict[str, Value], scalars: bool) -> dict[str, Value]:
    out = scalar_props(props) if scalars else {k: v for k, v in sorted(props.items()) if v is not None and v != []}
    return {(f"prop_{k}" if k in RESERVED else k): v for k, v in out.items()}


def node_fields(n: Node, provenance: bool, scalars: bool = True) -> dict[str, Value]:
    fields = _props(n.props, scalars)
    fields.update(provenance_fields(n.provenance) if provenance else {})
    fields.update(label=n.label, name=n.name)
    return fields


def edge_fields(e: Edge, provenance: bool, scalars: bool = True) -> dict[str, Value]:
    props = e.props if provenance else {k: v for k, v in e.props.items() if k != SOURCE_DOCUMENT}
    fields = _props(props, scalars)
    fields.update(provenance_fields(e.provenance) if provenance else {})
    fields.update(type=e.type)
    return fields


def without_provenance(model: GraphModel) -> GraphModel:
    nodes = {i: Node(n.id, n.label, n.name, n.props, []) for i, n in model.nodes.items()}
    edges = [Edge(e.id, e.type, e.source, e.target, {k: v for k, v in e.props.items() if k != SOURCE_DOCUMENT}, [])
             for e in model.edges]
    return GraphModel(nodes, edges, model.prop_types)


def emit(target: Path | None, data: bytes) -> None:
    """Into the target file atomically (nothing half-written), or to standard output."""
    if target is None or str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(target, data)
