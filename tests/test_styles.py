"""Styles read from the bytes of styles.xml one style at a time give what the whole part gives."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from sobaocao.docx import read_document
from sobaocao.docx.package import Limits, parse_xml
from sobaocao.docx import styles as styles_module
from sobaocao.docx.styles import StyleSheet, cut_styles, theme_fonts, theme_fonts_of_part
from sobaocao.errors import InputError, UnsafeInputError

from .fixtures.ooxml import p, package, part


class CountingParser:
    """The safe parser, counting what it is given: how much of the part really gets parsed."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def __call__(self, markup: bytes):
        self.sizes.append(len(markup))
        return parse_xml(markup, part="word/styles.xml", name="t.docx")


def template_styles() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return archive.read("word/styles.xml")


def folded(sheet: StyleSheet, style_id: str) -> tuple:
    return (
        sheet.paragraph_style(style_id),
        sheet.run_base(style_id, None),
        sheet.run_base(None, style_id),
        sheet.name(style_id),
        sheet.table_has_borders(style_id),
        sheet.numbering_style_num_id(style_id),
    )


def test_every_style_of_python_docx_template_reads_the_same_one_by_one():
    data = template_styles()
    whole = StyleSheet(parse_xml(data, part="word/styles.xml", name="t.docx"))
    lazy = StyleSheet.from_part(data, CountingParser())
    assert (lazy.default_paragraph_style, lazy.default_character_style) == ("Normal", "DefaultParagraphFont")
    assert (lazy.default_run, lazy.default_paragraph) == (whole.default_run, whole.default_paragraph)
    style_ids = list(whole._styles)
    assert len(style_ids) == 164
    assert [folded(lazy, style_id) for style_id in style_ids] == [folded(whole, style_id) for style_id in style_ids]


def test_only_the_styles_asked_for_are_parsed():
    data = template_styles()
    parser = CountingParser()
    sheet = StyleSheet.from_part(data, parser)
    assert len(parser.sizes) == 1  # the document defaults, before the first style
    assert sheet.paragraph_style("Heading1").heading_level == 1  # Heading1 is based on Normal
    assert len(parser.sizes) == 3
    assert sum(parser.sizes) < len(data) / 10


STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Tieude1"><w:name w:val="Tiêu đề 1"/><w:basedOn w:val="Normal"/>'
    "<w:rPr><w:b/></w:rPr></w:style>"
)


@pytest.mark.parametrize(
    "markup",
    [
        part("w:styles", STYLES),
        # a comment between styles: the part is parsed whole
        part("w:styles", STYLES.replace("</w:style><w:style", "</w:style><!-- by hand --><w:style")),
        '<x:styles xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + STYLES.replace("w:", "x:")
        + "</x:styles>",  # another prefix for the WordprocessingML namespace
    ],
    ids=["plain", "comment", "other-prefix"],
)
def test_styles_fold_the_same_whatever_the_markup(markup):
    parser = CountingParser()
    sheet = StyleSheet.from_part(markup.encode(), parser)
    assert sheet.default_paragraph_style == "Normal"
    assert sheet.paragraph_style("Tieude1").heading_level == 1
    assert sheet.run_base("Tieude1", None) == (
        sheet.default_run._replace(font="Times New Roman", size=13.0, bold=True)
    )
    # Only Word's usual markup is cut style by style; anything else is parsed whole, once.
    assert len(parser.sizes) == (3 if markup.startswith("<?xml") and "<!--" not in markup else 1)


def test_a_broken_style_the_document_uses_is_reported_for_the_whole_part():
    broken = STYLES.replace("<w:b/></w:rPr>", "<w:b/></w:rPr")
    data = package(p("BÁO CÁO", ppr='<w:pStyle w:val="Tieude1"/>'), styles=broken)
    with pytest.raises(InputError) as raised:
        read_document(data, name="t.docx")
    assert "Phần «word/styles.xml» của tệp «t.docx» bị lỗi cấu trúc XML" in raised.value.vi


def test_a_broken_style_no_paragraph_uses_is_never_read():
    broken = STYLES.replace("<w:b/></w:rPr>", "<w:b/></w:rPr")
    document = read_document(package(p("BÁO CÁO"), styles=broken), name="t.docx")
    assert [block.text for block in document.blocks] == ["BÁO CÁO"]


def test_a_part_in_another_encoding_is_parsed_whole_however_its_declaration_is_spaced():
    styles = STYLES.replace('w:styleId="Tieude1"', 'w:styleId="Tiêude1"').replace("Tiêu đề 1", "Heading 1")
    markup = part("w:styles", styles).replace('encoding="UTF-8"', "encoding = 'ISO-8859-1'").encode("latin-1")
    parser = CountingParser()
    sheet = StyleSheet.from_part(markup, parser)
    assert sheet.paragraph_style("Tiêude1").heading_level == 1
    assert sheet.name("Tiêude1") == "Heading 1"
    assert len(parser.sizes) == 1  # the style ids cannot be read from the bytes: parsed whole, once


def test_a_style_id_that_is_not_utf8_in_a_utf8_part_is_reported_not_raised():
    styles = STYLES.replace('w:styleId="Tieude1"', 'w:styleId="Ti\udce9ude1"')
    markup = part("w:styles", styles).encode("utf-8", "surrogateescape")  # a lone Latin-1 byte 0xE9
    with pytest.raises(InputError) as raised:
        StyleSheet.from_part(markup, CountingParser())
    assert "Phần «word/styles.xml» của tệp «t.docx» bị lỗi cấu trúc XML" in raised.value.vi


def test_a_default_style_whose_type_is_not_utf8_is_reported_not_raised():
    styles = STYLES.replace('w:styleId="Tieude1"', 'w:default="1" w:styleId="Tieude1"').replace('w:type="paragraph"', 'w:type="p\udce9"', 1)
    markup = part("w:styles", styles).encode("utf-8", "surrogateescape")  # a lone Latin-1 byte 0xE9
    assert b'w:default="1"' in markup and b"p\xe9" in markup
    with pytest.raises(InputError) as raised:
        StyleSheet.from_part(markup, CountingParser())
    assert "Phần «word/styles.xml» của tệp «t.docx» bị lỗi cấu trúc XML" in raised.value.vi


def test_parts_that_differ_in_one_byte_never_share_a_remembered_cut():
    first = part("w:styles", STYLES).encode()
    second = first.replace(b'w:styleId="Tieude1"', b'w:styleId="Tieude2"')
    assert len(first) == len(second)
    for data, style_id in [(first, "Tieude1"), (second, "Tieude2"), (first, "Tieude1")]:
        sheet = StyleSheet.from_part(data, CountingParser())
        assert sheet.paragraph_style(style_id).heading_level == 1
        assert set(cut_styles(data).places) == {"Normal", style_id}


def test_a_remembered_cut_cannot_be_changed_by_the_sheet_that_uses_it():
    cut = cut_styles(template_styles())
    with pytest.raises(TypeError):
        cut.places["Normal"] = (0, 0)


def test_only_small_cuts_are_remembered():
    assert styles_module._small_cut(cut_styles(template_styles()))
    many = "".join(f'<w:style w:type="paragraph" w:styleId="S{number}"/>' for number in range(3000))
    many_styles = cut_styles(part("w:styles", STYLES + many).encode())
    assert len(many_styles.places) == 3002
    assert not styles_module._small_cut(many_styles)
    long_head = cut_styles(part("w:styles", f'<w:docDefaults/><w:x w:y="{"a" * 70_000}"/>' + STYLES).encode())
    assert not styles_module._small_cut(long_head)


def test_a_remembered_cut_still_reports_errors_with_each_file_name():
    broken = STYLES.replace("<w:b/></w:rPr>", "<w:b/></w:rPr")
    data = package(p("BÁO CÁO", ppr='<w:pStyle w:val="Tieude1"/>'), styles=broken)
    for name in ("a.docx", "b.docx"):
        with pytest.raises(InputError) as raised:
            read_document(data, name=name)
        assert f"Phần «word/styles.xml» của tệp «{name}» bị lỗi cấu trúc XML" in raised.value.vi


THEME = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements>'
    '<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Cambria"/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>'
).encode()


def test_theme_fonts_read_from_the_bytes_are_the_fonts_of_the_parsed_theme():
    fonts = theme_fonts_of_part(THEME, part="word/theme/theme1.xml", name="t.docx", limits=Limits())
    assert fonts == theme_fonts(etree.fromstring(THEME)) == {"major": "Cambria", "minor": "Calibri"}
    fonts.clear()  # each caller gets its own
    other = THEME.replace(b"Calibri", b"Arial")
    assert theme_fonts_of_part(THEME, part="word/theme/theme1.xml", name="t.docx", limits=Limits())["minor"] == "Calibri"
    assert theme_fonts_of_part(other, part="word/theme/theme1.xml", name="t.docx", limits=Limits())["minor"] == "Arial"


def test_a_remembered_theme_is_still_refused_under_a_lower_node_limit_and_names_each_file():
    theme_fonts_of_part(THEME, part="word/theme/theme1.xml", name="a.docx", limits=Limits())
    with pytest.raises(UnsafeInputError) as refused:
        theme_fonts_of_part(THEME, part="word/theme/theme1.xml", name="b.docx", limits=Limits(max_xml_nodes=10))
    assert refused.value.limit == "max_xml_nodes" and "«b.docx»" in refused.value.vi
    broken = THEME.replace(b"</a:theme>", b"")
    for name in ("a.docx", "b.docx"):
        with pytest.raises(InputError) as raised:
            theme_fonts_of_part(broken, part="word/theme/theme1.xml", name=name, limits=Limits())
        assert f"Phần «word/theme/theme1.xml» của tệp «{name}» bị lỗi cấu trúc XML" in raised.value.vi


def test_a_style_sheet_takes_the_theme_or_its_fonts_already_read():
    styles = part("w:styles", STYLES.replace('w:ascii="Times New Roman" w:hAnsi="Times New Roman"', 'w:asciiTheme="minorHAnsi"'))
    with_theme = StyleSheet(etree.fromstring(styles.encode()), etree.fromstring(THEME))
    with_fonts = StyleSheet(etree.fromstring(styles.encode()), {"major": "Cambria", "minor": "Calibri"})
    assert with_theme.run_base("Tieude1", None) == with_fonts.run_base("Tieude1", None)
    assert with_fonts.run_base("Tieude1", None).font == "Calibri"


@pytest.mark.parametrize("size", ["²", "9" * 5000])
def test_a_font_size_int_refuses_is_no_size_not_an_error(size):
    rpr = etree.fromstring(f'<w:rPr xmlns:w="{styles_module.W_NS}"><w:sz w:val="{size}"/><w:b/></w:rPr>'.encode())
    props = styles_module.parse_run_props(rpr, {})
    assert props.size is None and props.bold


def test_a_report_with_a_font_size_int_refuses_is_read():
    document = read_document(package(p("Báo cáo", rpr='<w:sz w:val="²"/>')))
    assert document.blocks[0].text == "Báo cáo"
