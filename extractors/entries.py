"""Dated entries wherever a text has them: chronicle pages and dated reports.

A chronicle is a run of entries, each opening with its day, under month headings
(`7月`, `2023年7月`, `（2024年5月）`) or after a date printed on its own line
(`1月15~18日`). An entry opens with a day (`1日，`, `1日 在…`, `一日`, `7月3日至5日`,
`2日上午，`), with a margin's month glued to it by a PDF text layer (`4 2日` is
4月2日; a stray `月` before `5日` belongs to that month), or shares the previous
entry's date (`△…`, `同日`); `是月` is the whole month. A run needs two such blocks
next to each other (or a chronicle section of a gazette), so a lone `1日起施行` of a
policy text is never an entry.

A report is a paragraph of a text without a document number (文号) that opens with
its date (`7月20日上午，`, `2016年12月16日上午，`) or a news dateline (`东北网12月25日讯`):
it runs to the next dated paragraph or the end of the text, and is one event.

A date without a year takes the chronicle's heading year, else the issue's period,
else the year the text states before its first entry (a title `2021年7-9月…大事记`),
else a yearbook's (`年鉴2014` records 2013), else the page's publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kg.normalise import NText
from kg.patterns import CN_DIGITS, cn_number
from kg.records import Issue

CN_DAY = rf"[{CN_DIGITS}]{{1,3}}"
DAY_NUMBER = rf"(?:\d{{1,2}}|{CN_DAY})"
# `4 2日…` / `月 5日…` (a margin's month), `7月3日至5日`, `1月15~18日`, `2日上午，`, `一日，`
DAY = re.compile(
    rf"^(?:(?P<margin>\d{{1,2}}) (?=\d{{1,2}}日)|月 ?(?=\d{{1,2}}日))?"
    rf"(?:(?P<y1>(?:19|20)\d\d)年)?(?:(?P<m1>\d{{1,2}})月)?(?P<d1>{DAY_NUMBER})(?:日(?=[—\-~～至]\d)|日(?![—\-~～至]\d)|(?=[—\-~～至]\d))"
    rf"(?:[—\-~～至](?:(?P<m2>\d{{1,2}})月)?(?P<d2>{DAY_NUMBER})日)?"
    r"(?P<tod>上午|下午|晚上|晚|中午|凌晨|早上)?(?P<sep>[，,、：]| )?"
)
SAME_DAY = re.compile(r"^(?:△|▲|同日|同天|是日|当日|当天)[，,]?")
WHOLE_MONTH = re.compile(r"^(?:是月|本月|当月|月内)[，,]?")
# A month heading: 7月, 11月份, 2023年7月, （2024年5月）, 七月; a year heading 2007年1~12月 gives the year only.
HEADING = re.compile(
    rf"^[（(〔]?(?:(?P<year>(?:19|20)\d\d)年)?(?:(?P<month>\d{{1,2}}|[{CN_DIGITS}]{{1,2}})月份?)?"
    r"(?P<span>[—\-~～至]\d{1,2}月)?[）)〕]?$"
)
# a report's own date, perhaps after its source and byline: `本报讯（记者 张三）3月5日上午，`
REPORT_DATE = re.compile(
    r"^(?:[^，。；（）]{0,12}?(?:讯|电))?(?:（[^）]{0,30}）)?(?:(?P<y>(?:19|20)\d\d)年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:[—\-~～至](?:\d{1,2}月)?\d{1,2}日)?"
    r"(?P<tod>上午|下午|晚上|晚|中午)?[，,]"
)
DATELINE = re.compile(r"^[^，。；]{0,16}?(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯)")
YEAR_WORD = re.compile(r"((?:19|20)\d\d)年")
YEARBOOK = re.compile(r"年鉴[（(]?((?:19|20)\d\d)")
PUBLISHED = re.compile(r"((?:19|20)\d\d)-\d{1,2}-\d{1,2}")
TITLES = {"大事记", "要事记", "大事记要", "大事纪要"}


@dataclass(frozen=True)
class Entry:
    """One chronicle entry or one dated report, with where its words start (after the date)."""

    text: NText
    body: int
    start: date | None
    end: date | None
    time_of_day: str
    kind: str  # chronicle | report
    month: int | None = None
    year: int | None = None


def _day(value: str | None) -> int | None:
    if not value:
        return None
    return int(value) if value.isdigit() else cn_number(value)


def _month(value: str | None) -> int | None:
    return _day(value)


def parse_day(text: str, loose: bool = False) -> re.Match[str] | None:
    """The day that opens an entry, or None. `loose` (inside a chronicle run) also takes a day with
    no mark after it (`1日在全市…`, spaces were dropped when the text was normalised)."""
    m = DAY.match(text)
    if not m or not _day(m.group("d1")) or _day(m.group("d1")) > 31 or not ("日" in m.group() or m.group("d2")):
        return None
    if m.group("sep") or m.group("tod") or m.group("d2") and m.group("m1"):
        return m
    if loose and m.end() < len(text) and not re.match(r"[起前后内止到至以期]", text[m.end()]):
        return m
    return None


def _date(year: int | None, month: int | None, day: int | None) -> date | None:
    if not (year and month and day):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def issue_month(period: str | None) -> tuple[int, int] | None:
    m = re.match(r"(\d{4})[.\-](\d{1,2})", period or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def chronicle_year(month: int, heading_year: int | None, period: str | None) -> int | None:
    """The year of a chronicle month: the heading's, else the issue's (a month later than the
    issue's month is last year's: a December chronicle in a January issue)."""
    if heading_year:
        return heading_year
    ym = issue_month(period)
    if not ym:
        return None
    return ym[0] - 1 if month > ym[1] else ym[0]


def stated_year(texts: list[str]) -> int | None:
    """The year a text states before its entries: the last `YYYY年`, a yearbook's year before its
    own, else a publication date."""
    joined = "\n".join(texts)
    years = YEAR_WORD.findall(joined)
    if years:
        return int(years[-1])
    book = YEARBOOK.search(joined)
    if book:
        return int(book.group(1)) - 1
    published = PUBLISHED.search(joined)
    return int(published.group(1)) if published else None


def published_year(texts: list[str]) -> int | None:
    """A report's year when its date has none: the page's publication date, else a year it states."""
    published = PUBLISHED.search("\n".join(texts))
    return int(published.group(1)) if published else stated_year(texts)


def _heading(text: str) -> re.Match[str] | None:
    m = HEADING.match(text)
    return m if m and (m.group("year") or m.group("month")) and _month(m.group("month") or "1") else None


def _date_line(text: str) -> re.Match[str] | None:
    """A date alone on its line (`1月15~18日`): the entries under it (`△…`) take it."""
    m = DAY.match(text)
    return m if m and m.group("m1") and m.end() - len(m.group("sep") or "") == len(text.rstrip()) else None


def _opens(text: str) -> bool:
    return bool(parse_day(text, loose=True) or SAME_DAY.match(text) or WHOLE_MONTH.match(text) or _date_line(text))


def covered(issue: Issue) -> set[int]:
    """The blocks of the issue's documents and parts (an issue cut down to one document reads only that one).

    A text that is no gazette has no front matter: what precedes its first document (a web page's
    headline and chrome above a report) belongs to that document."""
    inside = {i for piece in (*issue.documents, *issue.parts) for i in range(piece.block_start, min(piece.block_end, len(issue.blocks)))}
    first = min(issue.documents, key=lambda d: d.block_start, default=None)
    if issue.gazette is None and first is not None and first.ordinal == 1:
        inside.update(range(first.block_start))
    return inside


def find_entries(issue: Issue) -> list[Entry]:
    """Every chronicle entry and dated report of an issue, in text order."""
    inside = covered(issue)
    blocks = [b for b in issue.blocks]
    in_part = [False] * len(blocks)
    for part in issue.parts:
        if part.kind == "chronicle":
            for i in range(part.block_start, min(part.block_end, len(blocks))):
                in_part[i] = True
    unnumbered = [True] * len(blocks)
    for doc in issue.documents:
        if doc.number:
            for i in range(doc.block_start, min(doc.block_end, len(blocks))):
                unnumbered[i] = False
    owner = [0] * len(blocks)  # which document or part a block belongs to: an entry never runs into the next
    for n, doc in enumerate(issue.documents, start=1):
        for i in range(doc.block_start, min(doc.block_end, len(blocks))):
            owner[i] = n
    if issue.documents:  # the front of a text that is no gazette belongs to its first document
        lead = min(range(len(issue.documents)), key=lambda n: issue.documents[n].block_start)
        for i in range(issue.documents[lead].block_start):
            owner[i] = lead + 1
    texts = [("" if b.cells or b.str in TITLES or i not in inside else b.str) for i, b in enumerate(blocks)]
    opens = [_opens(t) for t in texts]
    heads = [bool(_heading(t)) for t in texts]

    def in_run(i: int) -> bool:
        if in_part[i]:
            return True
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(texts)]
        return any(opens[j] or heads[j] for j in near)

    chronicle = [opens[i] and in_run(i) for i in range(len(texts))]
    first = next((i for i, c in enumerate(chronicle) if c), len(texts))
    fallback = stated_year(texts[:first]) if not issue.period else None

    out: list[Entry] = []
    pending: list[list] = []  # [parts, body, m1, d1, m2, d2, tod, kind, year-or-None, month-or-None, flags]
    year: int | None = None
    month: int | None = None
    last: tuple[int | None, int | None, int | None, int | None] = (None, None, None, None)  # month, day, end month, end day
    report_open = under_date = False
    for i, text in enumerate(texts):
        if not text:
            continue
        if chronicle[i] and not _date_line(text):
            under_date = False
        head = _heading(text) if (heads[i] and (in_part[i] or (i + 1 < len(texts) and (opens[i + 1] or in_part[i])))) else None
        if head:
            year = int(head.group("year")) if head.group("year") else None
            if head.group("month") and not head.group("span"):
                month = _month(head.group("month"))
            report_open = False
            continue
        if chronicle[i]:
            report_open = False
            line = _date_line(text)
            if line and not (i + 1 < len(texts) and parse_day(texts[i + 1], loose=True)):
                month = int(line.group("m1"))
                last = (month, _day(line.group("d1")), int(line.group("m2")) if line.group("m2") else None, _day(line.group("d2")))
                under_date = True
                continue
            same = SAME_DAY.match(text)
            whole = WHOLE_MONTH.match(text)
            day = None if same or whole else parse_day(text, loose=True)
            if day and day.group("y1"):
                year = int(day.group("y1"))
            if day:
                if day.group("margin"):
                    month = int(day.group("margin"))
                if day.group("m1"):
                    month = int(day.group("m1"))
                last = (month, _day(day.group("d1")), int(day.group("m2")) if day.group("m2") else None, _day(day.group("d2")))
                body, tod = day.end(), day.group("tod") or ""
            elif same:
                body, tod = same.end(), ""
            else:
                body, tod = (whole.end() if whole else 0), ""
                last = (month, None, None, None)
            pending.append([[blocks[i].text], body, *last, tod, "chronicle", year, month, owner[i]])
            continue
        report = unnumbered[i] and not in_part[i] and (REPORT_DATE.match(text) or DATELINE.match(text))
        if report:
            y = int(report.group("y")) if "y" in report.groupdict() and report.group("y") else None
            tod = report.groupdict().get("tod") or ""
            body = report.end()
            if DATELINE.match(text) and not REPORT_DATE.match(text):
                tod = ""
            pending.append([[blocks[i].text], body, int(report.group("m")), int(report.group("d")), None, None, tod, "report", y, None, owner[i]])
            report_open = True
            continue
        if under_date and not heads[i]:  # `1月15日` ⏎ `市长…` (no △): the text under a date line is its entry
            pending.append([[blocks[i].text], 0, *last, "", "chronicle", year, month, owner[i]])
            under_date = False
            continue
        if pending and pending[-1][10] == owner[i] and (report_open or pending[-1][7] == "chronicle" and not heads[i]):
            pending[-1][0].append(blocks[i].text)

    # entries before the first month a page names belong to the month before it (a page starting mid-month)
    first_month = next((p[2] for p in pending if p[7] == "chronicle" and p[2]), None)
    for p in pending:
        if p[7] != "chronicle":
            continue
        if p[2] is None and first_month:
            p[2] = first_month - 1 or 12
        if p[9] is None:
            p[9] = p[2]
    report_year = None
    for p in pending:
        parts, body, m1, d1, m2, d2, tod, kind, y, m, _ = p
        text = NText.join(parts)
        if kind == "chronicle":
            y = y or (chronicle_year(m1, None, issue.period) if m1 else None) or fallback
        else:
            report_year = report_year or published_year(texts)
            y = y or report_year
        start = _date(y, m1, d1)
        end = _date(y, m2 or m1, d2) if d2 else None
        out.append(Entry(text, body, start, end, tod, kind, m1, y))
    return out
