"""Header lines are classified once per line and look (``parts._header_kind_of``): the look is
part of what is kept, so the same words in another look are classified again."""

from sobaocao.document import Block
from sobaocao.parts import _header_kind, _header_kind_of


def test_the_same_line_in_another_look_is_classified_again() -> None:
    assert _header_kind("báo cáo", Block(index=0, text="báo cáo", caps=True)) == "document_type"
    assert _header_kind("báo cáo", Block(index=0, text="báo cáo")) == "other"
    assert _header_kind("ĐẢNG BỘ TỈNH", Block(index=0, text="ĐẢNG BỘ TỈNH")) == "upper"
    assert _header_kind("ĐẢNG BỘ TỈNH", Block(index=0, text="ĐẢNG BỘ TỈNH", label="1.")) == "other"
    assert _header_kind_of.cache_info().currsize >= 4
