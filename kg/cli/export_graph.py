"""`kg export subgraph`: select a part of the graph model and write it in a graph tool's format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli import GraphOpt, err, export_app, fail, parse_params, resolve_params
from kg.errors import InputError

def check_target(target: Path | None, directory: bool) -> None:
    """Refuse an unwritable target before reading anything (one line, no traceback)."""
    from kg.targets import check_out_file, check_out_folder

    if target is None:
        if directory:
            raise InputError("this format writes a folder of files: give it with -o FOLDER")
    elif directory:
        check_out_folder(target)
    else:
        check_out_file(target)


def query_rows(graph: Path, name: str, params: dict[str, str]) -> list[dict[str, object]]:
    """The rows of a canned query over the built graph (the query runner's public function)."""
    from kg import query as canned
    from kg.store import built_with_city, open_store

    _, rows = canned.run(open_store(graph), name, params, city=built_with_city(graph))
    return rows


def respeller(graph: Path):
    """Other spellings of a name from the city data the graph was built with (市发改委 → 曲靖市发展和改革委员会)."""

    def respell(name: str) -> list[str]:
        out = []
        for key in ("agency", "person"):
            try:
                out.append(resolve_params({key: name}, graph)[key])
            except InputError:
                pass
        return [o for o in out if o and o != name]

    return respell


@export_app.command("subgraph")
def subgraph(
    graph: GraphOpt,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File (or folder, for csv and neo4j-admin) to write; - for stdout.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml, gexf, node-link, jsonld, turtle, nquads, csv, ftm, cypher, neo4j-admin; default from the -o file's extension.")] = "",
    center: Annotated[list[str], typer.Option("--center", "-c", help="An entity, any spelling (an agency, person, document number …); repeatable.")] = [],
    depth: Annotated[Optional[int], typer.Option("--depth", "-d", min=0, help="Hops around the seeds (default 1 around --center, 0 around --group, --jurisdiction and --query rows).")] = None,
    types: Annotated[list[str], typer.Option("--type", "-t", help="Only nodes of this label (Agency, Task, Person, Event …); repeatable.")] = [],
    roles: Annotated[list[str], typer.Option("--role", help="Only facts with this role (lead, responsible, cooperate, participate, leader; chair, attend); repeatable.")] = [],
    documents: Annotated[list[str], typer.Option("--document", help="Only what was read from this document (文号 or title); repeatable.")] = [],
    issues: Annotated[list[str], typer.Option("--issue", help="Only what was read from this gazette issue (its name or period); repeatable.")] = [],
    year: Annotated[str, typer.Option("--year", help="Only facts dated in this year (and what they join).")] = "",
    since: Annotated[str, typer.Option("--since", help="Only facts dated on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).")] = "",
    until: Annotated[str, typer.Option("--until", help="Only facts dated on or before this day.")] = "",
    jurisdictions: Annotated[list[str], typer.Option("--jurisdiction", "--county", help="A county or other division: it, what lies in it, the agencies named under it; repeatable.")] = [],
    groups: Annotated[list[str], typer.Option("--group", help="A group (领导小组 …): it and its members; repeatable.")] = [],
    query: Annotated[str, typer.Option("--query", "-q", help="A canned query: the entities in its rows and the facts between them.")] = "",
    param: Annotated[list[str], typer.Option("--param", "-p", help="key=value for --query; repeatable.")] = [],
    no_provenance: Annotated[bool, typer.Option("--no-provenance", help="Leave out the source file, line, quote and document of each node and fact.")] = False,
) -> None:
    """Write the selected part of the graph (nodes, facts, provenance) in a graph tool's format."""
    from kg import model as graph_model
    from kg.export import format_for, load_formats
    from kg.select import Spec, select, year_window

    formats = load_formats()
    name = fmt or (format_for(output.name) if output is not None and str(output) != "-" else None)
    if not name:
        fail("give --format (" + ", ".join(sorted(formats)) + ")" + (f": no format has the ending of {output.name}" if output is not None and str(output) != "-" else ""))
        return
    if name not in formats:
        fail(f"no export format '{name}' (formats: {', '.join(sorted(formats))})")
        return
    exporter_class = formats[name]
    target = None if output is None or str(output) == "-" else output
    try:
        check_target(target, exporter_class.directory)
        if year and (since or until):
            raise InputError("give --year or --since/--until, not both")
        if year:
            since, until = year_window(year)
        spec = Spec(centers=center, depth=depth, types=types, roles=roles, documents=documents, issues=issues,
                    since=since, until=until, jurisdictions=jurisdictions, groups=groups)
        if param and not query:
            raise InputError("--param goes with --query")
        model = graph_model.read(graph)
        if query:
            spec.query_rows = query_rows(graph, query, parse_params(param))
        selected = select(model, spec, respeller(graph))
        if not selected.nodes:
            raise InputError("the selection is empty: nothing in the graph matches all of the criteria given")
        exporter_class(target, provenance=not no_provenance).write(selected)
    except InputError as exc:
        fail(str(exc))
        return
    except OSError as exc:
        fail(f"{output}: {exc.strerror or exc}")
        return
    where = "standard output" if target is None else str(target)
    err.print(f"wrote {len(selected.nodes)} nodes and {len(selected.edges)} edges as {name} to {where}", markup=False, soft_wrap=True)
