"""Shared fixtures: the real sample corpus, segmented and built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.read import read_file
from kg.segment import segment
from kg.store import load

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "gazettes" / "qujing"
FILES = {
    "000": CORPUS / "000_0a4c42de838fdf56.txt",
    "001": CORPUS / "001_aec869a62786b268.txt",
    "002": CORPUS / "002_fe01ef1800893850.txt",
    "003": CORPUS / "003_106eced875fd4349.txt",
}


@pytest.fixture(scope="session")
def issues():
    return {key: segment(read_file(path)) for key, path in FILES.items()}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph")
    result = build([CORPUS], out)
    return out, result


@pytest.fixture(scope="session")
def graph(built):
    return load(built[0])


def doc_by_number(issue, number):
    return next(d for d in issue.documents if d.number == number)


@pytest.fixture(scope="session")
def bolt(tmp_path_factory):
    """A real Bolt server (ArcadeDB, started once per session): yields (uri, user, password, database)."""
    from tests.bolt_server import DATABASE, PASSWORD, USER, bolt_server

    with bolt_server(tmp_path_factory.mktemp("arcadedb")) as uri:
        yield uri, USER, PASSWORD, DATABASE


@pytest.fixture
def neo(bolt):
    """A connection to an emptied database."""
    from kg.neo4j_store import Neo4jStore

    store = Neo4jStore(*bolt)
    store.driver.execute_query("MATCH (n) DETACH DELETE n", database_=store.database)
    yield store
    store.close()
