"""Canned queries: one file per question in queries/NAME.yaml, answered by either store.

Each file holds the metadata a user needs (title, question, typed parameters with
defaults and allowed values, columns) and two texts that must give the same rows:
`sparql` for the RDF store and `cypher` for a Bolt server loaded from the graph model.

Parameters are validated here, then bound by the store, never spliced into text:
Oxigraph substitutes variables (SEP-0007) and Cypher reads `$name`. Oxigraph
substitutes only variables the outer SELECT projects, so a SPARQL text names a
parameter `?_name` and projects it; columns starting with `_` are never shown.
An optional parameter left out is bound as "" in SPARQL and null in Cypher.

Rows are made comparable across stores here: list columns (GROUP_CONCAT with
separator "\u001f", or a Cypher list) are sorted and joined with the column's separator, dates become ISO strings and
decimals are rounded, so `run` gives identical rows whichever store answered.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, Union

import yaml

from kg.errors import InputError
from kg.paths import QUERIES
from kg.namespaces import PREFIXES
from kg.yamlfile import read_yaml

Value = Union[str, int, float, bool, None]
UNIT = "\x1f"  # SPARQL list columns GROUP_CONCAT with this (no text holds it); shown joined with the column's separator
Row = dict[str, Value]
PARAM_TYPES = ("text", "choice", "integer", "date", "month", "year", "agency", "person")
YES, NO = ("yes", "y", "true", "1", "on"), ("no", "n", "false", "0", "off")


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # one of PARAM_TYPES; agency and person values are resolved and must name one in the graph
    help: str
    default: Value = None
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    lookup: str = ""  # QUERY.COLUMN whose values the parameter must be one of (did-you-mean on a miss)

    def describe(self) -> str:
        allowed = f"one of {', '.join(self.choices)}" if self.choices else {
            "integer": f"an integer{'' if self.minimum is None else f' ≥ {self.minimum}'}", "date": "a date YYYY-MM-DD",
            "month": "a month YYYY-MM", "year": "a year YYYY", "agency": "an agency, any spelling", "person": "a person, any spelling",
        }.get(self.type, "text")
        default = "required" if self.required else (f"default {self.default}" if self.default not in (None, "") else "optional")
        return f"{self.name}: {self.help} ({allowed}; {default})"


@dataclass(frozen=True)
class Column:
    name: str
    separator: str = ""  # a list column: its values sorted and joined with this


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    question: str
    params: dict[str, Param]
    columns: tuple[Column, ...]
    sparql: str
    cypher: str
    note: str = ""  # printed under a table: what the rows count, how names were mapped
    path: Path | None = field(default=None, compare=False)

    @property
    def description(self) -> str:
        return self.question

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _param(name: str, spec: Mapping[str, Any], path: Path) -> Param:
    kind = spec.get("type", "text")
    if kind not in PARAM_TYPES:
        raise InputError(f"{path}: parameter {name} has unknown type {kind!r} (known: {', '.join(PARAM_TYPES)})")
    choices = tuple(str(c) for c in spec.get("choices") or ())
    return Param(name, kind, str(spec.get("help", "")), spec.get("default"), bool(spec.get("required", False)),
                 choices, spec.get("min"), str(spec.get("lookup", "")))


def _column(spec: str | Mapping[str, Any]) -> Column:
    if isinstance(spec, str):
        return Column(spec)
    return Column(str(spec["name"]), str(spec.get("list", "")))


def parse(path: Path) -> CannedQuery:
    try:
        data = read_yaml(path)
        return CannedQuery(
            name=path.stem, title=str(data["title"]), question=" ".join(str(data["question"]).split()),
            params={k: _param(k, v or {}, path) for k, v in (data.get("params") or {}).items()},
            columns=tuple(_column(c) for c in data["columns"]),
            sparql=str(data.get("sparql", "")), cypher=str(data.get("cypher", "")), note=" ".join(str(data.get("note", "")).split()), path=path,
        )
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{path}: not a canned query file ({type(exc).__name__}: {exc})") from None


@lru_cache(maxsize=1)
def _library(folder: Path) -> dict[str, CannedQuery]:
    return {p.stem: parse(p) for p in sorted(folder.glob("*.yaml"))}


def available() -> dict[str, CannedQuery]:
    return _library(QUERIES)


def get(name: str) -> CannedQuery:
    queries = available()
    if name not in queries:
        near = difflib.get_close_matches(name, queries, n=3)
        hint = f"did you mean {', '.join(near)}? " if near else ""
        raise InputError(f"no canned query named '{name}' ({hint}known: {', '.join(queries)})")
    return queries[name]


# ---------------------------------------------------------------- parameters

def _convert(p: Param, raw: str) -> Value:
    value = raw.strip()
    if p.choices:
        folded = {c.lower(): c for c in p.choices}
        if p.choices == ("yes", "no") and value.lower() in YES + NO:
            return "yes" if value.lower() in YES else "no"
        if value.lower() not in folded:
            raise InputError(f"--param {p.name}={raw!r}: not allowed (allowed: {', '.join(p.choices)})")
        return folded[value.lower()]
    if p.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise InputError(f"--param {p.name}={raw!r}: not an integer (allowed: a whole number{'' if p.minimum is None else f' ≥ {p.minimum}'})")
        number = int(value)
        if p.minimum is not None and number < p.minimum:
            raise InputError(f"--param {p.name}={raw!r}: too small (allowed: a whole number ≥ {p.minimum})")
        return number
    if p.type in ("date", "month", "year"):
        pattern, probe, shape = {"date": (r"\d{4}-\d{2}-\d{2}", value, "YYYY-MM-DD, e.g. 2022-08-01"),
                                 "month": (r"\d{4}-\d{2}", value + "-01", "YYYY-MM, e.g. 2022-08"),
                                 "year": (r"\d{4}", value + "-01-01", "YYYY, e.g. 2022")}[p.type]
        try:
            if not re.fullmatch(pattern, value):
                raise ValueError
            date.fromisoformat(probe)
        except ValueError:
            raise InputError(f"--param {p.name}={raw!r}: not a valid {p.type} (allowed: {shape})") from None
        return int(value) if p.type == "year" else value
    return value


def resolve_name(kind: str, value: str, city: str | Path | None) -> str:
    """Agencies and people are typed as users know them: any spelling the city data knows, or as printed (陈 志)."""
    from kg.city import GENERIC, load_city

    loaded = load_city(city or GENERIC)
    if kind == "agency":
        from kg.resolve import resolver_of

        return resolver_of(loaded).resolve(value).agency.name
    from kg.people import PersonResolver

    return PersonResolver(loaded).canonical(value)


def bind(query: CannedQuery, raw: Mapping[str, str], city: str | Path | None = None) -> dict[str, Value]:
    """Validated, typed values for every parameter of `query` (None: left out); one-line errors."""
    unknown = sorted(set(raw) - set(query.params))
    if unknown:
        raise InputError(f"query '{query.name}' has no parameter {', '.join(unknown)} (it takes: {', '.join(query.params) or 'none'})")
    values: dict[str, Value] = {}
    for name, p in query.params.items():
        given = raw.get(name)
        if given is None or given.strip() == "":
            if p.required:
                raise InputError(f"query '{query.name}' needs --param {name}=… ({p.describe()})")
            values[name] = p.default if p.default not in ("",) else None
            continue
        value = _convert(p, given)
        if p.type in ("agency", "person"):
            value = resolve_name(p.type, str(value), city)
        values[name] = value
    return values


# ---------------------------------------------------------------- stores

class CypherStore(Protocol):
    """A Bolt connection (kg.neo4j_store.Neo4jStore): runs read-only Cypher with parameters."""

    def cypher(self, text: str, params: Mapping[str, Value]) -> tuple[list[str], list[list[Any]]]: ...


def _oxigraph(store: Any) -> tuple[Any, Any]:
    """The pyoxigraph Store behind whatever the RDF side hands us, and the graph that holds the facts
    (a pyoxigraph Store: its default graph; rdflib over oxrdflib: the rdflib graph's own named graph)."""
    import pyoxigraph

    if isinstance(store, pyoxigraph.Store):
        return store, pyoxigraph.DefaultGraph()
    inner = getattr(getattr(store, "store", None), "_inner", None)
    if isinstance(inner, pyoxigraph.Store):
        ident = getattr(store, "identifier", None)
        is_default = ident is None or type(ident).__name__ == "BNode" or str(ident).startswith("urn:x-rdflib:default")
        return inner, pyoxigraph.DefaultGraph() if is_default else pyoxigraph.NamedNode(str(ident))
    raise TypeError(f"not an Oxigraph-backed store: {type(store).__name__}")


PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


LITERALS = {PREFIXES["xsd"] + dt: convert for dts, convert in (
    (("integer", "int", "long", "nonNegativeInteger", "positiveInteger"), int), (("decimal", "double", "float"), float),
    (("boolean",), lambda v: v in ("true", "1"))) for dt in dts}  # other datatypes (strings, dates) stay text


def _sparql_value(term: Any) -> Value:
    if term is None:
        return None
    convert = LITERALS.get(term.datatype.value) if hasattr(term, "datatype") else None
    return term.value if convert is None else convert(term.value)


def _sparql_term(value: Value):
    import pyoxigraph as ox

    if value is None:
        return ox.Literal("")
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(PREFIXES["xsd"] + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
    return ox.Literal(str(value))


def select_rdf(store: Any, query: CannedQuery, values: Mapping[str, Value]) -> tuple[list[str], list[list[Value]]]:
    """The one place the RDF store is queried (so the store behind it can change)."""
    import pyoxigraph as ox

    ox_store, graph = _oxigraph(store)
    substitutions = {ox.Variable("_" + k): _sparql_term(v) for k, v in values.items()}
    try:
        result = ox_store.query(PROLOGUE + query.sparql, substitutions=substitutions, default_graph=graph)
    except (SyntaxError, RuntimeError) as exc:  # a broken query file is a defect of the library, named as such
        raise InputError(f"{query.path}: the SPARQL text fails ({str(exc).splitlines()[0]})") from None
    columns = [v.value for v in result.variables]
    return columns, [[_sparql_value(t) for t in solution] for solution in result]


def _cypher_value(value: Any) -> Value:
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, date):
        return value.isoformat()
    return value


PLAIN = (str, int, type(None))  # values every store gives as they are shown: no conversion


def _normal(column: Column | None, value: Any) -> Value:
    if type(value) in PLAIN and (column is None or not column.separator):
        return value
    if column is not None and column.separator:
        items = value if isinstance(value, list) else ([] if value in (None, "") else str(value).split(UNIT))
        items = sorted({str(_cypher_value(i)) for i in items if i not in (None, "")})
        return column.separator.join(items) if items else None
    if isinstance(value, list):
        return "|".join(str(_cypher_value(v)) for v in value)
    value = _cypher_value(value)
    if isinstance(value, float):
        return round(value, 6)
    return value


def run(store: Any, name: str, params: Mapping[str, str] | None = None, city: str | Path | None = None) -> tuple[list[str], list[Row]]:
    """Validate, bind and run query `name` on `store` (an RDF store, or a CypherStore for Bolt)."""
    query = get(name)
    values = bind(query, params or {}, city)
    check_names(store, query, values)
    return execute(store, query, values)


def execute(store: Any, query: CannedQuery, values: Mapping[str, Value]) -> tuple[list[str], list[Row]]:
    if hasattr(store, "cypher"):
        if not query.cypher.strip():
            raise InputError(f"query '{query.name}' has no Cypher text")
        columns, raw_rows = store.cypher(query.cypher, dict(values))
    else:
        columns, raw_rows = select_rdf(store, query, values)
    by_name = {c.name: c for c in query.columns}
    kept = [(i, c, by_name.get(c)) for i, c in enumerate(columns) if not c.startswith("_")]
    shown = [c for _, c, _ in kept] or query.column_names()  # a Bolt server may send no keys with no rows
    rows = [{c: _normal(column, r[i]) for i, c, column in kept} for r in raw_rows]
    return shown, rows


@lru_cache(maxsize=1)
def _lookups() -> dict[str, CannedQuery]:
    """The existence checks of queries/lookups/names.yaml, as one-column queries of their own."""
    path = QUERIES / "lookups" / "names.yaml"
    try:
        data = read_yaml(path)
        return {key: CannedQuery(f"lookup {key}", key, "", {}, (Column("x"),), str(v["sparql"]), str(v["cypher"]), path=path)
                for key, v in data.items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{path}: not a lookups file ({type(exc).__name__}: {exc})") from None


def holds(store: Any, lookup: str, value: Value) -> bool:
    """Does the graph hold `value` as a name of the kind `lookup` (QUERY.COLUMN) lists? Answered from an index."""
    check = _lookups().get(lookup)
    return check is not None and bool(execute(store, check, {"value": value})[1])


def check_names(store: Any, query: CannedQuery, values: Mapping[str, Value]) -> None:
    """A parameter naming an agency, person or document the graph does not hold is an error, not an empty table."""
    for name, p in query.params.items():
        value = values.get(name)
        if not p.lookup or value in (None, "") or holds(store, p.lookup, value):
            continue
        source, _, column = p.lookup.partition(".")
        _, rows = execute(store, get(source), bind(get(source), {}))
        known = {str(r[column]) for r in rows if r.get(column) not in (None, "")}
        if str(value) in known:
            continue
        raise InputError(f"--param {name}: no {KINDS.get(column, column)} matches {str(value)!r} in this graph{did_you_mean(str(value), known)}")


KINDS = {"doc_number": "document", "agency_name": "agency", "name": "person", "post": "post", "type": "power type", "county": "county"}


def did_you_mean(value: str, known: set[str]) -> str:
    """Close spellings, names containing the value, and names holding its characters in order (市卫健 → 曲靖市卫生健康委员会)."""
    def in_order(name: str) -> bool:
        chars = iter(name)
        return all(c in chars for c in value)

    near = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.5)
    near += sorted((k for k in known if k not in near and in_order(k)), key=len)[: 3 - len(near)]
    return f"; did you mean {', '.join(near)}?" if near else ""
