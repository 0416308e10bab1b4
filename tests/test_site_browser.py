"""The site in headless Chromium (Debian's /usr/bin/chromium driven by playwright; `make test`
installs it): pages load offline without errors, search, graphs, provenance, hostile text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.dating import Dating
from kg.model import read
from tests.site_models import hostile_model, small_model, write_graph
from visualizations.browser import CHROMIUM, chromium, wait_drawn
from visualizations.catalogue import STRUCTURAL, Catalogue, short
from visualizations.site import find_entity, write_site, write_viz

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium (make test installs it)")


@pytest.fixture(scope="session")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def sample(built, tmp_path_factory):
    """The site of the real sample corpus (conftest's session build)."""
    graph = built[0]
    site = tmp_path_factory.mktemp("browser-site") / "site"
    write_site(graph, site)
    return graph, site


class Watched:
    """A page with everything that must not happen recorded: console errors, page errors,
    requests that leave the disk, dialogs."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: r.url.startswith(("file:", "data:")) or self.problems.append(f"request: {r.url}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())
        wait_drawn(self.page)

    def close(self) -> None:
        self.page.close()


def shown_nodes(page) -> int:
    return page.evaluate("() => window.kgGraph.network.body.nodeIndices.length")


def test_index_and_entity_pages_load_offline_without_errors(browser, sample):
    graph, site = sample
    cat = Catalogue(read(graph))
    sample_pages = [site / "index.html", site / "timeline" / "index.html", site / "overview" / "co-responsibility.html"]
    seen_kinds = set()
    for node in cat.pages():
        if cat.kind(node) not in seen_kinds:
            seen_kinds.add(cat.kind(node))
            sample_pages.append(site / cat.url(node))
    w = Watched(browser)
    for p in sample_pages:
        w.open(p)
    w.close()
    assert seen_kinds >= {"agency", "person", "document", "county", "group"}
    assert w.problems == []


def test_search_finds_an_agency_under_any_spelling(browser, sample):
    _, site = sample
    w = Watched(browser)
    w.open(site / "index.html")
    energy, ndrc = "曲靖市能源局", "曲靖市发展和改革委员会"
    expected = {"市能源局": energy, "曲靖市能源局": energy, "  市能源局 ": energy, "市发改委": ndrc, "市發改委": ndrc, "市发展改革委": ndrc}
    for spelling, name in expected.items():
        w.page.fill("#q", spelling)
        names = w.page.locator("#results a").all_inner_texts()
        assert names == [name], spelling
    w.page.fill("#q", "市發改委")  # traditional characters
    w.page.locator("#results a").first.click()
    w.page.wait_for_load_state()
    assert w.page.locator("h1").inner_text() == ndrc
    w.close()
    assert w.problems == []


def energy_bureau(graph: Path):
    """The sample's 市能源局 with its model and the nodes one fact away (what its page draws first)."""
    model = read(graph)
    cat = Catalogue(model)
    energy = find_entity(cat, "市能源局")
    neighbours = {e.target if e.source == energy.id else e.source for e in model.edges
                  if energy.id in (e.source, e.target) and e.type not in STRUCTURAL}
    return model, cat, energy, neighbours


def test_entity_page_draws_its_neighbourhood_and_widens(browser, sample):
    graph, site = sample
    model, cat, energy, neighbours = energy_bureau(graph)
    w = Watched(browser)
    w.open(site / cat.url(energy))
    assert shown_nodes(w.page) == 1 + len(neighbours)
    w.page.click("#widen")
    assert shown_nodes(w.page) > 1 + len(neighbours)
    w.page.click("#narrow")
    assert shown_nodes(w.page) == 1 + len(neighbours)
    w.page.uncheck("input.f-kind[value=Task]")
    assert shown_nodes(w.page) == 1 + sum(1 for n in neighbours if model.nodes[n].label != "Task")
    w.close()
    assert w.problems == []


def test_clicking_an_edge_shows_its_source_sentence(browser, sample, tmp_path):
    graph, _ = sample
    model = read(graph)
    write_viz(graph, "市能源局", 1, tmp_path / "viz.html")
    w = Watched(browser)
    w.open(tmp_path / "viz.html")
    spot = w.page.evaluate("""() => {  // the edge whose middle lies farthest from every node
        const g = window.kgGraph, pos = g.network.getPositions(), ids = Object.keys(pos);
        let best = null;
        g.edges.get().forEach((e) => {
            const m = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
            const gap = Math.min(...ids.map((i) => Math.hypot(pos[i].x - m.x, pos[i].y - m.y)));
            if (!best || gap > best.gap) best = {gap, m, e};
        });
        const d = g.network.canvasToDOM(best.m), r = document.getElementById('graph').getBoundingClientRect();
        const name = (id) => g.data.nodes.find((n) => n.id === id).name;
        return {x: r.left + d.x, y: r.top + d.y, from: name(best.e.from), to: name(best.e.to)};
    }""")
    w.page.mouse.click(spot["x"], spot["y"])
    panel = w.page.locator("#panel").inner_text()
    cat = Catalogue(model)
    by_name = {short(cat.display(n), 300): n for n in model.nodes.values()}
    a, b = by_name[spot["from"]], by_name[spot["to"]]
    quotes = [s.quote for e in model.edges if {e.source, e.target} == {a.id, b.id} for s in e.provenance] + [s.quote for s in b.provenance]
    assert any(q in panel for q in quotes), panel
    assert any(f"{s.file}:{s.line_start}" in panel for e in model.edges if {e.source, e.target} == {a.id, b.id} for s in e.provenance)
    w.close()
    assert w.problems == []


def test_hostile_strings_never_execute(browser, tmp_path):
    graph = write_graph(hostile_model(), tmp_path / "graph")
    site = tmp_path / "site"
    write_site(graph, site)
    write_viz(graph, "曲靖市能源局", 2, tmp_path / "viz.html")
    w = Watched(browser)
    w.page.add_init_script("window.alert = window.confirm = window.prompt = (m) => { window.__xss = 'dialog ' + m; };")
    for page in sorted(site.rglob("*.html")) + [tmp_path / "viz.html"]:
        w.open(page)
        if page.name == "index.html" and page.parent == site:
            for text in ("<script>", "onerror", "javascript:", "曲靖"):
                w.page.fill("#q", text)
        if w.page.evaluate("() => !!window.kgGraph"):
            w.page.evaluate("""() => { const g = window.kgGraph;
                g.edges.get().forEach((e) => g.showEdge(e));
                g.network.selectNodes(g.nodes.getIds()); }""")
            for i in range(min(3, w.page.evaluate("() => window.kgGraph.nodes.length"))):
                pos = w.page.evaluate(f"""() => {{ const g = window.kgGraph, id = g.nodes.getIds()[{i}];
                    const d = g.network.canvasToDOM(g.network.getPositions([id])[id]);
                    const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + d.x, r.top + d.y]; }}""")
                w.page.mouse.move(*pos)
                w.page.mouse.click(*pos)
                w.page.wait_for_timeout(150)
        if w.page.evaluate("() => !!window.kgTimeline"):
            w.page.evaluate("() => window.kgTimeline.data.items.forEach((m) => window.kgTimeline.show(m.id))")
            for item in w.page.locator("#timeline .vis-item[data-id]").all()[:5]:
                item.hover()
                item.click()
                w.page.wait_for_timeout(150)
        for link in w.page.locator("main a[href]").all()[:40]:
            assert not link.get_attribute("href").lower().lstrip().startswith("javascript"), page
        assert w.page.evaluate("() => window.__xss") is None, page
        assert w.page.locator("script:not([src]):not([type])").count() == (0 if page.parent != tmp_path else 3), page
    w.close()
    assert w.problems == []


# Count what a timeline page has drawn: single items, and numbered bars with the items they hold.
DRAWN = """() => { const drawn = [...document.querySelectorAll('#timeline .vis-item[data-id]')];
    const bars = drawn.filter((e) => e.classList.contains('crowd'));
    return [drawn.length - bars.length, bars.reduce((n, e) => n + parseInt(e.textContent, 10), 0)]; }"""


def moments_by_year(model) -> dict[str, int]:
    """Dated events and task deadlines per year, read from the model as the issue defines them."""
    years: dict[str, int] = {}
    for n in model.nodes.values():
        date = n.props.get("startDate") if n.label == "Event" else n.props.get("dueBy") or n.props.get("dueFrom") if n.label == "Task" else None
        if date:
            years[str(date)[:4]] = years.get(str(date)[:4], 0) + 1
    return years


def test_timeline_draws_every_event_and_deadline(browser, sample):
    graph, site = sample
    expected = moments_by_year(read(graph))
    assert sum(expected.values()) > 500  # 523 chronicle events and the plans' deadlines
    w = Watched(browser)
    for year, count in expected.items():
        w.open(site / "timeline" / f"{year}.html")
        single, in_bars = w.page.evaluate(DRAWN)
        assert single + in_bars == count, year
    w.close()
    assert w.problems == []


def test_clicking_a_timeline_event_shows_who_was_there_and_the_sentence(browser, sample):
    _, site = sample
    w = Watched(browser)
    w.open(site / "timeline" / "2022.html")
    assert w.page.evaluate(DRAWN)[1] > 0  # a year of the sample is too crowded to draw every item apart
    bar = w.page.locator("#timeline .vis-item.crowd").first
    count = int(bar.inner_text().split()[0])
    bar.click()
    assert w.page.locator("#panel ol.crowd-list li").count() == count
    topic = "曲靖市“珠源大讲堂”第二讲活动"  # 2022-03-24, 001_aec869a62786b268.txt line 1492
    item = w.page.evaluate(f"() => window.kgTimeline.data.items.findIndex((m) => m.title === '{topic}')")
    w.page.evaluate("() => window.kgTimeline.timeline.setWindow('2022-03-20', '2022-03-28', {animation: false})")
    w.page.locator(f'#timeline .vis-item[data-id="{item}"]').click()
    panel = w.page.locator("#panel").inner_text()
    assert "2022-03-24" in panel and topic in panel
    assert [name for name in ("李先祥", "刘本芳", "普利锋") if name in panel] == ["李先祥", "刘本芳", "普利锋"]
    assert "市委副书记、市长李先祥，副市长刘本芳、普利锋参加曲靖市“珠源大讲堂”第二讲活动。" in panel
    assert "001_aec869a62786b268.txt:1492" in panel
    person = w.page.locator("#panel a", has_text="刘本芳")
    assert person.get_attribute("href").startswith("../person/")
    person.click()
    w.page.wait_for_load_state()
    assert w.page.locator("h1").inner_text() == "刘本芳"
    w.close()
    assert w.problems == []


def test_date_slider_narrows_an_agency_graph_to_the_facts_of_those_months(browser, sample):
    graph, site = sample
    model, cat, energy, neighbours = energy_bureau(graph)
    dating = Dating(model)
    near = {energy.id} | neighbours
    shown = [e for e in model.edges if e.source in near and e.target in near and e.source != e.target and e.type not in STRUCTURAL]
    month = {id(e): (span[0][:7] if (span := dating.edge(e)) else "") for e in shown}
    first = min(m for m in month.values() if m)
    in_first = sum(1 for e in shown if month[id(e)] == first)
    assert 0 < in_first < len(shown)
    w = Watched(browser)
    w.open(site / cat.url(energy))
    assert w.page.evaluate("() => window.kgGraph.edges.length") == len(shown)
    value = int(first[:4]) * 12 + int(first[5:7]) - 1
    w.page.locator("#date-to").evaluate(f"(x) => {{ x.value = '{value}'; x.dispatchEvent(new Event('input')); }}")
    w.page.uncheck("#undated")
    assert w.page.locator("#date-to-v").inner_text() == first
    assert w.page.evaluate("() => window.kgGraph.edges.length") == in_first
    w.page.check("#undated")
    assert w.page.evaluate("() => window.kgGraph.edges.length") == in_first + sum(1 for e in shown if not month[id(e)])
    w.close()
    assert w.problems == []
