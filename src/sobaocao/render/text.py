"""Text output for office staff: coverage of the required sections, then the findings.

Vietnamese by default. Colours are applied by the caller's terminal support (``click.style``
codes are stripped by ``click.echo`` when the output is not a terminal).
"""

from __future__ import annotations

import textwrap

import click

from ..finding import CheckResult, Finding, SectionResult, Severity
from ..i18n import Lang

WORDS = {
    "vi": {
        "sections": "Các mục theo yêu cầu của công văn",
        "findings": "Những điểm cần sửa",
        "no_findings": "Không phát hiện vấn đề nào.",
        "outside": "Chung cho cả báo cáo",
        "where": "Vị trí",
        "quote": "Trích",
        "fix": "Cách sửa",
        "schema": "Đối chiếu với",
        "number": "Số",
        "date": "ngày",
        "cannot": "KHÔNG KIỂM TRA ĐƯỢC",
        "total": "Tổng cộng",
        "files": "tệp",
        "status": {
            "present": "có",
            "mentioned": "có nêu trong nội dung",
            "empty": "có tiêu đề nhưng chưa có nội dung",
            "missing": "thiếu",
            "not-applicable": "không áp dụng với đơn vị",
        },
        "severity": {"error": "LỖI", "warning": "CẢNH BÁO", "info": "GHI CHÚ"},
        "counts": "{errors} lỗi, {warnings} cảnh báo, {infos} ghi chú",
    },
    "en": {
        "sections": "Sections required by the request letter",
        "findings": "What to fix",
        "no_findings": "No problems found.",
        "outside": "Whole report",
        "where": "Where",
        "quote": "Quote",
        "fix": "Fix",
        "schema": "Checked against",
        "number": "No.",
        "date": "dated",
        "cannot": "COULD NOT BE CHECKED",
        "total": "Total",
        "files": "files",
        "status": {
            "present": "present",
            "mentioned": "mentioned in the text",
            "empty": "heading without content",
            "missing": "missing",
            "not-applicable": "not required from this unit",
        },
        "severity": {"error": "ERROR", "warning": "WARNING", "info": "NOTE"},
        "counts": "{errors} errors, {warnings} warnings, {infos} notes",
    },
}

MARKS = {"present": "✓", "mentioned": "✓", "empty": "!", "missing": "✗", "not-applicable": "–"}
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
SECTION_COLOURS = {"present": "green", "mentioned": "green", "empty": "yellow", "missing": "red"}


def render_file(result: CheckResult, lang: Lang = "vi") -> str:
    words = WORDS[lang]
    lines = [click.style(f"━━ {result.file}", bold=True)]
    if result.error:
        lines.append(click.style(f"   {words['cannot']}: ", fg="red", bold=True) + result.error.message.text(lang))
        lines.extend("   " + note.text(lang) for note in result.notes)
        return "\n".join(lines)
    lines.extend(_report_line(result, lang))
    if result.sections:
        lines += ["", words["sections"] + ":"]
        lines += [_section_line(s, lang) for s in result.sections]
    for note in result.notes:
        lines.append("   " + note.text(lang))
    lines.append("")
    if not result.findings:
        lines.append(click.style(words["no_findings"], fg="green"))
        return "\n".join(lines)
    lines.append(f"{words['findings']} ({_counts(result.findings, lang)}):")
    titles = {s.id: s.title for s in result.sections}
    for section_id, findings in _grouped(result.findings):
        heading = f"[{section_id}] {titles.get(section_id, '')}".rstrip() if section_id else words["outside"]
        lines.append(click.style("  " + heading, bold=True))
        for finding in findings:
            lines.extend(_finding_lines(finding, lang))
    return "\n".join(lines)


def render_summary(results: list[CheckResult], lang: Lang = "vi") -> str:
    words = WORDS[lang]
    findings = [f for r in results for f in r.findings]
    unreadable = sum(r.status == "error" for r in results)
    text = f"{words['total']}: {len(results)} {words['files']}, {_counts(findings, lang)}"
    if unreadable:
        text += f", {unreadable} {words['files']} {words['cannot'].lower()}"
    return text


def _report_line(result: CheckResult, lang: Lang) -> list[str]:
    words = WORDS[lang]
    header = result.report
    parts = []
    if header:
        parts += [header.issuing_body or ""]
        if header.number:
            parts.append(header.number)
        if header.date:
            parts.append(f"{words['date']} {header.date:%d/%m/%Y}")
    if result.schema_id:
        parts.append(f"{words['schema']}: {result.schema_id}")
    return ["   " + " · ".join(p for p in parts if p)]


def _section_line(section: SectionResult, lang: Lang) -> str:
    mark = click.style(MARKS[section.status], fg=SECTION_COLOURS.get(section.status))
    title = _shorten(section.title, 48)
    status = WORDS[lang]["status"][section.status]
    if section.status in ("present", "empty") and section.heading:
        found = f"← «{_shorten(section.heading, 50)}»"
        if section.status == "empty":
            found += f" ({status})"
    elif section.status == "mentioned" and section.excerpt:
        found = f"← {status}: «{_shorten(section.excerpt, 40)}»"
    else:
        found = status
    return f"  {mark} {section.id:<9} {title:<48}  {found}"


def _finding_lines(finding: Finding, lang: Lang) -> list[str]:
    words = WORDS[lang]
    level = finding.severity.value
    tag = click.style(f"{words['severity'][level]:<9}", fg=COLOURS[level], bold=level == "error")
    lines = [f"    {tag} {finding.message.text(lang)}  ({finding.rule})"]
    indent = " " * 14
    location = finding.location
    if location and (location.label or location.heading):
        where = " ".join(p for p in (location.label, f"«{_shorten(location.heading or '', 60)}»" if location.heading else "") if p)
        lines.append(f"{indent}{words['where']}: {where}")
    if finding.excerpt:
        lines.append(f"{indent}{words['quote']}: “{_shorten(finding.excerpt, 160)}”")
    if finding.hint:
        wrapped = textwrap.wrap(finding.hint.text(lang), 90)
        lines.append(f"{indent}{words['fix']}: " + f"\n{indent}  ".join(wrapped))
    return lines


def _grouped(findings: list[Finding]) -> list[tuple[str | None, list[Finding]]]:
    """Findings grouped by schema section, report-wide ones first, keeping reading order."""
    groups: dict[str | None, list[Finding]] = {None: []}
    for finding in findings:
        groups.setdefault(finding.section, []).append(finding)
    return [(key, items) for key, items in groups.items() if items]


def _counts(findings: list[Finding], lang: Lang) -> str:
    count = {level.value: 0 for level in Severity}
    for finding in findings:
        count[finding.severity.value] += 1
    return WORDS[lang]["counts"].format(errors=count["error"], warnings=count["warning"], infos=count["info"])


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
