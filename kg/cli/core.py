"""Core commands: build, documents, stats, query, export documents."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import query as canned
from kg.cli import FormatOpt, GraphOpt, OutOpt, app, err, export_app, fail, parse_params, run_query
from kg.cli.bolt import DatabaseOpt, UriOpt, UserOpt, connect
from kg.errors import InputError
from kg.output import Format, emit, warning_lines
from kg.store import MANIFEST, load


class Store(str, Enum):
    rdf = "rdf"
    neo4j = "neo4j"


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Gazette text files or folders of them.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the graph to.")] = Path("build"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Parallel per-issue jobs (default: all cores).")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", help="Map the per-issue jobs on a Dask cluster: its scheduler address (tcp://host:8786), or 'local' for a LocalCluster on this machine.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 1 when the build has warnings (for CI).")] = False,
    city: Annotated[Optional[str], typer.Option("--city", help="Override: read every document as this city's (data/cities/NAME or a folder), instead of each document's own government read from its text.")] = None,
    part_size: Annotated[float, typer.Option("--part-size", min=0.001, help="MB: an issue larger than this is read as several jobs, cut before documents (the same graph; memory bounded by the part).")] = 1.0,
) -> None:
    """Read gazette issues, split them into documents and store the graph in OUT."""
    from kg.build import build as run_build
    from kg.targets import check_out_folder

    try:
        check_out_folder(out)
        result = run_build(inputs, out, progress=(lambda _: None) if quiet else (lambda msg: err.print(msg, markup=False, highlight=False)), city=city, jobs=jobs, dask=dask,
                           part_bytes=int(part_size * 1e6))
    except InputError as exc:
        fail(str(exc))
        return
    for line in warning_lines([str(w) for w in result.warnings], out / MANIFEST):
        err.print(line, markup=False, soft_wrap=True, highlight=False)
    counts = [c for c in result.counts if c.n]
    print(f"built {out}: {', '.join(f'{c.n} {c.name}' for c in counts)}, {result.triples} facts, {len(result.warnings)} warnings")
    if not quiet:
        for c in counts[1:]:
            print(f"  {c.name}: {c.legend()}")
    if strict and result.warnings:
        fail(f"{len(result.warnings)} warnings and --strict", code=1)


@app.command()
def documents(graph: GraphOpt, fmt: FormatOpt = Format.table, issue: Annotated[str, typer.Option(help="Only this issue period, e.g. 2021.12.")] = "") -> None:
    """List the documents: number, date, title."""
    run_query("documents", graph, {"issue": issue}, fmt, None, ["period", "doc_number", "date", "title"] if fmt is Format.table else None)


@app.command()
def stats(graph: GraphOpt, fmt: FormatOpt = Format.table) -> None:
    """Count the nodes of each kind in the graph, saying what the headline kinds hold."""
    from kg.counts import headline

    try:
        g = load(graph)
        _, rows = canned.run(g, "stats", {})
        what = {c.kind: c.breakdown() for c in headline(g)}
    except InputError as exc:
        fail(str(exc))
        return
    emit(["kind", "count", "what"], [dict(r, what=what.get(str(r["kind"]), "")) for r in rows], fmt)


@app.command("query", context_settings={"help_option_names": []})
def query_cmd(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Argument(help="Canned query name; omit to list them.")] = None,
    graph: Annotated[Optional[Path], typer.Option("--graph", "-g", help="Folder written by `kg build --out` (the RDF store; the city data for names).")] = None,
    param: Annotated[list[str], typer.Option("--param", "-p", help="key=value, repeatable.")] = [],
    store: Annotated[Store, typer.Option("--store", help="rdf (the graph folder) or neo4j (a Bolt server loaded by `kg load neo4j`).")] = Store.rdf,
    uri: UriOpt = None,
    user: UserOpt = None,
    database: DatabaseOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
    show_help: Annotated[bool, typer.Option("--help", "-h", help="Show this message, or with NAME that query's parameters.")] = False,
) -> None:
    """Run a canned query from queries/ (without NAME: list them with their parameters)."""
    if show_help and name is None:
        print(ctx.get_help())
        return
    if name is None:
        for q in canned.available().values():
            params = ", ".join(f"{p.name}" + (f"={p.default}" if p.default not in (None, "") else "") for p in q.params.values()) or "no parameters"
            print(f"{q.name}: {q.question} [{params}]")
        return
    if show_help:
        try:
            q = canned.get(name)
        except InputError as exc:
            fail(str(exc))
            return
        lines = [f"kg query {q.name} [--param NAME=VALUE …] --graph DIR [--store rdf|neo4j]", "", f"{q.title}: {q.question}", ""]
        lines += ["Parameters:"] + [f"  {p.describe()}" for p in q.params.values()] if q.params else ["No parameters."]
        lines += ["", "Columns: " + ", ".join(q.column_names())] + ([f"", f"Note: {q.note}"] if q.note else [])
        print("\n".join(lines))
        return
    if store is Store.neo4j:
        bolt = connect(uri, user, database)
        try:
            run_query(name, graph, parse_params(param), fmt, output, store=bolt)
        finally:
            bolt.close()
        return
    if graph is None:
        fail("--graph DIR is required to run a query on the RDF store")
    run_query(name, graph, parse_params(param), fmt, output)


@export_app.command("documents")
def export_documents(graph: GraphOpt, fmt: FormatOpt = Format.csv, output: OutOpt = None) -> None:
    """Every document with doc_number, title, issuer, date, source, line."""
    cols = ["doc_number", "title", "issuer", "date", "doc_type", "period", "source", "line"]
    run_query("documents", graph, {"issue": ""}, fmt, output, cols)


