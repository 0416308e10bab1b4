"""A real Bolt server for tests and benchmarks: ArcadeDB from PyPI (arcadedb-embedded) with its Bolt plugin.

Run as a script it starts the server in ROOT, creates the databases, prints READY and
serves until SIGTERM. `bolt_server(root)` runs that script as a subprocess (an
in-process JVM left running at interpreter exit crashes; TOOLS.md §4) and yields the
Bolt URI once the server answers.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PASSWORD = "kg-test-password"
USER = "root"
DATABASE = "kg"
DATABASES = (DATABASE, "sample", "other", "repeats")  # loader tests empty "kg"; the query pairs keep a corpus loaded in each other one


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(root: Path) -> None:
    from arcadedb_embedded.server import ArcadeDBServer

    server = ArcadeDBServer(
        root_path=str(root.resolve()), root_password=PASSWORD,
        config={"server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                "bolt_port": int(os.environ["BOLT_PORT"]), "http_port": int(os.environ["HTTP_PORT"])},
        jvm_kwargs={"heap_size": os.environ.get("HEAP", "1g")},
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    server.start()
    for name in DATABASES:
        server.create_database(name)
    print("READY", flush=True)
    stop.wait()
    server.stop()


@contextmanager
def bolt_server(root: Path, heap: str = "1g", timeout: float = 90.0) -> Iterator[str]:
    """Start ArcadeDB in `root` (its logs go there too); yield bolt://127.0.0.1:PORT; stop it afterwards."""
    from neo4j import GraphDatabase

    root.mkdir(parents=True, exist_ok=True)
    bolt, http = _free_port(), _free_port()
    env = dict(os.environ, BOLT_PORT=str(bolt), HTTP_PORT=str(http), HEAP=heap)
    log_path = root / "server.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), str(root)], cwd=root, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    uri = f"bolt://127.0.0.1:{bolt}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"ArcadeDB exited with {proc.returncode}: {log_path.read_text(errors='replace')[-2000:]}")
            if "READY" in log_path.read_text(errors="replace"):
                try:
                    with GraphDatabase.driver(uri, auth=(USER, PASSWORD)) as driver:
                        driver.verify_connectivity()
                    break
                except Exception:
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"ArcadeDB did not start in {timeout:.0f} s: {log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        yield uri
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
