"""Agency resolution: one entity per real organisation, whatever spelling the text used.

The rules; the resolve stage (kg/resolved.py) applies them to an issue's records, and the
mapping only reads its results. Extractors use `Resolution.known` to recognise a string as an
organisation and `division_of` to recognise a place of the city, never to choose an entity.

Order of evidence, each step explained in the result:
1. an alias listed in the city's data files (agencies.yaml, divisions.yaml);
2. the regular variation of official names: city prefix (曲靖市/市), 和 dropped,
   委员会 → 委, 监督管理 → 监管, 管理委员会 → 管委会, 经济技术开发区 → 经开区;
3. a generic department type (卫生健康行政部门) → a generic entity linked to the
   city's agency for that sector;
4. otherwise the mention becomes its own entity, typed by its suffix. Nothing is
   dropped, and OCR variants are never merged unless the data file says so.

Given the document's government (`where`, kg/jurisdiction.py), a name is read inside it:
the city data applies only to documents of that city; a name that opens with a place
(东莞市财政局) belongs to that place; a relative name (市财政局, 县发改局) to the
government at that level above the document's (its city, its county), spelled by the
national lexicon (data/lexicon/departments.yaml); a central body (教育部) is national.
What stays without a place (有关部门, 县级行业主管部门 in a city's document, any name in a
document whose government is unknown) is kept apart per government (Agency.scope).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg import lexicon
from kg.city import Agency, City, city_for, load_city
from kg.divisions import NATIONAL, chain, division, opening_place
from kg.normalise import normalise
from kg.records import Jurisdiction

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
        for group in [a for a in city.agencies.values() if a.type == "group"]:
            for member in group.members:  # a body the data lists inside a group is known, as itself
                if member not in city.agencies and member not in self.exact:
                    self.exact[member] = Agency(member, guess_type(member), level=group.level)

    def resolve(self, mention: str, context_prefix: str = "", where: Jurisdiction | None = None) -> Resolution:
        """The entity a mention names; read inside the government `where` when it is given."""
        if where is not None:
            return resolve_in(mention, where, context_prefix, self.city)
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


def division_of(text: str, city: City) -> str | None:
    """The division a cell or name names: whole-cell match first, then the longest place name it starts with."""
    t = normalise(text).replace("市本级", "")
    if t in city.places:
        return city.places[t]
    best = None
    for form, name in city.places.items():
        if len(form) >= 2 and t.startswith(form) and (best is None or len(form) > len(best[0])):
            best = (form, name)
    return best[1] if best else None


_RESOLVERS: dict[Path, Resolver] = {}


def resolver_of(city: City) -> Resolver:
    """One resolver per city data folder, built once."""
    if city.folder not in _RESOLVERS:
        _RESOLVERS[city.folder] = Resolver(city)
    return _RESOLVERS[city.folder]


def resolver_for(city: str | Path) -> Resolver:
    """The resolver of a city named under data/cities/, or of a city folder given as a path."""
    return resolver_of(load_city(city))


# A relative prefix names the government at a level above (or at) the document's own.
RELATIVE = re.compile(r"^(?P<prefix>省|自治区|市|州|盟|县|区|旗)(?P<rest>.{2,})$")
PREFIX_LEVEL = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city", "县": "county", "区": "county", "旗": "county"}
LEVELS = ("national", "province", "city", "county")


def unplaced(file: str, ordinal: int) -> Jurisdiction:
    """The stand-in for a document whose government is unknown: its names stay its own."""
    return Jurisdiction("", "", "unknown", f"{file}#{ordinal}", 0)


def scope_of(where: Jurisdiction) -> str:
    return where.code or "?" + where.evidence


def government_at(where: Jurisdiction, level: str) -> tuple[str, str] | None:
    """(code, name) of the government at `level` that a document of `where` means by 省/市/县:
    its own or one above it; None when the level is below the document's (a city's 县发改局)."""
    if where.level in ("unknown", "national"):
        return None
    divisions = chain(where.code)
    municipality = divisions[0].name.endswith("市")  # 上海市: province and city at once
    if level == "city" and where.level == "county" and divisions[-1].name.endswith("市"):
        level = "county"  # in a county-level city's document 市 is the city itself (宣威市)
    for k, div in enumerate(divisions):
        if div.level == level or (level == "city" and k == 0 and municipality):
            names = [d.name for d in divisions[: k + 1] if d.level != "province" or municipality or k == 0]
            return div.code, "".join(dict.fromkeys(names))
    return None


def _standard(place: tuple[str, str], rest: str) -> tuple[str, bool]:
    """The body's full name in that government: the lexicon's standard name when it knows the spelling."""
    div = division(place[0])
    level = div.level if div else "city"
    if level == "province" and div and div.name.endswith("市"):
        level = "city"  # a municipality's departments are 局, not 厅
    std = lexicon.local(rest, level)
    return (place[1] + std, True) if std else (place[1] + rest, False)


def resolve_in(mention: str, where: Jurisdiction, context_prefix: str = "", prefer: City | None = None) -> Resolution:
    m = normalise(mention)
    national_doc = where.level == "national"
    # 1. a name that opens with a place belongs to that place (曲靖市财政局 anywhere is 曲靖's)
    opening = opening_place(m, where.code or None)
    if opening and len(m) > opening[1] + 1:
        div, size = opening
        city = city_for(div.code, prefer)
        if city.code:
            res = resolver_of(city).resolve(m)
            if res.known:
                return res
        place = (div.code, "".join(dict.fromkeys(d.name for d in chain(div.code) if d.level != "province" or d.name.endswith("市"))))
        name, known = _standard(place, m[size:])
        how = f"names its place {div.name} ({div.code})" + ("; department by the national lexicon" if known else "")
        return Resolution(m, Agency(name, "department" if known else guess_type(name), level=div.level), how, known)
    # 2. the city data of the document's own city (市财政局 in 曲靖's document is 曲靖市财政局)
    city = city_for(where.code or None, prefer)
    own_city = city.code and not (m.startswith("市") and where.code != city.code and where.name.endswith("市"))  # 宣威市's 市 is not 曲靖's
    res = resolver_of(city).resolve(m, context_prefix) if own_city else None
    if res is not None and res.known and res.agency.type not in ("generic", "group"):
        return res
    # 3. a central body (教育部; 发展改革委 in a national document)
    central = lexicon.national(m, national_doc)
    if central:
        return Resolution(m, Agency(central, "department", level="national"), f"a central body by the national lexicon: {central}", True)
    # 4. a relative name: the government at that level above the document's own, by the lexicon
    rel = RELATIVE.match(m)
    if rel:
        place = government_at(where, PREFIX_LEVEL[rel.group("prefix")])
        if place:
            name, known = _standard(place, rel.group("rest"))
            how = f"“{rel.group('prefix')}” read in the document's government {where.name}" + ("; department by the national lexicon" if known else "")
            return Resolution(m, Agency(name, "department" if known else guess_type(name)), how, known)
    elif where.level not in ("unknown", "national") and (std := lexicon.local(m, where.level)):
        own = government_at(where, where.level)
        if own:
            return Resolution(m, Agency(own[1] + std, "department"), f"the document's own government {where.name}; department by the national lexicon", True)
    # 5. what has no place of its own stays the document's government's (or the document's)
    fallback = res or resolver_of(city).resolve(m, context_prefix)
    agency = fallback.agency
    scoped = Agency(agency.name, agency.type, agency.short, agency.aliases, agency.sectors, agency.parent, agency.members, agency.level, scope_of(where))
    return Resolution(m, scoped, fallback.how + f"; kept within {where.name or 'its document (government unknown)'}", fallback.known)
