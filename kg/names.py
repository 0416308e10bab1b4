"""National name data: the surnames a person's name may start with (data/names/surnames.txt)."""

from __future__ import annotations

from functools import lru_cache

from kg.paths import DATA

SURNAME_FILE = DATA / "names" / "surnames.txt"


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], tuple[str, ...]]:
    """(single surnames, compound surnames) from the data file, sections `# [single]` and `# [compound]`."""
    single: set[str] = set()
    compound: list[str] = []
    section = ""
    for line in SURNAME_FILE.read_text("utf-8").splitlines():
        if line.startswith("# ["):
            section = line[3:].rstrip("]")
            continue
        if line.startswith("#"):
            continue
        for word in line.split():
            (single.add(word) if section == "single" else compound.append(word))
    return frozenset(single), tuple(compound)
