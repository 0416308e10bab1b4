"""Physical lines → logical blocks: undo the PDF's page furniture and line wrapping.

A block is a paragraph, a heading or one table row. Running headers and page
footers are dropped (and reported), lines a page break or a narrow column cut
mid-sentence are re-joined without a space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.normalise import NText, normalise_line
from kg.read import numbered
from kg.patterns import DATE_LINE, DOC_NUMBER, DOC_NUMBER_LINE, MONTH_HEADING, TERMINAL, TOC_ENTRY, numbering

FOOTER = re.compile(r"^[—\-]{1,3}\d{1,4}[—\-]{1,3}$")
GAZETTE_HEADER = re.compile(r"^.{2,30}公报(?:\d{4}[·.]\d{1,2}|\d{4}年第\d+期)")
JUNK = re.compile(r"^[-—=_|\t ]+$")
CHRONICLE_ENTRY = re.compile(r"^(?:\d{1,2}月)?\d{1,2}日(?:[—至]\d{1,2}日)?[，,、]")
WEB_ADDRESS = re.compile(r"https?：//|www\.")  # a page's address line is furniture: prose never wraps out of it
SECTION_LABELS = {"大事记", "人事任免", "目录"}


@dataclass(frozen=True)
class Block:
    """One logical unit of text. `cells` is set for TAB table rows."""

    text: NText
    cells: tuple[NText, ...] = ()

    @property
    def str(self) -> str:
        return self.text.text

    @property
    def first_line(self) -> int:
        return self.text.origin[0][0] if self.text.origin else 0

    @property
    def last_line(self) -> int:
        return self.text.origin[-1][0] if self.text.origin else 0


@dataclass
class Layout:
    blocks: list[Block]
    narrow: bool
    dropped: list[tuple[int, str]] = field(default_factory=list)  # (line, why)


@dataclass(frozen=True)
class LayoutContext:
    """What the layout of a part of an issue needs from the rest of it to read its lines as the
    whole issue is read (kg/pipeline/parts.py counts these over the issue)."""

    widths: tuple[float, bool, float]  # typical width, narrow, column: `measures` of the whole issue
    labels: frozenset[str]  # `series_labels` of the whole issue
    seen: frozenset[str] = frozenset()  # labels printed before the part (a label recurring in it is a running header)
    started: bool = False  # the issue has text before the part (a gazette header in it is a running header)


def measures(widths: Counter[float]) -> tuple[float, bool, float]:
    """The typical width of prose lines (their median), whether the layout is a narrow column, and
    the column's width (the 80th percentile of a narrow layout): statistics.median and
    quantiles(n=10)[7] over the widths, taken from their counts so a planner can count line by line."""
    n = sum(widths.values())
    if not n:
        return 40.0, False, 40.0
    keys = sorted(widths)

    def at(k: int) -> float:  # the k-th smallest width, 0-based
        for w in keys:
            if k < widths[w]:
                return w
            k -= widths[w]
        raise IndexError(k)

    typical = at(n // 2) if n % 2 else (at(n // 2 - 1) + at(n // 2)) / 2
    narrow = typical < 26
    column = typical
    if narrow and n >= 10:
        j = min(max(8 * (n + 1) // 10, 1), n - 1)  # statistics.quantiles' 'exclusive' method, i = 8 of 10
        delta = 8 * (n + 1) - j * 10
        column = (at(j - 1) * (10 - delta) + at(j) * delta) / 10
    return typical, narrow, column


def prose_widths(lines: Iterable[NText]) -> Counter[float]:
    return Counter(width(n.text) for n in lines if n.text and "\t" not in n.text)  # (tab rows are tables)


def width(text: str) -> float:
    """Printed width: half for an ASCII character (counted by one encode, not a loop)."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def _starts_structure(text: str) -> bool:
    return bool(
        numbering(text)
        or DOC_NUMBER_LINE.match(text)
        or DATE_LINE.match(text)
        or CHRONICLE_ENTRY.match(text)
        or MONTH_HEADING.match(text)
        or text.startswith(("附件", "（此件"))
        or text in SECTION_LABELS
    )


def series_labels(lines: Iterable[NText]) -> set[str]:
    """Document-series codes (曲政发, 曲政办发 …) that also serve as running headers."""
    labels = {"大事记"}
    for line in lines:
        for m in DOC_NUMBER.finditer(line.text):
            labels.add(m.group("prefix"))
    return labels


def build_layout(raw_lines: Sequence[str], context: LayoutContext | None = None) -> Layout:
    """`context`, for a part of an issue: the measures and labels of the whole issue, and what was
    printed before the part."""
    lines = [normalise_line(raw, no) for no, raw in numbered(raw_lines)]
    typical, narrow, column = context.widths if context else measures(prose_widths(lines))
    labels = set(context.labels) if context else series_labels(lines)
    dropped: list[tuple[int, str]] = []
    kept: list[NText] = []
    seen_label: set[str] = set(context.seen) if context else set()
    started = context.started if context else False
    following = [n.text for n in lines if n.text][1:] + [""]
    for n, nxt in zip((n for n in lines if n.text), following):
        t = n.text
        line_no = n.origin[0][0]
        if FOOTER.match(t) or JUNK.match(t):
            dropped.append((line_no, "page footer" if FOOTER.match(t) else "rule line"))
            continue
        if GAZETTE_HEADER.match(t) and (kept or started):
            dropped.append((line_no, "running header"))
            continue
        # A bare series label is a heading the first time (TOC, the 大事记 heading),
        # a running header when it recurs inside text.
        if t in labels:
            if t in seen_label and not (t == "大事记" and MONTH_HEADING.match(nxt)):
                dropped.append((line_no, "running header"))
                continue
            seen_label.add(t)
        kept.append(n)

    if narrow:
        kept = _drop_running_titles(kept, column, dropped)

    blocks: list[Block] = []
    pending: list[NText] = []

    def flush() -> None:
        if pending:
            blocks.append(Block(NText.join(pending)))
            pending.clear()

    for n in kept:
        t = n.text
        if "\t" in t:
            flush()
            blocks.append(Block(n, tuple(_cells(n))))
            continue
        spaced = _space_cells(raw_lines[n.origin[0][0] - 1], n.origin[0][0])
        if spaced:
            flush()
            blocks.append(Block(n, spaced))
            continue
        if pending and not _continues(pending[-1].text, t, narrow, column):
            flush()
        pending.append(n)
        if t in labels or t.endswith(tuple("。！？")) and not narrow:
            flush()
    flush()
    return Layout(blocks=blocks, narrow=narrow, dropped=dropped)


RUNNING_TITLE = re.compile(
    r"^[\u4e00-\u9fff“”《》、\d]{4,40}(?:方案|预案|规划|措施|办法|细则|意见|计划|规定|制度|条例|纲要|指南)(?:（\d{4}—\d{4}年）)?$"
)


def _drop_running_titles(lines: list[NText], column: float, dropped: list[tuple[int, str]]) -> list[NText]:
    """A plan's running title printed at the top of a page lands inside a wrapped sentence
    (…中央农村 ⏎ 曲靖市深化农业水价综合改革三年行动方案 ⏎ （2023—2025 年） ⏎ 工作会议精神…):
    one to three short lines that together read as a title, between an unfinished full
    line and its continuation, are dropped."""
    out: list[NText] = []
    i = 0
    while i < len(lines):
        prev = out[-1].text if out else ""
        cut = 0
        if prev and not prev.endswith(tuple(TERMINAL)) and width(prev) >= column * 0.82:
            for n in (3, 2, 1):  # the longest run that reads as a title
                run, after = lines[i : i + n], lines[i + n] if i + n < len(lines) else None
                if after is None or len(run) < n:
                    continue
                joined = "".join(x.text for x in run)
                if not RUNNING_TITLE.match(joined) or _starts_structure(after.text):
                    continue
                # short lines, or the title of a plan the notice just above named
                named_above = joined in "".join(x.text for x in out[-80:])
                if named_above or all(width(x.text) < column * 0.82 for x in run):
                    cut = n
                    break
        if cut:
            dropped.extend((x.origin[0][0], "running title") for x in lines[i : i + cut])
            i += cut
            continue
        out.append(lines[i])
        i += 1
    return out


def _continues(prev: str, nxt: str, narrow: bool, column: float) -> bool:
    """Does line `nxt` carry on the sentence that `prev` left unfinished?"""
    if _starts_structure(nxt) or DOC_NUMBER_LINE.match(prev) or DATE_LINE.match(prev) or WEB_ADDRESS.search(prev):
        return False
    if prev.endswith(("。", "！", "？")) or TOC_ENTRY.match(prev):
        return False
    if prev.endswith(("；", "：")) and not (narrow and width(prev) >= column * 0.9):
        return False  # in a narrow column a full line may end on ：or ；mid-sentence
    if narrow:
        # A line as wide as the column was cut by the layout, whatever it ends with
        # (typesetting squeezes punctuation, so full lines vary by a few characters);
        # lines far wider than the column are boxes or table rows across the page.
        return column * 0.82 <= width(prev) <= column * 1.6
    if prev.endswith(tuple(TERMINAL)):
        return False
    if prev.endswith(("，", "、", "（", "《", "“", "—")):
        return True
    return width(prev) >= 25


def _space_cells(raw: str, line_no: int) -> tuple[NText, ...]:
    """A row of figures laid out with spaces (`宣威市 62.79 15.17 …`) is a table row."""
    tokens = list(re.finditer(r"\S+", raw))
    numeric = sum(1 for t in tokens if re.fullmatch(r"[-+]?\d+(?:\.\d+)?%?", t.group()))
    if (
        len(tokens) < 4
        or numeric < max(3, len(tokens) // 2)
        or any(re.fullmatch(r"[\u4e00-\u9fff]", t.group()) or re.search(r"[，。；,]", t.group()) for t in tokens)
    ):
        return ()
    cells = []
    for t in tokens:
        cell = normalise_line(t.group(), line_no)
        cells.append(NText(cell.text, tuple((line_no, c + t.start()) for _, c in cell.origin)))
    return tuple(cells)


def _cells(n: NText) -> list[NText]:
    cells: list[NText] = []
    start = 0
    for i, ch in enumerate(n.text + "\t"):
        if ch == "\t":
            cells.append(n[start:i])
            start = i + 1
    return cells
