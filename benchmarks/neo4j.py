"""Neo4j benchmark: load rate into a Bolt server and every canned query's latency on both stores.

Builds the sample corpus (and the 10×/100× synthetic corpora when benchmarks/synthetic.py
is there), starts ArcadeDB's Bolt server (tests/bolt_server.py), loads each graph model
and prints relationships/s, then runs every query pair on the RDF store and on the Bolt
server and prints the median of 5 runs (bound parameters, rows converted; the first run
warms caches and is not counted). Figures, not assertions.

Run: .venv/bin/python benchmarks/neo4j.py [SCALE ...]     (default: 1, and 10 100 if synthetic.py exists)
"""

from __future__ import annotations

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
from kg.model import read  # noqa: E402
from kg.neo4j_store import Neo4jStore  # noqa: E402
from kg.store import load  # noqa: E402
from tests.bolt_server import DATABASE, PASSWORD, USER, bolt_server  # noqa: E402

REQUIRED = {"agency": "曲靖市能源局", "person": "刘本芳"}


def corpus(scale: int, work: Path) -> list[Path]:
    if scale == 1:
        return [ROOT / "data" / "gazettes" / "qujing"]
    import importlib.util

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)  # scale × the sample, names and years varied
    return synthetic.make_corpus(scale, work / f"corpus{scale}")


def median_ms(fn, runs: int = 5) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    scales = [int(a) for a in sys.argv[1:]] or ([1, 10, 100] if (ROOT / "benchmarks" / "synthetic.py").is_file() else [1])
    with tempfile.TemporaryDirectory() as tmp, bolt_server(Path(tmp) / "arcadedb") as uri:
        for scale in scales:
            out = Path(tmp) / f"graph{scale}"
            start = time.perf_counter()
            build(corpus(scale, Path(tmp)), out)
            print(f"\n{scale}× corpus: built in {time.perf_counter() - start:.1f} s")
            model = read(out)
            with Neo4jStore(uri, USER, PASSWORD, DATABASE) as neo:
                neo.driver.execute_query("MATCH (n) DETACH DELETE n", database_=DATABASE)
                report = neo.load(model)
                print(f"load into ArcadeDB (Bolt): {report.nodes:,} nodes, {report.relationships:,} relationships in {report.seconds:.1f} s "
                      f"= {report.rate:,.0f} relationships/s")
                again = neo.load(model)
                print(f"reload of the same build (idempotent, nothing to write): {again.seconds:.1f} s")
                rdf = load(out)
                print(f"{'query':22} {'rows':>6} {'rdf ms':>8} {'bolt ms':>8}")
                for q in canned.available().values():
                    values = canned.bind(q, {k: v for k, v in REQUIRED.items() if k in q.params and q.params[k].required})
                    rows = len(canned.execute(rdf, q, values)[1])
                    t_rdf = median_ms(lambda: canned.execute(rdf, q, values))
                    t_neo = f"{median_ms(lambda: canned.execute(neo, q, values)):8.1f}" if q.cypher.strip() else "       –"
                    print(f"{q.name:22} {rows:6d} {t_rdf:8.1f} {t_neo}")


if __name__ == "__main__":
    main()
