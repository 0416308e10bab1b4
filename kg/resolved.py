"""The resolve stage: an issue's records → the same records plus every name in them resolved to its entity.

Extractors return names as written; the mapping (kg.graph) needs entity keys: the `Agency` an
organisation's node id is made from (and why, `Resolution.how`), a person's canonical name, the
county-level division a place names. This stage is the only place they are looked up (the rules
are kg/resolve.py's and kg/people.py's); the mapping reads the tables here, and asking them for
a name this stage did not resolve raises `Unresolved`: it means a mapper reads a field this
stage does not know, and it must not quietly resolve the name itself.

A project list's county cell (no cell: the project's name), and the name of a project in text,
is read as the city's division (会泽县; 陆良陆腾智能物流园 → 陆良县); a mention of a listed project is
in the listed row's division. The resolved record carries it (`county`): the project's node id,
`kg eval` and the list's checks need it, so the checks (coordinates, per-county totals:
kg/county_checks.py) run here and return their warnings apart from the records. A group named for
the whole city (全市/我市…推进组) is named for the city (曲靖市…), the name its entity is resolved by.

A person is keyed by the canonical form of the name as printed (张钩 → 张鈞); a person named twice
in one event (a carried subject named again, or two spellings) takes part once, as the first
participation names them: only this stage can tell, so it drops the others from the records.

A mention is read in the government of its document (kg/jurisdiction.py), so an agency is keyed
by (mention, government). A list's distributive prefix (曲靖市住房城乡建设局、发展改革委) is
already applied by the extractor (extractors/units.py): mentions are read without one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from kg.city import Agency, City
from kg.county_checks import checked
from kg.records import Assignment, Issue, Jurisdiction, Warning_
from kg.records.events import Appointment, Event, Participation
from kg.records.tables import DutyStatement, GroupMembership, Project, ProjectMention
from kg.resolve import Resolution, Resolver, division_of, unplaced


class Unresolved(LookupError):
    """A name the resolve stage was not given: a bug in this module or in a mapper, never bad input."""


@dataclass(frozen=True)
class Resolved:
    """An issue's records (with their provenance, unchanged; one participation per person and event) and
    the entities their names resolve to."""

    records: list[object]
    where: Jurisdiction  # the issue's government: what a name outside a document's is read in
    agencies: dict[tuple[str, Jurisdiction], Resolution]  # (mention, government read in) → entity
    members: dict[str, Agency]  # a generic or group agency's member name → its entity
    parents: dict[str, Agency | None]  # an agency's parent name → its entity in the city data (None: not there)
    people: dict[str, str]  # a person's name as written → canonical name (the entity key)
    divisions: dict[str, str | None]  # a place name → the city's division it names (None: none)
    warnings: list[Warning_] = field(default_factory=list)  # of the checks that need a resolved name (kg/county_checks.py)

    def agency(self, mention: str, where: Jurisdiction | None = None) -> Resolution:
        """`where` None: the issue's government."""
        return _get(self.agencies, (mention, where or self.where), "agency")

    def member(self, name: str) -> Agency:
        return _get(self.members, name, "member")

    def parent(self, name: str) -> Agency | None:
        return _get(self.parents, name, "parent")

    def person(self, name: str) -> str:
        return _get(self.people, name, "person")

    def division(self, name: str) -> str | None:
        return _get(self.divisions, name, "place")


def _get(table: dict, key: object, kind: str):
    try:
        return table[key]
    except KeyError:
        raise Unresolved(f"{kind} {key!r} was not resolved by the resolve stage (kg/resolved.py)") from None


def cell_units(cell: str) -> list[str]:
    """A table cell's units, split on 、，outside brackets (各县（市、区）人民政府 stays whole)."""
    parts, depth, cur = [], 0, ""
    for ch in cell:
        depth += (ch == "（") - (ch == "）")
        if ch in "、，" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [x for x in [*parts, cur] if x]


def route_ends(name: str) -> list[str]:
    """The places a route's name runs between: 麒师高速公路（麒麟区至师宗县） → [麒麟区, 师宗县]."""
    return [place for pair in re.findall(r"（(.+?)至(.+?)）$", name) for place in pair]


def resolve(issue: Issue, records: list[object], where: Jurisdiction | None, resolver: Resolver,
            canonical: Callable[[str], str]) -> Resolved:
    """Resolve every name the mapping will ask for. `where` is the issue's government (None:
    unknown), `resolver` the city data's, `canonical` its person canonicaliser (kg.people)."""
    issue_where = where or unplaced(issue.file, 0)
    records, warnings = checked(issue.file, in_city(records, resolver.city), resolver.city)
    known = resolver.city.agencies
    agencies: dict[tuple[str, Jurisdiction], Resolution] = {}
    members: dict[str, Agency] = {}
    parents: dict[str, Agency | None] = {}

    def related(agency: Agency) -> None:
        """Members and parent, read as the mapping draws them: the city's own agency, else (a member) resolved in the issue's government."""
        for member in agency.members:
            if member not in members:
                members[member] = known.get(member) or resolver.resolve(member, where=issue_where).agency
                related(members[member])
        if agency.parent and agency.parent not in parents:
            parents[agency.parent] = known.get(agency.parent)
            if parents[agency.parent] is not None:
                related(known[agency.parent])

    for mention, read_in in _agency_mentions(issue, records, issue_where):
        if (mention, read_in) not in agencies:
            res = agencies[mention, read_in] = resolver.resolve(mention, "", read_in)
            related(res.agency)
    people = {name: canonical(name) for name in _person_names(issue, records)}
    places = resolver.city.places
    divisions = {name: places.get(name) for name in _place_names(records)}
    return Resolved(once_per_event(records, people.__getitem__), issue_where, agencies, members, parents, people, divisions, warnings)


def in_city(records: list[object], city: City) -> list[object]:
    """`records` with the names the mapping keys a project and a group by resolved: a project's county
    (the cell as written, else the name), a mention's (its listed row's, else the name's), a group
    named for the whole city."""
    listed: dict[str, str | None] = {}
    out: list[object] = []
    for r in records:
        if isinstance(r, Project):
            r = replace(r, county=division_of(r.county_mention or r.name, city))
            listed[r.name] = r.county
        elif isinstance(r, GroupMembership) and r.group.startswith(("全市", "我市")):
            r = replace(r, group=city.name + r.group[2:])
        out.append(r)
    for k, r in enumerate(out):
        if isinstance(r, ProjectMention):
            out[k] = replace(r, county=(listed.get(r.key) if r.listed else None) or division_of(r.name, city))
    return out


def _agency_mentions(issue: Issue, records: list[object], where: Jurisdiction) -> Iterator[tuple[str, Jurisdiction]]:
    """(mention, government it is read in) for every organisation the records name."""
    documents = {d.ordinal: d for d in issue.documents}
    for doc in issue.documents:
        for issuer in doc.issuers:
            yield issuer, doc.jurisdiction or where
    for r in records:
        if isinstance(r, Assignment) and r.role != "leader":
            doc = documents[r.task.doc_ordinal]
            yield r.mention, doc.jurisdiction or unplaced(issue.file, doc.ordinal)
        elif isinstance(r, Event):
            yield from ((org, where) for org in r.organisations)
        elif isinstance(r, (Participation, Appointment)) and r.organisation:
            yield r.organisation, where
        elif isinstance(r, Project):
            yield from ((unit, where) for unit in cell_units(r.agency))
        elif isinstance(r, GroupMembership):
            yield r.group, where
            if r.member_type == "unit":
                yield r.member, where
        elif isinstance(r, DutyStatement):
            yield r.unit, where


def once_per_event(records: list[object], person: Callable[[str], str]) -> list[object]:
    """`records` without a participation whose person (`person` of its name as printed) an earlier one
    in the same event names: the participation's node is keyed by event and person."""
    seen: set[tuple[str, int, int, str]] = set()
    kept: list[object] = []
    for r in records:
        if isinstance(r, Participation):
            key = (r.event.file, r.event.entry_line, r.event.number, person(r.mention))
            if key in seen:
                continue
            seen.add(key)
        kept.append(r)
    return kept


def _person_names(issue: Issue, records: list[object]) -> Iterator[str]:
    yield from (member.person for member in issue.board)
    for r in records:
        if isinstance(r, (Participation, Appointment)):
            yield r.mention
        elif isinstance(r, Assignment) and r.role == "leader":
            yield r.mention
        elif isinstance(r, ProjectMention):
            yield from r.people
        elif isinstance(r, GroupMembership) and r.member_type == "person":
            yield r.member


def _place_names(records: list[object]) -> Iterator[str]:
    for r in records:
        if isinstance(r, Event):
            yield from r.places
        elif isinstance(r, ProjectMention):
            yield from route_ends(r.name)
