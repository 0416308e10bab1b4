"""人事任免: appointments and removals (曲政任〔2022〕18号) → Appointment records.

Each line of an appointments document reads `NAME任POST。` (appoint) or
`NAME免去POST职务。` (remove); the forms `任命NAME为POST` and `免去NAME(同志)(的)POST职务`
are read too. The text gives no date: the record keeps the year of the document
number and the issue's period.
"""

from __future__ import annotations

import re

from extractors import register
from extractors.people import name_at, organisation_of
from kg.city import City
from kg.patterns import DOC_NUMBER
from kg.people import PersonResolver
from kg.provenance import span_prov
from kg.records import Issue
from kg.records.events import Appointment

NAME = "appointments"

NAME_FIRST = re.compile(r"^(?:同志)?(?P<act>免去|任)(?P<post>[^。；]+?)(?:职务)?[。；]?$")
VERB_FIRST = re.compile(r"^(?:(?P<appoint>任命|聘任)(?P<a>.+?)(?:同志)?为(?P<apost>[^。；]+?)|免去(?P<r>.+?)(?:同志)?的?(?P<rpost>[^。；]+?)职务)[。；]?$")


def is_appointments(doc) -> bool:  # type: ignore[no-untyped-def]
    return doc.kind == "appointments" or bool(doc.number and re.search(r"任〔", doc.number))


def read_line(text: str, known: list[str]) -> tuple[str, str, str] | None:
    """(name, action, post) from one line, or None when the line is not an appointment."""
    if DOC_NUMBER.search(text):
        return None
    m = VERB_FIRST.match(text)
    if m:
        name = m.group("a") or m.group("r")
        if name_at(name + "。", 0, known) == name:
            return (name, "appoint", m.group("apost")) if m.group("appoint") else (name, "remove", m.group("rpost"))
    name = name_at(text, 0, known)
    if not name:
        return None
    m = NAME_FIRST.match(text[len(name):])
    if not m:
        return None
    return name, "appoint" if m.group("act") == "任" else "remove", m.group("post")


@register(NAME)
def extract(issue: Issue, city: City) -> list:
    people = PersonResolver(city)
    known = people.surface_forms()
    records: list = []
    for doc in issue.documents:
        if not is_appointments(doc):
            continue
        m = DOC_NUMBER.fullmatch(doc.number or "")
        year = int(m.group("year")) if m else None
        for block in issue.blocks[doc.block_start : doc.block_end]:
            read = read_line(block.str, known)
            if not read:
                continue
            name, action, post = read
            prov = span_prov(issue.file, issue.lines, block.text, NAME)
            records.append(Appointment(
                doc_number=doc.number, person=people.canonical(name), mention=name, action=action, post=post,
                organisation=organisation_of(post, own_prefixes=()), year=year, period=issue.period or "", prov=prov,
            ))
    return records
