"""Responsibilities in other governments' documents (tests/data/other): each grammar on the
real document that carries it, and the whole set against its gold."""

from __future__ import annotations

from collections import Counter
from pathlib import Path, PurePosixPath

import pytest

from extractors.responsibilities import extract
from kg import jurisdiction
from kg.city import city_for
from kg.evaluation import other_gold
from kg.normalise import normalise
from kg.read import read_file
from kg.records import Assignment
from kg.segment import segment
from tests.conftest import ROOT

OTHER = ROOT / "tests" / "data" / "other"


def read(name: str, text: str | None = None, tmp_path: Path | None = None) -> list[Assignment]:
    """The assignments of one document (optionally of a changed copy of it)."""
    path = OTHER / name
    if text is not None and tmp_path is not None:
        path = tmp_path / name
        path.write_text(text, "utf-8")
    issue = segment(read_file(path))
    jurisdiction.assign(issue)
    where = jurisdiction.of_issue(issue)
    return [r for r in extract(issue, city_for(where.code if where else None)) if isinstance(r, Assignment)]


def rows(found: list[Assignment], line: int | None = None) -> list[tuple[str, str]]:
    return [(a.role, a.mention) for a in found if line is None or a.prov.line_start == line]


def test_first_listed_leads_under_a_document_wide_rule():
    """01 states `列第一位者为牵头单位，下同` inside its first statement; every later list follows it."""
    found = read("01_central-nongjihua.txt")
    assert rows(found, 16) == [("lead", "市场监管总局"), ("responsible", "工业和信息化部"), ("responsible", "发展改革委"), ("responsible", "农业农村部")]
    assert rows(found, 35) == [("lead", "各省级人民政府")]  # alone on its list, still the lead


def test_a_unit_added_to_every_later_task_of_its_section():
    """03: `以下均需试点城市政府落实，不再列出` adds the pilot cities' governments to each later sub-task of
    section 二 (not to sections 三 and 四), at the task's line."""
    found = read("03_central-wufeichengshi.txt")
    implied = Counter(a.prov.line_start for a in found if a.grammar == "standing_rule")
    gold = Counter(r["line"] for r in other_gold()["03_central-wufeichengshi.txt"]["assignments"] if r["cue"].endswith("（implied）"))
    assert implied == gold and sum(gold.values()) == 37
    assert all(a.mention == "试点城市政府" and a.role == "responsible" for a in found if a.grammar == "standing_rule")


def test_each_parenthetical_closes_its_own_task():
    """02 L33: the same ministry in two statements of one paragraph is two assignments."""
    found = read("02_central-tiyujingsai.txt")
    assert rows(found, 33).count(("responsible", "公安部")) == 2


def test_joint_lead_and_partners():
    """`X会同Y、Z和W制定`: X leads, the partners cooperate (06 L18), and `会同有关方面` (02 L35)."""
    found = read("06_shanghai-lingang-shuangte.txt")
    assert rows(found, 18) == [("lead", "市财政局"), ("cooperate", "浦东新区"), ("cooperate", "奉贤区"), ("cooperate", "临港地区管委会")]
    assert ("cooperate", "有关方面") in rows(read("02_central-tiyujingsai.txt"), 35)


def test_members_and_the_named_lead():
    """04: `由教育部、发展改革委…9个部门和单位组成，教育部为牵头单位`."""
    found = rows(read("04_central-zhijiao-lianxihuiyi.txt"), 19)
    assert found[0] == ("lead", "教育部") and len([r for r in found if r[0] == "participate"]) == 8


def test_one_cell_per_line_table():
    """05's attachment table flattened to one cell per line: the 指导部门 cell of each row."""
    found = read("05_central-chuangxin-gaige-table.txt")
    assert len(found) == 43 and {a.role for a in found} == {"responsible"} and {a.cue for a in found} == {"指导部门"}
    first = [a for a in found if a.task.text.startswith("知识产权民事、刑事、行政案件")]
    assert [a.mention for a in first] == ["最高人民法院", "最高人民检察院", "国家知识产权局"]


def test_a_wrapped_cell_is_recovered_by_content(tmp_path):
    """The same table with a 主要内容 cell broken over two lines: the unit cell is still found."""
    text = (OTHER / "05_central-chuangxin-gaige-table.txt").read_text("utf-8")
    cell = next(line for line in text.splitlines() if line.startswith("整合分散的审判资源"))
    broken = text.replace(cell, cell[:20] + "\n" + cell[20:], 1)
    assert Counter(rows(read("05_central-chuangxin-gaige-table.txt", broken, tmp_path))) == Counter(rows(read("05_central-chuangxin-gaige-table.txt")))


def test_pipe_table_in_traditional_characters():
    """12 (traditional): `重點任務 | 工作內容 | 負責科室 |`, and the page's own pipe metadata is no table."""
    assert rows(read("12_unknown-county-zhengwugongkai-trad.txt")) == [
        ("responsible", "各责任科室"), ("responsible", "各业务科室"), ("responsible", "综合科"), ("responsible", "综合科"), ("responsible", "综合科")]
    assert all(a.prov.line_start > 5 for a in read("09_shandong-jinxiang-zhongyaogongzuo.txt"))  # 发布机构 | … is metadata


def test_glued_cells_are_split_by_content(tmp_path):
    """12 with the `|` before each unit cell lost: the units are read off the end of the glued cell."""
    text = (OTHER / "12_unknown-county-zhengwugongkai-trad.txt").read_text("utf-8")
    glued = "\n".join(line.replace("。 | ", "。", 1) if line.count("|") == 3 else line for line in text.splitlines())
    assert glued != text
    assert Counter(rows(read("12_unknown-county-zhengwugongkai-trad.txt", glued, tmp_path))) == Counter(rows(read("12_unknown-county-zhengwugongkai-trad.txt")))


def test_leader_named_in_a_heading_and_a_labelled_line_below_its_task():
    """08: `一、朱伟县长牵头重点工作` over the tasks of its section; `责任单位:县财政局。` on its own line."""
    found = read("08_zhejiang-changxing-zhongdiangongzuo.txt")
    assert [(a.prov.line_start, a.role, a.mention) for a in found] == [(40, "responsible", "县财政局"), (36, "leader", "朱伟")]


def test_group_phrases_and_enumerated_points():
    """10: `由各镇(办)负责实施` keeps the group whole; `一是…二是…三是` are tasks of their own."""
    found = read("10_henan-huiji-jiaotong.txt")
    assert ("responsible", "各镇（办）") in rows(found)
    assert rows(found).count(("responsible", "区城管局")) == 2
    assert ("cooperate", "各区县市") in rows(read("07_zhejiang-hangzhou-hulianwang.txt"))


def test_half_width_and_full_width_copies_read_alike(tmp_path):
    """03 mixes full- and half-width parentheses; the whole text in half-width gives the same assignments."""
    text = (OTHER / "03_central-wufeichengshi.txt").read_text("utf-8")
    half = text.translate(str.maketrans("（），；：", "(),;:"))
    assert Counter(rows(read("03_central-wufeichengshi.txt", half, tmp_path))) == Counter(rows(read("03_central-wufeichengshi.txt")))


@pytest.fixture(scope="module")
def other_built(tmp_path_factory):
    from kg.build import build

    return build([OTHER], tmp_path_factory.mktemp("other"))


def test_other_governments_f1(other_built):
    """The target of issue 8: responsibilities F1 ≥ 0.90 on the other governments' documents."""
    from kg.evaluation import run_other

    score = next(s for s in run_other(other_built.issues, other_built.records, None) if s.measure == "(document, role, unit mention)")
    assert score.f1 >= 0.90 and score.precision >= 0.95, score


def test_every_gold_unit_written_as_in_the_text():
    """The scorer compares units as written (normalised), so each gold unit must occur on its line (implied rows aside)."""
    for name, gold in other_gold().items():
        lines = (OTHER / name).read_text("utf-8").splitlines()
        for r in gold["assignments"]:
            if not r["cue"].endswith("（implied）"):
                assert normalise(r["unit"]) in normalise(lines[r["line"] - 1]), (name, r)
    assert PurePosixPath(name).suffix == ".txt"
