"""A chronicle (大事记) of another city, with people no data file lists.

tests/data/unseen/chronicle_other_city.txt was written for this test in the styles such
chronicles use: year-month headings (`2024 年 4 月`), day prefixes (`3日，`, `5 月 6 日，`,
`10日—11日，`, `8日上午，`), titles before names (`市委书记郑国梁`), after them
(`邵振宇副市长`, `郑国梁书记`), one title over a list (`副市长赵一鸣、钱晓东、孙丽萍`), bare name
lists (`韩立新、邵振宇、蒋文博参加会见`, `赵一鸣、孙丽萍、蒋文博，各县（区）…参加会议`), a
compound surname (欧阳明远, 司马卫东), `；`-chained activities, and lines wrapped at 21
characters as a PDF's text layer has them (so names are split: `蒋` ⏎ `文博`). It is built with
city="generic": no people data at all, only the grammar finds names.

EXPECTED was annotated by hand from the text (one row per person in an event, role as the
issue defines it: chair for 主持/率, attend for 出席/参加/列席/陪同 and whoever a leader meets,
subject for whoever carries out the visit or activity).
"""

from collections import Counter
from pathlib import Path

import pytest

from kg.build import build
from kg.people import PersonResolver
from kg.records.events import Event, Participation

FIXTURE = Path(__file__).parent / "data" / "unseen" / "chronicle_other_city.txt"

CHAIR, ATTEND, SUBJECT = "chair", "attend", "subject"
EXPECTED: list[tuple[str, str, str]] = [
    # 1日 standing meeting: 韩立新 主持; titled list 出席; 田为民、温晓岚 应邀列席
    ("2024-04-01", "韩立新", CHAIR), ("2024-04-01", "邵振宇", ATTEND), ("2024-04-01", "赵一鸣", ATTEND),
    ("2024-04-01", "钱晓东", ATTEND), ("2024-04-01", "孙丽萍", ATTEND), ("2024-04-01", "蒋文博", ATTEND),
    ("2024-04-01", "田为民", ATTEND), ("2024-04-01", "温晓岚", ATTEND),
    # 3日 邵振宇副市长到东湖区调研
    ("2024-04-03", "邵振宇", SUBJECT),
    # 8日上午 郑国梁 会见 褚海涛一行; bare list 参加会见
    ("2024-04-08", "郑国梁", SUBJECT), ("2024-04-08", "褚海涛", ATTEND),
    ("2024-04-08", "韩立新", ATTEND), ("2024-04-08", "邵振宇", ATTEND), ("2024-04-08", "蒋文博", ATTEND),
    # 10日—11日 钱晓东率队赴深圳市考察
    ("2024-04-10", "钱晓东", CHAIR),
    # 12日 bare names: 出席…讲话, 主持, a bare list ending in `，` before unnamed others
    ("2024-04-12", "韩立新", ATTEND), ("2024-04-12", "邵振宇", CHAIR),
    ("2024-04-12", "赵一鸣", ATTEND), ("2024-04-12", "孙丽萍", ATTEND), ("2024-04-12", "蒋文博", ATTEND),
    # 15日 two activities chained by ；: the subject carries over
    ("2024-04-15", "孙丽萍", CHAIR), ("2024-04-15", "孙丽萍", SUBJECT),
    # 16日 副省长骆建华 调研; two titled leaders 陪同
    ("2024-04-16", "骆建华", SUBJECT), ("2024-04-16", "郑国梁", ATTEND), ("2024-04-16", "韩立新", ATTEND),
    # 18日 signing: a visitor titled by a company, 出席, 主持, 参加
    ("2024-04-18", "欧阳明远", ATTEND), ("2024-04-18", "韩立新", ATTEND), ("2024-04-18", "赵一鸣", CHAIR),
    ("2024-04-18", "严可夫", ATTEND),
    # 20 日 郑国梁书记主持召开
    ("2024-04-20", "郑国梁", CHAIR),
    # 22日 出席并讲话；会后，邵振宇带领…督查
    ("2024-04-22", "邵振宇", ATTEND), ("2024-04-22", "邵振宇", SUBJECT),
    # 23日 two titled leaders 率…视察; 陪同
    ("2024-04-23", "冯建军", CHAIR), ("2024-04-23", "柏玉兰", CHAIR), ("2024-04-23", "赵一鸣", ATTEND),
    # 25日下午 韩立新 会见 林国栋一行; bare list 参加会见
    ("2024-04-25", "韩立新", SUBJECT), ("2024-04-25", "林国栋", ATTEND),
    ("2024-04-25", "钱晓东", ATTEND), ("2024-04-25", "蒋文博", ATTEND),
    # 5 月 6 日 主持召开; bare list ending in 及…参加
    ("2024-05-06", "司马卫东", CHAIR), ("2024-05-06", "孙丽萍", ATTEND), ("2024-05-06", "蒋文博", ATTEND),
    # 5 月 9 日 韩立新带队…调研; 参加调研
    ("2024-05-09", "韩立新", SUBJECT), ("2024-05-09", "钱晓东", ATTEND), ("2024-05-09", "蒋文博", ATTEND),
    # 10日 a provincial official 督导; 陪同
    ("2024-05-10", "卢家骏", SUBJECT), ("2024-05-10", "赵一鸣", ATTEND),
    # 13日 two titled leaders 分别…督查
    ("2024-05-13", "邵振宇", SUBJECT), ("2024-05-13", "祁岩", SUBJECT),
    # 20日—21日 出席开幕式; a bare list ending in 等市领导参观展馆; 主持
    ("2024-05-20", "郑国梁", ATTEND), ("2024-05-20", "韩立新", ATTEND),
    ("2024-05-20", "冯建军", ATTEND), ("2024-05-20", "柏玉兰", ATTEND), ("2024-05-20", "司马卫东", ATTEND),
    ("2024-05-20", "邵振宇", ATTEND), ("2024-05-20", "左鹏", ATTEND), ("2024-05-20", "孙丽萍", CHAIR),
    # 28日 theory study: 主持并讲话; 党组成员 over a list of six
    ("2024-05-28", "韩立新", CHAIR), ("2024-05-28", "邵振宇", ATTEND), ("2024-05-28", "赵一鸣", ATTEND),
    ("2024-05-28", "钱晓东", ATTEND), ("2024-05-28", "孙丽萍", ATTEND), ("2024-05-28", "祁岩", ATTEND),
    ("2024-05-28", "蒋文博", ATTEND),
]


person = PersonResolver.clean  # with no people data, the resolve stage keys a person by the name in matching form


@pytest.fixture(scope="module")
def chronicle(tmp_path_factory):
    result = build([FIXTURE], tmp_path_factory.mktemp("other_city"), city="generic")
    return result.records


def rows(records, with_role=True):
    return Counter((p.event.date.isoformat(), person(p.mention), p.role) if with_role else (p.event.date.isoformat(), person(p.mention))
                   for p in records if isinstance(p, Participation))


def test_every_entry_is_dated(chronicle):
    """18 entries (12 in April, 6 in May); 15日 and 22日 chain two activities with `；`."""
    events = [e for e in chronicle if isinstance(e, Event)]
    assert len({e.entry_line for e in events}) == 18 and len(events) == 20
    assert all(e.date is not None for e in events)
    span = next(e for e in events if e.date.isoformat() == "2024-05-20")
    assert span.end_date.isoformat() == "2024-05-21"


def test_people_and_dates(chronicle):
    """Every (date, person) of the hand annotation, and nothing else."""
    assert rows(chronicle, with_role=False) == Counter((d, p) for d, p, _ in EXPECTED)


def test_people_dates_and_roles(chronicle):
    assert rows(chronicle) == Counter(EXPECTED)


def test_titles_and_organisations(chronicle):
    parts = {(p.event.date.isoformat(), person(p.mention)): p for p in chronicle if isinstance(p, Participation)}
    assert parts[("2024-04-01", "钱晓东")].titles == "副市长"  # one title over the list
    assert parts[("2024-04-03", "邵振宇")].titles == "副市长"  # written after the name
    assert parts[("2024-04-08", "褚海涛")].organisation == "省交通运输厅"
    assert parts[("2024-05-10", "卢家骏")].organisation == "省发展改革委"
    assert parts[("2024-04-18", "欧阳明远")].titles == "华远新能源集团有限公司董事长"


def test_no_title_verb_place_or_body_is_a_person(chronicle):
    people = {person(p.mention) for p in chronicle if isinstance(p, Participation)}
    assert people == {p for _, p, _ in EXPECTED}
