"""Canned queries: files in queries/ with a header that says what they answer.

Header lines at the top of a query file::

    # title: Lead units
    # description: Agencies ranked by the number of tasks they lead.
    # param: doc = document number to restrict to (optional)
    # param: agency = the agency, any spelling (required)

Parameters appear in the query as {{name}} and are substituted as escaped
string literals, never as raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import InputError
from kg.paths import QUERIES
from kg.vocab import PREFIXES

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    params: dict[str, str] = field(default_factory=dict)  # name → help
    sparql: str = ""


def _parse(path: Path) -> CannedQuery:
    text = path.read_text("utf-8")
    meta: dict[str, str] = {}
    params: dict[str, str] = {}
    for line in text.splitlines():
        m = re.match(r"#\s*(title|description|param):\s*(.*)", line)
        if not m:
            continue
        if m.group(1) == "param":
            name, _, help_ = m.group(2).partition("=")
            params[name.strip()] = help_.strip()
        else:
            meta[m.group(1)] = m.group(2).strip()
    return CannedQuery(path.stem, meta.get("title", path.stem), meta.get("description", ""), params, text)


def available() -> dict[str, CannedQuery]:
    return {p.stem: _parse(p) for p in sorted(QUERIES.glob("*.rq"))}


def get(name: str) -> CannedQuery:
    queries = available()
    if name not in queries:
        raise InputError(f"no canned query named '{name}' (known: {', '.join(queries)})")
    return queries[name]


def _escape(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render(query: CannedQuery, params: dict[str, str]) -> str:
    unknown = set(params) - set(query.params)
    if unknown:
        raise InputError(f"query '{query.name}' has no parameter {', '.join(sorted(unknown))} (it takes: {', '.join(query.params) or 'none'})")
    missing = [name for name, help_ in query.params.items() if "(required)" in help_ and not params.get(name)]
    if missing:
        raise InputError(f"query '{query.name}' needs --param {missing[0]}=… ({query.params[missing[0]].replace('(required)', '').strip()})")
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    body = PLACEHOLDER.sub(lambda m: _escape(params.get(m.group(1), "")), query.sparql)
    return prologue + body


def python_value(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value.isoformat() if isinstance(value, date) else value
    if isinstance(term, URIRef):
        return str(term)
    return str(term)


def run(graph: Graph, name: str, params: dict[str, str] | None = None) -> tuple[list[str], list[dict[str, object]]]:
    query = get(name)
    result = graph.query(render(query, params or {}))
    columns = [str(v) for v in result.vars or []]
    rows = [{c: python_value(row[c]) for c in columns} for row in result]
    return columns, rows
