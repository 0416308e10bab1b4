"""`kg analyze` (centrality, communities, oversight) and `kg path A B`, on the graph model with networkx."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from kg.cli import FormatOpt, GraphOpt, OutOpt, app, fail
from kg.cli.bolt import read_model
from kg.errors import InputError
from kg.output import Format, emit, render, write_text


class Section(str, Enum):
    all = "all"
    centrality = "centrality"
    communities = "communities"
    leaders = "leaders"


COLUMNS = {
    "centrality": ["agency", "partners", "shared_tasks", "degree_centrality", "betweenness", "community"],
    "communities": ["community", "agencies", "shared_tasks_inside", "most_connected", "members"],
    "leaders": ["leader", "tasks", "lead_units", "main_units", "documents"],
}
TITLES = {
    "centrality": "Agencies in the co-responsibility network (joined when assigned to the same task), by betweenness",
    "communities": "Communities of agencies that work together (Louvain, weighted by shared tasks)",
    "leaders": "Leaders with the widest oversight (责任领导): tasks overseen and the lead units under them",
}


@app.command()
def analyze(
    graph: GraphOpt,
    what: Annotated[Section, typer.Option("--what", help="all, centrality, communities or leaders (csv takes one).")] = Section.all,
    top: Annotated[int, typer.Option("--top", min=0, help="Rows per table (0: all).")] = 20,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """Centrality of agencies in the co-responsibility network, their communities, and the leaders with the widest oversight."""
    from kg import analyze as nxa

    if fmt is Format.csv and what is Section.all:
        fail("--format csv writes one table: give --what centrality, communities or leaders")
    model = read_model(graph)
    g = nxa.co_responsibility(model)
    tables = {"centrality": lambda: nxa.centrality(model, g), "communities": lambda: nxa.community_rows(model, g), "leaders": lambda: nxa.oversight(model)}
    chosen = list(tables) if what is Section.all else [what.value]
    results = {name: tables[name]()[: top or None] for name in chosen}
    if fmt is Format.json:
        write_text(json.dumps(results if what is Section.all else results[what.value], ensure_ascii=False, indent=2) + "\n", output)
    elif fmt is Format.csv:
        emit(COLUMNS[what.value], results[what.value], fmt, output)
    else:
        write_text("\n".join(f"{TITLES[n]}\n{render(COLUMNS[n], rows, Format.table)}" for n, rows in results.items()), output)


@app.command("path")
def path_cmd(
    start: Annotated[str, typer.Argument(help="An agency, person, place, post, project or document: any spelling.")],
    end: Annotated[str, typer.Argument(help="Another one.")],
    graph: GraphOpt,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """The shortest chain of facts between two entities, each step with the line it was read on."""
    from kg import analyze as nxa
    from kg.query import resolve_name
    from kg.store import built_with_city

    model = read_model(graph)
    try:
        city = built_with_city(graph)
        ends = []
        for name in (start, end):
            spellings = {resolve_name("agency", name, city), resolve_name("person", name, city)}
            found = nxa.find(model, name, spellings)
            if not found:
                from kg.query import did_you_mean

                fail(f"no entity matches {name!r} in {graph}{did_you_mean(name, {n.name for n in model.nodes.values() if n.label in ('Agency', 'Person')})}")
                return
            ends.append(found[0])
    except InputError as exc:
        fail(str(exc))
        return
    rows = nxa.path(model, *ends)
    if not rows:
        fail(f"no chain of facts joins {ends[0].name} and {ends[1].name} in {graph}")
        return
    emit(["step", "from", "relation", "to", "to_kind", "source", "line", "quote"], rows, fmt, output)
