"""Responsibilities against tests/gold/responsibilities_*.csv."""

from __future__ import annotations

from kg.evaluation import Score, register


@register("responsibilities")
def evaluate(issues: list, records: list, city: object) -> list[Score]:
    return []
