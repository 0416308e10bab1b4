"""Neo4j benchmark: load rate into a Bolt server and every canned query's latency on both stores.

Each argument is a graph folder (`kg build … --out DIR`, used as it is), a corpus folder
(built first), or a scale N (N × the sample made by benchmarks/synthetic.py, then built);
no argument: the sample corpus. One ArcadeDB Bolt server (tests/bolt_server.py) serves
them all, each graph in an emptied database: a first load into a fresh server pays the
JVM's warm-up, so the sample, loaded first, is timed cold and again warm. Then every query
pair runs on the RDF store and on the Bolt server: median of --runs runs after a warm-up
(bound parameters, rows converted to Python values as `kg query` gives them). The machine's
load average is printed with each figure: on a shared machine it says how far to trust it.
Figures, not assertions.

Run: .venv/bin/python benchmarks/neo4j.py [--runs N] [--no-queries] [--skip QUERY] [--skip-rdf QUERY] [GRAPH | CORPUS | SCALE ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# this file is named neo4j.py: its own folder must not shadow the neo4j driver
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from kg import query as canned  # noqa: E402
from kg.build import build  # noqa: E402
from kg.errors import InputError  # noqa: E402
from kg.graphdir import MANIFEST  # noqa: E402
from kg.model import read  # noqa: E402
from kg.neo4j_store import Neo4jStore, folder_tag  # noqa: E402
from kg.store import load  # noqa: E402
from tests.bolt_server import DATABASE, PASSWORD, USER, bolt_server  # noqa: E402

REQUIRED = {"agency": "曲靖市能源局", "person": "刘本芳"}
SAMPLE = ROOT / "data" / "gazettes" / "qujing"


def graph_of(arg: str, work: Path) -> Path:
    """A graph folder for an argument: itself, or the build of a corpus folder or of a synthetic scale."""
    path = Path(arg)
    if (path / MANIFEST).is_file():
        return path
    if arg.isdigit():
        import importlib.util

        spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
        synthetic = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(synthetic)  # scale × the sample, names and years varied
        sources = [SAMPLE] if arg == "1" else synthetic.make_corpus(int(arg), work / f"corpus{arg}")
    else:
        sources = [path]
    out = work / f"graph-{len(list(work.iterdir()))}"
    start = time.perf_counter()
    build(sources, out)
    print(f"built {arg} in {time.perf_counter() - start:.1f} s")
    return out


def timed(fn, runs: int) -> tuple[float, int]:
    """Median milliseconds of `runs` calls after one warm-up (none for a single run: at 100× a query takes
    seconds and a warm-up would double the benchmark), and the number of rows."""
    rows = 0 if runs == 1 else len(fn()[1])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        rows = len(fn()[1])
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, rows


def load_avg() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def bench(neo: Neo4jStore, graph: Path, runs: int, queries: bool, warm_up: bool, skip: set[str], skip_rdf: set[str]) -> None:
    model = read(graph)
    tag = folder_tag(graph)
    loads = 2 if warm_up else 1
    for attempt in range(loads):
        neo.driver.execute_query("MATCH (n) DETACH DELETE n", database_=DATABASE)
        report = neo.load(model, tag=tag)
        when = "cold server" if warm_up and attempt == 0 else "warm server"
        print(f"load ({when}): {report.nodes:,} nodes, {report.relationships:,} relationships in {report.seconds:.1f} s "
              f"= {report.rate:,.0f} relationships/s   [{load_avg()}]")
    again = neo.load(model, tag=tag)
    print(f"reload of the same build (nothing to write): {again.seconds:.1f} s   [{load_avg()}]")
    if not queries:
        return
    rdf = load(graph)
    print(f"{'query':22} {'rows':>7} {'rdf ms':>9} {'bolt ms':>9}")
    for q in canned.available().values():
        if q.name in skip:
            print(f"{q.name:22} skipped")
            continue
        values = canned.bind(q, {k: v for k, v in REQUIRED.items() if k in q.params and q.params[k].required})
        t_rdf, rows = timed(lambda: canned.execute(rdf, q, values), runs) if q.name not in skip_rdf else (float("nan"), -1)
        neo_rows, t_neo = rows, "        –"
        try:
            if q.cypher.strip():
                ms, neo_rows = timed(lambda: canned.execute(neo, q, values), runs)
                t_neo = f"{ms:9.1f}"
        except InputError as exc:  # a server that refuses a query (ArcadeDB's heap budget for a sort) is a figure too
            neo_rows, t_neo = rows, f"  failed: {str(exc).split('(', 1)[-1][:160]}"
        differ = "" if neo_rows == rows or rows < 0 else f"   (Bolt gives {neo_rows} rows)"
        rows = rows if rows >= 0 else neo_rows
        print(f"{q.name:22} {rows:7d} {t_rdf:9.1f} {t_neo}{differ}", flush=True)
    print(f"[{load_avg()}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graphs", nargs="*", default=[str(SAMPLE)], help="graph folders, corpus folders or scales")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (after one warm-up)")
    parser.add_argument("--no-queries", dest="queries", action="store_false", help="load rates only")
    parser.add_argument("--skip", action="append", default=[], metavar="QUERY", help="leave out a query (one whose answer outgrows memory)")
    parser.add_argument("--skip-rdf", action="append", default=[], metavar="QUERY", help="run a query on the Bolt server only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, bolt_server(Path(tmp) / "arcadedb", heap="2g") as uri:
        work = Path(tmp) / "graphs"
        work.mkdir()
        with Neo4jStore(uri, USER, PASSWORD, DATABASE) as neo:
            for n, arg in enumerate(args.graphs):
                graph = graph_of(arg, work)
                print(f"\n{arg}: {graph}   [{os.cpu_count()} cores, {load_avg()}]")
                bench(neo, graph, args.runs, args.queries, warm_up=n == 0, skip=set(args.skip), skip_rdf=set(args.skip_rdf))


if __name__ == "__main__":
    main()
