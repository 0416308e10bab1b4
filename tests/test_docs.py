"""Every CLI command and every canned query is described in the README."""

import re

from kg import query
from kg.cli import app
from tests.conftest import ROOT

# docs/readme/NAME.md: sections written for the README and not yet folded into it
README = "\n".join(p.read_text("utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs" / "readme").glob("*.md"))])


def _commands(typer_app, prefix=""):
    for cmd in typer_app.registered_commands:
        yield f"{prefix}{cmd.name or cmd.callback.__name__.replace('_', '-')}"
    for group in typer_app.registered_groups:
        yield from _commands(group.typer_instance, f"{prefix}{group.name} ")


def test_every_command_is_in_the_readme():
    missing = [c for c in _commands(app) if f"`kg {c}" not in README]
    assert missing == []


def test_every_canned_query_is_in_the_readme():
    missing = [name for name in query.available() if not re.search(rf"\| `{re.escape(name)}` \|", README)]
    assert missing == []


def test_readme_shows_the_two_commands():
    assert "make demo" in README and "make test" in README
