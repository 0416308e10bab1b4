"""Select a part of a graph model: around named entities, by type, role, document, issue,
date window, jurisdiction, group, or the rows of a canned query. Selections combine.

Every criterion judges each node as in (True), out (False) or indifferent (None: an
agency has no date and lies in no single document), and each edge as in or out. The
selection keeps the edges every criterion accepts whose ends no criterion rejects,
the nodes every criterion accepts, and the indifferent nodes that end a kept edge:
`--year 2022` keeps the facts dated 2022 and the agencies and people they join,
not every undated agency. Seeds (`--center`, `--group`, `--jurisdiction`, query
rows) then keep what lies within `--depth` hops of them over the accepted edges.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.dating import Dating, Span, Stretches
from kg.errors import InputError
from kg.model import Edge, GraphModel, Node
from kg.normalise import normalise

# Node properties that are other spellings of a node's name (ontology local names).
SPELLINGS = ("alias", "shortName", "id_local", "title", "name", "nameAsWritten", "period", "source")
# Longer spellings are texts (a task's, an event's), not names: a part of a name does not find them.
NAME_LENGTH = 30
# Edge properties that hold an actor's role in a fact.
ROLE_KEYS = ("role", "participantRole")
# Added to each selected edge: the documents (文号 or title) its provenance lies in.
SOURCE_DOCUMENT = "sourceDocument"
# Edge types that draw a membership in a group (edge source = member, target = group).
MEMBERSHIP = "MEMBER_OF"


@dataclass
class Spec:
    """What the user asked for; empty fields do not restrict."""

    centers: list[str] = field(default_factory=list)
    depth: int | None = None  # hops around the seeds (1 around --center, 0 around groups and query rows)
    types: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    since: str = ""  # ISO date (or year, year-month), inclusive
    until: str = ""
    jurisdictions: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    query_rows: list[dict[str, object]] | None = None  # rows of a canned query, already run

    def is_empty(self) -> bool:
        return not (self.centers or self.types or self.roles or self.documents or self.issues or self.since or self.until
                    or self.jurisdictions or self.groups or self.query_rows is not None)


def year_window(year: str) -> tuple[str, str]:
    if not (len(year) == 4 and year.isdigit()):
        raise InputError(f"--year takes a year like 2022, got '{year}'")
    return f"{year}-01-01", f"{year}-12-31"


def _bound(value: str, end: bool) -> str:
    """2022 → 2022-01-01 (or -12-31 for an upper bound); 2022-03 → 2022-03-01 (or -31)."""
    parts = value.strip().split("-")
    if not value or not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
        raise InputError(f"a date bound takes YYYY, YYYY-MM or YYYY-MM-DD, got '{value}'")
    month = parts[1].zfill(2) if len(parts) > 1 else ("12" if end else "01")
    day = parts[2].zfill(2) if len(parts) > 2 else ("31" if end else "01")
    return f"{parts[0]}-{month}-{day}"


def document_label(n: Node) -> str:
    """How a document is named to a reader: its number (文号), else its title."""
    number = n.props.get("id_local")
    number = number[0] if isinstance(number, list) and number else number
    return str(number) if number else n.name


# ---------------------------------------------------------------- finding nodes by name


def spellings(node: Node) -> list[str]:
    out = [node.name]
    for key in SPELLINGS:
        value = node.props.get(key)
        out.extend(str(v) for v in (value if isinstance(value, list) else [value]) if v)
    return out


class Names:
    """Every spelling of every node, for `--center 市发改委` and friends."""

    def __init__(self, model: GraphModel, respell: Callable[[str], list[str]] | None = None) -> None:
        self.model = model
        self.respell = respell or (lambda name: [])
        self.index: dict[str, set[str]] = {}
        for n in model.nodes.values():
            for s in spellings(n):
                self.index.setdefault(normalise(s), set()).add(n.id)

    def find(self, name: str, labels: Iterable[str] = (), what: str = "node") -> list[Node]:
        """The nodes a name means: exact id or spelling, then the city's spelling rules, then a unique
        containment; several or none is an error listing candidates."""
        allowed = set(labels)
        ok = lambda ids: sorted(i for i in ids if not allowed or self.model.nodes[i].label in allowed)  # noqa: E731
        if name in self.model.nodes and ok([name]):
            return [self.model.nodes[name]]
        key = normalise(name)
        hits = ok(self.index.get(key, ()))
        if not hits:
            hits = ok({i for alt in self.respell(name) for i in self.index.get(normalise(alt), ())})
        if not hits and len(key) >= 2:
            # Part of a name, not of a sentence: a task's or event's text is its name too.
            longest = 10**6 if allowed else NAME_LENGTH
            hits = ok({i for s, ids in self.index.items() if key in s and len(s) <= longest for i in ids})
            if len(hits) > 1:
                raise InputError(f"'{name}' is part of {len(hits)} {what} names; did you mean {self._list(hits)}?")
        if len(hits) == 1:
            return [self.model.nodes[hits[0]]]
        if len(hits) > 1:
            raise InputError(f"'{name}' names {len(hits)} {what}s; did you mean {self._list(hits)}? (give a full name or an id)")
        close = difflib.get_close_matches(key, list(self.index), n=8, cutoff=0.5)
        candidates = ok({i for s in close for i in self.index[s]})
        hint = f"; did you mean {self._list(candidates)}?" if candidates else ""
        raise InputError(f"'{name}' names no {what} in this graph{hint}")

    def _list(self, ids: Iterable[str], limit: int = 8) -> str:
        nodes = [self.model.nodes[i] for i in ids]
        shown = ", ".join(f"{n.name} ({n.label}, {n.id})" for n in nodes[:limit])
        return shown + (f" and {len(nodes) - limit} more" if len(nodes) > limit else "")


# ---------------------------------------------------------------- criteria


class Criterion:
    def node(self, n: Node) -> bool | None:
        return True

    def edge(self, e: Edge) -> bool:
        return True


class Types(Criterion):
    def __init__(self, labels: set[str]) -> None:
        self.labels = labels

    def node(self, n: Node) -> bool | None:
        return n.label in self.labels


class Roles(Criterion):
    """Only facts with one of these roles (lead, responsible, cooperate …; chair, attend)."""

    def __init__(self, roles: set[str]) -> None:
        self.roles = roles

    def node(self, n: Node) -> bool | None:
        return None

    def edge(self, e: Edge) -> bool:
        return any(e.props.get(k) in self.roles for k in ROLE_KEYS)


class Window(Criterion):
    """Facts and dated things that overlap [since, until]; undated nodes only as ends of such facts."""

    def __init__(self, dating: Dating, since: str, until: str) -> None:
        self.dating, self.since, self.until = dating, since or "0000", until or "9999"

    def _in(self, span: Span | None) -> bool | None:
        return None if span is None else span[0] <= self.until and span[1] >= self.since

    def node(self, n: Node) -> bool | None:
        return self._in(self.dating.node(n))

    def edge(self, e: Edge) -> bool:
        return bool(self._in(self.dating.edge(e)))


class Stretch(Criterion):
    """What was read from some documents or issues: nodes and facts whose provenance lies in
    their lines, and the plain facts stated about such nodes."""

    def __init__(self, model: GraphModel, stretches: Stretches, openers: set[str], files: set[str]) -> None:
        self.model, self.stretches, self.openers, self.files = model, stretches, openers, files
        self._inside: dict[str, bool] = {}

    def _read_here(self, n_or_e: Node | Edge) -> bool:
        return any(s.file in self.files for s in n_or_e.provenance) or bool(self.stretches.openers(n_or_e.provenance) & self.openers)

    def inside(self, node_id: str) -> bool:
        if node_id not in self._inside:
            n = self.model.nodes.get(node_id)
            self._inside[node_id] = n is not None and (n.id in self.openers or self._read_here(n))
        return self._inside[node_id]

    def node(self, n: Node) -> bool | None:
        return True if self.inside(n.id) else None

    def edge(self, e: Edge) -> bool:
        return self._read_here(e) if e.provenance else self.inside(e.source)


@dataclass
class Seeds:
    """Nodes to grow the selection from, `depth` hops over accepted edges."""

    ids: set[str]
    depth: int


def ball(seeds: Seeds, edges: list[Edge]) -> set[str]:
    adjacent: dict[str, set[str]] = {}
    for e in edges:
        adjacent.setdefault(e.source, set()).add(e.target)
        adjacent.setdefault(e.target, set()).add(e.source)
    seen, frontier = set(seeds.ids), set(seeds.ids)
    for _ in range(seeds.depth):
        frontier = {m for n in frontier for m in adjacent.get(n, ())} - seen
        seen |= frontier
    return seen


# ---------------------------------------------------------------- the selection


class Selector:
    def __init__(self, model: GraphModel, respell: Callable[[str], list[str]] | None = None) -> None:
        self.model = model
        self.names = Names(model, respell)
        self.dating = Dating(model)

    def criteria(self, spec: Spec) -> list[Criterion]:
        out: list[Criterion] = []
        if spec.types:
            known = {n.label for n in self.model.nodes.values()}
            by_lower = {k.lower(): k for k in known}
            unknown = [t for t in spec.types if t.lower() not in by_lower]
            if unknown:
                raise InputError(f"no node type '{unknown[0]}' in this graph (types: {', '.join(sorted(known))})")
            out.append(Types({by_lower[t.lower()] for t in spec.types}))
        if spec.roles:
            known = {str(v) for e in self.model.edges for k in ROLE_KEYS if (v := e.props.get(k)) is not None}
            unknown = [r for r in spec.roles if r not in known]
            if unknown:
                raise InputError(f"no fact has role '{unknown[0]}' in this graph (roles: {', '.join(sorted(known))})")
            out.append(Roles(set(spec.roles)))
        if spec.since or spec.until:
            since = _bound(spec.since, end=False) if spec.since else ""
            until = _bound(spec.until, end=True) if spec.until else ""
            out.append(Window(self.dating, since, until))
        if spec.documents or spec.issues:
            openers = {n.id for d in spec.documents for n in self.names.find(d, ["Document"], "document")}
            files: set[str] = set()
            for name in spec.issues:
                issue = self.names.find(name, ["Issue"], "issue")[0]
                files |= {s.file for s in issue.provenance}
                openers.add(issue.id)
            out.append(Stretch(self.model, self.dating.stretches, openers, files))
        return out

    def seeds(self, spec: Spec) -> list[Seeds]:
        out: list[Seeds] = []
        for name in spec.centers:
            out.append(Seeds({n.id for n in self.names.find(name)}, 1 if spec.depth is None else spec.depth))
        depth = spec.depth or 0
        for name in spec.groups:
            group = self.names.find(name, ["Agency"], "group")[0]
            members = {e.source for e in self.model.edges if e.type == MEMBERSHIP and e.target == group.id}
            if not members:
                raise InputError(f"'{name}' ({group.name}) has no members in this graph: it is not a group")
            out.append(Seeds({group.id} | members, depth))
        for name in spec.jurisdictions:
            out.append(Seeds(self._jurisdiction(name), depth))
        if spec.query_rows is not None:
            ids = {str(v) for row in spec.query_rows for v in row.values() if isinstance(v, str) and v in self.model.nodes}
            if not ids:
                raise InputError(f"the query gave {len(spec.query_rows)} rows and no entity of this graph in them: nothing to export")
            out.append(Seeds(ids, depth))
        return out

    def _jurisdiction(self, name: str) -> set[str]:
        """A county or other division: its node, what lies in it (one hop), and the agencies named
        under it (会泽县发展和改革局 belongs to 会泽县)."""
        try:
            places = self.names.find(name, ["Division", "Place"], "jurisdiction")
        except InputError:
            places = self.names.find(name, ["Agency"], "jurisdiction")  # a government named as such
        ids = {p.id for p in places}
        for e in self.model.edges:
            if e.target in ids and self.model.nodes.get(e.source) is not None:
                ids.add(e.source)
        prefixes = tuple({p.name.removesuffix("人民政府") for p in places if len(p.name) >= 2})
        ids |= {n.id for n in self.model.nodes.values() if n.label == "Agency" and n.name.startswith(prefixes)}
        return ids

    def select(self, spec: Spec) -> GraphModel:
        criteria = self.criteria(spec)
        verdict: dict[str, bool | None] = {}
        for n in self.model.nodes.values():
            votes = [c.node(n) for c in criteria]
            verdict[n.id] = False if False in votes else (None if None in votes else True)
        edges = [e for e in self.model.edges
                 if verdict.get(e.source) is not False and verdict.get(e.target) is not False and all(c.edge(e) for c in criteria)]
        keep = {i for i, v in verdict.items() if v}
        for e in edges:
            keep.add(e.source)
            keep.add(e.target)
        for seeds in self.seeds(spec):
            # Grow over the accepted facts whatever the node types, so `--type Task` around an agency works.
            keep &= ball(seeds, [e for e in self.model.edges if all(c.edge(e) for c in criteria)])
        nodes = {i: self.model.nodes[i] for i in sorted(keep) if i in self.model.nodes}
        edges = [self.with_documents(e) for e in edges if e.source in nodes and e.target in nodes]
        return GraphModel(nodes, edges, dict(self.model.prop_types))

    def with_documents(self, e: Edge) -> Edge:
        """The edge with the documents its provenance lies in (SOURCE_DOCUMENT), so a fact keeps
        its document even when the document node is not selected."""
        openers = self.dating.stretches.openers(e.provenance)
        labels = sorted(document_label(self.model.nodes[o]) for o in openers if self.model.nodes[o].label == "Document")
        if not labels:
            return e
        return Edge(e.id, e.type, e.source, e.target, {**e.props, SOURCE_DOCUMENT: labels}, e.provenance)


def select(model: GraphModel, spec: Spec, respell: Callable[[str], list[str]] | None = None) -> GraphModel:
    return Selector(model, respell).select(spec)
