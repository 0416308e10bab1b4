"""Selections on a graph model: each criterion alone, combined, and the errors users see."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.select import SOURCE_DOCUMENT, Spec, select, year_window
from tests.export.toy import DOC, ENERGY, EVENT, GROUP, HUIZE, HUIZE_GOV, ISSUE, LEAD, NDRC, OTHER_TASK, PERSON, POST, TASK, toy


def ids(model):
    return set(model.nodes), sorted(e.type for e in model.edges)


def test_center_any_spelling_depth_one():
    for name in ("曲靖市能源局", "市能源局", "能源局", ENERGY):
        nodes, edges = ids(select(toy(), Spec(centers=[name])))
        assert nodes == {ENERGY, TASK, OTHER_TASK, GROUP}
        assert edges == ["LEADS", "LEADS", "MEMBER_OF"]


def test_center_depth_two_reaches_the_cooperating_units():
    nodes, _ = ids(select(toy(), Spec(centers=["市能源局"], depth=2)))
    assert {NDRC, HUIZE_GOV, DOC} <= nodes and EVENT not in nodes


def test_center_through_the_city_spelling_rules():
    respell = {"市发改委": ["曲靖市发展和改革委员会"]}.get
    nodes, _ = ids(select(toy(), Spec(centers=["市发改委"], depth=0), lambda n: respell(n) or []))
    assert nodes == {NDRC}


def test_unknown_name_says_did_you_mean():
    with pytest.raises(InputError, match=r"'曲靖市能源厅' names no node.*did you mean 曲靖市能源局"):
        select(toy(), Spec(centers=["曲靖市能源厅"]))


def test_ambiguous_name_lists_the_candidates():
    with pytest.raises(InputError) as exc:
        select(toy(), Spec(centers=["曲靖市"]))
    assert "曲靖市能源局 (Agency" in str(exc.value) and "曲靖市发展和改革委员会 (Agency" in str(exc.value)


def test_role_keeps_only_lead_facts_and_their_ends():
    nodes, edges = ids(select(toy(), Spec(roles=["lead"])))
    assert nodes == {ENERGY, TASK, OTHER_TASK} and edges == ["LEADS", "LEADS"]


def test_document_is_what_was_read_from_its_lines():
    m = select(toy(), Spec(documents=["曲政办发〔2022〕29号"]))
    nodes, edges = ids(m)
    # the task read at line 440, the units assigned to it, the group set up by the document, its issue
    assert nodes == {DOC, TASK, ENERGY, NDRC, HUIZE_GOV, GROUP, ISSUE}
    assert edges == ["COOPERATES_ON", "COOPERATES_ON", "IS_PART_OF", "IS_PART_OF", "LEADS", "MEMBER_OF", "MEMBER_OF"]
    lead = next(e for e in m.edges if e.id == LEAD)
    assert lead.props[SOURCE_DOCUMENT] == ["曲政办发〔2022〕29号"]


def test_issue_by_period_holds_its_documents_and_chronicle():
    nodes, _ = ids(select(toy(), Spec(issues=["2022.4"])))
    assert {ISSUE, DOC, TASK, OTHER_TASK, EVENT, PERSON, POST} <= nodes


def test_year_keeps_dated_facts_and_what_they_join():
    nodes, edges = ids(select(toy(), Spec(since=year_window("2021")[0], until=year_window("2021")[1])))
    assert nodes == {EVENT, PERSON, POST, ISSUE}
    assert edges == ["HOLDS", "PARTICIPATED_IN", "REPORTED_IN"]


def test_date_window_by_month():
    nodes, _ = ids(select(toy(), Spec(since="2022-04", until="2022-04")))
    assert DOC in nodes and TASK in nodes and EVENT not in nodes and OTHER_TASK not in nodes


def test_jurisdiction_takes_the_agencies_named_under_it():
    nodes, edges = ids(select(toy(), Spec(jurisdictions=["会泽"])))
    assert nodes == {HUIZE, HUIZE_GOV} and edges == []


def test_group_and_its_members():
    nodes, edges = ids(select(toy(), Spec(groups=["领导小组"])))
    assert nodes == {GROUP, ENERGY, NDRC} and edges == ["MEMBER_OF", "MEMBER_OF"]


def test_not_a_group():
    with pytest.raises(InputError, match="has no members"):
        select(toy(), Spec(groups=["市能源局"]))


def test_query_rows_give_their_entities_and_the_facts_between_them():
    rows = [{"agency_name": "曲靖市能源局", "tasks": 2, "agency": ENERGY}, {"agency_name": "x", "tasks": 1, "agency": GROUP}]
    nodes, edges = ids(select(toy(), Spec(query_rows=rows)))
    assert nodes == {ENERGY, GROUP} and edges == ["MEMBER_OF"]


def test_criteria_combine():
    nodes, edges = ids(select(toy(), Spec(centers=["市能源局"], documents=["曲政办发〔2022〕29号"])))
    assert nodes == {ENERGY, TASK, GROUP} and edges == ["LEADS", "MEMBER_OF"]
    nodes, edges = ids(select(toy(), Spec(centers=["市能源局"], types=["Task"])))
    assert nodes == {TASK, OTHER_TASK} and edges == []


def test_type_alone():
    nodes, edges = ids(select(toy(), Spec(types=["agency"])))
    assert nodes == {ENERGY, NDRC, GROUP, HUIZE_GOV} and edges == ["MEMBER_OF", "MEMBER_OF"]


@pytest.mark.parametrize("spec, message", [
    (Spec(types=["Ministry"]), "no node type 'Ministry'"),
    (Spec(roles=["boss"]), "no fact has role 'boss'"),
    (Spec(since="April"), "YYYY, YYYY-MM or YYYY-MM-DD"),
    (Spec(documents=["曲政发〔2099〕1号"]), "names no document"),
])
def test_bad_criteria_are_one_line_errors(spec, message):
    with pytest.raises(InputError, match=message):
        select(toy(), spec)


def test_query_rows_without_entities():
    with pytest.raises(InputError, match="gave 1 rows and no entity"):
        select(toy(), Spec(query_rows=[{"count": 3, "name": "曲靖市能源局"}]))
