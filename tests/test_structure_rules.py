"""Structure rules: one finding per missing, empty or misplaced part, saying what to add and where."""

from __future__ import annotations

import pytest

from sobaocao.docx import read_document
from sobaocao.document import Document, Location
from sobaocao.engine import run_rules
from sobaocao.finding import Finding, Severity
from sobaocao.match import match_sections, schema_fits
from sobaocao.registry import load_schema
from sobaocao.rules import all_rules, families, structure
from sobaocao.rules.base import Context, shorten
from sobaocao.schema import Schema

from .fixtures import reports
from .fixtures.schemas.outline import COMPLETE, ISSUER_OTHER, OPENING, P, build, without

SCHEMA = load_schema("cv630-ct07")


def findings(document: Document, schema: Schema = SCHEMA) -> list[Finding]:
    ctx = Context(
        document=document,
        schema=schema,
        sections=match_sections(document, schema),
        form=schema.form,
        schema_fits=schema_fits(document, schema),
    )
    return list(structure.check(ctx))


def summary(document: Document, schema: Schema = SCHEMA) -> list[tuple[str, str | None, str]]:
    return [(f.rule, f.section, f.severity.value) for f in findings(document, schema)]


def test_rule_ids_and_default_severities():
    assert {r.id: r.severity.value for r in structure.RULES} == {
        "missing-section": "error",
        "missing-item": "warning",
        "empty-section": "warning",
        "section-order": "warning",
        "wrong-schema": "warning",
    }
    assert set(structure.RULES) <= set(all_rules().values())


def test_report_text_quoted_in_a_message_is_cut_with_an_ellipsis():
    assert shorten("1. Nhiệm vụ", 20) == "1. Nhiệm vụ"
    assert shorten("Công tác lãnh đạo, chỉ đạo", 12) == "Công tác lã…"
    assert shorten("Công tác lãnh đạo", 10) == "Công tác…"  # no space left before the ellipsis


def test_every_family_is_loaded_in_the_order_findings_are_produced():
    assert [family.__name__ for family in families()] == [
        "sobaocao.rules.structure", "sobaocao.rules.period", "sobaocao.rules.form", "sobaocao.rules.placeholder",
    ]
    assert len(all_rules()) == sum(len(family.RULES) for family in families()) == 26


def test_rule_summaries_are_one_line_without_a_full_stop_and_quote_alike():
    """``sobaocao rules`` lists every family's summaries together: one punctuation, one quote style."""
    for rule in all_rules().values():
        for text in (rule.summary.vi, rule.summary.en):
            assert not text.endswith("."), rule.id
            assert "\n" not in text and "«" not in text, rule.id
    assert all_rules()["empty-section"].summary.vi == "Có tiêu đề mục nhưng không có nội dung (hoặc chỉ ghi “Không có”)"


def test_complete_report_has_no_structure_finding():
    assert findings(build()) == []


def _expected(section_id: str) -> tuple[str, str, str]:
    section = SCHEMA.section(section_id)
    if SCHEMA.parent(section_id) is None or section.sections:
        return ("missing-section", section_id, "error")
    return ("missing-item", section_id, "warning")


@pytest.mark.parametrize("section_id", [s.id for s in SCHEMA.walk()])
def test_removing_one_part_gives_exactly_its_finding(section_id):
    assert summary(build(without(section_id))) == [_expected(section_id)]


def test_missing_section_says_where_to_add_it_in_the_reports_terms():
    (finding,) = findings(build(without("1.2")))
    assert finding.message.vi == (
        "Báo cáo thiếu phần «Kết quả 5 năm triển khai thực hiện Chỉ thị số 07-CT/TW» (mục 1.2 của Công văn 630-CV/ĐUK)."
    )
    assert finding.hint.vi == (
        "Bổ sung phần này ngay sau phần «I. TÌNH HÌNH QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW». "
        "Công văn yêu cầu: Kết quả 5 năm triển khai thực hiện Chỉ thị số 07-CT/TW: kết quả thực hiện các nhiệm vụ "
        "gắn với Quyết định số 52/2016/QĐ-TTg, và đánh giá chung."
    )
    assert finding.message.en == (
        "The report lacks the section 'Kết quả 5 năm triển khai thực hiện Chỉ thị số 07-CT/TW' (section 1.2 of letter 630-CV/ĐUK)."
    )
    assert finding.hint.en.startswith("Add this section right after 'I. TÌNH HÌNH QUÁN TRIỆT")
    assert finding.excerpt == "I. TÌNH HÌNH QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW"
    assert finding.location == Location(block=1, label="I", heading=finding.excerpt, part="body")


def test_first_section_missing_goes_before_the_next_one():
    (finding,) = findings(build(without("1.1")))
    assert finding.hint.vi.startswith("Bổ sung phần này ngay trước «II. KẾT QUẢ 5 NĂM TRIỂN KHAI")
    assert finding.location.block == 1


def test_missing_item_names_the_section_and_the_paragraph_to_follow():
    (finding,) = findings(build(without("1.2.1.2")))
    assert finding.message.vi == (
        "Báo cáo chưa nói đến nội dung «Kết quả ứng dụng công nghệ hiện đại về viễn thông, truyền thông đa phương "
        "tiện để thực hiện công tác thông tin cơ sở» (mục 1.2.1.2 của Công văn 630-CV/ĐUK)."
    )
    assert finding.hint.vi.startswith(
        "Thêm một đoạn hoặc một tiểu mục về nội dung này trong mục «1. Kết quả thực hiện các nhiệm vụ nêu trong Chỉ "
        "thị gắn với thực hiện Quyết địn…», ngay sau đoạn «- Về phát huy sức mạnh tổng hợp: Sở phối hợp với các cơ "
        "quan báo chí trong tỉnh…». Công văn yêu cầu: Kết quả ứng dụng công nghệ hiện đại"
    )
    assert finding.location.block == 10
    assert finding.excerpt.startswith("- Về phát huy sức mạnh tổng hợp:")


def test_missing_item_under_a_heading_follows_the_previous_item():
    (finding,) = findings(build(without("1.3.3")))
    assert finding.hint.vi.startswith(
        "Thêm một đoạn hoặc một tiểu mục về nội dung này trong mục «III. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP TRONG "
        "THỜI GIAN TỚI», ngay sau phần «2. Nhiệm vụ chủ yếu». Công văn yêu cầu: Giải pháp"
    )


def test_several_parts_missing_each_reported_once():
    entries = without("1.3", without("1.2.2.4", without("1.1.2")))
    assert summary(build(entries)) == [
        ("missing-item", "1.1.2", "warning"),
        ("missing-item", "1.2.2.4", "warning"),
        ("missing-section", "1.3", "error"),
    ]


def test_conditional_item_missing_from_another_unit_is_not_a_finding():
    assert findings(build(without("1.2.1.5"), issuer=ISSUER_OTHER)) == []


def test_conditional_item_missing_from_a_named_unit_is_a_finding():
    assert summary(build(without("1.2.1.5"))) == [("missing-item", "1.2.1.5", "warning")]


def test_section_severity_in_the_schema_overrides_the_rules_default():
    schema = SCHEMA.model_copy(deep=True)
    schema.section("1.3").severity = Severity.warning
    schema.section("1.2.2.4").severity = Severity.error
    assert summary(build(without("1.3")), schema) == [("missing-section", "1.3", "warning")]
    assert summary(build(without("1.2.2.4")), schema) == [("missing-item", "1.2.2.4", "error")]


def test_optional_section_and_its_items_are_silent_when_missing():
    schema = SCHEMA.model_copy(deep=True)
    schema.section("1.2.2").required = False
    assert findings(build(without("1.2.2")), schema) == []


def test_empty_section_is_reported_once_with_its_heading():
    entries = tuple(P("Không có.") if e.section == "1.2.2.3" and e.level is None else e for e in COMPLETE)
    (finding,) = findings(build(entries))
    assert (finding.rule, finding.section, finding.severity) == ("empty-section", "1.2.2.3", Severity.warning)
    assert finding.message.vi == (
        "Mục «c) Nguyên nhân» không có nội dung: chỉ có tiêu đề hoặc chỉ ghi «Không có» (mục 1.2.2.3 của Công văn "
        "630-CV/ĐUK)."
    )
    assert finding.hint.vi == (
        "Viết nội dung cho mục này: Nguyên nhân của ưu điểm và của hạn chế, khó khăn, vướng mắc. Nếu đơn vị thật sự "
        "không có gì để báo cáo, ghi rõ lý do thay vì «Không có»."
    )
    assert finding.excerpt == "c) Nguyên nhân"
    assert finding.location.block == 20
    assert finding.message.en == (  # the report's own words are quoted, not translated
        "Section 'c) Nguyên nhân' has no content, only its heading or just «Không có» (section 1.2.2.3 of letter "
        "630-CV/ĐUK)."
    )
    assert finding.hint.en.endswith("If the unit truly has nothing to report, say why instead of writing «Không có».")


def test_empty_section_does_not_also_report_its_items():
    third = next(k for k, e in enumerate(COMPLETE) if e.section == "1.3")
    entries = COMPLETE[: third + 1]  # the report ends with the heading "III."
    assert summary(build(entries)) == [("empty-section", "1.3", "warning")]


def test_part_moved_before_an_earlier_one_is_reported_once():
    entries = list(COMPLETE)
    second = next(k for k, e in enumerate(entries) if e.section == "1.2")
    third = next(k for k, e in enumerate(entries) if e.section == "1.3")
    fourth = next(k for k, e in enumerate(entries) if e.label == "IV.")
    swapped = entries[:second] + entries[third:fourth] + entries[second:third] + entries[fourth:]
    (finding,) = findings(build(tuple(swapped)))
    assert (finding.rule, finding.section, finding.severity) == ("section-order", "1.3", Severity.warning)
    assert finding.message.vi == (
        "Phần «III. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI» (mục 1.3 của công văn) đang đứng trước "
        "phần «II. KẾT QUẢ 5 NĂM TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW» (mục 1.2); công văn yêu cầu mục 1.3 đứng sau."
    )
    assert finding.location.block == second


def test_report_answering_another_letter_gets_wrong_schema_and_its_missing_sections():
    entries = (P("Thực hiện Kế hoạch số 12-KH/ĐU về công tác dân vận, Chi bộ báo cáo như sau:"),) + without(
        "1.2", without("1.3")
    )[1:]
    result = findings(build(entries, title="Báo cáo kết quả công tác dân vận năm 2022"))
    assert [(f.rule, f.section) for f in result] == [
        ("wrong-schema", None),
        ("missing-section", "1.2"),
        ("missing-section", "1.3"),
    ]
    wrong = result[0]
    assert wrong.message.vi.startswith(
        "Báo cáo này có vẻ không phải là báo cáo trả lời Công văn 630-CV/ĐUK (Sơ kết 5 năm thực hiện Chỉ thị số "
        "07-CT/TW"
    )
    assert wrong.excerpt == "Báo cáo kết quả công tác dân vận năm 2022"
    assert wrong.location == Location(part="header")


def test_no_schema_no_structure_findings():
    assert list(structure.check(Context(document=build(), schema=None))) == []


def test_engine_runs_the_structure_family_and_applies_the_policy():
    from sobaocao.config import Config

    document = build(without("1.2.2.4", (OPENING,) + COMPLETE[1:]))
    ctx = Context(document=document, schema=SCHEMA, sections=match_sections(document, SCHEMA))
    result = run_rules(ctx, Config(severity={"missing-item": Severity.error}, select=["missing-item"]))
    assert [(f.rule, f.section, f.severity) for f in result] == [("missing-item", "1.2.2.4", Severity.error)]


# --- realistic .docx reports through the reader -----------------------------------------------------


@pytest.mark.parametrize("section_id", [s.id for s in SCHEMA.walk() if s.id != "1.2.1.5"])
def test_realistic_report_with_one_part_removed_gives_exactly_its_finding(section_id):
    assert summary(read_document(reports.without(section_id))) == [_expected(section_id)]


@pytest.mark.parametrize("variant", ["complete", "unnumbered_bold", "tcvn3", "for_named_unit"])
def test_realistic_complete_reports_have_no_structure_finding(variant):
    assert findings(read_document(getattr(reports, variant)())) == []


@pytest.mark.parametrize("variant", ["state_form", "other_letter"])
def test_realistic_report_answering_another_letter_is_flagged_and_does_not_crash(variant):
    result = summary(read_document(getattr(reports, variant)()))
    assert result[0] == ("wrong-schema", None, "warning")
    assert ("missing-section", "1.2.2", "error") in result  # it has no general evaluation


def test_section_without_its_own_heading_but_with_headed_items_is_not_missing():
    entries = tuple(e for e in COMPLETE if e.section != "1.1")  # "1.", "2.", "3." stay, "I." goes
    assert findings(build(entries)) == []


def test_parents_of_every_section_as_the_schema_answers():
    schema = load_schema("cv630-ct07")
    parents = schema.parents()
    assert len(parents) == sum(1 for _ in schema.walk()) - len(schema.sections)
    for section in schema.walk():
        assert parents.get(section.id) is schema.parent(section.id)
    assert structure._ancestor_ids(parents, "1.2.1.5") == {"1.2.1", "1.2"}
