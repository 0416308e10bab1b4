"""The CLI as users run it: build, list, export, query."""

import csv
import io
import json

from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import CORPUS

runner = CliRunner()


def test_build_summary(tmp_path):
    result = runner.invoke(app, ["build", str(CORPUS), "--out", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    assert "4 issues, 28 documents" in result.output


def test_export_documents_csv(built):
    result = runner.invoke(app, ["export", "documents", "--graph", str(built[0]), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 28
    assert {"doc_number", "title", "issuer", "date", "source", "line"} <= set(rows[0])
    row = next(r for r in rows if r["doc_number"] == "曲政办发〔2022〕29号")
    assert (row["issuer"], row["date"], row["line"]) == ("曲靖市人民政府办公室", "2022-04-20", "386")
    assert row["source"].endswith("001_aec869a62786b268.txt")


def test_documents_json_filtered_by_issue(built):
    result = runner.invoke(app, ["documents", "--graph", str(built[0]), "--format", "json", "--issue", "2022.9"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["doc_number"] for r in rows][-1] == "曲政任〔2022〕18号" and len(rows) == 7


def test_stats(built):
    result = runner.invoke(app, ["stats", "--graph", str(built[0]), "--format", "json"])
    counts = {r["kind"]: r["count"] for r in json.loads(result.stdout)}
    assert counts["GazetteIssue"] == 4
    # 28 printed documents and the 29 numbers they cite or repeal, as the corpus guides list them
    # per document (docs/corpus/GUIDE-*.md §2 / A2 / B2); none of those is printed in these issues
    assert counts["Document"] == 57 and counts["Citation"] == 29


def test_query_citations_with_param(built, tmp_path):
    out = tmp_path / "c.csv"
    result = runner.invoke(app, ["query", "citations", "--graph", str(built[0]), "--param", "doc=曲政办发〔2022〕33号", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["kind"], r["cited_number"], r["line"]) for r in rows] == [("repeals", "曲政办发〔2014〕48号", "544")]


def test_query_list_and_unknown(built):
    listing = runner.invoke(app, ["query"])
    assert "documents:" in listing.output and "citations:" in listing.output
    unknown = runner.invoke(app, ["query", "nope", "--graph", str(built[0])])
    assert unknown.exit_code != 0 and "no canned query named 'nope'" in unknown.output


def test_help_everywhere():
    for args in (["--help"], ["build", "--help"], ["documents", "--help"], ["stats", "--help"], ["export", "documents", "--help"], ["query", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage" in result.output


def test_person_parameter_accepts_any_spelling(built):
    """张钩 and 张筠 are OCR spellings of 张鈞 (000 chronicle): a query given either finds the same
    events, the four the chronicle gold set gives him (000:1226, 1240, 1304, 1352)."""
    by_variant = runner.invoke(app, ["query", "person-timeline", "--graph", str(built[0]), "-p", "person=张钩", "-f", "json"])
    by_name = runner.invoke(app, ["query", "person-timeline", "--graph", str(built[0]), "-p", "person=张鈞", "-f", "json"])
    assert by_variant.exit_code == 0 and json.loads(by_variant.stdout) == json.loads(by_name.stdout)
    assert len(json.loads(by_name.stdout)) == 4


def test_eval_reads_the_chronicle_again_from_the_fragments():
    """`kg eval` scores the sample and the other governments from a build's fragments; the grammar-only
    chronicle score re-extracts from each issue's segmented text, which the fragment must keep."""
    result = runner.invoke(app, ["eval", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {(r["corpus"], r["measure"]): r for r in json.loads(result.stdout)}
    assert rows[("qujing", "(date, person), names by grammar only")]["gold"] == 1144
    assert rows[("qujing", "(date, person), names by grammar only")]["f1"] >= 0.99
    assert rows[("qujing", "(document, role, unit mention)")]["f1"] >= 0.98
    assert rows[("other", "(document, role, unit mention)")]["f1"] >= 0.99
