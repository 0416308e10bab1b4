"""Responsibility statements → tasks and assignments.

Grammars (all on normalised text, so half-width and traditional forms are covered):
- labelled: （牵头单位：X；配合单位：Y）, 〔牵头单位：X；责任单位：Y〕, a line `实施部门：X。配合部门：Y`
  or `牵头单位：X` following its task;
- suffix: （X牵头，Y配合）, （X等按照职责分工负责）, （卫生健康行政部门负责牵头，Y部门共同参与）,
  and the same clauses outside brackets: `X、Y牵头；Z配合；2020年6月底前完成`;
- prose: 由X牵头…, X牵头，Y配合…, X负责… (X a list of known units), `X：负责…` duty lists;
- tables: columns named 牵头单位 / 责任单位 / 配合单位 / 参与单位 / 责任领导 / 完成时限 …

A statement is accepted only when every item of its unit list reads as an
organisation (known to the city data, a generic department type, a group, or a
name with an organisation suffix). The resolver is asked only that (recognition, read in the
document's government); the mention is kept as written and its entity is chosen by the
resolve stage (kg/resolved.py). A statement that carries a role cue but
yields nothing becomes a warning with file:line: nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import register
from extractors.deadlines import Deadline, find_deadline, parse_deadline
from extractors.org_mentions import subject_runs
from extractors.text_tables import cell_per_line_tables, pipe_tables
from extractors.units import ORG_SUFFIX, Unit, split_units
from kg.city import City
from kg.layout import Block
from kg.normalise import NText, normalise
from kg.patterns import MONTH_HEADING, numbering, split_names
from kg.provenance import span_prov
from kg.records import Assignment, Document, Issue, Provenance, Task, Warning_
from kg.resolve import GENERIC, resolver_of, unplaced

EXTRACTOR = "responsibilities"

# Labels that open a unit list, longest first; the role each one gives.
LABELS = [
    ("业务牵头单位", "lead"), ("牵头单位", "lead"), ("牵头部门", "lead"), ("主办单位", "lead"), ("牵头领导", "leader"),
    ("责任单位", "responsible"), ("责任部门", "responsible"), ("实施部门", "responsible"), ("实施单位", "responsible"),
    ("承办单位", "responsible"), ("主体责任单位", "responsible"),
    ("配合单位", "cooperate"), ("配合部门", "cooperate"), ("协办单位", "cooperate"), ("协助单位", "cooperate"),
    ("参与单位", "participate"), ("参与部门", "participate"),
    ("责任领导", "leader"), ("分管领导", "leader"),
]
LABEL_ROLE = dict(LABELS)
LABEL = re.compile(r"(?P<label>" + "|".join(label for label, _ in LABELS) + r")(?:（[^（）]{0,20}）)?[：:]")

# Cues that close a unit list (suffix forms), longest first.
SUFFIX_CUES = [
    ("等按照职责分工负责", "responsible"), ("按照职责分工负责", "responsible"), ("等按职责分工负责", "responsible"),
    ("按职责分工负责", "responsible"), ("按照职能职责分别负责", "responsible"), ("按照职责分工", "responsible"),
    ("分工负责", "responsible"), ("负责牵头", "lead"), ("牵头负责", "lead"), ("牵头抓总", "lead"), ("牵头", "lead"),
    ("共同参与负责", "participate"), ("共同参与", "participate"), ("参与", "participate"),
    ("共同负责", "responsible"), ("具体负责", "responsible"), ("全面负责", "responsible"), ("分别负责", "responsible"),
    ("负责落实", "responsible"), ("负责", "responsible"),
    ("指导", "responsible"),  # （X、Y指导）: the guiding ministries; no role of its own, so responsible (cue 指导, filterable)
    ("配合", "cooperate"), ("协助", "cooperate"), ("参加", "cooperate"),
]
SUFFIX = re.compile(r"^(?P<units>.+?)(?P<cue>" + "|".join(c for c, _ in SUFFIX_CUES) + r")$")
SUFFIX_ROLE = dict(SUFFIX_CUES)
COLUMN_ROLES = [(re.compile(label), role) for label, role in LABELS] + [
    (re.compile(r"^(?:牵头|主办)"), "lead"), (re.compile(r"^责任(?:单位|部门)"), "responsible"),
    (re.compile(r"^负责(?:单位|部门|科室|处室)$"), "responsible"), (re.compile(r"^指导(?:部门|单位)$"), "responsible"),
    (re.compile(r"^配合"), "cooperate"), (re.compile(r"^参与"), "participate"), (re.compile(r"领导$"), "leader"),
]
DEADLINE_COLUMN = re.compile(r"完成时限|完成时间|时间节点|时限|计划.*时间")
# `X、Y等部门负责…`, `X等部门，按照职能职责分别负责…`, `X等部门要按照职责分工对…`
HEAD = re.compile(
    r" *(?P<units>[^，；。： ][^，；。：]{1,159}?)(?:等有关部门|等相关部门|等部门|等单位)?，?"
    r"(?:(?:为|作为)[^，；。]{2,30}，)?"  # 市信访局作为市12345热线的主管部门，负责…
    r"(?:要(?:积极|主动|认真|切实)?(?:发挥)?)?"  # 市安委办要发挥牵头抓总的作用, 市政府新闻办要牵头抓好…
    r"(?:要?(?:根据|按照)职(?:责|能职责)(?:分工)?，?)?"
    r"(?P<cue>负责牵头|牵头负责|牵头抓总|牵头|分别负责|全面负责|具体负责|负责|(?<=要)(?:根据|按照)职责分工(?=对|做好|开展|落实))(?!领导|单位|部门|同志|人)"
)
FOLLOW = re.compile(r"[，,](?P<units>[^，；。]{2,160}?)(?:等有关部门|等部门|等单位)?(?P<cue>配合|参与|参加|协助)")
# Words that make a phrase a clause rather than the name of a body (for names the city data does not know).
VERBISH = re.compile(r"要|应|将|把|对|在|从|按|以|向|为|的|了|并|及时|进一步|设立|建立|明确|鼓励|报请|强化|确定|成立|参与|设置|推进|实施|完善|发挥|落实|提供|制定|名|或")
DEADLINE_LINE = re.compile(r"^(?:完成时限|完成时间|时间节点|时限要求|完成期限)：(?P<when>.+?)。?$")
# Document-wide rules stated once inside a statement (`（A、B、C负责。排第一位的为牵头单位）`):
# the first unit of every later list leads; or a unit is added to every later task of the section
# (`（…。以下均需各县政府落实，不再列出）`).
FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?第一(?:位|个)?(?:者|的|单位)?为牵头(?:单位|部门)")
STANDING = re.compile(r"以下(?:各项|任务|工作)*均(?:需|由|须)?(?P<unit>[^，。；]{2,30}?)(?:负责)?(?:落实|负责|实施)[，,]?(?:不再(?:一一)?列出)")
# The subdivisions of a government as a group, in the spellings governments use for them:
# 各镇（办）, 各区县市, 各县（市、区）, 各乡（镇、街道）, 各乡镇（街道）人民政府.
GROUP_PHRASE = re.compile(r"^各(?:[省市县区乡镇村]|乡镇|街道|社区)+(?:（[省市县区乡镇街道办、]+）)?(?:人民政府|政府|党委|办事处)?$")
# `X会同Y、Z…` (X leads, its partners cooperate): the partners run up to the verb of the clause.
JOINT = re.compile(r"(?:[^，；。：由]{0,30}由|经)?(?P<lead>[^，；。：由]{2,60}?)(?:要|应|将)?(?:负责)?会同(?P<rest>[^，；。：]{2,200})")
GROUP_PARTNERS = ("有关部门", "相关部门", "有关方面", "有关单位", "相关单位")  # `会同有关部门`: the partners as a group
AFTER_PARTNERS = re.compile(
    r"等(?:有关|相关)?(?:部门|单位|方面)|(?:共同|联合|及时|定期|依法|积极)?(?=对|筛选|组织|组建|制定|研究|做好|开展|建立|推进|确定|编制|进行|负责|指导|加强|实施|完善|落实|出台|"
    r"抓好|督促|依托|根据|按照|推动|组成|提出|审核|审查|拟定|起草|统筹|协调|部署|做|向|在|将|把|于|印发|发布|$)"
)
POINT = re.compile(r"(?:^|(?<=[。；：，]))(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+是)")
# An office set up in a body, which leads (`在X设立办公室并负责牵头`, `办公室设在X，负责牵头`).
OFFICE_IN = re.compile(r"(?:在(?P<a>[^，；。在]{2,30}?)设(?:置|立)(?:办公室|专班)|办公室设在(?P<b>[^，；。]{2,30}?))[，]?(?:并|，)?(?:负责)?(?P<cue>总牵头|牵头)")
# A heading that names the leader over the tasks below it: `二、王某副市长牵头工作`.
LEADER_HEADING = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,3}?)(?P<title>(?:常务)?副?(?:省长|市长|州长|县长|区长|镇长|乡长|旗长|主任|书记|秘书长))(?P<cue>牵头|负责|领衔)")
DUTY_VERB = re.compile(r"^(?:负责|承担|组织|指导|做好|协调|统筹|牵头|开展|加强|落实|配合|提供|及时|督促|会同|按照)")


@dataclass(frozen=True)
class Found:
    role: str
    cue: str
    unit: Unit
    grammar: str


class DocumentReader:
    def __init__(self, issue: Issue, doc: Document, city: City) -> None:
        self.issue, self.doc, self.city = issue, doc, city
        self.resolver = resolver_of(city)
        self.where = doc.jurisdiction or unplaced(issue.file, doc.ordinal)  # names are read in the document's government
        self.tasks: dict[str, Task] = {}
        self.deadlines: dict[str, Deadline] = {}  # task key → deadline stated on a line of its own
        self.assignments: list[Assignment] = []
        self.warnings: list[Warning_] = []
        self.seen: set[tuple[str, str, str]] = set()  # (task, role, unit) already assigned
        self.leaders: list[tuple[Block, re.Match[str]]] = []  # headings naming the leader of their tasks
        self.first_leads = False  # `列第一位者为牵头单位` seen
        self.standing: list[tuple[str, str, tuple[str, ...], Task]] = []  # (unit, cue, section, task that stated it)

    # -- helpers -----------------------------------------------------------
    def prov(self, text: NText):
        return span_prov(self.issue.file, self.issue.lines, text, EXTRACTOR)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(self.issue.file, line, message))

    def is_unit(self, text: str) -> bool:
        res = self.resolver.resolve(text, where=self.where)
        return res.known and res.agency.type not in ("role_noun",)

    def reads_as_unit(self, text: str) -> bool:
        """Does this list item name an organisation (or a group / generic type of them)?"""
        if not text or len(text) > 40 or text in self.city.role_nouns:
            return False
        if re.search(r"[。，；：！？《》]", text) or numbering(text) or (re.search(r"[“”]", text) and not ORG_SUFFIX.search(text)):
            return False
        if re.match(r"(?:派出|组织|指导|督促|协调|推动|开展|加强|做好|会同|依托|通过|根据|按照|特别|重大)", text):
            return False  # a verb phrase (派出红十字救援队), not a unit
        res = self.resolver.resolve(text, where=self.where)
        if res.known and res.agency.type not in ("role_noun", "generic"):
            return True
        if GENERIC.match(text) and len(text) <= 16 and not VERBISH.search(text) and not re.search(r"[、“”]", text):
            return True  # a generic department type (卫生健康行政部门), not a clause ending in 机构
        if GROUP_PHRASE.match(text):
            return True  # 各镇（办）, 各区县市, 各乡（镇、街道）: every subdivision, however it is spelled
        core = re.sub(r"（[^（）]*）$", "", text)  # 各镇人民政府（街道办事处）
        return bool(ORG_SUFFIX.search(core)) and len(core) <= 25 and not VERBISH.search(core)

    def units(self, text: str) -> list[Unit] | None:
        """The units of a list, or None when the list does not read as units throughout."""
        units = split_units(text, self.is_unit, self.city.short)
        if not units or not all(self.reads_as_unit(u.text) for u in units):
            return None
        return units

    def section_of(self, line: int) -> tuple[str, ...]:
        best: tuple[str, ...] = ()
        for sec in self.doc.sections:
            if sec.line_start <= line <= sec.line_end and len(sec.path) >= len(best):
                best = sec.path
        return best

    def task(self, text: NText, key: str, deadline: Deadline | None) -> Task:
        if key in self.tasks:
            return self.tasks[key]
        deadline = deadline or self.deadlines.get(key) or find_deadline(text.text)
        task = Task(
            doc_number=self.doc.number,
            doc_ordinal=self.doc.ordinal,
            key=key,
            text=text.text,
            section=self.section_of(text.origin[0][0] if text.origin else 0),
            deadline_text=deadline.text if deadline else None,
            deadline_start=deadline.start if deadline else None,
            deadline_end=deadline.end if deadline else None,
            prov=self.prov(text),
        )
        self.tasks[key] = task
        return task

    def assign(self, task: Task, found: list[Found], base: NText, offset: int) -> None:
        """One assignment per unit, role and task, however often the task states it."""
        for f in found:
            key = (task.key, f.role, f.unit.text)
            if key in self.seen:
                continue
            self.seen.add(key)
            span = base[offset + f.unit.start : offset + f.unit.end]
            self.assignments.append(Assignment(task, f.role, f.cue, f.unit.text, f.grammar, self.prov(span)))

    def read_rules(self, rules: list[str]) -> None:
        if any(FIRST_LEADS.search(r) for r in rules):
            self.first_leads = True

    def ranked(self, found: list[Found]) -> list[Found]:
        """Under `列第一位者为牵头单位`, the first unit of a list of responsible units leads."""
        if not self.first_leads or not found or any(f.role != "responsible" for f in found):
            return found
        first = found[0]
        return [Found("lead", first.cue, first.unit, first.grammar)] + found[1:]

    def led(self) -> None:
        """A leader named in a heading (`二、王某副市长牵头工作`) oversees every task of its section."""
        for block, m in self.leaders:
            path = self.section_of(block.first_line)
            offset = block.str.find(m.group("name"))
            for task in list(self.tasks.values()):
                if task.section[: len(path)] == path and task.prov.line_start > block.first_line and any(a.task.key == task.key for a in self.assignments):
                    self.assign(task, [Found("leader", m.group("title") + m.group("cue"), Unit(m.group("name"), offset, offset + len(m.group("name"))), "leader_heading")], block.text, 0)

    def implied(self) -> None:
        """A standing rule (`以下均需X落实，不再列出`) adds X to every later task of its section."""
        order = list(self.tasks.values())
        assigned = {a.task.key for a in self.assignments}
        for unit, cue, section, stated in self.standing:
            for task in order[order.index(stated) + 1 :]:
                if task.key in assigned and task.section[:1] == section:
                    prov = Provenance(task.prov.file, task.prov.line_start, task.prov.line_start, task.text[:40], EXTRACTOR)
                    self.assignments.append(Assignment(task, "responsible", cue, unit, "standing_rule", prov))

    # -- statement grammars ------------------------------------------------
    def labelled(self, text: str) -> list[Found] | None:
        """（牵头单位：X；配合单位：Y）: each label governs the text up to the next label."""
        marks = list(LABEL.finditer(text))
        if not marks:
            return None
        found: list[Found] = []
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
            body_start = m.end()
            body = text[body_start:end].rstrip("；;，。 ")
            tail = SUFFIX.match(body)  # （责任单位：X、Y等按照职责分工负责）: the label decides the role
            grammar = "labelled_paren"
            if tail and tail.group("cue") in ("等按照职责分工负责", "按照职责分工负责", "等按职责分工负责", "按职责分工负责", "分工负责", "负责"):
                body = tail.group("units")
                grammar = "duty_paren" if "职责" in tail.group("cue") else grammar
            role = LABEL_ROLE[m.group("label")]
            if role == "leader":
                for name in split_names(body):
                    at = text.find(name[0], body_start)
                    found.append(Found(role, m.group("label"), Unit(name, at, at + len(name)), "labelled_paren"))
                continue
            units = self.units(body)
            if units is None:
                return None
            found += [Found(role, m.group("label"), Unit(u.text, body_start + u.start, body_start + u.end), grammar) for u in units]
        return found

    def suffixed(self, text: str, grammar: str) -> tuple[list[Found], Deadline | None] | None:
        """（X牵头，Y配合；2020年6月底前完成）: unit lists each closed by a role cue.

        A list may itself contain ，and ；(`市发展改革委，各县、市、区人民政府等按照职责分工负责`),
        so clauses accumulate until one ends with a cue."""
        found: list[Found] = []
        deadline = None
        pos, pending = 0, 0
        for clause in re.split(r"(?<=[，；,;])", text):
            start = pos
            pos += len(clause)
            body = clause.rstrip("，；,;。")
            if not body:
                continue
            m = SUFFIX.match(text[pending : start + len(body)])
            if not m:
                d = parse_deadline(body)
                if d and len(d.text) >= len(body) - 3 and pending == start:
                    deadline = d
                    pending = pos
                continue
            units = self.units(m.group("units"))
            if units is None:
                if "，" in clause or "；" in clause:
                    continue  # the cue word was inside the list; keep accumulating
                return None
            cue = m.group("cue")
            kind = grammar
            if grammar == "suffix_paren" and ("职责" in cue or cue == "分工负责"):
                kind = "duty_paren"
            if grammar == "suffix_paren" and all(GENERIC.match(u.text) and self.resolver.resolve(u.text, where=self.where).agency.type == "generic" for u in units):
                kind = "generic_type"
            found += [Found(SUFFIX_ROLE[cue], cue, Unit(u.text, pending + u.start, pending + u.end), kind) for u in units]
            pending = pos
        if text[pending:].strip("，；,;。 "):
            return None
        return (found, deadline) if found else None

    def prose(self, sentence: str) -> list[Found]:
        """由X牵头，Y配合 / X牵头，Y配合 / X负责… at the head of a sentence."""
        found: list[Found] = []
        token = re.match(r"^(?:第[一二三四五六七八九十百\d]+条|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+(?:\.\d+)*[.、]?)", sentence)
        if token:  # a section number opening the sentence is not part of a unit list
            sentence = " " * token.end() + sentence[token.end() :]
        m = re.search(r"(?:^|[，；]|^ *[^，；。由 ]{1,12})(?:并|同时)?由(?P<units>[^，；。]{2,120}?)(?:直接|统一|具体)?(?P<cue>负责牵头|牵头负责|牵头|负责|承担)(?!领导|单位|部门|同志|人)", sentence)
        if m:
            units = self.units(m.group("units"))
            if units:
                role = SUFFIX_ROLE.get(m.group("cue"), "responsible")
                found += [Found(role, "由…" + m.group("cue"), Unit(u.text, m.start("units") + u.start, m.start("units") + u.end), "prose") for u in units]
                rest = sentence[m.end():]
                follow = re.match(r"[，,](?P<units>[^，；。]{2,160}?)(?P<cue>配合|参与|参加|协助|共同参与|具体负责)", rest)
                if follow:
                    more = self.units(follow.group("units"))
                    if more:
                        base = m.end() + follow.start("units")
                        found += [Found(SUFFIX_ROLE[follow.group("cue")], follow.group("cue"), Unit(u.text, base + u.start, base + u.end), "prose") for u in more]
                return found
        # The subject may open the sentence or a later ，-clause (`…决策部署，市发展改革委牵头，…参加`).
        for clause_start in [0] + [k + 1 for k, ch in enumerate(sentence) if ch == "，"]:
            head = HEAD.match(sentence, clause_start)
            units = self.units(head.group("units")) if head else None
            if not units:
                continue
            cue = head.group("cue")
            role = "responsible" if "职责分工" in cue else SUFFIX_ROLE[cue]
            base = head.start("units")
            found += [Found(role, cue, Unit(u.text, base + u.start, base + u.end), "prose") for u in units]
            if cue == "牵头":
                follow = FOLLOW.match(sentence, head.end())
                more = self.units(follow.group("units")) if follow else None
                if more:
                    base = follow.start("units")
                    cue2 = follow.group("cue")
                    found += [Found(SUFFIX_ROLE[cue2], cue2, Unit(u.text, base + u.start, base + u.end), "prose") for u in more]
            break
        if found:
            found += self.more_subjects(sentence, max(f.unit.end for f in found))
        return found

    def joint(self, sentence: str) -> list[Found]:
        """`X会同Y、Z制定…` at the head of a ，-clause: X leads, Y and Z cooperate."""
        found: list[Found] = []
        for start in [0] + [k + 1 for k, ch in enumerate(sentence) if ch == "，"]:
            m = JOINT.match(sentence, start)
            lead = self.units(m.group("lead")) if m else None
            if not m or not lead:
                continue
            rest, base = m.group("rest"), m.start("rest")
            for k in range(2, len(rest) + 1):
                if not AFTER_PARTNERS.match(rest, k):
                    continue
                partners = [Unit(rest[:k], 0, k)] if rest[:k] in GROUP_PARTNERS else self.units(rest[:k])
                if partners:
                    at = m.start("lead")
                    found += [Found("lead", "会同", Unit(u.text, at + u.start, at + u.end), "prose") for u in lead]
                    found += [Found("cooperate", "会同", Unit(u.text, base + u.start, base + u.end), "prose") for u in partners]
                    break
        return found

    def membership(self, sentence: str) -> list[Found]:
        """`由A、B…9个部门和单位组成，A为牵头单位`: members participate, the one named leads."""
        found: list[Found] = []
        m = re.search(r"由(?P<units>[^。；：]{2,300}?)(?:等)?(?:[\d一二三四五六七八九十]+个)?(?:部门|单位|部门和单位|成员单位)?组成", sentence)
        members = self.units(m.group("units")) if m else None
        if m and members:
            lead = re.search(r"[，,](?P<units>[^，；。]{2,40}?)为牵头(?:单位|部门)", sentence[m.end():])
            heads = self.units(lead.group("units")) if lead else None
            if lead and heads:
                base = m.end() + lead.start("units")
                found += [Found("lead", "为牵头单位", Unit(u.text, base + u.start, base + u.end), "prose") for u in heads]
            leading = {f.unit.text for f in found}
            found += [Found("participate", "组成", Unit(u.text, m.start("units") + u.start, m.start("units") + u.end), "prose") for u in members if u.text not in leading]
        owner = re.match(r"^(?P<units>[^，；。是]{2,30})是[^，；。]{0,30}?(?P<cue>责任主体)", sentence)  # 试点城市政府是…责任主体
        heads = self.units(owner.group("units")) if owner else None
        if owner and heads:
            found += [Found("responsible", "责任主体", Unit(u.text, u.start, u.end), "prose") for u in heads]
        office = OFFICE_IN.search(sentence)
        if office:
            group = "a" if office.group("a") else "b"
            heads = self.units(office.group(group))
            if heads:
                found += [Found("lead", "负责" + office.group("cue"), Unit(u.text, office.start(group) + u.start, office.start(group) + u.end), "prose") for u in heads]
        return found

    def prose_by_ner(self, clause: str) -> list[Found]:
        """Subjects the grammar cannot place, found by spaCy's agency ruler (extractors/org_mentions.py)."""
        if not re.search(r"负责|牵头|配合|协助|参与|参加", clause):
            return []
        found: list[Found] = []
        for spans, cue, _ in subject_runs(clause, self.city):
            found += [Found(SUFFIX_ROLE[cue], cue, Unit(s.text, s.start, s.end), "prose") for s in spans]
        return found

    def more_subjects(self, sentence: str, after: int) -> list[Found]:
        """Later ，-clauses with their own units and cue: `X负责统筹，Y负责具体落实`."""
        more: list[Found] = []
        pos = sentence.find("，", after)
        while pos >= 0:
            nxt = sentence.find("，", pos + 1)
            clause = sentence[pos + 1 : nxt if nxt >= 0 else len(sentence)]
            m = re.match(r"^(?P<units>[^，；。：]{2,80}?)(?P<cue>负责牵头|牵头负责|牵头|具体负责|负责|配合|参与|协助)", clause)
            units = self.units(m.group("units")) if m else None
            if units and not any(f.unit.start >= pos + 1 for f in more):
                base = pos + 1 + m.start("units")
                more += [Found(SUFFIX_ROLE[m.group("cue")], m.group("cue"), Unit(u.text, base + u.start, base + u.end), "prose") for u in units]
            pos = nxt
        return more

    # -- blocks ------------------------------------------------------------
    def read(self) -> None:
        blocks = [b for b in self.issue.blocks[self.doc.block_start : self.doc.block_end] if not b.cells]
        owners: list[Block | None] = []
        last_task_block: Block | None = None
        for block in blocks:
            text = block.str
            if (numbering(text) or not LABEL.match(text)) and not DEADLINE_LINE.match(text):
                last_task_block = block if not _only_parenthetical(text) else last_task_block
            owners.append(last_task_block)
            # `完成时限：2021年12月底前` on its own line dates the task above it
            m = DEADLINE_LINE.match(text)
            if m and last_task_block is not None:
                self.deadlines[str(last_task_block.first_line)] = parse_deadline(m.group("when")) or Deadline(m.group("when"), None, None)
        self.leaders = [(block, m) for block in blocks if numbering(block.str) and (m := LEADER_HEADING.match(re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\s*", "", block.str)))]
        in_tables = self.read_text_tables()
        for block, owner in zip(blocks, owners):
            if block.first_line in in_tables:
                continue
            if not DEADLINE_LINE.match(block.str):
                self.read_block(block, owner)
        for table in self.doc.tables:
            self.read_table(table)
        self.read_spaced_tables()

    def read_block(self, block: Block, task_block: Block | None) -> None:
        text = block.str
        line = block.first_line
        handled_cue = False
        # 1. bracketed statements; each closes its own sub-task (the text since the previous one)
        closed = -1
        for start, end in _brackets(text):
            inner, rules = _statement_and_rules(text[start + 1 : end])
            self.read_rules(rules)
            labelled = self.labelled(inner)
            result: tuple[list[Found], Deadline | None] | None = None
            if labelled:
                result = (labelled, find_deadline(inner))
            elif labelled is None and _has_suffix_cue(inner):
                result = self.suffixed(inner, "suffix_paren")
            if result:
                found, deadline = result
                # a statement printed on its own belongs to the task above it
                owner = block if len(text[:start].strip("。 ")) > 3 or task_block is None else task_block
                if owner is not block:
                    task = self.task(owner.text, str(owner.first_line), deadline)
                elif closed < 0:
                    task = self.task(_without(block.text, start, end), str(line), deadline)
                else:
                    task = self.task(block.text[closed + 1 : start], f"{line}:{start}", deadline)
                closed = end
                self.assign(task, self.ranked(found), block.text, start + 1)
                for rule in rules:
                    if (m := STANDING.search(rule)):
                        self.standing.append((m.group("unit"), m.group(0) + "（implied）", self.section_of(line)[:1], task))
                handled_cue = True
            elif LABEL.search(inner) or (_has_suffix_cue(inner) and _looks_like_statement(inner)):
                self.warn(block.text.origin[start][0], f"role statement not understood: （{inner[:60]}）")
                handled_cue = True
        if handled_cue:
            self.read_prose(block, task_block, skip=_brackets(text))
            return
        # 2. a labelled line: `牵头单位：X` / `实施部门：X。配合部门：Y` (for the task above, or this one)
        if LABEL.match(text):
            found = self.labelled(text.rstrip("。"))
            if found:
                owner = task_block or block
                task = self.task(owner.text, str(owner.first_line), find_deadline(text))
                for f in found:
                    self.assign(task, [Found(f.role, f.cue, f.unit, "labelled_line")], block.text, 0)
            else:
                self.warn(line, f"labelled role line not understood: {text[:60]}")
            return
        # 3. a `单位：职责` duty line
        m = re.match(r"^(?P<units>[^：，。；]{2,60})：(?P<duty>.{6,})$", text)
        if m:
            units = self.units(m.group("units"))
            resolved = [self.resolver.resolve(u.text, where=self.where) for u in units or []]
            known = bool(resolved) and all(r.known and r.agency.type not in ("generic", "group") for r in resolved)
            if units and (known or DUTY_VERB.match(m.group("duty"))):
                task = self.task(block.text, str(line), None)
                self.assign(task, [Found("responsible", "职责", u, "colon_duty") for u in units], block.text, 0)
                return
        self.read_prose(block, task_block, skip=[])

    def read_prose(self, block: Block, task_block: Block | None, skip: list[tuple[int, int]]) -> None:
        """Prose, sentence by sentence; suffix clauses outside brackets (X牵头；Y配合；…完成).
        Sentences holding an already-read bracketed statement are skipped."""
        text, line = block.str, block.first_line
        pos, consumed = 0, -1
        for sentence in re.split(r"(?<=。)", text):
            start, pos = pos, pos + len(sentence)
            body = sentence.rstrip("。")
            if not body or any(start <= s < pos for s, _ in skip):
                continue
            clause_form = self.suffixed(body, "suffix_paren") if "；" in body and _has_suffix_cue(body.split("；")[0]) else None
            if clause_form:
                found, deadline = clause_form
                found = [Found(f.role, f.cue, f.unit, "prose") for f in found]
                owner = task_block if task_block is not None and task_block is not block else block
                task = self.task(owner.text, str(owner.first_line), deadline)
                self.assign(task, found, block.text, start)
                continue
            if LABEL.match(body):
                if start > consumed:  # `…。实施部门：X。配合部门：Y。` read as one statement
                    statement = _until_next_sentence_label(text, start)
                    consumed = start + len(statement)
                    labelled = self.labelled(statement)
                    if labelled:
                        task = self.task(block.text, str(line), None)
                        self.assign(task, [Found(f.role, f.cue, f.unit, "labelled_line") for f in labelled], block.text, start)
                continue
            for clause_start, clause in _clauses(body):
                found = self.membership(clause) or self.prose(clause) or self.prose_by_ner(clause)
                found += self.joint(clause)
                if found:
                    # `一是…。二是…`: each enumerated point is a task of its own
                    points = [m.start() for m in POINT.finditer(text, 0, start + clause_start + 1)]
                    key = f"{line}:{points[-1]}" if points and points[-1] > 0 else str(line)
                    task = self.task(block.text[points[-1] :] if points else block.text, key, None)
                    self.assign(task, found, block.text, start + clause_start)
                else:
                    failed = re.search(r"由(?P<units>[^，；。]{2,60}?)(?:直接|统一|具体)?牵头(?!领导|单位|部门)", clause)
                    if failed and ORG_SUFFIX.search(failed.group("units")) and not re.search(r"领导|各地|村|或", failed.group("units")):
                        self.warn(line, f"由…牵头 statement not understood: {clause[:60]}")

    def _align(self, cells: list[NText], role_cols: list[int], width: int, unit_cols: set[int]) -> dict[int, int]:
        """The placement of the right-hand columns under which the most unit cells read as units."""
        nonempty = [j for j, c in enumerate(cells) if c.text]
        best, best_score = {}, -1
        for option in _placements(len(cells), role_cols, width, nonempty):
            score = sum(1 for i, k in option.items() if i in unit_cols and 0 <= k < len(cells) and cells[k].text and self.units(cells[k].text) is not None)
            if score > best_score:
                best, best_score = option, score
        return best

    def read_text_tables(self) -> set[int]:
        """Pipe tables and tables flattened to one cell per line (extractors/text_tables.py);
        the lines they cover, which are not read again as prose."""
        blocks = self.issue.blocks[self.doc.block_start : self.doc.block_end]
        if not blocks:
            return set()
        first, last = blocks[0].first_line, blocks[-1].last_line
        covered: set[int] = set()
        for table in pipe_tables(self.issue.lines, first, last, _column_role) + cell_per_line_tables(self.issue.lines, first, last, _column_role):
            roles = {i: (role, label) for i, label in enumerate(table.header) if (role := _column_role(label)) and role != "leader"}
            for cells, span in zip(table.rows, table.row_lines):
                covered.update(span)
                self.read_text_row(table.header, roles, cells, span)
        return covered

    def read_text_row(self, header: tuple[str, ...], roles: dict[int, tuple[str, str]], cells: tuple[NText, ...], span: tuple[int, ...]) -> None:
        """A row mapped by column when it has the header's cells; else (a wrapped or lost cell) the
        role column is the one cell that reads as a list of units."""
        texts = [c.text for c in cells]
        placed: dict[int, NText] = {}
        for i in roles:
            if len(cells) == len(header) and self.units(texts[i]) is not None:
                placed[i] = cells[i]
        if not placed and len(roles) == 1:
            fits = [c for c in cells[1:] if c.text and not ROW_NO.match(c.text) and self.units(c.text) is not None]
            if fits:
                placed[next(iter(roles))] = fits[-1]
            elif len(cells) < len(header) and cells:
                # the separator before the unit cell was lost: the units end the last cell, after its last sentence
                last = cells[-1]
                cuts = [m.end() for m in re.finditer(r"[。；]", last.text) if m.end() < len(last.text)]
                if cuts and self.units(last.text[cuts[-1] :]) is not None:
                    placed[next(iter(roles))] = last[cuts[-1] :]
        if not placed:
            return
        task_cell = next((c for c in cells if c.text and not ROW_NO.match(c.text) and all(c is not p for p in placed.values())), cells[0])
        task = self.task(task_cell, f"{span[0]}", find_deadline(" ".join(texts)))
        for i, cell in placed.items():
            role, cue = roles[i]
            for u in self.units(cell.text) or []:
                self.assign(task, [Found(role, cue, Unit(u.text, u.start, u.end), "table")], cell, 0)

    def read_spaced_tables(self) -> None:
        """Tables printed with spaces instead of TABs (narrow layouts): a header line of short
        labels with a role column, then rows that open with their 序号 and may wrap."""
        blocks = self.issue.blocks[self.doc.block_start : self.doc.block_end]
        if not blocks:
            return
        lines = self.issue.lines
        first, last = blocks[0].first_line, blocks[-1].last_line
        no = first
        while no <= last:
            labels = lines[no - 1].split()
            roles = [(k, role, label) for k, label in enumerate(labels) for pattern, role in COLUMN_ROLES if pattern.search(label) and role != "leader"]
            if len(labels) < 3 or "\t" in lines[no - 1] or any(len(x) > 8 for x in labels) or len(roles) != 1:
                no += 1
                continue
            _, role, cue = roles[0]
            rows: list[list[int]] = []
            no += 1
            while no <= last:
                raw = lines[no - 1].strip()
                if re.match(r"^\d{1,3}\s+\S", raw):
                    rows.append([no])
                elif raw and rows and not (MONTH_HEADING.match(normalise(raw)) or normalise(raw) == "大事记"):
                    rows[-1].append(no)
                elif raw and not rows:
                    break
                no += 1
            for row in rows:
                self.read_spaced_row(row, role, cue)

    def read_spaced_row(self, row_lines: list[int], role: str, cue: str) -> None:
        from kg.normalise import normalise_line

        parts = [normalise_line(self.issue.lines[n - 1], n) for n in row_lines]
        tokens: list[NText] = []
        for part in parts:
            raw = self.issue.lines[part.origin[0][0] - 1] if part.origin else ""
            for m in re.finditer(r"\S+", raw):  # a cell is a run of the printed line between spaces
                idx = [k for k, (_, c) in enumerate(part.origin) if m.start() <= c < m.end()]
                if idx:
                    tokens.append(part[idx[0] : idx[-1] + 1])
        units = [t for t in tokens if self.units(t.text) is not None and not t.text[:1].isdigit()]
        if not units:
            return
        whole = NText.join(parts)
        deadline = find_deadline(whole.text) or parse_deadline(whole.text.split(units[-1].text)[-1])
        task_parts = [t for t in tokens if t not in units and not t.text.isdigit() and not (deadline and t.text in deadline.text)]
        task = self.task(NText.join(task_parts) if task_parts else whole, str(row_lines[0]), deadline)
        for t in units:
            for u in self.units(t.text) or []:
                self.assignments.append(Assignment(task, role, cue, u.text, "table", self.prov(t[u.start : u.end])))

    def read_table(self, table) -> None:
        header = [c.replace("（按照职责分工负责）", "") for c in table.header]
        roles: dict[int, tuple[str, str]] = {}
        deadline_col = None
        for i, cell in enumerate(header):
            for pattern, role in COLUMN_ROLES:
                if pattern.search(cell):
                    roles[i] = (role, table.header[i])
                    break
            if DEADLINE_COLUMN.search(cell) and i not in roles:
                deadline_col = i
        if not roles:
            return
        width = len(header)
        while width and not header[width - 1].strip():
            width -= 1  # a header with fewer labels than columns (重点任务 spanning two): align from the right
        role_cols = sorted(set(roles) | ({deadline_col} if deadline_col is not None else set()))
        unit_cols = {i for i, (role, _) in roles.items() if role != "leader"}
        blocks_by_line = {b.first_line: b for b in self.issue.blocks[self.doc.block_start : self.doc.block_end] if b.cells}
        previous_task: NText | None = None
        for cells, line in zip(table.rows, table.row_lines):
            block = blocks_by_line.get(line)
            if block is None:
                continue
            ntexts = list(block.cells)
            placement = self._align(ntexts, role_cols, width, unit_cols)

            def cell_at(i: int) -> int | None:
                k = placement.get(i, i + len(ntexts) - width if i >= role_cols[0] else i)
                return k if 0 <= k < len(ntexts) else None

            k_dead = cell_at(deadline_col) if deadline_col is not None else None
            deadline = parse_deadline(ntexts[k_dead].text) if k_dead is not None and ntexts[k_dead].text else None
            role_cells = {cell_at(i) for i in roles}
            task_parts = [c for j, c in enumerate(ntexts) if j not in role_cells and j != k_dead and c.text and not c.text.isdigit()]
            if task_parts:
                task_text = NText.join(task_parts, " ")
            else:  # the task cells were merged with the row above
                task_text = previous_task or NText.join([c for c in ntexts if c.text], " ")
            previous_task = task_text
            task = self.task(task_text, f"{line}", deadline)
            for i, (role, cue) in roles.items():
                k = cell_at(i)
                if k is None or not ntexts[k].text:
                    continue
                cell = ntexts[k]
                if role == "leader":
                    raw = self.issue.lines[line - 1].split("\t")
                    names = split_names(raw[k]) if k < len(raw) else split_names(cell.text)
                    for name in names:
                        at = cell.text.find(name[0])
                        span = cell[at : at + 1] if at >= 0 else cell
                        self.assignments.append(Assignment(task, "leader", cue, name, "table", self.prov(span)))
                    continue
                units = self.units(cell.text)
                if units is None:
                    if cell.text not in ("/", "—", "无"):
                        self.warn(line, f"table cell under “{cue}” does not read as units: {cell.text[:50]}")
                    continue
                for u in units:
                    self.assignments.append(Assignment(task, role, cue, u.text, "table", self.prov(cell[u.start : u.end])))


ROW_NO = re.compile(r"^\d{1,3}$")


def _column_role(label: str) -> str | None:
    for pattern, role in COLUMN_ROLES:
        if pattern.search(label):
            return role
    return None


def _placements(n_cells: int, role_cols: list[int], width: int, nonempty: list[int]) -> list[dict[int, int]]:
    """Where the role columns may sit in a row whose cells drifted: by position (right-aligned
    to the header), or as the last non-empty cells (merged cells lost, content shifted left)."""
    shift = n_cells - width
    by_position = {i: i + shift if shift > 0 else i for i in role_cols}
    options = [by_position]
    k = len(role_cols)
    if len(nonempty) >= k:
        options.append(dict(zip(role_cols, nonempty[-k:])))
    return options


def _brackets(text: str) -> list[tuple[int, int]]:
    """Outermost （…） and 〔…〕 spans (start, end index of the closing bracket)."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in "（〔":
            stack.append(i)
        elif ch in "）〕" and stack:
            start = stack.pop()
            if not stack:
                spans.append((start, i))
    return spans


def _statement_and_rules(inner: str) -> tuple[str, list[str]]:
    """`A、B负责。排第一位的为牵头单位` → the statement and the rule sentences after it."""
    parts = [p for p in re.split(r"(?<=。)", inner) if p.strip("。 ")]
    rules = [p for p in parts if FIRST_LEADS.search(p) or STANDING.search(p)]
    if not rules:
        return inner, []
    statement = "".join(p for p in parts if p not in rules).rstrip("。")
    return statement, rules


def _has_suffix_cue(text: str) -> bool:
    return bool(re.search(r"(?:牵头|配合|负责|参与|协助|参加|分工|指导|落实)[。）]?$", text.split("；")[0].split("，")[0]) or re.search(r"(?:牵头|配合|负责|参与|协助|参加|分工|指导|落实)[。]?$", text))


def _looks_like_statement(text: str) -> bool:
    return bool(re.search(r"(?:局|委|办|政府|部门|单位|中心)", text)) and len(text) <= 200


def _only_parenthetical(text: str) -> bool:
    """A statement printed on its own, or after the stray tail of the sentence above (`1。（责任单位：…）`)."""
    return bool(re.match(r"^[^（〔]{0,3}[（〔]", text)) and text.rstrip("。").endswith(("）", "〕"))


def _without(ntext: NText, start: int, end: int) -> NText:
    return NText.join([ntext[:start], ntext[end + 1 :]])


def _clauses(sentence: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in re.split(r"(?<=；)", sentence):
        out.append((pos, part.rstrip("；")))
        pos += len(part)
    return out


def _until_next_sentence_label(text: str, start: int) -> str:
    """From a label at `start`, the labelled statements that follow sentence by sentence (…。配合部门：…)."""
    end = start
    for sentence in re.split(r"(?<=。)", text[start:]):
        if not LABEL.match(sentence):
            break
        end += len(sentence)
    return text[start:end].replace("。", "；").rstrip("；")


@register("responsibilities")
def extract(issue: Issue, city: City) -> list:
    records: list = []
    for doc in issue.documents:
        reader = DocumentReader(issue, doc, city)
        reader.read()
        reader.led()
        reader.implied()
        records += list(reader.tasks.values()) + reader.assignments + reader.warnings
    return records
