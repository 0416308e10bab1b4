"""The 34号 vertical-text power catalogue (002:112–3104) and the general vertical-table reader."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extractors.powers import extract
from extractors.vertical_tables import SEP, find_regions, read_region
from kg.city import load_city
from kg.cli import app
from kg.records.tables import Power


def test_thirty_rows(issues):
    powers = [p for p in extract(issues["002"], load_city("qujing")) if isinstance(p, Power)]
    assert [p.seq for p in powers] == list(range(1, 31))
    assert [p.province_seq for p in powers][:3] == ["19", "20", "21"] and powers[17].province_seq == "103"  # 1934 18 / 1935 10 / 1937 3
    by_dept = {}
    for p in powers:
        by_dept[p.department] = by_dept.get(p.department, 0) + 1
    # decision text (002:33–39): 自然资源 5 (规划 3 + 自然资源 2), 城市管理 4, 交通运输 6, 水务 2, 林草 13
    assert by_dept["县级林草行政主管部门"] == 13 and by_dept["县级交通运输行政主管部门"] == 6 and by_dept["县级水行政主管部门"] == 2


def test_row_two_split_mid_pair(issues):
    p = next(p for p in extract(issues["002"], load_city("qujing")) if isinstance(p, Power) and p.seq == 2)
    assert (p.name, p.power_type) == ("对未按照批准内容进行临时建设的处罚", "行政处罚")  # 罚行 / 政处 pairs (002:268–340)
    assert (p.prov.line_start, p.prov.line_end) == (268, 340)


def test_laws_and_notes(issues):
    p = next(p for p in extract(issues["002"], load_city("qujing")) if isinstance(p, Power) and p.seq == 7)
    assert [law.title for law in p.laws] == ["城市市容和环境卫生管理条例", "云南省城市市容和环境卫生管理实施办法"]
    assert p.laws[1].issuer_note == "云南省人民政府令1997年第42号"  # 令 / 19 / 97 年 … not row starts
    assert (p.delegated_from, p.delegated_to, p.doc_number) == ("县级", "乡镇（街道）", "曲政发〔2023〕34号")


def test_repeated_header_dropped(issues):
    p = next(p for p in extract(issues["002"], load_city("qujing")) if isinstance(p, Power) and p.seq == 9)
    assert "序号" not in p.basis and p.prov.line_end == 1222  # header repeats at 1223


def _vertical(text: str, gap_every: int = 2) -> tuple[str, ...]:
    """Lay out text one character per line, a blank line after every `gap_every` lines."""
    lines: list[str] = []
    for i, ch in enumerate(text):
        lines.append(" " if ch == SEP else ch)
        if (i + 1) % gap_every == 0:
            lines.append("")
    return tuple(lines)


cell = st.text(alphabet="县级部门处罚林草水务对的法规例", min_size=3, max_size=12)  # no unit character (年, 条 …) first: "1条" is text


@settings(max_examples=40, deadline=None)
@given(st.lists(cell, min_size=2, max_size=6))
def test_reader_recovers_rows_it_is_given(bodies):
    """Any numbered rows laid out vertically come back with their numbers and text."""
    lines = ["附", "件", ""] + list(_vertical("行政职权目录" * 7)) + ["序", "号", "", "名", "称", ""]  # a title long enough to count
    for k, body in enumerate(bodies, 1):
        lines += ["", *str(k)] + [""] + list(_vertical(body))
    lines += [""] * 2 + ["x" * 10]
    regions = find_regions(tuple(lines))
    assert len(regions) == 1
    table = read_region(tuple(lines), *regions[0])
    assert [r.seq for r in table.rows] == list(range(1, len(bodies) + 1))
    assert [r.text.text for r in table.rows] == bodies


def test_export_powers_json(built):
    out = CliRunner().invoke(app, ["export", "powers", "--graph", str(built[0]), "--format", "json"])
    rows = json.loads(out.output)
    assert len(rows) == 30 and rows[0]["laws"] == "中华人民共和国城乡规划法" and rows[0]["line"] == 199


def test_powers_by_department(built):
    out = CliRunner().invoke(app, ["query", "powers-by-department", "--graph", str(built[0]), "--param", "department=林草", "--format", "json"])
    rows = json.loads(out.output)
    assert [(r["department"], r["powers"]) for r in rows] == [("县级林草行政主管部门", 13)]
