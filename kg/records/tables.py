"""Records read from the lists and tables of a gazette: projects, powers, laws, group memberships, duties.

Each record carries its provenance; entity keys (a project's county and name, a
law's title, a power's catalogue and row) are canonical, never line numbers
where a canonical key exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kg.records import Provenance


@dataclass(frozen=True)
class Project:
    """One row of a project list (光伏发电项目表, 建设计划表, 决策事项目录 …)."""

    doc_number: str | None
    doc_ordinal: int
    list_title: str  # the table or list title as printed (normalised)
    seq: str  # 序号 as printed ('' when the list has none)
    name: str
    county: str | None  # the division (麒麟区 …) the resolve stage finds; None from the extractor, and when the row names none
    county_mention: str | None  # the county cell as written (None: no cell; the stage then reads the name)
    capacity_wan_kw: float | None = None
    longitude: float | None = None
    latitude: float | None = None
    start: date | None = None  # 计划开工 (first day of the month when only a month is given)
    completion: date | None = None  # 投产 / 建成
    grid: date | None = None  # 全容量并网
    start_text: str = ""
    completion_text: str = ""
    grid_text: str = ""
    category: str = ""  # 类别 / 事项类型 column when the list has one
    agency: str = ""  # 承办单位 / 责任单位 as written, when the list has one
    outside_county: bool = False  # coordinates fall outside the county's boundary (the resolve stage's check; kept as written)
    list_line: int = 0  # the list's first row: which list the row is in, and the line its list's warning names
    prov: Provenance | None = None


@dataclass(frozen=True)
class ListTotal:
    """The 合计 footer of a list and what the rows add up to."""

    doc_number: str | None
    list_title: str
    stated_count: int | None
    stated_capacity: float | None
    counted: int
    summed_capacity: float
    per_county_stated: tuple[tuple[str, int, float], ...]  # (county as written, count, capacity) as the footer states them
    mismatches: tuple[str, ...]  # one line each; empty when everything matches (per county: the resolve stage's)
    prov: Provenance
    list_line: int = 0  # the first row of its list (Project.list_line)


@dataclass(frozen=True)
class ProjectMention:
    """A project named in running text (a task, a paragraph or a chronicle entry)."""

    name: str  # as written (normalised)
    key: str  # the project's canonical key: a listed project's name, else the mention itself
    listed: bool  # same project as a row of a list
    county: str | None  # the resolve stage's: the listed row's division, else of a place the name starts with
    action: str  # signed | started | opened | completed | visited | mentioned …
    when: date | None  # the entry's date for chronicle mentions
    context: str  # chronicle | document
    doc_number: str | None
    entry_line: int  # first line of the paragraph / chronicle entry holding it
    people: tuple[str, ...] = ()  # leaders named in the same chronicle entry
    prov: Provenance | None = None


@dataclass(frozen=True)
class Law:
    """A law, regulation or rule cited as the basis of a power (by its 《title》)."""

    title: str  # without 《》
    issuer_note: str  # the parenthetical after it, e.g. 云南省人民政府令1997年第42号 ('' if none)
    prov: Provenance


@dataclass(frozen=True)
class Power:
    """One row of an administrative power catalogue (行政职权目录)."""

    doc_number: str | None
    catalogue: str  # the catalogue title
    seq: int
    province_seq: str  # 省指导目录序号
    department: str  # 主管部门 as printed (a county-level department type)
    name: str  # 事项名称
    power_type: str  # 事项类型 (行政处罚 …)
    basis: str  # 设定和实施依据, as printed (normalised)
    laws: tuple[Law, ...]
    delegated_from: str  # level the power is taken from (县级)
    delegated_to: str  # who receives it (乡镇（街道）)
    prov: Provenance


@dataclass(frozen=True)
class GroupMembership:
    """One member of a leading group, headquarters or working group, in one role."""

    doc_number: str | None
    group: str  # the group's name as the document gives it (normalised)
    role: str  # 组长 | 副组长 | 成员 | 成员单位 | 指挥长 | 副指挥长 | 办公室设在 | 办公室主任 | 办公室副主任 …
    member: str  # a person's name, a unit, or a post (市应急局局长) when no name is given
    member_type: str  # person | unit | post
    post: str = ""  # the post written next to a person
    prov: Provenance | None = None


@dataclass(frozen=True)
class DutyStatement:
    """`单位：职责` — one unit's duty in a duty list (e.g. 市直有关单位职责)."""

    doc_number: str | None
    heading: str  # the section the list sits under
    unit: str
    duty: str
    prov: Provenance
