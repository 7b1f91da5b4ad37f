import csv
import json

import click

from sobaocao.render.data import results_data
from sobaocao.render.html import render_html
from sobaocao.render.sarif import render_sarif
from sobaocao.render.summary import summary_rows, write_csv
from sobaocao.render.text import render_file, render_summary

from .results import sample_result, unreadable_result


def test_json_contract_has_the_documented_keys_in_the_chosen_language():
    data = results_data([sample_result(), unreadable_result()], "en")
    assert set(data) == {"files", "summary"}
    first, second = data["files"]
    assert set(first) == {"file", "schema", "status", "error", "report", "sections", "findings", "notes"}
    assert first["schema"] == "cv630-ct07"
    assert first["report"]["date"] == "2022-07-15"
    assert first["sections"][0] == {
        "id": "1.1", "title": "Tình hình quán triệt", "status": "present", "required": True,
        "heading": "I. TÌNH HÌNH QUÁN TRIỆT", "excerpt": None,
        "location": {"block": 12, "label": "I", "heading": None, "part": None}, "score": 0.93,
    }
    finding = first["findings"][0]
    assert finding["message"] == "Data outside the reporting period"
    assert finding["location"]["label"] == "I.1"
    assert second["error"] == {"kind": "input", "message": "The file is damaged"}
    assert data["summary"] == {"files": 2, "ok": 0, "findings": 1, "error": 1, "errors": 1, "warnings": 1, "infos": 0}
    json.dumps(data, ensure_ascii=False)  # serialisable as it is


def test_text_groups_findings_by_section_and_says_where_and_what_to_do():
    text = click.unstyle(render_file(sample_result(), "vi"))
    assert "✓ 1.1" in text and "← «I. TÌNH HÌNH QUÁN TRIỆT»" in text
    assert "✗ 1.3" in text and "thiếu" in text
    assert "[1.1] Tình hình quán triệt" in text
    assert "CẢNH BÁO  Số liệu ngoài thời kỳ báo cáo  (out-of-period)" in text
    assert "Vị trí: I.1 «1. Công tác lãnh đạo»" in text
    assert "Trích: “Trong 6 tháng đầu năm 2022, chi bộ đã…”" in text
    assert "Cách sửa: Bỏ số liệu năm 2022" in text
    assert text.index("[1.1]") < text.index("[1.3]")


def test_text_for_an_unreadable_file_is_one_clear_line():
    text = click.unstyle(render_file(unreadable_result(), "en"))
    assert text.splitlines() == ["━━ hong.docx", "   COULD NOT BE CHECKED: The file is damaged"]


def test_summary_counts_files_and_findings():
    line = render_summary([sample_result(), unreadable_result()], "vi")
    assert line == "Tổng cộng: 2 tệp, 1 lỗi, 1 cảnh báo, 0 ghi chú, 1 tệp không kiểm tra được"


def test_csv_opens_in_excel_with_vietnamese(tmp_path):
    target = tmp_path / "tong-hop.csv"
    write_csv([sample_result(), unreadable_result()], str(target))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][1] == "Đơn vị"
    assert rows[1] == ["bao-cao.docx", "CHI BỘ SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số 15-BC/CB", "15/07/2022", "cần sửa", "1", "1", "1.3"]
    assert rows[2][4] == "không đọc được"
    assert summary_rows([unreadable_result()], "en")[0][4] == "not checked"


def test_summary_lists_a_missing_section_once_without_its_items():
    result = sample_result()
    result.sections += [
        result.sections[1].model_copy(update={"id": "1.3.1"}),
        result.sections[1].model_copy(update={"id": "1.2.2.4"}),
    ]
    assert summary_rows([result])[0][7] == "1.3, 1.2.2.4"


def test_sarif_results_point_at_the_file_and_the_section():
    sarif = render_sarif([sample_result(), unreadable_result()], "en")
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0"
    levels = [(r["ruleId"], r["level"]) for r in run["results"]]
    assert levels == [("out-of-period", "warning"), ("missing-section", "error")]
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bao-cao.docx"
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "I.1"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "out-of-period"
    assert run["invocations"][0]["executionSuccessful"] is False


def test_html_is_self_contained_and_escapes_report_text():
    result = sample_result()
    result.findings[0].excerpt = "<script>alert(1)</script>"
    page = render_html([result], "vi")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http" not in page.replace("https://", "")  # nothing to fetch
    assert 'href="#file-1"' in page


def test_html_shows_each_files_notes_with_its_findings_or_its_error():
    from sobaocao.i18n import L

    note = L("Tệp «a.doc» đã được chuyển sang .docx <bằng LibreOffice>.", "File 'a.doc' was converted.")
    checked, unreadable = sample_result(), unreadable_result()
    checked.notes, unreadable.notes = [note], [note]
    page = render_html([checked, unreadable], "vi")
    assert page.count('<p class="note">Tệp «a.doc» đã được chuyển sang .docx &lt;bằng LibreOffice&gt;.</p>') == 2


def test_every_word_of_the_renderers_exists_in_both_languages():
    """The renderers keep their words in per-language tables; a key present in one language only
    would fail only when a user picks the other one."""
    from sobaocao.finding import SectionResult, Severity
    from sobaocao.render import html, outline, summary, text

    def shape(value):
        return {key: shape(item) for key, item in value.items()} if isinstance(value, dict) else type(value)

    for table in (text.WORDS, outline.FIELDS, summary.STATUS, html.TITLE):
        assert shape(table["vi"]) == shape(table["en"])
    assert len(summary.COLUMNS["vi"]) == len(summary.COLUMNS["en"]) == len(summary_rows([sample_result()])[0])
    statuses = set(SectionResult.model_fields["status"].annotation.__args__)
    assert set(text.WORDS["vi"]["status"]) == statuses == set(text.MARKS)
    assert set(text.WORDS["vi"]["severity"]) == {level.value for level in Severity}
