"""Pages for journalists: `kg site` (the whole static site) and `kg viz` (one neighbourhood page)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from kg.cli import GraphOpt, app, fail
from kg.errors import InputError


@app.command()
def site(
    graph: GraphOpt,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the site to (replaced if kg site wrote it before).")] = Path("site"),
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="How far an entity page's graph can widen.")] = 2,
) -> None:
    """Write a static, offline HTML site over the graph: search, a page per entity, networks, timeline."""
    from visualizations.site import write_site

    from kg.targets import check_out_folder

    start = time.perf_counter()
    try:
        check_out_folder(out)
        report = write_site(graph, out, depth)
    except InputError as exc:
        fail(str(exc))
        return
    print(f"wrote {out}: {report.pages} files, {report.bytes / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s; "
          f"largest graph {report.largest_nodes} nodes ({report.largest_page})")
    print(f"open {(out / 'index.html').resolve().as_uri()}")


@app.command()
def viz(
    entity: Annotated[str, typer.Argument(help="An agency, person, county, document, project or group, under any spelling.")],
    graph: GraphOpt,
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, max=4, help="Steps out from the entity.")] = 1,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("viz.html"),
) -> None:
    """Write one self-contained page with ENTITY's neighbourhood graph and facts."""
    from visualizations.site import write_viz

    from kg.targets import check_out_file

    if output.suffix.lower() not in (".html", ".htm"):
        fail(f"{output}: the output must be an .html file")
    try:
        check_out_file(output)
        node, count = write_viz(graph, entity, depth, output)
    except InputError as exc:
        fail(str(exc))
        return
    print(f"wrote {output}: {node.name}, {count} nodes to depth {depth}")
