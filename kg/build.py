"""The build: per-issue jobs (parallel, cached) → aggregate → a graph folder swapped in as one unit."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from kg import graphdir
from kg.city import GENERIC, city_reference, load_city
from kg.counts import Count, headline
from kg.errors import InputError
from kg.pipeline.aggregate import Base, aggregate
from kg.pipeline.job import Fragment, Job, make_jobs, prune, run, warm
from kg.pipeline.parts import PART_BYTES
from kg.read import find_files
from kg.store import as_rdflib
from kg.records import Issue, codec


@dataclass
class BuildResult:
    fragment_folder: Path
    fragments: list[Fragment] = field(default_factory=list)
    triples: int = 0
    counts: list[Count] = field(default_factory=list)  # the headline numbers, counted in the graph
    model_counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # aggregate steps, seconds

    @property
    def ok(self) -> list[Fragment]:
        return [f for f in self.fragments if f.ok]

    @property
    def failed(self) -> list[str]:
        return [f.label for f in self.fragments if not f.ok]

    @property
    def warnings(self) -> list[str]:
        return [w for f in self.fragments for w in f.warnings]

    @property
    def documents(self) -> int:
        return sum(f.counts.get("documents", 0) for f in self.ok)

    def _loaded(self) -> Iterator[tuple[Issue, list]]:
        for f in self.ok:
            with (self.fragment_folder / f"{f.key}.records.jsonl").open("rb") as fh:
                yield codec.load(fh)

    @cached_property
    def issues(self) -> list[Issue]:
        """The segmented issues (read back from the fragments: for `kg eval` and tests, not for large corpora)."""
        return [issue for issue, _ in self._loaded()]

    @cached_property
    def records(self) -> list:
        return [r for _, records in self._loaded() for r in records]

    def summary(self) -> dict[str, object]:
        records: Counter[str] = Counter()
        for f in self.ok:
            records.update({k: v for k, v in f.counts.items() if k not in ("documents", "facts")})
        return {
            "issues": sum(f.opens_issue for f in self.ok),
            "documents": self.documents,
            "counts": {c.name: c.n for c in self.counts},
            "counted": {c.name: c.legend() for c in self.counts},
            "records": dict(sorted(records.items())),
            "graph": dict(sorted(self.model_counts.items())),
            "facts": self.triples,
            "warnings": len(self.warnings),
            "failed_files": self.failed,
            "files": list(dict.fromkeys(f.label for f in self.ok)),
        }


def _map_jobs(jobs: list[Job], folder: Path, workers: int, dask: str | None, tick: Callable[[Fragment], None]) -> list[Fragment]:
    by_key: dict[str, Fragment] = {}
    todo = []
    for job in jobs:  # cached fragments need no worker
        frag = Fragment.load(folder, job.key)
        if frag is not None:
            by_key[job.key] = frag
            tick(frag)
        else:
            todo.append(job)
    if dask:
        from kg.pipeline.distributed import map_jobs

        for frag in map_jobs(dask, todo, folder):
            by_key[frag.key] = frag
            tick(frag)
    elif workers <= 1 or len(todo) <= 1:
        for job in todo:
            frag = run(job, folder)
            by_key[frag.key] = frag
            tick(frag)
    else:
        import multiprocessing

        warm()
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(run, job, folder) for job in todo]
            for fut in as_completed(futures):
                frag = fut.result()
                by_key[frag.key] = frag
                tick(frag)
    return [by_key[j.key] for j in jobs]


def _base(out: Path, keys: list[str]) -> Base | None:
    """The committed build, when every fragment it was built from is still wanted (issues were only
    added, or nothing changed): the new store and model start from its own."""
    try:
        manifest = graphdir.manifest(out)
        gen = graphdir.current(out)
    except InputError:
        return None
    held = manifest.get("fragments")
    if not isinstance(held, list) or not set(held) <= set(keys):
        return None
    counts = manifest.get("graph")
    model = gen / graphdir.MODEL if manifest.get("model_dangling") == 0 and isinstance(counts, dict) else None
    return Base(gen / graphdir.STORE, frozenset(held), model, counts if isinstance(counts, dict) else {})


def build(
    inputs: list[Path],
    out: Path,
    progress: Callable[[str], None] = lambda _: None,
    city: str | None = None,
    jobs: int | None = None,
    dask: str | None = None,
    part_bytes: int = PART_BYTES,
) -> BuildResult:
    """Each document is read in its own government (kg/jurisdiction.py) with that city's data;
    `city` (--city) overrides: its data, and its government when it has a code, for every document.
    A file of several issues, or an issue over `part_bytes`, is cut into parts (kg/pipeline/parts.py)."""
    city_ref = city_reference(load_city(city)) if city else ""
    files = find_files(inputs)
    if not files:
        raise InputError(f"{' '.join(map(str, inputs))}: no gazette text files (*.txt) found")
    folder = graphdir.fragments(out)
    with graphdir.writing(out) as gen:
        folder.mkdir(parents=True, exist_ok=True)
        job_list = [job for path, label in files for job in make_jobs(path, label, city_ref, part_bytes, folder)]
        done = 0

        def tick(frag: Fragment) -> None:
            nonlocal done
            done += 1
            progress(f"{done} of {len(job_list)} {'files' if len(job_list) == len(files) else 'jobs (parts of large files)'}: {frag.label}")

        fragments = _map_jobs(job_list, folder, jobs or os.cpu_count() or 1, dask, tick)
        result = BuildResult(folder, fragments)
        if not result.ok:
            raise InputError("no input file could be read: " + "; ".join(result.warnings))
        progress("aggregating")
        keys = [f.key for f in result.ok]
        model, result.triples, result.timings, digests = aggregate(folder, result.ok, gen.path, _base(out, keys))
        result.model_counts = dict(model.counts)
        result.counts = headline(as_rdflib(ox.Store.read_only(str(gen.path / graphdir.STORE))))
        used = {f.city for f in result.ok}
        manifest = dict(result.summary(), city=city_ref or (used.pop() if len(used) == 1 else GENERIC), warnings=result.warnings,
                        timings=result.timings, fragments=keys, model_dangling=model.dangling)
        gen.commit(manifest, digests)
        prune(folder)
    return result
