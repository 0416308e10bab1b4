"""`kg eval` scores other governments' documents apart from the sample corpus."""

from kg.evaluation import other_gold
from kg.evaluation.other import appointment_keys, event_keys


def test_other_gold_totals_match_its_readme():
    """tests/data/other/README.md: 24 events with 77 person-roles and 60 appointment rows."""
    gold = other_gold()
    files = set(gold)
    assert len(files) == 20
    assert sum(len(g["events"]) for g in gold.values()) == 24
    assert len(event_keys(gold, files)) == 77
    assert len(appointment_keys(gold, files)) == 60


def test_traditional_names_compare_in_matching_form():
    gold = other_gold()
    keys = event_keys(gold, {"20_hebei-nanpi-renda-trad.txt"}, with_role=True)
    assert ("20_hebei-nanpi-renda-trad.txt", "03-07", "边疆", "chair") in keys  # printed 邊疆
