"""Network data for the pages: an entity's neighbourhood and the overview networks.

pyvis builds the node and edge records (its `get_network_data()`; its own HTML is never
used); networkx lays them out beforehand so a large page draws without physics.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from pyvis.network import Network

from kg.model import Edge, Node
from visualizations.catalogue import STRUCTURAL, Catalogue, Citation, short, words

MAX_NODES = 2000  # never more on one page: a larger neighbourhood is cut and offered as GEXF
PHYSICS_LIMIT = 300  # physics settles the precomputed layout only below this many nodes
HUB_DEGREE = 60
CORE = 300  # an overview's force layout covers at most this many nodes  # a neighbour with more edges than this is shown but not expanded further

# Kind → (shape, colour). Shapes that keep the label outside, so long Chinese names stay readable.
KIND_STYLE = {
    "Agency": ("square", "#4e79a7"), "Group": ("hexagon", "#76b7b2"), "Person": ("dot", "#f28e2b"),
    "Task": ("triangle", "#9d9d9d"), "Document": ("diamond", "#e15759"), "Event": ("star", "#59a14f"),
    "Project": ("triangleDown", "#edc948"), "County": ("hexagon", "#b07aa1"), "Post": ("dot", "#9c755f"),
}
OTHER_STYLE = ("dot", "#c7c7c7")
# Edge type → (colour, dashes, width): the role of an assignment is read from its style.
ROLE_STYLE = {
    "LEADS": ("#d62728", False, 3.0), "RESPONSIBLE_FOR": ("#ff7f0e", False, 2.0),
    "COOPERATES_ON": ("#1f77b4", [6, 4], 1.5), "PARTICIPATES_IN": ("#17becf", [2, 4], 1.5),
    "OVERSEES": ("#9467bd", False, 2.5), "PARTICIPATED_IN": ("#2ca02c", False, 1.0),
    "HOLDS": ("#8c564b", [1, 3], 1.5), "MEMBER_OF": ("#e377c2", [8, 3], 1.5),
    "CITES": ("#7f7f7f", [3, 3], 1.0), "REPEALS": ("#000000", [3, 3], 1.5),
    "SHARES_TASKS": ("#1f77b4", False, 1.0),
}
OTHER_ROLE = ("#b5b5b5", False, 1.0)


def kind_name(cat: Catalogue, node: Node) -> str:
    kind = cat.kind(node)
    return {"group": "Group", "county": "County"}.get(kind or "", node.label)


@dataclass
class NetworkData:
    """What a page's graph script draws: records, legend, and how far it may widen."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)  # "cites": indices into `cites`
    # Sources, normalised because one page cites the same documents hundreds of times:
    # cites [doc index or -1, quote, file index, line start, line end, anchor]; docs [number, title, date, url].
    cites: list[list] = field(default_factory=list)
    docs: list[list[str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    kinds: list[dict] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    months: list[str] = field(default_factory=list)  # YYYY-MM (or YYYY) of the dated edges
    depth: int = 0  # depth shown first; 0 for an overview
    max_depth: int = 0
    physics: bool = False
    left_out: int = 0  # nodes of the neighbourhood not drawn (over MAX_NODES)

    def to_json(self) -> dict[str, object]:
        styles = {"kinds": {k["kind"]: [k["shape"], k["color"]] for k in self.kinds},
                  "roles": {r["type"]: [r["color"], ROLE_STYLE.get(r["type"], OTHER_ROLE)[1], ROLE_STYLE.get(r["type"], OTHER_ROLE)[2], r["role"]]
                            for r in self.roles}}
        return {"nodes": self.nodes, "edges": self.edges, "cites": self.cites, "docs": self.docs, "files": self.files,
                "styles": styles, "months": self.months, "depth": self.depth, "maxDepth": self.max_depth, "physics": self.physics}


def neighbourhood(cat: Catalogue, centre: str, depth: int, limit: int | None = MAX_NODES) -> tuple[dict[str, int], bool]:
    """Node id → distance from the centre, breadth first, not expanding through hubs
    (a document or an issue would pull in everything). True when cut at `limit`."""
    seen = {centre: 0}
    frontier = [centre]
    for d in range(1, depth + 1):
        nxt = []
        for nid in frontier:
            edges = [e for e in cat.edges_of(nid) if e.type not in STRUCTURAL]
            if nid != centre and len(edges) > HUB_DEGREE:
                continue
            for e in edges:
                other = e.target if e.source == nid else e.source
                if other not in seen:
                    if limit is not None and len(seen) >= limit:
                        return seen, True
                    seen[other] = d
                    nxt.append(other)
        frontier = nxt
    return seen, False


def induced_edges(cat: Catalogue, ids: Iterable[str]) -> list[Edge]:
    keep = set(ids)
    return [e for nid in keep for e in cat.out.get(nid, []) if e.target in keep and e.type not in STRUCTURAL and e.source != e.target]


def _layout(ids: list[str], links: list[tuple[str, str]], depth_of: dict[str, int] | None) -> dict[str, tuple[float, float]]:
    """Positions in pixels. A neighbourhood gets rings by distance (instant; physics relaxes a
    small one in the browser). An overview gets a force layout of its best-connected nodes
    (at most CORE of them: networkx's dense layout needs only numpy) with every other node
    placed at the middle of its placed neighbours."""
    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from(links)
    n = len(ids)
    if n < 2:
        pos = {i: (0.0, 0.0) for i in ids}
    elif depth_of:
        rings: dict[int, list[str]] = defaultdict(list)
        for i in ids:
            rings[depth_of[i]].append(i)
        pos = {k: tuple(v) for k, v in nx.shell_layout(g, nlist=[rings[d] for d in sorted(rings)]).items()}
    else:
        core = sorted(ids, key=lambda i: (-g.degree(i), i))[:CORE]
        pos = {k: tuple(v) for k, v in nx.spring_layout(g.subgraph(core), seed=7, iterations=50).items()}
        pending = [i for i in ids if i not in pos]
        rng = random.Random(7)
        while pending:
            placed_any, rest = False, []
            for i in pending:
                near = [pos[j] for j in g.neighbors(i) if j in pos]
                if near:
                    angle, r = rng.uniform(0, 2 * math.pi), rng.uniform(0.02, 0.08)
                    pos[i] = (sum(p[0] for p in near) / len(near) + r * math.cos(angle),
                              sum(p[1] for p in near) / len(near) + r * math.sin(angle))
                    placed_any = True
                else:
                    rest.append(i)
            if not placed_any:  # not connected to anything placed: a ring outside
                for k, i in enumerate(rest):
                    pos[i] = (1.3 * math.cos(2 * math.pi * k / len(rest)), 1.3 * math.sin(2 * math.pi * k / len(rest)))
                rest = []
            pending = rest
    scale = 120 + 45 * math.sqrt(n)
    return {i: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for i, (x, y) in pos.items()}


def draw(cat: Catalogue, ids: list[str], edges: list[Edge], depth_of: dict[str, int] | None = None,
         extra_edges: list[dict] | None = None) -> NetworkData:
    """Node and edge records for the page script. `extra_edges` are derived links (shared tasks)
    given as dicts with source, target, type, width and cites."""
    index = {nid: i for i, nid in enumerate(ids)}
    links = [(e.source, e.target) for e in edges] + [(x["source"], x["target"]) for x in extra_edges or []]
    pos = _layout(ids, links, depth_of)
    degree = Counter(x for link in links for x in link)
    net = Network(directed=True)
    kinds: Counter[str] = Counter()
    for nid in ids:
        node = cat.model.nodes[nid]
        kind = kind_name(cat, node)
        kinds[kind] += 1
        full = cat.display(node)
        # shape and colour come from the page's style table by kind (graph.js)
        net.add_node(index[nid], label=short(full, 12 if node.label == "Task" else 18), x=pos[nid][0], y=pos[nid][1],
                     size=(18 if depth_of[nid] == 0 else 10) if depth_of else round(6 + 2 * math.sqrt(degree[nid]), 1), kind=kind,
                     name=short(full, 300), url=cat.url(node), depth=depth_of[nid] if depth_of else 0)
    roles: Counter[str] = Counter()
    months: set[str] = set()
    cite_index: dict[Citation, int] = {}  # the same sentence backs many edges: stored once per page

    def cite_ids(cites: list[Citation]) -> list[int]:
        return [cite_index.setdefault(c, len(cite_index)) for c in cites]

    records = [(e.source, e.target, e.type, cat.month_of(e), cat.edge_citations(e), None, e.props)
               for e in edges]
    records += [(x["source"], x["target"], x["type"], x.get("month", ""), x["cites"], x.get("width"), x.get("props", {}))
                for x in extra_edges or []]
    for k, (src, tgt, typ, month, cites, width, props) in enumerate(records):
        roles[typ] += 1
        if month:
            months.add(month)
        extra = {"width": width} if width else {}
        detail = " · ".join(str(props[p]) for p in ("cue", "participantRole", "roleLabel") if props.get(p))
        if detail:
            extra["detail"] = detail
        # colour, dashes, width and words of the role come from the page's style table by type
        net.add_edge(index[src], index[tgt], id=k, type=typ, month=month, cites=cite_ids(cites), **extra)
    nodes, edge_records, _heading, _h, _w, _options = net.get_network_data()
    out = NetworkData(nodes=nodes, edges=edge_records, physics=len(ids) <= PHYSICS_LIMIT)
    docs: dict[tuple[str, str, str, str], int] = {}
    files: dict[str, int] = {}
    for c in cite_index:
        doc = docs.setdefault((c.doc_number, c.doc_title, c.date, c.doc_url), len(docs)) if (c.doc_number or c.doc_title) else -1
        out.cites.append([doc, c.quote, files.setdefault(c.file, len(files)), c.line_start, c.line_end, c.anchor])
    out.docs = [list(d) for d in docs]
    out.files = list(files)
    out.kinds = [{"kind": k, "shape": KIND_STYLE.get(k, OTHER_STYLE)[0], "color": KIND_STYLE.get(k, OTHER_STYLE)[1], "count": c}
                 for k, c in sorted(kinds.items(), key=lambda kv: -kv[1])]
    out.roles = [{"type": t, "role": words(t), "color": ROLE_STYLE.get(t, OTHER_ROLE)[0], "dashed": bool(ROLE_STYLE.get(t, OTHER_ROLE)[1]),
                  "count": c} for t, c in sorted(roles.items(), key=lambda kv: -kv[1])]
    out.months = sorted(months)
    return out


def entity_network(cat: Catalogue, centre: str, depth: int, shown: int = 1) -> tuple[NetworkData, bool]:
    """The neighbourhood to `depth`, first shown to `shown`; True when it had to be cut."""
    depth_of, cut = neighbourhood(cat, centre, depth)
    ids = list(depth_of)
    data = draw(cat, ids, induced_edges(cat, ids), depth_of)
    data.depth, data.max_depth = min(shown, depth), max(depth_of.values())
    if cut:
        full, _ = neighbourhood(cat, centre, depth, limit=None)
        data.left_out = len(full) - len(ids)
    return data, cut


def co_responsibility(cat: Catalogue, min_shared: int = 3, limit: int = 300) -> NetworkData:
    """Agencies joined when they share tasks (lead, responsible, cooperating): width by how many."""
    agents: dict[str, set[str]] = defaultdict(set)
    for e in cat.model.edges:
        if e.type in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON", "PARTICIPATES_IN") and e.source in cat.model.nodes:
            agents[e.target].add(e.source)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task, who in agents.items():
        for a in sorted(who):
            for b in sorted(who):
                if a < b:
                    shared[(a, b)].append(task)
    pairs = sorted((p for p, ts in shared.items() if len(ts) >= min_shared), key=lambda p: -len(shared[p]))[:limit]
    ids = sorted({a for p in pairs for a in p})
    extra = []
    for a, b in pairs:
        tasks = sorted(shared[(a, b)])
        cites = []
        for t in tasks[:5]:
            task = cat.model.nodes[t]
            cites += [cat.cite(s, cat.document_of(t)) for s in task.provenance[:1]]
        extra.append({"source": a, "target": b, "type": "SHARES_TASKS", "width": 1 + math.log2(len(tasks)), "cites": cites,
                      "props": {"cue": f"{len(tasks)} shared tasks"}})
    return draw(cat, ids, [], None, extra)


def people_and_meetings(cat: Catalogue) -> NetworkData:
    """People and the events they took part in."""
    edges = [e for e in cat.model.edges if e.type == "PARTICIPATED_IN" and e.source in cat.model.nodes and e.target in cat.model.nodes]
    ids = list(dict.fromkeys([e.source for e in edges] + [e.target for e in edges]))
    if len(ids) > MAX_NODES:  # keep the busiest people's events
        busy = Counter(e.source for e in edges)
        keep_people = {p for p, _ in busy.most_common(MAX_NODES // 10)}
        edges = [e for e in edges if e.source in keep_people]
        ids = list(dict.fromkeys([e.source for e in edges] + [e.target for e in edges]))[:MAX_NODES]
        keep = set(ids)
        edges = [e for e in edges if e.target in keep]
    return draw(cat, ids, edges)


def group_members(cat: Catalogue) -> NetworkData:
    """Every group with its members (people, units, posts)."""
    edges = [e for e in cat.model.edges if e.type in ("MEMBER_OF", "HAS_MEMBER", "OFFICE_AT") and e.source in cat.model.nodes
             and e.target in cat.model.nodes][: MAX_NODES]
    ids = list(dict.fromkeys([e.source for e in edges] + [e.target for e in edges]))
    return draw(cat, ids, edges)
