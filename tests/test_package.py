"""Safe opening of .docx packages: every hostile or broken input gets its own typed, bilingual
refusal, valid packages open, and the input file is never written."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tracemalloc
import warnings
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sobaocao.docx import read_document
from sobaocao.docx.package import Limits, open_package
from sobaocao.errors import InputError, SobaocaoError, UnsafeInputError
from tests.fixtures import hostile
from tests.fixtures.ooxml import p, package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def fixture_bytes(case: str) -> bytes:
    return hostile.HOSTILE[case]()


def texts_of(opened) -> list[str]:
    return [t.text for t in opened.xml(opened.main_part).iter(f"{W}t")]


def refusal(case: str) -> SobaocaoError:
    """Open the case and parse every XML part, as a reader would; return the error raised."""
    with pytest.raises(SobaocaoError) as caught:
        opened = open_package(fixture_bytes(case), name=f"{case}.docx")
        for part in opened.parts:
            if part.endswith((".xml", ".rels")):
                opened.xml(part)
    return caught.value


# case -> (exception type, limit name or None, Vietnamese phrase, English phrase)
REFUSALS = {
    "not_a_zip": (InputError, None, "không nhận ra được định dạng", "format is not recognised"),
    "empty": (InputError, None, "rỗng (0 byte)", "is empty (0 bytes)"),
    "plain_text": (InputError, None, "văn bản thuần (plain text)", "is plain text renamed to .docx"),
    "pdf_renamed": (InputError, None, "là tệp PDF được đổi tên", "is a PDF renamed to .docx"),
    "rtf_renamed": (InputError, None, "là tệp RTF", "is an RTF file"),
    "html_renamed": (InputError, None, "trang web (HTML)", "is a web page (HTML)"),
    "truncated_zip": (InputError, None, "chưa được tải về hết", "was not downloaded completely"),
    "password_protected": (InputError, None, "Bảo vệ Tài liệu (Protect Document)", "File > Info > Protect Document"),
    "legacy_doc": (InputError, None, "Word 97-2003 (.doc)", "legacy Word 97-2003 document (.doc)"),
    "odt_renamed": (InputError, None, "OpenDocument (.odt", "OpenDocument text (.odt"),
    "excel_renamed": (InputError, None, "là bảng tính Excel", "is an Excel workbook"),
    "plain_zip": (InputError, None, "là tệp nén (zip)", "is a zip archive, not a Word document"),
    "missing_document": (InputError, None, "thiếu phần nội dung chính (word/document.xml)", "has no main document part (word/document.xml)"),
    "zip_bomb": (UnsafeInputError, "max_ratio", "bom nén", "zip bomb"),
    "overlapping_entries": (UnsafeInputError, "overlapping_entries", "dùng chung dữ liệu với «word/document.xml»", "shares its data with 'word/document.xml'"),
    "many_entries": (UnsafeInputError, "max_entries", "chứa 5004 thành phần, vượt giới hạn 1000", "holds 5004 entries, over the limit of 1000"),
    "directory_flood": (UnsafeInputError, "max_entries", "chứa 300000 thành phần", "holds 300000 entries"),
    "duplicate_names": (UnsafeInputError, "duplicate_entries", "hai thành phần cùng tên «word/document.xml»", "two entries named 'word/document.xml'"),
    "encrypted_entry": (UnsafeInputError, "encrypted_entries", "mã hóa bằng mật khẩu zip", "encrypted with a zip password"),
    "unsupported_compression": (UnsafeInputError, "compression_method", "kiểu nén không được hỗ trợ (mã 12)", "unsupported compression method (12)"),
    "huge_document_declared": (UnsafeInputError, "max_entry_bytes", "khai báo 100.0 MB, giới hạn 64.0 MB", "declared 100.0 MB, limit 64.0 MB"),
    "lying_size": (InputError, None, "không giải nén được phần «word/document.xml»", "part 'word/document.xml' cannot be inflated"),
    "billion_laughs": (UnsafeInputError, "doctype", "khai báo DOCTYPE", "DOCTYPE declaration"),
    "external_entity": (UnsafeInputError, "doctype", "khai báo DOCTYPE", "DOCTYPE declaration"),
    "doctype": (UnsafeInputError, "doctype", "khai báo DOCTYPE", "DOCTYPE declaration"),
    "malformed_numbering": (InputError, None, "Phần «word/numbering.xml»", "Part 'word/numbering.xml'"),
    "malformed_document": (InputError, None, "Phần «word/document.xml»", "Part 'word/document.xml'"),
    "nested_tables": (UnsafeInputError, "xml_depth", "lồng nhau quá sâu (hơn 256 tầng", "nested too deeply (over 256 levels"),
    "node_flood": (UnsafeInputError, "max_xml_nodes", "quá nhiều thành phần XML (khoảng 1100", "too many XML nodes (about 1100"),
    "long_text_node": (UnsafeInputError, "xml_text_node", "quá dài (hơn 10 triệu byte)", "too long (over 10 million bytes)"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_each_bad_input_gets_its_own_typed_bilingual_message(case):
    error_type, limit, vi_phrase, en_phrase = REFUSALS[case]
    error = refusal(case)
    assert type(error) is error_type
    assert getattr(error, "limit", None) == limit
    assert vi_phrase in error.vi
    assert en_phrase in error.en
    assert f"«{case}.docx»" in error.vi and f"'{case}.docx'" in error.en


def test_every_listed_fixture_is_either_refused_or_known_to_open():
    assert set(hostile.HOSTILE) == set(REFUSALS) | {"missing_styles", "long_paragraph"}


@pytest.mark.parametrize(
    ("case", "value", "allowed"),
    [
        ("zip_bomb", 1011.3, 100.0),
        ("many_entries", 5004, 1000),
        ("huge_document_declared", 100 * 2**20, 64 * 2**20),
        ("unsupported_compression", zipfile.ZIP_BZIP2, ["deflate", "stored"]),
        ("duplicate_names", "word/document.xml", None),
        ("nested_tables", ">256", 256),
    ],
)
def test_refusals_report_the_measured_value_and_the_bound(case, value, allowed):
    error = refusal(case)
    assert (error.value, error.allowed) == (value, allowed)


def test_a_valid_package_opens_with_its_parts_and_main_document():
    opened = open_package(hostile.valid(), name="bao-cao.docx")
    assert opened.name == "bao-cao.docx"
    assert opened.main_part == "word/document.xml"
    assert sorted(opened.parts) == ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml"]
    assert texts_of(opened) == ["BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022"]


def test_missing_styles_opens_and_the_optional_part_is_simply_absent():
    opened = open_package(fixture_bytes("missing_styles"))
    assert opened.has("word/styles.xml") is False
    assert opened.xml("word/styles.xml") is None
    assert texts_of(opened) == ["BÁO CÁO", "I. Kết quả"]


def test_malformed_numbering_does_not_stop_opening_only_its_own_parse():
    opened = open_package(fixture_bytes("malformed_numbering"), name="x.docx")
    assert opened.xml("word/document.xml") is not None
    with pytest.raises(InputError) as caught:
        opened.xml("word/numbering.xml")
    assert "dòng 2, cột " in caught.value.vi and "line 2, column " in caught.value.en


def test_a_paragraph_of_five_million_characters_is_read_whole():
    """Choice: read, not refuse. 5 M characters (about 6.5 MB of UTF-8) is within the parser's
    10 MB text-node bound and the memory bound; only a longer single run is refused
    (``long_text_node``)."""
    opened = open_package(fixture_bytes("long_paragraph"))
    (text,) = texts_of(opened)
    assert len(text) == 5_000_000


def test_the_main_part_is_found_through_the_package_relationships():
    data = package(p("x"))
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    entries["word/main.xml"] = entries.pop("word/document.xml")
    entries["_rels/.rels"] = entries["_rels/.rels"].replace(b'Target="word/document.xml"', b'Target="/word/main.xml"')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, payload in entries.items():
            target.writestr(name, payload)
    opened = open_package(buffer.getvalue())
    assert opened.main_part == "word/main.xml"
    assert opened.xml(opened.main_part).tag == f"{W}document"


def test_part_relationships_resolve_to_part_names():
    opened = open_package(package(p("x"), styles="", numbering=""))
    rels = opened.relationships("word/document.xml")
    assert sorted(target for _, target in rels.values()) == ["word/numbering.xml", "word/styles.xml"]


def test_limits_are_per_call():
    data = hostile.valid()
    with pytest.raises(UnsafeInputError) as caught:
        open_package(data, Limits(max_entries=3))
    assert (caught.value.limit, caught.value.value, caught.value.allowed) == ("max_entries", 4, 3)
    assert open_package(data).main_part == "word/document.xml"  # the default is untouched


def test_input_size_is_checked_before_anything_else(tmp_path):
    path = tmp_path / "big.docx"
    path.write_bytes(b"\0" * 2048)
    with pytest.raises(UnsafeInputError) as caught:
        open_package(path, Limits(max_file_bytes=1024))
    assert (caught.value.limit, caught.value.value, caught.value.allowed) == ("max_file_bytes", 2048, 1024)
    assert "quá lớn" in caught.value.vi and "too large" in caught.value.en


def test_declared_total_size_is_bounded():
    with pytest.raises(UnsafeInputError) as caught:
        open_package(hostile.valid(), Limits(max_total_bytes=1000))
    assert caught.value.limit == "max_total_bytes"
    assert caught.value.allowed == 1000


def test_reading_stops_at_the_cap_even_if_the_directory_were_not_honoured():
    """zipfile stops inflating at the declared size (a lie shows up as damage, see
    ``lying_size``); the cap while streaming holds even without relying on that."""
    opened = open_package(fixture_bytes("lying_size"), Limits(max_entry_bytes=2**20))
    opened._entry("word/document.xml").file_size = 8 * 2**20  # what a trusting reader would believe
    with pytest.raises(UnsafeInputError) as caught:
        opened.read("word/document.xml")
    assert caught.value.limit == "max_entry_bytes"
    assert 2**20 < caught.value.value <= 2**20 + 64 * 1024
    assert "thực tế" in caught.value.vi and "actual" in caught.value.en


def test_missing_file_and_folder_give_input_errors(tmp_path):
    with pytest.raises(InputError) as missing:
        open_package(tmp_path / "khong-co.docx")
    assert "Không tìm thấy tệp" in missing.value.vi and "was not found" in missing.value.en
    with pytest.raises(InputError) as folder:
        open_package(tmp_path)
    assert "là một thư mục" in folder.value.vi and "is a folder" in folder.value.en


def test_a_folder_is_named_a_folder_also_where_opening_it_is_refused_as_a_permission(tmp_path, monkeypatch):
    """Windows refuses to open a folder with a permission error, not IsADirectoryError."""

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as folder:
        open_package(tmp_path)
    assert folder.value.vi == f"«{tmp_path}» là một thư mục, không phải tệp Word. Hãy chọn tệp .docx bên trong thư mục."
    assert folder.value.en == f"'{tmp_path}' is a folder, not a Word file. Choose a .docx file inside it."


def test_reading_an_absent_part_is_an_input_error():
    with pytest.raises(InputError) as caught:
        open_package(hostile.valid(), name="a.docx").read("word/numbering.xml")
    assert "thiếu phần «word/numbering.xml»" in caught.value.vi


def test_part_names_are_matched_without_regard_to_case():
    opened = open_package(hostile.valid())
    assert opened.has("/WORD/Document.xml")


@pytest.mark.parametrize("case", sorted(hostile.HOSTILE))
def test_inputs_are_never_written(case, tmp_path):
    path = tmp_path / f"{case}.docx"
    path.write_bytes(fixture_bytes(case))
    path.chmod(0o444)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_size)
    try:
        opened = open_package(path)
        for part in opened.parts:
            opened.read(part)
    except SobaocaoError:
        pass
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_size)
    assert after == before
    assert sorted(item.name for item in tmp_path.iterdir()) == [path.name]


WORST_CASES = ["directory_flood", "node_flood", "zip_bomb", "many_entries", "lying_size", "long_paragraph", "long_text_node", "nested_tables"]


def _open_everything(data: bytes) -> None:
    try:
        opened = open_package(data)
        for part in opened.parts:
            if part.endswith((".xml", ".rels")):
                opened.xml(part)
    except SobaocaoError:
        pass


def test_python_heap_stays_modest_on_the_worst_cases():
    datas = [fixture_bytes(case) for case in WORST_CASES]
    tracemalloc.start()
    try:
        for data in datas:
            _open_everything(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 300 * 2**20


def test_whole_process_memory_stays_modest_on_the_worst_cases(tmp_path):
    """tracemalloc cannot see libxml2's own allocations, so the process's peak resident size
    is measured too, in a fresh interpreter that only opens the worst cases."""
    paths = []
    for case in WORST_CASES:
        path = tmp_path / f"{case}.docx"
        path.write_bytes(fixture_bytes(case))
        paths.append(str(path))
    script = (
        "import json, resource, sys\n"
        "from sobaocao.docx.package import open_package\n"
        "from sobaocao.errors import SobaocaoError\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    try:\n"
        "        opened = open_package(path)\n"
        "        for part in opened.parts:\n"
        "            opened.xml(part) if part.endswith(('.xml', '.rels')) else opened.read(part)\n"
        "    except SobaocaoError:\n"
        "        pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, json.dumps(paths)], capture_output=True, text=True, check=True)
    peak_kib = int(result.stdout.strip())
    assert peak_kib < 300 * 1024


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_bytes_raise_only_our_own_errors(data):
    original = bytearray(package(p("BÁO CÁO") + p("I. Kết quả"), numbering="", styles=""))
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(original) - 1))
        original[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 2, len(original)))
    _open_everything(bytes(original[:cut]))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.data())
def test_structurally_damaged_packages_raise_only_our_own_errors(data):
    """Parts dropped, renamed or replaced by arbitrary bytes, as a broken tool might write them."""
    with zipfile.ZipFile(io.BytesIO(package(p("BÁO CÁO"), numbering="", styles=""))) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    damaged = []
    for filename, payload in entries:
        action = data.draw(st.sampled_from(["keep", "keep", "drop", "rename", "replace", "truncate"]))
        if action == "rename":
            filename = data.draw(st.sampled_from(["word/document.xml", "WORD/DOCUMENT.XML", "_rels/.rels", "x/../y.xml"]))
        elif action == "replace":
            payload = data.draw(st.binary(max_size=200))
        elif action == "truncate":
            payload = payload[: data.draw(st.integers(0, len(payload)))]
        if action != "drop":
            damaged.append((filename, payload))
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for filename, payload in damaged:
                target.writestr(filename, payload)
    _open_everything(buffer.getvalue())


def test_a_package_written_by_python_docx_opens_and_every_part_parses():
    import docx

    document = docx.Document()
    document.add_heading("BÁO CÁO", level=1)
    document.add_paragraph("Sơ kết 6 tháng đầu năm 2022")
    buffer = io.BytesIO()
    document.save(buffer)
    opened = open_package(buffer.getvalue(), name="python-docx.docx")
    assert opened.main_part == "word/document.xml"
    parsed = [part for part in opened.parts if part.endswith((".xml", ".rels")) and opened.xml(part) is not None]
    assert len(parsed) == len([part for part in opened.parts if part.endswith((".xml", ".rels"))]) >= 10
    assert texts_of(opened) == ["BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022"]


def test_entries_followed_by_data_descriptors_are_not_mistaken_for_overlap():
    """Tools that write to a pipe put each entry's sizes after its data (flag bit 3)."""

    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.written = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, chunk) -> int:
            self.written += chunk
            return len(chunk)

    pipe = Pipe()
    with zipfile.ZipFile(io.BytesIO(hostile.valid())) as source, zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    data = bytes(pipe.written)
    assert {info.flag_bits & 0x8 for info in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {0x8}
    assert texts_of(open_package(data)) == ["BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022"]


def test_a_pipe_is_refused_without_blocking(tmp_path):
    import os

    pipe = tmp_path / "ong.docx"
    os.mkfifo(pipe)
    with pytest.raises(InputError) as caught:
        open_package(pipe)
    assert "không phải là một tệp thông thường" in caught.value.message("vi")
    assert "not a regular file" in caught.value.message("en")


def test_an_empty_main_document_target_falls_back_to_the_usual_part():
    data = package(p("Nội dung báo cáo"))
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info, content in entries:
            if info.filename == "_rels/.rels":
                content = content.replace(b'Target="word/document.xml"', b'Target=""')
                assert b'Target=""' in content
            target.writestr(info, content)
    assert [b.text for b in read_document(buffer.getvalue()).blocks] == ["Nội dung báo cáo"]
