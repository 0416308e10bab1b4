"""Headless Chromium (the Debian package, driven by playwright) for screenshots, tests and the
benchmark. Never `playwright install`: the browser is /usr/bin/chromium."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@contextmanager
def chromium() -> Iterator[object]:
    """A launched browser (playwright's sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_drawn(page, timeout: float = 60_000) -> None:
    """Until the page's graph (if any) has drawn and settled."""
    page.wait_for_function("() => window.kgReady === true || !document.querySelector('#graph, #timeline')", timeout=timeout)


# Show the sources of the first "leads" line in the side panel, as a click on it does.
SHOW_LEAD = "() => { const g = window.kgGraph, e = g && g.edges.get().find((x) => x.type === 'LEADS'); if (e) g.showEdge(e); }"


# Show the first event with two or more people there in the side panel, as a click on it does.
SHOW_EVENT = "() => { const t = window.kgTimeline, m = t && t.data.items.find((x) => x.what === 'event' && x.who.length > 1 && x.cite); if (m) t.show(m.id); }"


def screenshot(browser, url: str, target: Path, search: str = "", action: str = "") -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    if search:
        page.fill("#q", search)
    wait_drawn(page)
    if action:
        page.evaluate(action)
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=False)
    page.close()


def main(argv: list[str]) -> None:
    """python -m visualizations.browser SITE GRAPH AGENCY IMG_DIR: the README's three screenshots
    (the index searching for the agency, the agency's page, the busiest year of the timeline)."""
    from kg.model import read
    from visualizations.catalogue import Catalogue
    from visualizations.site import find_entity

    site, graph, agency, img = Path(argv[0]).resolve(), Path(argv[1]), argv[2], Path(argv[3])
    cat = Catalogue(read(graph))
    page = cat.url(find_entity(cat, agency))
    with chromium() as browser:
        screenshot(browser, (site / "index.html").as_uri(), img / "site-index.png", search=agency)
        screenshot(browser, (site / page).as_uri(), img / "site-agency.png", action=SHOW_LEAD)
        year = max((site / "timeline").glob("[0-9][0-9][0-9][0-9].html"), key=lambda p: p.stat().st_size)
        screenshot(browser, year.as_uri(), img / "site-timeline.png", action=SHOW_EVENT)
    print(f"screenshots: {img / 'site-index.png'}, {img / 'site-agency.png'}, {img / 'site-timeline.png'}")


if __name__ == "__main__":
    main(sys.argv[1:])
