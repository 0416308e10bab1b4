"""Store benchmark: rdflib's in-memory store vs rdflib backed by Oxigraph, on our graph.

Prints parse, serialise and query times for the graph `kg build` makes from the
sample corpus, and for that graph repeated to ~10x its size. Run: make bench
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal

from kg.build import build

from kg.query import PROLOGUE, get

ROOT = Path(__file__).resolve().parent.parent


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def scaled(nt: str, copies: int) -> str:
    if copies == 1:
        return nt
    out = []
    for k in range(copies):
        out.append(nt.replace("https://w3id.org/cn-gazette-kg/id/", f"https://w3id.org/cn-gazette-kg/id/c{k}/"))
    return "".join(out)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t, result = timed(lambda: build([ROOT / "data" / "gazettes" / "qujing"], Path(tmp)))
        print(f"kg build (4 issues, {result.triples} triples): {t:.2f} s")
        nt = (Path(tmp) / "graph.nt").read_text("utf-8")
        docs_query = PROLOGUE + get("documents").sparql  # the parameter ?_issue bound below
        stats_query = PROLOGUE + get("stats").sparql
        for copies in (1, 10):
            data = scaled(nt, copies)
            print(f"\n{copies}x graph: {data.count(chr(10))} triples, {len(data.encode()) / 1e6:.1f} MB N-Triples")
            for label, store, fmt in (("rdflib Memory", "default", "nt"), ("rdflib + Oxigraph", "Oxigraph", "ox-nt")):
                g = Graph(store=store)
                t_parse, _ = timed(lambda: g.parse(data=data, format=fmt))
                t_ser, _ = timed(lambda: g.serialize(format=fmt, encoding="utf-8"))
                t_docs, rows = timed(lambda: list(g.query(docs_query, initBindings={"_issue": Literal("")})))
                t_stats, _ = timed(lambda: list(g.query(stats_query)))
                print(f"  {label:18s} parse {t_parse:6.2f} s  serialise {t_ser:6.2f} s  documents query {t_docs:6.3f} s ({len(rows)} rows)  stats query {t_stats:6.3f} s")


if __name__ == "__main__":
    main()
