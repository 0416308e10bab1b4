"""Records ↔ JSON lines: a fragment's issue and records as text any tool can read, and back as equal records.

JSON rather than pickle: fragments are files that workers (on a cluster, a shared folder)
write and the build reads back, and unpickling runs whatever the file names. A line is
`{"type": class name, "record": fields}`; nested records, tuples, dates and optional values
are rebuilt from the classes' own type hints, so the format is the dataclasses and nothing else.
An issue keeps its segmented text (`blocks`, `lines`), which `kg eval` reads the chronicle from
again; a part of a large file keeps only its own lines, with the number of the first.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache

import orjson

from kg.layout import Block
from kg.normalise import NText
from kg.read import Lines
from kg.records import Issue


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    import kg.records
    import kg.records.events
    import kg.records.tables

    found = {}
    for module in (kg.records, kg.records.events, kg.records.tables):
        for name, obj in vars(module).items():
            if dataclasses.is_dataclass(obj) and isinstance(obj, type) and obj.__module__ == module.__name__:
                found[name] = obj
    return found


def encode(record: object) -> bytes:
    if isinstance(record, Issue):
        lines = record.lines
        held = {"first": lines.first, "held": lines.held} if isinstance(lines, Lines) else {"first": 1, "held": lines}
        return orjson.dumps({"type": "Issue", "record": dataclasses.replace(record, lines=()), "lines": held})
    return orjson.dumps({"type": type(record).__name__, "record": record})


def decode(line: bytes | str) -> object:
    d = orjson.loads(line)
    cls = _classes().get(d.get("type"))
    if cls is None:
        raise ValueError(f"unknown record type {d.get('type')!r}")
    record = _decoder(cls)(d["record"])
    if isinstance(record, Issue):  # its segmented text is typed only as `list` (kg.records does not import kg.layout)
        record.blocks = _decoder(list[Block])(record.blocks)
        held = d.get("lines") or {"first": 1, "held": []}
        record.lines = tuple(held["held"]) if held["first"] == 1 else Lines(held["first"], tuple(held["held"]))  # type: ignore[assignment]
    return record


def dump(issue: Issue, records: Iterable[object]) -> bytes:
    return b"\n".join([encode(issue), *map(encode, records)]) + b"\n"


def load(lines: Iterable[bytes]) -> tuple[Issue, list]:
    it: Iterator[bytes] = (line for line in lines if line.strip())
    issue = decode(next(it))
    if not isinstance(issue, Issue):
        raise ValueError("a records fragment starts with its issue")
    return issue, [decode(line) for line in it]


def _same(v: object) -> object:
    return v


@lru_cache(maxsize=None)
def _decoder(tp: object) -> Callable[[object], object]:
    """A function rebuilding a value of type `tp` from its JSON, made once per type: the segmented
    text alone is a (line, column) pair per character."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(options) != 1:
            raise ValueError(f"ambiguous field type {tp}")
        inner = _decoder(options[0])
        return inner if inner is _same else _optional(inner)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return tuple if item is _same else _optional(lambda v: tuple(map(item, v)))  # type: ignore[arg-type]
        items = [_decoder(a) for a in args]
        return tuple if all(i is _same for i in items) else _optional(lambda v: tuple(i(x) for i, x in zip(items, v)))  # type: ignore[attr-defined]
    if origin is list:
        (arg,) = typing.get_args(tp)
        item = _decoder(arg)
        return list if item is _same else _optional(lambda v: list(map(item, v)))  # type: ignore[arg-type]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp)]
        return _optional(lambda v: tp(**{name: field(v[name]) for name, field in fields if name in v}))  # type: ignore[index]
    if tp is date:
        return _optional(date.fromisoformat)
    if tp is float:
        return _optional(float)
    return _same


def _optional(decode: Callable[[object], object]) -> Callable[[object], object]:
    return lambda v: None if v is None else decode(v)
