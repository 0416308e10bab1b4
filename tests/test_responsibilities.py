"""Responsibilities on the real corpus: every grammar, the unit-list and deadline parsers, resolution."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.deadlines import find_deadline, parse_deadline
from extractors.units import split_units
from kg.evaluation.responsibilities import evaluate
from kg.records import Assignment, Task
from kg.resolve import resolver_for

RESOLVER = resolver_for("qujing")


def is_unit(text):
    return RESOLVER.resolve(text).known


@pytest.fixture(scope="module")
def assignments(built):
    return [r for r in built[1].records if isinstance(r, Assignment)]


def found(assignments, doc, line, role=None):
    return sorted((a.role, a.mention) for a in assignments if a.task.doc_number == doc and a.prov.line_start <= line <= a.prov.line_end and (role is None or a.role == role))


# -- grammars, each on a statement of the sample corpus ------------------------

def test_labelled_parenthetical_with_four_labels(assignments):
    """000:746 （牵头单位：…；配合单位：…；业务牵头单位：…；参与单位：电信、移动、联通和广电网络曲靖分公司）"""
    got = found(assignments, "曲政办发〔2021〕48号", 746)
    assert ("lead", "铁塔曲靖分公司") in got  # 业务牵头单位
    assert ("cooperate", "市直相关部门") in got
    assert [m for r, m in got if r == "participate"] == ["广电网络曲靖分公司", "电信曲靖分公司", "移动曲靖分公司", "联通曲靖分公司"]
    assert ("lead", "各县、市、区人民政府") in got  # one group, not 各县 / 市 / 区人民政府


def test_half_width_labelled_parenthetical_broken_by_page(assignments):
    """001:140→144 (牵头单位:市住房和城乡建设局;配合单位:市发展改革委、市自 ⏎ 然资源和规划局 …）"""
    got = found(assignments, "曲政发〔2022〕18号", 144)
    assert ("cooperate", "市自然资源和规划局") in got and ("cooperate", "市金融办") in got


def test_prose_parenthetical(assignments):
    """001:230 (市教体局、市科协牵头，市工信局、市科技局、市妇联、市社科联、市农科院配合)"""
    got = found(assignments, "曲政发〔2022〕21号", 230)
    assert [m for r, m in got if r == "lead"] == ["市教体局", "市科协"]
    assert len([m for r, m in got if r == "cooperate"]) == 5


def test_duty_parenthetical_is_responsible(assignments):
    """000:619 （市政务服务管理局、…，各县、市、区人民政府，曲靖经济技术开发区管委会等按照职责分工负责）"""
    got = found(assignments, "曲政发〔2021〕56号", 619)
    assert {r for r, _ in got} == {"responsible"}
    assert ("responsible", "曲靖经济技术开发区管委会") in got and len(got) == 9


def test_generic_types_share_a_suffix(assignments):
    """002:3339 （卫生健康行政部门负责牵头，工业和信息化、公安、交通运输、消防救援等部门共同参与）"""
    got = found(assignments, "曲政办发〔2023〕38号", 3341)
    assert ("lead", "卫生健康行政部门") in found(assignments, "曲政办发〔2023〕38号", 3339)
    assert ("participate", "消防救援部门") in got and ("participate", "公安部门") in got


def test_table_with_leaders_and_deadline(assignments):
    """001:515 solar checklist: 龚加武 陈 志 何长松 are three leaders; 2022 年 4 月 15 日前 is the deadline."""
    row = [a for a in assignments if a.task.doc_number == "曲政办发〔2022〕29号" and a.task.key == "515"]
    assert sorted(a.mention for a in row if a.role == "leader") == ["何长松", "陈志", "龚加武"]
    assert [a.mention for a in row if a.role == "lead"] == ["市能源局"]
    assert row[0].task.deadline_end == date(2022, 4, 15)


def test_drifted_table_rows_align_by_content(assignments):
    """001:1151 row 10 of the investment list is shifted one cell left: 责任单位 is still 市工业和信息化局."""
    got = found(assignments, "曲政办发〔2022〕34号", 1151)
    assert [m for r, m in got if r == "responsible"] == ["市工业和信息化局"]
    assert ("cooperate", "会泽县人民政府") in got


def test_colon_duty_list(assignments):
    """002 41号 2.2: `市委网信办：加强气象灾害网络舆情收集…`"""
    assert ("responsible", "市委网信办") in found(assignments, "曲政办发〔2023〕41号", 5322)


def test_prose_by_lead_and_participate(assignments):
    """000:748 由市工业和信息化局、市政务服务管理局牵头，市直相关部门参与"""
    got = [(a.role, a.mention) for a in assignments if a.task.doc_number == "曲政办发〔2021〕48号" and a.grammar == "prose"]
    assert ("lead", "市政务服务管理局") in got and ("participate", "市直相关部门") in got


def test_generic_role_nouns_are_not_units(assignments):
    """000 49号: `由市人民政府牵头领导统筹，市直牵头部门负责` names no organisation."""
    assert found(assignments, "曲政办发〔2021〕49号", 823) == []


def test_every_assignment_quotes_its_mention(assignments):
    """The evidence of a unit is the unit as printed: the same text once normalised, the printed
    part of it when a shared suffix or prefix was distributed (麒麟区 of 麒麟区、…人民政府), or the
    printed pair it was cut from (各县（市、区）党委和人民政府)."""
    from kg.normalise import normalise

    units = [a for a in assignments if a.role != "leader"]
    exact = 0
    for a in units:
        printed = normalise(a.prov.quote)
        it = iter(printed)
        subsequence = all(ch in it for ch in a.mention)  # 各县（市、区）人民政府 of 各县（市、区）党委和人民政府
        assert printed and (printed in a.mention or subsequence), (a.prov, a.mention)
        exact += printed == a.mention
    assert exact / len(units) > 0.95


def test_no_cue_statement_dropped_silently(built):
    """Every role statement the extractor could not read would be a warning; on the sample corpus there is none."""
    assert [w for w in built[1].warnings if "role" in w or "牵头" in w or "does not read as units" in w] == []


def test_tasks_have_sections_and_deadlines(built):
    tasks = [r for r in built[1].records if isinstance(r, Task)]
    task = next(t for t in tasks if t.doc_number == "曲政发〔2022〕18号" and t.key == "174")
    assert task.section == ("七", "（二十七）")
    dated = [t for t in tasks if t.deadline_end]
    assert any(t.deadline_text == "2022年6月—12月" and t.deadline_start == date(2022, 6, 1) for t in dated)


# -- measured quality (regression guard on the hand-checked gold set) ----------

def test_quality_against_gold(built):
    from kg.city import load_city

    scores = {s.measure: s for s in evaluate(built[1].issues, built[1].records, load_city("qujing"))}
    main = scores["(document, role, unit mention)"]
    assert main.gold >= 1500 and main.f1 >= 0.97
    assert scores["mention → entity resolution"].recall >= 0.99


# -- the parsers ----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, units",
    [
        ("各县、市、区人民政府、曲靖经开区管委会", ["各县、市、区人民政府", "曲靖经开区管委会"]),
        ("市工业和信息化局、市文化和旅游局", ["市工业和信息化局", "市文化和旅游局"]),
        ("麒麟区、沾益区、马龙区人民政府", ["麒麟区人民政府", "沾益区人民政府", "马龙区人民政府"]),
        ("电信、移动、联通和广电网络曲靖分公司", ["电信曲靖分公司", "移动曲靖分公司", "联通曲靖分公司", "广电网络曲靖分公司"]),
        ("市通管办、铁塔和基础电信企业", ["市通管办", "铁塔", "基础电信企业"]),
        ("市水务局等部门，各县（市、区）人民政府", ["市水务局", "各县（市、区）人民政府"]),
        ("卫生健康、财政部门", ["卫生健康部门", "财政部门"]),
        ("工业和信息化、公安、消防救援等部门", ["工业和信息化部门", "公安部门", "消防救援部门"]),
        ("各县（市、区）党委和人民政府、曲靖经开区党工委和管委会", ["各县（市、区）党委", "各县（市、区）人民政府", "曲靖经开区党工委", "曲靖经开区管委会"]),
        ("曲靖市住房城乡建设局、发展改革委、财政局", ["曲靖市住房城乡建设局", "曲靖市发展改革委", "曲靖市财政局"]),
        ("中央、国家和省驻曲行政企事业单位", ["中央、国家和省驻曲行政企事业单位"]),
    ],
)
def test_unit_lists(text, units):
    assert [u.text for u in split_units(text, is_unit, ("曲靖",))] == units


NAMES = st.sampled_from(["市发展改革委", "市财政局", "市工业和信息化局", "曲靖经开区管委会", "市委宣传部", "团市委", "市自然资源和规划局", "曲靖供电局"])


@given(st.lists(NAMES, min_size=1, max_size=6, unique=True), st.lists(st.sampled_from(["、", "，", "；"]), min_size=6, max_size=6))
def test_unit_list_round_trip(names, seps):
    """Known names joined by any separators split back into the same names, with offsets pointing at them."""
    text = names[0] + "".join(sep + name for sep, name in zip(seps, names[1:]))
    units = split_units(text, is_unit)
    assert [u.text for u in units] == names
    assert all(text[u.start : u.end] == u.text for u in units)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2019年12月底前", None, date(2019, 12, 31)),
        ("2022年6月—12月", date(2022, 6, 1), date(2022, 12, 31)),
        ("2022年4月15日前", None, date(2022, 4, 15)),
        ("2023年第三季度", date(2023, 7, 1), date(2023, 9, 30)),
        ("2022年上半年", date(2022, 1, 1), date(2022, 6, 30)),
        ("长期坚持", None, None),
    ],
)
def test_deadlines(text, start, end):
    d = parse_deadline(text)
    assert (d.start, d.end) == (start, end)


@given(st.integers(2000, 2040), st.integers(1, 12))
def test_month_end_deadline(year, month):
    d = find_deadline(f"力争{year}年{month}月底前完成建设")
    assert d.end.year == year and d.end.month == month and (d.end.replace(day=1) if month == 12 else d.end).day in (1, 28, 29, 30, 31)


def test_no_deadline_in_plain_years():
    assert find_deadline("2022年全市生产总值增长") is None


@pytest.mark.parametrize(
    "mention, entity",
    [
        ("市发改委", "曲靖市发展和改革委员会"),
        ("市发展改革委", "曲靖市发展和改革委员会"),
        ("曲靖市发展和改革委员会", "曲靖市发展和改革委员会"),
        ("曲靖经开区管委会", "曲靖经济技术开发区管理委员会"),
        ("曲靖经济技术开发区管委会", "曲靖经济技术开发区管理委员会"),
        ("市医保局", "曲靖市医疗保障局"),
        ("市医疗保障局", "曲靖市医疗保障局"),
        ("各县、市、区人民政府", "各县（市、区）人民政府"),
        ("市人力资源和社会保障局", "曲靖市人力资源和社会保障局"),
    ],
)
def test_resolution(mention, entity):
    assert RESOLVER.resolve(mention).agency.name == entity


def test_unseen_spellings_resolve_by_rule():
    """Spellings not in the data file: city prefix added or dropped, 和 and 委员会 varied."""
    for spelling in ("曲靖市医疗保障局", "曲靖市住房城乡建设局", "市市场监督管理局", "曲靖市发展改革委员会"):
        assert RESOLVER.resolve(spelling).known, spelling


def test_ocr_variant_is_not_merged():
    res = RESOLVER.resolve("宣城市人民政府")
    assert not res.known and res.agency.name == "宣城市人民政府"


def test_generic_type_links_to_city_agency():
    res = RESOLVER.resolve("卫生健康行政部门")
    assert res.agency.type == "generic" and res.agency.members == ("曲靖市卫生健康委员会",)


def test_group_members_come_from_division_data():
    group = RESOLVER.resolve("各县（市、区）人民政府").agency
    assert len(group.members) == 9 and "宣威市人民政府" in group.members


def test_table_printed_with_spaces(assignments):
    """002 78号: `序号 事项内容 承办单位 计划决策时间`, rows printed with spaces and wrapped (9860–9862)."""
    rows = sorted((a.prov.line_start, a.mention, a.task.deadline_text) for a in assignments if a.task.doc_number == "曲政办函〔2023〕78号")
    assert len(rows) == 7
    assert rows[2] == (9862, "市交通运输局", "2023年第三季度")
    task = next(a.task for a in assignments if a.task.doc_number == "曲政办函〔2023〕78号" and a.prov.line_start == 9862)
    assert task.text == "曲靖市中心城区网络预约出租汽车经营服务管理实施细则"
    assert (task.deadline_start, task.deadline_end) == (date(2023, 7, 1), date(2023, 9, 30))


# -- what analysts ask, from the CLI ---------------------------------------------

def _cli(*args):
    from typer.testing import CliRunner

    from kg.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_lead_units_ranking_matches_the_hand_annotated_gold(built):
    """The analyst's question: the ranking agrees with lead tasks counted from the gold set by hand."""
    import collections
    import csv
    import json

    from kg.evaluation import GOLD

    counted, seen = collections.Counter(), set()
    for path in GOLD.glob("responsibilities_*.csv"):
        for r in csv.DictReader(path.open(encoding="utf-8")):
            if r["role"] == "lead" and (r["entity"], r["file"], r["task_line"]) not in seen:
                seen.add((r["entity"], r["file"], r["task_line"]))
                counted[r["entity"]] += 1
    # the gold counts units as written (卫生健康行政部门 apart); by default the query counts a type as its city agency
    result = _cli("query", "lead-units", "--graph", built[0], "--format", "json", "--param", "expand=no")
    assert result.exit_code == 0, result.output
    ranking = {r["agency_name"]: r["tasks"] for r in json.loads(result.stdout)[:8]}
    assert ranking == dict(counted.most_common(8))


def test_agency_profile_accepts_any_spelling(built):
    import json

    by_alias = json.loads(_cli("query", "agency-profile", "--graph", built[0], "-p", "agency=市发改委", "-f", "json").stdout)
    by_name = json.loads(_cli("query", "agency-profile", "--graph", built[0], "-p", "agency=曲靖市发展和改革委员会", "-f", "json").stdout)
    assert by_alias == by_name and len(by_alias) > 30
    energy = [r for r in json.loads(_cli("query", "agency-profile", "--graph", built[0], "-p", "agency=市能源局", "-f", "json").stdout) if r["line"] == 515]
    assert energy[0]["role"] == "lead" and energy[0]["due_by"] == "2022-04-15" and "曲靖市发展和改革委员会(cooperate)" in energy[0]["partners"]
    missing = _cli("query", "agency-profile", "--graph", built[0])
    assert missing.exit_code != 0 and "--param agency" in missing.output


def test_expand_counts_groups_as_members(built):
    import json

    plain = {r["agency_name"]: r["tasks"] for r in json.loads(_cli("query", "lead-units", "--graph", built[0], "-p", "expand=no", "-f", "json").stdout)}
    expanded = {r["agency_name"]: r["tasks"] for r in json.loads(_cli("query", "lead-units", "--graph", built[0], "-p", "expand=yes", "-f", "json").stdout)}
    assert "各县（市、区）人民政府" in plain and "各县（市、区）人民政府" not in expanded
    assert expanded["宣威市人民政府"] >= plain["各县（市、区）人民政府"]
    # 卫生健康行政部门 (generic) counts for 曲靖市卫生健康委员会
    assert expanded["曲靖市卫生健康委员会"] >= plain["卫生健康行政部门"]


def test_export_responsibilities_columns(built):
    import csv
    import io

    result = _cli("export", "responsibilities", "--graph", built[0], "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"doc_number", "task_id", "task", "role", "mention", "entity_id", "entity_name", "deadline", "source", "line"} <= set(rows[0])
    row = next(r for r in rows if r["mention"] == "市发改委")
    assert row["entity_name"] == "曲靖市发展和改革委员会" and row["source"].endswith("001_aec869a62786b268.txt")


def test_resolve_command_explains():
    out = _cli("resolve", "市医保局", "--in", "曲靖市")
    assert out.exit_code == 0 and "曲靖市医疗保障局" in out.output and "alias" in out.output
    elsewhere = _cli("resolve", "市医保局", "--in", "东莞市")
    assert elsewhere.exit_code == 0 and "东莞市医疗保障局" in elsewhere.output and "曲靖" not in elsewhere.output
    unplaced = _cli("resolve", "市医保局")  # no government given: a relative name stays itself, never 曲靖's
    assert unplaced.exit_code == 0 and "曲靖" not in unplaced.output


def test_same_facts_from_traditional_and_half_width_copies(tmp_path, assignments):
    """000 converted to traditional characters and 001 to half-width punctuation give the same
    assignments, at the same lines, as the printed issues."""
    from opencc import OpenCC

    from kg.build import build
    from tests.conftest import FILES

    (tmp_path / "000.txt").write_text(OpenCC("s2t").convert(FILES["000"].read_text("utf-8")), "utf-8")
    half = str.maketrans({"（": "(", "）": ")", "：": ":", "；": ";", "，": ","})
    (tmp_path / "001.txt").write_text(FILES["001"].read_text("utf-8").translate(half), "utf-8")
    variant = build([tmp_path / "000.txt", tmp_path / "001.txt"], tmp_path / "out")

    def keys(records, prefixes):
        return sorted((a.task.doc_number, a.role, a.mention, a.prov.line_start) for a in records
                      if isinstance(a, Assignment) and a.task.prov.file.split("/")[-1][:3] in prefixes)

    assert keys(variant.records, ("000", "001")) == keys(assignments, ("000", "001"))
