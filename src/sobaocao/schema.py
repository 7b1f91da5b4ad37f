"""The schema language: a request letter (công văn, hướng dẫn) as data.

A schema says what a report must contain (a tree of sections), the period its data must cover,
when it is due, and which form (Party or state) it must follow. Built-in schemas are YAML files
shipped in ``sobaocao.schemas``; users may pass their own file.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .finding import Severity

Form = Literal["party", "state"]
TemporalRole = Literal["results", "plans", "any"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceLetter(_Strict):
    """The request letter the schema was written from."""

    number: str  # "630-CV/ĐUK"
    issuer: str
    date: dt.date
    subject: str | None = None


class DateRange(_Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> "DateRange":
        if self.end < self.start:
            raise ValueError("end is before start / ngày kết thúc trước ngày bắt đầu")
        return self

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Unit(_Strict):
    """A reporting unit the letter names, e.g. for an item only some units must answer."""

    id: str
    names: list[str] = Field(min_length=1)  # ways the unit's name is written in a report header


class Condition(_Strict):
    """When a section is required: only from the named units (ids of ``Schema.units``)."""

    units: list[str] = Field(min_length=1)


class Section(_Strict):
    """One required part of the report, possibly with items below it."""

    id: str
    title: str
    aliases: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    required: bool = True
    severity: Severity | None = None  # when missing; default from the rule
    condition: Condition | None = None
    temporal: TemporalRole | None = None  # inherited from the parent when not given
    guidance: str | None = None  # what the letter asks, shown in hints and templates
    sections: list["Section"] = Field(default_factory=list)

    def walk(self):
        yield self
        for child in self.sections:
            yield from child.walk()


class Identify(_Strict):
    """Words that show a report answers this letter (title, citations)."""

    keywords: list[str] = Field(default_factory=list)  # any of them in the title or opening
    citations: list[str] = Field(default_factory=list)  # document symbols the answer cites


class Schema(_Strict):
    id: str
    title: str
    source: SourceLetter
    period: DateRange
    submission: DateRange | None = None
    form: Form = "party"
    identify: Identify = Field(default_factory=Identify)
    units: list[Unit] = Field(default_factory=list)
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _inherit_temporal(self) -> "Schema":
        """Give every section its temporal role, so that rules never walk up the tree for it."""

        def fill(sections: list[Section], inherited: TemporalRole) -> None:
            for section in sections:
                section.temporal = section.temporal or inherited
                fill(section.sections, section.temporal)

        fill(self.sections, "any")
        return self

    def walk(self):
        """Every section of the tree, depth first, in the letter's order."""
        for section in self.sections:
            yield from section.walk()

    def parents(self) -> dict[str, Section]:
        """Section id -> the section directly above it, in one walk; top-level sections are absent."""
        return {child.id: section for section in reversed(list(self.walk())) for child in section.sections}

    def parent(self, section_id: str) -> Section | None:
        """The section directly above ``section_id``; None for a top-level section."""
        return self.parents().get(section_id)

    def section(self, section_id: str) -> Section:
        for section in self.walk():
            if section.id == section_id:
                return section
        raise KeyError(section_id)
