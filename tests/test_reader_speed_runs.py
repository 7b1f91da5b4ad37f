"""The quick scan of a paragraph's runs (``_text_runs``, for the markup Word writes most) gives
what the run pattern gives (``_plain_runs``), or hands the paragraph to it."""

from __future__ import annotations

import pytest

from sobaocao.docx import read_document
from sobaocao.docx import reader as reader_module

from .fixtures.ooxml import package

RPR = '<w:rPr><w:b/><w:sz w:val="28"/><w:lang w:val="vi-VN"/></w:rPr>'
SPELL = '<w:proofErr w:type="spellStart"/>'

QUICK = {
    "word runs": f'<w:r w:rsidRPr="00E9471C">{RPR}<w:t xml:space="preserve">Sơ </w:t></w:r>{SPELL}'
    f'<w:r w:rsidRPr="0081838D">{RPR}<w:t>kết</w:t></w:r><w:proofErr w:type="spellEnd"/>',
    "no properties": "<w:r><w:t>a</w:t></w:r><w:r><w:rPr/><w:t>b</w:t></w:r>",
    "empty text": f"<w:r>{RPR}<w:t></w:t></w:r><w:r><w:t>b</w:t></w:r>",
    "entities": "<w:r><w:t>a &amp; b &lt; c</w:t></w:r>",
    "bookmarks": '<w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>a</w:t></w:r><w:bookmarkEnd w:id="0"/>',
}
HANDED_ON = {
    "a literal >": "<w:r><w:t>a > b</w:t></w:r>",
    "two text elements": "<w:r><w:t>a</w:t><w:t>b</w:t></w:r>",
    "a tab": "<w:r><w:t>a</w:t></w:r><w:r><w:tab/></w:r>",
    "a tab before the text": "<w:r><w:tab/><w:t>a</w:t></w:r>",
    "a field": '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>a</w:t></w:r>',
    "a hyperlink": '<w:hyperlink r:id="rId1"><w:r><w:t>a</w:t></w:r></w:hyperlink>',
    "a formatting revision": '<w:r><w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr/></w:rPrChange></w:rPr><w:t>a</w:t></w:r>',
    "text with attributes": '<w:r><w:t xml:lang="vi">a</w:t></w:r>',
    "nothing after the last text but a run": "<w:r><w:t>a</w:t></w:r><w:r><w:rPr><w:b/></w:rPr></w:r>",
}


class _Reader:
    """What ``_text_runs`` needs of a reader: the heads it has matched."""

    def __init__(self) -> None:
        self._run_heads: dict[bytes, bytes] = {}


@pytest.mark.parametrize("name", sorted(QUICK))
def test_word_runs_scanned_quickly_give_what_the_run_pattern_gives(name):
    markup = QUICK[name].encode()
    quick = reader_module._BodyReader._text_runs(_Reader(), markup)
    assert quick is not None
    assert quick == reader_module._plain_runs(markup)


@pytest.mark.parametrize("name", sorted(HANDED_ON))
def test_other_runs_are_handed_to_the_run_pattern(name):
    assert reader_module._BodyReader._text_runs(_Reader(), HANDED_ON[name].encode()) is None


def test_a_head_matched_once_is_taken_for_no_other_head():
    reader = _Reader()
    bold = f"<w:r>{RPR}<w:t>a</w:t></w:r>".encode()
    italic = b"<w:r><w:rPr><w:i/></w:rPr><w:t>a</w:t></w:r>"
    assert reader_module._BodyReader._text_runs(reader, bold + italic + bold) == [
        (RPR[len("<w:rPr>") : -len("</w:rPr>")].encode(), b"a"),
        (b"<w:i/>", b"a"),
        (RPR[len("<w:rPr>") : -len("</w:rPr>")].encode(), b"a"),
    ]
    assert len(reader._run_heads) == 2


@pytest.mark.parametrize("name", sorted(QUICK) + sorted(HANDED_ON))
def test_paragraphs_of_either_kind_read_as_element_by_element(name, monkeypatch):
    markup = {**QUICK, **HANDED_ON}[name]
    data = package(f"<w:p><w:r><w:t>Mở đầu.</w:t></w:r></w:p><w:p>{markup}</w:p><w:p><w:r><w:t>Kết.</w:t></w:r></w:p>")
    from_markup = read_document(data, name="t.docx")
    monkeypatch.setattr(reader_module._Markup, "of", classmethod(lambda cls, *tree_and_markup: None))
    assert from_markup.model_dump() == read_document(data, name="t.docx").model_dump()
