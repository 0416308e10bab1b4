"""The build at scale: time, throughput and peak memory per stage, at N× the sample corpus.

Prints one table per scale, with 1 and 2 jobs, beside a trivial baseline measured in
the same run (read every file and run one compiled regex over every line), so the gap
to what the machine can do is visible. Never a timed test: run `make bench`, or
`python benchmarks/scale.py --scales 1,10,100 --jobs 1,2`.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import SAMPLE, make_corpus, leaders, variant  # noqa: E402

STAGES = ("read", "segment", "extract", "resolve", "map", "project", "write")
BUILD = """
import json, resource, sys, time
from pathlib import Path
from kg.build import build
t = time.perf_counter()
r = build([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[3]))
wall = time.perf_counter() - t
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_mb": max(own, kids) / 1024, "parent_mb": own / 1024, "facts": r.triples,
                  "cached": sum(f.cached for f in r.fragments)}))
"""


def baseline(files: list[Path]) -> float:
    pattern = re.compile(r"（[^）]*(?:牵头|负责|配合)[^）]*）")
    start = time.perf_counter()
    for f in files:
        for line in f.read_text("utf-8").splitlines():
            pattern.findall(line)
    return time.perf_counter() - start


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        p = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(p)
        rss[p] = int(fields[21])
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total * 4096 / 1e6


def run_build(corpus: Path, out: Path, jobs: int) -> dict:
    import resource
    import threading

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen([sys.executable, "-c", BUILD, str(corpus), str(out), str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]

    def sample() -> None:  # the sum over the build's processes: workers, the store writer and the parent at once
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"build failed:\n{stderr[-2000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["tree_mb"] = peak[0]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    manifest = json.loads((out / "build.json").read_text("utf-8"))
    stages = dict.fromkeys(STAGES, 0.0)
    for f in (out / ".kg" / "fragments").glob("*.json"):
        for k, v in json.loads(f.read_text("utf-8")).get("seconds", {}).items():
            stages[k] = stages.get(k, 0.0) + v
    return dict(result, stages=stages, timings=manifest.get("timings", {}))


def query_times(out: Path) -> dict[str, float]:
    from kg import query as canned

    defaults = {"agency": "曲靖市能源局", "person": "李石松", "leader": "", "project": "光伏"}
    times = {}
    for name, q in canned.available().items():
        params = {k: defaults.get(k, "") for k in q.params}
        start = time.perf_counter()
        try:
            canned_run(out, name, params)
        except Exception as exc:  # a query that fails is reported, not fatal to the benchmark
            times[name] = float("nan")
            print(f"  query {name}: {exc}", file=sys.stderr)
            continue
        times[name] = time.perf_counter() - start
    return times


def canned_run(out: Path, name: str, params: dict) -> None:
    from kg import query as canned
    from kg.store import open_store

    canned.run(open_store(out), name, params)  # as `kg query` runs it


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--work", default="build/bench")
    ap.add_argument("--no-more", action="store_true", help="builds only: no incremental build, no queries (for 1,000×)")
    args = ap.parse_args()
    work = Path(args.work)
    import os

    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    for scale in [int(s) for s in args.scales.split(",")]:
        corpus = work / f"corpus-{scale}"
        files = make_corpus(scale, corpus)
        mb = sum(f.stat().st_size for f in files) / 1e6
        base = baseline(files)
        print(f"\n## {scale}× sample: {len(files)} files, {mb:.1f} MB of text")
        print(f"baseline (read + one regex over every line): {base:.2f} s = {mb / base:.0f} MB/s")
        print("Stage columns are seconds summed over jobs (wall time inside each job); CPU s counts every process.")
        print("| jobs | wall s | CPU s | MB/s (wall) | MB per CPU-s | facts | facts/s | peak MB, one process | peak MB, all at once | "
              + " | ".join(f"{s} s" for s in STAGES) + " | aggregate s |")
        print("|---" * (10 + len(STAGES)) + "|")
        last = None
        for jobs in [int(j) for j in args.jobs.split(",")]:
            out = work / f"out-{scale}-{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            r = run_build(corpus, out, jobs)
            agg = r["timings"].get("aggregate", 0.0)
            print(f"| {jobs} | {r['wall']:.1f} | {r['cpu']:.1f} | {mb / r['wall']:.2f} | {mb / r['cpu']:.2f} | {r['facts']} | {r['facts'] / r['wall']:.0f} | {r['peak_mb']:.0f} | {r['tree_mb']:.0f} | "
                  + " | ".join(f"{r['stages'].get(s, 0):.1f}" for s in STAGES) + f" | {agg:.1f} |")
            last = out
        if last is None or args.no_more:
            continue
        # Incremental: one new issue added to the corpus, rebuilt into the last folder.
        extra = corpus / f"{scale:04d}_extra_{sorted(SAMPLE.glob('*.txt'))[0].name}"
        extra.write_text(variant(sorted(SAMPLE.glob("*.txt"))[0].read_text("utf-8"), scale + 7, leaders()), "utf-8")
        alone = run_build_one(extra, work / "alone")
        inc = run_build(corpus, last, int(args.jobs.split(",")[-1]))
        print(f"incremental (one issue added): {inc['wall']:.1f} s ({inc['cached']} fragments from the cache); that issue alone: {alone:.1f} s")
        extra.unlink()
        shutil.rmtree(work / "alone", ignore_errors=True)
        qt = query_times(last)
        slow = sorted(qt.items(), key=lambda kv: -kv[1] if kv[1] == kv[1] else 0)
        print("queries (ms, embedded store, incl. opening it): " + ", ".join(f"{k} {v * 1000:.0f}" for k, v in slow))


def run_build_one(path: Path, out: Path) -> float:
    single = out.parent / "alone-input"
    shutil.rmtree(single, ignore_errors=True)
    single.mkdir(parents=True)
    shutil.copy(path, single)
    shutil.rmtree(out, ignore_errors=True)
    return run_build(single, out, 1)["wall"]


if __name__ == "__main__":
    main()
