"""Run the rule families over one report, apply the user's policy, sort the findings."""

from __future__ import annotations

from .config import Config
from .finding import Finding
from .rules import Context, families


def run_rules(ctx: Context, config: Config | None = None) -> list[Finding]:
    config = config or Config()
    findings = []
    superseded_by = {}
    for family in families():
        superseded_by.update({rule.id: rule.superseded_by for rule in family.RULES})
        for finding in family.check(ctx):
            if not config.enabled(finding.rule):
                continue
            finding.severity = config.severity_for(finding.rule, finding.severity)
            findings.append(finding)
    kept = {finding.rule for finding in findings}
    findings = [f for f in findings if not kept.intersection(superseded_by.get(f.rule, ()))]
    return sorted(findings, key=_reading_order)


def _reading_order(finding: Finding) -> tuple:
    """Findings in the order a reader meets them in the report; file-wide ones first."""
    block = finding.location.block if finding.location and finding.location.block is not None else -1
    return (block, finding.severity.rank, finding.rule, finding.section or "")
