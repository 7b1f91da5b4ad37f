"""Results derived from a part's bytes are shared between files only when the bytes are the same."""

from __future__ import annotations

import io
import zipfile

import pytest

from sobaocao.docx.package import PartCache, open_package
from sobaocao.errors import InputError
from tests.fixtures import hostile
from tests.fixtures.ooxml import p, package


class Counting:
    """A derivation that says how often it really ran."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self, data: bytes):
        def derive():
            self.runs += 1
            return data.upper()

        return derive


def test_the_same_bytes_are_derived_once_and_different_bytes_never_share_a_result():
    cache, derive = PartCache(8, max_bytes=1024), Counting()
    first, second = b"<styles a='1'/>", b"<styles a='2'/>"
    assert cache.get(first, derive(first), keep=bool) == first.upper()
    assert cache.get(second, derive(second), keep=bool) == second.upper()
    assert cache.get(first, derive(first), keep=bool) == first.upper()
    assert derive.runs == 2


def test_parts_alike_at_both_ends_are_told_apart_by_their_middle():
    cache, derive = PartCache(8, max_bytes=1024), Counting()
    first = b"<styles>" + b"a" * 200 + b"</styles>"
    second = first[:100] + b"b" + first[101:]
    for data in (first, second, first, second):
        assert cache.get(data, derive(data), keep=bool) == data.upper()
    assert derive.runs == 4


def test_parts_larger_than_the_bound_are_derived_every_time():
    cache, derive = PartCache(8, max_bytes=10), Counting()
    for _ in range(2):
        cache.get(b"x" * 11, derive(b"x" * 11), keep=bool)
    assert derive.runs == 2


def test_what_else_a_result_depends_on_is_part_of_the_key():
    cache, derive = PartCache(8, max_bytes=1024), Counting()
    data = b"<Relationships/>"
    cache.get(data, derive(data), depends_on=("word", 10), keep=bool)
    cache.get(data, derive(data), depends_on=("word", 20), keep=bool)
    cache.get(data, derive(data), depends_on=("word", 10), keep=bool)
    assert derive.runs == 2


def test_the_least_recently_used_result_is_dropped_first():
    cache, derive = PartCache(2, max_bytes=1024), Counting()
    a, b, c = b"a", b"b", b"c"
    for data in (a, b, a, c):  # a is used again before c comes, so b goes
        cache.get(data, derive(data), keep=bool)
    assert derive.runs == 3
    cache.get(a, derive(a), keep=bool)
    assert derive.runs == 3
    cache.get(b, derive(b), keep=bool)
    assert derive.runs == 4


def test_results_too_large_to_keep_and_errors_are_derived_every_time():
    cache, derive = PartCache(8, max_bytes=1024), Counting()
    for _ in range(2):
        cache.get(b"x", derive(b"x"), keep=lambda result: False)
    assert derive.runs == 2

    def fail():
        derive.runs += 1
        raise InputError("hỏng", "broken")

    for _ in range(2):
        with pytest.raises(InputError):
            cache.get(b"y", fail, keep=bool)
    assert derive.runs == 4


def _with_document_rels(data: bytes, rels: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    entries["word/_rels/document.xml.rels"] = rels
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, payload in entries.items():
            target.writestr(name, payload)
    return buffer.getvalue()


def test_relationships_are_a_fresh_mapping_for_every_caller():
    data = package(p("x"), styles="", numbering="")
    first = open_package(data).relationships("word/document.xml")
    first.clear()
    assert len(open_package(data).relationships("word/document.xml")) == 2


def test_a_broken_relationships_part_names_each_file_that_carries_it():
    data = _with_document_rels(package(p("x")), b"<Relationships")
    for name in ("a.docx", "b.docx"):
        with pytest.raises(InputError) as raised:
            open_package(data, name=name).relationships("word/document.xml")
        assert f"Phần «word/_rels/document.xml.rels» của tệp «{name}»" in raised.value.vi


def test_parts_stored_alike_in_two_files_are_inflated_once():
    first = open_package(package(p("BÁO CÁO"), styles="", numbering="")).read("word/styles.xml")
    second = open_package(package(p("Báo cáo khác"), styles="", numbering="")).read("word/styles.xml")
    assert first is second


def _local_header_offset(data: bytes, part: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.getinfo(part).header_offset


@pytest.mark.parametrize("change", ["crc", "size", "local name"])
def test_a_remembered_part_is_refused_when_the_file_describes_it_otherwise(change):
    """The stored bytes are the same; what zipfile checks them against is not."""
    data = package(p("BÁO CÁO"))
    open_package(data).read("word/document.xml")  # remembered
    if change == "local name":
        name_at = _local_header_offset(data, "word/document.xml") + 30
        assert data[name_at : name_at + 17] == b"word/document.xml"
        damaged = data[:name_at] + b"word/documenx.xml" + data[name_at + 17 :]
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
        patch = {"crc": {"crc": info.CRC ^ 1}, "size": {"size": info.file_size - 1}}[change]
        damaged = hostile._patch_central(data, "word/document.xml", **patch)
    with pytest.raises(InputError) as raised:
        open_package(damaged, name="x.docx").read("word/document.xml")
    assert "không giải nén được phần «word/document.xml»" in raised.value.vi
