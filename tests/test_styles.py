"""Styles read from the bytes of styles.xml one style at a time give what the whole part gives."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from sobaocao.docx import read_document
from sobaocao.docx.package import parse_xml
from sobaocao.docx.styles import StyleSheet
from sobaocao.errors import InputError

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


# --- paragraphs read from their markup -------------------------------------------------------

from sobaocao.docx import reader as reader_module  # noqa: E402

from .fixtures import reader_cases, reports  # noqa: E402
from .fixtures.reader_cases import BOLD, GRID_BORDERS, cell, para, run, table  # noqa: E402

READ_BOTH_WAYS = {
    **{name: getattr(reader_cases, name) for name in (
        "layout_and_order", "automatic_numbering", "tracked_changes", "fields_and_containers",
        "formatting_and_legacy", "body_outline", "table_kinds", "alternate_runs_and_merged_cells",
        "legacy_ambiguous_first", "legacy_ambiguous_only", "python_docx_template", "tab_laid_header",
        "deleted_marks_at_edges",
    )},
    **{f"report_{name}": getattr(reports, name) for name in (
        "complete", "auto_numbered", "unnumbered_bold", "all_caps", "decomposed", "tcvn3", "heading_styles",
        "with_tracked_changes", "header_in_textboxes", "state_form",
    )},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(READ_BOTH_WAYS))
def test_paragraphs_read_from_markup_equal_paragraphs_read_element_by_element(name, monkeypatch):
    data = READ_BOTH_WAYS[name]()
    from_markup = read_document(data, name="t.docx")
    monkeypatch.setattr(reader_module._Markup, "of", classmethod(lambda cls, root, source, paragraphs: None))
    by_element = read_document(data, name="t.docx")
    assert from_markup.model_dump() == by_element.model_dump()


def numbered_cells_table() -> bytes:
    """A data table whose cells hold numbered paragraphs, tabs, bookmarks, empty paragraphs and
    merged cells, with a numbered paragraph after it continuing the same list."""
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    numbering = (
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    rows = (
        [cell(p("Nội dung", ppr=numbered)), cell(p("Kết quả"), '<w:bookmarkStart w:id="0" w:name="x"/>', p())],
        [cell(p("Tuyên truyền", ppr=numbered), tcpr='<w:vMerge w:val="restart"/>'), cell(para(run("12"), "<w:r><w:tab/></w:r>", run("buổi")))],
        [cell(p(), tcpr='<w:vMerge w:val="continue"/>'), cell(p("Đạt", rpr=BOLD), tcpr="<w:vMerge/>")],
    )
    return package(p("Mở đầu.") + table(*rows, tblpr=GRID_BORDERS) + p("Tiếp theo", ppr=numbered), numbering=numbering)


def test_a_table_read_from_markup_labels_merges_and_counts_as_element_by_element(monkeypatch):
    data = numbered_cells_table()
    plain = reader_module._BodyReader._plain_table
    calls = []
    monkeypatch.setattr(reader_module._BodyReader, "_plain_table", lambda self, t: calls.append(plain(self, t)) or calls[-1])
    from_markup = read_document(data, name="t.docx")
    assert [block.rows for block in from_markup.blocks if block.kind == "table"] == [
        [["1. Nội dung", "Kết quả"], ["2. Tuyên truyền", "12 buổi"], ["", ""]]
    ]
    assert [block.display for block in from_markup.blocks if block.kind != "table"] == ["Mở đầu.", "3. Tiếp theo"]
    assert calls[0] is not None  # read from the markup
    monkeypatch.setattr(reader_module._Markup, "of", classmethod(lambda cls, root, source, paragraphs: None))
    assert read_document(data, name="t.docx").model_dump() == from_markup.model_dump()


def test_markup_with_entities_and_character_references_reads_as_the_parser_reads_it(monkeypatch):
    paragraph = (
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>A &amp; B &lt;C&gt; &#7913; &#x1EE6;y ban</w:t></w:r>'
        '<w:proofErr w:type="gramStart"/><w:r><w:rPr><w:b/></w:rPr><w:tab/><w:t xml:space="preserve"> &quot;x" </w:t></w:r></w:p>'
    )
    data = package(paragraph)
    calls = []
    plain = reader_module._BodyReader._read_plain_paragraph
    monkeypatch.setattr(
        reader_module._BodyReader, "_read_plain_paragraph", lambda self, p: calls.append(plain(self, p)) or calls[-1]
    )
    document = read_document(data, name="t.docx")
    assert [(block.text, block.bold) for block in document.blocks] == [('A & B <C> ứ Ủy ban "x"', True)]
    assert len(calls) == 1 and calls[0] is not None  # read from the markup
    assert calls[0].runs[0][0] == 'A & B <C> ứ Ủy ban\t "x" '


@pytest.mark.parametrize(
    "row_properties, cell_properties",
    [
        ('<w:trPr><w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:trPr>', ""),
        ('<w:trPr><w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:trPr>', ""),
        ("", '<w:cellDel w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"/>'),
    ],
    ids=["deleted-row", "inserted-row", "deleted-cell"],
)
def test_a_table_with_tracked_rows_or_cells_is_read_element_by_element(row_properties, cell_properties, monkeypatch):
    rows = (
        f"<w:tr>{cell(p('Tiêu chí'))}{cell(p('Kết quả'))}</w:tr>",
        f"<w:tr>{row_properties}{cell(p('Sửa'), tcpr=cell_properties)}{cell(p('Xong'))}</w:tr>",
    )
    data = package(p("Mở đầu.") + f"<w:tbl><w:tblPr>{GRID_BORDERS}</w:tblPr>{''.join(rows)}</w:tbl>" + p("Kết thúc."))
    plain = reader_module._BodyReader._plain_table
    calls = []
    monkeypatch.setattr(reader_module._BodyReader, "_plain_table", lambda self, t: calls.append(plain(self, t)) or calls[-1])
    from_markup = read_document(data, name="t.docx")
    assert calls == [None]
    monkeypatch.setattr(reader_module._Markup, "of", classmethod(lambda cls, root, source, paragraphs: None))
    assert read_document(data, name="t.docx").model_dump() == from_markup.model_dump()


def test_markup_whose_tags_might_not_be_the_paragraphs_is_read_element_by_element(monkeypatch):
    body = p("Một.") + "<!-- <w:p><w:r><w:t>giả</w:t></w:r></w:p> -->" + p("Hai.")
    monkeypatch.setattr(reader_module._BodyReader, "_read_plain_paragraph", lambda self, paragraph: pytest.fail())
    assert [block.text for block in read_document(package(body), name="t.docx").blocks] == ["Một.", "Hai."]
