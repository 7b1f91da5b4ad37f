"""The one Finding type every rule yields, and the result of checking one file."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field, computed_field

from .document import Header, Location
from .i18n import Localized


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Finding(BaseModel):
    """One problem in a report: which rule, how serious, where, what the report says, what to do."""

    rule: str
    severity: Severity
    message: Localized
    hint: Localized | None = None
    section: str | None = None  # schema section id, when the finding concerns one
    location: Location | None = None
    excerpt: str | None = None  # the words in the report, quoted


SectionStatus = Literal["present", "mentioned", "empty", "missing", "not-applicable"]


class SectionResult(BaseModel):
    """How one schema section was found in the report, and what decided it."""

    id: str
    title: str
    status: SectionStatus
    required: bool = True
    heading: str | None = None  # the report heading that matched, as displayed
    excerpt: str | None = None  # for "mentioned": the words that showed the content
    location: Location | None = None
    score: float = 0.0
    blocks: list[int] = Field(default_factory=list)  # body blocks that belong to the section


class ErrorInfo(BaseModel):
    kind: str
    message: Localized


FileStatus = Literal["ok", "findings", "error"]


class CheckResult(BaseModel):
    """Everything sobaocao found about one file; ``status`` is ``error`` when it could not run."""

    file: str
    schema_id: str | None = Field(default=None, serialization_alias="schema")
    error: ErrorInfo | None = None
    report: Header | None = None
    sections: list[SectionResult] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    notes: list[Localized] = Field(default_factory=list)

    @computed_field
    @property
    def status(self) -> FileStatus:
        """Derived from ``error`` and ``findings``, so that it can never disagree with them."""
        if self.error is not None:
            return "error"
        return "findings" if self.findings else "ok"

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.error for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.warning for f in self.findings)
