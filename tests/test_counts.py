"""Issue 13: one set of numbers everywhere. `kg build` printed 1,506 assignments, 100 projects
and 28 documents while `kg stats` said 1,497 / 109 / 57 and the exports gave 1,497 and 102 rows."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def rows(*args: str) -> list[dict[str, str]]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_build_stats_and_exports_give_the_same_numbers(built):
    out, result = built
    counts = {c.name: c for c in result.counts}
    manifest = json.loads((out / "build.json").read_text("utf-8"))
    assert manifest["counts"] == {"issues": 4, "documents": 28, "tasks": 349, "assignments": 1509, "events": 523, "projects": 100}
    stats = {r["kind"]: r for r in rows("stats", "-g", str(out), "-f", "csv")}
    for c in counts.values():
        assert int(stats[c.kind]["count"]) == c.n + c.rest
        assert stats[c.kind]["what"] == c.breakdown()
    assert stats["Document"]["what"] == "28 printed in the issues read + 29 only cited by them"
    assert len(rows("export", "documents", "-g", str(out))) == counts["documents"].n
    assert len(rows("export", "responsibilities", "-g", str(out))) == counts["assignments"].n
    assert len(rows("export", "projects", "-g", str(out))) == counts["projects"].n


def test_build_says_what_each_number_counts(tmp_path):
    from tests.conftest import FILES

    result = runner.invoke(app, ["build", str(FILES["000"]), "--out", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    summary, *legend = result.stdout.splitlines()
    assert summary.startswith(f"built {tmp_path / 'g'}: 1 issues, 7 documents, ")
    assert "  documents: printed in the issues read (the graph also holds " in legend[0]
    assert any(line.startswith("  assignments: one per (task, agency or person, role)") for line in legend)


def test_one_project_name_in_two_counties_is_two_projects(built):
    """曲政发〔2021〕51号's station list: 工业园区消防救援站 in 马龙区 (2022年) and in 宣威市 (2021年)."""
    stations = [(r["county"], r["times"], r["line"]) for r in rows("export", "projects", "-g", str(built[0])) if r["name"] == "工业园区消防救援站"]
    assert sorted(stations) == [("宣威市", "2021年", "392"), ("马龙区", "2022年", "390")]
