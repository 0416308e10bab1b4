"""Site benchmark: `kg site` generation time and size, and first-draw time of the largest page and
of the largest timeline page in headless Chromium, for the sample corpus and for a graph ten times its size.

Run: .venv/bin/python benchmarks/site.py [GRAPH_DIR ...]   (default: builds the sample corpus)
The tenfold graph is built from the 10× synthetic corpus (benchmarks/synthetic.py).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.model import read  # noqa: E402
from visualizations.browser import chromium, wait_drawn  # noqa: E402
from visualizations.site import write_site  # noqa: E402


# What a page has drawn once ready: graph nodes, or timeline items and numbered bars (with how many items they hold).
DRAWN = """() => window.kgGraph ? [window.kgGraph.network.body.nodeIndices.length] : (() => {
    const drawn = [...document.querySelectorAll('#timeline .vis-item[data-id]')], bars = drawn.filter((e) => e.classList.contains('crowd'));
    return [drawn.length - bars.length, bars.length, bars.reduce((n, e) => n + parseInt(e.textContent, 10), 0)]; })()"""


# Zoom a timeline to the busiest month of its year; ms until the next frame after it is redrawn.
ZOOM = """() => new Promise((done) => { const t = window.kgTimeline, months = {};
    t.data.items.forEach((m) => { months[m.start.slice(0, 7)] = (months[m.start.slice(0, 7)] || 0) + 1; });
    const month = Object.keys(months).sort((a, b) => months[b] - months[a])[0], end = new Date(month + '-01');
    end.setMonth(end.getMonth() + 1);
    const t0 = performance.now();
    t.timeline.once('changed', () => requestAnimationFrame(() => done(performance.now() - t0)));
    t.timeline.setWindow(month + '-01', end, {animation: false}); })"""


def first_draw(page_path: Path, zoom: bool = False) -> tuple[float, float, list[int], float]:
    """(ms to the first drawn frame as the page measures it, s until settled, what was drawn,
    ms to redraw a timeline zoomed to its busiest month)."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(page_path.as_uri())
        wait_drawn(page, timeout=300_000)
        settled = time.perf_counter() - start
        return page.evaluate("() => window.kgFirstDraw"), settled, page.evaluate(DRAWN), page.evaluate(ZOOM) if zoom else 0.0


def measure(label: str, graph: Path, tmp: Path) -> None:
    model = read(graph)
    out = tmp / f"site-{label}"
    start, cpu = time.perf_counter(), time.process_time()
    report = write_site(graph, out)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label}: {len(model.nodes)} nodes, {len(model.edges)} edges -> {report.pages} files, "
          f"{report.bytes / 1e6:.1f} MB in {took:.1f} s ({cpu:.1f} s CPU)")
    ms, settled, drawn, _ = first_draw(out / report.largest_page)
    print(f"{label}: largest page {report.largest_page} ({report.largest_nodes} nodes, {drawn[0]} drawn at first): "
          f"first draw {ms:.0f} ms, settled {settled:.1f} s after navigation")
    year = max((out / "timeline").glob("[0-9][0-9][0-9][0-9].html"), key=lambda p: p.stat().st_size)
    ms, settled, (single, bars, inside), zoomed = first_draw(year, zoom=True)
    print(f"{label}: largest timeline page {year.relative_to(out)} ({year.stat().st_size / 1e6:.1f} MB): {single} items "
          f"and {bars} numbered bars holding {inside} more drawn for the whole year: first draw {ms:.0f} ms, settled {settled:.1f} s; "
          f"zoomed to its busiest month and redrawn in {zoomed:.0f} ms")


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if argv:
            for g in argv:
                measure(Path(g).name, Path(g), tmp)
            return
        from kg.build import build

        build([ROOT / "data" / "gazettes" / "qujing"], tmp / "sample")
        measure("sample", tmp / "sample", tmp)
        synthetic = ROOT / "benchmarks" / "synthetic.py"
        subprocess.run([sys.executable, str(synthetic), "10", str(tmp / "corpus-x10")], check=True, stdout=subprocess.DEVNULL)
        start = time.perf_counter()
        build([tmp / "corpus-x10"], tmp / "synthetic-x10")
        print(f"(kg build of the 10x synthetic corpus: {time.perf_counter() - start:.0f} s, not counted below)")
        measure("synthetic x10", tmp / "synthetic-x10", tmp)


if __name__ == "__main__":
    main(sys.argv[1:])
