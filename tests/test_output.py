"""Output people open (issue 13): CSV for Excel, tables that fit the terminal without cutting the
source column, a word on stderr about what `-o FILE` wrote, one line per build warning."""

from __future__ import annotations

import csv
import io
import json
import re

from typer.testing import CliRunner

from kg import output
from kg.cli import app
from kg.output import Format, render, warning_lines
from tests.conftest import FILES

runner = CliRunner()


def test_excel_csv_has_a_bom_and_neutralises_formulas():
    rows = [{"task": '=HYPERLINK("http://x","点击")', "mention": "@SUM(A1)", "note": "+1+2", "cue": "-2+3", "n": "-5", "m": "+2.5", "line": 12, "doc": "曲政发〔2021〕51号"}]
    text = render(list(rows[0]), rows, Format.excel)
    assert text.startswith("\ufeff") and "\r\n" in text
    (row,) = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert row == {"task": "'=HYPERLINK(\"http://x\",\"点击\")", "mention": "'@SUM(A1)", "note": "'+1+2", "cue": "'-2+3", "n": "-5", "m": "+2.5", "line": "12", "doc": "曲政发〔2021〕51号"}
    plain = render(list(rows[0]), rows, Format.csv)
    assert not plain.startswith("\ufeff") and next(csv.DictReader(io.StringIO(plain)))["task"] == rows[0]["task"]


def test_export_to_a_file_says_what_it_wrote(built, tmp_path):
    out = tmp_path / "r.csv"
    result = runner.invoke(app, ["export", "documents", "-g", str(built[0]), "-f", "excel", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote 28 rows (excel) to {out}\n" and result.stdout == ""
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdoc_number,")


def table_at(monkeypatch, width: int, columns, rows) -> str:
    monkeypatch.setattr(output, "_table_width", lambda: width)
    return render(columns, rows, Format.table)


def test_tables_fit_the_terminal_and_never_cut_the_source(built, monkeypatch):
    """The source column was cut to …/000_0a4c42…; a user needs the whole path and line to check a fact."""
    result = runner.invoke(app, ["export", "projects", "-g", str(built[0]), "-f", "json"])
    rows = json.loads(result.stdout)[:12]
    columns = ["seq", "name", "county", "completion", "list", "doc_number", "source", "line"]
    for width in (80, 120, 200):
        text = table_at(monkeypatch, width, columns, rows)
        assert max(output.cell_len(line) for line in text.splitlines()) <= width
        for row in rows:
            assert re.search(re.escape(row["source"]) + r"[ \n]", text) and row["doc_number"] in text
    first = rows[0]
    assert first["source"].endswith("000_0a4c42de838fdf56.txt") and first["doc_number"] == "曲政发〔2021〕51号"
    wide = table_at(monkeypatch, 200, columns, rows)
    assert wide.startswith("┏") and f"│ 曲政发〔2021〕51号 │ {first['source']} │ {first['line']:<4} │" in wide
    narrow = table_at(monkeypatch, 60, columns, rows)  # too narrow for a table: one block per row
    assert narrow.startswith("-- 1 --\n") and f"source      {first['source']}\n" in narrow


def test_build_warnings_are_one_line_each_with_the_full_text_in_build_json(tmp_path):
    """The coordinates warning of 001's solar list was 600 characters on one line."""
    out = tmp_path / "g"
    result = runner.invoke(app, ["build", str(FILES["001"]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]  # not the progress lines
    assert all(output.cell_len(line) <= output.WARNING_WIDTH for line in lines)
    assert lines[1].startswith("warning: 001_aec869a62786b268.txt:456: '附件1': 34 rows have coordinates outside") and lines[1].endswith("…")
    assert lines[-1] == f"warning: (2 cut to one line) every warning in full: {out / 'build.json'}"
    full = json.loads((out / "build.json").read_text("utf-8"))["warnings"]
    assert any(w.endswith("35 (line 494), 36 (line 495), 45 (line 504)") and len(w) > 500 for w in full)


def test_a_long_list_of_warnings_is_counted_not_printed(tmp_path):
    warnings = [f"a.txt:{n}: role statement not understood" for n in range(1, 31)]
    lines = warning_lines(warnings, tmp_path / "build.json")
    assert len(lines) == output.SHOWN_WARNINGS + 1
    assert lines[-1] == f"warning: (10 more not shown) every warning in full: {tmp_path / 'build.json'}"
