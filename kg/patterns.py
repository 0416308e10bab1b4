"""The grammar of gazette documents, as patterns over normalised text.

Normalised text has no spaces inside Chinese, full-width （）：；， and 〔〕 for
every bracket style a document number may use, so one pattern covers
曲政办发〔2022〕29 号, 京政办发[2021]5号 and 東府〔2021〕54號.
"""

from __future__ import annotations

import re
from datetime import date

HAN = "\u3400-\u9fff"
CN_DIGITS = "〇○零一二三四五六七八九十百"

# 文号: issuer code (Chinese, may end in 字), bracketed year, number, 号.
DOC_NUMBER = re.compile(rf"(?P<prefix>[{HAN}]{{1,10}}?)〔(?P<year>(?:19|20)\d\d)〕(?P<seq>\d{{1,4}})号")
DOC_NUMBER_LINE = re.compile(rf"^[（]?{DOC_NUMBER.pattern}[）]?(?:签发人[：:][{HAN}、]{{2,12}})?$")  # 签发人 printed beside it

_DATE_NUM = r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
_DATE_CN = rf"(?P<cy>[{CN_DIGITS}]{{4}})年(?P<cm>[{CN_DIGITS}]{{1,3}})月(?P<cd>[{CN_DIGITS}]{{1,3}})日"
DATE = re.compile(rf"{_DATE_NUM}|{_DATE_CN}")
DATE_LINE = re.compile(rf"^(?:{_DATE_NUM}|{_DATE_CN})$")

# Numbering tokens that open a section, outermost first in the usual order.
NUMBERING = [
    ("chapter", re.compile(rf"^第[{CN_DIGITS}\d]+章")),
    ("article", re.compile(rf"^第[{CN_DIGITS}\d]+条")),
    ("cn", re.compile(rf"^[{CN_DIGITS}]+、")),
    ("cn_paren", re.compile(rf"^（[{CN_DIGITS}]+）")),
    ("decimal", re.compile(r"^\d{1,2}(?:\.\d{1,2})+(?![\d%])")),
    ("arabic", re.compile(r"^\d{1,2}(?:[.、](?!\d)|\s)")),
    ("arabic_paren", re.compile(r"^（\d{1,2}）")),
    ("circled", re.compile(r"^[①-⑳]")),
    ("box", re.compile(r"^专栏\s?\d+")),
]

DOC_TYPES = (
    "实施意见", "指导意见", "意见", "通知", "决定", "通报", "批复", "方案", "办法", "规划", "预案", "细则",
    "规定", "条例", "纲要", "计划", "报告", "公告", "通告", "命令", "函", "目录", "清单", "措施", "制度",
)
TITLE_END = re.compile(rf"(?:{'|'.join(DOC_TYPES)})(?:（[^（）]{{1,20}}）)?$")
ISSUER_TITLE = re.compile(rf"^(?P<issuer>[{HAN}、]{{2,40}}?(?:人民政府|政府|办公室|办公厅|委员会|管理委员会|管委会|局|厅|委|部|院|会))关于")

TERMINAL = "。！？；：）」”》"
MONTH_HEADING = re.compile(r"^(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月份?$")  # a chronicle's month: 11月份, 2023年7月
TOC_ENTRY = re.compile(rf"^(?P<title>.+?(?:{'|'.join(DOC_TYPES)})(?:（[^（）]*）)?)[.…· ]*(?P<page>\d{{1,3}})$")


def cn_number(text: str) -> int | None:
    """二〇二一 → 2021 (digit by digit), 十八 → 18, 二十三 → 23."""
    digits = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if not text:
        return None
    if "十" not in text and "百" not in text:
        if all(ch in digits for ch in text):
            return int("".join(str(digits[ch]) for ch in text))
        return None
    if "百" in text:
        return None
    tens, _, units = text.partition("十")
    if (tens and tens not in digits) or (units and units not in digits):
        return None
    return (digits[tens] if tens else 1) * 10 + (digits[units] if units else 0)


def parse_date(match: re.Match[str]) -> date | None:
    """A DATE match as a date, None when it names no real day."""
    try:
        if match.group("y"):
            return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        y, m, d = (cn_number(match.group(k)) for k in ("cy", "cm", "cd"))
        return date(y, m, d) if y and m and d else None
    except ValueError:
        return None


def numbering(text: str) -> tuple[str, str] | None:
    """(kind, token) when text opens with a section number."""
    for kind, pattern in NUMBERING:
        m = pattern.match(text)
        if m:
            return kind, m.group(0).strip().rstrip("、.")
    return None


def split_names(text: str) -> list[str]:
    """`龚加武 陈 志 何长松` → three people: runs of one-character tokens are one name."""
    tokens = [t for t in re.split(r"[\s、，,]+", text) if t]
    names: list[str] = []
    run = ""
    for tok in tokens:
        if len(tok) == 1:
            run += tok
            continue
        if run:
            names.append(run)
            run = ""
        names.append(tok)
    if run:
        names.append(run)
    return names
