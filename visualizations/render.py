"""Writes pages: one autoescaping Jinja environment, a Content-Security-Policy on every page,
the vendored vis-network and vis-timeline, UTF-8 always.

A site shares one copy of the scripts under `assets/` (loaded as 'self', which also holds
for pages opened from disk); a single page (`kg viz`) inlines them and lists their hashes
in its policy. Data reaches a page only as JSON in a `<script type="application/json">`
block written with `tojson`, which escapes `<`, `>` and `&`: no text of the documents is
ever inside executable script or markup unescaped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2

VIS_NETWORK_VERSION = "10.1.5"
VIS_TIMELINE_VERSION = "8.5.4"
HERE = Path(__file__).resolve().parent
ASSETS = {
    "vis-network.min.js": HERE / "vendor" / "vis-network.min.js",
    "vis-timeline-graph2d.min.js": HERE / "vendor" / "vis-timeline-graph2d.min.js",
    "dom.js": HERE / "static" / "dom.js",
    "graph.js": HERE / "static" / "graph.js",
    "timeline.js": HERE / "static" / "timeline.js",
    "search.js": HERE / "static" / "search.js",
    "site.css": HERE / "static" / "site.css",
}
# The vendored libraries' licences and notes, as the site's assets carry them.
LICENCES = {"vis-network-LICENSE-APACHE-2.0": "LICENSE-APACHE-2.0", "vis-network-LICENSE-MIT": "LICENSE-MIT",
            "vis-timeline-LICENSE-APACHE-2.0": "vis-timeline-LICENSE-APACHE-2.0", "vis-timeline-LICENSE-MIT": "vis-timeline-LICENSE-MIT",
            "vendor-README.md": "README.md"}
# vis-network's and vis-timeline's standalone builds inject their CSS as <style> elements, hence inline styles.
SITE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class BuildInfo:
    """The build a page came from, named in every page's footer."""

    folder: str
    model_sha: str
    city: str
    files: int

    @classmethod
    def of(cls, folder: Path) -> BuildInfo:
        from kg.graphdir import manifest

        meta = manifest(folder)
        return cls(str(folder), str(meta.get("content_hash", ""))[:12], str(meta.get("city", "")), len(meta.get("files", [])))


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # tojson still escapes < > & ' (htmlsafe); raw UTF-8 halves the size of Chinese text.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


class Writer:
    """Renders templates into files under `out`; `inline` makes every page stand alone."""

    def __init__(self, out: Path, build: BuildInfo, inline: bool = False) -> None:
        self.out, self.build, self.inline = out, build, inline
        self.env = environment()
        self.bytes = 0
        self.files = 0

    def copy_assets(self) -> None:
        (self.out / "assets").mkdir(parents=True, exist_ok=True)
        for name, src in ASSETS.items():
            self._write(self.out / "assets" / name, src.read_text("utf-8"))
        for name, lic in LICENCES.items():
            self._write(self.out / "assets" / name, (HERE / "vendor" / lic).read_text("utf-8"))

    def page(self, template: str, path: str, scripts: tuple[str, ...] = (), **context: object) -> Path:
        """Write one page at `path` (relative to the site root)."""
        root = "../" * path.count("/")
        if self.inline:
            inline_js = [ASSETS[s].read_text("utf-8") for s in scripts]
            csp = SITE_CSP.replace("script-src 'self'", "script-src " + " ".join(_sha256(js) for js in inline_js)) if inline_js \
                else SITE_CSP.replace("script-src 'self'", "script-src 'none'")
            context.update(inline_js=inline_js, inline_css=ASSETS["site.css"].read_text("utf-8"), script_urls=[])
        else:
            csp = SITE_CSP
            context.update(inline_js=[], inline_css="", script_urls=[f"{root}assets/{s}" for s in scripts])
        html = self.env.get_template(template).render(csp=csp, root=root, build=self.build, inline=self.inline,
                                                      vis_version=VIS_NETWORK_VERSION,
                                                      timeline_version=VIS_TIMELINE_VERSION, **context)
        target = self.out / path
        self._write(target, html)
        return target

    def _write(self, target: Path, text: str) -> None:
        """Write through a temporary file, so an interrupted run leaves no half page."""
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        data = text.encode("utf-8")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        self.bytes += len(data)
        self.files += 1
