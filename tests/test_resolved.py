"""The resolve stage (kg/resolved.py): names → entities, once, before the mapping; the mapping resolves nothing."""

from __future__ import annotations

import pytest

from extractors.chronicle import extract as chronicle
from extractors.groups import extract as groups
from extractors.projects import extract as projects
from kg import jurisdiction
from kg.city import load_city
from kg.graph import GraphBuilder
from kg.pipeline.job import process
from kg.records.events import Event, Participation
from kg.records.tables import GroupMembership, Project, ProjectMention
from kg.resolved import Unresolved, in_city
from tests.conftest import FILES


def read_as(resolved, mention):
    """The one entity a mention resolves to, in whichever of the issue's documents it is read."""
    found = {res for (m, _), res in resolved.agencies.items() if m == mention}
    assert len(found) == 1, found
    return found.pop()


@pytest.fixture(scope="module")
def processed():
    return {key: process(FILES[key], FILES[key].name, "") for key in ("000", "001", "002")}


def test_resolve_is_a_stage_between_extract_and_map(processed):
    assert list(processed["001"].seconds) == ["read", "segment", "extract", "resolve", "map", "project"]


def test_spellings_of_one_body_resolve_to_one_agency(processed):
    resolved = processed["001"].resolved
    short, full = read_as(resolved, "市发改委"), read_as(resolved, "市发展和改革委员会")
    assert short.agency == full.agency and short.agency.name == "曲靖市发展和改革委员会"
    assert short.how == "alias “市发改委” of 曲靖市发展和改革委员会 in the city data"
    assert resolved.where.code == "530300"


def test_a_generic_agencys_member_is_resolved_by_the_stage(processed):
    resolved = processed["002"].resolved
    generic = read_as(resolved, "卫生健康行政部门").agency
    assert generic.type == "generic" and generic.members == ("曲靖市卫生健康委员会",)
    assert resolved.member("曲靖市卫生健康委员会").name == "曲靖市卫生健康委员会"


def test_a_person_variant_is_canonicalised_by_the_stage(processed):
    """000:1244 prints 张钩 for 张鈞 (people.yaml): the chronicle's record keeps the name as printed,
    the stage finds the person."""
    p = processed["000"]
    (written,) = [r for r in p.records if isinstance(r, Participation) and r.mention == "张钩"]
    assert written.event.entry_line == 1240
    assert p.resolved.person("张钩") == "张鈞"


def test_a_person_named_twice_in_one_event_takes_part_once(processed):
    """002:10074–10076 `李石松为张弥曼院士颁发命名铜匾，张弥曼院士、省科技厅副厅长宋光兴为…揭牌`: the chronicle
    returns both mentions; the stage keeps the first (颁发, line 10074), as the graph has one
    participation per event and person."""
    p = processed["002"]
    extracted = [r for r in chronicle(p.issue, load_city("qujing")) if isinstance(r, Participation) and r.mention == "张弥曼"]
    assert [(r.verb, r.prov.line_start) for r in extracted] == [("颁发", 10074), ("揭牌", 10076)]
    assert extracted[0].event == extracted[1].event
    kept = [r for r in p.records if isinstance(r, Participation) and r.mention == "张弥曼"]
    assert kept == extracted[:1]


def test_an_event_place_is_resolved_to_its_division_by_the_stage(processed):
    """002:9874 `…建成仪式在曲靖经开区举行。`: the event keeps the place as written, the stage finds the division."""
    p = processed["002"]
    (event,) = [r for r in p.records if isinstance(r, Event) and r.entry_line == 9874]
    assert event.places == ("曲靖经开区",)
    assert p.resolved.division("曲靖经开区") == "曲靖经济技术开发区"


def test_a_project_row_is_placed_in_its_county_by_the_stage(processed):
    """001:456 `1	会泽县	乐业镇六合村委会六合村光伏项目…`: the row keeps its county cell as printed, the stage
    gives the division (the project's node is keyed by it); 36 of the list's rows are in 会泽县."""
    p = processed["001"]
    rows = {r.seq: r for r in p.records if isinstance(r, Project) and r.list_title == "附件1"}
    assert (rows["1"].county_mention, rows["1"].county, rows["1"].prov.line_start) == ("会泽县", "会泽县", 456)
    assert sum(r.county == "会泽县" for r in rows.values()) == 36
    (extracted,) = [r for r in projects(p.issue, load_city("qujing")) if isinstance(r, Project) and r.list_title == "附件1" and r.seq == "1"]
    assert (extracted.county_mention, extracted.county) == ("会泽县", None)


def test_coordinates_far_outside_the_county_are_flagged_by_the_stage(processed):
    """001:470 row 15 of 附件1 prints 105.32, 29.57666667 (重庆市荣昌区) for a 会泽县 project: the stage,
    which knows the county, flags the row (kept as printed) and warns naming file and line."""
    p = processed["001"]
    rows = {r.seq: r for r in p.records if isinstance(r, Project) and r.list_title == "附件1"}
    assert rows["15"].outside_county and (rows["15"].longitude, rows["15"].latitude) == (105.32, 29.57666667)
    assert not rows["1"].outside_county and not rows["37"].outside_county  # 103.97 / 25.47 in 麒麟区
    assert "001_aec869a62786b268.txt:470: '附件1' row 15 迤车镇石板村委会老村子光伏项目: coordinates 105.32, 29.57666667 lie far outside 会泽县 and the city (in 重庆市荣昌区); kept as printed" in p.warnings
    flagged = [w for w in p.resolved.warnings if "rows have coordinates outside" in w.message]
    assert [(w.line, w.message[:14]) for w in flagged] == [(456, "'附件1': 34 rows")]


def test_a_project_mention_is_placed_by_the_stage(processed):
    """001:98 `陆良陆腾智能物流园`: the mention keeps the name, the stage reads 陆良 as 陆良县."""
    (m,) = [r for r in processed["001"].records if isinstance(r, ProjectMention) and r.name == "陆良陆腾智能物流园"]
    assert (m.prov.line_start, m.listed, m.county) == (98, False, "陆良县")


def test_a_group_named_for_the_whole_city_is_named_for_the_city_by_the_stage(issues):
    """000:756 `成立全市 5G 通信基础设施建设工作推进组`, 000:774 its annex `曲靖市5G通信…推进组`: one group."""
    city = load_city("qujing")
    written = [r for r in groups(issues["000"], city) if isinstance(r, GroupMembership)]
    assert {(m.group, m.prov.line_start) for m in written if m.prov.line_start == 756} == {("全市5G通信基础设施建设工作推进组", 756)}
    assert {m.group for m in in_city(written, city)} == {"曲靖市5G通信基础设施建设工作推进组"}


def test_the_builder_raises_for_a_name_the_stage_did_not_resolve(processed):
    resolved = processed["001"].resolved
    builder = GraphBuilder(resolved)
    (mention, where), _ = next((key, res) for key, res in resolved.agencies.items() if key[0] == "市发改委")
    assert builder.agency(mention, where=where)  # resolved: a node
    with pytest.raises(Unresolved, match="东莞市财政局"):
        builder.agency("东莞市财政局", where=where)  # not in issue 001's records
    with pytest.raises(Unresolved):
        builder.agency("市发改委", where=jurisdiction.of_code("441900", "test"))  # read in 曲靖's documents, not in 东莞's
    with pytest.raises(Unresolved):
        builder.person("张钩")
