"""The graph folder `kg build --out DIR` writes, as one unit.

A build writes a new generation beside the current one (`DIR/.kg/gen-ID/`: the
persistent store, the N-Triples dump, the graph model), then swaps it in by
replacing the manifest `DIR/build.json`, which names the generation and the size of
each of its files. The dump is a folder (`DIR/graph/`): one N-Triples file per issue
(or part of a large one), linked from the fragment cache, and `seen.nt`, the first and
last seen the build kept; N-Triples concatenate, so `cat DIR/graph/issues/*.nt
DIR/graph/seen.nt` is the whole graph (a fact read in two issues is in both files).
A build that adds one issue writes one file, not the whole dump again. Readers go through the manifest, so they see the old graph or
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
FORMAT = 3  # bump when the folder layout changes
PRIVATE = ".kg"
DUMP = "graph"
ISSUES = "issues"  # inside DUMP: one file per fragment
SEEN = "seen.nt"  # inside DUMP
FRAGMENT_SEEN = ".seen.nt"  # a fragment's first and last seen: KEY.seen.nt in the fragment folder
MODEL = "model.jsonl"
LEGACY_DUMP = "graph.nt"  # the link format 2 kept beside the manifest
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


def dump_files(gen: Path) -> list[Path]:
    """The files of a generation's dump, in a fixed order."""
    return sorted((gen / DUMP).rglob("*.nt"))


def _sizes(gen: Path) -> dict[str, int]:
    files = [*dump_files(gen), gen / MODEL]
    return {f.relative_to(gen).as_posix(): f.stat().st_size for f in files if f.is_file()}


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _content_hash(gen: Path, names: list[str], digests: dict[str, str]) -> str:
    """sha256 over the names and contents of the dump's files and the model: the same input and code
    give the same hash. `digests` are those already known (an issue's file, hashed by its job)."""
    h = hashlib.sha256()
    for name in names:
        h.update(f"{name}\x1f{digests.get(name) or _digest(gen / name)}\n".encode())
    return h.hexdigest()


@dataclass
class Generation:
    """A graph being written: its folder, committed by `commit(manifest)`."""

    root: Path
    path: Path

    def commit(self, manifest: dict, digests: dict[str, str] | None = None) -> None:
        """Swap this generation in. `digests`: sha256 of files already known, by path in the generation."""
        from kg.pipeline.job import code_version

        link = self.root / DUMP
        if link.exists() and not link.is_symlink():
            raise InputError(f"{link}: in the way of the graph's dump link; move it and build again")
        sizes = _sizes(self.path)
        manifest = dict(manifest, format=FORMAT, kg_version=code_version(), content_hash=_content_hash(self.path, list(sizes), digests or {}),
                        generation=self.path.relative_to(self.root).as_posix(), sizes=sizes)
        old = _current(self.root)
        write_atomic(self.root / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        tmp = self.root / f".{DUMP}.link"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(self.path.relative_to(self.root) / DUMP)
        os.replace(tmp, link)
        if (self.root / LEGACY_DUMP).is_symlink():
            (self.root / LEGACY_DUMP).unlink()
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
