"""Project lists and project names → projects, list totals and project mentions.

Lists: a TAB table whose header has a name column (项目, 项目名称, 名称 …) and a
county, date or agency column is a project (or key-task) list. Columns are found
by their header words, not their position. A row keeps its county cell as written:
the resolve stage finds the division, and so runs the checks that need it (a row's
coordinates against its county's boundary, the footer's per-county figures:
kg/county_checks.py). The 合计 row is parsed (count, capacity, per-county figures)
and its count and capacity are checked against the rows here.

Mentions: names ending in 项目/工程/水库/高速公路/电厂/机场/园区 … in chronicle
entries and document paragraphs. Precision matters more than recall, so a name is
kept only when it carries a specific signal (a listed project's name, a place of
the city, a figure with a unit) or ends in a suffix that always names one concrete
thing (水库, 高速公路, 机场 …), and never when it is generic (重点项目, 全市…项目).
"""

from __future__ import annotations

import re
from datetime import date


from extractors import register
from extractors.entries import issue_month
from extractors.tables import doc_span, reconstruct
from kg.city import City
from kg.normalise import NText
from kg.provenance import span_prov
from kg.records import Issue, Table, Warning_
from kg.records.tables import ListTotal, Project, ProjectMention
from kg.resolve import division_of

EXTRACTOR = "projects"
NAME_COLS = ("项目名称", "项目", "名称", "事项内容", "事项名称")
TOTAL = re.compile(r"^(?:合计|总计)")
MONTH = re.compile(r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})月)?")


def month_date(text: str) -> date | None:
    m = MONTH.search(text)
    if not m or not m.group("m"):
        return None
    month = int(m.group("m"))
    return date(int(m.group("y")), month, 1) if 1 <= month <= 12 else None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


# -- columns --------------------------------------------------------------
def columns(header: tuple[str, ...]) -> dict[str, str]:
    """Column role → header label, by the words of the label."""
    roles: dict[str, str] = {}
    for label in header:
        h = label.split("#")[0]
        if not h:
            continue
        if h == "序号":
            roles.setdefault("seq", label)
        elif h in NAME_COLS and "name" not in roles:
            roles["name"] = label
        elif "经度" in h:
            roles["lon"] = label
        elif "纬度" in h:
            roles["lat"] = label
        elif "装机" in h or ("规模" in h and "千瓦" in h):
            roles["capacity"] = label
        elif "并网" in h:
            roles["grid"] = label
        elif "投产" in h or "建成" in h or "竣工" in h:
            roles["completion"] = label
        elif "开工" in h or h in ("建设时间", "实施年度", "计划决策时间", "建设年度"):
            roles.setdefault("start", label)
        elif h.startswith("县") or h in ("地区", "行政区域", "县（市、区）", "队站名称"):
            roles.setdefault("county", label)
        elif h in ("类别", "项目类别", "事项类型"):
            roles.setdefault("category", label)
        elif h in ("责任单位", "承办单位", "牵头单位"):
            roles.setdefault("agency", label)
    return roles


def is_project_list(roles: dict[str, str]) -> bool:
    return "name" in roles and any(k in roles for k in ("county", "start", "agency", "capacity"))


# -- lists ----------------------------------------------------------------
def _row_prov(issue: Issue, line: int) -> object:
    return span_prov(issue.file, issue.lines, _line_text(issue, line), EXTRACTOR)


def _line_text(issue: Issue, line: int) -> NText:
    raw = issue.lines[line - 1]
    text = raw.strip()
    col = raw.find(text[:1]) if text else 0
    return NText(text, tuple((line, col + k) for k in range(len(text))))


def read_list(issue: Issue, doc, table: Table) -> list:
    roles = columns(table.header)
    if not is_project_list(roles):
        return []
    out: list = []
    rec = reconstruct(table, merged=tuple(roles[k] for k in ("county", "category") if k in roles))
    title = table.title
    for line, why in rec.damaged:
        raw = next((r for r, ln in zip(table.rows, table.row_lines) if ln == line), ())
        if raw and TOTAL.match(raw[0]):
            continue
        out.append(Warning_(issue.file, line, f"damaged table '{title}': {why}; row kept out"))
    projects: list[Project] = []
    for row in rec.rows:
        c = row.cells
        first = next(iter(c.values()), "")
        if TOTAL.match(first) or TOTAL.match(c.get(roles.get("seq", ""), "") or ""):
            continue
        name = c.get(roles["name"], "")
        if not name:
            continue
        county_mention = c.get(roles["county"], "") if "county" in roles else ""
        texts = {k: c.get(roles[k], "") if k in roles else "" for k in ("start", "completion", "grid")}
        projects.append(Project(
            doc_number=doc.number, doc_ordinal=doc.ordinal, list_title=title,
            seq=c.get(roles.get("seq", ""), "") or "", name=name, county=None, county_mention=county_mention or None,
            capacity_wan_kw=_float(c.get(roles.get("capacity", ""), "") or ""),
            longitude=_float(c.get(roles.get("lon", ""), "") or ""), latitude=_float(c.get(roles.get("lat", ""), "") or ""),
            start=month_date(texts["start"]), completion=month_date(texts["completion"]), grid=month_date(texts["grid"]),
            start_text=texts["start"], completion_text=texts["completion"], grid_text=texts["grid"],
            category=c.get(roles.get("category", ""), "") or "", agency=c.get(roles.get("agency", ""), "") or "",
            list_line=table.row_lines[0], prov=_row_prov(issue, row.line),
        ))
    out.extend(projects)
    footer = next(((r, ln) for r, ln in zip(table.rows, table.row_lines) if r and TOTAL.match(r[0])), None)
    if footer:
        out.extend(check_total(issue, doc, title, roles, rec.header, projects, *footer, table.row_lines[0]))
    return out


FOOT_COUNT = re.compile(r"合计(\d+)个")
FOOT_CAP = re.compile(r"总装机([\d.]+)万千瓦")
FOOT_COUNTY = re.compile(r"(?P<county>[\u4e00-\u9fff]{1,6}?[县区市])(?P<n>\d+)个(?P<cap>[\d.]+)万千瓦")


def check_total(issue: Issue, doc, title: str, roles: dict, header: tuple, projects: list[Project], raw: tuple, line: int, list_line: int) -> list:
    """The footer against the rows, in what needs no name resolved: the per-county figures are
    checked by the resolve stage (kg/county_checks.py), which knows each row's division."""
    text = raw[0]
    cells = dict(zip(header, raw))
    stated_count = int(FOOT_COUNT.search(text).group(1)) if FOOT_COUNT.search(text) else None
    cap_cell = _float(cells.get(roles.get("capacity", ""), "") or "")
    m = FOOT_CAP.search(text)
    stated_cap = float(m.group(1)) if m else cap_cell
    per: list[tuple[str, int, float]] = []
    for fm in FOOT_COUNTY.finditer(text.split("其中", 1)[-1] if "其中" in text else ""):
        per.append((fm.group("county"), int(fm.group("n")), float(fm.group("cap"))))
    counted = len(projects)
    summed = round(sum(p.capacity_wan_kw or 0 for p in projects), 4)
    problems: list[str] = []
    if stated_count is not None and stated_count != counted:
        problems.append(f"footer states {stated_count} projects, the list has {counted}")
    if stated_cap is not None and "capacity" in roles and abs(stated_cap - summed) > 1e-6:
        problems.append(f"footer states {stated_cap} 万千瓦, the rows add up to {summed}")
    if cap_cell is not None and m and abs(cap_cell - float(m.group(1))) > 1e-6:
        problems.append(f"footer text states {m.group(1)} 万千瓦 but its capacity cell {cap_cell}")
    prov = _row_prov(issue, line)
    out: list = [ListTotal(doc.number, title, stated_count, stated_cap, counted, summed, tuple(per), tuple(problems), prov, list_line)]
    out.extend(Warning_(issue.file, line, f"'{title}' totals: {p}") for p in problems)
    return out


# -- mentions -------------------------------------------------------------
SUFFIX = r"(?:项目|工程|高速公路|电厂|火电机组|风电场|光伏电站|水电站|电站|物流园|产业园|工业园|园区|水库|机场)"
CONCRETE = ("高速公路", "电厂", "火电机组", "风电场", "水电站", "水库", "机场", "物流园")
NAME_CHARS = r"[\u4e00-\u9fff0-9A-Za-z×+\.]"
RUN = re.compile(rf"{NAME_CHARS}{{3,60}}(?:（[\u4e00-\u9fff]{{2,12}}至[\u4e00-\u9fff]{{2,12}}）)?")
SUFFIX_END = re.compile(rf"{SUFFIX}(?:（[\u4e00-\u9fff]{{2,12}}至[\u4e00-\u9fff]{{2,12}}）)?(?!集团|公司|有限|管理局|建设指挥部)")
BOUNDARY = (
    "参加", "出席", "调研", "研究", "到", "赴", "在", "举行", "宣布", "陪同", "稽察", "核查", "对接", "召开", "汇报",
    "见证", "就", "观摩", "考察", "察看", "督导", "检查", "深入", "实地", "了解", "关于", "推进", "推动", "加快", "实施",
    "开展", "启动", "支持", "围绕", "包括", "其中", "主要", "谋划", "争取", "确保", "力争", "完成", "做好", "抓好", "全力",
    "以", "为", "对", "把", "将", "由", "是", "的", "了", "并", "暨", "即", "共", "新", "首", "季度",
)
CONJUNCTIONS = ("和", "与", "及", "、", "等")
GENERIC_PREFIX = ("全市", "全省", "全国", "全州", "我市", "各县", "省级", "市级", "县级", "部分", "各类", "相关", "有关", "一批", "重点", "重大", "在建", "新开工", "专项", "其他", "本级", "该", "此")
GENERIC_WORDS = ("重点项目", "重大项目", "招商引资项目", "示范项目", "新开工项目", "在建项目", "专项债", "有关项目", "储备项目", "民生项目", "前期项目", "PPP项目", "系列项目", "合作项目", "建设项目", "试点项目", "基金项目", "工具项目", "发展项目", "协作项目", "改革", "服务项目")
FIGURE = re.compile(r"\d+(?:\.\d+)?(?:×\d+)?(?:万吨|吨|万千瓦|千瓦|MW|GW|千伏|万头|万平方米|公里|亩|万辆|万套|万只|条)")
ACTIONS = (("签约", "signed"), ("开工", "started"), ("通车", "opened"), ("投产", "completed"), ("竣工", "completed"), ("建成", "completed"), ("并网", "completed"), ("调研", "visited"), ("观摩", "visited"), ("稽察", "inspected"), ("核查", "inspected"))
TITLE_NAME = re.compile(r"(?:市委书记|市委副书记|常务副市长|副市长|市长|市政府秘书长|秘书长|副秘书长)(?P<name>[\u4e00-\u9fff]{2,3})")
VERB_START = set("参出主到调陪专在率会带召深赴见前听检督视走看考同一及和等、，")


def _strip_prefix(name: str) -> tuple[str, bool]:
    """Cut the name after the last boundary word before it; say whether the cut was at a conjunction."""
    cut, conj = 0, False
    for w in BOUNDARY + CONJUNCTIONS:
        k = name.rfind(w, 0, max(0, len(name) - 2))
        if k >= 0 and k + len(w) > cut:
            cut, conj = k + len(w), w in CONJUNCTIONS
    return name[cut:], conj


def _pos(text: str) -> list[tuple[str, str]]:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return [(w.word, w.flag) for w in jieba.posseg.cut(text)]


def nominal(stem: str) -> tuple[bool, bool]:
    """(every word of the stem is a noun or abbreviation, one of them is a proper name) by jieba's tagger."""
    tags = [(w, f) for w, f in _pos(stem) if not re.fullmatch(r"[\d.×+]+", w)]
    every = all(f[:1] in ("n", "j") for _, f in tags)
    proper = any(f in ("nr", "ns", "nz", "nt", "j") for _, f in tags)
    return every, proper


def is_specific(name: str, city: City, known: set[str]) -> bool:
    """Does this candidate name one concrete project? (See the module docstring for the rules.)"""
    if name in known:
        return True
    if name.startswith(GENERIC_PREFIX) or any(w in name for w in GENERIC_WORDS):
        return False
    if name[:1].isdigit() or re.search(r"\d+[个批项家]", name):
        return False
    qualifier = re.search(r"（(.+?)至(.+?)）$", name)
    stem = re.sub(SUFFIX + "$", "", re.sub(r"（.*?）$", "", name))
    if len(stem) < 2:
        return False
    if FIGURE.search(name):
        return True
    if qualifier and division_of(qualifier.group(1), city) and division_of(qualifier.group(2), city):
        return True
    every, proper = nominal(stem)
    if not every:
        return False
    if any(len(f) >= 2 and f in stem for f in city.places):
        return True
    return any(c in stem or name.endswith(c) for c in CONCRETE) and proper


CONTINUES = ("等", "建设", "开工", "签约", "项目", "工程", "通车", "竣工", "投产", "首条", "现场", "仪式", "有关", "复审", "可行性", "前期", "进展", "推进", "一期", "二期", "三期")


def _name_in_run(text: str, a: int, b: int, city: City, known: set[str]) -> tuple[int, int, str, str] | None:
    """The longest project name ending at a suffix inside text[a:b], if one passes `is_specific`.

    A name followed by more of the same noun phrase (西河水库饮用水水源保护区…, 阿岗水库水环境治理)
    is a modifier, not the project talked about, unless what follows is an action on it (建设, 开工 …).
    """
    ends = [m.end() for m in SUFFIX_END.finditer(text, a, b)]
    for end in reversed(ends):
        if end < b and not text.startswith(CONTINUES, end):
            continue
        name, conj = _strip_prefix(text[a:end])
        name = name.lstrip("0123456789.")
        if conj or not name:
            continue
        key = re.sub(r"（[^（）]*至[^（）]*）$", "", name)
        if key in known or is_specific(name, city, known):
            return end - len(name), end, name, key
    return None


def _action(after: str) -> str:
    window = after[:12]
    for word, action in ACTIONS:
        if word in window:
            return action
    return "mentioned"


def _leaders(text: str) -> tuple[str, ...]:
    names: list[str] = []
    for m in TITLE_NAME.finditer(text):
        raw = m.group("name")
        rest = text[m.end("name") - len(raw):]
        for n in (2, 3):
            if len(rest) > n and rest[n] in VERB_START and rest[:n] not in names:
                names.append(rest[:n])
                break
    return tuple(names)


ENTRY_DATE = re.compile(r"^(?:(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日")


def mentions_in(issue: Issue, city: City, listed: dict[str, Project]) -> list[ProjectMention]:
    out: list[ProjectMention] = []
    known = set(listed)
    year, month = issue_month(issue.period) or (None, None)  # the same reading of 2021.12 / 2019-12 as the chronicle's
    spans: list[tuple[str, int, int, object]] = [("chronicle", p.block_start, p.block_end, None) for p in issue.parts if p.kind == "chronicle"]
    spans += [("document", d.block_start, d.block_end, d) for d in issue.documents]
    for context, a, b, doc in spans:
        entry_month = month
        for block in issue.blocks[a:b]:
            if block.cells:
                continue
            text = block.str
            mh = re.match(r"^(?:\d{4}年)?(\d{1,2})月份?$", text)
            if context == "chronicle" and mh:
                entry_month = int(mh.group(1))
                continue
            when = None
            if context == "chronicle":
                md = ENTRY_DATE.match(text)
                if md and year and entry_month:
                    mon = int(md.group("m") or entry_month)
                    try:
                        when = date(year - (1 if month and mon > month else 0), mon, int(md.group("d")))
                    except ValueError:
                        when = None
            people = _leaders(text) if context == "chronicle" else ()
            for run in RUN.finditer(text):
                found = _name_in_run(text, run.start(), run.end(), city, known)
                if found is None:
                    continue
                start, end, name, key = found
                known.add(key)
                out.append(ProjectMention(
                    name=name, key=key, listed=key in listed, county=None,
                    action=_action(text[end:]), when=when, context=context,
                    doc_number=getattr(doc, "number", None), entry_line=block.first_line, people=people,
                    prov=span_prov(issue.file, issue.lines, block.text[start:end], EXTRACTOR),
                ))
    return out


# -- entry point ------------------------------------------------------------
@register(EXTRACTOR)
def extract(issue: Issue, city: City) -> list:
    out: list = []
    for doc in issue.documents:
        for table in doc.tables:
            out.extend(read_list(issue, doc, table))
    listed = {p.name: p for p in out if isinstance(p, Project)}
    out.extend(mentions_in(issue, city, listed))
    return out


__all__ = ["extract", "doc_span", "columns", "month_date", "is_specific"]
