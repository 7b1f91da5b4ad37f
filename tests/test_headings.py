"""Heading detection and levels over plain blocks, without any .docx."""

from __future__ import annotations

from sobaocao.document import Block
from sobaocao.headings import annotate_headings, heading_style_level, numbering_path


def blocks(*specs) -> list[Block]:
    """Blocks from (text, keyword fields…) pairs; a bare string is a plain body paragraph."""
    made = []
    for index, spec in enumerate(specs):
        text, fields = (spec, {}) if isinstance(spec, str) else spec
        made.append(Block(index=index, text=text, **fields))
    return made


def levels(annotated: list[Block]) -> list[tuple]:
    return [(b.kind, b.level, b.label, b.text) for b in annotated]


def test_the_first_kind_met_is_the_top_level_whatever_it_is():
    annotated = annotate_headings(blocks("a) Mục a", "1. Điểm một", "2. Điểm hai", "b) Mục b", "1. Điểm một của b"))
    assert levels(annotated) == [
        ("heading", 1, "a)", "Mục a"),
        ("heading", 2, "1.", "Điểm một"),
        ("heading", 2, "2.", "Điểm hai"),
        ("heading", 1, "b)", "Mục b"),
        ("heading", 2, "1.", "Điểm một của b"),
    ]
    assert [b.numbering_path for b in annotated] == ["a", "a.1", "a.2", "b", "b.1"]


def test_case_and_closing_mark_make_different_levels():
    annotated = annotate_headings(blocks("A. Phần chung", "1. Một", "a) Nhỏ", "1) Nhỏ hơn", "B. Phần riêng"))
    assert [(b.label, b.level) for b in annotated] == [("A.", 1), ("1.", 2), ("a)", 3), ("1)", 4), ("B.", 1)]


def test_a_part_label_always_opens_the_top_level():
    annotated = annotate_headings(blocks("I. Mở đầu", "PHẦN II", ("KẾT QUẢ", {"bold": True}), "I. Tình hình"))
    assert [(b.label, b.text, b.level) for b in annotated] == [
        ("I.", "Mở đầu", 1),
        ("PHẦN II", "", 1),
        ("", "KẾT QUẢ", 2),
        ("I.", "Tình hình", 2),
    ]
    assert annotated[3].heading_path == ["PHẦN II", "I. Tình hình"]


def test_heading_styles_and_outline_levels_make_headings():
    annotated = annotate_headings(
        blocks(
            ("Tổng quan", {"outline_level": 0}),
            ("Chi tiết", {"style": "Heading 2"}),
            ("Nội dung thường.", {"style": "Normal"}),
            ("I. Tình hình chung 3", {"style": "toc 1"}),
        )
    )
    assert levels(annotated) == [
        ("heading", 1, "", "Tổng quan"),
        ("heading", 2, "", "Chi tiết"),
        ("paragraph", None, "", "Nội dung thường."),
        ("paragraph", None, "I.", "Tình hình chung 3"),  # a table of contents line is no heading
    ]


def test_bold_or_capital_lines_are_headings_only_when_short_and_not_sentences():
    long_line = " ".join(["chữ"] * 41)
    annotated = annotate_headings(
        blocks(
            ("Đánh giá chung", {"bold": True}),
            ("NHIỆM VỤ TRỌNG TÂM", {"caps": True}),
            ("Kết quả cụ thể như sau:", {"bold": True}),
            ("Đã hoàn thành kế hoạch.", {"bold": True}),
            (long_line, {"bold": True}),
            "Đánh giá chung",
        )
    )
    assert [b.kind for b in annotated] == ["heading", "heading", "paragraph", "paragraph", "paragraph", "paragraph"]


def test_list_items_keep_their_label_and_are_headings_only_when_bold_and_short():
    annotated = annotate_headings(
        blocks("1. Công tác", "- Đã tổ chức tuyên truyền.", ("+ Ưu điểm", {"bold": True}), "• Một ý")
    )
    assert levels(annotated) == [
        ("heading", 1, "1.", "Công tác"),
        ("paragraph", None, "-", "Đã tổ chức tuyên truyền."),
        ("heading", 2, "+", "Ưu điểm"),
        ("paragraph", None, "•", "Một ý"),
    ]
    assert [b.label_source for b in annotated] == ["manual"] * 4


def test_numbered_sentences_are_list_items_not_headings():
    annotated = annotate_headings(blocks("1. Đã tổ chức 15 buổi;", "2. Đã kiểm tra 3 chi bộ."))
    assert [(b.kind, b.label) for b in annotated] == [("paragraph", "1."), ("paragraph", "2.")]


def test_automatic_labels_are_kept_and_classified_like_typed_ones():
    annotated = annotate_headings(
        blocks(("Tình hình", {"label": "I.", "label_source": "auto"}), ("1. Không phải nhãn", {"label": "1.", "label_source": "auto"}))
    )
    assert [(b.label, b.text, b.level, b.numbering_path) for b in annotated] == [
        ("I.", "Tình hình", 1, "I"),
        ("1.", "1. Không phải nhãn", 2, "I.1"),
    ]


def test_header_closing_and_layout_blocks_are_never_headings():
    annotated = annotate_headings(
        blocks(
            ("BÁO CÁO", {"part": "header", "bold": True, "caps": True}),
            ("I. Nội dung", {}),
            ("II. Trong khung", {"in_textbox": True}),
            ("T/M CHI BỘ", {"part": "closing", "caps": True}),
        )
    )
    assert levels(annotated) == [
        ("paragraph", None, "", "BÁO CÁO"),
        ("heading", 1, "I.", "Nội dung"),
        ("paragraph", None, "", "II. Trong khung"),
        ("paragraph", None, "", "T/M CHI BỘ"),
    ]
    assert (annotated[0].heading_path, annotated[3].numbering_path) == ([], "")
    assert annotated[2].heading_path == ["I. Nội dung"]


def test_numbering_path_drops_parent_numbers_a_label_repeats():
    assert numbering_path(["II", "1", "1.2", "a"]) == "II.1.2.a"
    assert numbering_path(["", "I", "1", "1.1", "1.1.3"]) == "I.1.1.3"
    assert numbering_path(["I", "2", "1.1"]) == "I.2.1.1"


def test_unnumbered_headings_take_levels_from_their_look():
    annotated = annotate_headings(
        blocks(
            ("TÌNH HÌNH CHUNG", {"bold": True, "caps": True}),
            ("Công tác tuyên truyền", {"bold": True}),
            ("Ưu điểm", {"bold": True, "italic": True}),
            "Đã tổ chức 15 buổi.",
            ("Hạn chế", {"bold": True, "italic": True}),
            ("Công tác kiểm tra", {"bold": True}),
            ("PHƯƠNG HƯỚNG", {"bold": True, "caps": True}),
        )
    )
    assert [(b.level, b.text) for b in annotated if b.kind == "heading"] == [
        (1, "TÌNH HÌNH CHUNG"),
        (2, "Công tác tuyên truyền"),
        (3, "Ưu điểm"),
        (3, "Hạn chế"),
        (2, "Công tác kiểm tra"),
        (1, "PHƯƠNG HƯỚNG"),
    ]
    assert annotated[3].heading_path == ["TÌNH HÌNH CHUNG", "Công tác tuyên truyền", "Ưu điểm"]


def test_heading_style_names_give_their_level():
    names = ["heading 1", "Heading 2", "HEADING 3", "Tiêu đề 4", "tiêu đề9", "Heading 10", "Headings 1", "Normal", None]
    assert [heading_style_level(name) for name in names] == [1, 2, 3, 4, 9, None, None, None, None]


def test_a_label_closed_by_any_dash_gives_only_its_number_to_the_path():
    annotated = annotate_headings(blocks("I \u2015 Kết quả", "1 \uff0d Tuyên truyền", "2 \uff0d Tổ chức"))
    assert [(b.label, b.level, b.numbering_path) for b in annotated] == [
        ("I \u2015", 1, "I"),
        ("1 \uff0d", 2, "I.1"),
        ("2 \uff0d", 2, "I.2"),
    ]
