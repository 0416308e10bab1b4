"""The graph model in a Bolt server (Neo4j 5, or ArcadeDB's Bolt plugin), and read queries on it.

Loading follows the graph model and nothing else (never the RDF): a node label or a
relationship type is written into a statement only if the ontology declares it
(labels cannot be parameters); every value travels as a parameter. Only Cypher that
both Neo4j 5 and ArcadeDB accept is used: unique constraints, one label per MERGE,
both endpoints bound with `MATCH … WHERE x.id = row.s` before the relationship
MERGE, batches made here and written through `execute_write`, `database` always given.

Reloads are idempotent (MERGE on `id`), and every node and relationship carries the
build it came from (`kg_build`, the model's content hash): after a load has written
everything, whatever carries another build is deleted. A larger build therefore adds
what is new and leaves nothing stale, and a load killed half-way is simply run again
(the sweep only runs once the whole model is in).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.model import MODEL_FILE, Edge, GraphModel, Node, dump_lines

BATCH = 2500  # TOOLS.md: 2500–5000 rows a transaction is the sweet spot on ArcadeDB; 1000 costs ~20 %
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
PROV_KEYS = ("prov_file", "prov_line_start", "prov_line_end", "prov_quote", "prov_extractor")
Work = list[tuple[str, str, list[dict[str, Any]]]]  # (kind named in errors, statement, rows) run in one transaction


# The graph model's contract (HELPERS.md), used only while ontology/ declares no kg:nodeLabel.
CONTRACT_LABELS = frozenset("""Agency Person Task Document Issue Event Project Division Place Post Appointment Law Power
    DepartmentType Section Table Attachment DocumentPart ListTotal ProjectMention DutyStatement""".split())


@lru_cache(maxsize=1)
def whitelist() -> tuple[frozenset[str], frozenset[str]]:
    """(node labels, relationship types) the ontology allows: its kg:nodeLabel values; every object property,
    n-ary edge type and shortcut property as UPPER_SNAKE (isPartOf → IS_PART_OF, leads → LEADS)."""
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF

    from kg.namespaces import BASE
    from kg.vocab import ontology_graph

    g = ontology_graph()
    kg = lambda name: URIRef(BASE + "ns#" + name)  # noqa: E731
    local = lambda iri: re.split(r"[#/]", str(iri))[-1]  # noqa: E731
    upper = lambda name: re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()  # noqa: E731
    labels = frozenset(str(o) for o in g.objects(None, kg("nodeLabel"))) or CONTRACT_LABELS
    types = frozenset({upper(local(p)) for p in g.subjects(RDF.type, OWL.ObjectProperty)}
                      | {str(o) for o in g.objects(None, kg("edgeType"))}
                      | {upper(local(p)) for p in g.subjects(kg("shortcutOf"), None)})
    return labels, types


def node_labels() -> frozenset[str]:
    return whitelist()[0]


def edge_types() -> frozenset[str]:
    return whitelist()[1]


def _checked(name: str, allowed: frozenset[str], what: str) -> str:
    if name not in allowed or not IDENTIFIER.match(name):
        raise InputError(f"graph model: {what} {name!r} is not declared in the ontology; refusing to write it into Cypher")
    return name


@dataclass
class LoadReport:
    nodes: int
    relationships: int
    removed_nodes: int
    removed_relationships: int
    seconds: float
    build: str

    @property
    def rate(self) -> float:
        return self.relationships / self.seconds if self.seconds else 0.0


def _scalar(value: Any, kind: str) -> Any:
    if kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def properties(props: Mapping[str, Any], prop_types: Mapping[str, str]) -> dict[str, Any]:
    """Scalars and lists of scalars only (Neo4j stores no maps and no nulls); dates typed."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None or value == [] or isinstance(value, dict):
            continue
        kind = prop_types.get(key, "string")
        if kind.startswith("list[") and not isinstance(value, list):  # a list property holds a list even with one value
            value = [value]
        kind = kind.removeprefix("list[").removesuffix("]")
        if isinstance(value, list):
            items = [_scalar(v, kind) for v in value if v is not None and not isinstance(v, (dict, list))]
            if items and len({type(i) for i in items}) > 1:  # a Neo4j list holds one type
                items = [str(i) for i in items]
            if items:
                out[key] = items
        else:
            out[key] = _scalar(value, kind)
    return out


def provenance(sources: Iterable[Any]) -> dict[str, list[Any]]:
    """Where a node or fact was read, as parallel lists (file, first and last line, quote, extractor)."""
    cols: dict[str, list[Any]] = {k: [] for k in PROV_KEYS}
    for s in sources:
        for key, value in zip(PROV_KEYS, (s.file, s.line_start, s.line_end, s.quote, s.extractor)):
            cols[key].append(value)
    return cols if cols["prov_file"] else {}


def build_tag(model: GraphModel) -> str:
    """The model's content hash: of its lines as `kg build` writes them to model.jsonl."""
    digest = hashlib.sha256()
    for line in dump_lines(model):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def folder_tag(folder: Path) -> str:
    """build_tag of a graph folder's model from the file's bytes: the same hash without serialising the
    model again (4.5 s of a 20 s load at 10×)."""
    from kg.graphdir import current

    with (current(folder) / MODEL_FILE).open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()[:16]


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def node_rows(model: GraphModel) -> dict[str, list[dict[str, Any]]]:
    labels = node_labels()
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in model.nodes.values():
        label = _checked(n.label, labels, "node label")
        props = properties(n.props, model.prop_types)
        props.update(provenance(n.provenance))
        if n.name and n.name != re.split(r"[#/]", n.id)[-1]:  # the model names a node without a label by its IRI's end
            props["name"] = n.name
        rows[label].append({"id": n.id, "p": props})
    return rows


def edge_rows(model: GraphModel) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    types = edge_types()
    rows: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in model.edges:
        if e.source not in model.nodes or e.target not in model.nodes:
            continue  # an edge to a node the model does not hold cannot be drawn
        key = (_checked(e.type, types, "relationship type"), model.nodes[e.source].label, model.nodes[e.target].label)
        props = properties(e.props, model.prop_types)
        props.update(provenance(e.provenance))
        rows[key].append({"id": e.id, "s": e.source, "t": e.target, "p": props})
    return rows


class Neo4jStore:
    """One connection to one database of a Bolt server."""

    def __init__(self, uri: str, user: str, password: str, database: str) -> None:
        from neo4j import GraphDatabase

        self.uri, self.user, self.database = uri, user, database
        try:
            self.driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=10, max_transaction_retry_time=5)
            self.driver.verify_connectivity()
            self.driver.execute_query("RETURN 1", database_=database)
        except Exception as exc:  # every driver failure becomes one line that says what to fix
            raise InputError(self.explain(exc, "connect")) from None

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def explain(self, exc: Exception, kind: str) -> str:
        from neo4j import exceptions as ne

        code = getattr(exc, "code", "") or ""
        message = (getattr(exc, "message", None) or str(exc) or type(exc).__name__).splitlines()[0]
        if isinstance(exc, ne.AuthError) or "Unauthorized" in code or "authentication" in message.lower():
            return f"{self.uri}: the server refused user '{self.user}' with this password (set KG_NEO4J_PASSWORD)"
        if "DatabaseNotFound" in code or "database not found" in message.lower() or "does not exist" in message.lower() and "database" in message.lower():
            return f"{self.uri}: no database named '{self.database}' on this server (create it, or pass --database)"
        if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
            return f"{self.uri}: cannot reach a Bolt server ({message})"
        if isinstance(exc, (ne.ConfigurationError, ValueError)):
            return f"{self.uri}: not a usable Bolt URI ({message})"
        return f"{self.uri}: the server refused a {kind} statement ({code or type(exc).__name__}: {message})"

    # ------------------------------------------------------------ reading

    def cypher(self, text: str, params: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
        from neo4j import RoutingControl

        try:
            records, summary, keys = self.driver.execute_query(text, parameters_=dict(params), database_=self.database, routing_=RoutingControl.READ)
        except Exception as exc:
            raise InputError(self.explain(exc, "read query")) from None
        return list(keys), [list(r.values()) for r in records]

    def counts(self) -> tuple[int, int]:
        _, rows = self.cypher("MATCH (n) RETURN count(n) AS n", {})
        _, rels = self.cypher("MATCH ()-[r]->() RETURN count(r) AS n", {})
        return rows[0][0], rels[0][0]

    # ------------------------------------------------------------ writing

    def _transaction(self, work: Work) -> None:
        """Run (kind, statement, rows) items in one managed transaction; a refusal names the kind that failed."""
        current = ["transaction"]

        def run(tx: Any) -> None:
            for kind, statement, rows in work:
                current[0] = kind
                tx.run(statement, rows=rows).consume()

        try:
            with self.driver.session(database=self.database) as session:
                session.execute_write(run)
        except Exception as exc:
            raise InputError(self.explain(exc, current[0])) from None

    def _held(self) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
        """What kg builds already wrote here: node id → build, (type, relationship id) → build.

        One probe first: on a database no kg build has touched (a first load) there is nothing
        to scan, skip or sweep. Otherwise one scan for nodes and one for relationships, rather
        than one per label and type (70 on the sample, most of a reload's time).
        """
        _, probe = self.cypher("MATCH (x) WHERE x.kg_build IS NOT NULL RETURN x.kg_build LIMIT 1", {})
        if not probe:
            return {}, {}
        _, nodes = self.cypher("MATCH (x) WHERE x.kg_build IS NOT NULL RETURN x.id, x.kg_build", {})
        _, rels = self.cypher("MATCH ()-[x]->() WHERE x.kg_build IS NOT NULL RETURN type(x), x.id, x.kg_build", {})
        return {r[0]: r[1] for r in nodes}, {(r[0], r[1]): r[2] for r in rels}

    def load(self, model: GraphModel, batch: int = BATCH, progress: Callable[[str], None] | None = None,
             tag: str | None = None) -> LoadReport:
        """Write the model; then remove what an earlier build left that this one does not have.

        What is new is CREATEd (a relationship MERGE walks every relationship of a busy node:
        quadratic on ArcadeDB), what another build wrote is replaced in place, and what this
        build already wrote (a re-run after a killed load) is skipped. Endpoints are bound as
        `MATCH (a:Label {id: row.s})`: ArcadeDB answers that from the unique index about twice
        as fast as `WHERE a.id = row.s`. Small groups share a transaction (up to `batch` rows),
        so the sample's 70-odd (label) and (type, source, target) groups are a handful of commits.
        `tag` is the model's build_tag when the caller has it (folder_tag of the folder it read).
        """
        start = time.perf_counter()
        tag = tag or build_tag(model)
        nodes = node_rows(model)
        edges = edge_rows(model)
        for label in sorted(nodes):
            self._transaction([("constraint", f"CREATE CONSTRAINT kg_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE", [])])
        held_nodes, held_rels = self._held()
        work: Work = []
        for label, rows in sorted(nodes.items()):
            work += _plan(f"{label} node", {
                "create": f"UNWIND $rows AS row CREATE (n:{label}) SET n = row.p",
                "replace": f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n = row.p",
            }, rows, lambda row: held_nodes.get(row["id"]), tag)
        for (rel, src, dst), rows in sorted(edges.items()):
            bind = f"UNWIND $rows AS row MATCH (a:{src} {{id: row.s}}) MATCH (b:{dst} {{id: row.t}}) "
            work += _plan(f"{rel} relationship", {
                "create": bind + f"CREATE (a)-[r:{rel}]->(b) SET r = row.p",
                "replace": bind + f"MATCH (a)-[r:{rel}]->(b) WHERE r.id = row.id SET r = row.p",
            }, rows, lambda row, rel=rel: held_rels.get((rel, row["id"])), tag)
        for transaction in _pack(work, batch):
            self._transaction(transaction)
            if progress:
                progress(", ".join(f"{len(rows)} {kind}" for kind, _, rows in transaction))
        stale = any(b != tag for b in held_nodes.values()) or any(b != tag for b in held_rels.values())
        removed_rels = removed_nodes = 0
        if stale:  # nothing of another build was here: nothing to sweep (two full scans saved)
            removed_rels = self._sweep("MATCH ()-[r]->() WHERE r.kg_build <> $build WITH r LIMIT 10000 DELETE r RETURN count(*) AS n", tag)
            removed_nodes = self._sweep("MATCH (n) WHERE n.kg_build <> $build WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n", tag)
        return LoadReport(sum(map(len, nodes.values())), sum(map(len, edges.values())), removed_nodes, removed_rels,
                          time.perf_counter() - start, tag)

    def _sweep(self, statement: str, tag: str) -> int:
        """Delete in bounded transactions until nothing of another build is left."""
        total = 0
        while True:
            def work(tx: Any) -> int:
                return tx.run(statement, build=tag).single()["n"]

            try:
                with self.driver.session(database=self.database) as session:
                    n = session.execute_write(work)
            except Exception as exc:
                raise InputError(self.explain(exc, "stale-data DELETE")) from None
            total += n
            if n == 0:
                return total



def _plan(what: str, statements: dict[str, str], rows: list[dict[str, Any]], held: Callable[[dict[str, Any]], str | None],
          tag: str) -> Work:
    """(kind, statement, rows) for what is new (create) and what another build wrote (replace); this build's rows are skipped."""
    for row in rows:
        row["p"] = dict(row["p"], id=row["id"], kg_build=tag)
    todo = {"create": [r for r in rows if held(r) is None],
            "replace": [r for r in rows if held(r) not in (None, tag)]}
    return [(f"{what} {action.upper()}", statements[action], chosen) for action, chosen in todo.items() if chosen]


def _pack(work: Work, batch: int) -> Iterator[Work]:
    """Transactions of at most `batch` rows: a large group split, small groups sharing one."""
    current: Work = []
    size = 0
    for kind, statement, rows in work:
        for chunk in _batches(rows, batch):
            if size + len(chunk) > batch and current:
                yield current
                current, size = [], 0
            current.append((kind, statement, chunk))
            size += len(chunk)
    if current:
        yield current
