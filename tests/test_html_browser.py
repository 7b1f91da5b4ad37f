"""The HTML page of a batch, opened in a real headless Chromium, as the office would open it.

A string test cannot tell whether a browser shows the page: the document must parse to the
summary table, statuses and findings, in Vietnamese, with nothing fetched from the network.
Chromium comes from the system packages; the set-up installs it when it is missing and the
test process may (root with apt-get), and otherwise skips with the reason.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from sobaocao.cli import main
from tests.fixtures import hostile, reports

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-chi-bo-so-ke-hoach.docx"
WINDOW = (1200, 1600)
MISSING_PART_MESSAGE = (
    "Báo cáo thiếu phần «Phương hướng, nhiệm vụ, giải pháp nâng cao chất lượng, hiệu quả công tác "
    "thông tin cơ sở trong thời gian tới» (mục 1.3 của Công văn 630-CV/ĐUK)."
)


def _install_chromium() -> str:
    """Chromium from Debian's packages: the path of the browser, or a skip saying why not."""
    found = shutil.which("chromium")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("Chromium is not installed and this process cannot install it (run: apt-get install -y chromium)")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=1200)
        if done.returncode != 0:
            pytest.skip(f"Chromium could not be installed ({' '.join(command)}): {done.stderr.strip()[-300:]}")
    return shutil.which("chromium") or pytest.skip("apt-get installed chromium but it is not on PATH")


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """A function running headless Chromium on a page with extra flags; returns its stdout."""
    browser = _install_chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")

    def run(page: Path, *flags: str) -> bytes:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            *flags, page.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
        return done.stdout

    return run


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The HTML page of a batch: the example, a report lacking part III, and a damaged file."""
    inbox = tmp_path_factory.mktemp("hop-thu")
    shutil.copyfile(EXAMPLE, inbox / "a-bao-cao-mau.docx")
    (inbox / "b-thieu-phan-III.docx").write_bytes(reports.without("1.3"))
    (inbox / "c-tep-hong.docx").write_bytes(hostile.truncated_zip())
    output = tmp_path_factory.mktemp("ket-qua") / "ket-qua.html"
    result = CliRunner().invoke(main, ["check", str(inbox), "--format", "html", "-o", str(output)])
    assert result.exit_code == 2, result.output
    return output


@pytest.fixture(scope="module")
def dom(page, chromium):
    """The document as Chromium built it (after parsing, not the bytes on disk)."""
    return html.fromstring(chromium(page, "--dump-dom").decode("utf-8"))


def cell_texts(row) -> list[str]:
    return [cell.text_content().strip() for cell in row.xpath("./td|./th")]


def test_summary_table_has_a_row_per_file_with_unit_number_date_status_and_counts(dom):
    table = dom.xpath('//table[@class="summary"]')[0]
    assert cell_texts(table.xpath(".//thead/tr")[0]) == [
        "Tệp", "Đơn vị", "Số", "Ngày báo cáo", "Kết quả", "Lỗi", "Cảnh báo", "Mục còn thiếu"
    ]
    rows = [cell_texts(row) for row in table.xpath(".//tbody/tr")]
    assert [Path(row[0]).name for row in rows] == ["a-bao-cao-mau.docx", "b-thieu-phan-III.docx", "c-tep-hong.docx"]
    assert [row[1:] for row in rows] == [
        ["CHI BỘ SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số 15-BC/CB", "15/07/2022", "đạt", "0", "0", ""],
        ["CHI BỘ SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Số 15-BC/CB", "15/07/2022", "cần sửa", "1", "0", "1.3"],
        ["", "", "", "không đọc được", "0", "0", ""],
    ]


def test_status_cells_carry_the_class_that_colours_them(dom):
    statuses = dom.xpath('//table[@class="summary"]//tbody/tr/td[5]/span/@class')
    assert statuses == ["ok", "findings", "error"]


def test_summary_links_lead_to_each_file_section(dom):
    targets = dom.xpath('//table[@class="summary"]//a/@href')
    assert targets == ["#file-1", "#file-2", "#file-3"]
    assert [dom.get_element_by_id(target[1:]).tag for target in targets] == ["section"] * 3


def test_each_file_section_shows_its_coverage_findings_or_refusal(dom):
    complete, lacking, broken = (dom.get_element_by_id(f"file-{n}") for n in (1, 2, 3))
    assert complete.xpath('string(.//p[@class="ok"])') == "Không phát hiện vấn đề nào."
    coverage = [(cell_texts(row)[1], row.get("class")) for row in complete.xpath('.//table[@class="coverage"]//tr')]
    assert len(coverage) == 20
    assert [item for item in coverage if item[1] != "present"] == [
        ("1.2.1.1", "mentioned"), ("1.2.1.2", "mentioned"), ("1.2.1.3", "mentioned"), ("1.2.1.4", "mentioned"),
        ("1.2.1.5", "not-applicable"),  # asked only of the units the letter names
    ]

    missing_rows = [cell_texts(row)[1] for row in lacking.xpath('.//table[@class="coverage"]//tr[@class="missing"]')]
    assert missing_rows == ["1.3", "1.3.1", "1.3.2", "1.3.3"]
    findings = lacking.xpath('.//ul[@class="findings"]/li')
    assert len(findings) == 1
    text = findings[0].text_content()
    assert MISSING_PART_MESSAGE in text
    assert findings[0].xpath('string(.//span[@class="sev-error"])') == "LỖI"
    assert findings[0].xpath('string(.//span[@class="rule"])') == "(missing-section)"

    refusal = broken.xpath('string(.//p[@class="error"])')
    assert "bị hỏng hoặc chưa được tải về hết" in refusal
    assert not broken.xpath('.//table[@class="coverage"]')


def test_the_page_is_vietnamese_and_fetches_nothing(dom):
    assert dom.get("lang") == "vi"
    assert dom.xpath("string(//title)") == "Kết quả kiểm tra báo cáo"
    assert dom.xpath("//script|//link|//img|//iframe|//object") == []
    assert not [url for url in dom.xpath("//@href|//@src") if not url.startswith("#")]


def _png_size_and_colours(data: bytes) -> tuple[tuple[int, int], int]:
    """Width and height from IHDR, and how many distinct byte values the pixels hold."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, size, pixels = 8, (0, 0), b""
    while offset < len(data):
        length, kind = struct.unpack_from(">I4s", data, offset)
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            size = struct.unpack_from(">II", body)
        elif kind == b"IDAT":
            pixels += body
        offset += 12 + length
    return size, len(set(zlib.decompress(pixels)))


def test_a_screenshot_shows_a_rendered_page(page, chromium, tmp_path):
    shot = tmp_path / "ket-qua.png"
    chromium(page, f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}", "--hide-scrollbars")
    size, colours = _png_size_and_colours(shot.read_bytes())
    assert size == WINDOW
    assert colours > 50  # text in several colours, borders, shading: not a blank page
