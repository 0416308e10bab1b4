"""Events and appointments of other governments against the gold beside each text (tests/data/other).

Measures follow the gold's own: events as (month-day, person), appointments as
(person, action), each within its file. A person is compared in matching form
(simplified, no spaces), so 邊疆 in a traditional text is 边疆. Membership of a
composition list (组成人员: `召 集 人：孙春兰`) is an appointment in this gold.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from kg.evaluation import Score, other_gold, prf, register_other
from kg.normalise import normalise
from kg.records.events import Appointment, Participation
from kg.records.tables import GroupMembership

AREA = "events"


def _base(file: str) -> str:
    return PurePosixPath(file).name


def _person(name: str) -> str:
    return normalise("".join(name.split()))


def _month_day(day: object) -> str:
    return str(day)[5:] if day else ""


def event_keys(gold: dict[str, dict], files: set[str], with_role: bool = False) -> list[tuple]:
    return [(f, _month_day(e["date"]), _person(p["name"])) + ((p["role"],) if with_role else ())
            for f in sorted(files) for e in gold[f]["events"] for p in e["people"]]


def predicted_event_keys(records: list, files: set[str], with_role: bool = False) -> list[tuple]:
    return [(_base(p.event.file), _month_day(p.event.date), _person(p.mention)) + ((p.role,) if with_role else ())
            for p in records if isinstance(p, Participation) and _base(p.event.file) in files]


def appointment_keys(gold: dict[str, dict], files: set[str]) -> list[tuple]:
    return [(f, _person(a["person"]), a["action"]) for f in sorted(files) for a in gold[f]["appointments"]]


def predicted_appointment_keys(records: list, files: set[str]) -> list[tuple]:
    keys = [(_base(a.prov.file), _person(a.mention), a.action) for a in records
            if isinstance(a, Appointment) and _base(a.prov.file) in files]
    keys += [(_base(m.prov.file), _person(m.member), "appoint") for m in records
             if isinstance(m, GroupMembership) and m.member_type == "person" and m.prov and _base(m.prov.file) in files]
    return keys


@register_other(AREA)
def evaluate(issues: list, records: list, city: object) -> list[Score]:
    gold = other_gold()
    files = {_base(i.file) for i in issues} & set(gold)
    if not files:
        return []
    note = f"{len(files)} documents of other governments"
    return [
        prf(AREA, "(month-day, person)", event_keys(gold, files), predicted_event_keys(records, files), note),
        prf(AREA, "(month-day, person, role)", event_keys(gold, files, True), predicted_event_keys(records, files, True), note),
        prf(AREA, "appointments (person, action)", appointment_keys(gold, files), predicted_appointment_keys(records, files), note),
    ]
