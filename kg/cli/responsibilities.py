"""Responsibility commands: export responsibilities, resolve a name, list agencies."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from kg.cli import FormatOpt, GraphOpt, OutOpt, app, export_app, fail, run_query
from kg.errors import InputError
from kg.output import Format, emit

CityOpt = Annotated[Optional[str], typer.Option("--city", help="City data folder name under data/cities/, or a path.")]


@export_app.command("responsibilities")
def export_responsibilities(
    graph: GraphOpt,
    fmt: FormatOpt = Format.csv,
    output: OutOpt = None,
    doc: Annotated[str, typer.Option(help="Only this document number.")] = "",
) -> None:
    """Every assignment: doc_number, task_id, task, role, mention, entity_id, entity_name, deadline, source, line."""
    cols = ["doc_number", "task_id", "task", "section", "role", "cue", "mention", "entity_id", "entity_name", "entity_type", "deadline", "due_by", "grammar", "source", "line"]
    run_query("responsibilities", graph, {"doc": doc}, fmt, output, cols)


@app.command()
def resolve(
    name: Annotated[str, typer.Argument(help="An agency name in any spelling, e.g. 市发改委.")],
    where: Annotated[Optional[str], typer.Option("--in", help="The government the name is read in: a place (曲靖市, 东莞市, 国务院 for the centre) or its GB/T 2260 code.")] = None,
    city: CityOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Print the entity a name resolves to, and why. Without --in or --city a name is read as
    written: one that names its place (东莞市财政局) resolves, a relative one (市财政局) stays itself."""
    from kg import jurisdiction
    from kg.city import GENERIC, load_city
    from kg.resolve import resolver_of

    if not name.strip():
        fail("kg resolve needs an agency name, e.g. kg resolve 市发改委")
    try:
        data = load_city(city or GENERIC)
        place = jurisdiction.named_government(where) if where else (jurisdiction.of_code(data.code, f"--city {city}") if data.code else None)
        res = resolver_of(data).resolve(name, where=place or jurisdiction.UNSTATED)
    except InputError as exc:
        fail(str(exc))
        return
    row = {
        "mention": res.mention,
        "entity": res.agency.name,
        "type": res.agency.type,
        "known": res.known,
        "why": res.how,
        "members": "、".join(res.agency.members),
    }
    if fmt is Format.json:
        print(json.dumps(row, ensure_ascii=False, indent=2))
    elif fmt.is_csv:
        emit(list(row), [row], fmt)
    else:
        print(f"{res.mention} → {res.agency.name} ({res.agency.type}): {res.how}")
        if res.agency.members:
            print(("city agency: " if res.agency.type == "generic" else "members: ") + "、".join(res.agency.members))


@app.command()
def agencies(graph: GraphOpt, fmt: FormatOpt = Format.table, output: OutOpt = None) -> None:
    """All agencies in the graph with their spellings and task counts by role."""
    run_query("agencies", graph, {}, fmt, output)
