"""When each node and edge of a graph model happened, for date windows and timelines.

A fact's date is its own (a document's signing date, an event's days, an
occupancy's first and last sighting); failing that, the signing date of the
document whose lines it was read from (a task and its assignments date from
their document); failing that, for an edge, the date of an end that has one (a
participation dates from its event). Deadlines (dueBy) are not when a fact
happened and do not date it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Edge, GraphModel, Node, Source

Span = tuple[str, str]  # ISO dates, first and last day

# Property keys (ontology local names) that say when the thing itself happened, in order.
START_KEYS = ("date_document", "startDate", "date", "firstSeen")
END_KEYS = ("endDate", "lastSeen")
# Node labels whose first provenance line opens a stretch of an issue file that runs to the next one.
OPENERS = ("Document", "DocumentPart")


def _iso(value: object) -> str | None:
    if isinstance(value, list):
        value = min((str(v) for v in value if v), default=None)
    if not value or not isinstance(value, str) or len(value) < 4 or not value[:4].isdigit():
        return None
    return value[:10]


def own_span(props: dict) -> Span | None:
    start = next((d for k in START_KEYS if (d := _iso(props.get(k)))), None)
    end = next((d for k in END_KEYS if (d := _iso(props.get(k)))), None)
    if not start and not end:
        return None
    return (start or end, max(end or start, start or end))  # type: ignore[type-var]


@dataclass
class Stretches:
    """Which document (or chronicle) a line of an issue file belongs to."""

    starts: dict[str, list[tuple[int, str]]]  # file → sorted (first line, opener node id)

    @classmethod
    def of(cls, model: GraphModel) -> Stretches:
        starts: dict[str, list[tuple[int, str]]] = {}
        for n in model.nodes.values():
            if n.label in OPENERS and n.provenance:
                first = min(n.provenance, key=lambda s: (s.file, s.line_start))
                starts.setdefault(first.file, []).append((first.line_start, n.id))
        for lst in starts.values():
            lst.sort()
        return cls(starts)

    def opener(self, source: Source) -> str | None:
        lst = self.starts.get(source.file)
        if not lst:
            return None
        i = bisect.bisect_right(lst, (source.line_start, "\uffff")) - 1
        return lst[i][1] if i >= 0 else None

    def openers(self, sources: Iterable[Source]) -> set[str]:
        return {o for s in sources if (o := self.opener(s))}


class Dating:
    """Spans of the nodes and edges of one model (computed lazily, cached)."""

    def __init__(self, model: GraphModel) -> None:
        self.model = model
        self.stretches = Stretches.of(model)
        self._nodes: dict[str, Span | None] = {}

    def _from_sources(self, sources: list[Source]) -> Span | None:
        """The date of the one document the sources lie in (an entity seen in several has none)."""
        openers = self.stretches.openers(sources)
        return own_span(self.model.nodes[next(iter(openers))].props) if len(openers) == 1 else None

    def node(self, n: Node) -> Span | None:
        if n.id not in self._nodes:
            self._nodes[n.id] = own_span(n.props) or self._from_sources(n.provenance)
        return self._nodes[n.id]

    def edge(self, e: Edge) -> Span | None:
        span = own_span(e.props) or self._from_sources(e.provenance)
        if span:
            return span
        for end in (e.source, e.target):
            node = self.model.nodes.get(end)
            if node is not None and (span := self.node(node)):
                return span
        return None
