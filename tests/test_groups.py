"""Leading groups, headquarters and duty lists (003:704–727, 001:582–584, 000:756/774–799, 002:5316–5598)."""

import json

from typer.testing import CliRunner

from extractors.groups import distribute_post, extract, split_list
from kg.city import load_city
from kg.cli import app
from kg.records.tables import DutyStatement, GroupMembership


def _members(issue):
    return [m for m in extract(issue, load_city("qujing")) if isinstance(m, GroupMembership)]


def test_medical_insurance_roster(issues):
    ms = {(m.role, m.member): m for m in _members(issues["003"])}
    assert ms[("组长", "刘本芳")].post == "市人民政府副市长"  # 708 组 长：刘本芳
    assert ("副组长", "市人民政府副秘书长") in ms and ms[("副组长", "市人民政府副秘书长")].member_type == "post"  # 709, name missing
    assert ("副组长", "张慧颖") in ms and ("成员", "浦丹") in ms and ("成员", "李在所") in ms  # 711; 718 浦 丹; 717 after a blank line
    assert ("办公室设在", "市医疗保障局") in ms and ("办公室主任", "张慧颖") in ms  # 725
    assert sum(m.role == "成员" for m in ms.values()) == 11


def test_earthquake_headquarters(issues):
    ms = [(m.role, m.member) for m in _members(issues["001"])]
    assert ("指挥长", "市人民政府分管领导") in ms
    assert ("办公室副主任", "市地震局分管领导") in ms and ("办公室副主任", "市住房城乡建设局分管领导") in ms  # distributed post
    assert sum(r == "成员单位" for r, _ in ms) == 41 and ("成员单位", "武警曲靖支队") in ms


def test_5g_group_from_prose_and_annex(issues):
    ms = _members(issues["000"])
    assert {m.group for m in ms} == {"全市5G通信基础设施建设工作推进组", "曲靖市5G通信基础设施建设工作推进组"}  # as written in the text, in the annex (one group: the resolve stage)
    assert ("办公室设在", "市工业和信息化局") in [(m.role, m.member) for m in ms]
    assert ("成员单位", "市通管办", 799) in [(m.role, m.member, m.prov.line_start) for m in ms]


def test_duty_list(issues):
    duties = [d for d in extract(issues["002"], load_city("qujing")) if isinstance(d, DutyStatement)]
    assert len(duties) == 32 and duties[0].unit == "市委网信办" and duties[-1].unit == "武警曲靖支队"
    assert duties[0].duty.startswith("加强气象灾害网络舆情收集")


def test_list_helpers():
    assert split_list("各县、市、区人民政府、曲靖经开区管委会", load_city("qujing")) == ["各县、市、区人民政府", "曲靖经开区管委会"]
    assert distribute_post(["市地震局", "市住房城乡建设局分管领导"]) == ["市地震局分管领导", "市住房城乡建设局分管领导"]
    assert distribute_post(["市应急局局长", "市地震局局长"]) == ["市应急局局长", "市地震局局长"]


def test_group_members_query(built):
    out = CliRunner().invoke(app, ["query", "group-members", "--graph", str(built[0]), "--param", "group=医疗保障", "--format", "json"])
    rows = json.loads(out.output)
    assert ("组长", "刘本芳", "市人民政府副市长") in [(r["role"], r["member"], r["post"]) for r in rows]


def test_export_groups_csv(built):
    out = CliRunner().invoke(app, ["export", "groups", "--graph", str(built[0]), "--format", "csv"])
    assert out.exit_code == 0 and out.output.startswith("group,role,member,member_kind,post,doc_number,source,line")


def test_roster_written_into_one_sentence(issues):
    """002 38号 (3565–3571): 成立由市人民政府分管副市长任组长，市卫生健康委主要领导任副组长，
    市相关部门和市级医疗机构分管负责人为成员的曲靖市院前急救体系建设领导小组."""
    got = sorted((m.role, m.member, m.member_type) for m in _members(issues["002"]) if m.group == "曲靖市院前急救体系建设领导小组")
    assert got == [
        ("副组长", "市卫生健康委主要领导", "post"),
        ("成员", "市相关部门和市级医疗机构分管负责人", "post"),
        ("组长", "市人民政府分管副市长", "post"),
    ]
