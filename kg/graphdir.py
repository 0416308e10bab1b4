"""The graph folder `kg build --out DIR` writes, as one unit.

A build writes a new generation beside the current one (`DIR/.kg/gen-ID/`: the
persistent store, the N-Triples dump, the graph model), then swaps it in by
replacing the manifest `DIR/build.json`, which names the generation and the size of
each of its files. Readers go through the manifest, so they see the old graph or
the new one, never a mix, and a file that does not match its manifest (cut,
emptied, replaced) is a one-line error instead of a silently partial answer. A
build holds a lock on the folder; a second build into it is refused.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

MANIFEST = "build.json"
FORMAT = 2  # bump when the folder layout changes
PRIVATE = ".kg"
DUMP = "graph.nt"
MODEL = "model.jsonl"
STORE = "store"


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)  # mkstemp's 0600 would hide the output from the user's group
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fragments(folder: Path) -> Path:
    """Where per-issue fragments are cached between builds."""
    return folder / PRIVATE / "fragments"


def _sizes(gen: Path) -> dict[str, int]:
    return {name: (gen / name).stat().st_size for name in (DUMP, MODEL) if (gen / name).is_file()}


def _content_hash(gen: Path) -> str:
    """sha256 over the dump and the model: the same input and code give the same hash."""
    h = hashlib.sha256()
    for name in (DUMP, MODEL):
        if (gen / name).is_file():
            with (gen / name).open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()


@dataclass
class Generation:
    """A graph being written: its folder, committed by `commit(manifest)`."""

    root: Path
    path: Path

    def commit(self, manifest: dict) -> None:
        from kg.pipeline.job import code_version

        manifest = dict(manifest, format=FORMAT, kg_version=code_version(), content_hash=_content_hash(self.path),
                        generation=self.path.relative_to(self.root).as_posix(), sizes=_sizes(self.path))
        old = _current(self.root)
        write_atomic(self.root / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        link = self.root / DUMP
        tmp = self.root / f".{DUMP}.link"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(self.path.relative_to(self.root) / DUMP)
        os.replace(tmp, link)
        if old is not None and old != self.path:
            shutil.rmtree(old, ignore_errors=True)


def _current(root: Path) -> Path | None:
    try:
        gen = json.loads((root / MANIFEST).read_text("utf-8")).get("generation")
    except (OSError, ValueError, AttributeError):
        return None
    return root / gen if isinstance(gen, str) else None


@contextmanager
def writing(root: Path) -> Iterator[Generation]:
    """Lock the folder and give a fresh generation; one not committed is removed."""
    private = root / PRIVATE
    private.mkdir(parents=True, exist_ok=True)
    lock = open(private / "lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise InputError(f"{root}: another build is writing this folder") from None
    for stale in private.glob("gen-*"):  # left by a build that was killed
        if stale != _current(root):
            shutil.rmtree(stale, ignore_errors=True)
    gen = Generation(root, private / f"gen-{uuid.uuid4().hex[:12]}")
    gen.path.mkdir()
    try:
        yield gen
    finally:
        if _current(root) != gen.path:
            shutil.rmtree(gen.path, ignore_errors=True)
        lock.close()


def manifest(root: Path) -> dict:
    path = root / MANIFEST
    if not path.is_file():
        raise InputError(f"{root}: no graph here (run `kg build … --out {root}` first)")
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: damaged manifest ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("generation"), str):
        raise InputError(f"{path}: not a manifest of this kg version (rebuild with `kg build … --out {root}`)")
    return data


def current(root: Path) -> Path:
    """The committed generation, checked against the manifest."""
    data = manifest(root)
    gen = root / data["generation"]
    for name, size in (data.get("sizes") or {}).items():
        f = gen / name
        if not f.is_file() or f.stat().st_size != size:
            raise InputError(f"{f}: does not match its manifest {root / MANIFEST} (cut or replaced); rebuild the graph")
    if not (gen / STORE).is_dir():
        raise InputError(f"{gen / STORE}: store missing; rebuild the graph")
    return gen
