"""Rows → table, CSV or JSON on stdout or into a file (written atomically)."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kg.store import write_atomic


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def render(columns: list[str], rows: list[dict[str, object]], fmt: Format) -> str:
    if fmt is Format.json:
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt is Format.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
        return buf.getvalue()
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    console.print(table)
    return console.file.getvalue()


def emit(columns: list[str], rows: list[dict[str, object]], fmt: Format, out: Path | None = None) -> None:
    write_text(render(columns, rows, fmt), out)


def write_text(text: str, out: Path | None = None) -> None:
    """To stdout, or atomically into a file."""
    if not text.endswith("\n"):
        text += "\n"
    if out is None or str(out) == "-":
        sys.stdout.write(text)
    else:
        write_atomic(out, text.encode("utf-8"))
