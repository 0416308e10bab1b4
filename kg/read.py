"""Reading gazette files: find them, decode them, refuse what is not text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

SUFFIXES = {".txt", ".text"}  # in a folder; a file named on the command line is read whatever its suffix
# Tried in order; GB18030 is a superset of GBK and GB2312.
ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class SourceFile:
    """A decoded gazette file. `lines` are the physical lines, 1-based by index+1."""

    path: str
    encoding: str
    lines: tuple[str, ...]

    @property
    def name(self) -> str:
        return Path(self.path).name


def find_files(inputs: list[Path]) -> list[Path]:
    """Expand folders into their text files, sorted; a missing path is an error."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif item.is_file():
            found.append(item)
        else:
            raise InputError(f"{item}: no such file or folder")
    return found


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it, so provenance stays short and portable."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def decode(data: bytes, label: str) -> tuple[str, str]:
    if not data.strip():
        raise InputError(f"{label}: file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(f"{label}: binary file (NUL bytes), not gazette text")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls > max(8, len(text[:20000]) // 200):
            raise InputError(f"{label}: binary file (control characters), not gazette text")
        return text, encoding.replace("-sig", "")
    raise InputError(f"{label}: cannot decode as UTF-8 or GB18030/GBK")


def read_file(path: Path) -> SourceFile:
    label = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror})") from None
    text, encoding = decode(data, label)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(path=label, encoding=encoding, lines=tuple(text.split("\n")))
