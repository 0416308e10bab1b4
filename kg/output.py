"""Rows → table, CSV or JSON on stdout or into a file (written atomically)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from enum import Enum
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from kg.store import write_atomic


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    excel = "excel"  # CSV for spreadsheets: UTF-8 BOM, formula-like cells neutralised

    @property
    def is_csv(self) -> bool:
        return self in (Format.csv, Format.excel)


# Columns a reader needs whole to check a fact against the source: never folded or cut in a table.
WHOLE = {"source", "line", "doc_number"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel and LibreOffice read as the start of a formula (OWASP CSV injection)
NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")  # -5 or +2.5 is a number, not a formula, in any spreadsheet


def spreadsheet_safe(value: object) -> object:
    """A cell that a spreadsheet would run as a formula (=HYPERLINK(…), @SUM(…), -2+3) gets a leading
    apostrophe, which spreadsheets show as text and do not display."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.match(value):
        return "'" + value
    return value


def render(columns: list[str], rows: list[dict[str, object]], fmt: Format) -> str:
    if fmt is Format.json:
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt.is_csv:
        clean = (lambda v: spreadsheet_safe("" if v is None else v)) if fmt is Format.excel else (lambda v: "" if v is None else v)
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n" if fmt is Format.excel else "\n")
        writer.writeheader()
        writer.writerows({k: clean(v) for k, v in row.items()} for row in rows)
        return ("\ufeff" if fmt is Format.excel else "") + buf.getvalue()  # the BOM tells Excel the file is UTF-8
    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    widths = _widths(columns, cells, _table_width())
    if widths is None:
        return _records(columns, cells)
    table = Table(show_lines=False)
    for c, w in zip(columns, widths):
        table.add_column(c, width=w, no_wrap=c in WHOLE, overflow="fold")
    for r in cells:
        table.add_row(*r)
    console = Console(file=io.StringIO(), width=100_000, force_terminal=False)
    console.print(table)
    return console.file.getvalue()


MIN_WIDTH = 10  # a column folded narrower than this is unreadable: show records instead


def _widths(columns: list[str], cells: list[list[str]], room: int) -> list[int] | None:
    """Column widths for `room` terminal cells: each column as wide as its longest cell if all fit;
    else the WHOLE columns keep theirs and the widest others fold (Chinese text has no spaces, so
    rich left to itself cuts the source column first); None when even that does not fit."""
    natural = [max([cell_len(c), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    room -= 3 * len(columns) + 1  # borders and padding
    if sum(natural) <= room:
        return natural
    whole = sum(w for c, w in zip(columns, natural) if c in WHOLE)
    folding = [(i, w) for i, (c, w) in enumerate(zip(columns, natural)) if c not in WHOLE]
    spare = room - whole
    if spare < MIN_WIDTH * len(folding):
        return None
    cap = max(w for _, w in folding)  # fold the widest columns first: a date or a period stays whole
    while cap > MIN_WIDTH and sum(min(w, cap) for _, w in folding) > spare:
        cap -= 1
    widths = list(natural)
    for i, w in folding:
        widths[i] = min(w, cap)
    return widths


def _records(columns: list[str], cells: list[list[str]]) -> str:
    """One block per row, `column  value` per line: what a table too wide for the terminal becomes."""
    pad = max(cell_len(c) for c in columns)
    blocks = []
    for n, r in enumerate(cells, 1):
        blocks.append(f"-- {n} --\n" + "".join(f"{c}{' ' * (pad - cell_len(c))}  {v}\n" for c, v in zip(columns, r)))
    return "".join(blocks)


def _table_width() -> int:
    """The terminal's width on a terminal; elsewhere (a pipe, a file) as wide as the table needs."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else 100_000


SHOWN_WARNINGS = 20  # more than this are counted, not printed: build.json holds them all
WARNING_WIDTH = 160  # characters of one warning line when stderr is not a terminal


def warning_lines(warnings: list[str], full_list: Path) -> list[str]:
    """One line per warning, cut to the terminal's width, the first SHOWN_WARNINGS of them, and a
    last line pointing to `full_list` (the build's build.json) when anything was cut or left out."""
    width = shutil.get_terminal_size().columns if sys.stderr.isatty() else WARNING_WIDTH
    lines, cut = [], 0
    for w in warnings[:SHOWN_WARNINGS]:
        line = "warning: " + " ".join(w.split())
        if cell_len(line) > width:
            line, cut = _cut(line, width - 1) + "…", cut + 1
        lines.append(line)
    more = len(warnings) - SHOWN_WARNINGS
    if more > 0 or cut:
        said = ", ".join(x for x in (f"{cut} cut to one line" if cut else "", f"{more} more not shown" if more > 0 else "") if x)
        lines.append(f"warning: ({said}) every warning in full: {full_list}")
    return lines


def _cut(text: str, cells: int) -> str:
    """The longest start of `text` that fits in `cells` terminal cells (a Chinese character takes two)."""
    used = 0
    for i, ch in enumerate(text):
        used += cell_len(ch)
        if used > cells:
            return text[:i]
    return text


def emit(columns: list[str], rows: list[dict[str, object]], fmt: Format, out: Path | None = None) -> None:
    write_text(render(columns, rows, fmt), out, f"{len(rows)} rows ({fmt.value})")


def write_text(text: str, out: Path | None = None, what: str = "") -> None:
    """To stdout, or atomically into a file, saying on stderr what was written where."""
    if not text.endswith("\n"):
        text += "\n"
    if out is None or str(out) == "-":
        sys.stdout.write(text)
    else:
        write_atomic(out, text.encode("utf-8"))
        sys.stderr.write(f"wrote {what + ' to ' if what else ''}{out}\n")
