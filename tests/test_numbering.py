"""Word's automatic numbering replayed from numbering.xml, one paragraph at a time."""

from __future__ import annotations

import pytest
from lxml import etree

from sobaocao.docx.numbering import Level, Numbering, bullet_label, format_number
from sobaocao.docx.package import Limits
from sobaocao.docx.styles import StyleSheet
from sobaocao.errors import InputError, UnsafeInputError

from .fixtures.ooxml import part


def numbering(inner: str, styles: str | None = None) -> Numbering:
    sheet = StyleSheet(etree.fromstring(part("w:styles", styles).encode()) if styles else None)
    return Numbering(etree.fromstring(part("w:numbering", inner).encode()), sheet)


def level(ilvl: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (4, "upperRoman", "IV"),
        (14, "lowerRoman", "xiv"),
        (5, "lowerLetter", "e"),  # Word's letters are Latin: no "đ"
        (28, "upperLetter", "BB"),
        (7, "decimalZero", "07"),
        (12, "decimalZero", "12"),
        (3, "none", ""),
        (3, "ordinalText", "3"),  # formats reports do not use fall back to decimal
        (0, "upperRoman", "0"),
    ],
)
def test_format_number(value, fmt, expected):
    assert format_number(value, fmt) == expected


@pytest.mark.parametrize(
    ("text", "font", "expected"),
    [("\uf0b7", "Symbol", "•"), ("\uf0a7", "Wingdings", "•"), ("-", None, "-"), ("+", "Symbol", "+"), ("o", "Courier New", "o"), ("", None, "")],
)
def test_bullet_label(text, font, expected):
    assert bullet_label(Level(fmt="bullet", text=text, font=font)) == expected


def test_lvl_restart_keeps_a_level_counting_through_some_higher_levels():
    lists = numbering(
        '<w:abstractNum w:abstractNumId="0">'
        + level(0, "upperRoman", "%1.")
        + level(1, "decimal", "%2.")
        # level 3 restarts only after level 1 (ilvl 0), not after level 2 (ilvl 1)
        + level(2, "lowerLetter", "%3)", '<w:lvlRestart w:val="1"/>')
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    labels = [lists.label("1", ilvl) for ilvl in (0, 1, 2, 1, 2, 0, 2)]
    assert labels == ["I.", "1.", "a)", "2.", "b)", "II.", "a)"]


def test_an_unused_higher_level_shows_its_start_value():
    lists = numbering(
        '<w:abstractNum w:abstractNumId="0">'
        + level(0, "decimal", "%1.", start=3)
        + level(1, "decimal", "%1.%2.")
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    assert [lists.label("1", 1), lists.label("1", 1), lists.label("1", 0), lists.label("1", 1)] == [
        "3.1.",
        "3.2.",
        "3.",
        "3.1.",
    ]


def test_override_level_replaces_the_definition_for_that_instance_only():
    lists = numbering(
        '<w:abstractNum w:abstractNumId="0">' + level(0, "decimal", "%1.") + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
        + level(0, "upperLetter", "%1/")
        + "</w:lvlOverride></w:num>"
    )
    assert [lists.label("1", 0), lists.label("2", 0), lists.label("2", 0), lists.label("1", 0)] == [
        "1.",
        "A/",
        "B/",
        "2.",
    ]


def test_unknown_or_zero_num_id_is_not_numbered():
    lists = numbering('<w:abstractNum w:abstractNumId="0">' + level(0, "decimal", "%1.") + "</w:abstractNum>")
    assert (lists.label("0", 0), lists.label("7", 0), lists.label(None, 0)) == (None, None, None)


def test_a_document_without_numbering_part_numbers_nothing():
    assert Numbering(None, StyleSheet(None)).label("1", 0) is None


def test_level_for_style_finds_the_level_tied_to_a_paragraph_style():
    lists = numbering(
        '<w:abstractNum w:abstractNumId="0">'
        + level(0, "upperRoman", "%1.", '<w:pStyle w:val="Muc1"/>')
        + level(1, "decimal", "%2.", '<w:pStyle w:val="Muc2"/>')
        + "</w:abstractNum>"
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>'
    )
    assert (lists.level_for_style("3", "Muc2"), lists.level_for_style("3", "Khac")) == (1, 0)


def test_a_hostile_start_value_is_held_to_words_bound():
    lists = numbering(
        '<w:abstractNum w:abstractNumId="0">' + level(0, "upperLetter", "%1.", start=10**12) + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    assert lists.label("1", 0) == "G" * 1261 + "."  # 32767 = 1260 × 26 + 7


def test_numbers_that_are_not_numbers_fall_back_to_words_defaults():
    lists = numbering(
        '<w:abstractNum w:abstractNumId="0">'
        + level(0, "decimal", "%1.", start="mười")
        + level(1, "lowerLetter", "%2)", '<w:lvlRestart w:val="x"/>')
        + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="một"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    )
    # The override without a readable level applies to level 0; an unreadable lvlRestart is
    # Word's default (restart after any higher level).
    assert [lists.label("1", ilvl) for ilvl in (0, 1, 1, 0, 1)] == ["5.", "a)", "b)", "6.", "a)"]


def test_a_list_reached_through_its_list_style_continues_the_same_list():
    lists = numbering(
        '<w:abstractNum w:abstractNumId="4"><w:styleLink w:val="DanhSach"/>'
        + level(0, "decimal", "Điều %1.")
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="DanhSach"/></w:abstractNum>'
        '<w:num w:numId="4"><w:abstractNumId w:val="4"/></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="5"/></w:num>',
        styles='<w:style w:type="numbering" w:styleId="DanhSach"><w:name w:val="Danh sách"/>'
        '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>',
    )
    assert [lists.label("4", 0), lists.label("5", 0), lists.label("4", 0)] == ["Điều 1.", "Điều 2.", "Điều 3."]


LISTS = (
    '<w:abstractNum w:abstractNumId="0">' + level(0, "decimal", "%1.") + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>' + level(0, "upperLetter", "%1/") + "</w:lvlOverride></w:num>"
)


def from_part(data: bytes, name: str = "t.docx", limits: Limits | None = None) -> Numbering:
    return Numbering.from_part(data, StyleSheet(None), part="word/numbering.xml", name=name, limits=limits or Limits())


def test_lists_read_from_the_bytes_number_as_lists_read_from_the_tree():
    data = part("w:numbering", LISTS).encode()
    order = [("1", 0), ("2", 0), ("2", 0), ("1", 0), ("3", 0)]
    from_tree = numbering(LISTS)
    assert [from_tree.label(*step) for step in order] == ["1.", "A/", "B/", "2.", None]
    for _ in range(2):  # the second time the lists are remembered; the counters are each document's own
        lists = from_part(data)
        assert [lists.label(*step) for step in order] == ["1.", "A/", "B/", "2.", None]


def test_numbering_parts_that_differ_never_share_their_lists():
    first = part("w:numbering", LISTS).encode()
    second = first.replace(b'w:val="upperLetter"', b'w:val="lowerRoman"')
    assert (from_part(first).label("2", 0), from_part(second).label("2", 0), from_part(first).label("2", 0)) == ("A/", "i/", "A/")


def test_a_remembered_numbering_part_is_still_refused_under_a_lower_node_limit_and_names_each_file():
    data = part("w:numbering", LISTS).encode()
    from_part(data)
    with pytest.raises(UnsafeInputError) as refused:
        from_part(data, name="b.docx", limits=Limits(max_xml_nodes=10))
    assert refused.value.limit == "max_xml_nodes" and "«b.docx»" in refused.value.vi
    for name in ("a.docx", "b.docx"):
        with pytest.raises(InputError) as raised:
            from_part(data[:-5], name=name)
        assert f"Phần «word/numbering.xml» của tệp «{name}» bị lỗi cấu trúc XML" in raised.value.vi
