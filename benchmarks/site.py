"""Site benchmark: `kg site` generation time and size, and first-draw time of the largest page in
headless Chromium, for the sample corpus and for a graph ten times its size.

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


def first_draw(page_path: Path) -> tuple[float, float, int]:
    """(ms to the first drawn frame as the page measures it, s until settled, nodes drawn)."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(page_path.as_uri())
        wait_drawn(page, timeout=300_000)
        settled = time.perf_counter() - start
        ms, nodes = page.evaluate("() => [window.kgFirstDraw, window.kgGraph.network.body.nodeIndices.length]")
        return ms, settled, nodes


def measure(label: str, graph: Path, tmp: Path) -> None:
    model = read(graph)
    out = tmp / f"site-{label}"
    start, cpu = time.perf_counter(), time.process_time()
    report = write_site(graph, out)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label}: {len(model.nodes)} nodes, {len(model.edges)} edges -> {report.pages} files, "
          f"{report.bytes / 1e6:.1f} MB in {took:.1f} s ({cpu:.1f} s CPU)")
    ms, settled, nodes = first_draw(out / report.largest_page)
    print(f"{label}: largest page {report.largest_page} ({report.largest_nodes} nodes, {nodes} drawn at first): "
          f"first draw {ms:.0f} ms, settled {settled:.1f} s after navigation")


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
