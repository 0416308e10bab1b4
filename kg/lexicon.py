"""The national lexicon of government departments (data/lexicon/departments.yaml).

`local(rest, level)` gives the standard name of a department of a local government from
any usual spelling without its place (发改委 → 发展和改革委员会 for a city, 发展和改革局
for a county); `national(name)` the central body a spelling stands for (发展改革委 →
国家发展和改革委员会). The resolver adds the government the document belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.normalise import normalise
from kg.paths import DATA
from kg.yamlfile import read_yaml


@dataclass(frozen=True)
class Lexicon:
    local: dict[str, dict[str, str]]  # spelling → standard name per level
    national: dict[str, str]  # spelling → the central body's full name
    national_only: frozenset[str]  # spellings that never name a local department (教育部, 体育总局)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = read_yaml(DATA / "lexicon" / "departments.yaml")
    local: dict[str, dict[str, str]] = {}
    for entry in data.get("local") or []:
        names = {level: normalise(n) for level, n in entry["name"].items()}
        for form in {*names.values(), *(entry.get("forms") or [])}:
            local.setdefault(normalise(form), names)
    national: dict[str, str] = {}
    for entry in data.get("national") or []:
        name = normalise(entry["name"])
        for form in (name, *(entry.get("forms") or [])):
            national.setdefault(normalise(form), name)
    return Lexicon(local, national, frozenset(f for f in national if f not in local))


def local(rest: str, level: str) -> str | None:
    """The standard name at `level` (province | city | county) of the department spelled `rest`."""
    names = lexicon().local.get(rest)
    if not names:
        return None
    return names.get(level) or names.get("city") or next(iter(names.values()))


def national(name: str, national_document: bool) -> str | None:
    """The central body `name` stands for: always for spellings only the centre uses (教育部),
    and in a national document also for those local departments share (发展改革委)."""
    lex = lexicon()
    if name in lex.national_only or (national_document and name in lex.national):
        return lex.national[name]
    return None
