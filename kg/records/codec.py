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
from collections.abc import Iterable, Iterator
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


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


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
    record = _value(cls, d["record"])
    if isinstance(record, Issue):
        record.blocks = [_block(b) for b in record.blocks]
        held = d.get("lines") or {"first": 1, "held": []}
        record.lines = tuple(held["held"]) if held["first"] == 1 else Lines(held["first"], tuple(held["held"]))  # type: ignore[assignment]
    return record


def _block(d: dict) -> Block:
    return Block(_ntext(d["text"]), tuple(_ntext(c) for c in d.get("cells", ())))


def _ntext(d: dict) -> NText:
    return NText(d["text"], tuple(map(tuple, d["origin"])))  # type: ignore[arg-type]


def dump(issue: Issue, records: Iterable[object]) -> bytes:
    return b"\n".join([encode(issue), *map(encode, records)]) + b"\n"


def load(lines: Iterable[bytes]) -> tuple[Issue, list]:
    it: Iterator[bytes] = (line for line in lines if line.strip())
    issue = decode(next(it))
    if not isinstance(issue, Issue):
        raise ValueError("a records fragment starts with its issue")
    return issue, [decode(line) for line in it]


def _value(tp: object, v: object) -> object:
    if v is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(options) != 1:
            raise ValueError(f"ambiguous field type {tp}")
        return _value(options[0], v)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], x) for x in v)  # type: ignore[union-attr]
        return tuple(_value(a, x) for a, x in zip(args, v))  # type: ignore[call-overload]
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_value(arg, x) for x in v]  # type: ignore[union-attr]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{f.name: _value(hints[f.name], v[f.name]) for f in dataclasses.fields(tp) if f.name in v})  # type: ignore[index,operator]
    if tp is date:
        return date.fromisoformat(v)  # type: ignore[arg-type]
    if tp is float:
        return float(v)  # type: ignore[arg-type]
    return v
