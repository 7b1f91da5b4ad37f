"""Text forms of sobaocao.vietnamese.text: normalize, canonical, fold, dashes, caps, symbols."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sobaocao.vietnamese.text import (
    Symbol,
    canonical,
    canonical_symbol,
    find_symbols,
    fold,
    is_upper,
    normalize,
    normalize_dashes,
    parse_symbol,
    without_subject_mark,
)

# --- normalize ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Decomposed ("Unicode tổ hợp"): base letters followed by combining marks.
        ("Đa\u0309ng bo\u0323\u0302 ti\u0309nh Yên Ba\u0301i", "Đảng bộ tỉnh Yên Bái"),
        # Precomposed base with a combining tone (Windows-1258 style), dot below before circumflex.
        ("thê\u0301 gio\u031b\u0301i, ba\u0323\u0302c", "thế giới, bậc"),
        # NBSP, narrow NBSP, thin space, ideographic space.
        ("Số\u00a0630\u202f-\u2009CV/ĐUK\u3000", "Số 630 - CV/ĐUK"),
        # Soft hyphen and zero-width characters vanish, even between a letter and its tone.
        ("thông\u00adtin cơ\u200b sở\ufeff", "thôngtin cơ sở"),
        ("ca\u200d\u0301c", "các"),
        # Eth and African D typed for Đ.
        ("\u00d0ẢNG \u00d0ảng \u00f0ồng chí", "ĐẢNG Đảng đồng chí"),
        ("\u0189ảng ủy", "Đảng ủy"),
        # Tabs and line breaks: one space, stripped at the ends.
        ("\t1.1.\tTình hình\r\nquán triệt  ", "1.1. Tình hình quán triệt"),
        ("  ASCII   only \n", "ASCII only"),
        # Dashes and tone placement are kept as written.
        ("Chỉ thị 07 – CT/TW, Uỷ ban, hoà", "Chỉ thị 07 – CT/TW, Uỷ ban, hoà"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_the_only_printable_space_is_the_space() -> None:
    """``normalize`` leaves a printable text with single spaces as it is, without splitting it."""
    assert [hex(code) for code in range(0x110000) if chr(code).isspace() and chr(code).isprintable()] == ["0x20"]


@pytest.mark.parametrize("space", sorted({chr(code) for code in range(0x110000) if chr(code).isspace()}))
def test_every_space_becomes_one_space(space: str) -> None:
    assert normalize(f"{space}Báo{space}cáo {space}x{space}") == "Báo cáo x"


def test_normalize_output_is_nfc() -> None:
    text = normalize(unicodedata.normalize("NFD", "Ban Thường vụ Đảng ủy Khối yêu cầu các chi, đảng bộ cơ sở"))
    assert text == "Ban Thường vụ Đảng ủy Khối yêu cầu các chi, đảng bộ cơ sở"
    assert unicodedata.is_normalized("NFC", text)


# --- canonical ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("ĐẢNG UỶ KHỐI", "ĐẢNG ỦY KHỐI"),
        ("hoà bình, hoá, khoá XII", "hòa bình, hóa, khóa XII"),
        ("HOÀ NHẬP", "HÒA NHẬP"),
        ("thuỷ lợi, thuý, Thuỵ", "thủy lợi, thúy, Thụy"),
        ("khoẻ mạnh, Khoẻ", "khỏe mạnh, Khỏe"),
        # Misplaced marks moved to where the rhyme puts them.
        ("hòan thành, tòan diện", "hoàn thành, toàn diện"),
        ("gía cả, qủa", "giá cả, quả"),
        ("ngòai", "ngoài"),
        # Correct words stay as they are.
        ("quả, quốc, giữa, nghĩa, thuở, khuya", "quả, quốc, giữa, nghĩa, thuở, khuya"),
        ("người, rượu, khuỵu, huỳnh, quyển, thuế, gìn giữ, già", "người, rượu, khuỵu, huỳnh, quyển, thuế, gìn giữ, già"),
        ("mùa, múa, mía, cứu, tuổi, yếu, ngoáy", "mùa, múa, mía, cứu, tuổi, yếu, ngoáy"),
        # Not Vietnamese syllables: untouched.
        ("café, Nguyễn, Ðà", "café, Nguyễn, Đà"),
        # normalize is part of canonical.
        ("Uy\u0309  ban", "Ủy ban"),
    ],
)
def test_canonical(raw: str, expected: str) -> None:
    assert canonical(raw) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [("Uỷ", "Ủy"), ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Đảng uỷ Khối", "Đảng ủy Khối")],
)
def test_canonical_makes_spellings_equal(one: str, other: str) -> None:
    assert canonical(one) == canonical(other)


# --- fold ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đảng ủy KHỐI – Yên Bái", "dang uy khoi yen bai"),
        ("ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "dang uy khoi co quan va doanh nghiep tinh"),
        ("Chỉ thị số 07-CT/TW, ngày 05/9/2016", "chi thi so 07 ct tw ngay 05 9 2016"),
        ("1.1. Tình hình quán triệt — triển khai", "1 1 tinh hinh quan triet trien khai"),
        ("“Phương hướng, nhiệm vụ” (năm 2022)!", "phuong huong nhiem vu nam 2022"),
        ("Ưu điểm; hạn chế, khó khăn, vướng mắc", "uu diem han che kho khan vuong mac"),
        ("\u00d0ồng chí", "dong chi"),
        ("Đa\u0309ng_bộ", "dang bo"),
        ("", ""),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


# --- dashes and capitals ------------------------------------------------------------------------


def test_normalize_dashes() -> None:
    assert normalize_dashes("07 – CT/TW — a − b \u2011 c \u2010 d") == "07 - CT/TW - a - b - c - d"
    assert normalize_dashes("Độc lập - Tự do - Hạnh phúc") == "Độc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BÁO CÁO", True),
        ("II. KẾT QUẢ THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW", True),
        ("ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", True),
        ("Báo cáo sơ kết", False),
        ("UBND tỉnh", False),
        ("2021", False),
        ("I.", False),
        ("TW", False),
        ("- - -", False),
    ],
)
def test_is_upper(text: str, expected: bool) -> None:
    assert is_upper(text) is expected


def test_is_upper_threshold() -> None:
    assert is_upper("TW", min_letters=2) is True


# --- symbols ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Số 630 - CV/ĐUK", Symbol("630", "CV", "ĐUK", "party")),
        ("Số 630–CV/ĐUK", Symbol("630", "CV", "ĐUK", "party")),
        ("07 –CT/TW", Symbol("07", "CT", "TW", "party")),
        ("Số 36-HD/VPTW", Symbol("36", "HD", "VPTW", "party")),
        ("SỐ 12-BC/ĐU", Symbol("12", "BC", "ĐU", "party")),
        ("Số: 12/BC-UBND", Symbol("12", "BC", "UBND", "state")),
        ("Số:  05 / KH - UBND.", Symbol("05", "KH", "UBND", "state")),
        ("Số: 123/UBND-VX", Symbol("123", None, "UBND-VX", "state")),
        ("52/2016/QĐ-TTg", Symbol("52", "QĐ", "TTg", "state", 2016)),
        ("số 30/2020/NĐ-CP", Symbol("30", "NĐ", "CP", "state", 2020)),
        ("Số: 05/2021/TT-BNV", Symbol("05", "TT", "BNV", "state", 2021)),
        # Blank number, as in drafts and templates.
        ("Số:      /BC-UBND", Symbol("", "BC", "UBND", "state")),
        ("Số     -BC/ĐU", Symbol("", "BC", "ĐU", "party")),
    ],
)
def test_parse_symbol(line: str, expected: Symbol) -> None:
    assert parse_symbol(line) == expected


@pytest.mark.parametrize(
    "line",
    ["V/v sơ kết 5 năm thực hiện Chỉ thị 07-CT/TW", "Yên Bái, ngày 28 tháng 6 năm 2022", "Số", "05/9/2016", "12/bc-ubnd", ""],
)
def test_parse_symbol_refuses_other_lines(line: str) -> None:
    assert parse_symbol(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("07 –CT/TW", "07-CT/TW"),
        ("Số 630 - CV/ĐUK", "630-CV/ĐUK"),
        ("Số : 12 / BC - UBND", "12/BC-UBND"),
        ("52 / 2016 / QĐ – TTg", "52/2016/QĐ-TTg"),
        ("Số: 123/UBND-VX", "123/UBND-VX"),
        ("Kính gửi: Các chi, đảng bộ cơ sở", None),
    ],
)
def test_canonical_symbol(line: str, expected: str | None) -> None:
    assert canonical_symbol(line) == expected


def test_symbol_text_and_str() -> None:
    assert Symbol("52", "QĐ", "TTg", "state", 2016).text == "52/2016/QĐ-TTg"
    assert Symbol("", "BC", "UBND", "state").text == "/BC-UBND"
    assert str(Symbol("630", "CV", "ĐUK", "party")) == "630-CV/ĐUK"


def test_find_symbols_in_seed_sentence() -> None:
    sentence = (
        "Thực hiện Công văn số 810-CV/TU, ngày 13/5/2022 của Tỉnh ủy về việc báo cáo sơ kết 5 năm "
        "thực hiện Chỉ thị số 07 – CT/TW, ngày 05/9/2016 của Ban Bí thư, gắn với Quyết định số "
        "52/2016/QĐ-TTg, ngày 06/12/2016 và Báo cáo số 12/BC-UBND."
    )
    assert [s.text for s in find_symbols(sentence)] == ["810-CV/TU", "07-CT/TW", "52/2016/QĐ-TTg", "12/BC-UBND"]


def test_find_symbols_ignores_dates_and_ratios() -> None:
    assert find_symbols("ngày 05/9/2016, tỷ lệ 95/100 đảng viên, cổng/trang thông tin, mẫu -BC/ĐU") == []


# --- properties ---------------------------------------------------------------------------------

_VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂĐEÊOÔƠUƯ-–.,:/0123456789\u00a0\u00ad\t")
        + list("áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
        + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "Ð"]
    ),
    max_size=60,
)


def test_a_word_with_a_stray_tone_mark_keeps_its_tones_where_they_are():
    # "Aà" + a second grave: retoning it to "Àa" would let the stray mark compose with the "a".
    stray = "A\u00e0\u0300 ban"
    assert canonical(stray) == "A\u00e0\u0300 ban"
    assert canonical(canonical(stray)) == canonical(stray)
    assert canonical("Uỷ ban") == "Ủy ban"


@given(_VIETNAMESE_TEXT)
def test_forms_are_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)
    assert canonical(canonical(text)) == canonical(text)
    assert fold(fold(text)) == fold(text)


@given(_VIETNAMESE_TEXT)
def test_canonical_only_moves_tones(text: str) -> None:
    assert fold(canonical(text)) == fold(text)
    assert len(canonical(text)) == len(normalize(text))


@given(_VIETNAMESE_TEXT)
def test_decomposed_input_gives_the_same_forms(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text)
    assert normalize(decomposed) == normalize(text)
    assert canonical(decomposed) == canonical(text)
    assert fold(decomposed) == fold(text)


@pytest.mark.parametrize("written", ["V/v sơ kết 5 năm", "V/V sơ kết 5 năm", "V / v sơ kết 5 năm", "v/v  sơ kết 5 năm"])
def test_the_subject_mark_is_taken_off_however_it_is_typed(written):
    assert without_subject_mark(written) == "sơ kết 5 năm"


def test_text_without_a_subject_mark_is_left_as_it_is():
    assert without_subject_mark("Vv sơ kết") == "Vv sơ kết"
    assert without_subject_mark("Về việc sơ kết") == "Về việc sơ kết"
