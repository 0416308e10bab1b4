"""Tables that reached us as plain text without TABs: one row per line with `|` between cells,
or one cell per line (an HTML table flattened: `序号 ⏎ 改革举措 ⏎ 主要内容 ⏎ 指导部门 ⏎ …`).

Both become the same shape, a header of labels and rows of cells with their line spans, for
the responsibilities reader to map by column label (and, where cells drifted, by content).
A table is recognised only when a header label names a role (牵头单位, 责任单位, 負責科室,
指导部门 …, given by the caller), so page metadata printed with pipes is not read as one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.normalise import NText, normalise, normalise_line
from kg.patterns import numbering

MAX_LABEL = 8  # header labels are short: 序号, 改革举措, 主要内容, 牵头单位
ROW_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class TextTable:
    header: tuple[str, ...]
    rows: tuple[tuple[NText, ...], ...]
    row_lines: tuple[tuple[int, ...], ...]  # the source lines of each row
    shape: str  # pipes | cell_per_line


def _line(lines: tuple[str, ...], no: int) -> NText:
    return normalise_line(lines[no - 1], no)


def _pipe_cells(text: NText) -> list[NText]:
    cells, start = [], 0
    for k, ch in enumerate(text.text + "|"):
        if ch in "|｜":
            cells.append(text[start:k])
            start = k + 1
    while cells and not cells[-1].text.strip():
        cells.pop()  # the trailing `|`
    if cells and not cells[0].text.strip():
        cells.pop(0)  # a leading `|`
    return [_trim(c) for c in cells]


def _trim(cell: NText) -> NText:
    lo, hi = 0, len(cell.text)
    while lo < hi and cell.text[lo] in " \t":
        lo += 1
    while hi > lo and cell.text[hi - 1] in " \t":
        hi -= 1
    return cell[lo:hi]


def pipe_tables(lines: tuple[str, ...], first: int, last: int, is_role: Callable[[str], bool]) -> list[TextTable]:
    tables: list[TextTable] = []
    no = first
    while no <= last:
        text = _line(lines, no)
        cells = _pipe_cells(text) if text.text.count("|") >= 2 else []
        labels = [normalise(c.text) for c in cells]
        if not (len(cells) >= 2 and all(len(x) <= MAX_LABEL for x in labels) and any(is_role(x) for x in labels)):
            no += 1
            continue
        rows, row_lines = [], []
        no += 1
        while no <= last and _line(lines, no).text.count("|") >= 1:
            rows.append(tuple(_pipe_cells(_line(lines, no))))
            row_lines.append((no,))
            no += 1
        tables.append(TextTable(tuple(labels), tuple(rows), tuple(row_lines), "pipes"))
    return tables


def cell_per_line_tables(lines: tuple[str, ...], first: int, last: int, is_role: Callable[[str], bool]) -> list[TextTable]:
    """A header of three or more short label lines opening with 序号 (so rows can be found by their
    numbers), one of them a role; then rows, each from its number to the next, headings between
    rows (一、知识产权保护方面) left out."""
    tables: list[TextTable] = []
    no = first
    while no <= last:
        labels: list[str] = []
        k = no
        while k <= last and (label := normalise(lines[k - 1]).strip()) and len(label) <= MAX_LABEL and not ROW_NUMBER.match(label) and not re.search(r"[。，；：！？|]", label):
            labels.append(label)
            k += 1
        if len(labels) < 3 or labels[0] != "序号" or not any(is_role(x) for x in labels):
            no = k + 1 if k > no else no + 1
            continue
        rows, row_lines = [], []
        current: list[int] = []
        while k <= last:
            raw = normalise(lines[k - 1]).strip()
            if ROW_NUMBER.match(raw):
                if current:
                    row_lines.append(tuple(current))
                current = [k]
            elif current and raw and not (numbering(raw) and len(current) >= len(labels)):
                current.append(k)
            elif current and numbering(raw):
                row_lines.append(tuple(current))
                current = []
            k += 1
        if current:
            row_lines.append(tuple(current))
        for span in row_lines:
            rows.append(tuple(_line(lines, n) for n in span))
        tables.append(TextTable(tuple(labels), tuple(rows), tuple(row_lines), "cell_per_line"))
        no = k
    return tables
