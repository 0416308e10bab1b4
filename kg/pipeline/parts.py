"""A file → parts, each a job of its own, cut where the text's grammar allows so that every part
reads as it does in the whole and the graph is the same.

- Between issues, whatever the file's size: a file holding several issues one after another is
  cut where a masthead (a line that is a gazette's name alone, 曲靖市人民政府公报, with a period
  line such as 2022.4 within the next lines) opens an issue after one that has documents. Each
  issue is then read as a file of its own would be (line numbers stay the file's).
- Within an issue larger than `part_bytes`: before a document (the first line of its title), about
  every `part_bytes`. Such a part carries what it needs from the rest of its issue: the layout's
  measures and series labels counted over the issue (kg.layout.LayoutContext); the front matter,
  the period and the number of documents before it (kg.segment.IssueContext); the issue's government.
  A cut is made only where the layout and the segmenter, run on the lines before the document with
  the issue's measures, begin the document at that line from whole blocks; else a later document is tried.

Only UTF-8 files (without lone CR line ends) are cut; any other file is one job, as before.
The plan reads the file line by line and holds no more than one issue's counts.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.layout import LayoutContext, build_layout, measures, series_labels, width
from kg.normalise import NText, normalise_line
from kg.patterns import DOC_NUMBER_LINE
from kg.read import Lines, SourceFile, looks_binary
from kg.records import Jurisdiction
from kg.segment import PERIOD, IssueContext, Segmenter, header_gazette, header_period

PART_BYTES = 1_000_000  # an issue larger than this is cut at documents (a job holds ~130 bytes per byte of text); --part-size
MASTHEAD = re.compile(r"^.{2,30}?公报$")  # the gazette's name alone, as printed at the head of an issue
MASTHEAD_TO_PERIOD = 15  # non-blank lines from the masthead to the issue's period, at most
BEFORE = 150  # lines read before a document to check a cut there (the segmenter looks back 5 blocks, the layout 80 lines)


@dataclass(frozen=True)
class Part:
    """Lines first..last of a file (bytes start..end). `layout` and `issue` are set for a part of an
    issue cut at documents; a whole issue of a file of several is read on its own, without them."""

    first_line: int
    last_line: int
    start: int
    end: int
    layout: LayoutContext | None = None
    issue: IssueContext | None = None
    documents: int = 0  # the documents the plan found in it (a part of an issue)
    first_placed: Jurisdiction | None = None  # the issue's first document placed in its government, when its gazette names no place

    @property
    def opens_issue(self) -> bool:
        return self.issue is None or self.issue.before == 0


@dataclass
class _Issue:
    first_line: int
    start: int
    anchors: list[tuple[int, int, int, int]]  # a 文号 line: its number and byte, and those of the line BEFORE lines above it


def _lines(path: Path, start: int, first_line: int, stop_byte: int | None = None, count: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(number, byte, text) of each line from byte `start` (line `first_line`) on, up to byte
    `stop_byte` or `count` lines."""
    with path.open("rb") as fh:
        fh.seek(start)
        offset, no = start, first_line
        for raw in fh:
            if (stop_byte is not None and offset >= stop_byte) or (count is not None and no >= first_line + count):
                return
            yield no, offset, raw.decode("utf-8").rstrip("\n").removesuffix("\r")
            offset += len(raw)
            no += 1


def _bom(path: Path) -> int | None:
    """Bytes to skip before the text of a file that can be cut; None for one that cannot."""
    with path.open("rb") as fh:
        head = fh.read(80000)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head[:4096] or looks_binary(head.decode("utf-8", "ignore")):
        return None  # read whole: the job reads UTF-16, or refuses a binary file
    return len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0


def _scan(path: Path, skip: int) -> tuple[list[_Issue], int, int] | None:
    """The file's issues with their 文号 lines; its last line number and size. None when not UTF-8."""
    issues = [_Issue(1, skip, [])]
    recent: deque[tuple[int, int]] = deque(maxlen=BEFORE + 1)
    masthead: tuple[int, int] | None = None
    countdown = 0
    offset, no = skip, 0
    with path.open("rb") as fh:
        fh.seek(skip)
        for no, raw in enumerate(fh, 1):
            recent.append((no, offset))
            start, offset = offset, offset + len(raw)
            if b"\r" in raw and not (raw.endswith(b"\r\n") and raw.count(b"\r") == 1):
                return None  # a lone CR ends a line when the file is read whole: line numbers would differ
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                return None
            if "号" not in line and "报" not in line and masthead is None:
                continue
            t = normalise_line(line.rstrip("\r\n"), no).text
            if "号" in line and "\t" not in t and DOC_NUMBER_LINE.match(t):
                issues[-1].anchors.append((no, start, *recent[0]))
            elif masthead and PERIOD.match(t):
                if issues[-1].anchors:
                    issues.append(_Issue(masthead[0], masthead[1], []))
                masthead = None
            elif MASTHEAD.match(t):
                masthead, countdown = (no, start), MASTHEAD_TO_PERIOD
            elif masthead and t:
                countdown -= 1
                if not countdown:
                    masthead = None
    # a "masthead" followed by no document (a back cover) opens no issue
    issues = [issues[0]] + [i for i in issues[1:] if i.anchors]
    return issues, no, offset


def plan(path: Path, label: str, part_bytes: int = PART_BYTES) -> list[Part] | None:
    """The parts of a file, in order; None when it is read whole as one job (one issue not larger
    than `part_bytes`, a file that cannot be cut, or an issue with no place to cut)."""
    skip = _bom(path)
    scanned = _scan(path, skip) if skip is not None else None
    if scanned is None:
        return None
    issues, last_line, size = scanned
    parts: list[Part] = []
    for k, issue in enumerate(issues):
        end_line, end = (issues[k + 1].first_line - 1, issues[k + 1].start) if k + 1 < len(issues) else (last_line, size)
        if end - issue.start > part_bytes and len(issue.anchors) > 1:
            parts.extend(_cut_issue(path, label, issue, end_line, end, part_bytes))
        else:
            parts.append(Part(issue.first_line, end_line, issue.start, end))
    return parts if len(parts) > 1 else None


@dataclass
class _Counts:
    """What the parts of one issue need from all of it, counted line by line."""

    widths: Counter[float]
    labels: set[str]
    first_seen: dict[str, int]  # a short line's text → the first line printing it
    gazette: str | None = None  # from running headers
    period: str | None = None

    def layout(self, first_line: int, issue_first_line: int) -> LayoutContext:
        seen = frozenset(t for t in self.labels if self.first_seen.get(t, first_line) < first_line)
        return LayoutContext(measures(self.widths), frozenset(self.labels), seen, started=first_line > issue_first_line)


def _count(path: Path, issue: _Issue, end: int) -> _Counts:
    counts = _Counts(Counter(), {"大事记"}, {})
    for no, _, raw in _lines(path, issue.start, issue.first_line, stop_byte=end):
        text = normalise_line(raw, no).text if raw.strip() else ""
        if not text:
            continue
        if "\t" not in text:  # as prose_widths counts
            counts.widths[width(text)] += 1
        if "〔" in text:  # as series_labels finds them
            counts.labels |= series_labels([NText(text, ())])
        if len(text) <= 10:
            counts.first_seen.setdefault(text, no)
        counts.gazette = counts.gazette or header_gazette(raw)
        counts.period = counts.period or header_period(raw)
    return counts


def _read(path: Path, label: str, start: int, first_line: int, stop_byte: int | None = None, count: int | None = None) -> tuple[SourceFile, list[int]]:
    rows = list(_lines(path, start, first_line, stop_byte, count))
    return SourceFile(label, "utf-8", Lines(first_line, tuple(r[2] for r in rows))), [r[1] for r in rows]


def _cut_before(path: Path, label: str, issue: _Issue, anchor: tuple[int, int, int, int], counts: _Counts) -> tuple[int, int] | None:
    """The line (and byte) where the document of this 文号 begins, if the file can be cut there."""
    line, _, wline, wbyte = anchor
    if wline < issue.first_line:
        wline, wbyte = issue.first_line, issue.start
    source, offsets = _read(path, label, wbyte, wline, count=line - wline + 5)
    layout = build_layout(source.lines, counts.layout(wline, issue.first_line))
    seg = Segmenter(source, layout)
    anchors, starts = seg._documents()
    blocks = seg.blocks
    k = next((k for k, a in enumerate(anchors) if blocks[a].first_line == line), None)
    # The segmenter looks back up to 5 blocks from the 文号 and one past the title: all must be
    # whole blocks (block 0 of this window may be the tail of a longer one).
    if k is None or anchors[k] < 6 or starts[k] < 2:
        return None
    cut = blocks[starts[k]].first_line
    if any(cut - 3 <= no <= cut for no, why in layout.dropped if why == "running title"):
        return None  # a running title dropped beside the cut depends on lines across it
    return cut, offsets[cut - wline]


def _cut_issue(path: Path, label: str, issue: _Issue, end_line: int, end: int, part_bytes: int) -> list[Part]:
    counts = _count(path, issue, end)
    cuts: list[tuple[int, int]] = [(issue.first_line, issue.start)]
    for anchor in issue.anchors[1:]:
        if anchor[1] - cuts[-1][1] >= part_bytes and (cut := _cut_before(path, label, issue, anchor, counts)) and cut[0] > cuts[-1][0]:
            cuts.append(cut)
    if len(cuts) == 1:
        return [Part(issue.first_line, end_line, issue.start, end)]
    bounds = [*cuts, (end_line + 1, end)]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:])]

    def source(k: int) -> tuple[SourceFile, LayoutContext]:
        (first, start), (_, stop) = spans[k]
        return _read(path, label, start, first, stop_byte=stop)[0], counts.layout(first, issue.first_line)

    # The front matter ends at the first document's title, the chronicle follows the last document:
    # read from the issue's start to its first 文号, and from above its last 文号 to its end.
    head = _read(path, label, issue.start, issue.first_line, count=issue.anchors[0][0] - issue.first_line + 5)[0]
    gazette, period, board, toc, prov = Segmenter(head, build_layout(head.lines, counts.layout(issue.first_line, issue.first_line))).front()
    gazette = gazette or counts.gazette
    if period is None:
        last = issue.anchors[-1]
        first, start = (last[2], last[3]) if last[2] > issue.first_line else (issue.first_line, issue.start)
        tail = _read(path, label, start, first, stop_byte=end)[0]
        period = Segmenter(tail, build_layout(tail.lines, counts.layout(first, issue.first_line))).chronicle_period() or counts.period
    docs = [sum(1 for a in issue.anchors if first <= a[0] < nxt) for (first, _), (nxt, _) in spans]
    contexts = [IssueContext(gazette, period, tuple(board), tuple(toc), prov, sum(docs[:k]), k == len(spans) - 1) for k in range(len(spans))]
    placed = None if _gazette_place(gazette) else _first_placed(contexts, source)
    return [
        Part(first, nxt - 1, start, stop, counts.layout(first, issue.first_line), contexts[k], docs[k], placed)
        for k, ((first, start), (nxt, stop)) in enumerate(spans)
    ]


def _gazette_place(gazette: str | None) -> bool:
    from kg.jurisdiction import place_of

    return bool(gazette and place_of(gazette))


def _first_placed(contexts: list[IssueContext], source: Callable[[int], tuple[SourceFile, LayoutContext]]) -> Jurisdiction | None:
    """The issue's government when its gazette names no place: its first document's that its own text tells."""
    from kg import jurisdiction

    for k in range(len(contexts)):
        text, layout = source(k)
        issue = Segmenter(text, build_layout(text.lines, layout), contexts[k]).run()
        jurisdiction.assign(issue)
        placed = next((d.jurisdiction for d in issue.documents if d.jurisdiction), None)
        if placed:
            return placed
    return None
