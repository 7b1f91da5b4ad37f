"""SARIF 2.1.0 output, for code-scanning pipelines that collect documents.

A .docx has no lines, so each result points at the file and names its place in the report as a
logical location (the numbering path and heading), with the quoted words as a snippet.
"""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..finding import CheckResult, Finding
from ..i18n import Lang
from ..rules import all_rules

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(results: list[CheckResult], lang: Lang = "vi") -> dict:
    rules = all_rules()
    used = sorted({f.rule for r in results for f in r.findings} | set(rules))
    index = {rule_id: i for i, rule_id in enumerate(used)}
    driver_rules = []
    for rule_id in used:
        rule = rules.get(rule_id)
        entry = {"id": rule_id, "helpUri": f"docs/rules.md#{rule_id}"}
        if rule:
            entry["shortDescription"] = {"text": rule.summary.text(lang)}
            entry["defaultConfiguration"] = {"level": LEVELS[rule.severity.value]}
        driver_rules.append(entry)
    sarif_results = []
    notifications = []
    for result in results:
        uri = Path(result.file).as_posix()
        if result.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": result.error.message.text(lang)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
        sarif_results += [_result(f, uri, index, lang) for f in result.findings]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "sobaocao", "version": __version__, "rules": driver_rules}},
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": sarif_results,
            }
        ],
    }


def _result(finding: Finding, uri: str, index: dict[str, int], lang: Lang) -> dict:
    text = finding.message.text(lang)
    if finding.hint:
        text += " " + finding.hint.text(lang)
    physical: dict = {"artifactLocation": {"uri": uri}}
    if finding.excerpt:
        physical["region"] = {"snippet": {"text": finding.excerpt}}
    location: dict = {"physicalLocation": physical}
    where = finding.location
    if where and (where.label or where.heading or finding.section):
        location["logicalLocations"] = [
            {
                "name": where.heading or where.label or finding.section,
                "fullyQualifiedName": where.label or finding.section,
                "kind": "section",
            }
        ]
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity.value],
        "message": {"text": text},
        "locations": [location],
    }
    if finding.section:
        result["properties"] = {"section": finding.section}
    return result
