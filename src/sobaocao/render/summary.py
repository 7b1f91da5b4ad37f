"""The office's summary: one row per report, on screen and as CSV for Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..finding import CheckResult
from ..i18n import L, Lang
from ..output import write_output

SUMMARY_FILE = L("bảng tổng hợp", "summary")

COLUMNS = {
    "vi": ["Tệp", "Đơn vị", "Số", "Ngày báo cáo", "Kết quả", "Lỗi", "Cảnh báo", "Mục còn thiếu"],
    "en": ["File", "Unit", "Number", "Report date", "Status", "Errors", "Warnings", "Missing sections"],
}
STATUS = {
    "vi": {"ok": "đạt", "findings": "cần sửa", "error": "không đọc được"},
    "en": {"ok": "ok", "findings": "to fix", "error": "not checked"},
}


def summary_rows(results: list[CheckResult], lang: Lang = "vi") -> list[list[str]]:
    rows = []
    for result in results:
        header = result.report
        missing = _top_missing(result)
        rows.append(
            [
                result.file,
                (header.issuing_body or "") if header else "",
                (header.number or "") if header else "",
                header.date.strftime("%d/%m/%Y") if header and header.date else "",
                STATUS[lang][result.status],
                str(result.errors),
                str(result.warnings),
                ", ".join(missing),
            ]
        )
    return rows


def _top_missing(result: CheckResult) -> list[str]:
    """Missing sections without their items: "1.3" stands for 1.3.1–1.3.3 when all of it is missing."""
    missing = [s.id for s in result.sections if s.status == "missing"]
    return [m for m in missing if not any(m.startswith(parent + ".") for parent in missing)]


def render_table(results: list[CheckResult], lang: Lang = "vi") -> str:
    """A plain fixed-width table for the terminal."""
    rows = [COLUMNS[lang]] + summary_rows(results, lang)
    widths = [min(max(len(row[i]) for row in rows), 40) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [(cell if len(cell) <= widths[i] else cell[: widths[i] - 1] + "…").ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def csv_bytes(results: list[CheckResult], lang: Lang = "vi") -> bytes:
    """CSV with a byte-order mark, so Excel opens Vietnamese text correctly by double-click."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS[lang])
    writer.writerows(summary_rows(results, lang))
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(results: list[CheckResult], path: str | Path, lang: Lang = "vi") -> Path:
    return write_output(path, csv_bytes(results, lang), what=SUMMARY_FILE)
