"""Deadlines as written → a date or an interval (2019年12月底前 → by 2019-12-31)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date



_Y = r"(?P<y>(?:19|20)\d\d)年"
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
DEADLINE = re.compile(
    rf"(?:(?:于|在|到|至|截至|截止)?{_Y}(?:"
    r"(?P<m1>\d{1,2})月(?:(?P<d1>\d{1,2})日|(?P<mid>上旬|中旬|下旬|初|中|底|末))?(?:—(?:(?P<y2>(?:19|20)\d\d)年)?(?P<m2>\d{1,2})月(?:(?P<d2>\d{1,2})日|底|末)?)?"
    r"|第?(?P<q>[一二三四1-4])季度"
    r"|(?P<half>上半年|下半年)"
    r"|(?P<yend>年?底|年末|内)"
    r")?(?P<before>前|以前|之前)?(?:完成|实现|到位|建成)?)"
    r"|(?P<ongoing>长期坚持|持续推进|长期|持续|常态化)"
)


@dataclass(frozen=True)
class Deadline:
    text: str
    start: date | None  # for an interval (2022年6月—12月), its first day
    end: date | None  # the day it is due by; None when the text names no date (长期坚持)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def parse_deadline(text: str) -> Deadline | None:
    """The first deadline in text, or None when there is none."""
    m = DEADLINE.search(text)
    if not m or not m.group(0):
        return None
    if m.group("ongoing"):
        return Deadline(m.group(0), None, None)
    y = int(m.group("y"))
    try:
        if m.group("m1"):
            m1 = int(m.group("m1"))
            if m.group("m2"):
                y2 = int(m.group("y2") or y)
                m2 = int(m.group("m2"))
                end = date(y2, m2, int(m.group("d2"))) if m.group("d2") else _month_end(y2, m2)
                start = date(y, m1, int(m.group("d1"))) if m.group("d1") else date(y, m1, 1)
                return Deadline(m.group(0), start, end)
            if m.group("d1"):
                return Deadline(m.group(0), None, date(y, m1, int(m.group("d1"))))
            mid = m.group("mid")
            day = {"上旬": 10, "初": 10, "中旬": 20, "中": 20}.get(mid or "")
            return Deadline(m.group(0), None, date(y, m1, day) if day else _month_end(y, m1))
        if m.group("q"):
            q = _QUARTERS[m.group("q")]
            return Deadline(m.group(0), date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
        if m.group("half"):
            first = m.group("half") == "上半年"
            return Deadline(m.group(0), date(y, 1 if first else 7, 1), _month_end(y, 6 if first else 12))
    except ValueError:
        return Deadline(m.group(0), None, None)
    return Deadline(m.group(0), None, date(y, 12, 31))





def find_deadline(text: str) -> Deadline | None:
    """A deadline stated in running text: a date with 前/底/末/完成, an interval or a quarter."""
    for m in DEADLINE.finditer(text):
        found = m.group(0)
        if found and (m.group("before") or m.group("m2") or m.group("q") or m.group("half") or m.group("ongoing") in ("长期坚持", "持续推进") or re.search(r"底|末|完成|建成|到位", found)):
            return parse_deadline(found)
    return None
