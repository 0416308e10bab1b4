"""Each document's government, read from its text, and names resolved inside it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from rdflib.namespace import RDFS

from kg import jurisdiction
from kg.build import build
from kg.city import city_for, load_city
from kg.divisions import NATIONAL, named
from kg.read import read_file
from kg.records import Assignment
from kg.resolve import resolve_in, resolver_of, unplaced
from kg.segment import segment
from kg.store import load
from tests.conftest import FILES, ROOT

OTHER = ROOT / "tests" / "data" / "other"


def _doc_jurisdiction(name: str):
    issue = segment(read_file(OTHER / name))
    warnings = jurisdiction.assign(issue)
    return issue.documents[0].jurisdiction, warnings


@pytest.mark.parametrize(
    ("name", "code", "evidence"),
    [
        ("01_central-nongjihua.txt", NATIONAL, "文号 国发"),
        ("02_central-tiyujingsai.txt", NATIONAL, "文号 国办发"),
        ("06_shanghai-lingang-shuangte.txt", "310000", "heading 上海市人民政府"),
        ("07_zhejiang-hangzhou-hulianwang.txt", "330100", "heading 杭州市"),
        ("08_zhejiang-changxing-zhongdiangongzuo.txt", "330522", "issuer 长兴县人民政府办公室"),
        ("09_shandong-jinxiang-zhongyaogongzuo.txt", "370828", "issuer 金乡县人民政府"),
        ("11_sichuan-qianwei-sigongyinong.txt", "511123", "heading 犍为县"),
        ("14_gansu-zhangye-yaoshiji.txt", "620700", "来源"),
    ],
)
def test_government_read_from_the_text(name, code, evidence):
    found, warnings = _doc_jurisdiction(name)
    assert found is not None and found.code == code and found.evidence.startswith(evidence)
    assert warnings == []


def test_sample_gazette_documents_are_qujing(issues):
    for issue in issues.values():
        jurisdiction.assign(issue)
        assert {d.jurisdiction.code for d in issue.documents} == {"530300"}
    assert city_for("530300").name == "曲靖市" and city_for("530302").name == "曲靖市"
    assert city_for("441900").code == ""  # no data for 东莞: the generic data, never 曲靖's


def test_unknown_government_is_a_warning_not_a_default():
    """12 names no place at all (a county bureau, traditional characters): no jurisdiction, one warning."""
    found, warnings = _doc_jurisdiction("12_unknown-county-zhengwugongkai-trad.txt")
    assert found is None
    assert len(warnings) == 1 and "jurisdiction unknown" in warnings[0].message


def test_number_prefix_is_checked_against_the_places_named():
    assert jurisdiction.from_number("東府〔2020〕1号", list(named("东莞市"))).code == "441900"
    assert jurisdiction.from_number("鞍立政发〔2021〕3号", list(named("立山区"))).code == "210304"
    assert jurisdiction.from_number("鞍立政发〔2021〕3号", list(named("鞍山市"))).code == "210300"
    assert jurisdiction.from_number("冀政发〔2019〕2号", []).code == "130000"
    assert jurisdiction.from_number("東府〔2020〕1号", list(named("曲靖市"))) is None


@pytest.mark.parametrize(
    ("mention", "code", "entity"),
    [
        ("市财政局", "441900", "东莞市财政局"),
        ("市财政局", "530300", "曲靖市财政局"),
        ("区工信局", "210304", "鞍山市立山区工业和信息化局"),
        ("县发改局", "330522", "湖州市长兴县发展和改革局"),
        ("市财政局", "310117", "上海市财政局"),
        ("省教育厅", "530302", "云南省教育厅"),
        ("发展改革委", NATIONAL, "国家发展和改革委员会"),
        ("市场监管总局", "441900", "国家市场监督管理总局"),
        ("东莞市财政局", "530300", "东莞市财政局"),
    ],
)
def test_relative_names_resolve_inside_the_documents_government(mention, code, entity):
    assert resolve_in(mention, jurisdiction.of_code(code, "test")).agency.name == entity


def test_names_without_a_place_stay_apart_per_government():
    dongguan = resolve_in("县发改局", jurisdiction.of_code("441900", "test")).agency
    qujing = resolve_in("县发改局", jurisdiction.of_code("530300", "test")).agency
    unknown = resolve_in("市财政局", unplaced("a.txt", 1)).agency
    assert (dongguan.name, dongguan.scope) == ("县发改局", "441900") and qujing.scope == "530300"
    assert unknown.name == "市财政局" and unknown.scope and unknown.scope != resolve_in("市财政局", unplaced("b.txt", 1)).agency.scope


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """One build of a folder mixing 曲靖's gazette issue with every other government's document."""
    out = tmp_path_factory.mktemp("mixed")
    return out, build([FILES["000"], OTHER], out)


def test_no_agency_of_another_government_resolves_to_a_qujing_body(mixed):
    _, result = mixed
    qujing = {a.name for a in load_city("qujing").agencies.values() if a.type != "group"}
    docs = {(i.file, d.ordinal): d for i in result.issues for d in i.documents}
    checked = 0
    others = {p.name for p in OTHER.glob("*.txt")}
    for a in result.records:
        if not isinstance(a, Assignment) or a.role == "leader" or PurePosixPath(a.prov.file).name not in others:
            continue
        doc = docs[(a.prov.file, a.task.doc_ordinal)]
        where = doc.jurisdiction or unplaced(a.prov.file, doc.ordinal)
        res = resolver_of(city_for(where.code or None)).resolve(a.mention, where=where)
        assert res.agency.name not in qujing and not res.agency.name.startswith("曲靖"), (a.prov.file, a.mention, res.how)
        checked += 1
    assert checked > 100


def test_a_folder_mixing_cities_keeps_each_citys_agencies_apart(mixed):
    out, result = mixed
    labels = {str(o) for o in load(out).objects(None, RDFS.label)}
    assert {"曲靖市发展和改革委员会", "杭州市发展和改革委员会"} <= labels  # 市发改委 in 000 (曲靖) and in 07 (杭州)
    assert any("12_unknown-county-zhengwugongkai-trad.txt" in str(w) and "jurisdiction unknown" in str(w) for w in result.warnings)
    assert any(PurePosixPath(i.file).name.startswith("000") for i in result.issues)
