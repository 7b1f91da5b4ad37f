"""Hand-built check results for renderer and CLI tests that need no .docx."""

from __future__ import annotations

import datetime as dt

from sobaocao.document import Header, Location
from sobaocao.finding import CheckResult, ErrorInfo, Finding, SectionResult, Severity
from sobaocao.i18n import L


def sample_result() -> CheckResult:
    return CheckResult(
        file="bao-cao.docx",
        schema_id="cv630-ct07",
        report=Header(issuing_body="CHI BỘ SỞ KẾ HOẠCH VÀ ĐẦU TƯ", number="Số 15-BC/CB", date=dt.date(2022, 7, 15)),
        sections=[
            SectionResult(id="1.1", title="Tình hình quán triệt", status="present", heading="I. TÌNH HÌNH QUÁN TRIỆT",
                          location=Location(block=12, label="I"), score=0.93),
            SectionResult(id="1.3", title="Phương hướng, nhiệm vụ", status="missing"),
        ],
        findings=[
            Finding(rule="out-of-period", severity=Severity.warning,
                    message=L("Số liệu ngoài thời kỳ báo cáo", "Data outside the reporting period"),
                    hint=L("Bỏ số liệu năm 2022", "Remove the 2022 figures"), section="1.1",
                    location=Location(block=14, label="I.1", heading="1. Công tác lãnh đạo"),
                    excerpt="Trong 6 tháng đầu năm 2022, chi bộ đã…"),
            Finding(rule="missing-section", severity=Severity.error,
                    message=L("Thiếu mục 1.3", "Section 1.3 is missing"), section="1.3"),
        ],
    )


def unreadable_result() -> CheckResult:
    return CheckResult(file="hong.docx", error=ErrorInfo(kind="input", message=L("Tệp bị hỏng", "The file is damaged")))
