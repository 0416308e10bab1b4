"""Where a command will write, checked before any work: a build that runs for minutes and then
cannot write its folder has lost the user's time (issue 13)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import InputError


def shown(path: Path) -> str:
    """A path as a one-line message can print it, even when its name is not valid text."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def check_out_folder(path: Path) -> None:
    """The graph folder: a folder, or a name a folder can be made under, in a writable place."""
    _check_name(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{shown(path)}: is a file, not a folder (give --out a folder for the graph)")
    _check_writable(path if path.is_dir() else _nearest_existing(path), path)


def check_out_file(path: Path) -> None:
    """An output file (`-o FILE`): not a folder, in a writable place. `-` is stdout."""
    if str(path) == "-":
        return
    _check_name(path)
    if path.is_dir():
        raise InputError(f"{shown(path)}: is a folder; give -o a file name (e.g. {shown(path / 'out.csv')})")
    _check_writable(_nearest_existing(path.parent), path)


def _check_name(path: Path) -> None:
    try:
        encoded = os.fsencode(path)
    except UnicodeEncodeError:
        raise InputError(f"{shown(path)}: this name cannot be encoded as a file name here; choose another") from None
    if b"\0" in encoded:
        raise InputError(f"{shown(path)}: a file name cannot contain a NUL character")


def _nearest_existing(path: Path) -> Path:
    """The closest ancestor that exists; a file there means the target would be under a file."""
    for ancestor in (path, *path.absolute().parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise InputError(f"{shown(path)}: cannot be written, {shown(ancestor)} is a file, not a folder")
            return ancestor
    return Path("/")


def _check_writable(folder: Path, target: Path) -> None:
    """Try it: permissions, read-only mounts and kernel file systems all answer a real attempt
    (os.access says yes to root on a read-only /sys)."""
    try:
        probe = tempfile.mkdtemp(prefix=".kg-probe-", dir=folder)
    except OSError as exc:
        raise InputError(f"{shown(target)}: cannot write in {shown(folder)} ({exc.strerror or exc})") from None
    os.rmdir(probe)
