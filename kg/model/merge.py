"""The fragments of all issues → one graph model file, the same whatever the order of the issues.

A node or edge read in several issues (an agency, a person, an occupancy) is one:
its property values are joined; `kg:mergeBy` in the ontology says which take the
minimum or maximum instead (an occupancy's first and last seen). A property that
has more than one value anywhere is a list everywhere, so readers see one shape.

Fragments are merged as streams, never held whole: each lists its nodes sorted by id,
then its edges sorted by key (`dump_lines`), so a k-way merge meets the parts of one
item one after another and memory holds an item per fragment plus the set of node ids,
not the corpus (a decade of a province is gigabytes of model). Two passes: the first
joins the parts into a scratch file and learns which properties are lists anywhere and
which nodes exist; the second settles each item and writes the model. More fragments
than `FAN_IN` are joined in groups first (open files are limited).
"""

from __future__ import annotations

import heapq
import itertools
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from kg.model import Edge, Node, Source, _loads, edge_line, header_line, node_line
from kg.model.schema import drawing

FAN_IN = 256
_SOURCE_KEYS = tuple(f.name for f in dataclasses.fields(Source))


@dataclass
class Merged:
    counts: Counter = field(default_factory=Counter)  # node labels and edge types of the written model
    dangling: int = 0  # edges left out: an endpoint no fragment holds as a node


@dataclass
class _Seen:
    prop_types: dict[str, str] = field(default_factory=dict)
    multi: set[str] = field(default_factory=set)
    node_ids: set[str] = field(default_factory=set)


def merge_files(paths: list[Path], out: Path, scratch: Path) -> Merged:
    """Merge fragment models `paths` (in label order) into the model file `out`; `scratch` is a folder for
    intermediate files, removed with them."""
    scratch.mkdir(parents=True, exist_ok=True)
    seen, level = _Seen(), 0
    while True:  # each level joins groups of FAN_IN files; the last joins all that is left, learning what `seen` holds
        last = len(paths) <= FAN_IN
        groups = [paths] if last else [paths[i : i + FAN_IN] for i in range(0, len(paths), FAN_IN)]
        joined = [scratch / f"join-{level}-{i}.jsonl" for i in range(len(groups))]
        for group, target in zip(groups, joined):
            _join(group, target, seen if last else _Seen())
        if level:  # the fragments themselves stay; only this function's own files go
            for p in paths:
                p.unlink()
        paths, level = joined, level + 1
        if last:
            break
    try:
        return _settle_file(paths[0], out, seen)
    finally:
        paths[0].unlink()
        scratch.rmdir()


def _lines(path: Path, seen: _Seen) -> Iterator[tuple[tuple, dict]]:
    """The items of one fragment with their merge key; its header's property types go into `seen` first."""
    with path.open("rb") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = _loads(line)
            kind = d.get("kind")
            if kind in ("node", "edge"):
                yield _key(d), d
            elif kind == "header":
                for k, v in d.get("prop_types", {}).items():
                    seen.prop_types.setdefault(k, v)


def _key(d: dict) -> tuple:
    """The merge key: nodes by id, then edges by id, type and ends (the order of `dump_lines`)."""
    return (0, d["id"], "", "", "") if d["kind"] == "node" else (1, d["id"], d["type"], d["source"], d["target"])


def _join(paths: list[Path], target: Path, seen: _Seen) -> None:
    """One scratch file of the parts of every item joined (values and sources, unsettled), in merge order."""
    streams = [_lines(p, seen) for p in paths]
    firsts = [next(s, None) for s in streams]  # every header read before anything is written, in file order
    merge_by = drawing().merge_by
    with ExitStack() as stack, target.open("wb") as fh:
        for s in streams:
            stack.callback(s.close)
        fh.write(orjson.dumps({"kind": "header", "prop_types": seen.prop_types}) + b"\n")
        live = [itertools.chain([f], s) for f, s in zip(firsts, streams) if f is not None]
        for key, group in itertools.groupby(heapq.merge(*live, key=lambda item: item[0]), key=lambda item: item[0]):
            parts = [d for _, d in group]
            item = dict(parts[0])
            props: dict[str, list] = {}
            sources: dict[tuple, dict] = {}
            for d in parts:
                for k, v in d.get("props", {}).items():
                    props.setdefault(k, []).extend(v if isinstance(v, list) else [v])
                for s in d.get("provenance", []):
                    sources.setdefault(tuple(s.get(k, "") for k in _SOURCE_KEYS), s)
            item["props"] = {k: list(dict.fromkeys(v)) for k, v in props.items()}
            item["provenance"] = list(sources.values())
            if key[0] == 0:
                names = [d["name"] for d in parts if d.get("name")]
                item["name"] = min(names) if names else ""
                seen.node_ids.add(key[1])
            seen.multi.update(k for k, v in item["props"].items() if k not in merge_by and len(set(v)) > 1)
            fh.write(orjson.dumps(item) + b"\n")


def _settle_file(joined: Path, out: Path, seen: _Seen) -> Merged:
    merge_by = drawing().merge_by
    multi = set(drawing().lists) | seen.multi
    merged = Merged()
    with joined.open("rb") as src, out.open("w", encoding="utf-8") as fh:
        fh.write(header_line({k: (f"list[{t}]" if k in multi else t) for k, t in seen.prop_types.items()}) + "\n")
        for line in src:
            d = orjson.loads(line)
            kind = d.get("kind")
            if kind not in ("node", "edge"):  # the scratch file's own header
                continue
            props, sources = _settle(d["props"], multi, merge_by), _unique(d["provenance"])
            if kind == "node":
                merged.counts[d["label"]] += 1
                fh.write(node_line(Node(d["id"], d["label"], d["name"], props, sources)) + "\n")
            elif kind == "edge":
                if d["source"] not in seen.node_ids or d["target"] not in seen.node_ids:
                    merged.dangling += 1
                    continue
                merged.counts[d["type"]] += 1
                fh.write(edge_line(Edge(d["id"], d["type"], d["source"], d["target"], props, sources)) + "\n")
    return merged


def _settle(props: dict[str, list], multi: set[str], merge_by: dict[str, str]) -> dict:
    out: dict = {}
    for k in sorted(props):
        values = sorted(set(props[k]), key=lambda v: (str(type(v)), v))
        if not values:
            continue
        if k in merge_by:
            out[k] = min(values) if merge_by[k] == "min" else max(values)
        elif k in multi:
            out[k] = values
        else:
            out[k] = values[0]
    return out


def _unique(sources: list[dict]) -> list[Source]:
    unique = {Source(**{k: s.get(k, "") for k in _SOURCE_KEYS}) for s in sources}
    return sorted(unique, key=lambda s: (s.file, s.line_start, s.line_end, s.extractor, s.quote))


_NODE = b'{"kind": "node", "id": "'
_EDGE = re.compile(rb'\{"kind": "edge", "id": "([^"\\]*)", "type": "([^"\\]*)", "source": "([^"\\]*)", "target": "([^"\\]*)"')


def _base_key(line: bytes) -> tuple:
    """The merge key of a settled model line, read without parsing the line (ids are IRIs: no escapes)."""
    if line.startswith(_NODE):
        end = line.find(b'"', len(_NODE))
        if line.find(b"\\", len(_NODE), end) < 0:
            return (0, line[len(_NODE) : end].decode(), "", "", "")
    elif m := _EDGE.match(line):
        return (1, *(g.decode() for g in m.groups()))
    return _key(_loads(line))


class _Abort(Exception):
    """The added fragments change lines the base holds (a property becomes a list): merge in full."""


def merge_onto(base: Path, base_counts: dict[str, int], paths: list[Path], out: Path, scratch: Path) -> Merged | None:
    """The model of a committed build (`base`, settled, with no edge left out, holding `base_counts`)
    plus fragments `paths`, written to `out` as `merge_files` over all of them would write it. The
    added items are few: each is found in the base by binary search (its lines are sorted by key),
    the base's bytes between them are copied by the kernel, and an item in both is joined and settled
    again. None (and nothing written) when the added fragments would change what the base's lines
    say (a property that becomes a list everywhere, a node given another label) or are too many."""
    if len(paths) > FAN_IN:
        return None
    scratch.mkdir(parents=True, exist_ok=True)
    joined, added = scratch / "added.jsonl", _Seen()
    try:
        _join(paths, joined, added)
        with base.open("rb") as fh:
            base_types = orjson.loads(fh.readline())["prop_types"]
        plain = {k: t[5:-1] if t.startswith("list[") else t for k, t in base_types.items()}
        multi = set(drawing().lists) | {k for k, t in base_types.items() if t.startswith("list[")}
        if not added.multi <= multi or any(plain.get(k, t) != t for k, t in added.prop_types.items()):
            return None
        with joined.open("rb") as fh:
            items = [d for d in map(orjson.loads, fh) if d.get("kind") in ("node", "edge")]
        with _Lines(base) as lines, out.open("wb") as fh:
            return _onto(lines, items, fh, multi, {**added.prop_types, **plain}, added.node_ids, Counter(base_counts))
    except _Abort:
        out.unlink(missing_ok=True)
        return None
    finally:
        joined.unlink(missing_ok=True)
        scratch.rmdir()


class _Lines:
    """A settled model file searched by merge key without reading it through."""

    SCAN = 1 << 14  # below this many bytes, lines are read one after another

    def __init__(self, path: Path) -> None:
        self.fh = path.open("rb")
        self.start = len(self.fh.readline())
        self.size = path.stat().st_size

    def __enter__(self) -> "_Lines":
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()

    def lower_bound(self, key: tuple, lo: int) -> tuple[int, bytes]:
        """The offset of the first line at or after `lo` (a line's start) whose key is not below `key`, and that line."""
        hi = self.size
        while hi - lo > self.SCAN:
            mid = (lo + hi) // 2
            self.fh.seek(mid)
            self.fh.readline()  # to the next line's start
            s = self.fh.tell()
            line = self.fh.readline()
            if s >= hi or not line:
                break
            if _base_key(line) < key:
                lo = s + len(line)
            else:
                hi = s
        self.fh.seek(lo)
        while lo < self.size:
            line = self.fh.readline()
            if _base_key(line) >= key:
                return lo, line
            lo += len(line)
        return lo, b""

    def copy(self, start: int, end: int, out) -> None:  # type: ignore[no-untyped-def]
        """Bytes `start`–`end` of the file onto `out`, in the kernel where it can (no read into Python)."""
        out.flush()
        while start < end:
            try:
                n = os.copy_file_range(self.fh.fileno(), out.fileno(), end - start, start)
            except (OSError, AttributeError):  # another file system, another kernel
                self.fh.seek(start)
                n = out.write(self.fh.read(min(end - start, 1 << 24)))
                out.flush()
            if n <= 0:
                raise OSError(f"copying the model's bytes {start}-{end} stopped")
            start += n


def _onto(lines: _Lines, items: list[dict], fh, multi: set[str], types: dict[str, str], nodes: set[str], counts: Counter) -> Merged:  # type: ignore[no-untyped-def]
    merge_by, merged = drawing().merge_by, Merged(counts)
    nodes = set(nodes)
    for e in {x for d in items if d["kind"] == "edge" for x in (d["source"], d["target"])} - nodes:
        line = lines.lower_bound((0, e, "", "", ""), lines.start)[1]
        if line and _base_key(line) == (0, e, "", "", ""):
            nodes.add(e)  # a base node an added edge ends at
    fh.write(header_line({k: (f"list[{t}]" if k in multi else t) for k, t in types.items()}).encode() + b"\n")
    done = lines.start  # the base is copied up to here
    for d in items:
        key = _key(d)
        pos, line = lines.lower_bound(key, done)
        lines.copy(done, pos, fh)
        old = _loads(line) if line and _base_key(line) == key else None
        _write_added(fh, d, old, multi, merge_by, merged, nodes)
        done = pos + len(line) if old is not None else pos
    lines.copy(done, lines.size, fh)
    return merged


def _write_added(fh, d: dict, old: dict | None, multi: set[str], merge_by: dict[str, str], merged: Merged, nodes: set[str]) -> None:  # type: ignore[no-untyped-def]
    """An added item, joined with the base's line of it when there is one, settled and written."""
    props = {k: list(v) for k, v in d["props"].items()}
    sources = list(d["provenance"])
    name = d.get("name", "")
    if old is not None:
        if old.get("label") != d.get("label"):
            raise _Abort
        for k, v in old.get("props", {}).items():
            props.setdefault(k, []).extend(v if isinstance(v, list) else [v])
        sources.extend(old.get("provenance", []))
        name = min(n for n in (name, old.get("name", "")) if n) if (name or old.get("name")) else ""
        if any(k not in merge_by and k not in multi and len(set(v)) > 1 for k, v in props.items()):
            raise _Abort
    settled, unique = _settle(props, multi, merge_by), _unique(sources)
    if d["kind"] == "node":
        if old is None:
            merged.counts[d["label"]] += 1
        fh.write(node_line(Node(d["id"], d["label"], name, settled, unique)).encode() + b"\n")
    elif d["source"] in nodes and d["target"] in nodes:
        if old is None:
            merged.counts[d["type"]] += 1
        fh.write(edge_line(Edge(d["id"], d["type"], d["source"], d["target"], settled, unique)).encode() + b"\n")
    else:
        merged.dangling += 1
