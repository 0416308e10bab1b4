"""Reading gazette files: find them, decode them, refuse what is not text."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

from kg.errors import InputError
from kg.records import Warning_

SUFFIXES = {".txt", ".text"}  # in a folder; a file named on the command line is read whatever its suffix
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))  # UTF-32 LE starts with UTF-16 LE's BOM: test it first
SHOWN_BAD_LINES = 5  # invalid UTF-8 bytes on more lines than this are summarised in one warning


@dataclass(frozen=True)
class Lines(Sequence[str]):
    """Some of a file's lines, indexed as the whole file's (line n at n-1), the lines before `first`
    read as blank: a part of a large file holds only its own lines but keeps their true numbers."""

    first: int  # the number of held[0] in the file
    held: tuple[str, ...]

    def __len__(self) -> int:
        return self.first - 1 + len(self.held)

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            if step != 1:
                return [self[k] for k in range(start, stop, step)]
            blank = max(0, min(stop, self.first - 1) - start)
            return [""] * blank + list(self.held[max(0, start - self.first + 1) : max(0, stop - self.first + 1)])
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.held[i - self.first + 1] if i >= self.first - 1 else ""

    def __iter__(self) -> Iterator[str]:
        return chain(repeat("", self.first - 1), self.held)

    def numbered(self) -> Iterator[tuple[int, str]]:
        """The held lines with their numbers (not the blank ones before them)."""
        return enumerate(self.held, self.first)


def first_held(lines: Sequence[str]) -> int:
    """The number of the first line a part holds (1 for a whole file)."""
    return lines.first if isinstance(lines, Lines) else 1


def numbered(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """A file's (or a part's) lines with their 1-based numbers in the file."""
    return lines.numbered() if isinstance(lines, Lines) else enumerate(lines, 1)


@dataclass(frozen=True)
class SourceFile:
    """A decoded gazette file (or part of one). `lines` are the physical lines, 1-based by index+1;
    `warnings` say what was read in place of bytes that could not be decoded."""

    path: str
    encoding: str
    lines: Sequence[str]
    warnings: tuple[Warning_, ...] = ()

    @property
    def name(self) -> str:
        return Path(self.path).name


def find_files(inputs: list[Path]) -> list[tuple[Path, str]]:
    """The files to read, each with its label: its path relative to the folder given (a file
    given alone: its name), so provenance does not depend on the working folder. Sorted by
    label; a missing path is an error. A file reached twice (named twice, through a symlink,
    or inside a folder also given) is read once."""
    found: list[tuple[Path, str]] = []
    for item in inputs:
        if item.is_dir():
            found.extend((p, p.relative_to(item).as_posix()) for p in sorted(item.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif item.is_file():
            found.append((item, item.name))
        else:
            raise InputError(f"{item}: no such file or folder")
    seen: set[tuple[int, int]] = set()
    unique = []
    for path, label in found:
        st = os.stat(path)
        if (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            unique.append((path, label))
    return sorted(unique, key=lambda x: (x[1], str(x[0])))


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it, so provenance stays short and portable."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has the NUL half of every ASCII character (newlines, digits) on one side:
    `\\n\\x00` in little-endian, `\\x00\\n` in big-endian."""
    head = data[:8192]
    if len(data) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    encoding = "utf-16-le" if odd > 4 * even else "utf-16-be" if even > 4 * odd else None
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> bool:
    """A file whose non-ASCII characters are mostly valid UTF-8 is UTF-8 with a few bad bytes,
    not GB18030: GBK text almost never forms valid UTF-8 sequences by chance."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 127) - bad
    return valid > 2 * bad


def _decode_utf8_lines(data: bytes, label: str) -> tuple[str, list[Warning_]]:
    """Decode line by line so each bad byte is reported where an editor shows it (line, column)."""
    lines, bad = [], []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError as exc:
            column = len(raw[: exc.start].decode("utf-8", errors="replace")) + 1
            bad.append((number, column, raw[exc.start : exc.end]))
        lines.append(raw.decode("utf-8", errors="replace"))
    warnings = [
        Warning_(label, line, f"invalid UTF-8 byte {bytes_.hex(' ')} read as U+FFFD", column)
        for line, column, bytes_ in bad[:SHOWN_BAD_LINES]
    ]
    if len(bad) > SHOWN_BAD_LINES:
        rest = bad[SHOWN_BAD_LINES:]
        warnings.append(Warning_(label, rest[0][0], f"invalid UTF-8 bytes on {len(rest)} more lines (up to line {rest[-1][0]}), read as U+FFFD", rest[0][1]))
    return "\n".join(lines), warnings


def looks_binary(text: str) -> bool:
    """Control characters (other than tab, line ends and form feed) in more than 1 of 200 of the first 20,000 characters."""
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > max(8, len(text[:20000]) // 200)


def decode(data: bytes, label: str) -> tuple[str, str, list[Warning_]]:
    """Text, the encoding it was read in, and warnings for bytes read as U+FFFD."""
    if not data.strip():
        raise InputError(f"{label}: file is empty")
    text, encoding, warnings = None, "", []
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(name), name.replace("-le", "").replace("-be", "")
            except UnicodeDecodeError as exc:
                raise InputError(f"{label}: starts with a {name.upper()} byte-order mark but byte {exc.start + len(bom)} is not {name.upper()}") from None
            break
    if text is None and (text := _utf16_without_bom(data)) is not None:
        encoding = "utf-16"
    if text is None:
        if b"\x00" in data[:4096]:
            raise InputError(f"{label}: binary file (NUL bytes), not gazette text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if _mostly_utf8(data):
                (text, warnings), encoding = _decode_utf8_lines(data, label), "utf-8"
            else:
                try:
                    text, encoding = data.decode("gb18030"), "gb18030"  # a superset of GBK and GB2312
                except UnicodeDecodeError:
                    raise InputError(f"{label}: cannot decode as UTF-8, UTF-16 or GB18030/GBK") from None
    if not text.strip():
        raise InputError(f"{label}: file is empty")
    if looks_binary(text):
        raise InputError(f"{label}: binary file (control characters), not gazette text")
    return text, encoding, warnings


def read_file(path: Path, label: str | None = None) -> SourceFile:
    """`label` is how provenance names the file (relative to the input root); by default, relative to the working folder."""
    label = label or display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror})") from None
    text, encoding, warnings = decode(data, label)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(path=label, encoding=encoding, lines=tuple(text.split("\n")), warnings=tuple(warnings))


def read_part(path: Path, label: str, start: int, end: int, first_line: int) -> SourceFile:
    """Bytes start..end of a UTF-8 file (whole lines, beginning at line `first_line`): a part of a
    file too large to read as one (kg/pipeline/parts.py checked the file decodes as UTF-8)."""
    try:
        with path.open("rb") as fh:
            fh.seek(start)
            data = fh.read(end - start)
            at_end = not fh.read(1)
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror})") from None
    text = data.decode("utf-8").replace("\r\n", "\n")
    if text.endswith("\n") and not at_end:
        text = text[:-1]  # the part's last line ends where the next part begins
    return SourceFile(path=label, encoding="utf-8", lines=Lines(first_line, tuple(text.split("\n"))))
