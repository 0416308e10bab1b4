"""A reader of vertical-text tables: tables a PDF converter emitted one or two characters per line.

What such a stream looks like (see docs/corpus/GUIDE-002-003.md §A4): every one or
two non-blank lines are followed by a blank line, and that blank line is a wrapping
rhythm, NOT a cell boundary (it falls mid-word). What does carry structure:

- a whitespace-only line (a single space) separates two items inside one cell;
- a row begins with its 序号, a digit-only line at the start of a line group
  (after a blank line), possibly followed by more digit-only lines that belong to
  the next numeric column (a 3-digit number may itself be split across the blank);
  digits followed by a unit or date character (19 / 97年) are text, not a row start;
- the header (序号 …) is printed again after each page break.

The reader therefore works without knowing any column: it finds the vertical
region, takes the title (text before 序号) and the header (序号 up to the first row),
drops repeated headers, and cuts rows where the expected next 序号 (1, 2, 3 …) starts
a line group. Each row gives its 序号, the digits that follow it (the next numeric
column, unsplit), and its remaining text with the in-cell separators kept as SEP.
Splitting that text into named cells is the caller's job: it knows the grammar of
its catalogue (extractors/powers.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.normalise import NText, normalise_line
from kg.read import first_held

SEP = "\u2423"  # stands for a whitespace-only line inside a cell
MIN_LINES = 40  # short lines needed before a stretch counts as a vertical table
MAX_CHARS = 2  # a vertical line holds at most this many characters
UNIT_AFTER = frozenset("年月日时号%‰万亿千百个项条次元吨米届期版")  # a number followed by these is text


@dataclass(frozen=True)
class VerticalRow:
    seq: int
    digits: str  # digit-only lines after the 序号, joined (the next numeric column)
    text: NText  # the rest of the row, SEP between items of one cell
    numbers: NText  # the 序号 and following digit lines as printed, for provenance
    first_line: int
    last_line: int


@dataclass(frozen=True)
class VerticalTable:
    title: NText
    header: str
    rows: tuple[VerticalRow, ...]
    first_line: int
    last_line: int
    repeated_headers: tuple[int, ...]  # lines where the header starts again
    problems: tuple[tuple[int, str], ...]  # (line, what) — e.g. a 序号 that never came


@dataclass(frozen=True)
class _Tok:
    """One non-blank source line of the stream."""

    text: NText
    line: int
    group_start: bool  # the line before it is blank (or it is the first)
    separator: bool  # whitespace-only line


def find_regions(lines: Sequence[str], start: int | None = None, end: int | None = None) -> list[tuple[int, int]]:
    """1-based (first, last) line spans where every non-blank line is ≤ MAX_CHARS characters (from
    the first line held: a part of a file is not read from line 1)."""
    start = first_held(lines) if start is None else start
    end = len(lines) if end is None else end
    regions: list[tuple[int, int]] = []
    first = last = 0
    count = 0
    for no in range(start, end + 1):
        s = lines[no - 1].strip()
        if not s:
            continue
        if len(s) <= MAX_CHARS:
            if not count:
                first = no
            count += 1
            last = no
            continue
        if count >= MIN_LINES:
            regions.append((first, last))
        count = 0
    if count >= MIN_LINES:
        regions.append((first, last))
    return regions


def _tokens(lines: tuple[str, ...], first: int, last: int) -> list[_Tok]:
    toks: list[_Tok] = []
    blank_before = True
    for no in range(first, last + 1):
        raw = lines[no - 1]
        if raw == "":
            blank_before = True
            continue
        if not raw.strip():
            toks.append(_Tok(NText(SEP, ((no, 0),)), no, blank_before, True))
            blank_before = True
            continue
        toks.append(_Tok(normalise_line(raw, no), no, blank_before, False))
        blank_before = False
    return toks


def _stream(toks: list[_Tok]) -> NText:
    return NText.join([t.text for t in toks])


def read_region(lines: tuple[str, ...], first: int, last: int) -> VerticalTable | None:
    """Read one vertical region into title, header and numbered rows (None: no 序号 header)."""
    toks = _tokens(lines, first, last)
    whole = _stream(toks)
    at = whole.text.find("序号")
    if at < 0:
        return None
    # token index where 序号 starts
    offsets: list[int] = []
    pos = 0
    for t in toks:
        offsets.append(pos)
        pos += len(t.text)
    head_tok = max(i for i, o in enumerate(offsets) if o <= at)
    title = whole[:at]

    def row_start(i: int, seq: int) -> tuple[int, str] | None:
        """If token i starts row `seq`: (index after its digit run, digits after the 序号)."""
        t = toks[i]
        if t.separator or not t.group_start or not t.text.text.isdigit():
            return None
        digits = ""
        j = i
        while j < len(toks) and not toks[j].separator and toks[j].text.text.isdigit():
            digits += toks[j].text.text
            j += 1
        want = str(seq)
        if not digits.startswith(want) or j >= len(toks):
            return None
        if toks[j].text.text[:1] in UNIT_AFTER:  # 19 / 97年: a quantity or a date, not a row number
            return None
        return j, digits[len(want):]

    # the header runs from 序号 to the first row start
    i = head_tok
    while i < len(toks) and row_start(i, 1) is None:
        i += 1
    header = NText.join([t.text for t in toks[head_tok:i]]).text[at - offsets[head_tok]:]
    header = header.replace(SEP, "")

    rows: list[VerticalRow] = []
    problems: list[tuple[int, str]] = []
    repeated: list[int] = []
    seq = 1
    start = row_start(i, 1) if i < len(toks) else None
    while start is not None:
        body_from, digits = start
        first_line = toks[i].line
        k = body_from
        nxt = None
        while k < len(toks):
            nxt = row_start(k, seq + 1)
            if nxt is not None:
                break
            k += 1
        body = toks[body_from:k]
        text = NText.join([t.text for t in body])
        # drop a repeated header (page break) wherever it falls in the row
        if header:
            h = text.text.replace(SEP, "").find(header)
            if h >= 0:
                cut = _cut_header(text, header)
                if cut is not None:
                    text, line = cut
                    repeated.append(line)
        text = _strip_seps(text)
        last_line = text.origin[-1][0] if len(text) else (body[-1].line if body else toks[i].line)
        numbers = NText.join([t.text for t in toks[i:body_from]])
        rows.append(VerticalRow(seq, digits, text, numbers, first_line, last_line))
        if nxt is None:
            break
        i, seq, start = k, seq + 1, nxt
    if not rows:
        problems.append((toks[head_tok].line, "header found but no row numbered 1"))
    return VerticalTable(title, header, tuple(rows), first, last, tuple(repeated), tuple(problems))


def _cut_header(text: NText, header: str) -> tuple[NText, int] | None:
    """Remove the first occurrence of the header (ignoring SEP inside it); return the rest and its line."""
    chars = [(k, c) for k, c in enumerate(text.text) if c != SEP]
    plain = "".join(c for _, c in chars)
    h = plain.find(header)
    if h < 0:
        return None
    a, b = chars[h][0], chars[h + len(header) - 1][0] + 1
    line = text.origin[a][0]
    return NText.join([text[:a], text[b:]]), line


def _strip_seps(text: NText) -> NText:
    a, b = 0, len(text)
    while a < b and text.text[a] == SEP:
        a += 1
    while b > a and text.text[b - 1] == SEP:
        b -= 1
    return text[a:b]


def read_all(lines: Sequence[str], start: int | None = None, end: int | None = None) -> list[VerticalTable]:
    """Every vertical table between lines start and end (1-based, inclusive)."""
    out = []
    for first, last in find_regions(lines, start, end):
        table = read_region(lines, first, last)
        if table is not None:
            out.append(table)
    return out
