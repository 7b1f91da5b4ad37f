"""Property tests of the whole ``check()``: a damaged report gives a result or sobaocao's own error.

The package layer has its own property tests on tiny packages; these start from realistic
reports, so that damage reaches the reader, the header and closing parser, the section matcher
and the rules. Whatever hypothesis does to the bytes or the XML tree, ``check()`` either returns
a ``CheckResult`` or raises a ``SobaocaoError`` subclass carrying both languages; a ``KeyError``,
``IndexError``, ``ValueError``, ``lxml`` or ``zipfile`` exception escaping is a bug.
"""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from sobaocao import check
from sobaocao.errors import SobaocaoError
from sobaocao.finding import CheckResult
from sobaocao.registry import resolve_schema
from tests.fixtures import reports

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-chi-bo-so-ke-hoach.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BOUNDED = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# Characters XML 1.0 can hold (no surrogates, no C0 controls but tab and newline, no U+FFFE/F).
xml_characters = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"
).filter(lambda c: c in "\t\n" or ord(c) >= 0x20)
# Fragments that steer random text towards what the parsers look for: labels, dates, symbols.
report_words = st.sampled_from([
    "I. ", "II.", "1.", "1.1.", "a)", "đ)", "- ", "+ ", "Phần thứ nhất", "BÁO CÁO", "Số 15-BC/CB", "Số:   /BC-UBND",
    "ngày 15 tháng 7 năm 2022", "năm 2016", "đến nay", "Từ năm 2016 đến năm 2022", "quý I/2022", "6 tháng đầu năm",
    "Nơi nhận:", "T/M CHI BỘ", "BÍ THƯ", "Chỉ thị số 07-CT/TW", "\t", "   ", "Yên Bái,", "1.000", "V/v", "I-ốt",
    "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "*", "tháng 13", "ngày 31/02/2022", "31/12/9999",
])
run_texts = st.lists(st.one_of(report_words, st.text(xml_characters, max_size=30)), max_size=6).map("".join)


@functools.cache
def schema():
    return resolve_schema("cv630-ct07")


# Starting points: the committed example and fixture variants that take other paths through the
# reader (Word's numbering, TCVN3 runs, header in text boxes, revisions, the state form).
BASES = {
    "example": EXAMPLE.read_bytes,
    "auto_numbered": reports.auto_numbered,
    "tcvn3": reports.tcvn3,
    "header_in_textboxes": reports.header_in_textboxes,
    "with_tracked_changes": reports.with_tracked_changes,
    "state_form": reports.state_form,
}
bases = st.sampled_from(sorted(BASES))


@functools.cache
def base(name: str) -> bytes:
    return BASES[name]()


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def repack(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def with_part(data: bytes, name: str, payload: bytes) -> bytes:
    return repack({**entries(data), name: payload})


def check_or_refuse(data: bytes) -> CheckResult | SobaocaoError:
    """The property itself: a result, or one of our errors with a message in both languages."""
    try:
        result = check(data, schema=schema(), name="dot-bien.docx")
    except SobaocaoError as exc:
        assert exc.message("vi").strip() and exc.message("en").strip()
        return exc
    assert isinstance(result, CheckResult)
    assert result.status in ("ok", "findings")
    assert result.file == "dot-bien.docx"
    return result


def mutate_tree(root: etree._Element, operations: list[tuple[str, int, int]], scope: str) -> None:
    """Drop, duplicate, move or swap elements below ``scope`` (picked by position modulo count)."""
    for operation, first, second in operations:
        container = root.find(f".//{{{W}}}{scope}") if scope != "root" else root
        if container is None:
            return
        elements = list(container.iter())[1:]
        if not elements:
            return
        element = elements[first % len(elements)]
        parent = element.getparent()
        if operation == "drop":
            parent.remove(element)
        elif operation == "duplicate":
            element.addnext(copy.deepcopy(element))
        elif operation == "move":
            targets = [e for e in elements if e is not element and element not in e.iterancestors()]
            if targets:
                parent.remove(element)
                targets[second % len(targets)].append(element)
        elif operation == "swap":
            low, high = sorted((parent.index(element), second % len(parent)))
            earlier, later = parent[low], parent[high]
            later.addprevious(earlier)
            parent.insert(low, later)


tree_operations = st.lists(
    st.tuples(st.sampled_from(["drop", "duplicate", "move", "swap"]), st.integers(0, 10**6), st.integers(0, 10**6)),
    min_size=1,
    max_size=6,
)


@BOUNDED
@given(st.data())
def test_bytes_flipped_anywhere_in_the_file(data):
    damaged = bytearray(base(data.draw(bases, label="base")))
    for _ in range(data.draw(st.integers(1, 6), label="flips")):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    check_or_refuse(bytes(damaged))


@BOUNDED
@given(st.data())
def test_bytes_flipped_inside_the_inflated_document_part(data):
    """Damage under a valid zip layer, so it reaches the XML parser and the reader."""
    original = base(data.draw(bases, label="base"))
    document = bytearray(entries(original)["word/document.xml"])
    for _ in range(data.draw(st.integers(1, 6), label="flips")):
        document[data.draw(st.integers(0, len(document) - 1))] = data.draw(st.integers(0, 255))
    check_or_refuse(with_part(original, "word/document.xml", bytes(document)))


@BOUNDED
@given(bases, tree_operations, st.sampled_from(["body", "tbl", "p", "txbxContent"]), st.booleans())
def test_document_elements_dropped_duplicated_moved_or_swapped(name, operations, scope, choose_schema):
    root = etree.fromstring(entries(base(name))["word/document.xml"])
    mutate_tree(root, operations, scope)
    damaged = with_part(base(name), "word/document.xml", etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    if choose_schema:
        check_or_refuse(damaged)
    else:  # the schema is picked from the damaged report itself
        try:
            result = check(damaged, name="dot-bien.docx")
        except SobaocaoError:
            return
        assert isinstance(result, CheckResult)


numbering_values = st.one_of(
    st.integers(-(2**40), 2**40).map(str),
    st.sampled_from(["", "decimal", "upperRoman", "lowerLetter", "bullet", "none", "%1.%2.%3", "%9", "%0", "%"]),
    st.text(xml_characters, max_size=12),
)


@BOUNDED
@given(tree_operations, st.lists(st.tuples(st.integers(0, 10**6), numbering_values), max_size=6))
def test_numbering_definitions_corrupted(operations, new_values):
    """Word's automatic labels come from numbering.xml: levels dropped or duplicated, numIds,
    starts, formats and level texts replaced by anything."""
    numbering = etree.fromstring(entries(base("auto_numbered"))["word/numbering.xml"])
    mutate_tree(numbering, operations, "root")
    valued = [e for e in numbering.iter() if e.get(f"{{{W}}}val") is not None or e.get(f"{{{W}}}numId") is not None]
    for position, value in new_values:
        element = valued[position % len(valued)]
        attribute = f"{{{W}}}val" if element.get(f"{{{W}}}val") is not None else f"{{{W}}}numId"
        element.set(attribute, value)
    payload = etree.tostring(numbering, xml_declaration=True, encoding="UTF-8")
    check_or_refuse(with_part(base("auto_numbered"), "word/numbering.xml", payload))


@BOUNDED
@given(st.data())
def test_any_part_truncated(data):
    parts = entries(base(data.draw(bases, label="base")))
    name = data.draw(st.sampled_from(sorted(parts)), label="part")
    cut = data.draw(st.integers(0, len(parts[name])), label="cut")
    check_or_refuse(repack({**parts, name: parts[name][:cut]}))


@BOUNDED
@given(bases, st.lists(st.tuples(st.integers(0, 10**6), run_texts), min_size=1, max_size=12))
def test_random_unicode_in_runs(name, replacements):
    """Text of runs anywhere (header, headings, body, text boxes, revisions, closing) replaced by
    random text mixed with labels, dates and document symbols."""
    root = etree.fromstring(entries(base(name))["word/document.xml"])
    texts = list(root.iter(f"{{{W}}}t", f"{{{W}}}delText"))
    for position, text in replacements:
        texts[position % len(texts)].text = text
    payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    outcome = check_or_refuse(with_part(base(name), "word/document.xml", payload))
    assert isinstance(outcome, CheckResult)  # text alone never makes a report unreadable
