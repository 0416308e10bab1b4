"""Graph analytics on the graph model with networkx: who works with whom, who oversees most, how two entities connect.

Everything here reads the model (`kg.model.read`), never a store, so the figures are
the same whichever store a user loads.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from kg.model import Edge, GraphModel, Node

ASSIGNMENTS = ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON", "PARTICIPATES_IN")
# Containers that join everything to everything: a path through them says nothing.
CONTAINERS = frozenset({"Issue", "Section", "DocumentPart", "Table", "Attachment"})
Row = dict[str, object]


def _agency(n: Node | None) -> bool:
    return n is not None and n.label == "Agency" and "agencyType" in n.props


def co_responsibility(model: GraphModel) -> nx.Graph:
    """Agencies joined when they are assigned to the same task, weighted by the tasks they share."""
    on_task: dict[str, set[str]] = defaultdict(set)
    for e in model.edges:
        if e.type in ASSIGNMENTS and _agency(model.nodes.get(e.source)):
            on_task[e.target].add(e.source)
    g = nx.Graph()
    for agencies in on_task.values():
        for a, b in combinations(sorted(agencies), 2):
            w = g.get_edge_data(a, b, {"weight": 0})["weight"]
            g.add_edge(a, b, weight=w + 1)
    for n in g:
        g.nodes[n]["name"] = model.nodes[n].name
    return g


def communities(g: nx.Graph, seed: int = 7) -> list[set[str]]:
    """Louvain communities (weighted), largest first; a fixed seed so a rebuild gives the same groups."""
    found = nx.community.louvain_communities(g, weight="weight", seed=seed) if g.number_of_edges() else []
    return sorted(found, key=lambda c: (-len(c), min(g.nodes[n]["name"] for n in c)))


def centrality(model: GraphModel, g: nx.Graph | None = None) -> list[Row]:
    g = g if g is not None else co_responsibility(model)
    if not g:
        return []
    between = nx.betweenness_centrality(g, normalized=True)
    community_of = {n: k + 1 for k, c in enumerate(communities(g)) for n in c}
    rows = [{"agency": g.nodes[n]["name"], "partners": g.degree(n), "shared_tasks": int(g.degree(n, weight="weight")),
             "degree_centrality": round(nx.degree_centrality(g)[n], 4), "betweenness": round(between[n], 4),
             "community": community_of.get(n), "id": n} for n in g]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["shared_tasks"], r["agency"]))


def community_rows(model: GraphModel, g: nx.Graph | None = None) -> list[Row]:
    g = g if g is not None else co_responsibility(model)
    rows = []
    for k, members in enumerate(communities(g)):
        sub = g.subgraph(members)
        ranked = sorted(members, key=lambda n: (-g.degree(n, weight="weight"), g.nodes[n]["name"]))
        rows.append({"community": k + 1, "agencies": len(members), "shared_tasks_inside": int(sub.size(weight="weight")),
                     "most_connected": "、".join(g.nodes[n]["name"] for n in ranked[:5]),
                     "members": "、".join(sorted(g.nodes[n]["name"] for n in members))})
    return rows


def oversight(model: GraphModel) -> list[Row]:
    """Leaders (责任领导) by the tasks they oversee, with the lead units under them and the documents."""
    lead_units: dict[str, set[str]] = defaultdict(set)
    doc_of: dict[str, set[str]] = defaultdict(set)
    for e in model.edges:
        if e.type == "LEADS" and e.source in model.nodes:
            lead_units[e.target].add(model.nodes[e.source].name)
        elif e.type == "IS_PART_OF" and model.nodes.get(e.target, Node("", "", "")).label == "Document":
            doc_of[e.source].add(model.nodes[e.target].props.get("id_local") or model.nodes[e.target].name)
    tasks: dict[str, set[str]] = defaultdict(set)
    for e in model.edges:
        if e.type == "OVERSEES" and e.source in model.nodes:
            tasks[e.source].add(e.target)
    rows = []
    for person, ts in tasks.items():
        units = Counter(u for t in ts for u in lead_units[t])
        rows.append({"leader": model.nodes[person].name, "tasks": len(ts), "lead_units": len(units),
                     "main_units": "、".join(u for u, _ in sorted(units.items(), key=lambda x: (-x[1], x[0]))[:5]),
                     "documents": "、".join(sorted({d for t in ts for d in doc_of[t]})), "id": person})
    return sorted(rows, key=lambda r: (-r["tasks"], -r["lead_units"], r["leader"]))


def fact_graph(model: GraphModel) -> nx.MultiGraph:
    """Every fact as an undirected link between entities (containers left out), for paths."""
    g = nx.MultiGraph()
    for n in model.nodes.values():
        if n.label not in CONTAINERS:
            g.add_node(n.id)
    for e in model.edges:
        if e.source in g and e.target in g:
            g.add_edge(e.source, e.target, key=e.id, edge=e)
    return g


def find(model: GraphModel, name: str, spellings: Iterable[str] = ()) -> list[Node]:
    """Nodes named `name` or one of its resolved spellings, entities before texts."""
    wanted = {name, *spellings}
    hits = [n for n in model.nodes.values() if n.name in wanted and n.label not in CONTAINERS]
    order = {"Agency": 0, "Person": 1, "Division": 2, "Place": 3, "Post": 4, "Project": 5, "Document": 6}
    return sorted(hits, key=lambda n: (order.get(n.label, 9), n.id))


def path(model: GraphModel, start: Node, end: Node) -> list[Row]:
    """The shortest chain of facts from start to end; each step with the fact's source line (or its end node's)."""
    g = fact_graph(model)
    try:
        nodes = nx.shortest_path(g, start.id, end.id)
    except nx.NetworkXNoPath:
        return []
    rows = []
    for k, (a, b) in enumerate(zip(nodes, nodes[1:]), 1):
        edges: list[Edge] = [d["edge"] for d in g.get_edge_data(a, b).values()]
        e = sorted(edges, key=lambda e: (not e.provenance, e.type, e.id))[0]
        sources = e.provenance or model.nodes[e.target].provenance or model.nodes[e.source].provenance
        src = sources[0] if sources else None
        arrow = f"-[{e.type}]->" if e.source == a else f"<-[{e.type}]-"
        rows.append({"step": k, "from": model.nodes[a].name, "relation": arrow, "to": model.nodes[b].name,
                     "to_kind": model.nodes[b].label, "source": src.file if src else None, "line": src.line_start if src else None,
                     "quote": " ".join(src.quote.split()) if src else None})
    return rows
