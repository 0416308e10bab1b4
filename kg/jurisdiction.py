"""Which government a document belongs to, read from its own text.

Evidence, strongest first: the central government's issuers and 文号 prefixes
(国务院办公厅, 国办发); the issuer named in the heading or signature (曲靖市人民政府办公室);
the 文号 prefix checked against the places the document names (東府 → 东莞市 when the text
names 东莞市; 鞍立政发 → 鞍山市立山区); the gazette's name (曲靖市人民政府公报); page
metadata naming the issuing body (发布机构 | 金乡县人民政府办公室); a title opening with a
place (杭州市推进…). Places and their codes come from kg.divisions (GB/T 2260). A document
with no such evidence gets no jurisdiction and a warning, never a default city's.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from kg.divisions import NATIONAL, Division, _by_code, chain, division, named, opening_place
from kg.errors import InputError
from kg.normalise import normalise
from kg.paths import DATA
from kg.records import Document, Issue, Jurisdiction, Warning_
from kg.yamlfile import read_yaml

HEAD_LINES = 12  # page metadata and headings sit in a document's first lines


@lru_cache(maxsize=1)
def _rules() -> dict:
    return read_yaml(DATA / "lexicon" / "jurisdictions.yaml")


@lru_cache(maxsize=1)
def _place_finder() -> ahocorasick.Automaton:
    """Full names of divisions (three characters or more: 城区, 郊区 are words too)."""
    automaton = ahocorasick.Automaton()
    for div in _by_code().values():
        if len(div.name) >= 3:
            automaton.add_word(div.name, div.name)
    automaton.make_automaton()
    return automaton


def national(evidence: str, line: int) -> Jurisdiction:
    return Jurisdiction(NATIONAL, "中央", "national", evidence, line)


def of_division(div: Division, evidence: str, line: int) -> Jurisdiction:
    """A county is named with its city (鞍山市立山区), unless it sits directly under a province."""
    names = [d.name for d in chain(div.code) if d.level != "province" or d.name.endswith("市")]
    name = "".join(dict.fromkeys(names)) or div.name
    return Jurisdiction(div.code, name, div.level, evidence, line)


def place_of(name: str, within: str | None = None) -> Division | None:
    """The division a body's name opens with (曲靖市人民政府办公室 → 曲靖市)."""
    hit = opening_place(normalise(name), within)
    return hit[0] if hit else None


def mentioned_places(lines: list[str]) -> list[Division]:
    """Divisions named in the text, most named first (homonyms left out)."""
    counts: dict[str, int] = {}
    for line in lines:
        for _, name in _place_finder().iter(line):
            counts[name] = counts.get(name, 0) + 1
    out = []
    for name, _ in sorted(counts.items(), key=lambda kv: -kv[1]):
        divs = named(name)
        if len(divs) == 1:
            out.append(divs[0])
    return out


def from_number(number: str, places: list[Division]) -> Division | None:
    """A local 文号 prefix is the first character of the city's name, then maybe the county's
    (鞍立政发 → 鞍山市 → 立山区); only places the document itself names are candidates."""
    prefix = normalise(number)
    best: tuple[int, Division] | None = None
    for place in places:
        names = [d.name for d in chain(place.code) if d.level != "province"]
        matched = 0
        for k, name in enumerate(names):
            if prefix[k : k + 1] == name[:1]:
                matched = k + 1
            else:
                break
        if matched and (best is None or matched > best[0]):
            best = (matched, division(chain(place.code)[-len(names) + matched - 1].code) or place)
    if best:
        return best[1]
    province = _rules()["province_abbreviations"].get(prefix[:1])
    if province and re.match(r"^.(?:政|办|府)", prefix):
        divs = named(province)
        return divs[0] if divs else None
    return None


def read(issue: Issue, doc: Document) -> Jurisdiction | None:
    rules = _rules()
    blocks = issue.blocks[doc.block_start : doc.block_end]
    first = blocks[0].first_line if blocks else doc.prov.line_start
    last = blocks[-1].last_line if blocks else doc.prov.line_end
    number = normalise(doc.number or "")
    line = doc.prov.line_start
    if number and any(number.startswith(p) for p in rules["national_number_prefixes"]):
        return national(f"文号 {doc.number}", line)
    for issuer in doc.issuers:
        if normalise(issuer) in rules["national_issuers"]:
            return national(f"issuer {issuer}", line)
    for issuer in doc.issuers:
        div = place_of(issuer)
        if div:
            return of_division(div, f"issuer {issuer}", line)
    lines = [normalise(issue.lines[n - 1]) for n in range(max(first, 1), min(last, len(issue.lines)) + 1)]  # only when needed: slow on a long issue
    places = mentioned_places(lines)
    if number:
        div = from_number(number, places)
        if div:
            return of_division(div, f"文号 {doc.number}", line)
    if issue.gazette and (div := place_of(issue.gazette)):
        return of_division(div, f"gazette {issue.gazette}", issue.prov.line_start)
    labels = "|".join(rules["issuer_labels"])
    for k, text in enumerate(lines[:HEAD_LINES]):
        for m in re.finditer(rf"(?:{labels})\s*[:：|｜]\s*(?P<name>\S+)", text):
            name = m.group("name")
            if name in rules["national_issuers"]:
                return national(f"{m.group(0)}", first + k)
            div = place_of(name)
            if div:
                return of_division(div, m.group(0).strip(), first + k)
    title = normalise(doc.title) if doc.title else ""
    for k, text in [(-1, title)] + list(enumerate(lines[:HEAD_LINES])):
        body = text.lstrip("#【[（( ")
        if body.startswith("source:"):
            continue
        div = place_of(body)
        if div:
            return of_division(div, f"heading {body[:20]}", first + max(k, 0))
    return None


def assign(issue: Issue, override: Jurisdiction | None = None) -> list[Warning_]:
    """Set each document's jurisdiction (the override, when given, for all); warn for those
    whose government the text does not tell."""
    warnings: list[Warning_] = []
    for doc in issue.documents:
        doc.jurisdiction = override or read(issue, doc)
        if doc.jurisdiction is None:
            warnings.append(Warning_(issue.file, doc.prov.line_start, "jurisdiction unknown (no issuer, 文号, gazette or place heading names the government): its relative names (市财政局 …) stay its own"))
    return warnings


def of_issue(issue: Issue) -> Jurisdiction | None:
    """The issue's own government: its gazette's, else its first placed document's."""
    if issue.gazette and (div := place_of(issue.gazette)):
        return of_division(div, f"gazette {issue.gazette}", issue.prov.line_start)
    return next((d.jurisdiction for d in issue.documents if d.jurisdiction), None)


UNSTATED = Jurisdiction("", "", "unknown", "no government stated", 0)  # names stay as written


def named_government(text: str) -> Jurisdiction:
    """A government named by the user: a place (东莞市, 鞍山市立山区), its code, or the centre (国务院, 中央)."""
    text = normalise(text.strip())
    if text in ("中央", "全国", NATIONAL) or text in _rules()["national_issuers"]:
        return national(f"given: {text}", 0)
    if re.fullmatch(r"\d{6}", text) and division(text):
        return of_code(text, f"given: {text}")
    hit = opening_place(text)
    if hit is None or hit[1] != len(text):
        raise InputError(f"{text}: not a place in the list of administrative divisions (give a full name such as 东莞市, or a six-digit code)")
    return of_division(hit[0], f"given: {text}", 0)


def of_code(code: str, evidence: str) -> Jurisdiction:
    if code == NATIONAL:
        return national(evidence, 0)
    div = division(code)
    if div is None:
        raise InputError(f"{evidence}: {code} is not a GB/T 2260 division code (city.code in divisions.yaml)")
    return of_division(div, evidence, 0)
