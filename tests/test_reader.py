"""The reader gives exactly what Word shows, for each case of tests/fixtures/reader_cases.py."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sobaocao.document import Block, Margins
from sobaocao.docx import read_document
from sobaocao.docx.reader import _new_block, layout_text
from sobaocao.docx.styles import W_NS
from sobaocao.errors import InputError

from .fixtures import reader_cases as cases
from .fixtures.ooxml import p, package


def outline(document) -> list[tuple]:
    return [(b.index, b.part, b.kind, b.label, b.text) for b in document.blocks]


def test_layout_tables_give_their_lines_and_data_tables_stay_tables():
    document = read_document(cases.layout_and_order(), name="layout.docx")
    assert outline(document) == [
        (0, "header", "paragraph", "", "ĐẢNG BỘ TỈNH YÊN BÁI"),
        (1, "header", "paragraph", "", "CHI BỘ SỞ TƯ PHÁP"),
        (2, "header", "paragraph", "", "*"),
        (3, "header", "paragraph", "", "Số 12-BC/CB"),
        (4, "header", "paragraph", "", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        (5, "header", "paragraph", "", "Yên Bái, ngày 20 tháng 7 năm 2022"),
        (6, "header", "paragraph", "", "BÁO CÁO"),
        (7, "header", "paragraph", "", "Sơ kết 5 năm thực hiện Chỉ thị 07-CT/TW"),
        (8, "body", "paragraph", "", "Ghi chú trong khung"),
        (9, "body", "paragraph", "", "Đoạn mở đầu của báo cáo."),
        (10, "body", "table", "", "Chỉ tiêu | Kết quả Số buổi tuyên truyền | 15"),
        (11, "body", "paragraph", "", "Đoạn sau bảng số liệu."),
        (12, "closing", "paragraph", "", "Nơi nhận:"),
        (13, "closing", "paragraph", "", "- Đảng ủy Khối,"),
        (14, "closing", "paragraph", "", "- Lưu Chi bộ."),
        (15, "closing", "paragraph", "", "T/M CHI BỘ"),
        (16, "closing", "paragraph", "", "BÍ THƯ"),
        (17, "closing", "paragraph", "", "Nguyễn Văn An"),
    ]
    blocks = document.blocks
    assert [b.index for b in blocks if b.in_table] == [0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17]
    assert [b.index for b in blocks if b.in_textbox] == [8]
    assert blocks[10].rows == [["Chỉ tiêu", "Kết quả"], ["Số buổi\ntuyên truyền", "15"]]
    assert document.header.issuing_body == "CHI BỘ SỞ TƯ PHÁP"
    assert document.closing.signature.name == "Nguyễn Văn An"
    assert document.source == "layout.docx"


def test_anchors_count_every_paragraph_and_table_of_the_document_part():
    blocks = read_document(cases.layout_and_order()).blocks
    # p:8 holds the text box whose own paragraphs are p:9 (mc:Choice) and p:10 (mc:Fallback).
    assert [b.anchor for b in blocks] == [
        "p:0", "p:1", "p:2", "p:3", "p:4", "p:5", "p:6", "p:7", "p:9", "p:8",
        "tbl:1", "p:16", "p:18", "p:19", "p:20", "p:21", "p:22", "p:23",
    ]  # fmt: skip


def test_margins_come_from_the_last_section_in_millimetres():
    assert read_document(cases.layout_and_order()).facts.margins == Margins(top=20.0, bottom=20.0, left=30.0, right=15.0)


def test_automatic_numbering_labels_are_those_word_displays():
    document = read_document(cases.automatic_numbering())
    assert [(b.label, b.label_source, b.text) for b in document.blocks] == [
        ("I.", "auto", "Tình hình chung"),
        ("1.", "auto", "Thuận lợi"),
        ("a)", "auto", "Về tư tưởng"),
        ("b)", "auto", "Về tổ chức"),
        ("1.1.", "auto", "Chi tiết"),  # "%2.%4." renders each level in its own format
        ("1.1.1.", "auto", "Pháp lý"),  # isLgl: "%1." of an upperRoman level shows as decimal
        ("2.", "auto", "Khó khăn"),
        ("II.", "auto", "Kết quả"),
        ("1.", "auto", "Tuyên truyền"),  # a higher level restarted the lower one
        ("2.", "auto", "Tiếp tục danh sách"),  # another w:num of the same list continues it
        ("5.", "auto", "Bắt đầu lại từ 5"),  # startOverride restarts, with counters of its own
        ("6.", "auto", "Tiếp theo 5"),
        ("•", "auto", "Gạch đầu dòng ký hiệu"),  # Symbol private-use glyph
        ("-", "auto", "Gạch ngang"),
        ("09.", "auto", "Số có số 0"),  # decimalZero from start 9
        ("Z.", "auto", "Chữ hoa từ 26"),
        ("AA.", "auto", "Chữ hoa tiếp"),
        ("(i)", "auto", "La Mã nhỏ"),
        ("10.", "auto", "Số có số 0 tiếp"),
        ("(ii)", "auto", "La Mã nhỏ không khởi động lại"),  # lvlRestart 0
        ("Điều 1.", "auto", "Theo kiểu danh sách"),  # numStyleLink → list style → definition
        ("Điều 2.", "auto", "Theo kiểu danh sách tiếp"),
        ("I.", "auto", "Mục theo kiểu đoạn"),  # numbering from the paragraph style
        ("1.", "auto", "Tiểu mục theo kiểu đoạn"),  # ilvl from the level tied to the style
        ("", None, "Bỏ đánh số"),  # numId 0 switches the style's numbering off
        ("II.", "auto", "Mục tiếp theo kiểu đoạn"),
    ]


def test_tracked_changes_read_in_the_accepted_view():
    document = read_document(cases.tracked_changes())
    assert [(b.text, b.anchor) for b in document.blocks] == [
        ("Đã tổ chức 15 buổi.", "p:0"),
        ("Giữ lại.", "p:1"),
        ("Đoạn đã chuyển đến.", "p:2"),
        ("Câu bị tách được nối lại.", "p:3"),  # deleted paragraph mark: joined to the next
        ("Đoạn sau đoạn bị xoá.", "p:6"),  # a paragraph deleted whole leaves nothing behind
    ]
    assert document.facts.revisions == 7
    assert document.facts.comments == 2


def test_comments_without_a_comments_part_are_counted_from_references():
    body = p("Một") + '<w:p><w:r><w:t>Hai</w:t></w:r><w:r><w:commentReference w:id="4"/></w:r></w:p>'
    assert read_document(package(body)).facts.comments == 1


def test_fields_links_controls_and_special_characters_show_their_displayed_text():
    document = read_document(cases.fields_and_containers())
    assert [b.display for b in document.blocks] == [
        "Ngày 20/7/2022 đã họp.",
        "Trường: kết quả",
        "Trang 3",
        "Xem cổng thông tin",
        "Đoạn trong điều khiển nội dung.",
        "Đơn vị: Chi bộ 3",
        "Yên Bái tỉnh",
        "Số 12",
        "A B C Dkinh-tếxã",
        "• Ý kiến",
        "Nhìn thấy",
    ]


def test_formatting_follows_styles_and_legacy_fonts_are_converted_per_run():
    document = read_document(cases.formatting_and_legacy())
    assert [(b.text, b.style, b.outline_level, b.bold, b.italic, b.caps, b.align) for b in document.blocks] == [
        ("Tiêu đề một", "heading 1", 0, True, False, False, None),
        ("Tiêu đề hai", "Tiêu đề 2", 1, True, True, False, "center"),
        ("Đoạn dẫn có cấp đề cương", "Dẫn", 2, False, False, False, "both"),
        ("Đảng bộ cơ quan", "Normal", None, False, False, False, None),
        ("Đảng bộ", "Normal", None, False, False, False, None),
        ("Kiểu cũ nhưng chữ Unicode", "Cu VnTime", None, False, False, False, None),
        ("CHỮ NHẤN", "Normal", None, True, False, True, None),  # w:caps from the character style
        ("Đậm một phần và thường", "Normal", None, False, False, False, None),
        ("Căn phải", "Normal", None, False, False, False, "right"),
    ]
    facts = document.facts
    assert facts.legacy_encodings == ["tcvn3", "vni"]
    assert facts.fonts == {"Times New Roman": 69, ".VnTime": 33, "VNI-Times": 6}
    assert facts.font_sizes == {14.0: 92, 15.0: 9, 12.0: 7}


def test_headings_of_a_report_get_levels_labels_and_paths():
    document = read_document(cases.body_outline())
    body = [b for b in document.blocks if b.part == "body"]
    assert [(b.kind, b.level, b.label, b.text, b.numbering_path) for b in body] == [
        ("paragraph", None, "", "Thực hiện Công văn số 630-CV/ĐUK, Chi bộ báo cáo như sau:", ""),
        ("heading", 1, "PHẦN THỨ NHẤT", "", ""),
        ("heading", 2, "", "KẾT QUẢ THỰC HIỆN", ""),
        ("heading", 2, "I.", "TÌNH HÌNH CHUNG", "I"),
        ("heading", 3, "1.", "Công tác tuyên truyền", "I.1"),
        ("heading", 4, "1.1.", "Tuyên truyền miệng", "I.1.1"),
        ("paragraph", None, "", "Đã tổ chức 15 buổi tuyên truyền cho cán bộ, đảng viên.", "I.1.1"),
        ("heading", 4, "1.2.", "Tuyên truyền trên mạng", "I.1.2"),
        ("heading", 5, "a)", "Ưu điểm", "I.1.2.a"),
        ("paragraph", None, "-", "Cán bộ nhiệt tình, trách nhiệm.", "I.1.2.a"),
        ("heading", 5, "b)", "Hạn chế", "I.1.2.b"),
        ("heading", 3, "2.", "Công tác kiểm tra", "I.2"),
        ("heading", 4, "", "Đánh giá chung", "I.2"),  # a new look under "2.": one level deeper
        ("heading", 2, "II.", "NHIỆM VỤ THỜI GIAN TỚI", "II"),
        ("paragraph", None, "", "Tiếp tục đẩy mạnh công tác thông tin cơ sở.", "II"),
        ("heading", 1, "Phần thứ hai", "", ""),
        ("heading", 2, "", "PHƯƠNG HƯỚNG NĂM 2023", ""),
    ]
    assert body[6].heading_path == [
        "PHẦN THỨ NHẤT", "I. TÌNH HÌNH CHUNG", "1. Công tác tuyên truyền", "1.1. Tuyên truyền miệng",
    ]  # fmt: skip
    assert all(b.kind != "heading" for b in document.blocks if b.part != "body")
    assert document.header.title == "sơ kết 5 năm thực hiện Chỉ thị 07-CT/TW"


def test_layout_text_keeps_columns_and_line_breaks_for_the_header_parser():
    assert layout_text("ĐẢNG BỘ TỈNH\t\tĐẢNG CỘNG SẢN VIỆT NAM") == "ĐẢNG BỘ TỈNH\tĐẢNG CỘNG SẢN VIỆT NAM"
    assert layout_text("Số 12-BC/CB     Yên Bái,\u00a0ngày 1\nV/v  sơ kết ") == "Số 12-BC/CB\tYên Bái, ngày 1\nV/v sơ kết"


def test_body_text_is_normalised_in_full():
    body = p("Chi bộ\tđã họp   Ðảng ủy") + '<w:p><w:r><w:t>dòng một</w:t><w:br/><w:t>dòng hai</w:t></w:r></w:p>'
    assert [b.text for b in read_document(package(body)).blocks] == ["Chi bộ đã họp Đảng ủy", "dòng một dòng hai"]


def test_a_document_part_without_a_body_is_an_input_error():
    broken = package("", document='<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    with pytest.raises(InputError) as raised:
        read_document(broken, name="rong.docx")
    assert "rong.docx" in raised.value.vi and "thân văn bản" in raised.value.vi


def test_only_borderless_edge_tables_and_tables_with_form_markers_are_layout():
    document = read_document(cases.table_kinds())
    assert [(b.kind, b.in_table, b.text) for b in document.blocks] == [
        ("table", False, "Có khung theo kiểu | 1"),
        ("paragraph", False, "Đoạn một."),
        ("paragraph", False, "Đoạn hai."),
        ("paragraph", False, "Đoạn ba."),
        ("table", False, "Ô một | Ô hai"),
        ("paragraph", False, "Đoạn bốn."),
        ("paragraph", False, "Đoạn năm."),
        ("paragraph", False, "Đoạn sáu."),
        ("paragraph", True, "Nơi nhận:"),
        ("paragraph", True, "- Như trên;"),
        ("paragraph", False, "Phụ lục kèm theo."),
        ("paragraph", False, "Bảng phụ lục."),
        ("paragraph", False, "Hết."),
    ]


def test_alternate_content_is_read_once_and_merged_cells_once():
    document = read_document(cases.alternate_runs_and_merged_cells())
    assert [b.text for b in document.blocks] == ["Mở đầu.", "Bản hiện đại", "Gộp dọc | Gộp ngang Một | Hai", "Kết thúc."]
    assert document.blocks[2].rows == [["Gộp dọc", "Gộp ngang"], ["", "Một", "Hai"]]


def test_ambiguous_legacy_runs_are_converted_once_the_document_proves_its_encoding():
    document = read_document(cases.legacy_ambiguous_first())
    assert [b.text for b in document.blocks] == ["Số 15-BC/CB", "Đảng bộ cơ quan", "Kiểu cũ nhưng chữ Unicode"]
    assert document.facts.legacy_encodings == ["tcvn3"]


def test_ambiguous_legacy_runs_stay_as_written_without_proof():
    document = read_document(cases.legacy_ambiguous_only())
    assert ([b.text for b in document.blocks], document.facts.legacy_encodings) == (["Sè 15"], [])


def test_a_strict_open_xml_document_is_an_input_error_saying_how_to_resave_it():
    strict = package(
        "",
        document='<?xml version="1.0"?><w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">'
        "<w:body><w:p><w:r><w:t>Chữ</w:t></w:r></w:p></w:body></w:document>",
    )
    with pytest.raises(InputError) as raised:
        read_document(strict, name="strict.docx")
    assert "Strict Open XML" in raised.value.vi and "Lưu thành (Save As)" in raised.value.vi
    assert "Save As 'Word Document (.docx)'" in raised.value.en


def test_a_main_part_without_a_body_is_an_input_error():
    bodiless = package("", document='<?xml version="1.0"?><w:document xmlns:w="%s"/>' % W_NS)
    with pytest.raises(InputError) as raised:
        read_document(bodiless, name="rong.docx")
    assert raised.value.vi == (
        "Tệp «rong.docx» không có phần thân văn bản nên không đọc được. "
        "Hãy mở tệp bằng Word, kiểm tra nội dung rồi lưu lại dưới dạng .docx."
    )
    assert raised.value.en == (
        "File 'rong.docx' has no document body, so it cannot be read. "
        "Open it in Word, check its content and save it again as .docx."
    )


def test_theme_fonts_and_list_styles_of_a_real_template():
    document = read_document(cases.python_docx_template())
    assert [(b.label, b.text, b.style, b.outline_level) for b in document.blocks] == [
        ("", "Mở đầu", "heading 1", 0),  # the built-in name Word stores, whatever the UI shows
        ("", "Chữ thường", "Normal", None),
        ("1.", "Mục", "List Number", None),  # numbering through the paragraph style
        ("2.", "Mục hai", "List Number", None),
    ]
    # docDefaults and heading styles name theme fonts (minorHAnsi, majorHAnsi), resolved here
    assert document.facts.fonts == {"Cambria": 18, "Calibri": 5}
    assert document.facts.font_sizes == {11.0: 18, 14.0: 5}


def test_a_header_laid_out_with_tabs_keeps_its_columns_for_the_header_parser():
    document = read_document(cases.tab_laid_header())
    assert [(b.part, b.label, b.text) for b in document.blocks] == [
        ("header", "", "ĐẢNG BỘ TỈNH YÊN BÁI\tĐẢNG CỘNG SẢN VIỆT NAM"),
        ("header", "", "CHI BỘ SỞ TƯ PHÁP"),
        ("header", "", "*"),
        ("header", "", "Số 12-BC/CB\tYên Bái, ngày 20 tháng 7 năm 2022"),
        ("header", "", "BÁO CÁO"),
        ("header", "", "Kết quả công tác 6 tháng"),
        ("body", "", "Chi bộ báo cáo như sau:"),
        ("body", "I.", "KẾT QUẢ"),  # body text is normalised in full: the tab is gone
    ]
    header = document.header
    assert (header.banner, header.superior_body, header.number, header.place) == (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ TỈNH YÊN BÁI",
        "Số 12-BC/CB",
        "Yên Bái",
    )


def test_a_deleted_mark_with_nothing_to_join_keeps_its_paragraph():
    document = read_document(cases.deleted_marks_at_edges())
    assert [(b.kind, b.text, b.align) for b in document.blocks] == [
        ("paragraph", "Trước bảng", None),
        ("table", "Ô đầu cuối ô | Ô hai", None),
        ("paragraph", "Đoạn giữa", None),
        ("paragraph", "Đoạn cuối", "center"),
    ]
    assert document.blocks[1].rows == [["Ô đầu\ncuối ô", "Ô hai"]]


@pytest.mark.parametrize("code", ["FFFFFFFF", "D800", "110000F"])
def test_a_symbol_whose_code_is_no_character_shows_nothing(code):
    body = f'<w:p><w:r><w:t>A</w:t><w:sym w:font="Arial" w:char="{code}"/></w:r></w:p>'
    document = read_document(package(body))
    assert document.blocks[0].text == "A"
    document.model_dump_json()  # every character can be written out


def test_blocks_are_made_and_validated_as_block_itself_makes_them():
    fields = {"index": 3, "text": "Báo cáo", "label": "1.", "label_source": "auto", "align": "center", "in_table": True}
    made = _new_block(fields)
    assert type(made) is Block and made == Block(**fields) and made.heading_path == []
    with pytest.raises(ValidationError):
        _new_block({"index": 0, "align": "middle"})
