"""Records of leaders and meetings: chronicle events, who took part, appointments.

Posts and occupancies are not records of their own: a post held is what a
participation's stated titles say on the event's date, and an appointment starts
or ends one; the graph mapper (kg.graph.events) turns both into occupancies with
first- and last-seen dates, as followthemoney's Occupancy does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.records import Provenance

ROLES = ("chair", "attend", "subject")
KINDS = (
    "standing_meeting", "plenary_meeting", "party_group_meeting", "party_standing_meeting", "theory_study",
    "inspection", "conference", "signing", "reception", "training", "other",
)


@dataclass(frozen=True)
class Event:
    """One activity of a chronicle entry (an entry chaining activities with ； gives several)."""

    file: str
    entry_line: int  # first source line of the entry: with `number` the event's key
    number: int  # 1, 2 … within the entry
    date: date | None
    end_date: date | None  # last day of a range (5日—8日), else None
    time_of_day: str  # 上午 | 下午 | 晚 … as written, or ''
    kind: str  # one of KINDS
    session: str  # the meeting's number (第112次常务会议 → 112), '' when none
    topic: str
    places: tuple[str, ...]  # as written: the resolve stage (kg.resolved) finds the division a place names
    organisations: tuple[str, ...]  # bodies visited or met (与X座谈, 到X汇报), as written
    text: str  # the clause, normalised
    period: str  # the period, e.g. 2022.9
    prov: Provenance


@dataclass(frozen=True)
class Participation:
    """One person in one event, in one role, with the verb and titles as written."""

    event: Event
    mention: str  # the name as printed (spaces removed): the resolve stage (kg.resolved) finds the person
    titles: str  # title chain as written with the name, '' when bare
    role: str  # chair | attend | subject
    verb: str  # the verb that gives the role, as written (主持, 参加, 调研 …)
    organisation: str  # for people from elsewhere: the body their title names
    how: str  # how the name was found: known | titled | list | bare | carried
    prov: Provenance  # the mention with its title


@dataclass(frozen=True)
class Appointment:
    """人事任免: 任 X (appoint) or 免去 X 职务 (remove), from an appointments document."""

    doc_number: str | None
    mention: str  # the name as printed (spaces removed): the resolve stage (kg.resolved) finds the person
    action: str  # appoint | remove
    post: str  # the post as written (曲靖市行政学院院长)
    organisation: str  # the body of the post, as written (曲靖市行政学院)
    year: int | None  # from the document number; the text gives no date
    period: str  # the period
    prov: Provenance
