"""Reporting-period rules on reports built by hand: exact findings, and silence where due."""

from __future__ import annotations

import datetime as dt

import pytest

from sobaocao.document import Block, Document, Header
from sobaocao.finding import SectionResult, Severity
from sobaocao.i18n import L
from sobaocao.rules import period
from sobaocao.rules.base import Context
from sobaocao.schema import DateRange, Schema

SCHEMA = Schema.model_validate({
    "id": "so-ket-07",
    "title": "Sơ kết 5 năm thực hiện Chỉ thị số 07-CT/TW",
    "source": {"number": "630-CV/ĐUK", "issuer": "Đảng ủy Khối", "date": "2022-06-28"},
    "period": {"start": "2016-10-01", "end": "2021-12-31"},
    "submission": {"start": "2022-07-01", "end": "2022-07-31"},
    "sections": [
        {"id": "1", "title": "Kết quả", "temporal": "results", "sections": [
            {"id": "1.1", "title": "Quán triệt, triển khai"},
            {"id": "1.2", "title": "Kết quả thực hiện"},
            {"id": "1.3", "title": "Dự kiến kinh phí", "temporal": "plans"},
        ]},
        {"id": "2", "title": "Phương hướng, nhiệm vụ", "temporal": "plans"},
        {"id": "3", "title": "Kiến nghị", "temporal": "any"},
    ],
})

SIGNED = dt.date(2022, 7, 15)


def _report(texts, *, date=SIGNED, title="Báo cáo sơ kết 5 năm thực hiện Chỉ thị số 07-CT/TW"):
    """Blocks from (part, kind, text) or (part, kind, rows) triples, indexed in order."""
    blocks = []
    for index, (part, kind, content) in enumerate(texts):
        if kind == "table":
            blocks.append(Block(index=index, part=part, kind=kind, rows=content))
        else:
            level = 1 if kind == "heading" else None
            blocks.append(Block(index=index, part=part, kind=kind, text=content, level=level))
    header = Header(date=date, title=title, place_date="Yên Bái, ngày 15 tháng 7 năm 2022")
    return Document(header=header, blocks=blocks)


def _sections(**blocks_by_id):
    return [
        SectionResult(id=section_id.replace("_", "."), title=section_id, status="present", blocks=blocks)
        for section_id, blocks in blocks_by_id.items()
    ]


def _run(document, sections, schema=SCHEMA, fits=True):
    ctx = Context(document=document, schema=schema, sections=sections, schema_fits=fits)
    return list(period.check(ctx))


def _summary(findings):
    return {(f.rule, f.section, f.location.block if f.location else None, f.excerpt) for f in findings}


def test_a_section_without_a_temporal_role_is_silent_as_the_schema_language_says():
    """No ``temporal`` at the top level is ``any`` (the schema's default), for the section and its items."""
    schema = Schema.model_validate({
        **SCHEMA.model_dump(exclude={"sections"}),
        "sections": [{"id": "1", "title": "Kết quả", "sections": [{"id": "1.1", "title": "Quán triệt"}]}],
    })
    document = _report([("body", "paragraph", "Tháng 9/2016, chi bộ xây dựng kế hoạch.")])
    assert _run(document, _sections(**{"1_1": [0]}), schema=schema) == []
    results = schema.model_copy(deep=True)
    results.sections[0].temporal = results.sections[0].sections[0].temporal = "results"
    assert [f.rule for f in _run(document, _sections(**{"1_1": [0]}), schema=results)] == ["out-of-period"]


def test_results_outside_the_period_in_numeric_and_spelled_forms():
    document = _report([
        ("header", "paragraph", "Yên Bái, ngày 15 tháng 7 năm 2022"),
        ("body", "heading", "I. KẾT QUẢ THỰC HIỆN"),
        ("body", "paragraph", "Năm 2016, chi bộ tổ chức 3 hội nghị quán triệt."),
        ("body", "paragraph", "Tháng 9/2016, chi bộ xây dựng kế hoạch. Quý IV/2016 tổ chức quán triệt."),
        ("body", "paragraph", "Ngày 28 tháng 6 năm 2022, chi bộ tổ chức sơ kết."),
        ("body", "paragraph", "Thực hiện Công văn số 810-CV/TU, ngày 13/5/2022 của Tỉnh ủy, chi bộ tổng hợp số liệu."),
        ("body", "paragraph", "6 tháng đầu năm 2022, chi bộ đăng 58 tin, bài."),
        ("body", "paragraph", "Từ năm 2016 đến năm 2022, số đảng viên tăng 12 đồng chí."),
        ("body", "paragraph", "Giai đoạn 2016 – 2021, công tác thông tin cơ sở có nhiều chuyển biến."),
        ("body", "paragraph", "Luật Báo chí năm 2016 được tuyên truyền tới 100% đảng viên."),
        ("body", "heading", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
        ("body", "paragraph", "Năm 2022, tiếp tục quán triệt Chỉ thị; 6 tháng cuối năm 2022 tổ chức hội thi."),
        ("body", "paragraph", "Đề nghị Đảng ủy Khối hỗ trợ kinh phí năm 2023."),
        ("closing", "paragraph", "Lưu Văn phòng, ngày 16/7/2022."),
    ])
    sections = _sections(**{"1": [1, 2, 3, 4, 5], "1_1": [2, 3, 4, 5], "1_2": [6, 7, 8, 9],
                            "2": [10, 11], "3": [12]})
    assert _summary(_run(document, sections)) == {
        ("out-of-period", "1.1", 3, "Tháng 9/2016, chi bộ xây dựng kế hoạch."),
        ("out-of-period", "1.1", 4, "Ngày 28 tháng 6 năm 2022, chi bộ tổ chức sơ kết."),
        ("out-of-period", "1.2", 6, "6 tháng đầu năm 2022, chi bộ đăng 58 tin, bài."),
        ("out-of-period", "1.2", 7, "Từ năm 2016 đến năm 2022, số đảng viên tăng 12 đồng chí."),
    }


def test_messages_say_which_part_is_outside_and_what_to_do():
    document = _report([("body", "paragraph", "Từ năm 2016 đến năm 2022, số đảng viên tăng 12 đồng chí.")])
    (finding,) = _run(document, _sections(**{"1_2": [0]}))
    assert finding.severity is Severity.warning
    assert finding.message.vi == (
        "«Từ năm 2016 đến năm 2022» vượt ra ngoài kỳ báo cáo (từ tháng 10/2016 đến hết năm 2021): "
        "phần năm 2022 nằm ngoài kỳ."
    )
    assert finding.message.en == (
        "«Từ năm 2016 đến năm 2022» reaches outside the reporting period (from October 2016 to the "
        "end of 2021): 2022 lies outside it."
    )
    assert finding.hint.vi == (
        "Chỉ báo cáo số liệu từ tháng 10/2016 đến hết năm 2021; chuyển số liệu năm 2022 sang phần "
        "phương hướng hoặc bỏ đi."
    )


def test_a_period_before_the_start_is_flagged_with_its_own_hint():
    document = _report([("body", "paragraph", "So với tháng 9/2016, số tin bài tăng gấp đôi.")])
    (finding,) = _run(document, _sections(**{"1_2": [0]}))
    assert finding.message.vi == "«tháng 9/2016» nằm ngoài kỳ báo cáo (từ tháng 10/2016 đến hết năm 2021)."
    assert finding.hint.vi == (
        "Chỉ báo cáo số liệu từ tháng 10/2016 đến hết năm 2021; bỏ số liệu tháng 9/2016, hoặc ghi rõ "
        "đó là mốc để so sánh."
    )


def test_open_ended_periods():
    document = _report([
        ("body", "paragraph", "Từ năm 2016 đến nay, chi bộ duy trì nền nếp sinh hoạt."),
        ("body", "paragraph", "Từ năm 2015 đến nay, đơn vị tiếp nhận 120 phản ánh."),
        ("body", "paragraph", "Đến thời điểm hiện tại, 100% đảng viên dùng Sổ tay đảng viên điện tử."),
        ("body", "paragraph", "Tính đến tháng 6/2022, toàn Khối có 85 tuyên truyền viên."),
        ("body", "paragraph", "Đến nay chưa có kinh phí."),
    ])
    findings = _run(document, _sections(**{"1_2": [0, 1, 2, 3], "2": [4]}))
    assert _summary(findings) == {
        ("open-ended-period", "1.2", 0, "Từ năm 2016 đến nay, chi bộ duy trì nền nếp sinh hoạt."),
        ("open-ended-period", "1.2", 1, "Từ năm 2015 đến nay, đơn vị tiếp nhận 120 phản ánh."),
        ("out-of-period", "1.2", 1, "Từ năm 2015 đến nay, đơn vị tiếp nhận 120 phản ánh."),
        ("open-ended-period", "1.2", 2, "Đến thời điểm hiện tại, 100% đảng viên dùng Sổ tay đảng viên điện tử."),
        ("out-of-period", "1.2", 3, "Tính đến tháng 6/2022, toàn Khối có 85 tuyên truyền viên."),
    }
    assert findings[0].message.vi == (
        "«Từ năm 2016 đến nay» không nói rõ đến thời điểm nào; kỳ báo cáo chỉ tính đến hết năm 2021."
    )
    assert findings[0].hint.vi == (
        "Thay «đến nay» bằng mốc cụ thể, ví dụ «đến hết năm 2021», và chỉ giữ số liệu trong kỳ "
        "(từ tháng 10/2016 đến hết năm 2021)."
    )
    assert findings[0].hint.en == (  # the words to type are the report's language
        "Replace «đến nay» with a stated end such as «đến hết năm 2021» (to the end of 2021) and keep only "
        "figures of the period (from October 2016 to the end of 2021)."
    )
    assert findings[-1].message.vi == (
        "«Tính đến tháng 6/2022» vượt ra ngoài kỳ báo cáo (từ tháng 10/2016 đến hết năm 2021): "
        "phần tháng 1/2022 – tháng 6/2022 nằm ngoài kỳ."
    )


def test_future_dates_are_errors_and_replace_out_of_period():
    document = _report([
        ("body", "paragraph", "6 tháng cuối năm 2022, chi bộ tổ chức hội thi tuyên truyền viên."),
        ("body", "paragraph", "Năm 2022, chi bộ kết nạp 2 đảng viên."),
        ("body", "paragraph", "Ngày 20/7/2022 chi bộ họp."),
    ], date=dt.date(2022, 6, 28))
    findings = _run(document, _sections(**{"1_2": [0, 1, 2]}))
    assert _summary(findings) == {
        ("future-date", "1.2", 0, "6 tháng cuối năm 2022, chi bộ tổ chức hội thi tuyên truyền viên."),
        ("out-of-period", "1.2", 1, "Năm 2022, chi bộ kết nạp 2 đảng viên."),
        ("future-date", "1.2", 2, "Ngày 20/7/2022 chi bộ họp."),
    }
    assert findings[0].severity is Severity.error
    assert findings[0].message.vi == (
        "«6 tháng cuối năm 2022» là thời điểm sau ngày ký báo cáo (28/6/2022), nên chưa thể có số liệu."
    )


def test_a_day_without_a_year_takes_the_year_its_section_spoke_of():
    document = _report([
        ("body", "heading", "2. Kết quả năm 2021"),
        ("body", "paragraph", "Ngày 20/5, chi bộ tổ chức hội thi. Năm 2022, chi bộ tổ chức hội thi."),
        ("body", "paragraph", "Ngày 20/5, chi bộ tổ chức hội thi lần hai."),
        ("body", "paragraph", "Ngày 20/5, chi bộ tổ chức hội thi lần ba."),
    ])
    findings = _run(document, _sections(**{"1_2": [0, 1, 2], "1_1": [3]}))
    assert _summary(findings) == {
        ("out-of-period", "1.2", 1, "Năm 2022, chi bộ tổ chức hội thi."),
        ("out-of-period", "1.2", 2, "Ngày 20/5, chi bộ tổ chức hội thi lần hai."),
    }  # the first 20/5 is in 2021; section 1.1 starts without a year, so its 20/5 stays unread
    assert findings[-1].message.vi == "«Ngày 20/5» nằm ngoài kỳ báo cáo (từ tháng 10/2016 đến hết năm 2021)."


def test_tables_are_flagged_once_by_their_headings():
    outside = [["Nội dung", "2017", "2018", "2022", "Năm 2023"], ["Số tin, bài", "40", "45", "20", "60"]]
    inside = [["Năm", "Số hội nghị"], ["2017", "3"], ["2021", "4"]]
    rows_by_year = [["Chỉ tiêu", "Kết quả"], ["Năm 2015", "2"], ["Năm 2020", "5"]]
    document = _report([
        ("body", "table", outside),
        ("body", "table", inside),
        ("body", "table", rows_by_year),
        ("body", "table", outside),
    ])
    findings = _run(document, _sections(**{"1_2": [0, 1, 2], "2": [3]}))
    assert _summary(findings) == {
        ("out-of-period", "1.2", 0, "2022 | Năm 2023"),
        ("out-of-period", "1.2", 2, "Năm 2015"),
    }
    assert findings[0].message.vi == (
        "Bảng có cột hoặc hàng «2022», «Năm 2023» nằm ngoài kỳ báo cáo (từ tháng 10/2016 đến hết năm 2021)."
    )


def test_period_mismatch_in_title_and_opening():
    document = _report([
        ("header", "paragraph", "Báo cáo sơ kết 5 năm (2017 – 2022) thực hiện Chỉ thị số 07-CT/TW"),
        ("body", "paragraph", "Thực hiện Công văn số 630-CV/ĐUK, ngày 28/6/2022 của Đảng ủy Khối, chi bộ báo cáo "
                              "kết quả giai đoạn 2016 - 2020 như sau:"),
        ("body", "paragraph", "Số liệu báo cáo 5 năm (2016 - 2021), riêng phần thi đua tính 5 năm (2016 - 2022)."),
        ("body", "heading", "I. KẾT QUẢ"),
        ("body", "paragraph", "Giai đoạn 2016 - 2020 chi bộ tổ chức 10 hội nghị."),
    ], title="Báo cáo sơ kết 5 năm (2017 – 2022) thực hiện Chỉ thị số 07-CT/TW")
    findings = _run(document, _sections(**{"1": [3, 4]}))
    assert _summary(findings) == {
        ("period-mismatch", None, 0, "Báo cáo sơ kết 5 năm (2017 – 2022) thực hiện Chỉ thị số 07-CT/TW"),
        ("period-mismatch", None, 1, "Thực hiện Công văn số 630-CV/ĐUK, ngày 28/6/2022 của Đảng ủy Khối, "
                                     "chi bộ báo cáo kết quả giai đoạn 2016 - 2020 như sau:"),
        ("period-mismatch", None, 2, "Số liệu báo cáo 5 năm (2016 - 2021), riêng phần thi đua tính "
                                     "5 năm (2016 - 2022)."),
    }  # the announced "(2016 - 2022)" is not reported a second time as out-of-period
    assert findings[0].message.vi == (
        "Báo cáo nêu kỳ báo cáo «5 năm (2017 – 2022)», khác với kỳ công văn yêu cầu "
        "(từ tháng 10/2016 đến hết năm 2021)."
    )


def test_late_and_undated_reports():
    body = [("body", "paragraph", "Năm 2021, chi bộ tổ chức 4 hội nghị.")]
    sections = _sections(**{"1_2": [0]})
    late = _run(_report(body, date=dt.date(2022, 8, 5)), sections)
    assert [(f.rule, f.excerpt, f.message.vi) for f in late] == [(
        "late-report", "Yên Bái, ngày 15 tháng 7 năm 2022",
        "Báo cáo ký ngày 5/8/2022, chậm 5 ngày so với hạn gửi (hết tháng 7/2022).",
    )]
    assert [f.rule for f in _run(_report(body, date=None), sections)] == ["undated-report"]
    undated = _run(_report(body, date=None), sections)[0]
    assert undated.message.vi == (
        "Không đọc được ngày ký báo cáo, nên chưa kiểm tra được báo cáo có gửi đúng hạn (hết tháng 7/2022) không."
    )
    assert undated.hint.vi == (
        "Ghi ngày ký vào dòng địa danh, ngày tháng năm ở góc trên bên phải, dưới tiêu đề, "
        "ví dụ «Yên Bái, ngày 05 tháng 7 năm 2022»."
    )
    assert _run(_report(body, date=dt.date(2022, 7, 31)), sections) == []
    no_deadline = SCHEMA.model_copy(update={"submission": None})
    assert _run(_report(body, date=None), sections, schema=no_deadline) == []


def test_the_deepest_section_decides_and_unmatched_blocks_follow_their_heading():
    document = _report([
        ("body", "paragraph", "Năm 2022 dự kiến đầu tư 200 triệu đồng."),
        ("body", "paragraph", "Năm 2022 đã đầu tư 200 triệu đồng."),
        ("body", "heading", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
        ("body", "paragraph", "Năm 2023 phấn đấu 100% chi bộ có bảng tin điện tử."),
        ("body", "paragraph", "Năm 2022 tổ chức 2 hội thi."),
    ])
    document.blocks[3].heading_path = ["III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"]
    document.blocks[4].heading_path = ["IV. KẾT QUẢ KHÁC"]
    findings = _run(document, _sections(**{"1": [0, 1], "1_3": [0], "1_1": [1]}))
    assert _summary(findings) == {
        ("out-of-period", "1.1", 1, "Năm 2022 đã đầu tư 200 triệu đồng."),
        ("out-of-period", None, 4, "Năm 2022 tổ chức 2 hội thi."),
    }


def test_a_plans_paragraph_gives_its_year_to_the_results_paragraph_after_it():
    """Outside every schema section the year runs on from a plans paragraph into a results one,
    so the plans paragraph is read although it is never checked itself."""
    document = _report([
        ("body", "heading", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
        ("body", "paragraph", "Năm 2023 phấn đấu tổ chức 2 hội thi."),
        ("body", "paragraph", "Ngày 20/5, chi bộ tổ chức hội thi."),
        ("body", "paragraph", "Năm 2016 chi bộ tổ chức hội thi."),
    ])
    document.blocks[1].heading_path = ["III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"]
    document.blocks[2].heading_path = ["IV. KẾT QUẢ KHÁC"]
    findings = _run(document, _sections(**{"2": [3]}))
    assert _summary(findings) == {("future-date", None, 2, "Ngày 20/5, chi bộ tổ chức hội thi.")}


def test_nothing_without_a_fitting_schema():
    document = _report([("body", "paragraph", "Năm 2022, chi bộ kết nạp 2 đảng viên.")], date=None)
    assert _run(document, [], schema=None) == []
    assert _run(document, _sections(**{"1_2": [0]}), fits=False) == []


def test_long_sentences_are_quoted_around_the_expression():
    filler = "chi bộ tiếp tục đổi mới nội dung, hình thức tuyên truyền " * 6
    text = f"Trong thời gian qua {filler}và trong 6 tháng đầu năm 2022 đã đăng 58 tin, bài {filler}."
    (finding,) = _run(_report([("body", "paragraph", text)]), _sections(**{"1_2": [0]}))
    assert finding.excerpt.startswith("…") and finding.excerpt.endswith("…")
    assert "6 tháng đầu năm 2022" in finding.excerpt
    assert len(finding.excerpt) <= 242


def test_period_wording_follows_the_schema():
    assert period.period_words(DateRange(start=dt.date(2017, 1, 1), end=dt.date(2022, 6, 30))).vi == (
        "từ năm 2017 đến hết tháng 6/2022"
    )
    assert period.period_words(DateRange(start=dt.date(2017, 3, 15), end=dt.date(2022, 6, 20))).en == (
        "from 15 March 2017 to 20 June 2022"
    )
    assert period.period_words(DateRange(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31))) == L(
        "năm 2021", "2021"
    )
    assert period.period_words(DateRange(start=dt.date(2022, 6, 1), end=dt.date(2022, 6, 30))).vi == "tháng 6/2022"


def test_any_schema_period_is_used_for_comparison_and_wording():
    one_year = SCHEMA.model_copy(update={"period": DateRange(start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31))})
    document = _report([
        ("body", "paragraph", "6 tháng đầu năm 2021, chi bộ đăng 30 tin, bài."),
        ("body", "paragraph", "Quý IV/2020 chi bộ đăng 12 tin, bài."),
        ("body", "paragraph", "Giai đoạn 2016 – 2021, chi bộ đăng 300 tin, bài."),
    ])
    findings = _run(document, _sections(**{"1_2": [0, 1, 2]}), schema=one_year)
    assert [(f.location.block, f.message.vi) for f in findings] == [
        (1, "«Quý IV/2020» nằm ngoài kỳ báo cáo (năm 2021)."),
        (2, "«Giai đoạn 2016 – 2021» vượt ra ngoài kỳ báo cáo (năm 2021): phần các năm 2016 – 2020 nằm ngoài kỳ."),
    ]


@pytest.mark.parametrize(
    ("text", "expression", "quoted"),
    [
        ("Năm 2015 kết nạp 3 đảng viên. Năm 2022 kết nạp 5 đảng viên.", "Năm 2022", "Năm 2022 kết nạp 5 đảng viên."),
        ("Chi bộ nêu: “Đã làm xong.” Năm 2022 kết nạp 5 đảng viên!  Còn lại…", "Năm 2022",
         "Năm 2022 kết nạp 5 đảng viên!"),
        ("Kết quả (đạt 95%.) Tháng 3/2023 tổ chức hội nghị…\nSau đó nghỉ.", "Tháng 3/2023",
         "Tháng 3/2023 tổ chức hội nghị…"),
        ("Tổng kết... Năm 2023 dự kiến.. tiếp tục", "Năm 2023", "Năm 2023 dự kiến.."),
    ],
)
def test_the_sentence_around_an_expression_is_quoted(text, expression, quoted):
    start = text.index(expression)
    assert period._quote(text, start, start + len(expression)) == quoted
