"""The static site over a built graph: index with search, a page per entity, overview
networks, a timeline. Everything is read from the graph model (`kg.model.read`)."""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import InputError
from kg.model import GraphModel, Node, read
from visualizations import facts, network
from visualizations.catalogue import KIND_TITLES, PAGE_LABELS, Catalogue
from visualizations.render import BuildInfo, Writer
from visualizations.timeline import timeline_data

MARKER = ".kg-site"  # a folder holding this file was written by kg site and may be replaced
HIDDEN_PROPS = {"alias", "shortName", "eventText", "nameAsWritten"}


@dataclass
class SiteReport:
    pages: int
    bytes: int
    largest_page: str
    largest_nodes: int


def props_of(node: Node) -> list[tuple[str, str]]:
    rows = []
    for k, v in sorted(node.props.items()):
        if k in HIDDEN_PROPS or v in (None, "", []) or v == node.name:
            continue
        rows.append((k, "、".join(map(str, v)) if isinstance(v, list) else str(v)))
    return rows


def traditional_folds(chars: set[str]) -> dict[str, str]:
    """Traditional characters whose simplified form occurs in a spelling: the search folds a
    query with them, so 市發改委 finds what 市发改委 finds (the model's text is already folded)."""
    from kg.normalise import fold_char

    out = {}
    for code in range(0x3400, 0xA000):
        ch = chr(code)
        folded = fold_char(ch)
        if folded != ch and folded in chars:
            out[ch] = folded
    return out


def find_entity(cat: Catalogue, text: str) -> Node:
    """The entity a user named: an id or any spelling (kg.select's rules; several or none is an
    error listing candidates)."""
    from kg.select import Names

    return Names(cat.model).find(text, labels=PAGE_LABELS)[0]


def _gexf(cat: Catalogue, centre: str, depth: int, target: Path) -> None:
    depth_of, _ = network.neighbourhood(cat, centre, depth, limit=None)
    g = nx.MultiDiGraph()
    for nid, d in depth_of.items():
        node = cat.model.nodes[nid]
        g.add_node(nid, label=node.name, kind=network.kind_name(cat, node), depth=d)
    for e in network.induced_edges(cat, depth_of):
        g.add_edge(e.source, e.target, key=e.id, type=e.type)
    target.parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(g, target)


class Site:
    def __init__(self, model: GraphModel, writer: Writer, depth: int = 2) -> None:
        self.cat = Catalogue(model)
        self.w = writer
        self.depth = depth
        self.largest = ("", 0)

    def entity(self, node: Node, path: str, depth: int, shown: int) -> None:
        cat = self.cat
        net, cut = network.entity_network(cat, node.id, depth, shown)
        gexf = ""
        if cut:
            gexf_path = path.rsplit(".", 1)[0] + ".gexf"
            _gexf(cat, node.id, depth, self.w.out / gexf_path)
            gexf = gexf_path.rsplit("/", 1)[-1]
        if len(net.nodes) > self.largest[1]:
            self.largest = (path, len(net.nodes))
        if self.w.inline:  # a page on its own links to no other page
            for n in net.nodes:
                n["url"] = ""
            net.docs = [d[:3] + [""] for d in net.docs]
        kind = cat.kind(node) or node.label.lower()
        self.w.page("entity.html", path, scripts=("vis-network.min.js", "dom.js", "graph.js") if len(net.nodes) > 1 else (),
                    title=cat.display(node), name=cat.display(node), kind_title=kind,
                    spellings=[s for s in cat.spellings(node) if s != node.name and s != cat.display(node)],
                    props=props_of(node), net=net if len(net.nodes) > 1 else None, gexf=gexf,
                    sentences=facts.document_sentences(cat, node) if node.label == "Document" else [],
                    groups=facts.facts_of(cat, node))

    def overview(self, path: str, title: str, intro: str, net: network.NetworkData) -> None:
        if len(net.nodes) > self.largest[1]:
            self.largest = (path, len(net.nodes))
        self.w.page("network.html", path, scripts=("vis-network.min.js", "dom.js", "graph.js"), title=title, intro=intro, net=net, gexf="")

    def write(self) -> None:
        cat, w = self.cat, self.w
        w.copy_assets()
        pages = cat.pages()
        by_kind: dict[str, list[Node]] = defaultdict(list)
        for node in pages:
            by_kind[cat.kind(node)].append(node)
            self.entity(node, cat.url(node), self.depth, 1)
        for kind, nodes in by_kind.items():
            rows = [{"name": cat.display(n), "url": cat.url(n), "note": str(n.props.get("agencyType", "")) if n.label == "Agency" else ""}
                    for n in sorted(nodes, key=lambda n: cat.display(n))]
            w.page("list.html", f"list/{kind}.html", title=KIND_TITLES[kind], rows=rows)
        self.overview("overview/co-responsibility.html", "Agencies that share tasks",
                      "Two agencies are joined when they are named on at least three of the same tasks (lead, responsible or "
                      "cooperating); the thicker the line, the more tasks. Click a line for sentences of the shared tasks.",
                      network.co_responsibility(cat))
        self.overview("overview/people-and-meetings.html", "People and meetings",
                      "Each person joined to the events the chronicles report them at. Click a line for the sentence.",
                      network.people_and_meetings(cat))
        self.overview("overview/groups.html", "Groups and their members",
                      "Leading groups, headquarters and working groups with the people, units and posts named as members.",
                      network.group_members(cat))
        moments = facts.timeline(cat)
        years = [(y, len(ms)) for y, ms in moments.items()]
        w.page("timeline-index.html", "timeline/index.html", title="Timeline", years=years)
        for year, ms in moments.items():
            months: dict[str, list[facts.Moment]] = defaultdict(list)
            for m in ms:
                months[m.date[:7]].append(m)
            w.page("timeline.html", f"timeline/{year}.html", scripts=("vis-timeline-graph2d.min.js", "dom.js", "timeline.js"), title=f"Timeline {year}",
                   year=year, years=years, data=timeline_data(ms))
            # the same as plain lists: for a reader without scripts, and kept off the timeline's page,
            # whose load it would triple at 10x (5.5 s against 2.1 s for 4,320 items)
            w.page("timeline-list.html", f"timeline/{year}-list.html", title=f"Timeline {year}, month by month",
                   year=year, years=years, months=list(months.items()))
        counts = Counter(cat.kind(n) for n in pages)
        kinds = [{"kind": k, "title": KIND_TITLES[k], "count": counts[k]} for k in KIND_TITLES if counts[k]]
        entries = [[cat.display(n), cat.kind(n), cat.url(n), cat.spellings(n)] for n in pages]
        fold = traditional_folds({ch for e in entries for s in e[3] for ch in s})
        totals = ", ".join(f"{c['count']} {c['title'].lower()}" for c in kinds)
        w.page("index.html", "index.html", scripts=("search.js",), title="Index", totals=totals, kinds=kinds,
               moments=sum(n for _, n in years), leads=facts.lead_units(cat), leaders=facts.busiest_leaders(cat),
               search={"entries": entries, "fold": fold})


def _replaceable(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise InputError(f"{out}: exists and was not written by kg site; give an empty or new folder")


def write_site(graph: Path, out: Path, depth: int = 2) -> SiteReport:
    """Write the site into a fresh folder beside OUT and swap it in at the end, so a failed
    run leaves the previous site whole."""
    _replaceable(out)
    model = read(graph)
    tmp = out.with_name(out.name + ".part")
    shutil.rmtree(tmp, ignore_errors=True)
    writer = Writer(tmp, BuildInfo.of(graph))
    site = Site(model, writer, depth)
    site.write()
    (tmp / MARKER).write_text(json.dumps({"graph": str(graph)}), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return SiteReport(writer.files, writer.bytes, site.largest[0], site.largest[1])


def write_viz(graph: Path, entity: str, depth: int, target: Path) -> tuple[Node, int]:
    """One self-contained neighbourhood page (scripts inlined). Returns the entity and node count."""
    model = read(graph)
    cat = Catalogue(model)
    node = find_entity(cat, entity)
    writer = Writer(target.parent, BuildInfo.of(graph), inline=True)
    site = Site(model, writer, depth)
    site.entity(node, target.name, depth, depth)
    return node, site.largest[1]
