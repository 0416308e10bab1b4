"""Administrative power catalogues (行政职权目录) → powers, their laws and their delegation.

The catalogue comes from the vertical-text reader (extractors/vertical_tables.py),
which gives each row's 序号, the next numeric column (省指导目录序号) and the rest of
the row as one string. That string is split here by the grammar every such
catalogue follows: 主管部门 (ends in 部门/机关/机构/单位), 事项名称, 事项类型 (one of
the statutory power types, immediately followed by the basis) and 设定和实施依据
(《title》 items, with an optional （…） note after each). A row that does not fit
the grammar is reported, never guessed.
"""

from __future__ import annotations

import re

from extractors import register
from extractors.tables import doc_for_line
from extractors.vertical_tables import SEP, VerticalTable, read_all
from kg.city import City
from kg.normalise import NText
from kg.provenance import span_prov
from kg.records import Issue, Warning_
from kg.records.tables import Law, Power

EXTRACTOR = "powers"
POWER_TYPES = (
    "行政处罚", "行政许可", "行政强制", "行政征收", "行政征用", "行政给付", "行政检查",
    "行政确认", "行政奖励", "行政裁决", "其他行政权力", "公共服务",
)
ROW = re.compile(
    r"^(?P<dept>.+?(?:部门|机关|机构|单位))"
    r"(?P<name>.+?)"
    rf"(?P<type>{'|'.join(POWER_TYPES)})"
    r"(?P<basis>《.*)$"
)
LAW = re.compile(r"《(?P<title>[^《》]+)》(?:（(?P<note>[^（）]*)）)?")
CATALOGUE = re.compile(r"(?:行政职权|权力|权责|职权)(?:事项)?(?:目录|清单)")
DELEGATION = re.compile(r"赋予(?P<to>.+?)部分(?P<from>[省市县乡]级)")
DITTO = {"〃", "同上", "\""}


def _is_catalogue(table: VerticalTable) -> bool:
    return bool(CATALOGUE.search(table.title.text)) and "事项" in table.header


@register(EXTRACTOR)
def extract(issue: Issue, city: City) -> list:
    out: list = []
    for table in read_all(issue.lines):
        if not _is_catalogue(table):
            continue
        out.extend(_powers(issue, table))
    return out


def _powers(issue: Issue, table: VerticalTable) -> list:
    out: list = []
    doc = doc_for_line(issue, table.first_line)
    title = re.sub(r"^附件\d*", "", table.title.text)
    m = DELEGATION.search(title) or (DELEGATION.search(doc.title) if doc else None)
    to, frm = (m.group("to"), m.group("from")) if m else ("", "")
    for line, why in table.problems:
        out.append(Warning_(issue.file, line, f"vertical table '{title}': {why}"))
    expected = None
    previous: dict[str, str] = {}
    for row in table.rows:
        text = row.text
        m = ROW.match(text.text)
        if not m:
            out.append(Warning_(issue.file, row.first_line, f"catalogue '{title}' row {row.seq}: cells not recognised; row kept out"))
            continue
        cells = {k: m.group(k) for k in ("dept", "name", "type", "basis")}
        for k, v in cells.items():
            if v.replace(SEP, "") in DITTO and k in previous:
                cells[k] = previous[k]
        previous = cells
        laws: list[Law] = []
        b0 = m.start("basis")
        for lm in LAW.finditer(cells["basis"]):
            span = text[b0 + lm.start(): b0 + lm.end()]
            laws.append(Law(lm.group("title"), lm.group("note") or "", span_prov(issue.file, issue.lines, span, EXTRACTOR)))
        if not laws:
            out.append(Warning_(issue.file, row.first_line, f"catalogue '{title}' row {row.seq}: no 《law》 in its basis"))
        if expected is not None and row.seq != expected:
            out.append(Warning_(issue.file, row.first_line, f"catalogue '{title}': row {row.seq} where {expected} was expected"))
        expected = row.seq + 1
        dept = cells["dept"]
        out.append(Power(
            doc_number=doc.number if doc else None,
            catalogue=title,
            seq=row.seq,
            province_seq=row.digits,
            department=dept,
            name=cells["name"],
            power_type=cells["type"],
            basis=cells["basis"].replace(SEP, ""),
            laws=tuple(laws),
            delegated_from=frm or (dept[:2] if dept.endswith("部门") and dept[1] == "级" else ""),
            delegated_to=to,
            prov=span_prov(issue.file, issue.lines, NText.join([row.numbers, text]), EXTRACTOR),
        ))
    return out
