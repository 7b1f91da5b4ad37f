"""The report fixtures and the committed example are what they claim to be.

Read with python-docx and the raw parts only, not with sobaocao's reader, so a fault in the
fixtures cannot hide behind a fault in the reader (TCVN3 runs are decoded with the conversion
table alone, without the reader's detection).
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from sobaocao.vietnamese.legacy import encoding_of_font, is_caps_font, to_unicode
from tests.fixtures import reports

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-chi-bo-so-ke-hoach.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KEYS = reports.ct07_report().keys()
# A numbering label typed at the start of a heading, or the dash of an item.
LABEL = re.compile(r"^(?:[IVX]+\.|\d+\.|[a-zđ]\)|- )\s*")


@functools.cache
def built(name: str):
    """A variant built once per test run (the builders take a tenth of a second each)."""
    return getattr(reports, name)()


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def shown(run) -> str:
    """The text Word shows for a run: runs in TCVN3 fonts decoded (the fixture knows they are
    legacy, so no detection heuristics are involved)."""
    if encoding_of_font(run.font.name) is None:
        return run.text
    return to_unicode(run.text, "tcvn3", caps=is_caps_font(run.font.name))


def paragraph_text(paragraph) -> str:
    return "".join(shown(run) for run in paragraph.runs)


def body_lines(data: bytes) -> list[str]:
    """Non-empty body paragraphs (outside tables), NFC."""
    document = open_docx(data)
    return [unicodedata.normalize("NFC", text) for p in document.paragraphs if (text := paragraph_text(p))]


def cell_lines(data: bytes, table_index: int) -> list[list[str]]:
    table = open_docx(data).tables[table_index]
    return [[unicodedata.normalize("NFC", paragraph_text(p)) for p in cell.paragraphs] for cell in table.rows[0].cells]


def content(lines: list[str]) -> list[str]:
    """What a reader must find whatever the look: no labels, no dashes, case folded."""
    return [LABEL.sub("", line).casefold() for line in lines]


def xml_part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


PART_HEADINGS = [
    "I. TÌNH HÌNH QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW",
    "II. KẾT QUẢ 5 NĂM TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW",
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NÂNG CAO CHẤT LƯỢNG, HIỆU QUẢ CÔNG TÁC THÔNG TIN CƠ SỞ "
    "TRONG THỜI GIAN TỚI",
]


# --- the complete report --------------------------------------------------------------------


def test_complete_report_header_table_has_the_party_form_lines():
    assert cell_lines(built("complete"), 0) == [
        ["ĐẢNG BỘ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "CHI BỘ SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "*", "Số 15-BC/CB"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Yên Bái, ngày 15 tháng 7 năm 2022"],
    ]


def test_complete_report_header_and_closing_tables_are_borderless():
    document = open_docx(built("complete"))
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {side.get(qn("w:val")) for side in borders} == {"none"}


def test_complete_report_header_formatting_follows_the_party_form():
    document = open_docx(built("complete"))
    left, right = document.tables[0].rows[0].cells
    issuing_body = left.paragraphs[1].runs[0]
    banner = right.paragraphs[0].runs[0]
    date_line = right.paragraphs[2].runs[0]
    assert (issuing_body.bold, banner.bold, banner.underline, banner.font.size) == (True, True, True, Pt(15))
    assert date_line.italic is True


def test_complete_report_opens_with_type_title_and_the_letter_it_answers():
    lines = body_lines(built("complete"))
    assert lines[:4] == [
        "BÁO CÁO",
        "Sơ kết 5 năm thực hiện Chỉ thị số 07-CT/TW, ngày 05/9/2016 của Ban Bí thư về đẩy mạnh công tác "
        "thông tin cơ sở trong tình hình mới",
        "-----",
        "Thực hiện Công văn số 630-CV/ĐUK, ngày 28/6/2022 của Ban Thường vụ Đảng ủy Khối cơ quan và doanh "
        "nghiệp tỉnh về việc sơ kết 5 năm thực hiện Chỉ thị số 07-CT/TW, ngày 05/9/2016 của Ban Bí thư "
        "Trung ương Đảng khóa XII về đẩy mạnh công tác thông tin cơ sở trong tình hình mới (Chỉ thị số "
        "07-CT/TW), Chi bộ Sở Kế hoạch và Đầu tư báo cáo kết quả thực hiện từ tháng 10 năm 2016 đến hết "
        "năm 2021 như sau:",
    ]


def test_complete_report_headings_carry_manual_labels_in_order():
    lines = body_lines(built("complete"))
    headings = [line for line in lines if re.match(r"^(?:[IVX]+\.|\d+\.|[a-d]\)) ", line)]
    assert headings == [
        PART_HEADINGS[0],
        "1. Công tác lãnh đạo, chỉ đạo việc quán triệt, triển khai thực hiện Chỉ thị",
        "2. Nhận thức của cấp ủy, đoàn thể, cán bộ, đảng viên về công tác thông tin cơ sở",
        "3. Việc cụ thể hóa Chỉ thị số 07-CT/TW vào thực tiễn tại cơ quan",
        PART_HEADINGS[1],
        "1. Kết quả thực hiện các nhiệm vụ nêu trong Chỉ thị số 07-CT/TW gắn với thực hiện Quyết định số "
        "52/2016/QĐ-TTg, ngày 06/12/2016 của Thủ tướng Chính phủ ban hành Quy chế hoạt động thông tin cơ sở",
        "2. Đánh giá chung",
        "a) Ưu điểm",
        "b) Hạn chế, khó khăn, vướng mắc",
        "c) Nguyên nhân",
        "d) Bài học kinh nghiệm",
        PART_HEADINGS[2],
        "1. Phương hướng",
        "2. Nhiệm vụ chủ yếu trong thời gian tới",
        "3. Giải pháp nâng cao chất lượng, hiệu quả công tác thông tin cơ sở",
    ]


def test_complete_report_answers_the_four_items_of_a_normal_unit_as_dash_paragraphs():
    leads = [line.split(":")[0] for line in body_lines(built("complete")) if line.startswith("- Về ")]
    assert leads == [
        "- Về phát huy sức mạnh tổng hợp để thực hiện công tác thông tin cơ sở",
        "- Về ứng dụng công nghệ hiện đại về viễn thông, truyền thông đa phương tiện",
        "- Về đầu tư, nâng cấp cơ sở vật chất, phương tiện, thiết bị kỹ thuật",
        "- Về xây dựng, phối hợp xây dựng kênh, chương trình truyền thông về cơ sở",
    ]


def test_complete_report_closing_has_recipients_and_signature():
    assert cell_lines(built("complete"), 1) == [
        ["Nơi nhận:", "- Đảng ủy Khối (b/c),", "- Lưu chi bộ."],
        ["T/M CHI BỘ", "BÍ THƯ", "(Đã ký)", "", "Hoàng Văn Minh"],
    ]
    assert body_lines(built("complete"))[-1].endswith("theo dõi, chỉ đạo./.")


def test_complete_report_page_is_a4_with_party_form_margins():
    section = open_docx(built("complete")).sections[0]
    sizes = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm) for length in sizes + margins] == [210, 297, 20, 20, 30, 15]


def test_complete_report_is_all_times_new_roman_14_by_default():
    data = built("complete")
    document = open_docx(data)
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    styles = xml_part(data, "word/styles.xml")
    every_slot = {f"{W}{slot}": "Times New Roman" for slot in ("ascii", "hAnsi", "cs", "eastAsia")}
    assert dict(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts").attrib) == every_slot
    for style_id in ("Normal", "Heading1", "Heading2", "Heading3"):  # no theme font left to win
        (fonts,) = styles.xpath(f"w:style[@w:styleId='{style_id}']/w:rPr/w:rFonts", namespaces={"w": W[1:-1]})
        assert dict(fonts.attrib) == every_slot, style_id
    run_fonts = {f.get(f"{W}ascii") for f in xml_part(data, "word/document.xml").iter(f"{W}rFonts")}
    assert run_fonts <= {"Times New Roman"}


# A date or year in the text: day/month/year, month/year, or a bare year (not inside a symbol
# such as "52/2016/QĐ-TTg").
DATE = re.compile(r"(?<![\d/])(?:(\d{1,2})/)?(?:(\d{1,2}|I{1,3}|IV)/)?((?:19|20)\d\d)(?![\d/])")


def dates_in(text: str) -> list[tuple[str, str, str]]:
    return [match.groups("") for match in DATE.finditer(text)]


def test_complete_report_has_no_date_outside_the_period_in_parts_one_and_two():
    """Parts I and II report results: every date must fall in 10/2016 – 12/2021."""
    lines = body_lines(built("complete"))
    start, end = lines.index(PART_HEADINGS[0]), lines.index(PART_HEADINGS[2])
    found = [date for line in lines[start:end] for date in dates_in(line)]
    assert len(found) > 20
    for day, month, year in found:
        assert 2016 <= int(year) <= 2021, (day, month, year)
        if year == "2016":
            assert month.isdigit() and int(month) >= 10, (day, month, year)


def test_plans_for_2022_onwards_are_only_in_part_three():
    lines = body_lines(built("complete"))
    part_three = lines.index(PART_HEADINGS[2])
    years = {int(year) for line in lines[part_three:-1] for _, _, year in dates_in(line)}
    assert years == {2020, 2022, 2023, 2025}  # "nhiệm kỳ 2020 - 2025" and the plans


# --- variants: same content, different look -------------------------------------------------

SAME_CONTENT = ["auto_numbered", "unnumbered_bold", "all_caps", "decomposed", "tcvn3", "heading_styles"]


@pytest.mark.parametrize("variant", SAME_CONTENT)
def test_variant_has_the_same_content_as_the_complete_report(variant):
    data = built(variant)
    assert content(body_lines(data)) == content(body_lines(built("complete")))
    assert cell_lines(data, 0) == cell_lines(built("complete"), 0)
    assert cell_lines(data, 1) == cell_lines(built("complete"), 1)


def test_auto_numbered_has_numbering_definitions_and_no_labels_in_the_text():
    data = built("auto_numbered")
    numbering = xml_part(data, "word/numbering.xml")
    formats = {
        (lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val"))
        for abstract in numbering.findall(f"{W}abstractNum")
        for lvl in abstract.findall(f"{W}lvl")
    }
    assert {("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-")} <= formats
    lines = body_lines(data)
    assert "TÌNH HÌNH QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW" in lines
    assert not [line for line in lines if LABEL.match(line)]


def test_auto_numbered_headings_and_items_point_at_their_list_levels():
    document = open_docx(built("auto_numbered"))
    levels = []
    for paragraph in document.paragraphs:
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if num_pr is not None:
            levels.append((num_pr.numId.val, num_pr.ilvl.val, paragraph.text[:12]))
    headings_list = levels[0][0]
    heading_levels = [(level, text) for num_id, level, text in levels if num_id == headings_list]
    assert heading_levels[:5] == [
        (0, "TÌNH HÌNH QU"), (1, "Công tác lãn"), (1, "Nhận thức củ"), (1, "Việc cụ thể "), (0, "KẾT QUẢ 5 NĂ"),
    ]
    assert len(heading_levels) == 15
    bullets = [text for num_id, _, text in levels if num_id != headings_list]
    assert len(bullets) == 4 + 6  # the four "Về …" items, three tasks, three solutions
    assert bullets[0] == "Về phát huy "


def test_unnumbered_bold_headings_are_bold_lines_without_numbers():
    lines = body_lines(built("unnumbered_bold"))
    document = open_docx(built("unnumbered_bold"))
    bold = [p.text for p in document.paragraphs if p.runs and all(run.bold for run in p.runs)]
    assert bold[2:5] == [
        PART_HEADINGS[0][3:],
        "Công tác lãnh đạo, chỉ đạo việc quán triệt, triển khai thực hiện Chỉ thị",
        "Nhận thức của cấp ủy, đoàn thể, cán bộ, đảng viên về công tác thông tin cơ sở",
    ]
    assert "Ưu điểm" in bold and "Phương hướng" in bold
    assert len(bold) == 2 + 15  # "BÁO CÁO", the title, and the 15 headings
    assert not [line for line in lines if re.match(r"^(?:[IVX]+\.|\d+\.|[a-d]\)) ", line)]


def test_all_caps_headings_are_capitals_not_bold_without_numbers():
    document = open_docx(built("all_caps"))
    caps = [p.text for p in document.paragraphs if p.text and p.text == p.text.upper() and any(c.isalpha() for c in p.text)]
    assert caps[:4] == ["BÁO CÁO", PART_HEADINGS[0][3:], "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VIỆC QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN CHỈ THỊ", "NHẬN THỨC CỦA CẤP ỦY, ĐOÀN THỂ, CÁN BỘ, ĐẢNG VIÊN VỀ CÔNG TÁC THÔNG TIN CƠ SỞ"]
    assert len(caps) == 1 + 15
    heading = next(p for p in document.paragraphs if p.text == "ƯU ĐIỂM")
    assert not any(run.bold for run in heading.runs)


def test_decomposed_text_is_nfd_everywhere():
    document = open_docx(built("decomposed"))
    texts = [p.text for p in document.paragraphs] + [
        p.text for table in document.tables for cell in table.rows[0].cells for p in cell.paragraphs
    ]
    assert all(text == unicodedata.normalize("NFD", text) for text in texts)
    assert "Chỉ thị" not in "".join(texts)  # precomposed form absent
    assert unicodedata.normalize("NFD", "Chỉ thị") in "".join(texts)


def test_tcvn3_runs_use_legacy_fonts_and_capitals_font_for_capital_lines():
    data = built("tcvn3")
    document = open_docx(data)
    left_cell = document.tables[0].rows[0].cells[0]
    assert [(run.font.name, run.text) for run in left_cell.paragraphs[1].runs] == [
        (".VnTimeH", "CHI Bé Së KÕ HO¹CH Vµ §ÇU T¦")
    ]
    fonts = {f.get(f"{W}ascii") for f in xml_part(data, "word/document.xml").iter(f"{W}rFonts")}
    assert fonts == {".VnTime", ".VnTimeH"}
    mixed = next(p for p in document.paragraphs if "Ủy ban nhân dân" in paragraph_text(p))
    # "Ủ" has no code in .VnTime: the typist switches to .VnTimeH for that letter only.
    assert [(run.font.name, run.text) for run in mixed.runs][1] == (".VnTimeH", "ñ")


def test_heading_styles_variant_uses_heading_1_2_3():
    document = open_docx(built("heading_styles"))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"] == PART_HEADINGS
    assert len(by_style["Heading 2"]) == 8
    assert by_style["Heading 3"] == ["a) Ưu điểm", "b) Hạn chế, khó khăn, vướng mắc", "c) Nguyên nhân", "d) Bài học kinh nghiệm"]


# --- variants: something removed or added ----------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_without_removes_exactly_that_section(key):
    node = next(node for node in reports.ct07_report().walk() if node.key == key)
    removed = {n.key for n in node.walk()}
    full, reduced = content(body_lines(built("complete"))), content(body_lines(reports.without(key)))
    own_lines = [line for line in full if line not in reduced]
    assert node.title.casefold() in " ".join(own_lines)
    kept = [n for n in reports.ct07_report().walk() if n.key not in removed]
    joined = " ".join(reduced)
    assert all(n.title.casefold() in joined for n in kept)


def test_without_renumbers_the_following_headings():
    lines = body_lines(reports.without("1.1.2"))
    assert "2. Việc cụ thể hóa Chỉ thị số 07-CT/TW vào thực tiễn tại cơ quan" in lines
    lines = body_lines(reports.without("1.1"))
    assert lines[4] == "I. KẾT QUẢ 5 NĂM TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW"


def test_without_an_unknown_key_is_refused():
    with pytest.raises(KeyError, match="1.2.1.5"):
        reports.without("1.2.1.5")


def section_of_each_line(lines: list[str]) -> list[str | None]:
    """The key of the report node each line belongs to, from where each node starts."""
    starts = []
    for node in reports.ct07_report().walk():
        marker = node.title.upper() if node.level == 0 else node.title
        starts.append((next(i for i, line in enumerate(lines) if marker in line), node.key))
    keys: list[str | None] = []
    current = None
    for index in range(len(lines)):
        current = next((key for start, key in starts if start == index), current)
        keys.append(current)
    return keys


def test_with_out_of_period_places_each_sentence_in_its_section():
    fixture = built("with_out_of_period")
    lines = body_lines(fixture.docx)
    sections = section_of_each_line(lines)
    for finding in fixture.expected:
        (index,) = [i for i, line in enumerate(lines) if finding.sentence in line]
        assert sections[index] == finding.section
        assert finding.date_text in finding.sentence
    assert [(f.section, f.rule) for f in fixture.expected] == [
        ("1.1.1", "out-of-period"),
        ("1.2.1.1", "out-of-period"),
        ("1.2.1.2", "out-of-period"),
        ("1.2.2.1", "open-ended-period"),
    ]
    for sentence in fixture.silent:
        assert sum(sentence in line for line in lines) == 1
    citation, plan = fixture.silent
    assert sections[lines.index(citation)] == "1.2.1.3" and sections[lines.index(plan)] == "1.3.2"


def test_with_out_of_period_keeps_the_rest_of_the_report():
    added = {f.sentence for f in built("with_out_of_period").expected} | set(built("with_out_of_period").silent)
    lines = [line for line in body_lines(built("with_out_of_period").docx) if line not in added]
    assert lines == body_lines(built("complete"))


def test_tracked_changes_sit_in_item_1_2_1_2():
    data = built("with_tracked_changes")
    document = xml_part(data, "word/document.xml")
    (deletion,) = document.iter(f"{W}del")
    (insertion,) = document.iter(f"{W}ins")
    assert "".join(t.text for t in deletion.iter(f"{W}delText")) == reports.DELETED_SENTENCE
    assert "".join(t.text for t in insertion.iter(f"{W}t")) == reports.INSERTED_SENTENCE
    assert deletion.getparent() is insertion.getparent()
    paragraph_text = "".join(t.text for t in deletion.getparent().iter(f"{W}t"))
    assert paragraph_text.startswith("Từ tháng 3/2020, chi bộ lập nhóm Zalo")
    assert reports.DELETED_SENTENCE.strip() not in " ".join(body_lines(data))


def test_header_in_textboxes_writes_each_box_twice_and_no_header_table():
    data = built("header_in_textboxes")
    document = open_docx(data)
    assert len(document.tables) == 1  # only the closing
    root = xml_part(data, "word/document.xml")
    alternates = list(root.iter("{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"))
    assert len(alternates) == 2
    expected = cell_lines(built("complete"), 0)
    for alternate, lines in zip(alternates, expected):
        contents = list(alternate.iter(f"{W}txbxContent"))
        assert len(contents) == 2  # the DrawingML choice and the VML fallback
        for box in contents:
            assert ["".join(t.text for t in p.iter(f"{W}t")) for p in box.findall(f"{W}p")] == lines
    assert alternates[0].find(".//{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}txbx") is not None
    assert alternates[0].find(".//{urn:schemas-microsoft-com:vml}textbox") is not None
    first_body_element = root.find(f"{W}body")[0]
    assert first_body_element.find(f".//{W}txbxContent") is not None


def test_named_unit_report_answers_item_five():
    data = built("for_named_unit")
    assert cell_lines(data, 0)[0][1] == "CHI BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    leads = [line.split(":")[0] for line in body_lines(data) if line.startswith("- Về ")]
    assert leads[-1] == "- Về rà soát, củng cố, tổ chức lại các thiết chế văn hóa - thông tin cơ sở"
    assert len(leads) == 5


def test_state_form_report_has_national_banner_and_state_number():
    data = built("state_form")
    assert cell_lines(data, 0) == [
        ["ỦY BAN NHÂN DÂN", "XÃ ÂU LÂU", "Số: 12/BC-UBND"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Âu Lâu, ngày 20 tháng 6 năm 2022"],
    ]
    assert cell_lines(data, 1)[1][0] == "TM. ỦY BAN NHÂN DÂN"


def test_other_letter_report_is_a_party_report_on_another_subject():
    data = built("other_letter")
    lines = body_lines(data)
    assert cell_lines(data, 0)[1][0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert lines[1].startswith("Sơ kết 5 năm thực hiện Kết luận số 114-KL/TW")
    assert not [line for line in lines if "07-CT/TW" in line or "thông tin cơ sở" in line]


# --- every file, and the example ------------------------------------------------------------


def test_write_all_writes_every_variant_and_python_docx_opens_each(tmp_path):
    paths = reports.write_all(tmp_path)
    names = {path.name for path in paths}
    assert {f"{name}.docx" for name in reports.VARIANTS} <= names
    assert {f"without_{key}.docx" for key in KEYS} <= names and "with_out_of_period.docx" in names
    assert len(paths) == len(reports.VARIANTS) + 1 + len(KEYS)
    for path in paths:
        assert open_docx(path.read_bytes()).paragraphs


def all_text(data: bytes) -> list[str]:
    document = open_docx(data)
    tables = [p.text for table in document.tables for cell in table.rows[0].cells for p in cell.paragraphs]
    return [p.text for p in document.paragraphs] + tables


def test_committed_example_is_what_complete_builds():
    assert all_text(EXAMPLE.read_bytes()) == all_text(built("complete"))


def test_committed_example_parts_are_what_complete_builds():
    """Formatting cannot drift either: every part has the same content (only zip dates differ)."""
    committed = zipfile.ZipFile(EXAMPLE)
    fresh = zipfile.ZipFile(io.BytesIO(built("complete")))
    assert committed.namelist() == fresh.namelist()
    assert [name for name in fresh.namelist() if committed.read(name) != fresh.read(name)] == []
