"""What the caches of parts keep, and that reports never share what differs between them."""

from __future__ import annotations

import pytest

from sobaocao.docx import styles as styles_module
from sobaocao.docx.package import Limits, open_package, parse_xml
from sobaocao.docx.styles import StyleSheet
from sobaocao.errors import InputError
from tests.fixtures.ooxml import p, package, part


def test_the_main_documents_of_many_reports_do_not_push_out_the_parts_they_share():
    first = open_package(package(p("Báo cáo 0"), styles="", numbering=""))
    styles = first.read("word/styles.xml")
    for number in range(1, 30):
        other = open_package(package(p(f"Báo cáo {number}"), styles="", numbering=""))
        other.read(other.main_part)
    assert first.read("word/styles.xml") is styles


def test_a_main_document_read_again_by_the_same_call_is_inflated_once():
    opened = open_package(package(p("Báo cáo"), styles="", numbering=""))
    assert opened.read(opened.main_part) is opened.read(opened.main_part)


# --- style sheets shared by the documents that carry the same styles part ------------------------

STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Tieude1"><w:name w:val="Tiêu đề 1"/><w:basedOn w:val="Normal"/>'
    "<w:rPr><w:b/></w:rPr></w:style>"
    '<w:style w:type="table" w:styleId="Luoi"><w:name w:val="Lưới"/>'
    '<w:tblPr><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr></w:style>'
)
THEME = {"major": "Cambria", "minor": "Times New Roman"}
NODE_LIMIT = Limits().max_xml_nodes


class Parser:
    """The safe parser for one file, counting the pieces it is given."""

    def __init__(self, name: str = "t.docx") -> None:
        self.name, self.sizes = name, []

    def __call__(self, markup: bytes):
        self.sizes.append(len(markup))
        return parse_xml(markup, part="word/styles.xml", name=self.name)


def shared(data: bytes, parser: Parser, theme=THEME, settings=NODE_LIMIT) -> StyleSheet:
    return StyleSheet.from_part(data, parser, theme, parse_settings=settings)


def folded(sheet: StyleSheet) -> tuple:
    return (
        sheet.default_run,
        sheet.paragraph_style("Tieude1"),
        sheet.run_base("Tieude1", None),
        sheet.table_has_borders("Luoi"),
    )


@pytest.fixture(autouse=True)
def no_shared_sheet():
    styles_module._SHARED_SHEETS.clear()


def test_a_document_carrying_a_part_already_read_parses_nothing_and_reads_the_same():
    data = part("w:styles", STYLES).encode()
    alone = folded(StyleSheet.from_part(data, Parser(), THEME))
    first, second = Parser(), Parser()
    assert folded(shared(data, first)) == alone
    assert first.sizes
    assert folded(shared(data, second)) == alone
    assert second.sizes == []
    assert alone[2].font == "Times New Roman" and alone[2].bold


def test_parts_that_differ_in_one_byte_never_share_what_they_fold():
    first = part("w:styles", STYLES).encode()
    second = first.replace(b"<w:b/>", b"<w:i/>")
    assert len(first) == len(second)
    assert shared(first, Parser()).run_base("Tieude1", None).bold
    parser = Parser()
    run = shared(second, parser).run_base("Tieude1", None)
    assert (run.bold, run.italic) == (None, True)
    assert parser.sizes


@pytest.mark.parametrize("other", ["theme", "settings"])
def test_another_theme_or_other_parse_settings_are_not_shared(other):
    data = part("w:styles", STYLES).encode()
    shared(data, Parser()).run_base("Tieude1", None)
    parser = Parser()
    if other == "theme":
        sheet = shared(data, parser, theme={"minor": "Arial"})
        assert sheet.run_base("Tieude1", None).font == "Arial"
    else:
        sheet = shared(data, parser, settings=NODE_LIMIT + 1)
        assert sheet.run_base("Tieude1", None).font == "Times New Roman"
    assert parser.sizes


def test_a_broken_style_is_reported_for_each_file_that_carries_it():
    data = part("w:styles", STYLES.replace("<w:b/></w:rPr>", "<w:b/></w:rPr")).encode()
    assert shared(data, Parser("a.docx")).paragraph_style("Normal").style_name == "Normal"
    for name in ("a.docx", "b.docx"):
        with pytest.raises(InputError) as raised:
            shared(data, Parser(name)).paragraph_style("Tieude1")
        assert f"Phần «word/styles.xml» của tệp «{name}» bị lỗi cấu trúc XML" in raised.value.vi


def test_the_kept_sheet_holds_no_style_a_document_parsed():
    data = part("w:styles", STYLES).encode()
    folded(shared(data, Parser()))
    [(_, kept)] = styles_module._SHARED_SHEETS._entries.values()
    assert kept._styles == {}


def test_folded_results_are_kept_up_to_a_bound(monkeypatch):
    monkeypatch.setattr(styles_module, "_FOLDED_KEPT", 3)
    sheet = shared(part("w:styles", STYLES).encode(), Parser())
    names = [sheet.paragraph_style(f"Unknown{number}").style_name for number in range(10)]
    assert names == [f"Unknown{number}" for number in range(10)]
    assert len(sheet._paragraph_cache) == 3


def test_results_with_long_texts_are_folded_again_rather_than_kept():
    long_name = "Tiêu đề " * 20
    data = part("w:styles", STYLES.replace("Tiêu đề 1", long_name)).encode()
    sheet = shared(data, Parser())
    assert sheet.paragraph_style("Tieude1").style_name == long_name
    assert sheet.paragraph_style("Tieude1").style_name == long_name
    sheet.paragraph_style("Normal")
    assert set(sheet._paragraph_cache) == {"Normal"}
