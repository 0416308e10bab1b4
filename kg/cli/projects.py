"""`kg export projects|powers|groups`: the tables and lists read from the gazettes."""

from __future__ import annotations

from kg.cli import FormatOpt, GraphOpt, OutOpt, export_app, run_query
from kg.output import Format

PROJECT_COLUMNS = ["seq", "name", "county", "capacity_wan_kw", "wkt", "start", "completion", "grid", "times", "outside_county", "list", "doc_number", "source", "line"]
POWER_COLUMNS = ["seq", "province_seq", "department", "name", "type", "basis", "laws", "delegated_to", "doc_number", "source", "line"]
GROUP_COLUMNS = ["group", "role", "member", "member_kind", "post", "doc_number", "source", "line"]


@export_app.command("projects")
def export_projects(graph: GraphOpt, fmt: FormatOpt = Format.csv, output: OutOpt = None) -> None:
    """Every listed project with county, capacity (万千瓦), WKT point, dates and the coordinates flag."""
    run_query("projects", graph, {"county": ""}, fmt, output, PROJECT_COLUMNS)


@export_app.command("powers")
def export_powers(graph: GraphOpt, fmt: FormatOpt = Format.csv, output: OutOpt = None) -> None:
    """Every row of the power catalogues with department type, power type, legal basis and laws."""
    run_query("powers", graph, {"type": ""}, fmt, output, POWER_COLUMNS)


@export_app.command("groups")
def export_groups(graph: GraphOpt, fmt: FormatOpt = Format.csv, output: OutOpt = None) -> None:
    """Every member of every leading group or headquarters: role, person/unit/post, post, document."""
    run_query("group-members", graph, {"group": ""}, fmt, output, GROUP_COLUMNS)
