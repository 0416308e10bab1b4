"""Name → function tables that modules fill by decorating themselves (extractors, mappers, evaluations)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)


def registrar(table: dict[str, F]) -> Callable[[str], Callable[[F], F]]:
    """`register = registrar(TABLE)`; then `@register("name")` puts a function in TABLE."""

    def register(name: str) -> Callable[[F], F]:
        def wrap(fn: F) -> F:
            table[name] = fn
            return fn

        return wrap

    return register
