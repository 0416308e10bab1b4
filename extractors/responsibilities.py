"""Responsibility statements → tasks and assignments (lead, responsible, cooperate, participate, leader)."""

from __future__ import annotations

from extractors import register
from kg.city import City
from kg.records import Issue


@register("responsibilities")
def extract(issue: Issue, city: City) -> list:
    return []
