"""Schemas drafted from request letters: the seed letter's draft judges reports as the built-in
schema does, and other letter shapes give the expected outline, period and submission."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from pathlib import Path

import pytest
import yaml

import sobaocao
from sobaocao.errors import InputError
from sobaocao.infer import infer_schema
from sobaocao.registry import load_schema, parse_schema
from sobaocao.schema import Schema

from .fixtures import letters, reports

SEED_FILE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_29ed1e331dc485e0.txt"


@cache
def _draft(name: str) -> tuple[Schema, str]:
    return infer_schema(letters.LETTERS[name]())


def _tree(schema: Schema) -> list[tuple[str, str]]:
    return [(section.id, section.title) for section in schema.walk()]


# --- the seed letter against the built-in schema ---------------------------------------------


def _report_fixtures() -> dict[str, object]:
    cases: dict[str, object] = dict(reports.VARIANTS)
    cases["with_out_of_period"] = lambda: reports.with_out_of_period().docx
    for key in reports.ct07_report().keys():
        cases[f"without_{key}"] = lambda key=key: reports.without(key)
    return cases


REPORT_FIXTURES = _report_fixtures()


@pytest.mark.parametrize("name", sorted(REPORT_FIXTURES))
def test_seed_draft_gives_the_built_in_verdicts(name):
    data = REPORT_FIXTURES[name]()
    built_in = sobaocao.check(data, schema="cv630-ct07")
    drafted = sobaocao.check(data, schema=_draft("seed_letter")[0])
    assert {s.id: s.status for s in drafted.sections} == {s.id: s.status for s in built_in.sections}
    assert {f.rule for f in drafted.findings} == {f.rule for f in built_in.findings}


def test_seed_draft_has_the_built_in_section_ids():
    draft, _ = _draft("seed_letter")
    assert [s.id for s in draft.walk()] == [s.id for s in load_schema("cv630-ct07").walk()]


def test_seed_dates_source_and_form_are_the_letter_s():
    draft, _ = _draft("seed_letter")
    built_in = load_schema("cv630-ct07")
    assert draft.period == built_in.period
    assert (draft.period.start, draft.period.end) == (dt.date(2016, 10, 1), dt.date(2021, 12, 31))
    assert draft.submission == built_in.submission
    assert draft.source == built_in.source
    assert draft.source.number == "630-CV/ĐUK"
    assert draft.source.issuer == "Đảng ủy Khối cơ quan và doanh nghiệp tỉnh Yên Bái"
    assert draft.form == "party"
    assert draft.id == "cv630-ct07"


def test_seed_condition_names_the_letter_s_units():
    draft, _ = _draft("seed_letter")
    assert [(u.id, u.names) for u in draft.units] == [
        ("so-tttt", ["Sở Thông tin truyền thông"]),
        ("so-vhttdl", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("buu-dien-tinh", ["Bưu điện tỉnh"]),
    ]
    conditional = [(s.id, s.condition.units) for s in draft.walk() if s.condition]
    assert conditional == [("1.2.1.5", ["so-tttt", "so-vhttdl", "buu-dien-tinh"])]


def test_seed_identification_comes_from_the_subject_and_the_opening():
    draft, _ = _draft("seed_letter")
    assert draft.identify.keywords == ["sơ kết 5 năm"]
    assert draft.identify.citations == ["630-CV/ĐUK", "07-CT/TW", "810-CV/TU"]


def test_seed_temporal_roles_plans_only_for_direction_and_tasks():
    draft, _ = _draft("seed_letter")
    roles = {s.id: s.temporal for s in draft.sections}
    assert roles == {"1.1": "results", "1.2": "results", "1.3": "plans"}
    assert draft.section("1.3.3").temporal == "plans"
    assert draft.section("1.2.1").temporal == "results"  # "các nhiệm vụ" inside a results title


def test_seed_inline_list_becomes_items_with_their_own_words_as_evidence():
    draft, text = _draft("seed_letter")
    general = draft.section("1.2.2")
    assert [(s.id, s.title) for s in general.sections] == [
        ("1.2.2.1", "Ưu điểm"),
        ("1.2.2.2", "Hạn chế, khó khăn, vướng mắc"),
        ("1.2.2.3", "Nguyên nhân"),
        ("1.2.2.4", "Bài học kinh nghiệm"),
    ]
    assert draft.section("1.2.2.2").evidence == ["hạn chế", "khó khăn", "vướng mắc"]
    assert "# chưa chắc: các mục con tách từ câu liệt kê «Ưu điểm; hạn chế, khó khăn, vướng mắc; nguyên nhân và bài học kinh nghiệm»" in text


def test_seed_titles_aliases_and_evidence_come_from_the_letter():
    draft, _ = _draft("seed_letter")
    item = draft.section("1.2.1.1")
    assert item.title == "Kết quả phát huy sức mạnh tổng hợp để thực hiện công tác thông tin cơ sở"
    assert item.aliases == ["Kết quả phát huy sức mạnh tổng hợp"]
    assert "cơ quan báo chí" in item.evidence and "tiếp nhận thông tin" in item.evidence
    assert draft.section("1.2.1").evidence[0] == "52/2016/QĐ-TTg"
    assert draft.section("1.2").aliases == ["Kết quả 5 năm triển khai thực hiện Chỉ thị", "Kết quả thực hiện"]
    assert draft.section("1.3").aliases == ["Phương hướng, nhiệm vụ, giải pháp"]
    # a phrase every item uses cannot tell items apart
    assert not any("thông tin cơ sở" == term for s in draft.walk() for term in s.evidence)


def test_automatic_numbering_gives_the_same_draft():
    assert _draft("seed_letter_auto_numbered")[0] == _draft("seed_letter")[0]


def test_yaml_text_loads_back_to_the_same_schema_with_quoted_ids():
    draft, text = _draft("seed_letter")
    assert parse_schema(text) == draft
    assert '- id: "1.1"' in text
    raw = yaml.safe_load(text)
    assert raw["sections"][0]["id"] == "1.1"


def test_seed_fixture_keeps_the_seed_letter_s_lines():
    if not SEED_FILE.is_file():
        pytest.skip("the seed letter is not next to the repository")
    seed_lines = {" ".join(line.split()) for line in SEED_FILE.read_text(encoding="utf-8").splitlines()}
    assert all(line in seed_lines for line in letters.SEED_BODY)


# --- other letter shapes -----------------------------------------------------------------------


def test_state_letter_points_become_sections():
    draft, text = _draft("state_letter")
    assert _tree(draft) == [
        ("1.a", "Công tác chỉ đạo, điều hành cải cách hành chính"),
        ("1.b", "Kết quả thực hiện các nhiệm vụ cải cách hành chính"),
        ("1.b.1", "Cải cách thể chế"),
        ("1.b.2", "Cải cách thủ tục hành chính"),
        ("1.b.3", "Cải cách tổ chức bộ máy hành chính nhà nước"),
        ("1.b.4", "Cải cách chế độ công vụ"),
        ("1.b.5", "Cải cách tài chính công"),
        ("1.b.6", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số"),
        ("1.c", "Đánh giá chung"),
        ("1.c.1", "Kết quả đạt được"),
        ("1.c.2", "Tồn tại, hạn chế"),
        ("1.c.3", "Nguyên nhân"),
        ("1.d", "Phương hướng, nhiệm vụ cải cách hành chính 6 tháng cuối năm 2024"),
        ("1.đ", "Đề xuất, kiến nghị"),
    ]
    assert draft.section("1.đ").required is False
    assert [s.temporal for s in draft.sections] == ["results", "results", "results", "plans", "plans"]


def test_state_letter_period_submission_source_and_form():
    draft, text = _draft("state_letter")
    assert (draft.period.start, draft.period.end) == (dt.date(2023, 12, 15), dt.date(2024, 6, 14))
    assert (draft.submission.start, draft.submission.end) == (dt.date(2024, 6, 3), dt.date(2024, 6, 17))
    assert "# chưa chắc: «trước ngày 18/6/2024» được hiểu là hạn cuối ngày 17/06/2024" in text
    assert draft.form == "state"
    assert (draft.source.number, draft.source.issuer) == ("1520/UBND-NC", "Ủy ban nhân dân tỉnh Yên Bái")
    assert draft.identify.keywords == ["cải cách hành chính"]


def test_guidance_content_is_part_ii_only():
    draft, _ = _draft("guidance_letter")
    assert _tree(draft) == [
        ("II.1", "Công tác lãnh đạo, chỉ đạo, tổ chức quán triệt, triển khai thực hiện Nghị quyết"),
        ("II.2", "Kết quả thực hiện các nhiệm vụ, giải pháp của Nghị quyết"),
        ("II.2.1", "Xây dựng con người Việt Nam phát triển toàn diện"),
        ("II.2.2", "Xây dựng môi trường văn hóa lành mạnh"),
        ("II.2.3", "Xây dựng văn hóa trong chính trị và kinh tế"),
        ("II.2.4", "Phát triển công nghiệp văn hóa đi đôi với xây dựng, hoàn thiện thị trường văn hóa"),
        ("II.3", "Đánh giá chung"),
        ("II.3.a", "Ưu điểm"),
        ("II.3.b", "Hạn chế, yếu kém và nguyên nhân"),
        ("II.3.c", "Bài học kinh nghiệm"),
        ("II.4", "Phương hướng, nhiệm vụ, giải pháp trong thời gian tới"),
        ("II.5", "Kiến nghị, đề xuất"),
    ]
    assert [s.temporal for s in draft.sections] == ["results", "results", "results", "plans", "plans"]


def test_guidance_period_submission_and_source():
    draft, _ = _draft("guidance_letter")
    assert (draft.period.start, draft.period.end) == (dt.date(2014, 7, 1), dt.date(2024, 4, 30))
    assert (draft.submission.start, draft.submission.end) == (dt.date(2024, 4, 10), dt.date(2024, 5, 31))
    assert (draft.source.number, draft.source.issuer) == ("52-HD/BTGTU", "Ban Tuyên giáo Tỉnh ủy Yên Bái")
    assert draft.source.date == dt.date(2024, 4, 10)
    assert draft.id == "hd52-nq33"
    assert draft.identify.citations == ["52-HD/BTGTU", "33-NQ/TW", "156-KH/TU"]


def test_outline_without_a_content_part_leaves_out_administrative_items_and_says_so():
    body = (
        "Để có cơ sở tổng hợp, đề nghị các chi, đảng bộ cơ sở báo cáo các nội dung sau:",
        "1. Kết quả thực hiện nhiệm vụ năm 2022",
        "2. Phương hướng, nhiệm vụ năm 2023",
        "3. Thời gian gửi báo cáo: Trước ngày 15/12/2022.",
    )
    draft, text = infer_schema(letters.render(dataclasses.replace(letters.seed(), body=body)))
    assert _tree(draft) == [("1", "Kết quả thực hiện nhiệm vụ năm 2022"), ("2", "Phương hướng, nhiệm vụ năm 2023")]
    assert [s.temporal for s in draft.sections] == ["results", "plans"]
    assert "# chưa chắc: công văn không có mục «Nội dung báo cáo»" in text
    assert "# chưa chắc: công văn không nêu thời điểm đánh giá (kỳ báo cáo); đây là giá trị tạm, hãy sửa" in text
    assert (draft.period.start, draft.period.end) == (dt.date(2022, 1, 1), dt.date(2022, 6, 28))
    assert (draft.submission.start, draft.submission.end) == (dt.date(2022, 6, 28), dt.date(2022, 12, 14))


def test_a_letter_without_an_outline_is_refused_with_a_clear_message():
    plain = dataclasses.replace(letters.seed(), body=("Đề nghị các chi, đảng bộ cơ sở báo cáo kết quả thực hiện.",))
    with pytest.raises(InputError) as raised:
        infer_schema(letters.render(plain))
    assert raised.value.message("vi").startswith("Không tìm thấy đề cương nội dung báo cáo trong công văn")
    assert raised.value.message("en").startswith("No numbered outline of the report's content")


# --- the command -------------------------------------------------------------------------------


def test_command_writes_a_draft_that_loads(tmp_path):
    from click.testing import CliRunner

    from sobaocao.cli.schema_infer import infer

    letter = tmp_path / "cong-van-630.docx"
    letter.write_bytes(letters.seed_letter())
    output = tmp_path / "schema.yaml"
    result = CliRunner().invoke(infer, [str(letter), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert load_schema(output) == _draft("seed_letter")[0]
    assert result.stderr == (
        "Đã lập bản nháp schema «cv630-ct07» từ công văn 630-CV/ĐUK: 20 mục, 2 chỗ cần xem lại "
        f"(dòng «# chưa chắc»). Ghi ra: {output}.\n"
    )
    assert output.read_text(encoding="utf-8").startswith(
        "# Bản nháp schema lập từ công văn 630-CV/ĐUK (cong-van-630.docx)"
    )


def test_command_prints_the_draft_without_output_option(tmp_path):
    from click.testing import CliRunner

    from sobaocao.cli.schema_infer import infer

    letter = tmp_path / "cong-van-1520.docx"
    letter.write_bytes(letters.state_letter())
    result = CliRunner().invoke(infer, [str(letter), "--lang", "en"])
    assert result.exit_code == 0
    assert parse_schema(result.stdout).source.number == "1520/UBND-NC"
    assert result.stderr.startswith("Drafted schema 'cv1520' from letter 1520/UBND-NC: 14 sections, 3 guesses")


def test_command_reports_an_unreadable_file_with_exit_code_2(tmp_path):
    from click.testing import CliRunner

    from sobaocao.cli.schema_infer import infer

    letter = tmp_path / "khong-phai-docx.docx"
    letter.write_text("đây không phải tệp Word", encoding="utf-8")
    result = CliRunner().invoke(infer, [str(letter)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip()


def test_a_report_is_refused_with_advice_to_use_the_letter():
    from .fixtures import reports

    with pytest.raises(InputError) as caught:
        infer_schema(reports.complete())
    assert "là một báo cáo (BÁO CÁO), không phải công văn" in caught.value.message("vi")
    assert "sobaocao check" in caught.value.message("en")


def test_a_letter_without_number_or_date_is_refused_with_what_to_check():
    seed = letters.seed()
    unnumbered = dataclasses.replace(
        seed,
        header_left=tuple(line for line in seed.header_left if not line.text.startswith("Số")),
        header_right=tuple(line for line in seed.header_right if "ngày" not in line.text),
    )
    with pytest.raises(InputError) as raised:
        infer_schema(letters.render(unnumbered))
    assert raised.value.message("vi").startswith("Không đọc được số, ký hiệu hoặc ngày tháng ở phần đầu công văn")
    assert "Hãy kiểm tra phần đầu công văn" in raised.value.message("vi")
    assert raised.value.message("en").startswith("Cannot read the letter's number or date in its header")
