"""Annotated copy: one Word comment per finding, on the words it is about, in a copy that keeps
everything else of the report and opens cleanly (python-docx, sobaocao's reader, LibreOffice)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

import sobaocao
import sobaocao.annotate
from sobaocao.docx import reader as docx_reader
from sobaocao.annotate import annotate, annotated_path
from sobaocao.document import Location
from sobaocao.docx import read_document
from sobaocao.errors import ConfigError
from sobaocao.finding import CheckResult, Finding, Severity
from sobaocao.i18n import L
from tests.fixtures import ooxml, reports
from tests.fixtures.commented import by_first_line, comment_paragraphs, commented_text, comments, convert_to_pdf, needs_libreoffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SCHEMA = "cv630-ct07"
# Parts the annotation may change; every other part must be copied byte for byte.
EDITED_PARTS = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}


def annotated(data: bytes, tmp_path: Path, result: CheckResult | None = None, lang="vi") -> Path:
    result = result or sobaocao.check(data, schema=SCHEMA)
    return annotate(data, result, tmp_path / "copy.docx", lang=lang)


# --- where the comments go --------------------------------------------------------------------


def test_out_of_period_sentences_carry_their_comment(tmp_path):
    fixture = reports.with_out_of_period()
    result = sobaocao.check(fixture.docx, schema=SCHEMA)
    path = annotated(fixture.docx, tmp_path, result)
    anchored = by_first_line(path)
    assert anchored == {
        f"[{finding.rule}] {finding.message.vi}": finding.excerpt for finding in result.findings
    }
    assert sorted(anchored.values()) == sorted(expected.sentence for expected in fixture.expected)


def test_the_report_is_opened_and_checked_once_for_its_copy(monkeypatch, tmp_path):
    data = reports.without("1.1.2")
    result = sobaocao.check(data, schema=SCHEMA)
    opened = []
    real_open = sobaocao.annotate.open_package
    monkeypatch.setattr(sobaocao.annotate, "open_package", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    monkeypatch.setattr(docx_reader, "open_report_package", lambda *a, **k: pytest.fail("opened a second time"))
    assert len(comments(annotated(data, tmp_path, result))) == 1
    assert len(opened) == 1


def test_comment_author_initials_message_and_hint(tmp_path):
    data = reports.without("1.1.2")
    result = sobaocao.check(data, schema=SCHEMA)
    (finding,) = result.findings
    for lang, lead in (("vi", "Cách sửa: "), ("en", "What to do: ")):
        (comment,) = comments(annotated(data, tmp_path, result, lang=lang))
        assert comment.get(f"{W}author") == "sobaocao"
        assert comment.get(f"{W}initials") == "SBC"
        assert comment_paragraphs(comment) == [
            f"[missing-item] {finding.message.text(lang)}",
            lead + finding.hint.text(lang),
        ]


def test_missing_item_is_commented_at_the_heading_of_the_section_before_it(tmp_path):
    anchored = commented_text(annotated(reports.without("1.1.2"), tmp_path))
    assert list(anchored.values()) == ["1. Công tác lãnh đạo, chỉ đạo việc quán triệt, triển khai thực hiện Chỉ thị"]


def test_missing_part_is_commented_after_the_last_section_found_before_it(tmp_path):
    result = sobaocao.check(reports.without("1.3"), schema=SCHEMA)
    assert [f.rule for f in result.findings] == ["missing-section"]
    assert list(commented_text(annotated(reports.without("1.3"), tmp_path, result)).values()) == [
        "d) Bài học kinh nghiệm"
    ]


def test_missing_first_part_is_commented_at_the_title(tmp_path):
    result = sobaocao.check(reports.without("1.1"), schema=SCHEMA)
    assert [f.rule for f in result.findings] == ["missing-section"]
    anchored = commented_text(annotated(reports.without("1.1"), tmp_path, result))
    assert list(anchored.values()) == [reports.REPORT_TITLE]


def test_file_wide_finding_is_commented_at_the_title(tmp_path):
    result = sobaocao.check(reports.with_tracked_changes(), schema=SCHEMA)
    assert [f.rule for f in result.findings] == ["tracked-changes"]
    assert list(commented_text(annotated(reports.with_tracked_changes(), tmp_path, result)).values()) == [
        reports.REPORT_TITLE
    ]


# A paragraph in three runs (plain, bold, plain), its Vietnamese text decomposed (NFD) as some
# converters write it; the finding quotes the NFC words that straddle the bold run.
_PLAIN, _BOLD, _TAIL = "Năm 2015, chi bộ ", "đã tổ chức 12 hội nghị", " quán triệt cho đảng viên."
_QUOTED = "chi bộ đã tổ chức 12"


def _three_run_report() -> bytes:
    def run(text: str, rpr: str = "") -> str:
        text = unicodedata.normalize("NFD", text)
        return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'

    body = ooxml.p("BÁO CÁO") + f"<w:p>{run(_PLAIN)}{run(_BOLD, '<w:b/>')}{run(_TAIL)}</w:p>"
    return ooxml.package(body)


def _result_quoting(block: int, excerpt: str | None, rule="out-of-period") -> CheckResult:
    finding = Finding(
        rule=rule,
        severity=Severity.warning,
        message=L("Ngoài kỳ báo cáo.", "Outside the period."),
        location=Location(block=block),
        excerpt=excerpt,
    )
    return CheckResult(file="x.docx", findings=[finding], status="findings")


def test_quoted_words_inside_a_paragraph_are_cut_out_of_its_runs_keeping_their_formatting(tmp_path):
    data = _three_run_report()
    path = annotate(data, _result_quoting(1, _QUOTED), tmp_path / "copy.docx")
    (anchored,) = commented_text(path).values()
    assert unicodedata.normalize("NFC", anchored) == _QUOTED
    paragraph = docx.Document(str(path)).paragraphs[1]
    runs = [(unicodedata.normalize("NFC", run.text), bool(run.bold)) for run in paragraph.runs]
    assert runs == [
        ("Năm 2015, ", False), ("chi bộ ", False), ("đã tổ chức 12", True),
        ("", False),  # the comment mark, right after the commented words
        (" hội nghị", True), (" quán triệt cho đảng viên.", False),
    ]


def test_words_not_found_in_the_paragraph_comment_the_whole_paragraph(tmp_path):
    path = annotate(_three_run_report(), _result_quoting(1, "không có trong đoạn"), tmp_path / "copy.docx")
    (anchored,) = commented_text(path).values()
    assert unicodedata.normalize("NFC", anchored) == _PLAIN + _BOLD + _TAIL


def test_existing_comments_are_kept_and_new_ids_do_not_clash(tmp_path):
    old = '<w:comment w:id="7" w:author="Văn phòng"><w:p><w:r><w:t>Xem lại số liệu</w:t></w:r></w:p></w:comment>'
    body = (
        ooxml.p("BÁO CÁO")
        + '<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>Đoạn có chú thích cũ.</w:t></w:r>'
        '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>'
    )
    data = ooxml.package(body, comments=old)
    path = annotate(data, _result_quoting(1, "chú thích cũ"), tmp_path / "copy.docx")
    assert [(c.get(f"{W}id"), c.get(f"{W}author")) for c in comments(path)] == [("7", "Văn phòng"), ("8", "sobaocao")]
    assert commented_text(path) == {"7": "Đoạn có chú thích cũ.", "8": "chú thích cũ"}


def test_words_in_a_text_box_are_commented_on_the_paragraph_that_holds_the_box(tmp_path):
    data = reports.header_in_textboxes()
    number = next(b for b in read_document(data).blocks if b.in_textbox and b.text.startswith("Số 15-BC/CB"))
    path = annotate(data, _result_quoting(number.index, "15-BC/CB", rule="document-number"), tmp_path / "copy.docx")
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    (start,) = root.iter(f"{W}commentRangeStart")
    holder = start.getparent()
    assert holder.getparent().tag == f"{W}body"
    assert len(list(holder.iter(f"{W}txbxContent"))) == 4  # two header boxes, each as DrawingML and VML
    assert [child.tag for child in holder][-2:] == [f"{W}commentRangeEnd", f"{W}r"]
    assert [(b.text, b.in_textbox) for b in read_document(path).blocks] == [
        (b.text, b.in_textbox) for b in read_document(data).blocks
    ]


# --- the copy keeps the report and opens cleanly ---------------------------------------------------


def test_original_file_is_never_touched(tmp_path):
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(reports.with_out_of_period().docx)
    os.utime(source, (1_600_000_000, 1_600_000_000))
    before = hashlib.sha256(source.read_bytes()).hexdigest(), source.stat().st_mtime_ns
    result = sobaocao.check(source, schema=SCHEMA)
    out = annotate(source, result, annotated_path(source, tmp_path / "out"))
    assert out == tmp_path / "out" / "bao-cao.sobaocao.docx"
    assert (hashlib.sha256(source.read_bytes()).hexdigest(), source.stat().st_mtime_ns) == before


def test_copies_of_files_in_sub_folders_keep_their_folders():
    assert annotated_path("bao-cao/huyen-a/bao-cao.docx", "ban-sao", root="bao-cao") == Path(
        "ban-sao/huyen-a/bao-cao.sobaocao.docx"
    )
    assert annotated_path("bao-cao/bao-cao.docx", "ban-sao", root="bao-cao") == Path("ban-sao/bao-cao.sobaocao.docx")
    assert annotated_path("/khac/bao-cao.docx", "ban-sao", root="bao-cao") == Path("ban-sao/bao-cao.sobaocao.docx")


def test_the_original_cannot_be_the_output(tmp_path):
    source = tmp_path / "bao-cao.docx"
    original = reports.complete()
    source.write_bytes(original)
    with pytest.raises(ConfigError) as raised:
        annotate(source, sobaocao.check(source, schema=SCHEMA), tmp_path / "." / "bao-cao.docx")
    assert "không bao giờ ghi đè tệp gốc" in raised.value.vi
    assert source.read_bytes() == original


VARIANTS = {
    "with_out_of_period": lambda: reports.with_out_of_period().docx,
    "without_1.2.2": lambda: reports.without("1.2.2"),
    "auto_numbered_without_1.3.1": lambda: reports.render(
        dataclasses.replace(reports.ct07_report(), body=reports._removing(reports.ct07_report().body, "1.3.1")),
        reports.Look(labels="auto"),
    ),
    "with_tracked_changes": reports.with_tracked_changes,
    "state_form": reports.state_form,
    "tcvn3": reports.tcvn3,
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_copy_reads_back_with_the_same_content_and_one_comment_per_finding(variant, tmp_path):
    data = VARIANTS[variant]()
    result = sobaocao.check(data, schema=SCHEMA)
    assert result.findings, "each variant must have something to comment"
    path = annotated(data, tmp_path, result)
    assert len(docx.Document(str(path)).comments) == len(result.findings)
    original, copy_ = read_document(data), read_document(path)
    assert [(b.kind, b.label, b.text) for b in copy_.blocks] == [(b.kind, b.label, b.text) for b in original.blocks]
    assert copy_.facts.comments == len(result.findings)


@pytest.mark.parametrize("variant", ["with_out_of_period", "tcvn3"])
def test_every_other_part_is_copied_byte_for_byte(variant, tmp_path):
    data = VARIANTS[variant]()
    path = annotated(data, tmp_path)
    before, after = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(path)
    assert set(after.namelist()) == set(before.namelist()) | {"word/comments.xml"}
    for name in before.namelist():
        if name not in EDITED_PARTS:
            assert after.read(name) == before.read(name), name


def test_a_clean_report_is_copied_unchanged(tmp_path):
    data = reports.complete()
    result = sobaocao.check(data, schema=SCHEMA)
    assert result.findings == []
    after = zipfile.ZipFile(annotated(data, tmp_path, result))
    before = zipfile.ZipFile(io.BytesIO(data))
    assert {name: after.read(name) for name in after.namelist()} == {n: before.read(n) for n in before.namelist()}


@needs_libreoffice
def test_libreoffice_converts_the_copy_to_pdf(tmp_path):
    path = annotated(reports.with_out_of_period().docx, tmp_path)
    assert convert_to_pdf(path, tmp_path).read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("key", reports.ct07_report().keys())
def test_each_missing_part_is_commented_once_on_a_heading_or_paragraph_of_the_report(key, tmp_path):
    data = reports.without(key)
    result = sobaocao.check(data, schema=SCHEMA)
    path = annotated(data, tmp_path, result)
    anchored = list(commented_text(path).values())
    document = read_document(data)
    shown = {block.text for block in document.blocks} | {block.display for block in document.blocks}
    assert len(anchored) == len(result.findings) >= 1
    assert all(text in shown for text in anchored)
    assert [b.text for b in read_document(path).blocks] == [b.text for b in document.blocks]


def test_checking_the_copy_finds_the_same_problems_and_the_comments(tmp_path):
    data = reports.with_out_of_period().docx
    result = sobaocao.check(data, schema=SCHEMA)
    again = sobaocao.check(annotated(data, tmp_path, result), schema=SCHEMA)
    assert [(f.rule, f.section, f.excerpt) for f in again.findings] == [
        ("comments-present", None, None), *((f.rule, f.section, f.excerpt) for f in result.findings)
    ]
    assert again.findings[0].message.vi == f"Tệp còn {len(result.findings)} chú thích (comment)."


def test_a_quoted_heading_with_word_numbering_is_found_without_its_label(tmp_path):
    data = reports.auto_numbered()
    heading = next(b for b in read_document(data).blocks if b.label == "2." and b.kind == "heading")
    assert heading.label_source == "auto"
    words = " ".join(heading.text.split()[:4])  # "Nhận thức của cấp": part of the heading only
    quoted = f"{heading.label} {words}"
    path = annotate(data, _result_quoting(heading.index, quoted, rule="section-order"), tmp_path / "c.docx")
    assert list(commented_text(path).values()) == [words]


def test_words_quoted_from_a_tcvn3_paragraph_are_found_in_its_legacy_runs(tmp_path):
    from sobaocao.vietnamese.legacy import from_unicode

    data = reports.tcvn3()
    block = next(b for b in read_document(data).blocks if b.text.startswith("Ngay sau khi nhận được Chỉ thị"))
    words = "nhận được Chỉ thị số 07-CT/TW"
    path = annotate(data, _result_quoting(block.index, words), tmp_path / "c.docx")
    (anchored,) = commented_text(path).values()
    assert anchored == from_unicode(words, "tcvn3") == "nhËn ®\xadîc ChØ thÞ sè 07-CT/TW"  # the stored codes
