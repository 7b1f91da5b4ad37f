"""What every rule family shares: the rule declaration and the context rules read.

A family module (``structure``, ``period``, ``form``) declares its rules as ``Rule`` constants,
lists them in ``RULES`` and exposes ``check(ctx)``, a generator of findings. Rules never decide
the final severity: the engine applies the user's configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document, Location
from ..finding import Finding, SectionResult, Severity
from ..i18n import Localized
from ..schema import Form, Schema


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for report text quoted inside a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Rule:
    id: str  # stable kebab-case id
    severity: Severity  # default severity
    summary: Localized  # one line for the rule reference
    # Rules whose findings already say what this one would: when the user's configuration keeps
    # one of them for the report, the engine drops this rule's findings (one problem, one finding).
    superseded_by: tuple[str, ...] = ()

    def finding(
        self,
        message: Localized,
        *,
        hint: Localized | None = None,
        section: str | None = None,
        location: Location | None = None,
        excerpt: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=message,
            hint=hint,
            section=section,
            location=location,
            excerpt=excerpt,
        )


@dataclass
class Context:
    """What a rule may read: the parsed report, the schema and how its sections were matched."""

    document: Document
    schema: Schema | None
    sections: list[SectionResult] = field(default_factory=list)
    form: Form | None = None  # the form expected (schema) or detected (header)
    schema_fits: bool = True  # False when the report does not look like an answer to the schema
