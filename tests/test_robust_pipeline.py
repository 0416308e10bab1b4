"""Issue 8, item 1: no input stops a build. Random slices, joins and mutations of the real
documents (the sample gazettes and the other governments' texts) go through read → segment →
extract → graph mapping; no exception may escape.

Examples are bounded so the suite stays fast: `HYPOTHESIS_PROFILE=ci` (what `make test` uses)
tries more of them than the default developer profile.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.pipeline.job import process
from tests.conftest import CORPUS, ROOT

settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

SOURCES = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "tests" / "data" / "other").glob("*.txt"))
MAX_SLICE = 400  # lines: enough for a document with its tables, small enough for ~0.3 s an example

# What real gazettes print in place of what the sample prints (issue 8: 2019年第12期 stopped a build).
ODD_PERIODS = ["2019年第12期", "2021.13", "2020年第0期", "第3期", "2022·7", "2019年第123期", "二〇二一年第十二期"]
ODD_DATES = ["2021年13月45日", "2021年2月30日", "二〇二一年十二月三十一日", "0年0月0日", "2021年12月", "12月32日", "2099年1月1日"]
BRACKETS = "〔〕（）()[]【】《》"


@lru_cache(maxsize=None)
def lines_of(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text("utf-8").splitlines())


@st.composite
def slices(draw) -> list[str]:
    source = lines_of(draw(st.sampled_from(SOURCES)))
    start = draw(st.integers(0, max(0, len(source) - 1)))
    length = draw(st.integers(1, MAX_SLICE))
    return list(source[start : start + length])


def cut_line(lines, i, k):
    line = lines[i]
    return lines[:i] + [line[: k % (len(line) + 1)], line[k % (len(line) + 1) :]] + lines[i + 1 :]


def drop_brackets(lines, i, k):
    return lines[:i] + ["".join(ch for ch in lines[i] if ch not in BRACKETS)] + lines[i + 1 :]


def double_line(lines, i, k):
    return lines[: i + 1] + [lines[i]] + lines[i:]


def odd_period(lines, i, k):
    return lines[:i] + [ODD_PERIODS[k % len(ODD_PERIODS)]] + lines[i:]


def odd_date(lines, i, k):
    return lines[:i] + [lines[i] + ODD_DATES[k % len(ODD_DATES)]] + lines[i + 1 :]


def drop_line(lines, i, k):
    return lines[:i] + lines[i + 1 :]


def glue_lines(lines, i, k):
    return lines[:i] + ["".join(lines[i : i + 2])] + lines[i + 2 :]


MUTATIONS = [cut_line, drop_brackets, double_line, odd_period, odd_date, drop_line, glue_lines]


@st.composite
def documents(draw) -> bytes:
    lines = [line for part in draw(st.lists(slices(), min_size=1, max_size=3)) for line in part]
    for mutate in draw(st.lists(st.sampled_from(MUTATIONS), max_size=8)):
        if lines:
            lines = mutate(lines, draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, 1000)))
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "gb18030", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()) and encoding == "utf-8" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + b"\xff" + data[at:]  # one bad byte
    return data


def pipeline(data: bytes) -> None:
    """Every stage of a `kg build` job for one file (read, segment, extract, map, project), without
    the job's own safety net, so an exception any stage raises reaches the test."""
    from kg.errors import InputError

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutant.txt"
        path.write_bytes(data)
        try:
            process(path, "mutant.txt", "qujing")
        except InputError:
            return  # refused with a one-line message naming the file: allowed


@given(documents())
def test_no_mutation_of_real_documents_stops_the_pipeline(data):
    pipeline(data)


def test_an_unseen_gazette_period_builds():
    """The issue-8 case by itself: a front matter printing 2019年第12期 (the projects extractor
    once called int() on '2019-12')."""
    head = ["曲靖市人民政府公报", "2019年第12期", "目录"]
    body = list(lines_of(CORPUS / "001_aec869a62786b268.txt"))[400:520]
    pipeline("\n".join(head + body).encode("utf-8"))
