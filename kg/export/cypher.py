"""A Cypher statement script that loads the graph into Neo4j 5 (`cypher-shell -f graph.cypher`).

The same portable statements the Bolt loader sends (kg.neo4j_store), with the rows
written as literals because a script file has no parameters: constraints first, then
`UNWIND [...] AS row MERGE …` per label and per relationship type, 500 rows a statement.
Labels and types pass the ontology whitelist; every string is escaped as a Cypher literal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from kg.export import register
from kg.export.base import Exporter
from kg.model import GraphModel

ROWS_PER_STATEMENT = 500
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def literal(value: Any) -> str:
    """A Cypher literal for a property value (strings escaped; dates as date('…'))."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key(k)}: {literal(v)}" for k, v in value.items()) + "}"
    return "'" + "".join(ESCAPES.get(c, c) for c in str(value)) + "'"


def key(name: str) -> str:
    return name if KEY.match(name) else "`" + name.replace("`", "``") + "`"


def statements(model: GraphModel, provenance: bool = True) -> Iterator[str]:
    from kg.neo4j_store import PROV_KEYS, edge_rows, node_rows

    def rows_of(rows: list[dict[str, Any]]) -> Iterator[str]:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = []
            for row in rows[start : start + ROWS_PER_STATEMENT]:
                props = {k: v for k, v in row["p"].items() if provenance or k not in PROV_KEYS}
                chunk.append(literal({k: v for k, v in row.items() if k != "p"} | {"p": props}))
            yield "[\n  " + ",\n  ".join(chunk) + "\n]"

    nodes = node_rows(model)
    edges = edge_rows(model)
    for label in sorted(nodes):
        yield f"CREATE CONSTRAINT kg_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;"
    for label, rows in sorted(nodes.items()):
        for batch in rows_of(rows):
            yield f"UNWIND {batch} AS row\nMERGE (n:{label} {{id: row.id}}) SET n += row.p;"
    for (rel, src, dst), rows in sorted(edges.items()):
        for batch in rows_of(rows):
            yield (f"UNWIND {batch} AS row\nMATCH (a:{src}) WHERE a.id = row.s MATCH (b:{dst}) WHERE b.id = row.t\n"
                   f"MERGE (a)-[r:{rel} {{id: row.id}}]->(b) SET r += row.p;")


@register("cypher")
class CypherScript(Exporter):
    name = "cypher"
    extensions = (".cypher", ".cql")

    def write(self, model: GraphModel) -> None:
        from kg.output import write_text

        header = "// kg graph model as Cypher for Neo4j 5: cypher-shell -d DATABASE -f FILE\n"
        write_text(header + "\n\n".join(statements(model, self.provenance)), self.target)
