"""Leaders and meetings against the hand-checked gold: chronicle people, roles, kinds; appointments; boards.

Gold: tests/gold/chronicle_*.csv (one row per person in an event), appointments.csv,
editorial_boards.csv. The gold lists only events in which someone is named, so the
event-kind measure compares events that have at least one person. Records carry names as
printed: a person is the canonical name the resolve stage (kg.resolved) keys them by.
"""

from __future__ import annotations

import csv
from pathlib import PurePosixPath

from kg.evaluation import Score, accuracy, gold_path, prf, register
from kg.people import PersonResolver
from kg.records.events import Appointment, Event, Participation

AREA = "events"
CHRONICLE_GOLD = ("chronicle_000_001.csv", "chronicle_002_003.csv")


def _rows(name: str) -> list[dict[str, str]]:
    path = gold_path(name)
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _base(file: str) -> str:
    return PurePosixPath(file).name


def chronicle_scores(records: list, people: PersonResolver) -> list[Score]:
    gold = [r for name in CHRONICLE_GOLD for r in _rows(name)]
    if not gold:
        return []
    files = {r["file"] for r in gold}
    parts = [(p, people.canonical(p.mention)) for p in records if isinstance(p, Participation) and _base(p.event.file) in files]
    events = {(_base(e.file), e.entry_line, e.number): e for e in records if isinstance(e, Event) and _base(e.file) in files}
    with_people = {(_base(p.event.file), p.event.entry_line, p.event.number) for p, _ in parts}

    def day(d: object) -> str:
        return d.isoformat() if d else ""

    scores = [
        prf(AREA, "(date, person)", [(r["date"], r["person"]) for r in gold], [(day(p.event.date), person) for p, person in parts]),
        prf(AREA, "(date, person, role)", [(r["date"], r["person"], r["role"]) for r in gold],
            [(day(p.event.date), person, p.role) for p, person in parts]),
        prf(AREA, "(entry, event no., kind)", {(r["file"], int(r["entry_line"]), int(r["event_no"]), r["kind"]) for r in gold},
            {(*k, events[k].kind) for k in with_people}, note="events with at least one named person"),
        prf(AREA, "(date, end date, entry, event no.)", {(r["file"], int(r["entry_line"]), int(r["event_no"]), r["date"], r["end_date"]) for r in gold},
            {(*k, day(events[k].date), day(events[k].end_date)) for k in with_people}),
    ]
    for role in ("chair", "attend", "subject"):
        scores.append(prf(AREA, f"role={role}", [(r["date"], r["person"]) for r in gold if r["role"] == role],
                          [(day(p.event.date), person) for p, person in parts if p.role == role]))
    # person resolution: of the gold mentions the extractor found (same entry and event, same printed
    # name), how many it resolved to the gold person
    found = {(_base(p.event.file), p.event.entry_line, p.event.number, p.mention): person for p, person in parts}
    matched = [(r, found[key]) for r in gold if (key := (r["file"], int(r["entry_line"]), int(r["event_no"]), r["person_mention"])) in found]
    scores.append(accuracy(AREA, "person resolution (found mentions)", sum(1 for r, p in matched if p == r["person"]), len(matched)))
    scores.append(accuracy(AREA, "person resolution (resolver on gold mentions)",
                           sum(1 for r in gold if people.canonical(r["person_mention"]) == r["person"]), len(gold)))
    return scores


def appointment_scores(records: list, people: PersonResolver) -> list[Score]:
    gold = _rows("appointments.csv")
    if not gold:
        return []
    files = {r["file"] for r in gold}
    predicted = [a for a in records if isinstance(a, Appointment) and _base(a.prov.file) in files]
    return [
        prf(AREA, "appointments (document, person, action, post)", [(r["doc_number"], r["person"], r["action"], r["post"]) for r in gold],
            [(a.doc_number, people.canonical(a.mention), a.action, a.post) for a in predicted]),
        prf(AREA, "appointments (person, organisation)", [(r["person"], r["organisation"]) for r in gold],
            [(people.canonical(a.mention), a.organisation) for a in predicted]),
    ]


def board_scores(issues: list, people: PersonResolver) -> list[Score]:
    gold = _rows("editorial_boards.csv")
    if not gold:
        return []
    predicted = [(i.period, m.role, people.canonical(m.person)) for i in issues for m in i.board]
    return [prf(AREA, "editorial boards (issue, role, person)", [(r["issue"], r["role"], r["person"]) for r in gold], predicted)]


def grammar_only_scores(issues: list, city: object) -> list[Score]:
    """(date, person) with the city's known-leader spellings withheld from the name finder.

    The chronicle is extracted again with `known_names=False`: names are found by the grammar
    alone, as in an unseen city's chronicle (OCR variants still fold onto one person). The grammar
    was written against this corpus, so this is the fairer guide, not a blind measure.
    """
    from extractors.chronicle import chronicle_records
    from kg.resolved import once_per_event

    people = PersonResolver(city)  # type: ignore[arg-type]
    gold = [r for name in CHRONICLE_GOLD for r in _rows(name)]
    if not gold:
        return []
    files = {r["file"] for r in gold}
    parts = [(p, people.canonical(p.mention)) for issue in issues if _base(issue.file) in files
             for p in once_per_event(chronicle_records(issue, city, known_names=False), people.canonical)  # type: ignore[arg-type]
             if isinstance(p, Participation)]

    def day(d: object) -> str:
        return d.isoformat() if d else ""

    note = "names by grammar only: known-leader spellings withheld"
    return [
        prf(AREA, "(date, person), names by grammar only", [(r["date"], r["person"]) for r in gold],
            [(day(p.event.date), person) for p, person in parts], note=note),
        prf(AREA, "(date, person, role), names by grammar only", [(r["date"], r["person"], r["role"]) for r in gold],
            [(day(p.event.date), person, p.role) for p, person in parts], note=note),
    ]


@register(AREA)
def evaluate(issues: list, records: list, city: object) -> list[Score]:
    people = PersonResolver(city)  # type: ignore[arg-type]
    return (chronicle_scores(records, people) + grammar_only_scores(issues, city)
            + appointment_scores(records, people) + board_scores(issues, people))
