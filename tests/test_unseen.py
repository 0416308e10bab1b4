"""Gazettes of other governments, in phrasings the sample corpus does not use.

tests/data/unseen/ holds two short documents written for these tests in the styles other
gazettes use (a task line followed by 牵头单位:/责任单位:/完成时限: lines, `X牵头；Y负责；…完成`,
`[牵头单位:X;责任单位:Y]`, `实施部门：X。配合部门：Y`, traditional characters, 東府〔2021〕54號).
They are built as a user would, without --city: each document read in the government its text names, with no city data for a city that has none.
"""

from datetime import date
from pathlib import Path

import pytest

from kg.build import build
from kg.records import Assignment

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    files = [UNSEEN / "jingzhou_style.txt", UNSEEN / "dongguan_traditional.txt"]
    return build(files, tmp_path_factory.mktemp("unseen"))


def assigned(result, number, item):
    return sorted((a.role, a.mention) for a in result.records if isinstance(a, Assignment) and a.task.doc_number == number and a.task.section[-1:] == (item,))


def test_documents(unseen):
    docs = {d.number: d for i in unseen.issues for d in i.documents}
    assert set(docs) == {"某政办发〔2021〕5号", "东府〔2021〕54号"}
    east = docs["东府〔2021〕54号"]  # printed 東府〔2021〕54號 in traditional characters
    assert east.title == "东莞市人民政府关于印发东莞市推进数字政府建设实施方案的通知"
    assert (east.issuers, east.signed) == (("东莞市人民政府",), date(2021, 9, 30))
    other = docs["某政办发〔2021〕5号"]
    assert [(r.kind, r.number) for r in other.references] == [("repeals", "某政办发〔2019〕12号")]
    assert (east.jurisdiction.code, east.jurisdiction.evidence) == ("441900", "issuer 东莞市人民政府")
    # 某某市 names no real government: the one warning says so (its names stay its own)
    assert other.jurisdiction is None
    assert [w for w in map(str, unseen.warnings) if "jurisdiction unknown" not in w] == []
    assert len(unseen.warnings) == 1 and "jingzhou_style.txt" in str(unseen.warnings[0])


def test_suffix_clauses_with_deadline(unseen):
    assert assigned(unseen, "某政办发〔2021〕5号", "1") == [("lead", "市市场监管局"), ("responsible", "市人力资源社会保障局"), ("responsible", "市税务局")]
    task = next(a.task for a in unseen.records if isinstance(a, Assignment) and a.task.section == ("一", "1"))
    assert task.deadline_end == date(2021, 6, 30)


def test_labelled_lines_after_the_task(unseen):
    assert assigned(unseen, "某政办发〔2021〕5号", "2") == [
        ("lead", "市住房城乡建设局"), ("responsible", "各区人民政府"), ("responsible", "市生态环境局"), ("responsible", "市规划和自然资源委"),
    ]
    task = next(a.task for a in unseen.records if isinstance(a, Assignment) and a.task.section == ("一", "2"))
    assert task.deadline_text == "2021年12月底前" and task.deadline_end == date(2021, 12, 31)


def test_square_bracket_labels(unseen):
    assert assigned(unseen, "某政办发〔2021〕5号", "3") == [("lead", "市场监管局"), ("responsible", "各区政府")]


def test_labelled_sentences_inside_a_paragraph(unseen):
    assert assigned(unseen, "某政办发〔2021〕5号", "4") == [("cooperate", "国网某某供电公司"), ("cooperate", "市财政局"), ("responsible", "市发展改革委")]


def test_prose_lead_and_cooperate(unseen):
    assert assigned(unseen, "某政办发〔2021〕5号", "5") == [("cooperate", "人民银行某某中心支行"), ("cooperate", "市财政局"), ("lead", "市金融工作局")]


def test_traditional_characters(unseen):
    assert assigned(unseen, "东府〔2021〕54号", "（一）") == [("cooperate", "市发展和改革局"), ("cooperate", "市财政局"), ("lead", "市政务服务数据管理局")]
    assert assigned(unseen, "东府〔2021〕54号", "（二）") == [("responsible", "各镇人民政府（街道办事处）"), ("responsible", "市政务服务数据管理局")]
    quotes = [a.prov.quote for a in unseen.records if isinstance(a, Assignment) and a.task.section == ("一", "（一）")]
    assert "市政務服務數據管理局" in quotes  # provenance keeps the characters as printed


def test_group_spellings_resolve_together_without_city_data(unseen):
    ids = {a.mention for a in unseen.records if isinstance(a, Assignment) and a.mention in ("各区政府", "各区人民政府")}
    assert ids == {"各区政府", "各区人民政府"}
    from kg.resolve import resolver_for

    resolver = resolver_for("generic")
    assert resolver.resolve("各区政府").agency.name == resolver.resolve("各区人民政府").agency.name


def test_number_above_title_and_chinese_numeral_date(tmp_path):
    """A county's documents with the 文号 (and 签发人) printed above the title, a red header
    (某某县人民政府文件) and a signing date in Chinese numerals (二〇二四年三月十五日)."""
    result = build([UNSEEN / "number_above_title.txt"], tmp_path)
    docs = result.issues[0].documents
    assert [(d.number, d.title, d.issuers, d.signed) for d in docs] == [
        ("某政发〔2024〕3号", "某某县人民政府关于印发某某县农村人居环境整治提升五年行动方案的通知", ("某某县人民政府",), date(2024, 3, 15)),
        ("某政办发〔2024〕7号", "某某县人民政府办公室关于做好2024年防汛工作的通知", ("某某县人民政府办公室",), date(2024, 4, 2)),
    ]
    assert docs[0].recipients == "各乡（镇）人民政府，县直各部门"
    got = sorted((a.task.doc_number, a.role, a.mention) for a in result.records if isinstance(a, Assignment))
    assert got == [
        ("某政办发〔2024〕7号", "responsible", "县水务局"),
        ("某政发〔2024〕3号", "cooperate", "县卫生健康局"),
        ("某政发〔2024〕3号", "cooperate", "县生态环境局"),
        ("某政发〔2024〕3号", "cooperate", "各乡（镇）人民政府"),
        ("某政发〔2024〕3号", "lead", "县住房城乡建设局"),
        ("某政发〔2024〕3号", "lead", "县农业农村局"),
    ]
    assert result.warnings and all("jurisdiction unknown" in str(w) for w in result.warnings)  # 某某县 is no real county
