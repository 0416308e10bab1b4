"""YAML data files (city data, lexicons, canned queries), read one way everywhere.

libyaml's parser when PyYAML was built with it: the same values, ten times faster on the
city data, which every build reads. A malformed file is a one-line error naming it and the line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.errors import InputError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> object:
    """The file's data; None when there is no such file."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise InputError(f"{path}{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from None
