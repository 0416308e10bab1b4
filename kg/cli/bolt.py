"""`kg load neo4j` and the Bolt connection options it shares with `kg query --store neo4j`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli import GraphOpt, app, err, export_app, fail
from kg.errors import InputError

load_app = typer.Typer(help="Load a built graph into a database.", no_args_is_help=True)
app.add_typer(load_app, name="load")

UriOpt = Annotated[Optional[str], typer.Option("--uri", help="Bolt URI (default: $KG_NEO4J_URI, else bolt://localhost:7687).")]
UserOpt = Annotated[Optional[str], typer.Option("--user", help="User (default: $KG_NEO4J_USER, else neo4j).")]
DatabaseOpt = Annotated[Optional[str], typer.Option("--database", help="Database (default: $KG_NEO4J_DATABASE, else neo4j).")]


def read_model(graph: Path):
    """The graph model of a graph folder, or a one-line error."""
    from kg.model import read

    try:
        return read(graph)
    except InputError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{graph}: no graph model here ({exc.strerror or exc}; run `kg build … --out {graph}` first)")


def connect(uri: str | None, user: str | None, database: str | None):
    """A Bolt connection; the password only from KG_NEO4J_PASSWORD or a hidden prompt, never an option."""
    from kg.neo4j_store import Neo4jStore

    uri = uri or os.environ.get("KG_NEO4J_URI") or "bolt://localhost:7687"
    user = user or os.environ.get("KG_NEO4J_USER") or "neo4j"
    database = database or os.environ.get("KG_NEO4J_DATABASE") or "neo4j"
    password = os.environ.get("KG_NEO4J_PASSWORD")
    if password is None:
        if not err.is_terminal:
            fail("no password: set KG_NEO4J_PASSWORD (or run in a terminal to be asked)")
        password = typer.prompt(f"password for {user} at {uri}", hide_input=True, err=True)
    try:
        return Neo4jStore(uri, user, password, database)
    except InputError as exc:
        fail(str(exc))


@load_app.command("neo4j")
def load_neo4j(graph: GraphOpt, uri: UriOpt = None, user: UserOpt = None, database: DatabaseOpt = None,
               batch: Annotated[int, typer.Option(help="Rows per transaction.", min=1)] = 2500) -> None:
    """Load the graph model of GRAPH into a Neo4j 5 (or other Bolt) database: idempotent, nothing stale left."""
    from kg.neo4j_store import folder_tag

    model = read_model(graph)
    store = connect(uri, user, database)
    try:
        report = store.load(model, batch=batch, progress=lambda msg: err.print(f"  {msg}", markup=False) if err.is_terminal else None,
                            tag=folder_tag(graph))
    except InputError as exc:
        fail(str(exc))
        return
    finally:
        store.close()
    print(f"loaded {graph} into {store.uri} database {store.database}: {report.nodes} nodes, {report.relationships} relationships "
          f"in {report.seconds:.1f} s ({report.rate:,.0f} relationships/s); removed {report.removed_nodes} nodes and "
          f"{report.removed_relationships} relationships of other builds (build {report.build})")


def _export(fmt: str, graph: Path, output: Optional[Path], provenance: bool) -> None:
    from kg.export import FORMATS

    import kg.export.cypher, kg.export.neo4j_admin  # noqa: F401,E401  (register the formats)

    model = read_model(graph)
    try:
        FORMATS[fmt](output, provenance=provenance).write(model)
    except (InputError, OSError) as exc:
        fail(str(exc) if isinstance(exc, InputError) else f"{output}: cannot write ({exc.strerror or exc})")
        return
    if output is not None and str(output) != "-":
        err.print(f"wrote {fmt} export of {graph} to {output}", markup=False, soft_wrap=True)


ProvOpt = Annotated[bool, typer.Option("--provenance/--no-provenance", help="Keep source file, lines, quote and extractor on nodes and relationships.")]


@export_app.command("cypher")
def export_cypher(graph: GraphOpt, output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File (default: stdout).")] = None,
                  provenance: ProvOpt = True) -> None:
    """The whole graph as a Cypher script for Neo4j 5 (`cypher-shell -f`): constraints, then UNWIND … MERGE batches."""
    _export("cypher", graph, output, provenance)


@export_app.command("neo4j-admin")
def export_neo4j_admin(graph: GraphOpt, output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the CSV files and import.sh.")],
                       provenance: ProvOpt = True) -> None:
    """Node and relationship CSVs with `neo4j-admin database import full` headers, and the import command."""
    _export("neo4j-admin", graph, output, provenance)
