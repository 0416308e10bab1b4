"""Canned-query parameters as a user types them (issue 13): validated, bound, resolved, never silently empty."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def kg(built, *args):
    result = runner.invoke(app, ["query", *args, "--graph", str(built[0]), "--format", "json"])
    return result.exit_code, result.stdout, result.output


@pytest.mark.parametrize("query, param, allowed", [
    ("lead-units", "role=leed", "allowed: lead, responsible, cooperate, participate"),
    ("lead-units", "expand=maybe", "allowed: types, no, yes"),
    ("lead-units", "year=22", "allowed: YYYY"),
    ("deadlines", "from=2022-13-45", "allowed: YYYY-MM-DD"),
    ("co-responsibility", "min=abc", "not an integer (allowed: a whole number ≥ 1)"),
    ("co-responsibility", "min=0", "allowed: a whole number ≥ 1"),
    ("county-visits", "month=2022-8", "allowed: YYYY-MM"),
    ("events", "kind=meeting", "allowed: standing_meeting, plenary_meeting"),
])
def test_invalid_values_name_what_is_allowed(built, query, param, allowed):
    code, _, output = kg(built, query, "--param", param)
    assert code == 2 and allowed in output and len(output.strip().splitlines()) == 1


def test_expand_no_is_not_yes(built):
    counts = {}
    for expand in ("no", "types", "yes"):
        code, out, _ = kg(built, "lead-units", "--param", f"expand={expand}")
        assert code == 0
        counts[expand] = {r["agency_name"]: r["tasks"] for r in json.loads(out)}
    # 卫生健康行政部门 leads 14 tasks as written; by default they count for the commission it stands for
    assert counts["no"]["卫生健康行政部门"] == 14 and "卫生健康行政部门" not in counts["types"]
    assert counts["types"]["曲靖市卫生健康委员会"] == 18
    # a group counts for each of its members only with expand=yes
    assert "各县（市、区）人民政府" in counts["types"] and "各县（市、区）人民政府" not in counts["yes"]


def test_default_ranking_says_how_it_counts(built):
    result = runner.invoke(app, ["query", "lead-units", "--graph", str(built[0])])
    assert result.exit_code == 0 and "卫生健康行政部门、卫生健康部门" in result.stdout
    assert "note: By default a generic department type" in result.stderr


def test_carriage_return_is_a_value_not_query_text(built):
    code, _, output = kg(built, "lead-units", "--param", "doc=a\rb")
    assert code == 2 and "no document matches 'a\\rb'" in output and "Traceback" not in output


def test_a_name_typed_as_the_table_prints_it(built):
    """The duty table of 曲政办发〔2022〕29号 prints the leader as 陈 志 (001:515); it is 陈志's ten tasks."""
    code, out, _ = kg(built, "leader-oversight", "--param", "leader=陈 志")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 10 and {r["leader"] for r in rows} == {"陈志"}


@pytest.mark.parametrize("query, param, message", [
    ("agency-profile", "agency=市卫健", "no agency matches '市卫健' in this graph; did you mean 曲靖市卫生健康委员会?"),
    ("leader-oversight", "leader=陈治", "no person matches '陈治' in this graph; did you mean 陈志?"),
    ("person-timeline", "person=无此人", "no person matches '无此人'"),
    ("citations", "doc=曲政办发〔2022〕330号", "no document matches '曲政办发〔2022〕330号' in this graph; did you mean 曲政办发〔2022〕33号"),
])
def test_unknown_names_are_errors_with_did_you_mean(built, query, param, message):
    code, _, output = kg(built, query, "--param", param)
    assert code == 2 and message in output


def test_timeline_shows_a_post_once(built):
    code, out, _ = kg(built, "person-timeline", "--param", "person=刘本芳")
    posts = [(r["what"], r["date"]) for r in json.loads(out) if r["item"] == "post"]
    assert code == 0 and posts and len(posts) == len(set(posts))


def test_each_query_has_its_own_help():
    result = runner.invoke(app, ["query", "lead-units", "--help"])
    assert result.exit_code == 0
    assert "expand: " in result.output and "one of types, no, yes; default types" in result.output and "counted_from" in result.output


LOOKUP_VALUES = {  # a name each kind holds in the sample, as its listing query prints it
    "agencies.agency_name": "曲靖市能源局", "documents.doc_number": "曲政办发〔2022〕29号", "people.name": "陈志",
    "posts.post": "市委常委", "powers.type": "行政处罚", "projects.county": "会泽县",
}


def test_every_name_parameter_has_an_existence_check_in_both_languages():
    from kg import query as canned

    used = {p.lookup for q in canned.available().values() for p in q.params.values() if p.lookup}
    checks = canned._lookups()
    assert used == set(checks) == set(LOOKUP_VALUES)
    assert all(c.sparql.strip() and c.cypher.strip() for c in checks.values())


def test_existence_checks_answer_as_the_listings_on_both_stores(built, bolt):
    """Each check finds a name its listing query prints and not a near miss, on the RDF store and over Bolt."""
    from kg import model
    from kg import query as canned
    from kg.neo4j_store import Neo4jStore
    from kg.store import open_store

    rdf = open_store(built[0])
    uri, user, password, _ = bolt
    with Neo4jStore(uri, user, password, "sample") as neo:
        neo.load(model.read(built[0]))
        for lookup, value in LOOKUP_VALUES.items():
            source, _, column = lookup.partition(".")
            listed = {r[column] for r in canned.run(rdf, source)[1]}
            assert value in listed, lookup
            for store in (rdf, neo):
                assert canned.holds(store, lookup, value), (lookup, store)
                assert not canned.holds(store, lookup, value[:-1] + "某"), (lookup, store)
