"""Command structures and duty lists → group memberships and duty statements.

Three grammars of a leading group / headquarters / working group:

- a roster: `成立X，成员如下：` then lines `组 长：刘本芳 市人民政府副市长`, where a role
  label carries on to the following lines until the next label and a line with
  no name is a post (name missing in the source);
- prose posts: `X指挥长由A担任，副指挥长由B、C担任。下设办公室在D，主任由E担任`
  and `X成员单位：a、b、c。`; a post noun written once after a list
  (`市地震局、市住房城乡建设局分管领导`) belongs to every unit of the list;
- prose members: `成立X，a、b、c为成员单位，…X办公室设在D`, and an annex table
  titled `X成员单位责任分工表` whose 责任单位 column lists the members.

Duty lists: inside a section whose title ends in 职责, a paragraph `单位：职责`.

A group's name is kept as written (全市…领导小组 too): the resolve stage names it for the city.
"""

from __future__ import annotations

import re

from extractors import register
from extractors.tables import doc_span, reconstruct
from kg.city import City
from kg.normalise import NText, normalise, normalise_line
from extractors.units import split_units
from kg.provenance import span_prov
from kg.resolve import resolver_of
from kg.records import Document, Issue
from kg.records.tables import DutyStatement, GroupMembership

EXTRACTOR = "groups"
GROUP = r"[\u4e00-\u9fff0-9A-Za-z“”]{2,40}?(?:领导小组|指挥部|推进组|工作组|工作专班|联席会议)"
ROLES = ("总指挥", "副总指挥", "指挥长", "副指挥长", "组长", "副组长", "常务副组长", "成员", "主任", "副主任", "召集人", "副召集人", "委员", "联络员")
ROSTER_OPEN = re.compile(rf"成立(?P<group>{GROUP})[，,]?(?:其)?(?:成员|组成人员)(?:名单)?如下")
# a composition list under its own heading: `国务院职业教育工作 ⏎ 部际联席会议成员名单`, then `召 集 人：孙春兰 国务院副总理`
LIST_HEADING = re.compile(r"^(?P<group>[\u4e00-\u9fff0-9“”（）]{2,40}?)(?:成员|组成人员)名单$|^(?P<group2>[\u4e00-\u9fff0-9“”（）]{2,40}?)组成人员$")
ROSTER_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff \u00a0\u3000]{1,12}?)[：:]\s*(?P<rest>.*)$")  # 组　长：, 召 集 人：, 成    员：
OFFICE_AT = re.compile(r"(?:下设办公室(?:设)?在|办公室设在)(?P<unit>[^，。；]+?)(?:[，。；]|$)")
OFFICE_HEAD = re.compile(r"办公室(?P<role>副?主任)由(?P<who>[^，。；]+?)(?:同志)?(?:兼任|担任)")
POST_CLAUSE = re.compile(r"(?P<role>总指挥|副总指挥|指挥长|副指挥长|组长|副组长|主任|副主任)由(?P<who>[^，。；]+?)担任")
MEMBER_UNITS = re.compile(rf"(?P<group>{GROUP})成员单位[：:](?P<list>[^。]+)")
MEMBERS_FOR = re.compile(rf"成立(?P<group>{GROUP})[，,](?P<list>[^。；]+?)为成员单位")
EMBEDDED_ROSTER = re.compile(rf"成立由(?P<roles>[^。；]+(?:组长|总指挥|指挥长))，(?P<members>[^。；，]+?)为成员的(?P<group>{GROUP})")
ANNEX = re.compile(rf"(?P<group>{GROUP})成员单位")
POST_WORD = re.compile(r"(?:分管领导|主要领导|负责人|局长|副局长|主任|副主任|书记|副书记|秘书长|副秘书长|支队长|市长|副市长|调研员|部长|组长)$")
UNIT_END = re.compile(r"^(?P<unit>.*?(?:局|委|办|中心|支队|政府|部|院|会|社|所|站|队))(?P<post>[^局委办]*)$")
DUTY = re.compile(r"^(?P<unit>[\u4e00-\u9fff（）]{2,20}?(?:局|委|办|中心|支队|分区|段|公司|部|院|会|队|所|站|分局|行))[：:](?P<duty>.+)$")


def split_list(text: str, city: City) -> list[str]:
    """The unit-list grammar shared with the responsibilities extractor (各县（市、区）人民政府 stays whole).
    The resolver only recognises an item as a known organisation (where to split); the mention is
    returned as written and resolved to its entity by the resolve stage (kg/resolved.py)."""
    resolver = resolver_of(city)
    return [u.text for u in split_units(normalise(text), lambda s: resolver.resolve(s).known, city.short)]


def distribute_post(items: list[str]) -> list[str]:
    """`A局、B局分管领导` → [A局分管领导, B局分管领导] when only the last item carries the post."""
    if len(items) < 2 or not POST_WORD.search(items[-1]):
        return items
    m = UNIT_END.match(items[-1])
    if not m or not m.group("post"):
        return items
    post = m.group("post")
    return [i if POST_WORD.search(i) else i + post for i in items[:-1]] + [items[-1]]


def _member_type(text: str) -> str:
    return "post" if POST_WORD.search(text) else "unit"


@register(EXTRACTOR)
def extract(issue: Issue, city: City) -> list:
    out: list = []
    for doc in issue.documents:
        out.extend(_rosters(issue, doc))
        out.extend(_prose(issue, city, doc))
        out.extend(_annex_tables(issue, city, doc))
        out.extend(_duties(issue, doc))
    return out


def _member(doc: Document, group: str, role: str, member: str, kind: str, prov, post: str = "") -> GroupMembership:
    return GroupMembership(doc.number, group, role, member, kind, post, prov)


# -- roster -------------------------------------------------------------
def _rosters(issue: Issue, doc: Document) -> list:
    out: list = []
    first, last = doc_span(issue, doc)
    no = first
    while no <= last:
        group = _roster_opening(issue, no)
        if not group:
            no += 1
            continue
        role = ""
        no += 1
        while no <= last:
            raw = issue.lines[no - 1]
            norm = normalise(raw)
            if not norm:
                no += 1
                continue
            if "。" in norm:
                out.extend(_office(issue, doc, group, no))
                break
            m = ROSTER_LABEL.match(raw.strip())
            rest = raw.strip()
            if m and normalise(m.group("label")) in ROLES:
                role = normalise(m.group("label"))
                rest = m.group("rest")
            tokens = rest.split()
            if not tokens or not role:
                no += 1
                continue
            post = normalise(tokens[-1])
            name = normalise("".join(tokens[:-1]))
            prov = span_prov(issue.file, issue.lines, normalise_line(raw, no), EXTRACTOR)
            if 2 <= len(name) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                out.append(_member(doc, group, role, name, "person", prov, post))
            else:
                out.append(_member(doc, group, role, normalise(rest), "post", prov))
            no += 1
        no += 1
    return out


def _roster_opening(issue: Issue, no: int) -> str:
    """The group a roster opens at line `no`: `成立X，成员如下：`, or a heading `X成员名单` whose next line is
    labelled (a heading wrapped over two lines is joined with the short line above it)."""
    line = normalise(issue.lines[no - 1])
    opened = ROSTER_OPEN.search(line)
    if opened:
        return opened.group("group")
    heading = LIST_HEADING.match(line)
    following = next((normalise(raw) for raw in issue.lines[no:] if normalise(raw)), "")
    label = ROSTER_LABEL.match(following)
    if not heading or not label or normalise(label.group("label")) not in ROLES:
        return ""
    name = heading.group("group") or heading.group("group2")
    above = normalise(issue.lines[no - 2]) if no >= 2 else ""
    if above and len(above) <= 20 and re.fullmatch(r"[\u4e00-\u9fff0-9“”（）]+", above):
        name = above + name
    return name


def _office(issue: Issue, doc: Document, group: str, no: int) -> list:
    text = normalise_line(issue.lines[no - 1], no)
    return _office_in(issue, doc, group, text, 0, len(text))


def _office_in(issue: Issue, doc: Document, group: str, text: NText, a: int, b: int) -> list:
    out: list = []
    s = text.text
    for m in OFFICE_AT.finditer(s, a, b):
        out.append(_member(doc, group, "办公室设在", m.group("unit"), "unit", span_prov(issue.file, issue.lines, text[m.start():m.end()], EXTRACTOR)))
    for m in OFFICE_HEAD.finditer(s, a, b):
        who = m.group("who")
        kind = "person" if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", who) else _member_type(who)
        out.append(_member(doc, group, "办公室" + m.group("role"), who, kind, span_prov(issue.file, issue.lines, text[m.start():m.end()], EXTRACTOR)))
    return out


# -- prose ----------------------------------------------------------------
def _prose(issue: Issue, city: City, doc: Document) -> list:
    out: list = []
    for block in issue.blocks[doc.block_start : doc.block_end]:
        if block.cells:
            continue
        text = block.text
        s = text.text
        for m in MEMBER_UNITS.finditer(s):
            group = _group_tail(m.group("group"))
            prov = span_prov(issue.file, issue.lines, text[m.start():m.end()], EXTRACTOR)
            out.extend(_member(doc, group, "成员单位", u, "unit", prov) for u in split_list(m.group("list"), city))
        for m in MEMBERS_FOR.finditer(s):
            group = m.group("group")
            prov = span_prov(issue.file, issue.lines, text[m.start():m.end()], EXTRACTOR)
            out.extend(_member(doc, group, "成员单位", u, "unit", prov) for u in split_list(m.group("list"), city))
            office = OFFICE_AT.search(s, m.end())
            if office and s[:office.start()].endswith(m.group("group")[-3:]):
                out.append(_member(doc, group, "办公室设在", office.group("unit"), "unit", span_prov(issue.file, issue.lines, text[office.start():office.end()], EXTRACTOR)))
        # 成立由市人民政府分管副市长任组长，市卫生健康委主要领导任副组长，市相关部门…为成员的X领导小组
        for m in EMBEDDED_ROSTER.finditer(s):
            group = m.group("group")
            prov = span_prov(issue.file, issue.lines, text[m.start():m.end()], EXTRACTOR)
            for clause in re.finditer(r"(?P<who>[^，、；]+?)(?:任|担任)(?P<role>副?组长|副?总指挥|副?指挥长)", m.group("roles")):
                who = clause.group("who")
                out.append(_member(doc, group, clause.group("role"), who, "person" if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", who) and not POST_WORD.search(who) else "post", prov))
            for who in split_list(m.group("members"), city):
                out.append(_member(doc, group, "成员", who, _member_type(who), prov))
        heads = list(re.finditer(rf"(?P<group>{GROUP})(?=(?:总指挥|指挥长|组长)由)", s))
        for h in heads:
            group = _group_tail(h.group("group"))
            end = s.find("。", s.find("。", h.end()) + 1)  # the sentence and the office sentence after it
            end = len(s) if end < 0 else end
            office_at = s.find("办公室", h.end(), end)
            for m in POST_CLAUSE.finditer(s, h.end(), end):
                role = m.group("role")
                if office_at >= 0 and m.start() > office_at and role in ("主任", "副主任"):
                    role = "办公室" + role
                prov = span_prov(issue.file, issue.lines, text[m.start():m.end()], EXTRACTOR)
                for who in distribute_post(split_list(m.group("who"), city)):
                    out.append(_member(doc, group, role, who, "person" if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", who) and not POST_WORD.search(who) else "post", prov))
            for m in OFFICE_AT.finditer(s, h.end(), end):
                out.append(_member(doc, group, "办公室设在", m.group("unit"), "unit", span_prov(issue.file, issue.lines, text[m.start():m.end()], EXTRACTOR)))
    return out


def _group_tail(name: str) -> str:
    """Drop a section number glued in front of the name (2.1.2市抗震救灾指挥部)."""
    return re.sub(r"^[\d.]+", "", name)


# -- annex member tables ----------------------------------------------------
def _annex_tables(issue: Issue, city: City, doc: Document) -> list:
    out: list = []
    for table in doc.tables:
        m = ANNEX.search(re.sub(r"^附件\d*[：:]?", "", table.title))
        if not m or "责任单位" not in table.header:
            continue
        group = m.group("group")
        rec = reconstruct(table)
        for row in rec.rows:
            unit_cell = row.cells.get("责任单位", "")
            prov = span_prov(issue.file, issue.lines, normalise_line(issue.lines[row.line - 1], row.line), EXTRACTOR)
            out.extend(_member(doc, group, "成员单位", u, "unit", prov) for u in split_list(unit_cell, city))
    return out


# -- duty lists ------------------------------------------------------------
def _duties(issue: Issue, doc: Document) -> list:
    out: list = []
    spans = [(s.line_start, s.line_end, s.title) for s in doc.sections if s.title.endswith("职责")]
    if not spans:
        return out
    for block in issue.blocks[doc.block_start : doc.block_end]:
        if block.cells:
            continue
        span = next((sp for sp in spans if sp[0] < block.first_line <= sp[1]), None)
        if not span:
            continue
        m = DUTY.match(block.str)
        if not m:
            continue
        out.append(DutyStatement(doc.number, span[2], m.group("unit"), m.group("duty"), span_prov(issue.file, issue.lines, block.text, EXTRACTOR)))
    return out
