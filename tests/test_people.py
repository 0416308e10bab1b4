"""People, posts and appointments: the name resolver and grammar, the appointments extractor,
the graph (one person across issues, occupancies), the canned queries and the CLI."""

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from typer.testing import CliRunner

from extractors.appointments import extract as extract_appointments
from extractors.people import TITLE_WORDS, find_names, organisation_of
from kg import query as canned
from kg.city import load_city
from kg.cli import app
from kg.people import PersonResolver
from kg.records.events import Appointment

runner = CliRunner()
CITY = load_city("qujing")
PEOPLE = PersonResolver(CITY)


# -- resolver ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written, canonical", [("张钩", "张鈞"), ("张筠", "张鈞"), ("张鈞", "张鈞"), ("张 鈞", "张鈞"), ("赵 松", "赵松"), ("陈  志", "陈志")])
def test_spellings_fold_onto_one_person(written, canonical):
    assert PEOPLE.canonical(written) == canonical


def test_an_unknown_name_is_kept_as_written():
    assert PEOPLE.canonical("王 显刚") == "王显刚"
    assert not PEOPLE.known("王显刚") and PEOPLE.known("张钩")


def test_resolver_without_city_data():
    assert PersonResolver().canonical("阳 春") == "阳春"


# -- name grammar (no city data: what an unseen city's texts get) -------------------------------

def names(text, known=()):
    return [(s.name, s.titles) for s in find_names(text, list(known))]


def test_one_title_for_a_list():
    assert names("副市长陈世禹、王文生、杨蔚玲参加会议。") == [("陈世禹", "副市长"), ("王文生", "副市长"), ("杨蔚玲", "副市长")]


def test_title_chain_before_a_name():
    assert names("市委副书记、市长李石松主持会议。") == [("李石松", "市委副书记、市长")]
    assert names("陪同省委书记王宁调研。") == [("王宁", "省委书记")]


def test_title_after_a_name():
    assert names("参加省地方金融监管局李春晖局长一行到曲靖调研座谈会。") == [("李春晖", "局长")]


def test_titles_and_verbs_are_not_people():
    assert names("市委常委出席会议，市政府副市长、市委秘书长列席会议。") == []
    assert names("市政府党组成员、非中共党员副市长、市政府一级巡视员参加学习。") == []
    assert names("三一集团董事、三一重卡董事长梁林河举行座谈") == [("梁林河", "三一集团董事、三一重卡董事长")]


TITLES = st.sampled_from(["副市长", "市委常委", "市政府秘书长", "市人大常委会副主任", "省发展改革委副主任", "一级巡视员", "董事长", "局长"])
VERBS = st.sampled_from(["出席会议", "参加会议", "列席会议", "主持会议", "参加调研", "陪同调研"])


@given(st.lists(TITLES, min_size=1, max_size=4), VERBS)
def test_property_titles_alone_never_make_a_person(titles, verb):
    assert names("、".join(titles) + verb + "。") == []


GIVEN = st.text(alphabet="志明华林松芳静武伟强丽军平红涛", min_size=1, max_size=2)


@given(st.sampled_from(list("王李张刘陈杨赵吴周徐孙马朱胡郭何高罗")), GIVEN, TITLES, VERBS)
def test_property_a_titled_name_is_found_whole(surname, given_name, title, verb):
    name = surname + given_name
    assert names(f"{title}{name}{verb}。") == [(name, title)]


def bare(text):
    return [s.name for s in find_names(text, [])]


@pytest.mark.parametrize("text, expected", [
    # 002:10114 a list ended by 就, 000:1320 by 等, 002:9908 by 及 and unnamed others
    ("。吴静、刘本芳、陈志就分管工作分别作了安排部署。", ["吴静", "刘本芳", "陈志"]),
    ("。杨中华、朱党柱、唐开荣等参加现场观摩。", ["杨中华", "朱党柱", "唐开荣"]),
    ("。刘本芳、雍怡敏、王玮及县卫健局负责人等参加汇报会。", ["刘本芳", "雍怡敏", "王玮"]),
    # 002:9874 a list ended by a comma, the verb after unnamed others
    ("。马国庆、陈世禹、朱党柱，项目企业、市直有关部门负责人参加仪式。", ["马国庆", "陈世禹", "朱党柱"]),
    # 002:10001 a bare list running into a titled name
    ("。李石松、李先祥、某某控股有限公司董事薛莉萍见证项目签约。", ["李石松", "李先祥", "薛莉萍"]),
    # 002:9918, 002:9900 a place before the names
    ("，曲靖市龚加武、杨庆东，马龙区负责人参加活动。", ["龚加武", "杨庆东"]),
    ("，曲靖市龚加武，曲靖经开区负责人参加活动。", ["龚加武"]),
    # 002:10017 names standing alone between commas, next to a titled one
    ("李石松，李先祥，省广电局局长盛高举，云南日报社社长何祖坤出席揭牌仪式。", ["李石松", "李先祥", "盛高举", "何祖坤"]),
    # characters that are ordinary inside a given name, a compound surname with 司
    ("副市长何长松作招商推介。", ["何长松"]), ("。曾黎明、陈从华、罗芳参加。", ["曾黎明", "陈从华", "罗芳"]),
    ("市人大常委会副主任田为民列席会议。", ["田为民"]), ("市委副书记司马卫东主持会议。", ["司马卫东"]),
    ("；会后，邵振宇带领市应急管理局负责人督查。", ["邵振宇"]),
])
def test_bare_names_by_grammar(text, expected):
    assert bare(text) == expected


@pytest.mark.parametrize("text", [
    "。安全、卫生、环保等部门参加检查。",  # words of the general vocabulary, not names
    "。高效、文化，有关部门参加。",
    "，坚持群众的主体地位，全程参与。",  # 全程参 would end inside 参与
    "，尤其是在疫情防控中，各部门参加。",
    "严格落实习近平总书记关于“三个必须”的重要指示精神。",  # a function word after a title
    "合作银行范围，扩大。",  # a word after an organisation
    "市委常委，市政府副市长，市级领导包保组第二组成员等参加观摩。",  # titles alone
    "，曲靖市全市范围，有关部门参加。",
])
def test_words_that_look_like_bare_names_are_not_people(text):
    assert bare(text) == []


WORDS = st.sampled_from(["安全", "文化", "金融", "方案", "林业", "时间", "项目", "管理", "卫生", "石油", "黄金", "常规", "高效", "严格"])


@given(st.lists(WORDS, min_size=1, max_size=4), st.sampled_from(["，", "等", "及有关部门"]), VERBS)
def test_property_word_lists_never_make_people(words, end, verb):
    assert bare("。" + "、".join(words) + end + verb + "。") == []


def test_organisation_of_a_visitor():
    assert organisation_of("省发展改革委副主任") == "省发展改革委"
    assert organisation_of("国家电投云南国际党委书记、董事长") == "国家电投云南国际"
    assert organisation_of("市委常委、常务副市长") == ""
    assert not set(TITLE_WORDS) & {"出席", "参加"}


# -- appointments ---------------------------------------------------------------------------

def test_appointments_of_the_sample(issues):
    """003:1613–1620: `马国庆 任曲靖市行政学院院长。` … `许陈荣 免去曲靖市市政公用事业服务中心主任职务。`"""
    records = [r for r in extract_appointments(issues["003"], CITY) if isinstance(r, Appointment)]
    assert [(a.mention, a.action, a.post, a.organisation, a.prov.line_start) for a in records] == [
        ("马国庆", "appoint", "曲靖市行政学院院长", "曲靖市行政学院", 1617),
        ("杨中华", "remove", "曲靖市行政学院院长", "曲靖市行政学院", 1618),
        ("陈朝阳", "appoint", "曲靖市人民政府副秘书长", "曲靖市人民政府", 1619),
        ("许陈荣", "remove", "曲靖市市政公用事业服务中心主任", "曲靖市市政公用事业服务中心", 1620),
    ]
    assert {a.doc_number for a in records} == {"曲政任〔2022〕18号"} and {a.year for a in records} == {2022}
    assert not [r for k in ("000", "001", "002") for r in extract_appointments(issues[k], CITY)]  # none in the others


# -- graph ------------------------------------------------------------------------------------

KG_NS = "https://w3id.org/cn-gazette-kg/ns#"


def test_one_person_across_spellings_and_sources(graph):
    """张鈞 printed three ways in 000; 李金林 is 编委主任 (000:14) and 市政府秘书长 in the chronicle: one node each."""
    rows = list(graph.query('PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?p WHERE { ?p foaf:name ?n FILTER(?n IN ("张鈞", "张钩", "张筠")) }'))
    assert len(rows) == 1
    written = {str(o) for o in graph.objects(None, URIRef(KG_NS + "nameAsWritten"))}
    assert {"张鈞", "张钩", "张筠"} <= written
    _, people = canned.run(graph, "people", {"person": "李金林"})
    assert len(people) == 1 and "曲靖市人民政府公报编委主任" in people[0]["posts"] and "市政府秘书长" in people[0]["posts"]


def test_occupancy_dates(graph):
    """赵松 is first 市政府秘书长 on 31 March 2022 (001:1564); 李金林 holds it from 1 Nov 2021 (000:1222)."""
    _, rows = canned.run(graph, "post-holders", {"post": "市政府秘书长", "date": ""})
    seen = {r["person_name"]: (r["first_seen"], r["last_seen"]) for r in rows}
    assert seen["赵松"][0] == "2022-03-31" and seen["李金林"][0] == "2021-11-01"
    _, on_day = canned.run(graph, "post-holders", {"post": "市政府秘书长", "date": "2022-08-15"})
    assert {r["person_name"] for r in on_day} == {"赵松"}


def test_appointment_starts_an_occupancy(graph):
    _, rows = canned.run(graph, "posts", {"person": "马国庆"})
    post = next(r for r in rows if r["post"] == "曲靖市行政学院院长")
    assert post["started_by"] == "曲政任〔2022〕18号" and post["seen_in"] == "appointment"
    _, removed = canned.run(graph, "posts", {"person": "杨中华"})
    assert next(r for r in removed if r["post"] == "曲靖市行政学院院长")["ended_by"] == "曲政任〔2022〕18号"


def test_first_seen_is_the_earliest_over_all_issues(graph):
    occ = list(graph.query(f'SELECT ?f ?l WHERE {{ ?o <{KG_NS}holder>/<http://xmlns.com/foaf/0.1/name> "刘本芳" ; <{KG_NS}post>/<http://www.w3.org/2000/01/rdf-schema#label> "副市长" ; <{KG_NS}firstSeen> ?f ; <{KG_NS}lastSeen> ?l }}'))
    assert [(f, l) for f, l in occ] == [(Literal("2021-11-01", datatype=XSD.date), Literal("2022-08-31", datatype=XSD.date))]


def test_canned_queries(graph):
    _, chaired = canned.run(graph, "meetings-chaired", {"kind": "standing_meeting"})
    assert chaired[0]["person_name"] == "李先祥"  # 001: 第4–7次, 002: 第46/48次, 003: 第20–22次
    assert {r["person_name"] for r in chaired} == {"李先祥", "李石松"}  # 李石松 as 市长 in 000 (第112–115次)
    _, visits = canned.run(graph, "county-visits", {"county": "会泽县", "month": ""})
    assert visits and all(r["county"] == "会泽县" for r in visits)
    _, pairs = canned.run(graph, "co-attendance", {"person": "龚加武"})
    assert pairs and pairs[0]["events"] >= 5
    _, timeline = canned.run(graph, "person-timeline", {"person": "刘本芳", "from": "2022-08-01", "to": "2022-08-31"})
    events = [r for r in timeline if r["item"] == "event"]
    assert events and all(r["date"].startswith("2022-08") for r in events)


# -- CLI ----------------------------------------------------------------------------------------

def test_export_events(built):
    result = runner.invoke(app, ["export", "events", "--graph", str(built[0]), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"event_id", "date", "end_date", "kind", "person_mention", "person_id", "person_name", "person_role", "titles", "places", "source", "line"} <= set(rows[0])
    row = next(r for r in rows if r["line"] == "1222" and r["person_name"] == "李石松")
    assert (row["date"], row["kind"], row["person_role"], row["titles"]) == ("2021-11-01", "standing_meeting", "chair", "市委副书记、市长")
    assert any(r["person_mention"] == "张钩" and r["person_name"] == "张鈞" for r in rows)


@pytest.mark.parametrize("what", ["people", "posts", "appointments"])
def test_other_exports_as_json(built, what):
    result = runner.invoke(app, ["export", what, "--graph", str(built[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_person_profile_any_spelling(built):
    result = runner.invoke(app, ["person", "张 钩", "--graph", str(built[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["name"] == "张鈞" and len(doc["timeline"]) >= 3
    table = runner.invoke(app, ["person", "刘本芳", "--graph", str(built[0])])
    assert table.exit_code == 0 and "副市长" in table.stdout


def test_person_not_found(built):
    result = runner.invoke(app, ["person", "无此人", "--graph", str(built[0])])
    assert result.exit_code == 2 and "no person matches '无此人'" in result.output
