"""Character-level normalisation that never loses the way back to the source.

Every normalised character carries the (line, column) of the source character it
came from, so any span found later can be quoted exactly as printed. Matching
happens on the normalised form: one width for punctuation, ASCII digits, no
spaces inside Chinese text, simplified characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat

# Half-width punctuation that Chinese text means as full-width. `:` and `,` stay
# half-width between digits (8:30, 1,000) where they are not punctuation.
_PUNCT = {"(": "（", ")": "）", ";": "；", "?": "？", "!": "！", "[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕"}
_DIGIT_PUNCT = {":": "：", ",": "，"}
_DASHES = "‐‑‒–―－—"  # all become the em dash used in Chinese ranges (2021—2025)
_SPACES = " \u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
_MARKUP = re.compile(r"^\s*#{1,6}\s+|^\s*[-*•]\s+|</?p>|\*\*")


@lru_cache(maxsize=1)
def _t2s() -> dict[str, str]:
    """One-to-one traditional → simplified map from OpenCC's character table."""
    table: dict[str, str] = {}
    text = (resources.files("opencc") / "dictionary" / "TSCharacters.txt").read_text("utf-8")
    for row in text.splitlines():
        parts = row.split("\t")
        if len(parts) == 2:
            target = parts[1].split(" ")[0]
            if len(parts[0]) == 1 and len(target) == 1:
                table[parts[0]] = target
    return table


def fold_char(ch: str) -> str:
    """The matching form of one character ('' when it is dropped)."""
    if ch in _SPACES:
        return " "
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)  # full-width digits and letters → ASCII
    if ch in _PUNCT:
        return _PUNCT[ch]
    if ch in _DASHES:
        return "—"
    if ch == "．":
        return "."
    if ch in "，：；（）":
        return ch
    if unicodedata.category(ch) == "Cc" and ch != "\t":
        return ""
    return _t2s().get(ch, ch)


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.-_/")


@dataclass(frozen=True)
class NText:
    """Normalised text with, for each character, its (line, column) in the source."""

    text: str
    origin: tuple[tuple[int, int], ...]

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, item: slice) -> "NText":
        return NText(self.text[item], self.origin[item])

    def lines(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """First and last source line covered by text[start:end]."""
        span = self.origin[start:end] or self.origin[start - 1 : start] or ((0, 0),)
        return span[0][0], span[-1][0]

    @staticmethod
    def join(parts: list["NText"], sep: str = "") -> "NText":
        text: list[str] = []
        origin: list[tuple[int, int]] = []
        for i, part in enumerate(parts):
            if i and sep:
                text.append(sep)
                origin.extend([part.origin[0] if part.origin else origin[-1]] * len(sep))
            text.append(part.text)
            origin.extend(part.origin)
        return NText("".join(text), tuple(origin))


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    """fold_char for every character it changes, as a str.translate table ('' → None: dropped)."""
    table: dict[int, str | None] = {ord(k): v for k, v in _t2s().items()}
    singles = set(_SPACES) | set(_PUNCT) | set(_DASHES) | {"．"}
    singles |= {chr(c) for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
    singles |= {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))}  # every Cc character
    for ch in singles:
        table[ord(ch)] = fold_char(ch) or None
    return {k: v for k, v in table.items() if v != chr(k)}


_SPACE_RUN = re.compile(" +")
_DIGIT_PUNCT_RE = re.compile("[:,]")


@lru_cache(maxsize=1 << 15)
def normalise_line(raw: str, line_no: int) -> NText:
    """Normalise one physical line; TABs survive as cell separators. Cached: the layout normalises
    every line and the table and roster readers normalise many of them again.

    The common line (no markup, no dropped character) is folded by one str.translate, so a
    character's column is its index; the rest goes character by character."""
    cols: list[int] | range
    if _MARKUP.search(raw) is None:
        text = raw.translate(_table())
        cols = range(len(raw))
        if len(text) != len(raw):  # a control character was dropped
            text, cols = _fold_by_char(raw, [True] * len(raw))
    else:
        keep = [True] * len(raw)
        for m in _MARKUP.finditer(raw):
            for i in range(m.start(), m.end()):
                keep[i] = False
        text, cols = _fold_by_char(raw, keep)
    # Colon/comma between digits stay ASCII; elsewhere they are Chinese punctuation.
    if ":" in text or "," in text:
        chars = list(text)
        for m in _DIGIT_PUNCT_RE.finditer(text):
            i = m.start()
            if not (0 < i < len(chars) - 1 and chars[i - 1].isdigit() and chars[i + 1].isdigit()):
                chars[i] = _DIGIT_PUNCT[chars[i]]
        text = "".join(chars)
    # Spaces: a run becomes one space only between two ASCII words ("KTV 等" loses it, "and more" keeps it).
    if " " in text:
        out: list[str] = []
        out_cols: list[int] = []
        at = 0
        for m in _SPACE_RUN.finditer(text):
            out.append(text[at : m.start()])
            out_cols.extend(cols[at : m.start()])
            prev = text[m.start() - 1] if m.start() else ""
            nxt = text[m.end()] if m.end() < len(text) else ""
            if _is_ascii_word(prev) and _is_ascii_word(nxt):
                out.append(" ")
                out_cols.append(cols[m.start()])
            at = m.end()
        out.append(text[at:])
        out_cols.extend(cols[at:])
        text, cols = "".join(out), out_cols
        if "**" in text:  # a bold mark split by a space ("* *") is one once the space goes: drop it, as above
            dropped = {i for m in re.finditer(r"\*\*", text) for i in range(*m.span())}
            kept = [i for i in range(len(text)) if i not in dropped]
            text, cols = "".join(text[i] for i in kept), [cols[i] for i in kept]
    # Trim spaces at the ends; TABs stay, even leading or trailing ones: they delimit (empty) table cells.
    lo, hi = 0, len(text)
    while lo < hi and text[lo] == " ":
        lo += 1
    while hi > lo and text[hi - 1] == " ":
        hi -= 1
    if not text.strip(" \t"):
        lo, hi = 0, 0
    return NText(text[lo:hi], tuple(zip(repeat(line_no), cols[lo:hi])))


def _fold_by_char(raw: str, keep: list[bool]) -> tuple[str, list[int]]:
    chars: list[str] = []
    cols: list[int] = []
    for col, ch in enumerate(raw):
        folded = fold_char(ch) if keep[col] else ""
        if folded:
            chars.append(folded)
            cols.append(col)
    return "".join(chars), cols


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Matching form of a short string (names, titles): no spaces, one width. Cached: the same
    names are matched again and again."""
    return "".join(normalise_line(line, 0).text for line in text.splitlines()).replace("\t", "")


def quote(lines: Sequence[str], origin: tuple[tuple[int, int], ...]) -> str:
    """The source text, as printed, behind a normalised span (1-based lines; one source line per output line)."""
    if not origin:
        return ""
    pieces: list[str] = []
    cur_line, start_col, end_col = origin[0][0], origin[0][1], origin[0][1]
    for line, col in origin[1:]:
        if line == cur_line and col >= end_col:
            end_col = col
            continue
        pieces.append(lines[cur_line - 1][start_col : end_col + 1])
        cur_line, start_col, end_col = line, col, col
    pieces.append(lines[cur_line - 1][start_col : end_col + 1])
    return "\n".join(pieces)
