"""City data: the agencies, divisions and group phrases of one city, from YAML files.

Everything specific to a city lives in data/cities/<city>/ (agencies.yaml,
divisions.yaml, people.yaml); another city is another folder, not new code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError
from kg.normalise import normalise
from kg.paths import DATA
from kg.yamlfile import read_yaml


@dataclass(frozen=True)
class Agency:
    """One real organisation, or a group or generic type standing for several."""

    name: str  # canonical full name: the entity key
    type: str  # department | government | committee | party | leading_group | company | public_institution | ... | group | generic
    short: str = ""
    aliases: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    parent: str | None = None
    members: tuple[str, ...] = ()  # for groups: canonical names of members (empty: unknown)
    level: str = "city"
    scope: str = ""  # the government a name without its place belongs to (市财政局, 有关部门): jurisdiction code, or the document when unknown


@dataclass
class City:
    name: str
    folder: Path  # absolute; caches of resolvers and pipelines are keyed by it
    province: str = ""
    code: str = ""  # GB/T 2260 code of the city (divisions.yaml city.code); empty for the generic data
    short: tuple[str, ...] = ()
    agencies: dict[str, Agency] = field(default_factory=dict)
    divisions: list[dict] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)  # place surface form → canonical division name
    ocr_variants: dict[str, str] = field(default_factory=dict)  # misspelling → canonical (never used silently)
    role_nouns: frozenset[str] = frozenset()


def resolve_city(city: str | Path) -> Path:
    folder = Path(city)
    if not folder.is_dir():
        folder = DATA / "cities" / str(city)
    folder = folder.resolve()
    if not (folder / "agencies.yaml").is_file():
        known = ", ".join(sorted(p.name for p in (DATA / "cities").iterdir() if p.is_dir()))
        raise InputError(f"{city}: no city data (agencies.yaml) there; known cities: {known}")
    return folder


@lru_cache(maxsize=8)
def load_city(city: str | Path) -> City:
    folder = resolve_city(city)
    divisions = read_yaml(folder / "divisions.yaml") or {}
    entries = read_yaml(folder / "agencies.yaml") or []
    if not isinstance(entries, list):
        raise InputError(f"{folder / 'agencies.yaml'}: expected a list of agencies")
    info = divisions.get("city", {}) if isinstance(divisions, dict) else {}
    result = City(
        name=info.get("name", folder.name),
        folder=folder,
        province=info.get("province", ""),
        code=str(info.get("code") or ""),
        short=tuple(info.get("short", [])),
    )
    for k, entry in enumerate(entries):
        if not isinstance(entry, dict) or "name" not in entry:
            raise InputError(f"{folder / 'agencies.yaml'}: entry {k + 1} has no name")
        aliases = tuple(normalise(str(a)) for a in entry.get("aliases") or [])
        agency = Agency(
            name=normalise(entry["name"]),
            type=entry.get("type") or "other",
            short=normalise(entry.get("short") or ""),
            aliases=aliases,
            sectors=tuple(normalise(s) for s in entry.get("sectors") or []),
            parent=normalise(entry["parent"]) if entry.get("parent") else None,
        )
        result.agencies[agency.name] = agency
    governments: list[str] = []
    for div in divisions.get("divisions", []) or []:
        result.divisions.append(div)
        name = normalise(div["name"])
        result.places[name] = name
        for alias in div.get("aliases", []) + div.get("former_names", []):
            result.places[normalise(alias)] = name
        for variant in div.get("ocr_variants", []) or []:
            result.ocr_variants[normalise(variant)] = name
        gov = normalise(div["government"])
        governments.append(gov)
        result.agencies[gov] = Agency(gov, "government", aliases=tuple(normalise(a) for a in div.get("government_aliases", [])), level="county")
        if div.get("party_committee"):
            pc = normalise(div["party_committee"])
            result.agencies[pc] = Agency(pc, "party", aliases=tuple(normalise(a) for a in div.get("party_committee_aliases", [])), level="county")
    zones: list[str] = []
    for zone in divisions.get("development_zones", []) or []:
        name = normalise(zone["name"])
        result.places[name] = name
        for alias in zone.get("aliases", []) or []:
            result.places[normalise(alias)] = name
        committee = normalise(zone["committee"])
        zones.append(committee)
        aliases = [zone["name"], *(zone.get("aliases") or []), *(zone.get("committee_aliases") or [])]
        result.agencies[committee] = Agency(committee, "committee", aliases=tuple(normalise(a) for a in aliases), level="county")
        if zone.get("party_committee"):
            pc = normalise(zone["party_committee"])
            result.agencies[pc] = Agency(pc, "party", aliases=tuple(normalise(a) for a in zone.get("party_committee_aliases", [])), level="county")
    departments = [a.name for a in result.agencies.values() if a.type == "department"]
    for group in divisions.get("groups", []) or []:
        name = normalise(group["name"])
        members = group.get("members")
        if members == "divisions.government":
            resolved = governments
        elif members == "agencies.department":
            resolved = departments
        elif isinstance(members, list):
            resolved = []
            for m in members:
                resolved += {"divisions.government": governments, "development_zones.committee": zones, "divisions.party_committee": []}.get(m, [m])
        else:
            resolved = []
        variants = [normalise(v) for v in group.get("variants", []) if normalise(v) != name]
        spellings, specific = _spellings_of(name, variants)
        result.agencies[name] = Agency(
            name, "group", aliases=tuple(spellings),
            members=tuple(normalise(m) for m in resolved) + tuple(specific), level=group.get("level", "city"),
        )
    result.role_nouns = frozenset(normalise(n) for n in divisions.get("generic_role_nouns", []) or [])
    return result


CATCH_ALL = re.compile(r"(?P<word>行业|有关|相关|各类)(?:行政)?(?:主管)?(?:部门|单位)$")


def _spellings_of(name: str, variants: list[str]) -> tuple[list[str], list[str]]:
    """A catch-all group (县级行业主管部门, 市直有关部门) is spelled only with its catch-all word; a listed
    variant naming one sector's body (各县（市、区）知识产权局, 县（市、区）减灾委) is a member of the
    group, never another spelling of it, so it keeps its own entity."""
    catch_all = CATCH_ALL.search(name)
    if not catch_all:
        return variants, []
    spellings = [v for v in variants if CATCH_ALL.search(v)]
    return spellings, [v for v in variants if v not in spellings]


def city_reference(city: City) -> str:
    """How build.json names the city: its name under data/cities/, else its folder."""
    return city.folder.name if city.folder.parent == (DATA / "cities").resolve() else str(city.folder)


GENERIC = "generic"  # the data folder with no city: group phrases and role nouns only


def city_for(code: str | None, prefer: City | None = None) -> City:
    """The city data that applies to a document of the government `code` (GB/T 2260): the folder
    under data/cities/ (or `prefer`, a folder given with --city) whose city code is that
    government's or one above it; else the generic data."""
    if code:
        above = _above(code)
        if prefer is not None and prefer.code in above:
            return prefer
        for folder, city_code in _city_codes().items():
            if city_code in above:
                return load_city(folder)
    return load_city(GENERIC)


@lru_cache(maxsize=4096)
def _above(code: str) -> frozenset[str]:
    """The code and every division above it (asked for each document, every line of a chronicle)."""
    from kg.divisions import chain

    return frozenset(d.code for d in chain(code))


@lru_cache(maxsize=1)
def _city_codes() -> dict[str, str]:
    """data/cities/<city>/ folder name → its city code (folders without a code are left out)."""
    out = {}
    for folder in sorted((DATA / "cities").iterdir()):
        info = (read_yaml(folder / "divisions.yaml") or {}) if folder.is_dir() else {}
        code = str((info.get("city") or {}).get("code") or "") if isinstance(info, dict) else ""
        if code:
            out[folder.name] = code
    return out
