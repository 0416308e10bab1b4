"""Segmenting the real sample issues: documents, their metadata, the issue's parts."""

from datetime import date

import pytest

from tests.conftest import doc_by_number


@pytest.mark.parametrize("key, expected", [("000", 7), ("001", 5), ("003", 7)])
def test_document_count_equals_table_of_contents(issues, key, expected):
    issue = issues[key]
    toc_documents = [e for e in issue.toc if e.title != "大事记"]
    assert len(toc_documents) == expected
    assert len(issue.documents) == expected
    assert {e.title for e in toc_documents} == {d.title for d in issue.documents}
    assert not [w for w in issue.warnings if "table of contents" in w.message]


def test_issue_without_front_matter_still_splits(issues):
    """002 lost its cover and contents; its 9 documents come from the headings alone."""
    issue = issues["002"]
    assert issue.toc == []
    assert [d.number for d in issue.documents] == [
        "曲政发〔2023〕34号", "曲政办发〔2023〕38号", "曲政办发〔2023〕39号", "曲政办发〔2023〕40号",
        "曲政办发〔2023〕41号", "曲政办发〔2023〕42号", "曲政办发〔2023〕49号", "曲政办函〔2023〕75号", "曲政办函〔2023〕78号",
    ]
    assert issue.period == "2023.7"  # from the running header
    assert issue.gazette == "曲靖市人民政府公报"


@pytest.mark.parametrize(
    "key, number, title, issuer, signed, doc_type",
    [
        ("000", "曲政发〔2021〕51号", "曲靖市人民政府关于印发曲靖市“十四五”消防救援事业发展规划的通知", "曲靖市人民政府", date(2021, 11, 18), "通知"),
        ("000", "曲政发〔2021〕56号", "曲靖市人民政府关于推动创新创业高质量发展打造“双创”升级版的实施意见", "曲靖市人民政府", date(2021, 12, 23), "意见"),
        ("000", "曲政办发〔2021〕55号", "曲靖市人民政府办公室关于加快建设体育强市的实施意见", "曲靖市人民政府办公室", date(2021, 12, 15), "意见"),
        ("001", "曲政办发〔2022〕29号", "曲靖市人民政府办公室关于印发曲靖市2022年光伏发电建设实施方案的通知", "曲靖市人民政府办公室", date(2022, 4, 20), "通知"),
        ("001", "曲政办发〔2022〕33号", "曲靖市人民政府办公室关于印发曲靖市地震应急预案的通知", "曲靖市人民政府办公室", date(2022, 4, 23), "通知"),
        ("002", "曲政发〔2023〕34号", "曲靖市人民政府关于公布《曲靖市赋予乡镇（街道）部分县级行政职权目录（2023年版）》的决定", "曲靖市人民政府", date(2023, 7, 21), "决定"),
        # printed without a 通知 heading: the issuer is only in the signature
        ("002", "曲政办发〔2023〕38号", "曲靖市院前急救体系建设三年行动方案（2023—2025年）", "曲靖市人民政府办公室", date(2023, 7, 5), "方案"),
        ("002", "曲政办函〔2023〕75号", "曲靖市人民政府办公室关于印发曲靖市预防中小学生溺水七条措施等5个文件的通知", "曲靖市人民政府办公室", date(2023, 7, 5), "通知"),
        ("003", "曲政办规〔2022〕7号", "曲靖市人民政府办公室关于印发曲靖市管道燃气特许经营管理办法（试行）的通知", "曲靖市人民政府办公室", date(2022, 8, 25), "通知"),
    ],
)
def test_named_documents(issues, key, number, title, issuer, signed, doc_type):
    doc = doc_by_number(issues[key], number)
    assert doc.title == title
    assert doc.issuers == (issuer,)
    assert doc.signed == signed
    assert doc.doc_type == doc_type


def test_plan_title_and_recipients(issues):
    doc = doc_by_number(issues["001"], "曲政办发〔2022〕34号")
    assert doc.plan_title == "曲靖市招商引资三年行动计划（2022—2024年）"
    assert doc.recipients == "各县（市、区）人民政府，曲靖经济技术开发区管委会，市直各委、办、局"
    # recipients wrapped over two lines of the narrow layout
    assert doc_by_number(issues["002"], "曲政办发〔2023〕38号").recipients == "各县（市、区）人民政府，曲靖经开区管委会，市直有关单位"


@pytest.mark.parametrize(
    "key, number, repealed",
    [
        ("001", "曲政办发〔2022〕33号", {"曲政办发〔2014〕48号"}),
        ("002", "曲政办发〔2023〕41号", {"曲政办发〔2020〕21号"}),  # 同时废止 on the next line
        ("000", "曲政发〔2021〕56号", set()),
    ],
)
def test_repealed_documents(issues, key, number, repealed):
    doc = doc_by_number(issues[key], number)
    assert {r.number for r in doc.references if r.kind == "repeals"} == repealed


@pytest.mark.parametrize(
    "key, number, cited",
    [
        ("000", "曲政发〔2021〕56号", {"国发〔2018〕32号", "云政发〔2020〕6号"}),
        ("000", "曲政办发〔2021〕55号", {"国办发〔2019〕40号", "云政办发〔2020〕47号", "曲委教组〔2020〕4号"}),
        ("002", "曲政发〔2023〕34号", {"云政发〔2023〕9号"}),  # split over lines: （云政 / 发〔2023〕9 号）
        ("002", "曲政办发〔2023〕42号", {"曲政发〔2018〕74号", "曲政办发〔2018〕40号", "曲政办规〔2018〕2号"}),
        ("003", "曲政办发〔2022〕68号", {"国办发〔2020〕53号", "云政办发〔2021〕32号"}),
    ],
)
def test_cited_documents(issues, key, number, cited):
    doc = doc_by_number(issues[key], number)
    assert {r.number for r in doc.references if r.kind == "cites"} == cited


def test_cited_title_is_the_one_next_to_the_number(issues):
    doc = doc_by_number(issues["002"], "曲政发〔2023〕34号")
    (ref,) = doc.references
    assert ref.title == "云南省人民政府关于公布乡镇（街道）行政职权基本目录和赋予乡镇（街道）部分县级行政职权指导目录的决定"


def test_front_matter(issues):
    assert (issues["000"].gazette, issues["000"].period) == ("曲靖市人民政府公报", "2021.12")
    board = [(m.role, m.person) for m in issues["000"].board]
    assert board[:3] == [("编委主任", "李金林"), ("编委副主任", "段庆东"), ("编委成员", "周洲")]
    assert len([m for m in board if m[0] == "编委成员"]) == 16
    assert ("责任编辑", "李杰") in board
    # 003 prints 主 编 赵 松 with spaces and leaves three roles empty
    board3 = [(m.role, m.person) for m in issues["003"].board]
    assert ("主编", "赵松") in board3 and ("责任编辑", "阳春") in board3
    assert not [m for m in board3 if m[0] in ("编委主任", "编委副主任", "副主编")]


@pytest.mark.parametrize("key, line", [("000", 1216), ("001", 1250), ("002", 9872), ("003", 1622)])
def test_chronicle_located(issues, key, line):
    (part,) = issues[key].parts
    assert part.kind == "chronicle" and part.prov.line_start == line


def test_appointments_are_a_document(issues):
    doc = doc_by_number(issues["003"], "曲政任〔2022〕18号")
    assert doc.kind == "appointments" and doc.title == "人事任免"
    assert doc.prov.line_start == 1613


def test_section_tree(issues):
    doc = doc_by_number(issues["001"], "曲政发〔2022〕18号")
    paths = {s.path: s for s in doc.sections}
    assert paths[("一",)].title == "毫不松懈抓好常态化疫情防控"
    assert ("一", "（一）") in paths
    assert paths[("七", "（二十七）")].line_start == 174
    # numbering restarts under each part
    fire = {s.path: s for s in doc_by_number(issues["000"], "曲政发〔2021〕51号").sections}
    assert fire[("二", "（一）")].title == "新的城市定位给消防安全工作带来新挑战"
    assert fire[("三", "（一）")].title == "指导思想"


def test_attachments(issues):
    doc = doc_by_number(issues["002"], "曲政办发〔2023〕38号")
    assert [a.label for a in doc.attachments] == ["1", "2", "3", "4", "5", "6"]
    assert doc.attachments[0].title == "曲靖市院前急救体系建设三年计划任务表"  # wrapped over two lines


def test_tables_with_repeated_headers(issues):
    doc = doc_by_number(issues["000"], "曲政办发〔2021〕48号")
    (table,) = doc.tables
    assert table.header[:2] == ("序号", "主要内容")  # printed with traditional 內
    assert len(table.rows) == 19 and table.repeated_headers == (789,)


def test_running_headers_do_not_cut_sentences(issues):
    """000 line 123/125/127: 设置“开机 ⏎ 曲政发 ⏎ “30秒”播放 is one sentence again."""
    doc = doc_by_number(issues["000"], "曲政发〔2021〕51号")
    from kg.layout import build_layout
    from kg.read import read_file
    from tests.conftest import FILES

    blocks = build_layout(read_file(FILES["000"]).lines).blocks
    assert any("设置“开机“30秒”播放消防知识" in b.str for b in blocks)
    assert doc.prov.line_start == 73


def test_running_titles_inside_sentences_are_dropped():
    """002: the plan's title printed at the top of a page lands mid-sentence (3714 …中央农村 ⏎
    3716 曲靖市深化农业水价综合改革三年行动方案 ⏎ 3717 （2023—2025 年） ⏎ 3719 工作会议精神…)."""
    from kg.layout import build_layout
    from kg.read import read_file
    from tests.conftest import FILES

    layout = build_layout(read_file(FILES["002"]).lines)
    assert {3716, 3717, 5201, 6567, 6568} <= {line for line, why in layout.dropped if why == "running title"}
    assert any("党的二十大及中央农村工作会议精神" in b.str for b in layout.blocks)
    # titles that head their documents stay
    assert any(b.str == "曲靖市院前急救体系建设三年行动方案" for b in layout.blocks)


def test_other_gazette_front_matter():
    """Another city's gazette: period written 2019年第12期, TOC with …… leaders, issuer code 鞍立政发."""
    from kg.read import SourceFile
    from kg.segment import segment

    text = "\n".join([
        "鞍山市人民政府公报", "", "2019年第12期", "", "目  录", "", "鞍山市人民政府关于加强安全生产工作的决定……2", "",
        "鞍山市人民政府关于加强安全生产工作的决定", "", "鞍立政发〔2019〕8号", "", "各县（市）区人民政府，市政府各部门：", "",
        "为加强安全生产工作，现作如下决定。", "", "鞍山市人民政府", "2019年12月3日",
    ])
    issue = segment(SourceFile("other.txt", "utf-8", tuple(text.split("\n"))))
    assert (issue.gazette, issue.period) == ("鞍山市人民政府公报", "2019-12")
    (doc,) = issue.documents
    assert (doc.number, doc.doc_type, doc.signed, doc.issuers) == ("鞍立政发〔2019〕8号", "决定", date(2019, 12, 3), ("鞍山市人民政府",))
    assert [(e.title, e.page) for e in issue.toc] == [(doc.title, 2)] and issue.warnings == []
