"""Report template: the schema's form and sections, numbered by Word, with placeholders the
``placeholder`` rule finds; and that rule on its own."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import docx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import sobaocao
from sobaocao.annotate import annotate
from sobaocao.cli.template import template
from sobaocao.docx import read_document
from sobaocao.errors import ExistingOutputError
from sobaocao.registry import load_schema, parse_schema
from sobaocao.rules import placeholder as placeholder_rule
from sobaocao.rules.base import Context
from sobaocao.rules.placeholder import placeholders
from sobaocao.schema import Section
from sobaocao.template import build_template, save_template
from tests.fixtures import form_cases
from tests.fixtures.commented import commented_text, convert_to_pdf, needs_libreoffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE = "examples/bao-cao-chi-bo-so-ke-hoach.docx"
# What an untouched template must give: its placeholders, and the form's own words about the
# number and date left blank for the registry and the signer (no structure finding at all).
TEMPLATE_RULES = {"placeholder", "document-number", "place-date"}  # undated-report: superseded by place-date
CT07_CONDITION = (
    "(chỉ các đơn vị: Sở Thông tin truyền thông, Sở Văn hóa, Thể thao và Du lịch, Bưu điện tỉnh; "
    "đơn vị khác xóa mục này)"
)


def schema_in(form: str):
    return load_schema("cv630-ct07").model_copy(update={"form": form})


@pytest.fixture(scope="module", params=["party", "state"])
def checked(request):
    schema = schema_in(request.param)
    data = build_template(schema)
    return schema, data, sobaocao.check(data, schema=schema)


def test_an_untouched_template_gives_only_placeholders_and_the_blank_number_and_date(checked):
    schema, _, result = checked
    assert {f.rule for f in result.findings} == TEMPLATE_RULES
    blank = [f.message.vi for f in result.findings if f.rule in ("document-number", "place-date")]
    assert blank == [
        f"Số văn bản còn để trống: “{result.report.number}”.",
        "Ngày ban hành còn để trống: “……, ngày … tháng … năm 2022”.",
    ]


def test_the_blank_date_line_is_reported_by_the_form_rule_not_again_as_a_placeholder(checked):
    _, _, result = checked
    on_date_line = [(f.rule, f.location.block is not None) for f in result.findings
                    if f.excerpt and "ngày … tháng … năm" in f.excerpt]
    assert on_date_line == [("place-date", True)]


def test_without_the_form_rules_the_blank_date_is_reported_as_undated(checked):
    schema, data, _ = checked
    config = sobaocao.Config(ignore=["place-date", "missing-place-date"])
    (undated,) = [f for f in sobaocao.check(data, schema=schema, config=config).findings if f.rule == "undated-report"]
    assert undated.hint.vi.endswith("ví dụ «Yên Bái, ngày 05 tháng 7 năm 2022».")  # not the blank "……"


def test_every_section_of_the_letter_is_present_under_its_own_heading(checked):
    schema, _, result = checked
    assert [(s.id, s.status, s.heading) for s in result.sections] == [
        (section.id, "present", heading) for section, heading in expected_headings(schema)
    ]


def expected_headings(schema):
    """Each section with the heading Word displays for it: I. PART / 1. Heading / a) Sub. Word's
    letter numbering follows the Latin alphabet (…, d, e), not the Vietnamese one (…, d, đ)."""
    labels = (lambda n: ("I", "II", "III", "IV", "V")[n] + ".", lambda n: f"{n + 1}.", lambda n: "abcdefg"[n] + ")")

    def walk(sections, depth):
        for position, section in enumerate(sections):
            title = section.title.upper() if depth == 0 else section.title
            yield section, f"{labels[depth](position)} {title}"
            yield from walk(section.sections, depth + 1)

    return list(walk(schema.sections, 0))


def test_headings_are_numbered_by_word_itself(checked):
    schema, data, _ = checked
    headings = [b for b in read_document(data).blocks if b.kind == "heading" and b.label]
    assert {b.label_source for b in headings} == {"auto"}
    assert [b.display for b in headings] == [heading for _, heading in expected_headings(schema)]
    numbering = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml"))
    (abstract,) = [a for a in numbering.iter(f"{W}abstractNum") if a.find(f"{W}multiLevelType") is not None
                   and a.find(f"{W}multiLevelType").get(f"{W}val") == "multilevel"
                   and a.find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "upperRoman"]
    formats = [(lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val")) for lvl in abstract.iter(f"{W}lvl")]
    assert formats == [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-")]


def test_each_item_holds_the_letters_guidance_as_a_placeholder(checked):
    schema, _, result = checked
    quoted = [f.excerpt for f in result.findings if f.rule == "placeholder" and f.excerpt.startswith("[Nêu")]
    expected = []
    for section in schema.walk():
        if not section.sections:
            condition = f" {CT07_CONDITION}" if section.condition else ""
            expected.append(f"[Nêu: {section.guidance.rstrip('.')}{condition}]")
    assert quoted == expected


def test_party_header_and_closing(tmp_path):
    data = build_template(schema_in("party"))
    header = read_document(data).header
    assert (header.superior_body, header.issuing_body, header.star, header.number, header.banner) == (
        "ĐẢNG BỘ ……", "CHI BỘ ……", True, "Số -BC/CB", "ĐẢNG CỘNG SẢN VIỆT NAM",
    )
    assert (header.place_date, header.document_type, header.title) == (
        "……, ngày … tháng … năm 2022", "BÁO CÁO", schema_in("party").title,
    )
    closing = read_document(data).closing
    assert closing.recipients_heading == "Nơi nhận:"
    assert closing.recipients == ["- Đảng ủy Khối cơ quan và doanh nghiệp tỉnh Yên Bái (b/c),", "- Lưu [nơi lưu]."]
    assert closing.signature.lines == ["T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn A"]


def test_state_header_has_the_national_title_and_motto():
    header = read_document(build_template(schema_in("state"))).header
    assert (header.banner, header.motto, header.issuing_body, header.number) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN ……", "Số: /BC-UBND",
    )
    assert read_document(build_template(schema_in("state"))).closing.signature.lines == [
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A",
    ]


def test_header_and_closing_are_borderless_two_column_tables():
    document = docx.Document(io.BytesIO(build_template(schema_in("party"))))
    assert [len(table.columns) for table in document.tables] == [2, 2]
    for table in document.tables:
        borders = table._tbl.tblPr.find(f"{W}tblBorders")
        assert {side.get(f"{W}val") for side in borders} == {"none"}


def test_instructions_in_english():
    data = build_template(schema_in("party"), lang="en")
    texts = [b.text for b in read_document(data).blocks]
    assert "[Describe: Phương hướng]" in texts
    assert texts.count("[Nêu: Phương hướng]") == 0


def test_annotated_template_puts_each_comment_on_its_placeholder(tmp_path):
    schema = schema_in("party")
    data = build_template(schema)
    result = sobaocao.check(data, schema=schema)
    anchored = sorted(commented_text(annotate(data, result, tmp_path / "mau.docx")).values())
    placeholder_excerpts = [f.excerpt for f in result.findings if f.rule == "placeholder"]
    assert set(placeholder_excerpts) <= set(anchored)
    assert len(anchored) == len(result.findings)


@needs_libreoffice
def test_libreoffice_converts_the_template_to_pdf(tmp_path):
    path = save_template(schema_in("party"), tmp_path / "mau.docx")
    assert convert_to_pdf(path, tmp_path).read_bytes().startswith(b"%PDF")


def test_sections_below_the_dash_items_are_in_the_template_too():
    schema = load_schema("cv630-ct07")
    leaf = next(c for a in schema.sections for b in a.sections for c in b.sections)  # a sub-heading (a))
    deep = leaf.model_copy(update={"sections": [
        Section(id=f"{leaf.id}.1", title="Mục cấp bốn", sections=[Section(id=f"{leaf.id}.1.1", title="Mục cấp năm")]),
    ]})  # fmt: skip

    def replaced(sections):
        return [deep if s.id == leaf.id else s.model_copy(update={"sections": replaced(s.sections)}) for s in sections]

    data = build_template(schema.model_copy(update={"sections": replaced(schema.sections)}))
    text = [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]
    assert any(t.startswith("Mục cấp bốn: [Nêu:") for t in text)
    assert any(t.startswith("Mục cấp năm: [Nêu:") for t in text)


def test_save_template_keeps_an_existing_file(tmp_path):
    path = tmp_path / "mau.docx"
    path.write_bytes(b"already started")
    with pytest.raises(ExistingOutputError) as refused:
        save_template(schema_in("party"), path)
    assert refused.value.path == str(path) and "--force" not in refused.value.message("en")  # the library knows no options
    assert path.read_bytes() == b"already started"
    save_template(schema_in("party"), path, overwrite=True)
    assert read_document(path).header.document_type == "BÁO CÁO"


# --- the command -----------------------------------------------------------------------------------


def test_command_writes_the_template(tmp_path):
    out = tmp_path / "mau.docx"
    result = CliRunner().invoke(template, ["--schema", "cv630-ct07", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Đã ghi mẫu báo cáo «{out}» theo 630-CV/ĐUK.")
    assert read_document(out).header.title == load_schema("cv630-ct07").title


def test_command_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "mau.docx"
    out.write_bytes(b"started")
    refused = CliRunner().invoke(template, ["--schema", "cv630-ct07", "-o", str(out), "--lang", "en"])
    assert (refused.exit_code, out.read_bytes()) == (2, b"started")
    assert refused.output == (
        f"'{out}' already exists. Choose another name (-o), or add --force to overwrite it (whatever was filled in there is lost).\n"
    )
    forced = CliRunner().invoke(template, ["--schema", "cv630-ct07", "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert zipfile.is_zipfile(out)


def test_command_suggests_a_check_command_that_can_be_pasted_for_a_schema_file_with_spaces(tmp_path):
    from importlib import resources

    builtin = next(f for f in resources.files("sobaocao.schemas").iterdir() if f.name.startswith("cv630"))
    schema_file = tmp_path / "cong van 630.yaml"
    schema_file.write_text(builtin.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "mau.docx"
    result = CliRunner().invoke(template, ["--schema", str(schema_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(f'sobaocao check "{out}" --schema "{schema_file}"')
    plain = CliRunner().invoke(template, ["--schema", "cv630-ct07", "-o", str(out), "--force"])
    assert plain.output.rstrip().endswith(f'sobaocao check "{out}" --schema cv630-ct07')


def test_command_with_an_unknown_schema_says_so(tmp_path):
    result = CliRunner().invoke(template, ["--schema", "khong-co", "-o", str(tmp_path / "mau.docx")])
    assert result.exit_code == 2
    assert not (tmp_path / "mau.docx").exists()


# --- the placeholder rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("……, ngày … tháng … năm …", ["……, ngày … tháng … năm …"]),
        ("Hà Nội, ngày … tháng … năm 2023", ["ngày … tháng … năm "]),
        ("[Nêu: công tác lãnh đạo, chỉ đạo]", ["[Nêu: công tác lãnh đạo, chỉ đạo]"]),
        ("ĐẢNG BỘ ……………", ["……………"]),
        ("Họ tên người liên hệ: ________", ["________"]),
        ("Tổng số: .......... đảng viên", [".........."]),
        ("Nguyễn Văn A", ["Nguyễn Văn A"]),
        # what real reports write and must stay silent
        ("Yên Bái, ngày 05 tháng 7 năm 2022", []),
        ("các thiết chế: nhà văn hóa, thư viện …", []),
        ("theo tài liệu [1] và các văn bản khác v.v...", []),
        ("Ông Nguyễn Văn An, Bí thư chi bộ", []),
    ],
)
def test_placeholders_in_a_line(text, found):
    assert placeholders(text) == found


@given(st.lists(st.sampled_from(["ngày", "tháng", "năm", "…", ".", "..", "_", "__", "[", "]", "Nêu", "NGUYỄN VĂN A",
                                  "Nguyễn Văn A", ",", " ", "\n", "2022", "x"]), max_size=12).map("".join))
@settings(max_examples=400, deadline=None)
def test_placeholders_found_after_the_marker_scan_are_those_of_the_full_pattern(text):
    assert placeholders(text) == [match.group(0) for match in placeholder_rule._PATTERN.finditer(text)]


@pytest.mark.parametrize("layout", ["table", "tabs"])
@pytest.mark.parametrize(
    ("form", "field", "blank"),
    [
        ("state", "number", "Số: ......./BC-STTTT"),
        ("party", "number", "Số ……-BC/ĐUK"),
        ("party", "place_date", "Yên Bái, ngày …… tháng 7 năm 2022"),
    ],
)
def test_blanks_in_the_header_number_and_date_lines_are_left_to_the_form_rules(form, field, blank, layout):
    def found(case):
        document = form_cases.document(case, layout, form_cases.GOOD_FACTS)
        return [f.message.vi for f in placeholder_rule.check(Context(document=document, schema=None, form=form))]

    case = replace(form_cases.CASES[form], **{field: blank})
    assert found(case) == []
    unnamed = replace(case, issuer=("ĐẢNG BỘ ……", *case.issuer[1:]))  # other header blanks are still found
    assert found(unnamed) == ["Còn chỗ để trống chưa điền: “……” trong “ĐẢNG BỘ ……”."]


def test_the_example_report_has_no_placeholder():
    result = sobaocao.check(EXAMPLE)
    assert [f for f in result.findings if f.rule == "placeholder"] == []


def test_placeholder_finding_says_where_and_quotes_it(checked):
    schema, data, result = checked
    document = read_document(data)
    (finding,) = [f for f in result.findings if f.excerpt == "[Nêu: Phương hướng]"]
    block = document.blocks[finding.location.block]
    assert (block.text, finding.severity.value, finding.location.label) == ("[Nêu: Phương hướng]", "warning", "III.1")
    assert finding.message.vi == "Còn lời dặn của mẫu chưa thay bằng nội dung (mục III.1): “[Nêu: Phương hướng]”."


def test_a_long_instruction_is_cut_in_the_message_and_quoted_whole(checked):
    schema, _, result = checked
    guidance = schema.section("1.2.1.1").guidance.rstrip(".")
    (finding,) = [f for f in result.findings if f.excerpt == f"[Nêu: {guidance}]"]
    assert finding.message.vi == (
        "Còn lời dặn của mẫu chưa thay bằng nội dung (mục II.1.a): "
        "“[Nêu: Kết quả phát huy sức mạnh tổng hợp để thực hiện công…”."
    )


# A state letter four levels deep, with a part asked only of one unit and an optional item.
DEEP_SCHEMA = """
id: "ubnd-cchc-2023"
title: "Công tác cải cách hành chính năm 2023"
source: {number: "125/UBND-NV", issuer: "Ủy ban nhân dân huyện Trấn Yên", date: 2023-11-20,
         subject: "V/v báo cáo công tác cải cách hành chính năm 2023"}
period: {start: 2023-01-01, end: 2023-12-31}
submission: {start: 2023-12-01, end: 2023-12-15}
form: state
identify: {keywords: ["cải cách hành chính"], citations: ["125/UBND-NV"]}
units: [{id: "phong-noi-vu", names: ["Phòng Nội vụ"]}]
sections:
  - id: "1"
    title: "Kết quả thực hiện"
    sections:
      - id: "1.1"
        title: "Cải cách thể chế"
        sections:
          - id: "1.1.1"
            title: "Xây dựng văn bản quy phạm pháp luật"
            sections:
              - {id: "1.1.1.1", title: "Số văn bản đã ban hành", guidance: "Số văn bản quy phạm pháp luật đã ban hành trong năm."}
              - {id: "1.1.1.2", title: "Kiểm tra, rà soát văn bản", required: false}
      - id: "1.2"
        title: "Cải cách tổ chức bộ máy"
        condition: {units: ["phong-noi-vu"]}
        sections:
          - {id: "1.2.1", title: "Sắp xếp tổ chức bộ máy"}
  - {id: "2", title: "Nhiệm vụ năm 2024"}
"""


def test_a_deeper_letter_gives_dash_items_and_marks_who_must_answer():
    schema = parse_schema(DEEP_SCHEMA)
    data = build_template(schema)
    result = sobaocao.check(data, schema=schema)
    assert {f.rule for f in result.findings} == TEMPLATE_RULES
    body = [(b.label, b.text) for b in read_document(data).blocks if b.part == "body"][1:-1]
    assert body == [
        ("I.", "KẾT QUẢ THỰC HIỆN"),
        ("1.", "Cải cách thể chế"),
        ("a)", "Xây dựng văn bản quy phạm pháp luật"),
        ("-", "Số văn bản đã ban hành: [Nêu: Số văn bản quy phạm pháp luật đã ban hành trong năm]"),
        ("-", "Kiểm tra, rà soát văn bản: [Nêu: Kiểm tra, rà soát văn bản (không bắt buộc)]"),
        ("2.", "Cải cách tổ chức bộ máy"),
        ("", "[chỉ các đơn vị: Phòng Nội vụ; đơn vị khác xóa mục này]"),
        ("a)", "Sắp xếp tổ chức bộ máy"),
        ("", "[Nêu: Sắp xếp tổ chức bộ máy]"),
        ("II.", "NHIỆM VỤ NĂM 2024"),
        ("", "[Nêu: Nhiệm vụ năm 2024]"),
    ]
    # Items below the third level are dash lines, found by their words rather than as headings.
    assert [(s.id, s.status) for s in result.sections] == [
        ("1", "present"), ("1.1", "present"), ("1.1.1", "present"), ("1.1.1.1", "mentioned"),
        ("1.1.1.2", "mentioned"), ("1.2", "present"), ("1.2.1", "present"), ("2", "present"),
    ]


@pytest.mark.parametrize(
    ("schema", "opening"),
    [
        (
            schema_in("party"),
            "Thực hiện Công văn số 630-CV/ĐUK, ngày 28/06/2022 của Đảng ủy Khối cơ quan và doanh nghiệp tỉnh Yên "
            "Bái về việc sơ kết 5 năm thực hiện Chỉ thị 07-CT/TW, ngày 05/9/2016 của Ban Bí thư, [tên đơn vị] "
            "báo cáo kết quả từ ngày 01/10/2016 đến ngày 31/12/2021 như sau:",
        ),
        (
            parse_schema(DEEP_SCHEMA),
            "Thực hiện Công văn số 125/UBND-NV, ngày 20/11/2023 của Ủy ban nhân dân huyện Trấn Yên về việc báo "
            "cáo công tác cải cách hành chính năm 2023, [tên đơn vị] báo cáo kết quả từ ngày 01/01/2023 đến ngày "
            "31/12/2023 như sau:",
        ),
    ],
)
def test_opening_cites_the_letter_and_the_period(schema, opening):
    blocks = read_document(build_template(schema)).blocks
    assert next(b.text for b in blocks if b.text.startswith("Thực hiện")) == opening
    assert next(b.text for b in blocks if b.text.startswith("Trên đây")) == (
        f"Trên đây là báo cáo {schema.title[0].lower()}{schema.title[1:]} của [tên đơn vị]./."
    )
