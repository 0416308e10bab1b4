"""Per-issue jobs mapped on a Dask cluster (`kg build --dask ADDRESS`).

Workers write their fragments as files into the fragment folder and return only the
small `Fragment` summary: gathering records back through the scheduler is what makes
a distributed build slow (notes/TOOLS.md: 13–19 s for 160k tuples). On a real
cluster the output folder must be on a file system every worker sees.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.pipeline.job import Fragment, Job, run


def map_jobs(address: str, jobs: list[Job], folder: Path) -> Iterator[Fragment]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("--dask needs dask.distributed (pip install 'dask[distributed]')") from None
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"--dask {address}: cannot reach the scheduler ({exc})") from None
    try:
        futures = client.map(run, jobs, folder=folder, pure=False)
        for fut in as_completed(futures):
            yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
