"""Graph exporters, one module per format, registered by their --format name."""

from __future__ import annotations

from kg.export.base import Exporter
from kg.registry import registrar

FORMATS: dict[str, type[Exporter]] = {}

register = registrar(FORMATS)

__all__ = ["Exporter", "FORMATS", "format_for", "load_formats", "register"]


def load_formats() -> dict[str, type[Exporter]]:
    """Import every format module of this package (each registers itself) and return FORMATS."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return FORMATS


def format_for(path: str) -> str | None:
    """The format whose file ending `path` has (the longest ending wins: .ftm.json over .json)."""
    name = path.lower()
    endings = [(ext, fmt) for fmt, cls in load_formats().items() for ext in cls.extensions if name.endswith(ext)]
    return max(endings, key=lambda x: len(x[0]))[1] if endings else None
