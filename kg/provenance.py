"""Provenance for a span of normalised text: file, line span and the printed quote."""

from __future__ import annotations

from collections.abc import Sequence

from kg.normalise import NText, quote
from kg.records import Provenance


def span_prov(file: str, lines: Sequence[str], text: NText, extractor: str) -> Provenance:
    first, last = text.lines()
    return Provenance(file, first, last, quote(lines, text.origin), extractor)
