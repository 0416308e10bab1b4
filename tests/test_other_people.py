"""Events, appointments and people in other governments' documents (tests/data/other): chronicle pages,
news reports of meetings and personnel decisions, a composition list; built with no people data at all.

Each test quotes the lines it checks; the gold beside each text (NN_name.gold.json) is the hand annotation.
"""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.appointments import decisions, listing_lines
from extractors.entries import parse_day, stated_year
from kg.build import build
from kg.city import load_city
from kg.evaluation import run_other
from kg.normalise import normalise
from kg.people import PersonResolver
from kg.records.events import Appointment, Event, Participation
from kg.records.tables import GroupMembership

OTHER = Path(__file__).parent / "data" / "other"


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    return build([OTHER], tmp_path_factory.mktemp("other"), city="generic")


def _file(record) -> str:
    file = record.event.file if isinstance(record, Participation) else getattr(record, "file", None) or record.prov.file
    return Path(file).name[:2]


person = PersonResolver.clean  # with no people data, the resolve stage keys a person by the name in matching form


def events(result, key: str) -> dict[int, Event]:
    return {e.entry_line: e for e in result.records if isinstance(e, Event) and _file(e) == key}


def people(result, key: str, line: int) -> dict[str, Participation]:
    return {person(p.mention): p for p in result.records if isinstance(p, Participation) and _file(p) == key and p.event.entry_line == line}


def appointments(result, key: str) -> list[tuple[str, str, str]]:
    return [(person(a.mention), a.action, a.post) for a in result.records if isinstance(a, Appointment) and _file(a) == key]


# -- chronicle pages ----------------------------------------------------------------------------

def test_month_heading_and_day_headings(other):
    """13: title `2021年7-9月区政府大事记`, heading `7月`, entries `1日 在全市…` (a day, a space, no comma)."""
    found = events(other, "13")
    assert [found[line].date for line in (9, 11, 13, 15, 17, 19)] == [date(2021, 7, d) for d in (1, 2, 5, 6, 8, 12)]
    assert people(other, "13", 9)["高伟"].titles == "开福区委副书记、代区长"  # a title chain of a district


def test_authors_of_studied_speeches_are_not_participants(other):
    """13:13 `传达学习习近平总书记在…大会上的重要讲话精神，省委书记、省人大常委会主任许达哲在…后的讲话精神`;
    13:15 `区委书记谢伟峰主持并讲话` in an entry about studying a speech is the chair."""
    assert set(people(other, "13", 13)) == {"高伟"}
    assert people(other, "13", 15)["谢伟峰"].role == "chair"


def test_triangle_entries_share_the_previous_date(other):
    """14: heading `(2024年5月)`; `1日,…` then `△ 第二届…学术年会开幕…`; `2日,…` then `△ 卢小亨主持召开…`."""
    found = events(other, "14")
    assert (found[11].date, found[15].date) == (date(2024, 5, 1), date(2024, 5, 2))
    assert people(other, "14", 11)["岳建民"].titles == "中国科学院院士"
    assert people(other, "14", 15)["卢小亨"].role == "chair"


def test_margin_months_same_day_and_whole_month(other):
    """15 (a yearbook page, 年鉴2014 → 2013): entries before the margin mark `4` are March; `4 2日` is 4月2日,
    `月 5日` 4月5日, `同日` the day before it, `是月` a whole month (no day)."""
    found = events(other, "15")
    assert found[6].date == date(2013, 3, 26)
    assert found[12].date == date(2013, 4, 2)
    assert found[14].date == date(2013, 4, 5) and set(people(other, "15", 14)) == {"时光辉", "孙雷"}
    assert found[21].date == date(2013, 4, 11) and set(people(other, "15", 21)) == {"吴志明", "方惠萍"}
    assert found[10].date is None
    assert found[29].date == date(2013, 5, 8)


def test_a_relative_named_to_say_who_someone_is(other):
    """15:25 `同日 陈云长女陈伟力首次到新浜镇赵王村,参观…`: 陈伟力 visits; 陈云 is not there."""
    assert set(people(other, "15", 25)) == {"陈伟力"}


def test_date_on_its_own_line(other):
    """16: `1月15~18日` ⏎ `△中国共产党东营区第六次代表大会召开。选举张传胜为…`: the range's first and last day;
    the people elected are appointments, not participants."""
    found = events(other, "16")
    assert (found[9].date, found[9].end_date) == (date(2007, 1, 15), date(2007, 1, 18))
    assert people(other, "16", 9) == {}
    assert people(other, "16", 22)["王军民"].role == "subject"  # 山东省副省长王军民到东营区走访慰问


# -- reports ------------------------------------------------------------------------------------

def test_a_meeting_report_is_one_event_with_its_convener(other):
    """10:5 `7月20日上午,区长马军在区政府二楼会议室召开…工作会。副区长王伟,…参加会议。` (published 2018-07-25)."""
    (event,) = events(other, "10").values()
    assert event.date == date(2018, 7, 20)
    found = people(other, "10", 5)
    assert (found["马军"].role, found["王伟"].role) == ("chair", "attend")


def test_a_report_without_a_year_has_no_date(other):
    """11:3 `1月22日,犍为县…推进会…召开。县委副书记干世伦,…彭波出席会议并讲话。…王勇主持会议。` (no year anywhere)."""
    (event,) = events(other, "11").values()
    assert event.date is None
    assert {p: r.role for p, r in people(other, "11", 3).items()} == {"干世伦": "attend", "彭波": "attend", "王勇": "chair"}


def test_reporters_editors_and_appointees_are_not_participants(other):
    """17: dateline `东北网12月25日讯(黑龙江日报记者刘伟 东北网记者印蕾)`, `责任编辑:刘华`, decisions on 22–26."""
    (event,) = events(other, "17").values()
    assert event.date == date(2007, 12, 25)
    found = people(other, "17", 16)
    assert {"刘伟", "印蕾", "刘华", "栗战书", "张松岭"}.isdisjoint(found)
    assert (found["刘东辉"].role, found["王宗璋"].role, found["王东华"].role) == ("chair", "chair", "attend")  # 分别主持, 列席


def test_requests_to_resign_are_neither_decisions_nor_participation(other):
    """18:4 `张志轩、张荣国、王晓林、高开焰、马亚杰分别提出辞去…职务`: no event people, no appointment for 王晓林."""
    assert not [p for p in other.records if isinstance(p, Participation) and _file(p) == "18"]
    assert not [a for a in appointments(other, "18") if a[0] in ("王晓林", "高开焰", "马亚杰")]


def test_township_congress_speakers_attend(other):
    """19: `一是由李玮同志代表孟村镇人民政府作政府工作报告`; `镇党委书记代侃让同志讲了五点要求`."""
    found = people(other, "19", 2)
    assert {p: r.role for p, r in found.items()} == {"李玮": "attend", "代侃让": "attend"}


def test_traditional_characters(other):
    """20: `縣人大常委會主任邊疆主持召開縣十七屆人大常委會第十七次會議`: matched as simplified, printed as written."""
    found = people(other, "20", 2)
    assert (found["边疆"].mention, found["边疆"].role, found["边疆"].titles) == ("邊疆", "chair", "县人大常委会主任")
    assert found["李国庆"].role == "attend"  # 縣人民檢察院檢察長李國慶…列席會議


# -- appointments -------------------------------------------------------------------------------

def test_a_shared_verb_and_a_resolution_stated_twice(other):
    """17:24 `《…关于栗战书同志为黑龙江省人民政府代理省长的决定》,决定栗战书为代理省长` is one appointment;
    17:26 `决定任命杜家毫、孙尧、黄建盛为省政府副省长,郭晓华为省政府秘书长;免去张松岭省政府秘书长职务`.
    The headlines (`栗战书任黑龙江省代理省长`) restate them and are not read."""
    assert appointments(other, "17") == [
        ("张左己", "remove", "黑龙江省人民政府省长"), ("刘学良", "remove", "黑龙江省人民政府副省长"),
        ("栗战书", "appoint", "黑龙江省人民政府代理省长"), ("杜家毫", "appoint", "省政府副省长"), ("孙尧", "appoint", "省政府副省长"),
        ("黄建盛", "appoint", "省政府副省长"), ("郭晓华", "appoint", "省政府秘书长"), ("张松岭", "remove", "省政府秘书长"),
    ]


def test_removals_by_list_acceptance_and_termination(other):
    """18:2 `决定免去詹夏来、花建慧、梁卫国的省人民政府副省长职务`; 18:4 `朱永和提出辞去省十二届人大代表职务,
    …已决定接受其辞职,…朱永和的…委员职务相应终止`; 18:7 `分别免去张志轩的…职务;朱勇的…职务;…`."""
    found = appointments(other, "18")
    assert found[:3] == [(n, "remove", "省人民政府副省长") for n in ("詹夏来", "花建慧", "梁卫国")]
    assert [a for a in found if a[0] == "朱永和"] == [
        ("朱永和", "remove", "省十二届人大代表"), ("朱永和", "remove", "省十二届人大常委会委员、内务司法委员会委员")]
    assert ("纪冰", "appoint", "省人大常委会财政经济工作委员会副主任") in found
    assert [a[0] for a in found if a[1] == "remove"][-4:] == ["张志轩", "朱勇", "张荣国", "秦亚东"]


def test_elections_of_a_township_and_a_district(other):
    """19:3 `选举出穆兴科同志为镇人大主席,李玮同志为镇长,杜渐、马锋两位同志为副镇长`;
    16:13 `同意赵幂辞去六届东营区政协主席的决定,补选王跃军为…`."""
    assert appointments(other, "19") == [("穆兴科", "appoint", "镇人大主席"), ("李玮", "appoint", "镇长"),
                                         ("杜渐", "appoint", "副镇长"), ("马锋", "appoint", "副镇长")]
    assert ("赵幂", "remove", "六届东营区政协主席") in appointments(other, "16")
    assert len(appointments(other, "16")) == 15


def test_bills_name_the_first_person_only(other):
    """20:4 `王蘭俊等6名同志的免職議案`, `寧書橋等10名同志的任職議案`, `門少起、徐立山兩名同志的任職議案`."""
    found = appointments(other, "20")
    assert ("王兰俊", "remove", "") in found and ("宁书桥", "appoint", "") in found
    assert ("门少起", "appoint", "") in found and ("徐立山", "appoint", "") in found
    assert ("郑红云", "remove", "县政府副县长") in found  # 決定接受鄭紅云辭去縣政府副縣長職務


def test_a_composition_list_with_padded_labels_carried_down(other):
    """04:26–39 `国务院职业教育工作` ⏎ `部际联席会议成员名单` ⏎ `召 集 人：孙春兰　　国务院副总理` ⏎ `副召集人：陈宝生…`
    ⏎ `　　　　　丁向阳　　国务院副秘书长` ⏎ `成    员：孙　尧　　教育部副部长` …"""
    members = [(m.group, m.role, m.member, m.post) for m in other.records if isinstance(m, GroupMembership) and Path(m.prov.file).name[:2] == "04"]
    assert len(members) == 12
    assert members[0] == ("国务院职业教育工作部际联席会议", "召集人", "孙春兰", "国务院副总理")
    assert members[2][1:3] == ("副召集人", "丁向阳")
    assert members[3][1:] == ("成员", "孙尧", "教育部副部长")


def test_other_governments_scores(other):
    """`kg eval`'s other-government rows: the targets of issue 8 (F1 ≥ 0.90)."""
    scores = {s.measure: s for s in run_other(other.issues, other.records, load_city("generic"))}
    assert scores["(month-day, person)"].f1 >= 0.9
    assert scores["appointments (person, action)"].f1 >= 0.9
    assert {s.corpus for s in scores.values()} == {"other"}


# -- the grammar on its own -----------------------------------------------------------------------

@pytest.mark.parametrize("text, day, margin", [
    ("一日，市长", "一", None), ("十五日，", "十五", None), ("4 2日松江", "2", "4"), ("月 5日上海", "5", None),
    ("2023年7月5日，", "5", None), ("1日在全市", "1", None),
])
def test_day_openings(text, day, margin):
    m = parse_day(normalise(text), loose=True)
    assert (m.group("d1"), m.group("margin")) == (day, margin)


@pytest.mark.parametrize("text", ["1日起施行", "3日内完成", "10万元，"])
def test_not_day_openings(text):
    assert parse_day(normalise(text), loose=True) is None


def test_year_a_text_states():
    assert stated_year(["【区政府工作大事记】2021年7-9月区政府大事记"]) == 2021
    assert stated_year(["Page 20 - 松江年鉴2014"]) == 2013  # a yearbook records the year before its own
    assert stated_year(["发布时间:2024-08-10 来源:…"]) == 2024


@pytest.mark.parametrize("text, expected", [
    ("拟任命张明为市财政局局长。", []),  # a proposal, not a decision
    ("决定任命：张明为市财政局局长，王丽为市教育局副局长；免去李强市财政局局长职务。",
     [("张明", "appoint"), ("王丽", "appoint"), ("李强", "remove")]),
    ("会议选举欧阳明远为区长。", [("欧阳明远", "appoint")]),  # a compound surname
])
def test_decisions(text, expected):
    assert [(d.name, d.action) for d in decisions(normalise(text))] == expected


@given(st.text(alphabet="任命免去选举为的职务同志张王李明华、，；。议案等名接受辞去其终止12", max_size=60))
def test_decisions_never_raise(text):
    for d in decisions(text):
        assert text[d.start : d.end] == d.name


@pytest.mark.parametrize("text, heading, expected", [
    ("经研究决定：张明同志任市财政局局长；免去其市审计局局长职务。", "", [("张明", "appoint", "市财政局局长"), ("张明", "remove", "市审计局局长")]),
    ("王丽为市教育局副局长；", "appoint", [("王丽", "appoint", "市教育局副局长")]),  # under a heading `任命：`
    ("李强的市财政局局长职务；", "remove", [("李强", "remove", "市财政局局长")]),  # under a heading `免去：`
])
def test_lines_of_an_appointments_document(text, heading, expected):
    assert [(d.name, d.action, d.post) for d in listing_lines(normalise(text), [], heading)] == expected
