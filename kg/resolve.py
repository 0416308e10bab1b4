"""Agency resolution: one entity per real organisation, whatever spelling the text used.

Order of evidence, each step explained in the result:
1. an alias listed in the city's data files (agencies.yaml, divisions.yaml);
2. the regular variation of official names: city prefix (曲靖市/市), 和 dropped,
   委员会 → 委, 监督管理 → 监管, 管理委员会 → 管委会, 经济技术开发区 → 经开区;
3. a generic department type (卫生健康行政部门) → a generic entity linked to the
   city's agency for that sector;
4. otherwise the mention becomes its own entity, typed by its suffix. Nothing is
   dropped, and OCR variants are never merged unless the data file says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.city import Agency, City, load_city
from kg.normalise import normalise

GENERIC = re.compile(r"^(?P<stem>.+?)(?:行政主管部门|主管部门|行政部门|管理部门|部门|机关|机构)$")
TYPE_BY_SUFFIX = [
    (re.compile(r"(?:领导小组|工作小组|指挥部|推进组|工作组|联席会议)(?:办公室)?$"), "leading_group"),
    (re.compile(r"(?:人民政府|政府)$"), "government"),
    (re.compile(r"管委会$|管理委员会$"), "committee"),
    (re.compile(r"^(?:中共|团)|(?:党委|党工委|党组|市委|县委|区委|纪委)$|^市委.+"), "party"),
    (re.compile(r"(?:公司|分公司|集团|企业)$"), "company"),
    (re.compile(r"(?:局|委|办|厅|部)$"), "department"),
    (re.compile(r"(?:中心|院|所|站|台|馆|学校|学院|医院)$"), "public_institution"),
]


@dataclass(frozen=True)
class Resolution:
    mention: str
    agency: Agency
    how: str  # why this entity: which alias, rule or fallback
    known: bool  # False when the mention became a new entity of its own


def fold(name: str, city: City) -> str:
    """The regular-variation key: two official spellings of one body fold alike."""
    key = name
    for prefix in (city.name, *(city.short or ())):
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            key = key[len(prefix) :]
            break
    if key.startswith("市") and len(key) > 2:
        key = key[1:]
    for old, new in (("经济技术开发区", "经开区"), ("管理委员会", "管委会"), ("监督管理", "监管"), ("委员会", "委"), ("人民政府", "政府"), ("和", "")):
        key = key.replace(old, new)
    return key


class Resolver:
    def __init__(self, city: City) -> None:
        self.city = city
        self.exact: dict[str, Agency] = {}
        self.folded: dict[str, set[str]] = {}
        self.sectors: dict[str, Agency] = {}
        for agency in city.agencies.values():
            for form in (agency.name, agency.short, *agency.aliases):
                if form:
                    self.exact.setdefault(form, agency)
                    self.folded.setdefault(fold(form, city), set()).add(agency.name)
            for stem in agency.sectors:
                self.sectors.setdefault(stem, agency)

    def resolve(self, mention: str, context_prefix: str = "") -> Resolution:
        m = normalise(mention)
        hit = self.exact.get(m)
        if hit:
            return Resolution(m, hit, f"alias “{m}” of {hit.name} in the city data", True)
        names = self.folded.get(fold(m, self.city), set())
        if len(names) == 1:
            agency = self.city.agencies[next(iter(names))]
            return Resolution(m, agency, f"regular variation: “{m}” and “{agency.name}” have the same folded form “{fold(m, self.city)}”", True)
        if context_prefix and not m.startswith(context_prefix):
            inner = self.resolve(context_prefix + m)
            if inner.known:
                return Resolution(m, inner.agency, f"distributive prefix “{context_prefix}” from the list: {inner.how}", True)
        generic = GENERIC.match(m) if not re.search(r"[、，,；;]", m) else None
        if generic and not m.startswith(("县", "各县", "有关县", "乡", "镇")):
            stem = generic.group("stem").removeprefix("市").removeprefix("各级")
            target = self.sectors.get(stem)
            agency = Agency(m, "generic", members=(target.name,) if target else ())
            how = f"generic department type; sector “{stem}” → {target.name}" if target else f"generic department type “{m}” (no city agency for sector “{stem}”)"
            return Resolution(m, agency, how, True)
        if m in self.city.role_nouns:
            return Resolution(m, Agency(m, "role_noun"), "a role noun, not an organisation", False)
        return Resolution(m, Agency(m, guess_type(m)), f"not in the city data: kept as its own entity (type by suffix: {guess_type(m)})", False)


def guess_type(name: str) -> str:
    for pattern, kind in TYPE_BY_SUFFIX:
        if pattern.search(name):
            return kind
    return "other"


_RESOLVERS: dict[Path, Resolver] = {}


def resolver_of(city: City) -> Resolver:
    """One resolver per city data folder, built once."""
    if city.folder not in _RESOLVERS:
        _RESOLVERS[city.folder] = Resolver(city)
    return _RESOLVERS[city.folder]


def resolver_for(city: str | Path = "qujing") -> Resolver:
    """The resolver of a city named under data/cities/, or of a city folder given as a path."""
    return resolver_of(load_city(city))
