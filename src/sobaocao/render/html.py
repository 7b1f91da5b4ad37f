"""A self-contained HTML page for the office: the summary table, then each file's coverage and
findings. No scripts, fonts or links to fetch, so it opens anywhere without internet."""

from __future__ import annotations

from html import escape

from .. import __version__
from ..finding import CheckResult
from ..i18n import Lang
from .summary import COLUMNS, summary_rows
from .text import MARKS, WORDS

TITLE = {"vi": "Kết quả kiểm tra báo cáo", "en": "Report check results"}
STYLE = """
body{font-family:"Times New Roman",serif;margin:2em auto;max-width:70em;color:#222;line-height:1.4}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eee}.ok{color:#176317}.findings{color:#8a5a00}.error{color:#b00020}
.present,.mentioned{color:#176317}.missing{color:#b00020}.empty{color:#8a5a00}.not-applicable{color:#777}
.sev-error{color:#b00020;font-weight:bold}.sev-warning{color:#8a5a00}.sev-info{color:#225}
.excerpt{font-style:italic}.hint{color:#444}.rule{color:#777;font-family:monospace}
"""


def render_html(results: list[CheckResult], lang: Lang = "vi") -> str:
    words = WORDS[lang]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{TITLE[lang]}</title><style>{STYLE}</style></head><body>",
        f"<h1>{TITLE[lang]}</h1>",
        _summary_table(results, lang),
    ]
    for number, result in enumerate(results, start=1):
        parts.append(f'<section id="file-{number}"><h2>{escape(result.file)}</h2>')
        if result.error:
            parts.append(f'<p class="error">{escape(words["cannot"])}: {escape(result.error.message.text(lang))}</p>')
        else:
            parts += [_findings(result, lang), _coverage(result, lang)]  # what to fix first: the table is long
        parts += [f'<p class="note">{escape(note.text(lang))}</p>' for note in result.notes]  # a converted .doc
        parts.append("</section>")
    parts.append(f'<footer><p class="rule">sobaocao {__version__}</p></footer></body></html>')
    return "\n".join(parts)


def _summary_table(results: list[CheckResult], lang: Lang) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS[lang])
    rows = []
    for number, (result, row) in enumerate(zip(results, summary_rows(results, lang)), start=1):
        cells = [f'<a href="#file-{number}">{escape(row[0])}</a>'] + [escape(c) for c in row[1:]]
        cells[4] = f'<span class="{result.status}">{cells[4]}</span>'
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table class="summary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _coverage(result: CheckResult, lang: Lang) -> str:
    if not result.sections:
        return ""
    words = WORDS[lang]
    rows = []
    for section in result.sections:
        found = section.heading or section.excerpt or ""
        rows.append(
            f'<tr class="{section.status}"><td>{MARKS[section.status]}</td><td>{escape(section.id)}</td>'
            f"<td>{escape(section.title)}</td><td>{escape(words['status'][section.status])}</td>"
            f"<td>{escape(found)}</td></tr>"
        )
    return f"<h3>{escape(words['sections'])}</h3><table class=\"coverage\"><tbody>{''.join(rows)}</tbody></table>"


def _findings(result: CheckResult, lang: Lang) -> str:
    words = WORDS[lang]
    if not result.findings:
        return f'<p class="ok">{escape(words["no_findings"])}</p>'
    items = []
    for finding in result.findings:
        level = finding.severity.value
        where = finding.location
        place = " ".join(x for x in (where.label, f"«{where.heading}»" if where.heading else None) if x) if where else ""
        item = (
            f'<li><span class="sev-{level}">{escape(words["severity"][level])}</span> '
            f'{escape(finding.message.text(lang))} <span class="rule">({finding.rule})</span>'
        )
        if place:
            item += f"<br>{escape(words['where'])}: {escape(place)}"
        if finding.excerpt:
            item += f'<br>{escape(words["quote"])}: <span class="excerpt">“{escape(finding.excerpt)}”</span>'
        if finding.hint:
            item += f'<br><span class="hint">{escape(words["fix"])}: {escape(finding.hint.text(lang))}</span>'
        items.append(item + "</li>")
    return f"<h3>{escape(words['findings'])}</h3><ul class=\"findings\">{''.join(items)}</ul>"
