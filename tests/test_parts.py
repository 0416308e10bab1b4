"""A file cut into parts (kg/pipeline/parts.py) builds the graph the file builds whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.pipeline.job import make_jobs
from kg.pipeline.parts import plan
from kg.segment import Segmenter

from tests.conftest import CORPUS, FILES, ROOT
from tests.graphs import triples

WHOLE = 10**12  # a part size no issue reaches: only mastheads cut
EVERY = 1  # a part size every document reaches: cut before every document the check allows


def evidence_of(lines: list[str], number: str) -> set[tuple[str, str]]:
    """(sourceFile, lineStart) of the evidence for the document with this 文号."""
    facts = [line[:-2].split(" ", 2) for line in lines]
    doc = next(s for s, p, o in facts if p.endswith("/eli/ontology#id_local>") and o == f'"{number}"' and s.startswith("<") and "document" in s)
    evidence = {o for s, p, o in facts if s == doc and p.endswith("wasDerivedFrom>")}
    values = {(s, p.rsplit("#", 1)[-1][:-1]): o.split('"')[1] for s, p, o in facts if s in evidence and o.startswith('"')}
    return {(values[(e, "sourceFile")], values[(e, "lineStart")]) for e in evidence}


@pytest.fixture(scope="module")
def two_issues(tmp_path_factory) -> Path:
    """Issues 2021.12 and 2022.9 as one file (1,376 + 2,016 lines), each opening with its masthead."""
    path = tmp_path_factory.mktemp("two") / "two.txt"
    path.write_bytes(b"\n".join(FILES[k].read_bytes() for k in ("000", "003")))
    return path


def test_no_real_file_is_cut_at_the_default_size():
    files = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))
    assert len(files) == 28
    assert [f.name for f in files if plan(f, f.name) is not None] == []


def test_two_issues_in_one_file_are_cut_at_their_mastheads(two_issues):
    """003's masthead is its third line: 1,376 + 3."""
    parts = plan(two_issues, "two.txt", WHOLE)
    assert [(p.first_line, p.last_line) for p in parts] == [(1, 1378), (1379, 3392)]
    assert [p.issue for p in parts] == [None, None]  # each read as a file of its own
    assert [(p.first_line, p.documents) for p in plan(two_issues, "two.txt", EVERY)][:3] == [(1, 1), (609, 1), (702, 1)]


def test_a_masthead_followed_by_no_document_opens_no_issue(tmp_path):
    """A back cover printing the gazette's name and period again is part of the issue."""
    path = tmp_path / "cover.txt"
    path.write_bytes(FILES["000"].read_bytes() + "\n\n曲靖市人民政府 公 报\n\n2021.12\n".encode())
    assert plan(path, "cover.txt", WHOLE) is None


def test_crlf_lines_are_cut_where_lf_lines_are(two_issues, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(two_issues.read_bytes().replace(b"\n", b"\r\n"))
    assert [(p.first_line, p.last_line) for p in plan(path, "crlf.txt", EVERY)] == [(p.first_line, p.last_line) for p in plan(two_issues, "two.txt", EVERY)]


def test_two_issues_cut_before_every_document_build_the_graph_of_the_issues_whole(two_issues, tmp_path):
    whole = build([two_issues], tmp_path / "whole", jobs=2, part_bytes=WHOLE)
    cut = build([two_issues], tmp_path / "cut", jobs=2, part_bytes=EVERY)
    assert (len(whole.fragments), len(cut.fragments)) == (2, 14)
    assert triples(tmp_path / "cut") == triples(tmp_path / "whole")
    assert cut.summary()["issues"] == whole.summary()["issues"] == 2
    assert cut.documents == whole.documents == 14
    periods = {line.split(" ", 2)[2] for line in triples(tmp_path / "cut") if "/ns#period>" in line}
    assert periods == {'"2021.12" .', '"2022.9" .'}
    # 003's first document, titled on its line 73, is on line 1,376 + 73 of the file
    assert evidence_of(triples(tmp_path / "cut"), "曲政发〔2022〕39号") == {("two.txt", "1449")}


@pytest.fixture(scope="module")
def whole_002(tmp_path_factory):
    out = tmp_path_factory.mktemp("whole")
    return out, build([FILES["002"]], out, jobs=2, part_bytes=WHOLE)


def test_an_issue_without_front_matter_cut_before_every_document_builds_its_graph_whole(whole_002, tmp_path):
    """002 has no masthead: its period comes from its chronicle, in its last part."""
    out, whole = whole_002
    cut = build([FILES["002"]], tmp_path / "cut", jobs=2, part_bytes=EVERY)
    assert (len(whole.fragments), len(cut.fragments)) == (1, 9)
    assert cut.warnings == whole.warnings
    assert triples(tmp_path / "cut") == triples(out)


def test_parts_are_keyed_by_content_and_lines():
    jobs = make_jobs(FILES["002"], "002.txt", "", EVERY)
    again = make_jobs(FILES["002"], "002.txt", "", EVERY)
    (whole,) = make_jobs(FILES["002"], "002.txt", "", WHOLE)
    assert [j.key for j in jobs] == [j.key for j in again]
    assert len({j.key for j in jobs} | {whole.key}) == len(jobs) + 1
    assert whole.part is None and [j.name for j in jobs][:2] == ["002.txt:1-3111", "002.txt:3112-3669"]


def test_a_failing_part_is_a_warning_naming_its_lines_and_the_rest_builds(whole_002, tmp_path, monkeypatch):
    parts = plan(FILES["002"], "002.txt", EVERY)
    broken = parts[4]
    run = Segmenter.run

    def failing(self):  # type: ignore[no-untyped-def]
        if getattr(self.source.lines, "first", 1) == broken.first_line:
            raise ValueError("a bug in one part")
        return run(self)

    monkeypatch.setattr(Segmenter, "run", failing)
    result = build([FILES["002"]], tmp_path / "out", jobs=2, part_bytes=EVERY)
    skipped = [w for w in result.warnings if "skipped" in w]
    assert [w.split(" (at ")[0] for w in skipped] == ["002_fe01ef1800893850.txt:5151-6523: skipped: ValueError: a bug in one part"]
    assert result.documents == whole_002[1].documents - broken.documents == 9 - 1
    assert len(result.ok) == len(parts) - 1
