"""Time and memory of ``read_document`` on a realistic 25-page report, against the lower bound.

The lower bound is what any reader must do: read ``word/document.xml`` from the zip, parse it
with lxml, and join the text of each paragraph. The reader does that plus styles, numbering
labels, tracked changes, fields, legacy-font checks, header/closing parsing and headings; the
target is to stay within 3x of the bound. Both are timed in this one run, on this machine.

    .venv/bin/python benchmarks/reader.py [--repeat N]

It also reads the fixture report the tests use (``tests/fixtures/reports.py``), a shorter
document built through python-docx like the reports offices send.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import docx  # noqa: E402

from sobaocao.docx import read_document  # noqa: E402
from tests.fixtures.ooxml import part  # noqa: E402
from tests.fixtures.reader_cases import GRID_BORDERS, NO_BORDERS, cell, para, table  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FONT = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/>'
SENTENCE = (
    "Chi bộ đã tổ chức quán triệt, triển khai thực hiện Chỉ thị số 07-CT/TW đến toàn thể cán bộ, "
    "đảng viên, gắn với việc thực hiện nhiệm vụ chính trị của cơ quan, đơn vị trong giai đoạn 2016 - 2021"
)


def _runs(text: str, *, bold: bool = False) -> str:
    """Text split into runs the way Word splits them (proofing marks, revision ids)."""
    words = text.split(" ")
    step = max(1, len(words) // 5)
    pieces = [" ".join(words[i : i + step]) + " " for i in range(0, len(words), step)]
    rpr = FONT + ("<w:b/>" if bold else "")
    return '<w:proofErr w:type="spellStart"/>'.join(
        f'<w:r w:rsidRPr="00A1B2C3"><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{piece}</w:t></w:r>' for piece in pieces
    )


def _paragraph(text: str, *, bold: bool = False, ppr: str = '<w:spacing w:before="120" w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/>') -> str:
    return para(_runs(text, bold=bold), ppr=ppr)


def _data_table(rows: int) -> str:
    header = [cell(_paragraph(title, bold=True)) for title in ("TT", "Nội dung", "Kết quả", "Ghi chú")]
    body = [
        [cell(_paragraph(str(i + 1))), cell(_paragraph("Số buổi tuyên truyền")), cell(_paragraph(str(10 * i))), cell(_paragraph("Đạt"))]
        for i in range(rows)
    ]
    return table(header, *body, tblpr=GRID_BORDERS)


def report() -> bytes:
    """About 25 A4 pages at 14 pt: six numbered sections, five points each, lists, tables."""
    header = table(
        [
            cell(_paragraph("ĐẢNG BỘ KHỐI CƠ QUAN TỈNH", ppr=""), _paragraph("CHI BỘ SỞ TƯ PHÁP", ppr=""), _paragraph("*", ppr=""), _paragraph("Số 12-BC/CB", ppr="")),
            cell(_paragraph("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, ppr=""), _paragraph("Yên Bái, ngày 20 tháng 7 năm 2022", ppr="")),
        ],
        tblpr=NO_BORDERS,
    )
    parts = [header, _paragraph("BÁO CÁO", bold=True, ppr='<w:jc w:val="center"/>'), _paragraph("Sơ kết 5 năm thực hiện Chỉ thị 07-CT/TW", bold=True, ppr='<w:jc w:val="center"/>')]
    for section in range(6):
        # automatic numbering through python-docx's "List Number" style
        parts.append(_paragraph(f"Nội dung lớn thứ {section + 1}", bold=True, ppr='<w:pStyle w:val="ListNumber"/>'))
        for point in range(5):
            parts.append(_paragraph(f"{point + 1}. Công tác thứ {point + 1} của mục", bold=True))
            for _ in range(2):
                parts.append(_paragraph(f"{SENTENCE}, {SENTENCE.lower()}."))
            for _ in range(2):
                parts.append(_paragraph(f"- {SENTENCE}."))
        parts.append(_data_table(10))
    closing = table(
        [
            cell(_paragraph("Nơi nhận:", ppr=""), _paragraph("- Đảng ủy Khối,", ppr=""), _paragraph("- Lưu Chi bộ.", ppr="")),
            cell(_paragraph("T/M CHI BỘ", ppr=""), _paragraph("BÍ THƯ", ppr=""), _paragraph("Nguyễn Văn An", ppr="")),
        ],
        tblpr=NO_BORDERS,
    )
    parts.append(closing)
    # python-docx's default template gives the real parts Word writes: styles, numbering, theme.
    document = docx.Document()
    body = document.element.body
    section_properties = body[-1]
    for element in etree.fromstring(part("w:body", "".join(parts)).encode()):
        section_properties.addprevious(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def lower_bound(data: bytes) -> int:
    """Zip read, lxml parse of the document part, text joined per paragraph."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return len(texts)


def interleaved(functions: dict[str, object], data: bytes, repeat: int) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Best CPU time of each function, and every time, run in turns so that a busy machine
    slows all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.process_time()
            function(data)
            times[name].append(time.process_time() - start)
    return {name: min(found) for name, found in times.items()}, times


def phases(data: bytes) -> dict[str, float]:
    """Where the reader's time goes: each step of ``read_document`` with the ones before it
    (best of a few runs, interleaved)."""
    from sobaocao.docx.package import open_package
    from sobaocao.docx.reader import _BodyReader

    def open_and_parse_main_part(_):
        package = open_package(data)
        package.xml(package.main_part)

    return interleaved(
        {
            "open + parse main part": open_and_parse_main_part,
            "+ styles, numbering, theme": lambda _: _BodyReader(open_package(data)),
            "+ body walk": lambda _: _BodyReader(open_package(data)).read(),
            "+ labels, header/closing, headings": read_document,
        },
        data,
        10,
    )[0]


def peak_memory(function, data: bytes) -> float:
    """Peak Python memory of one call, in MiB (lxml's own tree is not traced)."""
    tracemalloc.start()
    function(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def measure(title: str, data: bytes, repeat: int) -> None:
    document = read_document(data)  # warm-up, and the size of what was read
    words = sum(len(b.text.split()) for b in document.blocks)
    print(f"{title}: {len(data) / 1024:.0f} KiB .docx, {len(document.blocks)} blocks, {words} words "
          f"(~{words / 350:.0f} A4 pages at 14 pt), {len(document.headings())} headings")
    best, times = interleaved({"bound": lower_bound, "reader": read_document}, data, repeat)
    # The ratio of each round's pair as well: the two runs of one round share the machine's load.
    paired = sorted(reader / bound for reader, bound in zip(times["reader"], times["bound"], strict=True))
    print(f"  lower bound (zip + parse + text): {best['bound'] * 1000:.1f} ms")
    print(f"  read_document:                    {best['reader'] * 1000:.1f} ms")
    print(f"  ratio:                            {best['reader'] / best['bound']:.2f}x of the bests, "
          f"{paired[len(paired) // 2]:.2f}x median of rounds (target ≤ 3x)")
    for name, seconds in phases(data).items():
        print(f"    {name + ':':<38}{seconds * 1000:.1f} ms")
    print(f"  peak Python memory of one call:   {peak_memory(read_document, data):.1f} MiB reader, "
          f"{peak_memory(lower_bound, data):.1f} MiB bound (lxml's own trees not included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from tests.fixtures.reports import complete

    measure("benchmark report", report(), args.repeat)
    measure("fixture report (tests/fixtures/reports.py complete())", complete(), args.repeat)
    print(f"process peak RSS:                   {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
