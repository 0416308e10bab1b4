"""The README's promise, command by command: an error is one line naming what is wrong, the exit
status is non-zero, and nothing already written is lost or half-written. Each case of issue 13
is a test here. Commands run through the real entry point (kg.__main__.main), as a user runs them.
"""

from __future__ import annotations

import os
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from kg.cli import app
from kg.errors import InputError
from kg.targets import check_out_folder
from tests.conftest import CORPUS, FILES

OTHER = Path(__file__).parent / "data" / "other" / "01_central-nongjihua.txt"


def kg(capsys, *args: str) -> tuple[int, str, str]:
    """Run `kg ARGS` in this process; (exit status, stdout, stderr)."""
    from kg.__main__ import main

    handler, argv = signal.getsignal(signal.SIGINT), sys.argv
    sys.argv = ["kg", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = argv
        signal.signal(signal.SIGINT, handler)
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line_error(code: int, err: str) -> str:
    assert code != 0
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


@pytest.fixture
def no_build(monkeypatch):
    """Fails the test if the build starts: the target must be refused before any work."""

    def refuse(*_a, **_k):
        raise AssertionError("the build ran before its output folder was checked")

    monkeypatch.setattr("kg.build.build", refuse)


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder no one can write in: read-only for a user; /sys (sysfs refuses new entries even to root)."""
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    return Path("/sys")


# -- kg build --out ----------------------------------------------------------------------------
def test_build_out_is_an_existing_file(capsys, tmp_path, no_build):
    (tmp_path / "out").write_text("keep me")
    line = one_line_error(*kg(capsys, "build", str(OTHER), "--out", str(tmp_path / "out"))[::2])
    assert line == f"error: {tmp_path / 'out'}: is a file, not a folder (give --out a folder for the graph)"
    assert (tmp_path / "out").read_text() == "keep me"


def test_build_out_under_a_file(capsys, tmp_path, no_build):
    (tmp_path / "file").write_text("")
    line = one_line_error(*kg(capsys, "build", str(OTHER), "--out", str(tmp_path / "file" / "graph"))[::2])
    assert f"{tmp_path / 'file'} is a file" in line


def test_build_out_on_a_read_only_place(capsys, tmp_path, no_build):
    target = unwritable_folder(tmp_path) / "graph"
    line = one_line_error(*kg(capsys, "build", str(OTHER), "--out", str(target))[::2])
    assert line.startswith(f"error: {target}: cannot write in {target.parent} (")
    assert not target.exists()


def test_build_out_name_that_cannot_be_encoded(capsys, tmp_path, no_build):
    """Typer refuses such a name as it reads the option; the check refuses it for any other caller."""
    line = one_line_error(*kg(capsys, "build", str(OTHER), "--out", str(tmp_path / "g\ud800"))[::2])
    assert "--out" in line and "encode" in line
    with pytest.raises(InputError, match=r"g\\ud800: this name cannot be encoded as a file name"):
        check_out_folder(tmp_path / "g\ud800")


# -- kg export -o ------------------------------------------------------------------------------
def test_export_to_a_folder(capsys, built, tmp_path):
    line = one_line_error(*kg(capsys, "export", "responsibilities", "-g", str(built[0]), "-o", str(tmp_path))[::2])
    assert line == f"error: {tmp_path}: is a folder; give -o a file name (e.g. {tmp_path / 'out.csv'})"


def test_export_to_a_read_only_place(capsys, built, tmp_path):
    target = unwritable_folder(tmp_path) / "r.csv"
    line = one_line_error(*kg(capsys, "export", "projects", "-g", str(built[0]), "-o", str(target))[::2])
    assert line.startswith(f"error: {target}: cannot write in {target.parent} (")


# -- build.json, person, resolve -----------------------------------------------------------------
@pytest.mark.parametrize("city", ["5", '["qujing"]', '""'])
def test_build_json_with_an_unexpected_city(capsys, built, tmp_path, city):
    graph = tmp_path / "g"
    shutil.copytree(built[0], graph)
    manifest = json.loads((graph / "build.json").read_text("utf-8"))
    (graph / "build.json").write_text(json.dumps(dict(manifest, city=json.loads(city))), "utf-8")
    line = one_line_error(*kg(capsys, "query", "agency-profile", "-g", str(graph), "-p", "agency=市发改委")[::2])
    assert line.startswith(f"error: {graph / 'build.json'}: 'city' is {city},")


def test_person_with_an_empty_name_names_no_internal_query(capsys, built):
    line = one_line_error(*kg(capsys, "person", "", "-g", str(built[0]))[::2])
    assert "query" not in line.replace("kg ", "") and "kg person needs a name" in line


@pytest.mark.parametrize("name", ["", "  "])
def test_resolve_an_empty_name_fails(capsys, name):
    line = one_line_error(*kg(capsys, "resolve", name)[::2])
    assert "kg resolve needs an agency name" in line


def test_usage_errors_are_one_line(capsys):
    assert one_line_error(*kg(capsys, "build")[::2]) == "error: Missing argument 'inputs'. (see kg build --help)"
    assert one_line_error(*kg(capsys, "documents", "-g", "x", "--format", "xml")[::2]).startswith("error: Invalid value for '--format'")


# -- Ctrl-C --------------------------------------------------------------------------------------
INTERRUPT_WHILE_LOADING = """
import builtins, os, signal, sys
real = builtins.__import__
def interrupting(name, *args, **kwargs):
    if name == "rdflib":  # the libraries are loading: the first half second of a real run
        os.kill(os.getpid(), signal.SIGINT)
    return real(name, *args, **kwargs)
builtins.__import__ = interrupting
sys.argv = ["kg", *sys.argv[1:]]
from kg.__main__ import main
main()
"""


@pytest.mark.parametrize("moment", ["loading", "1 of 4 files", "aggregating"])
def test_ctrl_c_at_any_time_is_one_line_and_130(tmp_path, moment):
    """While the libraries load, while the workers read files, while the graph is written: each
    moment is reached by what the build prints, not by a timer (a loaded machine is slow)."""
    args = ["build", str(CORPUS), "--out", str(tmp_path / "g"), "--jobs", "2"]
    cmd = [sys.executable, "-c", INTERRUPT_WHILE_LOADING, *args] if moment == "loading" else [str(Path(sys.executable).parent / "kg"), *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    before = ""
    if moment != "loading":
        while moment not in before and proc.poll() is None:
            before += proc.stderr.readline()
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: to the build and its worker processes
    _, after = proc.communicate(timeout=300)
    if proc.returncode == 0:
        pytest.skip("the build finished before the interrupt arrived")
    assert (proc.returncode, after) == (130, "interrupted\n"), before + after
    assert not list(tmp_path.rglob("*.tmp")), "a half-written file was left behind"


# -- a test per command: non-zero, one line, nothing lost ------------------------------------------
SPECIAL = {  # commands that take no --graph: how each is given bad input
    ("build",): ["build", "nowhere.txt", "--out", "{tmp}/g"],
    ("resolve",): ["resolve", ""],
    ("eval",): ["eval", "--corpus", "{tmp}/nowhere"],
    ("query",): ["query", "nosuch", "-g", "{tmp}/nowhere"],
}
ARGUMENTS = {("person",): ["李石松"], ("viz",): ["市能源局"]}


def leaf_commands() -> list[tuple[tuple[str, ...], object]]:
    def walk(cmd, path):
        subs = getattr(cmd, "commands", None)
        if subs:
            return [leaf for name, sub in sorted(subs.items()) for leaf in walk(sub, (*path, name))]
        return [(path, cmd)]

    return walk(typer.main.get_command(app), ())


@pytest.mark.parametrize("path, command", [pytest.param(p, c, id=" ".join(p)) for p, c in leaf_commands()])
def test_every_command_fails_with_one_line_and_loses_nothing(capsys, tmp_path, path, command):
    options = {o for p in command.params for o in p.opts}
    if path in SPECIAL:
        args = [a.format(tmp=tmp_path) for a in SPECIAL[path]]
    else:
        assert "--graph" in options, f"kg {' '.join(path)}: add a bad-input case to SPECIAL"
        args = [*path, *ARGUMENTS.get(path, []), "--graph", str(tmp_path / "nowhere")]
    kept = tmp_path / "kept.csv"
    kept.write_text("earlier output\n", "utf-8")
    if "--output" in options:
        args += ["--output", str(kept)]
    code, _, err = kg(capsys, *args)
    one_line_error(code, err)
    assert kept.read_text("utf-8") == "earlier output\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "a temporary file was left behind"
