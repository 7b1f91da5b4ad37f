"""Paragraphs and tables read from the main part's markup give what reading them element by
element gives (the reader's fast path, ``_read_plain_paragraph`` and ``_plain_table``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sobaocao.docx import read_document
from sobaocao.docx import reader as reader_module

from .fixtures import reader_cases, reports
from .fixtures.ooxml import document_xml, p, package
from .fixtures.reader_cases import BOLD, GRID_BORDERS, cell, para, run, table

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
    "example_report": lambda: (Path(__file__).parents[1] / "examples" / "bao-cao-chi-bo-so-ke-hoach.docx").read_bytes(),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(READ_BOTH_WAYS))
def test_paragraphs_read_from_markup_equal_paragraphs_read_element_by_element(name, monkeypatch):
    data = READ_BOTH_WAYS[name]()
    from_markup = read_document(data, name="t.docx")
    monkeypatch.setattr(reader_module._Markup, "of", classmethod(lambda cls, *tree_and_markup: None))
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
    monkeypatch.setattr(reader_module._Markup, "of", classmethod(lambda cls, *tree_and_markup: None))
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
    monkeypatch.setattr(reader_module._Markup, "of", classmethod(lambda cls, *tree_and_markup: None))
    assert read_document(data, name="t.docx").model_dump() == from_markup.model_dump()


def test_markup_whose_tags_might_not_be_the_paragraphs_is_read_element_by_element(monkeypatch):
    body = p("Một.") + "<!-- <w:p><w:r><w:t>giả</w:t></w:r></w:p> -->" + p("Hai.")
    monkeypatch.setattr(reader_module._BodyReader, "_read_plain_paragraph", lambda self, paragraph: pytest.fail())
    assert [block.text for block in read_document(package(body), name="t.docx").blocks] == ["Một.", "Hai."]


@pytest.mark.parametrize("marker", ["Nơi nhận:", "NƠI NHẬN:", "Nơı nhận:", "\u212a/T GIÁM ĐỐC", "t/m ban chấp hành"])
def test_a_bordered_table_inside_the_body_with_a_form_marker_is_layout(marker):
    rows = ([cell(p(marker)), cell(p("Ghi chú"))], [cell(p("- Lưu")), cell(p("Xong"))])
    body = p("Mở đầu.") + p("Một.") + p("Hai.") + p("Ba.") + table(*rows, tblpr=GRID_BORDERS) + p("Bốn.") + p("Năm.") + p("Sáu.") + p("Bảy.")
    document = read_document(package(body), name="t.docx")
    assert [block.kind for block in document.blocks if block.in_table or block.kind == "table"] == ["paragraph"] * 4


def test_a_merge_written_with_single_quotes_is_read_as_written():
    rows = (
        [cell(p("Gộp"), tcpr="<w:vMerge w:val='restart'/>"), cell(p("Một"))],
        [cell(p(), tcpr="<w:vMerge w:val='continue'/>"), cell(p("Hai"))],
    )
    document = read_document(package(p("Mở đầu.") + table(*rows, tblpr=GRID_BORDERS) + p("Kết thúc.")), name="t.docx")
    assert [block.rows for block in document.blocks if block.kind == "table"] == [[["Gộp", "Một"], ["", "Hai"]]]


def test_a_main_part_in_another_encoding_is_read_element_by_element(monkeypatch):
    """The encoding is the parser's: a declaration spaced as XML allows ("encoding = '…'") counts."""
    body = p("Báo cáo") + p("Thành tích")
    document = document_xml(body).replace('encoding="UTF-8"', "encoding = 'ISO-8859-1'")
    data = package("", document=document.encode("latin-1"))
    monkeypatch.setattr(reader_module._BodyReader, "_read_plain_paragraph", lambda self, paragraph: pytest.fail())
    assert [block.text for block in read_document(data, name="t.docx").blocks] == ["Báo cáo", "Thành tích"]
