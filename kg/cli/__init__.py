"""The kg command line: wires the stages together, nothing more.

One typer app; each command group lives in its own module and registers itself
on import (as spaCy's CLI does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from kg import query as canned
from kg.errors import InputError
from kg.output import Format, emit
from kg.store import open_store

app = typer.Typer(
    help="kg: who in a Chinese local government is responsible for what, read from its gazettes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
export_app = typer.Typer(help="Export a part of the graph as CSV or JSON.", no_args_is_help=True)
app.add_typer(export_app, name="export")
err = Console(stderr=True, highlight=False)

GraphOpt = Annotated[Path, typer.Option("--graph", "-g", help="Folder written by `kg build --out`.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table, csv, json, or excel (CSV for spreadsheets: UTF-8 BOM; cells starting with = + - @ get a leading ').")]


def fail(message: str, code: int = 2) -> None:
    err.print(f"error: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(code=code)


def checked_output(path: Optional[Path]) -> Optional[Path]:
    """`-o FILE` is checked when the command line is read, before any query runs."""
    from kg.targets import check_out_file

    if path is not None:
        try:
            check_out_file(path)
        except InputError as exc:
            fail(str(exc))
    return path


OutOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.", callback=checked_output)]


def parse_params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            fail(f"--param takes key=value, got '{item}'")
        params[key.strip()] = value.strip()
    return params


def resolve_params(params: dict[str, str], graph: Path) -> dict[str, str]:
    """`agency` and `person` parameters may be any spelling: resolved with the city data the graph was built with."""
    from kg.store import built_with_city

    city = built_with_city(graph)
    return {k: (canned.resolve_name(k, v, city) if k in ("agency", "person") and v else v) for k, v in params.items()}


def run_query(name: str, graph: Path | None, params: dict[str, str], fmt: Format, output: Optional[Path], columns: list[str] | None = None,
              store: object = None) -> None:
    """Run a canned query on the graph folder's RDF store, or on `store` (a Bolt connection) when given."""
    from kg.store import built_with_city

    try:
        query = canned.get(name)
        city = built_with_city(graph) if graph else None  # its own error first: the manifest check names no field
        target = store if store is not None else open_store(graph)
        cols, rows = canned.run(target, name, params, city=city)
    except InputError as exc:
        fail(str(exc))
        return
    emit(columns or [c for c in cols if not c.startswith("_")], rows, fmt, output)
    if query.note and fmt is Format.table and output is None:
        err.print(f"note: {query.note}", markup=False, soft_wrap=True)


from kg.cli import analyze, bolt, core, evaluate, people, projects, responsibilities, site  # noqa: E402,F401  (register the commands)
from kg.cli import export_graph  # noqa: E402,F401  (kg export subgraph)
from kg.__main__ import main  # noqa: E402,F401  (installs made before the entry point moved to kg.__main__ still call kg.cli:main)
