"""What the caches of parts keep, and that reports never share what differs between them."""

from __future__ import annotations

from sobaocao.docx.package import open_package
from tests.fixtures.ooxml import p, package


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
