"""Plain records passed between stages. Each carries where it came from.

Domain records live in submodules (kg.records.events, kg.records.tables …);
the ones every stage shares are here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: file, 1-based line span, the text as printed, who read it."""

    file: str
    line_start: int
    line_end: int
    quote: str
    extractor: str


@dataclass(frozen=True)
class Warning_:
    file: str
    line: int
    message: str
    column: int = 0

    def __str__(self) -> str:
        where = ":".join(str(n) for n in (self.line, self.column) if n)
        return f"{self.file}:{where}: {self.message}" if where else f"{self.file}: {self.message}"


@dataclass(frozen=True)
class BoardMember:
    role: str  # 编委主任, 编委成员, 主编 … as printed (spaces removed)
    person: str
    prov: Provenance


@dataclass(frozen=True)
class TocEntry:
    label: str  # series label above it (曲政发), or '' at top level
    title: str
    page: int | None
    prov: Provenance


@dataclass(frozen=True)
class Reference:
    """A document this one cites or abolishes; number and/or title as written."""

    kind: str  # cites | repeals
    number: str | None
    title: str | None
    prov: Provenance


@dataclass(frozen=True)
class Attachment:
    label: str  # 1, 2 … or '' for a single attachment
    title: str
    prov: Provenance


@dataclass(frozen=True)
class Section:
    """A numbered part of a document (一、 /（一）/ 1. / 第一条 …)."""

    path: tuple[str, ...]  # numbering tokens from the top, e.g. ('三', '（一）')
    kind: str  # numbering kind (cn, cn_paren, arabic …)
    title: str
    line_start: int
    line_end: int
    prov: Provenance


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_lines: tuple[int, ...]
    repeated_headers: tuple[int, ...]  # lines where the header recurs after a page break
    prov: Provenance


@dataclass(frozen=True)
class Jurisdiction:
    """The government a document belongs to, as its text tells it (kg/jurisdiction.py).

    `code` is the GB/T 2260 code of the division (530300 曲靖市; 100000 for the central
    government). A document whose government cannot be told has none (None), and its
    relative names (市财政局) stay its own."""

    code: str
    name: str  # 曲靖市, 鞍山市立山区, 上海市松江区, 中央
    level: str  # national | province | city | county
    evidence: str  # what in the text told it: `文号 国办发〔2018〕121号`, `issuer 曲靖市人民政府` …
    line: int


@dataclass
class Document:
    """One document of an issue, with the block range it spans."""

    ordinal: int
    number: str | None
    title: str
    doc_type: str | None
    issuers: tuple[str, ...]
    signed: date | None
    recipients: str | None
    plan_title: str | None
    kind: str  # policy | appointments | untitled
    prov: Provenance
    block_start: int = 0
    block_end: int = 0
    attachments: list[Attachment] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    jurisdiction: Jurisdiction | None = None  # set after segmentation (kg/jurisdiction.py)


@dataclass(frozen=True)
class Part:
    """A non-document part of an issue: the chronicle (大事记)."""

    kind: str  # chronicle
    heading: str
    block_start: int
    block_end: int
    prov: Provenance


@dataclass
class Issue:
    file: str
    gazette: str | None
    period: str | None  # 2021.12, 2023.7 …
    board: list[BoardMember]
    toc: list[TocEntry]
    documents: list[Document]
    parts: list[Part]
    warnings: list[Warning_]
    prov: Provenance
    blocks: list = field(default_factory=list, repr=False)  # the segmented text (kg.layout.Block), for extractors
    lines: tuple[str, ...] = field(default=(), repr=False)  # the source lines, for provenance quotes


@dataclass(frozen=True)
class Task:
    """A numbered item, paragraph or table row that carries an assignment."""

    doc_number: str | None
    doc_ordinal: int
    key: str  # unique within the document: line of the task and, for tables, the row
    text: str
    section: tuple[str, ...]
    deadline_text: str | None
    deadline_start: date | None
    deadline_end: date | None
    prov: Provenance


@dataclass(frozen=True)
class Assignment:
    """One unit (or person) in one role on one task, with the cue as written."""

    task: Task
    role: str  # lead | responsible | cooperate | participate | leader
    cue: str
    mention: str  # the unit as written after splitting the list (normalised)
    grammar: str  # labelled_paren | suffix_paren | duty_paren | generic_type | table | prose | labelled_line | colon_duty
    prov: Provenance  # the mention itself
