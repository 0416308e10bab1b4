"""Bad and unusual input: clear errors naming the file, and the rest still builds."""

import shutil

import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import InputError
from kg.read import read_file
from kg.segment import segment
from tests.conftest import FILES, ROOT
from tests.graphs import triples

runner = CliRunner()


def test_encodings(tmp_path):
    text = FILES["003"].read_text("utf-8")
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    reference = [d.number for d in segment(read_file(FILES["003"])).documents]
    for name, encoding in (("gbk.txt", "gb18030"), ("bom.txt", "utf-8")):
        source = read_file(tmp_path / name)
        assert source.encoding == encoding
        assert [d.number for d in segment(source).documents] == reference


@pytest.mark.parametrize(
    "content, message",
    [(b"", "file is empty"), (b"   \n\n", "file is empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file")],
)
def test_bad_files_are_refused_by_name(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        read_file(path)
    assert "bad.txt" in str(exc.value)


def test_text_without_document_heading_is_one_untitled_document(tmp_path):
    lines = FILES["002"].read_text("utf-8").splitlines()[3110:3300]  # a stretch of 38号's body, heading cut off
    excerpt = "\n".join(line for line in lines if "〔" not in line)
    path = tmp_path / "excerpt.txt"
    path.write_text(excerpt, "utf-8")
    issue = segment(read_file(path))
    (doc,) = issue.documents
    assert doc.kind == "untitled" and doc.title == ""
    assert any(s.path == ("一",) for s in doc.sections)
    assert any("no document heading" in w.message and "excerpt.txt" in str(w) for w in issue.warnings)


def test_folder_with_bad_files_still_builds(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FILES["000"], corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = build([corpus], tmp_path / "out")
    assert len(result.issues) == 1 and result.documents == 7
    assert sorted(f.split("/")[-1] for f in result.failed) == ["empty.txt", "image.txt"]
    assert [f.name for f in (tmp_path / "out" / "graph" / "issues").iterdir()] == [FILES["000"].with_suffix(".nt").name]


def test_cli_bad_input_exits_nonzero_without_traceback(tmp_path):
    missing = runner.invoke(app, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert missing.exit_code != 0
    assert "nope.txt" in missing.output and "Traceback" not in missing.output
    (tmp_path / "empty.txt").write_bytes(b"")
    empty = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o")])
    assert empty.exit_code != 0 and "empty.txt" in empty.output and "file is empty" in empty.output
    no_graph = runner.invoke(app, ["documents", "--graph", str(tmp_path / "nowhere")])
    assert no_graph.exit_code != 0 and "no graph here" in no_graph.output
    bad_param = runner.invoke(app, ["query", "citations", "--graph", str(tmp_path), "--param", "oops"])
    assert bad_param.exit_code != 0 and "key=value" in bad_param.output


def test_failed_build_keeps_previous_graph(tmp_path, built):
    """A build that fails leaves what an earlier build wrote untouched."""
    out = tmp_path / "out"
    build([FILES["000"]], out)
    before = triples(out)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError):
        build([tmp_path / "empty.txt"], out)
    assert triples(out) == before


def test_city_data_given_as_a_folder(tmp_path):
    """Another city is another folder: a copy of the city data anywhere on disk works like a named city,
    and queries on the graph resolve names with the city it was built with."""
    import json

    city = tmp_path / "mycity"
    shutil.copytree(ROOT / "data" / "cities" / "qujing", city)
    out = tmp_path / "g"
    result = runner.invoke(app, ["build", str(FILES["000"]), "--out", str(out), "--city", str(city)])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "build.json").read_text("utf-8"))["city"] == str(city.resolve())
    profile = runner.invoke(app, ["query", "agency-profile", "--graph", str(out), "-p", "agency=市发改委", "--format", "json"])
    assert profile.exit_code == 0 and len(json.loads(profile.stdout)) > 5


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_read(tmp_path, encoding):
    """Issue 13: UTF-16 files were refused as "binary file (NUL bytes)"."""
    path = tmp_path / "utf16.txt"
    path.write_bytes(FILES["003"].read_text("utf-8").encode(encoding))  # "utf-16" writes a BOM, -le/-be do not
    source = read_file(path)
    assert source.encoding == "utf-16"
    assert source.lines == read_file(FILES["003"]).lines


def test_one_bad_byte_in_utf8_is_reported_where_it_is_and_the_rest_read(tmp_path):
    """Issue 13: one bad byte rejected the whole issue without saying where."""
    lines = FILES["000"].read_text("utf-8").split("\n")
    lines[99] = lines[99][:3] + "\udcff" + lines[99][3:]  # a lone 0xFF byte at line 100, column 4
    path = tmp_path / "bad.txt"
    path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogateescape"))
    source = read_file(path)
    assert source.encoding == "utf-8"
    assert source.lines[99] == lines[99].replace("\udcff", "\ufffd")
    (warning,) = source.warnings
    assert str(warning).startswith(f"{source.path}:100:4: invalid UTF-8 byte ff")
    issue = segment(source)
    assert warning in issue.warnings
    assert [d.number for d in issue.documents] == [d.number for d in segment(read_file(FILES["000"])).documents]


def test_short_utf8_file_with_a_bad_byte_is_not_read_as_gb18030(tmp_path):
    """Issue 13: a short file with one bad byte was silently read as GB18030 mojibake."""
    path = tmp_path / "short.txt"
    path.write_bytes("曲靖市人民政府办公室\n关于印发".encode("utf-8") + b"\xfe" + "方案的通知".encode("utf-8"))
    source = read_file(path)
    assert source.lines == ("曲靖市人民政府办公室", "关于印发\ufffd方案的通知")
    assert [str(w).split(": ")[0] for w in source.warnings] == [f"{source.path}:2:5"]


def test_the_same_file_twice_is_read_once(tmp_path):
    """Issue 13: the same file given twice (or through a second path) doubled the summary counts."""
    (tmp_path / "link.txt").symlink_to(FILES["000"])
    once = build([FILES["000"]], tmp_path / "once")
    twice = build([FILES["000"], FILES["000"].parent / ".." / "qujing" / FILES["000"].name, tmp_path / "link.txt"], tmp_path / "twice")
    assert len(twice.issues) == 1
    assert twice.summary()["records"] == once.summary()["records"]
