"""Graph exporters, one module per format, registered by their --format name."""

from __future__ import annotations

from kg.export.base import Exporter
from kg.registry import registrar

FORMATS: dict[str, type[Exporter]] = {}

register = registrar(FORMATS)

__all__ = ["Exporter", "FORMATS", "register"]
