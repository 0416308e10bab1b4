"""Helpers shared by the table and list extractors: where a line belongs, and TAB-table repair.

`reconstruct` takes a segmented TAB table (kg.records.Table) and gives rows aligned
with the header: a blank cell in a leading "merged" column inherits the value
above (the PDF dropped vertically merged cells), and a row whose cell count does
not match the header is NOT forced into columns; it is returned as damaged with
its line so the caller can report it (file:line) instead of attaching a cell to
the wrong column.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.records import Document, Issue, Table


@dataclass(frozen=True)
class AlignedRow:
    cells: dict[str, str]  # header label → cell ('' when empty)
    raw: tuple[str, ...]
    line: int
    inherited: tuple[str, ...] = ()  # columns filled from the row above


@dataclass(frozen=True)
class Reconstructed:
    header: tuple[str, ...]
    rows: tuple[AlignedRow, ...]
    damaged: tuple[tuple[int, str], ...]  # (line, why) for rows left out


def doc_span(issue: Issue, doc: Document) -> tuple[int, int]:
    """First and last source line of a document (from its blocks)."""
    blocks = issue.blocks[doc.block_start : doc.block_end]
    if not blocks:
        return doc.prov.line_start, doc.prov.line_end
    return blocks[0].first_line, blocks[-1].last_line


def doc_for_line(issue: Issue, line: int) -> Document | None:
    for doc in issue.documents:
        first, last = doc_span(issue, doc)
        if first <= line <= last:
            return doc
    return None


def header_labels(header: tuple[str, ...]) -> tuple[str, ...]:
    """Unique labels: an empty header cell (the second half of a merged heading) is named after its left neighbour."""
    out: list[str] = []
    for k, h in enumerate(header):
        label = h or (f"{out[-1]}#{k}" if out else f"#{k}")
        while label in out:
            label += "'"
        out.append(label)
    return tuple(out)


def reconstruct(table: Table, merged: tuple[str, ...] = ()) -> Reconstructed:
    """Rows aligned with the header; `merged` names the columns whose blank cells inherit from above."""
    header = header_labels(table.header)
    rows: list[AlignedRow] = []
    damaged: list[tuple[int, str]] = []
    previous: dict[str, str] = {}
    for raw, line in zip(table.rows, table.row_lines):
        if len(raw) != len(header):
            damaged.append((line, f"row has {len(raw)} cells, header has {len(header)}"))
            continue
        cells = dict(zip(header, raw))
        inherited = []
        for col in merged:
            if col in cells and not cells[col] and previous.get(col):
                cells[col] = previous[col]
                inherited.append(col)
        previous = cells
        rows.append(AlignedRow(cells, raw, line, tuple(inherited)))
    return Reconstructed(header, tuple(rows), tuple(damaged))
