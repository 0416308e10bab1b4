"""One gazette file (or one part of a large one, kg/pipeline/parts.py) → one fragment: read,
segment, extract, resolve names to entities, map to facts, draw its part of the model.

A fragment is five files named by the job's key in the fragment folder:
`KEY.records.jsonl` (the issue and its records as resolved, kg.records.codec: for `kg eval` and the tests),
`KEY.nt` (its facts, N-Triples: the issue's file of the graph's dump, linked, never copied),
`KEY.seen.nt` (its values of the properties the ontology merges by minimum or maximum, first and
last seen: the aggregate keeps one of them), `KEY.model.jsonl` (its nodes and edges) and
`KEY.json` (summary, warnings and the digest of `KEY.nt`), written last: a fragment without it is not there.
A failing job returns its error as a warning naming the file (and a part's lines); the fragment is not written.
"""

from __future__ import annotations

import hashlib
import json
import resource
import traceback
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.errors import InputError
from kg.graphdir import FRAGMENT_SEEN, write_atomic
from kg.namespaces import PREFIXES
from kg.paths import ROOT
from kg.pipeline.parts import PART_BYTES, Part, plan

if TYPE_CHECKING:
    from kg.resolved import Resolved

XSD_STRING = PREFIXES["xsd"] + "string"
XSD_DECIMAL = PREFIXES["xsd"] + "decimal"
VERSION_PARTS = ("kg", "extractors", "ontology", "data/cities", "data/lexicon")


@dataclass(frozen=True)
class Job:
    path: str  # absolute path of the file to read
    label: str  # the file as provenance names it: relative to the input root
    city: str  # city reference given with --city (name under data/cities or a folder); "" to read each document's own
    key: str  # content hash of (file, label, city data, code, and the part's lines)
    part: Part | None = None  # None: the whole file

    @property
    def name(self) -> str:
        """The file, and a part's lines, as messages name it."""
        return f"{self.label}:{self.part.first_line}-{self.part.last_line}" if self.part else self.label


@dataclass
class Fragment:
    key: str
    label: str
    ok: bool
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    cached: bool = False
    city: str = ""  # the city data the issue was read with
    opens_issue: bool = True  # False for a part of an issue after its first
    lines: tuple[int, int] | None = None  # a part's first and last line; None for a whole file
    digest: str = ""  # sha256 of KEY.nt, for the build's content hash without reading the file again

    @staticmethod
    def load(folder: Path, key: str) -> "Fragment | None":
        try:
            d = json.loads((folder / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return Fragment(d["key"], d["label"], d["ok"], d.get("warnings", []), d.get("counts", {}), cached=True, city=d.get("city", ""),
                        opens_issue=d.get("opens_issue", True), lines=tuple(d["lines"]) if d.get("lines") else None, digest=d.get("digest", ""))


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code, ontology and city data, so a changed extractor never reuses an old fragment."""
    h = hashlib.sha256()
    for part in VERSION_PARTS:
        for path in sorted((ROOT / part).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".ttl", ".yaml", ".yml", ".json"}:
                h.update(path.relative_to(ROOT).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def make_jobs(path: Path, label: str, city: str, part_bytes: int = PART_BYTES, folder: Path | None = None) -> list[Job]:
    """One job for the file, or one per part (kg/pipeline/parts.py), keyed by the file's content,
    the part's lines and the code. A file under the part size whose whole-file fragment is in
    `folder` was read whole before: it is not planned again (a pass over it; 1.5 s for 400 issues)."""
    h = hashlib.sha256()
    for part in (label, city, code_version()):
        h.update(part.encode("utf-8") + b"\x1f")
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        whole = h.hexdigest()[:24]
        known = folder is not None and path.stat().st_size <= part_bytes and (folder / f"{whole}.json").is_file()
        parts = None if known else plan(path, label, part_bytes)
    except (OSError, UnicodeDecodeError):
        parts = None  # the job itself reports the unreadable file
    if parts is None:
        return [Job(str(path), label, city, h.hexdigest()[:24])]
    jobs = []
    for part in parts:
        k = h.copy()
        k.update(f"lines {part.first_line}-{part.last_line}".encode())
        jobs.append(Job(str(path), label, city, k.hexdigest()[:24], part))
    return jobs


@lru_cache(maxsize=8)
def _context(city: str):
    from kg.city import load_city
    from kg.people import PersonResolver
    from kg.resolve import resolver_of

    city_data = load_city(city)
    return city_data, resolver_of(city_data), PersonResolver(city_data).canonical


def warm() -> None:
    """Load what every job loads on first use (the extractors with spaCy, jieba's dictionaries, the
    city data) once, before workers fork, so they share it instead of each spending seconds on it."""
    import extractors
    from kg.city import GENERIC, _city_codes
    from extractors.org_mentions import _pipeline
    from extractors.people import _word_tags
    from extractors.projects import _pos

    extractors.load()
    _word_tags()
    _pos("曲靖市能源局")
    for city in (GENERIC, *_city_codes()):
        _pipeline(_context(city)[0])


def _placed(issue, city: str, part: Part | None = None):
    """The issue's documents placed in their governments (or all in the --city override's); the city
    data that applies to the issue; the warnings for documents whose government is unknown. A part
    of an issue takes the issue's government from its plan when the gazette names no place."""
    from kg import jurisdiction
    from kg.city import city_for, city_reference, load_city

    forced = load_city(city) if city else None
    override = jurisdiction.of_code(forced.code, f"--city {city}") if forced and forced.code else None
    warnings = jurisdiction.assign(issue, override)
    where = jurisdiction.of_issue(issue)
    if part is not None and part.issue is not None and not (issue.gazette and jurisdiction.place_of(issue.gazette)):
        where = override or part.first_placed
    city_data = forced or city_for(where.code if where else None)
    return where, city_reference(city_data), warnings


# canonical N-Triples, as pyoxigraph writes them (the dump mixes both): ECHAR where there is one, else UCHAR
_ESCAPE = str.maketrans({**{chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F)},
                         "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"})


def _decimal(text: str) -> str:
    """A decimal as the store writes it back (10.0 → 10, 1.50 → 1.5), so the dump and the store agree."""
    try:
        d = Decimal(text)
    except ArithmeticError:
        return text
    return format(d.normalize(), "f") if d.is_finite() else text


def ntriples(index, apart: frozenset[str] = frozenset()) -> tuple[bytes, bytes]:
    """The facts (subject → predicate → objects, rdflib terms) as N-Triples, written as text: a
    quarter of the time of making a pyoxigraph term per value. Each distinct IRI is still checked
    by pyoxigraph once (an invalid one raises, as writing through pyoxigraph did). Facts whose
    predicate is in `apart` come second, on their own. Lines are sorted."""
    checked: dict[str, str] = {}

    def iri(t: str) -> str:
        out = checked.get(t)
        if out is None:
            ox.NamedNode(t)
            out = checked[t] = f"<{t}>"
        return out

    def term(t: object) -> str:
        if isinstance(t, URIRef):
            return iri(str(t))
        assert isinstance(t, Literal)
        value = str(t)
        if t.datatype is not None and str(t.datatype) == XSD_DECIMAL:
            value = _decimal(value)
        text = '"' + value.translate(_ESCAPE) + '"'
        if t.language:
            return f"{text}@{t.language.lower()}"  # as the store writes it
        dt = t.datatype
        return text if dt is None or str(dt) == XSD_STRING else f"{text}^^{iri(str(dt))}"

    lines: list[str] = []
    other: list[str] = []
    for s, props in index.items():
        subject = iri(str(s))
        for p, objs in props.items():
            predicate = iri(str(p))
            (other if str(p) in apart else lines).extend(f"{subject} {predicate} {term(o)} .\n" for o in objs)
    lines.sort()  # objects come from sets, in an order that changes with each process's string hashing:
    other.sort()  # sorted, an issue's file is the same bytes in every build (its digest is the build's content hash)
    return "".join(lines).encode("utf-8"), "".join(other).encode("utf-8")


def run(job: Job, folder: Path) -> Fragment:
    """Run one job, writing its fragment into `folder`; never raises for a bad file or a failing stage."""
    cached = Fragment.load(folder, job.key)
    if cached is not None:
        return cached
    try:
        return _run(job, folder)
    except InputError as exc:
        return _failed(job, folder, f"{job.name}: skipped: {str(exc).split(': ', 1)[-1]}")
    except Exception as exc:  # one file's failure must not stop the corpus
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return _failed(job, folder, f"{job.name}: skipped: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})")


def _failed(job: Job, folder: Path, message: str) -> Fragment:
    """A failure is not cached: the next build tries the file again."""
    return Fragment(job.key, job.label, False, [message])


@dataclass
class Processed:
    """One file taken through every stage, in memory; `seconds` per stage for the benchmark."""

    issue: object
    records: list  # as the resolve stage returns them (kg.resolved)
    warnings: list[str]
    facts: object
    nodes: list
    edges: list
    prop_types: dict[str, str]
    seconds: dict[str, float]
    city: str = ""  # the city data the issue was read with
    resolved: Resolved | None = None  # the resolve stage's tables (kg/resolved.py)


def process(path: Path, label: str, city: str, part: Part | None = None) -> Processed:
    """read → segment → extract → resolve (names → entities) → map → project. Raises InputError for a file
    that cannot be read; anything else it raises is a bug (the job turns it into a warning)."""
    from time import perf_counter

    from extractors import run_all
    from kg.graph import GraphBuilder, add_all
    from kg.model.project import project
    from kg.layout import build_layout
    from kg.read import read_file, read_part
    from kg.records import Warning_
    from kg.resolved import resolve
    from kg.segment import segment

    seconds: dict[str, float] = {}
    t = perf_counter()

    def lap(stage: str) -> None:
        nonlocal t
        now = perf_counter()
        seconds[stage] = now - t
        t = now

    source = read_file(path, label=label) if part is None else read_part(path, label, part.start, part.end, part.first_line)
    lap("read")
    issue = segment(source, build_layout(source.lines, part.layout) if part and part.layout else None, part.issue if part else None)
    if part and part.issue and len(issue.documents) != part.documents:
        raise ValueError(f"{len(issue.documents)} documents where the plan found {part.documents}")
    where, city_ref, placing = _placed(issue, city, part)
    city_data, resolver, canonical = _context(city_ref)
    lap("segment")
    records = run_all(issue, city_data)
    lap("extract")
    warnings = [str(w) for w in issue.warnings] + [str(w) for w in placing] + [str(r) for r in records if isinstance(r, Warning_)]
    records = [r for r in records if not isinstance(r, Warning_)]
    resolved = resolve(issue, records, where, resolver, canonical)
    warnings += [str(w) for w in resolved.warnings]
    lap("resolve")
    builder = GraphBuilder(resolved)
    add_all(builder, issue, resolved.records)
    lap("map")
    nodes, edges, prop_types = project(builder.g.index)
    lap("project")
    return Processed(issue, resolved.records, warnings, builder.g, nodes, edges, prop_types, seconds, city_ref, resolved)


def _run(job: Job, folder: Path) -> Fragment:
    from collections import Counter
    from time import perf_counter

    from kg.model import GraphModel, dump_lines
    from kg.records import codec

    p = process(Path(job.path), job.label, job.city, job.part)
    t = perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{job.key}.records.jsonl", codec.dump(p.issue, p.records))
    facts, seen = ntriples(p.facts.index, merged_apart())
    write_atomic(folder / f"{job.key}.nt", facts)
    write_atomic(folder / f"{job.key}{FRAGMENT_SEEN}", seen)
    lines = dump_lines(GraphModel({n.id: n for n in p.nodes}, p.edges, p.prop_types))
    write_atomic(folder / f"{job.key}.model.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    counts = dict(Counter(type(r).__name__ for r in p.records), documents=len(p.issue.documents), facts=len(p.facts))
    seconds = dict(p.seconds, write=perf_counter() - t)
    opens = job.part is None or job.part.opens_issue
    summary = {"key": job.key, "label": job.label, "ok": True, "warnings": p.warnings, "counts": counts,
               "period": p.issue.period, "gazette": p.issue.gazette, "seconds": seconds, "city": p.city,
               "lines": [job.part.first_line, job.part.last_line] if job.part else None, "opens_issue": opens,
               "digest": hashlib.sha256(facts).hexdigest(), "code": code_version(),
               "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}  # the process's so far: a worker's over its jobs
    write_atomic(folder / f"{job.key}.json", json.dumps(summary, ensure_ascii=False).encode("utf-8"))
    return Fragment(job.key, job.label, True, p.warnings, counts, city=p.city, opens_issue=opens,
                    lines=(job.part.first_line, job.part.last_line) if job.part else None, digest=summary["digest"])


def prune(folder: Path) -> int:
    """Remove the fragments another version of the code wrote (no build can use them again: the code is
    in every key); return how many. At 100× a version's fragments are 2.5 GB."""
    current, gone = code_version(), 0
    for summary in folder.glob("*.json"):
        try:
            code = json.loads(summary.read_bytes()).get("code")
        except (OSError, ValueError, AttributeError):
            continue
        if code != current:
            key = summary.name[: -len(".json")]
            summary.unlink(missing_ok=True)  # first: without it the fragment is not there
            for rest in folder.glob(f"{key}.*"):
                rest.unlink(missing_ok=True)
            gone += 1
    return gone


@lru_cache(maxsize=1)
def merged_apart() -> frozenset[str]:
    """The IRIs of the properties the ontology merges by minimum or maximum (kg:mergeBy)."""
    from kg.model.schema import drawing

    return frozenset(PREFIXES["kg"] + p for p in drawing().merge_by)
