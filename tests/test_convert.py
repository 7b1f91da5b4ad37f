"""Legacy .doc reports: converted through LibreOffice when it is installed, otherwise refused
with a message saying how to convert them. The LibreOffice cases skip cleanly without it."""

from __future__ import annotations

import hashlib
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sobaocao.docx import convert
from sobaocao.docx.convert import convert_to_docx, find_soffice, open_report_package
from sobaocao.errors import InputError
from tests.fixtures import hostile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def texts(package) -> list[str]:
    return [t.text for t in package.xml(package.main_part).iter(f"{W}t")]


def fake_soffice(tmp_path: Path, body: str) -> str:
    """A stand-in for soffice, to exercise the time limit and failures without LibreOffice."""
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\nPATH=/usr/bin:/bin\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.fixture(scope="module")
def real_doc(tmp_path_factory) -> bytes:
    """A genuine Word 97-2003 file, made from the valid fixture by LibreOffice itself."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("doc")
    (folder / "report.docx").write_bytes(hostile.valid())
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(folder), str(folder / "report.docx")],
        check=True, capture_output=True, timeout=180,
    )
    return (folder / "report.doc").read_bytes()


def test_a_docx_is_opened_as_it_is_without_a_note():
    package, note = open_report_package(hostile.valid(), name="a.docx")
    assert note is None
    assert texts(package) == ["BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022"]


def test_without_libreoffice_a_legacy_doc_is_refused_with_how_to_convert(monkeypatch):
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    with pytest.raises(InputError) as caught:
        open_report_package(hostile.legacy_doc(), name="cu.doc")
    assert "là tài liệu Word 97-2003 (.doc)" in caught.value.vi and "Lưu thành (Save As)" in caught.value.vi
    assert "cài LibreOffice thì sobaocao tự chuyển" in caught.value.vi
    assert "Where LibreOffice is installed" in caught.value.en


def test_other_non_docx_inputs_are_not_sent_to_libreoffice(monkeypatch):
    monkeypatch.setattr(convert, "find_soffice", lambda: pytest.fail("LibreOffice must not be looked for"))
    with pytest.raises(InputError) as caught:
        open_report_package(hostile.password_protected(), name="mk.docx")
    assert "đặt mật khẩu" in caught.value.vi


def test_a_conversion_that_hangs_is_stopped_at_the_time_limit(tmp_path):
    soffice = fake_soffice(tmp_path, "sleep 30")
    with pytest.raises(InputError) as caught:
        convert_to_docx(hostile.legacy_doc(), name="treo.doc", soffice=soffice, timeout=1)
    assert "LibreOffice chạy quá 1 giây" in caught.value.vi
    assert "LibreOffice ran longer than 1 s" in caught.value.en


def test_a_conversion_without_output_is_an_input_error(tmp_path):
    soffice = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 0")
    with pytest.raises(InputError) as caught:
        convert_to_docx(hostile.legacy_doc(), name="hong.doc", soffice=soffice)
    assert "LibreOffice không chuyển được tệp «hong.doc»" in caught.value.vi
    assert "LibreOffice could not convert 'hong.doc'" in caught.value.en


def test_a_missing_converter_program_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as caught:
        convert_to_docx(hostile.legacy_doc(), name="x.doc", soffice=str(tmp_path / "no-soffice"))
    assert "Không chạy được LibreOffice" in caught.value.vi


@needs_soffice
def test_a_legacy_doc_is_converted_with_a_note_and_left_untouched(real_doc, tmp_path):
    path = tmp_path / "bao-cao.doc"
    path.write_bytes(real_doc)
    path.chmod(0o444)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    package, note = open_report_package(path)
    assert texts(package) == ["BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022"]
    assert package.name == "bao-cao.doc"
    assert "đã tự chuyển sang .docx bằng LibreOffice" in note.vi
    assert "converted it to .docx with LibreOffice" in note.en
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert sorted(item.name for item in tmp_path.iterdir()) == ["bao-cao.doc"]


@needs_soffice
def test_concurrent_conversions_each_succeed(real_doc):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda i: open_report_package(real_doc, name=f"{i}.doc"), range(2)))
    assert [texts(package) for package, _ in results] == [["BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022"]] * 2


@needs_soffice
def test_a_converted_doc_that_fits_no_schema_keeps_its_note_beside_the_error(real_doc, tmp_path):
    from sobaocao.batch import check_one
    from sobaocao.render.text import render_file

    path = tmp_path / "bao-cao.doc"
    path.write_bytes(real_doc)
    result = check_one(path, None, None, None)  # a six-month report: no built-in schema fits it
    assert result.status == "error" and result.error.kind == "no-schema"
    assert [note.en.startswith(f"File '{path}' is a Word 97-2003 document (.doc)") for note in result.notes] == [True]
    shown = render_file(result, "vi")
    assert "Không xác định được báo cáo này trả lời công văn nào" in shown
    assert "đã tự chuyển sang .docx bằng LibreOffice" in shown
