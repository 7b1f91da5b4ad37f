"""Form rules: a correct report gives no finding; each element removed or broken gives exactly its own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sobaocao.document import Facts, Header, Margins
from sobaocao.docx import read_document
from sobaocao.finding import Severity
from sobaocao.forms import detect_form
from sobaocao.rules import all_rules
from sobaocao.rules import form as form_rules
from sobaocao.rules.base import Context
from tests.fixtures.form_cases import (
    CASES, GOOD_FACTS, LAYOUTS, PARTY, SEED_SCHEMA, STATE, FileStyle, FormCase, document, docx,
)


def run(case: FormCase, *, form="party", schema=SEED_SCHEMA, facts: Facts = GOOD_FACTS, layout="table"):
    ctx = Context(document=document(case, layout, facts), schema=schema, form=form)
    return list(form_rules.check(ctx))


def summary(findings):
    return sorted((f.rule, f.severity.value) for f in findings)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("form", ["party", "state"])
def test_correct_report_has_no_form_finding(form, layout):
    assert run(CASES[form], form=form, layout=layout) == []


@pytest.mark.parametrize("form", ["party", "state"])
def test_form_detected_from_the_header_without_schema(form):
    assert run(CASES[form], form=None, schema=None) == []


def test_every_rule_is_declared_once_and_registered():
    ids = [rule.id for rule in form_rules.RULES]
    assert ids == [
        "missing-banner", "missing-issuer", "document-number", "missing-place-date", "place-date",
        "missing-document-type", "title-mismatch", "missing-signature", "missing-recipients", "font",
        "font-size", "margins", "tracked-changes", "comments-present",
    ]
    assert set(ids) <= set(all_rules())


PARTY_BREAKS = {
    "no banner": (replace(PARTY, banner=()), [("missing-banner", "error")]),
    "state banner": (replace(PARTY, banner=STATE.banner), [("missing-banner", "error")]),
    "no issuer": (replace(PARTY, issuer=()), [("missing-issuer", "error")]),
    "no superior body": (replace(PARTY, issuer=PARTY.issuer[1:]), [("missing-issuer", "info")]),
    "no star": (replace(PARTY, star=False), [("missing-issuer", "info")]),
    "no number": (replace(PARTY, number=None), [("document-number", "error")]),
    "blank number": (replace(PARTY, number="Số     -BC/ĐUK"), [("document-number", "warning")]),
    "spaced number": (replace(PARTY, number="Số 15 - BC/ĐUK"), [("document-number", "info")]),
    "en dash": (replace(PARTY, number="Số 15–BC/ĐUK"), [("document-number", "info")]),
    "colon": (replace(PARTY, number="Số: 15-BC/ĐUK"), [("document-number", "info")]),
    "letter's type code": (replace(PARTY, number="Số 15-CV/ĐUK"), [("document-number", "warning")]),
    "state-style number": (replace(PARTY, number="Số: 15/BC-ĐUK"), [("document-number", "warning")]),
    "number without symbol": (replace(PARTY, number="Số 15"), [("document-number", "warning")]),
    "no date line": (replace(PARTY, place_date=None), [("missing-place-date", "error")]),
    "blank day": (replace(PARTY, place_date="Yên Bái, ngày   tháng 7 năm 2022"), [("place-date", "warning")]),
    "impossible day": (replace(PARTY, place_date="Yên Bái, ngày 31 tháng 6 năm 2022"), [("place-date", "warning")]),
    "date in figures": (replace(PARTY, place_date="Yên Bái, 05/7/2022"), [("place-date", "warning")]),
    "no leading zero": (replace(PARTY, place_date="Yên Bái, ngày 5 tháng 7 năm 2022"), [("place-date", "info")]),
    "no place": (replace(PARTY, place_date="ngày 05 tháng 7 năm 2022"), [("place-date", "warning")]),
    "no type": (replace(PARTY, document_type=None), [("missing-document-type", "error")]),
    "a plan": (replace(PARTY, document_type="KẾ HOẠCH"), [("missing-document-type", "error")]),
    "other subject": (replace(PARTY, title=("Tổng kết công tác tuyên giáo năm 2022",)), [("title-mismatch", "warning")]),
    "no title": (replace(PARTY, title=()), [("title-mismatch", "warning")]),
    "no signature": (replace(PARTY, signature=()), [("missing-signature", "error")]),
    "no authority": (replace(PARTY, signature=PARTY.signature[1:]), [("missing-signature", "warning")]),
    "state authority": (replace(PARTY, signature=("TM. BAN CHẤP HÀNH", *PARTY.signature[1:])),
                        [("missing-signature", "warning")]),
    "no name": (replace(PARTY, signature=PARTY.signature[:3]), [("missing-signature", "warning")]),
    "no recipients": (replace(PARTY, recipients=()), [("missing-recipients", "warning")]),
    "empty recipients": (replace(PARTY, recipients=("Nơi nhận:",)), [("missing-recipients", "warning")]),
}


@pytest.mark.parametrize(
    ("written", "rewrite"),
    [
        ("Yên Bái, 05/7/2022", "Viết lại: “Yên Bái, ngày 05 tháng 7 năm 2022”."),
        ("Yên Bái, 5/02/2023", "Viết lại: “Yên Bái, ngày 05 tháng 02 năm 2023”."),
        ("Yên Bái, 15/12/2022", "Viết lại: “Yên Bái, ngày 15 tháng 12 năm 2022”."),
    ],
)
def test_a_date_in_figures_is_rewritten_with_a_zero_only_where_the_form_wants_one(written, rewrite):
    (finding,) = run(replace(PARTY, place_date=written))
    assert (finding.rule, finding.hint.vi) == ("place-date", rewrite)


def test_a_missing_leading_zero_is_shown_with_the_date_rewritten():
    (finding,) = run(replace(PARTY, place_date="Yên Bái, ngày 5 tháng 2 năm 2023"))
    assert (finding.rule, finding.severity.value, finding.hint.vi) == (
        "place-date", "info", "Ghi thêm số 0: “ngày 05 tháng 02 năm 2023”.",
    )


@pytest.mark.parametrize(
    ("form", "authority"), [("party", "“T/M …”"), ("state", "“TM. …”")]
)
def test_a_missing_signature_block_is_described_in_the_report_form(form, authority):
    case = replace(CASES[form], signature=())
    findings = [f for f in run(case, form=form) if f.rule == "missing-signature"]
    assert [f.message.vi for f in findings] == [
        f"Không thấy phần ký ở cuối báo cáo (quyền hạn như {authority}, chức vụ, họ tên người ký)."
    ]


@pytest.mark.parametrize(
    ("form", "number", "rule_words"),
    [
        ("party", "Số: 15-BC/ĐUK", "không có dấu hai chấm sau “Số”, không thừa dấu cách"),
        ("state", "Số 12/BC-STTTT", "có dấu hai chấm sau “Số”, không thừa dấu cách"),
        ("party", "Số 15 - BC/ĐUK", "không thừa dấu cách"),
        ("state", "Số : 12/BC-STTTT", "không thừa dấu cách"),
    ],
)
def test_a_number_variant_hint_names_the_colon_only_when_it_is_what_differs(form, number, rule_words):
    (finding,) = run(replace(CASES[form], number=number), form=form)
    source = "Hướng dẫn 36-HD/VPTW" if form == "party" else "Nghị định 30/2020/NĐ-CP"
    assert finding.hint.vi == f"Theo {source}: {rule_words}, dùng dấu gạch nối (-) thường, không dùng gạch dài."


def test_a_title_naming_another_subject_is_left_to_wrong_schema_when_the_report_does_not_fit():
    case = replace(PARTY, title=("Tổng kết công tác tuyên giáo năm 2022",))
    ctx = Context(document=document(case, "table", GOOD_FACTS), schema=SEED_SCHEMA, form="party", schema_fits=False)
    assert list(form_rules.check(ctx)) == []
    missing = replace(PARTY, title=())  # no title at all is a form fault of its own
    ctx = Context(document=document(missing, "table", GOOD_FACTS), schema=SEED_SCHEMA, form="party", schema_fits=False)
    assert summary(form_rules.check(ctx)) == [("title-mismatch", "warning")]


@pytest.mark.parametrize("layout", ["table", "tabs"])
@pytest.mark.parametrize("name", list(PARTY_BREAKS))
def test_party_element_broken_gives_exactly_its_finding(name, layout):
    case, expected = PARTY_BREAKS[name]
    assert summary(run(case, layout=layout)) == expected


STATE_BREAKS = {
    "no national title": (replace(STATE, banner=STATE.banner[1:]), [("missing-banner", "error")]),
    "no motto": (replace(STATE, banner=STATE.banner[:1]), [("missing-banner", "error")]),
    "no issuer": (replace(STATE, issuer=()), [("missing-issuer", "error")]),
    "no number": (replace(STATE, number=None), [("document-number", "error")]),
    "blank number": (replace(STATE, number="Số:      /BC-STTTT"), [("document-number", "warning")]),
    "dotted blank number": (replace(STATE, number="Số: ......./BC-STTTT"), [("document-number", "warning")]),
    "no colon": (replace(STATE, number="Số 12/BC-STTTT"), [("document-number", "info")]),
    "official letter symbol": (replace(STATE, number="Số: 12/STTTT-VP"), [("document-number", "warning")]),
    "party-style number": (replace(STATE, number="Số 12-BC/STTTT"), [("document-number", "warning")]),
    "no date line": (replace(STATE, place_date=None), [("missing-place-date", "error")]),
    "no type": (replace(STATE, document_type=None), [("missing-document-type", "error")]),
    "no signature": (replace(STATE, signature=()), [("missing-signature", "error")]),
    "party authority": (replace(STATE, signature=("K/T GIÁM ĐỐC", *STATE.signature[1:])),
                        [("missing-signature", "warning")]),
    "no recipients": (replace(STATE, recipients=()), [("missing-recipients", "warning")]),
}


@pytest.mark.parametrize("layout", ["table", "textbox"])
@pytest.mark.parametrize("name", list(STATE_BREAKS))
def test_state_element_broken_gives_exactly_its_finding(name, layout):
    case, expected = STATE_BREAKS[name]
    assert summary(run(case, form="state", layout=layout)) == expected


def test_state_head_may_sign_without_authority_line():
    case = replace(STATE, signature=("GIÁM ĐỐC", "(Ký, ghi rõ họ tên, đóng dấu)", "Trần Thị Bình"))
    assert run(case, form="state") == []


FACT_BREAKS = {
    "other font": (Facts(fonts={"Times New Roman": 4000, "Arial": 900, "Calibri": 100}, font_sizes={14.0: 5000}),
                   [("font", "warning")]),
    "legacy font": (Facts(fonts={"Times New Roman": 5000, ".VnTime": 4000}, font_sizes={14.0: 9000},
                          legacy_encodings=["tcvn3"]), [("font", "info")]),
    "small body": (Facts(fonts={"Times New Roman": 5000}, font_sizes={12.0: 4800, 14.0: 200}),
                   [("font-size", "warning")]),
    "narrow left margin": (Facts(margins=Margins(top=20, bottom=20, left=20, right=15)), [("margins", "warning")]),
    "revisions": (Facts(revisions=3), [("tracked-changes", "warning")]),
    "comments": (Facts(comments=2), [("comments-present", "info")]),
}


@pytest.mark.parametrize("name", list(FACT_BREAKS))
def test_file_fact_gives_exactly_its_finding(name):
    facts, expected = FACT_BREAKS[name]
    assert summary(run(PARTY, facts=facts)) == expected


def test_number_variant_finding_quotes_and_corrects():
    (finding,) = run(replace(PARTY, number="Số 15 – BC/ĐUK"), layout="tabs")
    assert finding.excerpt == "Số 15 – BC/ĐUK"
    assert finding.message.vi == "Số và ký hiệu “Số 15 – BC/ĐUK” nên viết đúng mẫu: “Số 15-BC/ĐUK”."
    assert finding.location.block == 3
    assert finding.location.part == "header"


def test_blank_number_finding_says_what_to_do():
    (finding,) = run(replace(PARTY, number="Số     -BC/ĐUK"))
    assert finding.severity is Severity.warning
    assert finding.message.vi == "Số văn bản còn để trống: “Số -BC/ĐUK”."
    assert finding.hint.vi == "Lấy số tại văn thư và ghi vào trước khi gửi báo cáo."


def test_title_mismatch_names_the_letter_and_the_keywords():
    (finding,) = run(replace(PARTY, title=("Tổng kết công tác tuyên giáo năm 2022",)))
    assert finding.message.vi == (
        "Trích yếu “Tổng kết công tác tuyên giáo năm 2022” không nêu nội dung mà 630-CV/ĐUK yêu cầu "
        "(cần có “sơ kết 5 năm” hoặc “07-CT/TW”)."
    )
    assert finding.location.block == 7


def test_title_with_spaced_symbol_still_matches():
    case = replace(PARTY, title=("Kết quả thực hiện Chỉ thị số 07 - CT/TW",))
    assert run(case) == []


def test_state_report_checked_as_party_reports_the_form():
    rules = summary(run(STATE, form="party"))
    assert rules == [
        ("document-number", "warning"),
        ("missing-banner", "error"),
        ("missing-issuer", "info"),  # no star; the superior body is there
        ("missing-signature", "warning"),
    ]


def test_font_finding_names_the_fonts_by_share():
    facts = Facts(fonts={"Times New Roman": 4000, "Arial": 900, "Calibri": 100})
    (finding,) = run(PARTY, facts=facts)
    assert finding.message.vi == "20% chữ của báo cáo dùng phông “Arial”, “Calibri”, không phải “Times New Roman”."
    assert finding.excerpt == "Arial, Calibri"


def test_margins_message_lists_the_sides():
    facts = Facts(margins=Margins(top=15, bottom=20, left=30, right=25))
    (finding,) = run(STATE, form="state", facts=facts)
    assert finding.message.vi == (
        "Lề trang ngoài mức thể thức: lề trên 15 mm, lề phải 25 mm (nên là lề trên 20–25 mm, lề phải 15–20 mm)."
    )


def test_margins_a_few_tenths_off_are_accepted():
    facts = Facts(margins=Margins(top=19.6, bottom=25.4, left=29.7, right=20.3))
    assert run(STATE, form="state", facts=facts) == []


def test_unknown_form_reports_the_banner_and_accepts_either_shape():
    case = replace(STATE, banner=(), issuer=("CÔNG TY TNHH AN PHÁT",), number=None)
    findings = run(case, form=None, schema=None)
    assert summary(findings) == [("document-number", "error"), ("missing-banner", "error")]
    banner = next(f for f in findings if f.rule == "missing-banner")
    assert "không xác định được báo cáo theo thể thức nào" in banner.message.vi
    number = next(f for f in findings if f.rule == "document-number")
    assert "“Số 15-BC/CB” hoặc “Số: 12/BC-UBND”" in number.message.vi
    party_signature = replace(case, signature=PARTY.signature)
    assert summary(run(party_signature, form=None, schema=None)) == summary(findings)


@pytest.mark.parametrize(
    ("header", "form"),
    [
        (Header(banner="ĐẢNG CỘNG SẢN VIỆT NAM"), "party"),
        (Header(banner="CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "state"),
        (Header(motto="Độc lập – Tự do – Hạnh phúc"), "state"),
        (Header(issuing_body="CHI BỘ TRƯỜNG THPT NGUYỄN HUỆ"), "party"),
        (Header(issuing_body="SỞ TÀI CHÍNH"), "state"),
        (Header(star=True), "party"),
        (Header(number="Số 15-BC/CB"), "party"),
        (Header(number="Số: 12/BC-UBND"), "state"),
        (Header(), None),
    ],
)
def test_detect_form(header, form):
    assert detect_form(header) == form


# --- the same checks on real .docx files, through the reader -------------------------------------


def check_docx(case: FormCase, *, form="party", layout="table", style: FileStyle = FileStyle()):
    parsed = read_document(docx(case, layout, style))
    return parsed, list(form_rules.check(Context(document=parsed, schema=SEED_SCHEMA, form=form)))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("form", ["party", "state"])
def test_docx_parses_like_the_blocks_and_has_no_form_finding(form, layout):
    parsed, findings = check_docx(CASES[form], form=form, layout=layout)
    expected = document(CASES[form], layout)
    assert parsed.header.model_copy(update={"blocks": []}) == expected.header.model_copy(update={"blocks": []})
    assert parsed.closing.model_copy(update={"blocks": []}) == expected.closing.model_copy(update={"blocks": []})
    assert findings == []


DOCX_BREAKS = {
    "arial": (FileStyle(font="Arial"), [("font", "warning")]),
    "12 pt": (FileStyle(size_pt=12), [("font-size", "warning")]),
    "narrow margins": (FileStyle(margins_mm=(15, 20, 20, 15)), [("margins", "warning")]),
    "tracked insertion": (FileStyle(tracked_insertion=True), [("tracked-changes", "warning")]),
    "comment": (FileStyle(comment=True), [("comments-present", "info")]),
}


@pytest.mark.parametrize("name", list(DOCX_BREAKS))
def test_docx_file_fact_gives_exactly_its_finding(name):
    style, expected = DOCX_BREAKS[name]
    _, findings = check_docx(PARTY, style=style)
    assert summary(findings) == expected


def test_docx_blank_number_typed_with_spaces():
    parsed, findings = check_docx(replace(PARTY, number="Số      -BC/ĐUK"), layout="tabs")
    assert parsed.header.number == "Số -BC/ĐUK"
    assert summary(findings) == [("document-number", "warning")]
    assert findings[0].location.block == 3


def test_legacy_font_note_names_the_encoding_and_quotes_nothing_that_is_not_report_text():
    facts = Facts(fonts={"Times New Roman": 5000, ".VnTime": 4000}, font_sizes={14.0: 9000}, legacy_encodings=["tcvn3"])
    (finding,) = run(PARTY, facts=facts)
    assert "(TCVN3)" in finding.message.vi
    assert finding.excerpt is None
