"""Plain-data form of results, in one language: the JSON contract (docs/output.md).

JSON, SARIF and HTML output are all built from this, so the contract has one definition.
"""

from __future__ import annotations

from collections import Counter

from ..finding import CheckResult, Finding, SectionResult
from ..i18n import Lang


def finding_data(finding: Finding, lang: Lang) -> dict:
    location = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message.text(lang),
        "hint": finding.hint.text(lang) if finding.hint else None,
        "section": finding.section,
        "location": location.model_dump(mode="json") if location else None,
        "excerpt": finding.excerpt,
    }


def section_data(section: SectionResult) -> dict:
    return {
        "id": section.id,
        "title": section.title,
        "status": section.status,
        "required": section.required,
        "heading": section.heading,
        "excerpt": section.excerpt,
        "location": section.location.model_dump(mode="json") if section.location else None,
        "score": round(section.score, 3),
    }


def file_data(result: CheckResult, lang: Lang) -> dict:
    return {
        "file": result.file,
        "schema": result.schema_id,
        "status": result.status,
        "error": (
            {"kind": result.error.kind, "message": result.error.message.text(lang)} if result.error else None
        ),
        "report": result.report.model_dump(mode="json", exclude={"blocks"}) if result.report else None,
        "sections": [section_data(s) for s in result.sections],
        "findings": [finding_data(f, lang) for f in result.findings],
        "notes": [note.text(lang) for note in result.notes],
    }


def summary_data(results: list[CheckResult]) -> dict:
    statuses = Counter(r.status for r in results)
    severities = Counter(f.severity.value for r in results for f in r.findings)
    return {
        "files": len(results),
        "ok": statuses["ok"],
        "findings": statuses["findings"],
        "error": statuses["error"],
        "errors": severities["error"],
        "warnings": severities["warning"],
        "infos": severities["info"],
    }


def results_data(results: list[CheckResult], lang: Lang) -> dict:
    return {"files": [file_data(r, lang) for r in results], "summary": summary_data(results)}
