"""Rule families. Each module declares ``RULES`` and a ``check(ctx)`` generator of findings."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from .base import Context, Rule

FAMILIES = ("structure", "period", "form", "placeholder")


def families() -> list[ModuleType]:
    """The family modules, in the order their findings are produced."""
    return [import_module(f"{__name__}.{name}") for name in FAMILIES]


def all_rules() -> dict[str, Rule]:
    """Every rule id with its declaration, for configuration checks and the rule reference."""
    return {rule.id: rule for family in families() for rule in family.RULES}


__all__ = ["Context", "Rule", "families", "all_rules"]
