"""Single large files: wall, CPU seconds and peak memory of `kg build FILE --jobs N`, at several sizes.

Each file is synthetic issues (benchmarks/synthetic.py; different cities and years) concatenated
into one, so a build before parts (one job holding the whole file) and after (one job per issue,
or per part of an issue over --part-size) can be compared on the same input. Each build runs under
/usr/bin/time in a fresh output folder: peak memory is the largest single process (the build, a
worker or the aggregate's store), and the jobs' peak the largest a job's process reached (as its
fragment summary records it; older code records none); CPU seconds count every process. `--code DIR` runs another checkout of
kg (an older commit, say) with this venv; `--part-size` is passed only when given (older code has
no such option). Figures, not assertions; the load average is printed with each.

Run: .venv/bin/python benchmarks/parts.py --mb 2,20,50 [--jobs 2] [--part-size MB] [--code DIR] [--work build/bench-parts]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import SAMPLE, make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def single_file(work: Path, mb: float) -> Path:
    """The first synthetic issues, in order, concatenated up to `mb` MB (reused if already there)."""
    target = work / f"single-{mb:g}mb.txt"
    if target.is_file():
        return target
    per_copy = sum(f.stat().st_size for f in SAMPLE.glob("*.txt"))
    files = make_corpus(int(mb * 1e6 / per_copy) + 1, work / "corpus")
    with target.open("wb") as out:
        size = 0
        for f in files:
            if size >= mb * 1e6:
                break
            data = f.read_bytes()
            out.write(data if data.endswith(b"\n") else data + b"\n")
            size += len(data)
    return target


def timed_build(code: Path, path: Path, out: Path, jobs: int, part_size: str | None) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, "-m", "kg", "build", str(path), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    if part_size:
        cmd += ["--part-size", part_size]
    env = dict(os.environ, PYTHONPATH=str(code))
    proc = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"build failed:\n{proc.stderr[-2000:]}")
    wall, user, system, peak_kb = proc.stderr.strip().splitlines()[-1].split()
    facts = next((w for w in proc.stdout.split(", ") if w.endswith(" facts")), "? facts").split()[0]
    summaries = [json.loads(f.read_text("utf-8")) for f in (out / ".kg" / "fragments").glob("*.json")]
    jobs_peak = max((s.get("peak_mb", 0) for s in summaries), default=0)
    return {"wall": float(wall), "cpu": float(user) + float(system), "peak_mb": int(peak_kb) / 1024, "facts": float(facts),
            "jobs": len(summaries), "jobs_peak_mb": jobs_peak}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", default="2,20")
    ap.add_argument("--files", default="", help="comma-separated files to build instead of --mb (the sample folder works too)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--part-size", default=None)
    ap.add_argument("--code", type=Path, default=ROOT)
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "bench-parts")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; code {args.code}; --jobs {args.jobs}; --part-size {args.part_size or 'default'}")
    print("| MB | jobs | wall s | CPU s | peak MB, largest process | peak MB, jobs | facts | load average before → after |")
    print("|---|---|---|---|---|---|---|---|")
    paths = [Path(f) for f in args.files.split(",")] if args.files else [single_file(args.work, float(mb)) for mb in args.mb.split(",")]
    for k, path in enumerate(paths):
        before = os.getloadavg()
        r = timed_build(args.code.resolve(), path.resolve(), (args.work / f"out-{k}").resolve(), args.jobs, args.part_size)
        after = os.getloadavg()
        size = sum(f.stat().st_size for f in ([path] if path.is_file() else path.rglob("*.txt")))
        print(f"| {size / 1e6:.1f} | {r['jobs']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_mb']:.0f} | {r['jobs_peak_mb'] or float('nan'):.0f} | {r['facts']:.0f} | "
              f"{before[0]:.1f} → {after[0]:.1f} |", flush=True)


if __name__ == "__main__":
    main()
