"""The site's pages, read as files: what they link, what they quote, what they never contain."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from tests.site_models import HOSTILE, hostile_model, small_model, write_graph
from visualizations.catalogue import Catalogue
from visualizations.site import find_entity, write_site, write_viz

EXTERNAL = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:|//|javascript:)""", re.I)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("site")
    graph = write_graph(small_model(), base / "graph")
    report = write_site(graph, base / "site")
    return graph, base / "site", report


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_offline_and_has_a_policy(small_site):
    _, site, report = small_site
    assert report.pages == sum(1 for p in site.rglob("*") if p.is_file() and p.name != ".kg-site")
    for page in pages(site):
        html = page.read_text("utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
        assert unescape(policy).startswith("default-src 'none'; script-src 'self';"), page
        assert not EXTERNAL.search(html), page
        assert "<script>" not in html  # no inline script on a site page: the policy would block it anyway


def test_alias_finds_the_agency_and_its_page_names_the_build(small_site):
    graph, site, _ = small_site
    cat = Catalogue(small_model())
    ndrc = find_entity(cat, "市发改委")
    assert ndrc.name == "曲靖市发展和改革委员会"
    html = (site / cat.url(ndrc)).read_text("utf-8")
    assert "<h1>曲靖市发展和改革委员会</h1>" in html and "市发改委" in html
    assert str(graph) in html and "model " in html  # the build it came from
    assert re.fullmatch(r"agency/[0-9a-f]{12}\.html", cat.url(ndrc))


def test_a_fact_shows_document_date_and_sentence_with_line(small_site):
    _, site, _ = small_site
    cat = Catalogue(small_model())
    html = (site / cat.url(find_entity(cat, "市能源局"))).read_text("utf-8")
    assert "曲政办发〔2022〕29号" in html and "2022-04-20" in html
    assert "data/gazettes/qujing/001_aec869a62786b268.txt:440" in html
    assert "由市能源局牵头统筹2022年开工光伏发电项目建设" in html
    doc = find_entity(cat, "曲政办发〔2022〕29号")
    doc_html = (site / cat.url(doc)).read_text("utf-8")
    # the document page lists its quoted sentences in text order, each with the anchor facts link to
    lines = [int(x) for x in re.findall(r"001_aec869a62786b268\.txt:(\d+)</span>\s*<blockquote>", doc_html)]
    assert lines[:3] == [440, 517, 525]
    anchor = re.search(r'href="\.\./document/[0-9a-f]{12}\.html#(q-[0-9a-f]{10})"', html).group(1)
    assert f'id="{anchor}"' in doc_html


def test_headline_tables_and_timeline(small_site):
    _, site, _ = small_site
    index = (site / "index.html").read_text("utf-8")
    table = index.split("<h2>Lead units</h2>")[1].split("</table>")[0]
    assert re.search(r">曲靖市能源局</a></td><td class=\"n\">3</td><td class=\"n\">1</td>", table)
    leaders = index.split("<h2>Busiest leaders</h2>")[1].split("</table>")[0]
    assert leaders.index("陈志") < leaders.index("龚加武")  # 1 event + 1 task against 0 + 2: tie, then by name
    listed = (site / "timeline" / "2022-list.html").read_text("utf-8")
    assert listed.index("2022-03-24") < listed.index("2022-05-31") < listed.index("2022-12-31")
    assert ">陈志</a> <span class=\"muted\">took part · participant · 参加</span>" in listed
    t2022 = (site / "timeline" / "2022.html").read_text("utf-8")
    assert 'href="2022-list.html"' in t2022
    data = json.loads(re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', t2022).group(1))
    assert data["groups"] == [["deadline", 2], ["training", 1]]
    event, due = data["items"][0], data["items"][1]
    assert (event["start"], event["title"], event["group"]) == ("2022-03-24", "曲靖市“珠源大讲堂”第二讲活动", 1)
    assert [(name, role) for name, _, role in event["who"]] == [("宣威市", "held in"), ("陈志", "took part · participant · 参加")]
    assert event["cite"][3].startswith("市委副书记、市长李先祥") and event["cite"][4] == "data/gazettes/qujing/001_aec869a62786b268.txt:1492"
    assert due["start"] == "2022-05-31" and due["kind"] == "2022年5月31日前"
    assert [(name, role) for name, _, role in due["who"]] == [("曲靖市能源局", "lead unit"), ("龚加武", "responsible leader")]
    assert due["cite"][0] == "曲政办发〔2022〕29号 曲靖市人民政府办公室关于印发曲靖市2022年光伏发电建设实施方案的通知"
    assert re.fullmatch(r"document/[0-9a-f]{12}\.html#q-[0-9a-f]{10}", due["cite"][1])


def test_hostile_text_is_always_escaped(tmp_path):
    graph = write_graph(hostile_model(), tmp_path / "graph")
    write_site(graph, tmp_path / "site")
    write_viz(graph, "市能源局", 2, tmp_path / "viz.html")
    for page in pages(tmp_path / "site") + [tmp_path / "viz.html"]:
        html = page.read_text("utf-8")
        for bad in ("<script>window", "<img src=x", "<svg onload", "</script><script>window", '" onmouseover="'):
            assert bad not in html, (page, bad)
        assert not EXTERNAL.search(html), page
    cat = Catalogue(hostile_model())
    page = (tmp_path / "site" / cat.url(find_entity(cat, "曲靖市能源局"))).read_text("utf-8")
    assert re.search(r"<h1>&lt;\w+.*曲靖市能源局</h1>", page)  # shown as text


def test_viz_is_one_self_contained_file(tmp_path):
    graph = write_graph(small_model(), tmp_path / "graph")
    node, count = write_viz(graph, "市能源局", 1, tmp_path / "one.html")
    html = (tmp_path / "one.html").read_text("utf-8")
    assert node.name == "曲靖市能源局" and count == 5  # itself, its three tasks and the headquarters
    assert "<script src=" not in html and "vis-network" in html
    policy = re.search(r"script-src ([^;]+);", unescape(html)).group(1)
    for body in re.findall(r"<script>(.*?)</script>", html, re.S):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_cli_errors_are_one_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["site", "--graph", str(tmp_path / "nothing"), "--out", str(tmp_path / "s")])
    assert result.exit_code == 2 and "no graph here" in result.output and "Traceback" not in result.output
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    graph = write_graph(small_model(), tmp_path / "graph")
    result = runner.invoke(app, ["site", "--graph", str(graph), "--out", str(tmp_path / "mine")])
    assert result.exit_code == 2 and "was not written by kg site" in result.output
    assert (tmp_path / "mine" / "notes.txt").read_text("utf-8") == "keep me"
    result = runner.invoke(app, ["viz", "曲靖市", "--graph", str(graph), "-o", str(tmp_path / "v.html")])
    assert result.exit_code == 2 and "'曲靖市' is part of 4 node names; did you mean" in result.output


def test_ambiguous_and_unknown_names():
    cat = Catalogue(small_model())
    with pytest.raises(InputError, match="names no node"):
        find_entity(cat, "市教育局")
    assert find_entity(cat, "宣威").name == "宣威市"


def test_a_huge_neighbourhood_is_cut_and_offered_whole_as_gexf(tmp_path):
    import json

    import networkx as nx

    from kg.model import Edge, Node
    from visualizations.network import MAX_NODES, PHYSICS_LIMIT

    model = small_model()
    energy = find_entity(Catalogue(model), "市能源局")
    for k in range(MAX_NODES + 500):
        tid = f"https://w3id.org/cn-gazette-kg/id/task/bulk{k}"
        model.nodes[tid] = Node(tid, "Task", f"任务{k}", {"taskText": f"任务{k}"}, [])
        model.edges.append(Edge(f"{tid}/lead", "LEADS", energy.id, tid, {"role": "lead"}, []))
    graph = write_graph(model, tmp_path / "graph")
    _, count = write_viz(graph, "市能源局", 1, tmp_path / "big.html")
    html = (tmp_path / "big.html").read_text("utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1))
    assert count == len(data["nodes"]) == MAX_NODES and data["physics"] is False and MAX_NODES > PHYSICS_LIMIT
    assert "more nodes than a page can draw" in html and 'href="big.gexf"' in html
    whole = nx.read_gexf(tmp_path / "big.gexf")
    assert whole.number_of_nodes() == 1 + 3 + 1 + MAX_NODES + 500  # itself, 3 tasks, the headquarters, the bulk


@pytest.fixture(scope="module")
def sample_site(built, tmp_path_factory):
    site = tmp_path_factory.mktemp("sample-site") / "site"
    write_site(built[0], site)
    return built[0], site


def test_the_sample_energy_bureau_page_cites_its_plan_line_by_line(sample_site):
    """曲靖市能源局 leads tasks of 曲政办发〔2022〕29号 (signed 2022-04-20) at lines 440, 517 and 525 of issue 001."""
    graph, site = sample_site
    from kg.model import read

    cat = Catalogue(read(graph))
    energy = find_entity(cat, "市能源局")
    html = (site / cat.url(energy)).read_text("utf-8")
    leads = html.split("<h3>leads ")[1].split("</section>")[0]
    for line in (440, 517, 525):
        assert f"001_aec869a62786b268.txt:{line}</span>" in leads
    plan = find_entity(cat, "曲政办发〔2022〕29号")
    assert re.search(rf'<a href="\.\./{cat.url(plan)}#q-[0-9a-f]{{10}}">曲政办发〔2022〕29号 [^<]*光伏发电建设实施方案的通知</a></span><span class="date">2022-04-20</span>', leads)
    index = (site / "index.html").read_text("utf-8")
    assert f'<a href="{cat.url(energy)}">曲靖市能源局</a>' in index.split("<h2>Lead units</h2>")[1].split("</table>")[0]
