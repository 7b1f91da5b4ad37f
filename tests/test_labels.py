"""Manual numbering labels and numbering sequences, sobaocao.vietnamese.labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sobaocao.vietnamese.labels import (
    LATIN_LETTERS,
    VIETNAMESE_LETTERS,
    ManualLabel,
    int_to_roman,
    latin_letter,
    roman_to_int,
    split_label,
    vietnamese_letter,
    vietnamese_letter_index,
)


def L(label: str, rest: str, kind: str, values: tuple[int, ...], depth: int = 1, keyword: str | None = None) -> ManualLabel:  # noqa: N802
    return ManualLabel(label, rest, kind, depth, values, keyword)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Parts: "Phần", "Mục", "Chương" with ordinal words, Roman or Arabic numbers.
        ("Phần thứ nhất", L("Phần thứ nhất", "", "part", (1,), keyword="phần")),
        ("PHẦN THỨ NHẤT", L("PHẦN THỨ NHẤT", "", "part", (1,), keyword="phần")),
        ("PHẦN THỨ HAI: PHƯƠNG HƯỚNG, NHIỆM VỤ", L("PHẦN THỨ HAI:", "PHƯƠNG HƯỚNG, NHIỆM VỤ", "part", (2,), keyword="phần")),
        ("Phần thứ tư", L("Phần thứ tư", "", "part", (4,), keyword="phần")),
        ("Phần thứ bảy", L("Phần thứ bảy", "", "part", (7,), keyword="phần")),
        ("Phần thứ mười", L("Phần thứ mười", "", "part", (10,), keyword="phần")),
        ("Phần thứ mười lăm - Kết luận", L("Phần thứ mười lăm -", "Kết luận", "part", (15,), keyword="phần")),
        ("PHẦN I", L("PHẦN I", "", "part", (1,), keyword="phần")),
        ("PHẦN I. KẾT QUẢ THỰC HIỆN", L("PHẦN I.", "KẾT QUẢ THỰC HIỆN", "part", (1,), keyword="phần")),
        ("Phần II: Nhiệm vụ, giải pháp", L("Phần II:", "Nhiệm vụ, giải pháp", "part", (2,), keyword="phần")),
        ("Mục 1. Tình hình chung", L("Mục 1.", "Tình hình chung", "part", (1,), keyword="mục")),
        ("Chương IV", L("Chương IV", "", "part", (4,), keyword="chương")),
        # Roman numerals, upper and lower case, with the usual separators.
        ("I. ĐÁNH GIÁ KẾT QUẢ 5 NĂM", L("I.", "ĐÁNH GIÁ KẾT QUẢ 5 NĂM", "roman", (1,))),
        ("II. Kết quả thực hiện", L("II.", "Kết quả thực hiện", "roman", (2,))),
        ("IV: Kết luận", L("IV:", "Kết luận", "roman", (4,))),
        ("II- Kết quả", L("II-", "Kết quả", "roman", (2,))),
        ("III – Phương hướng", L("III –", "Phương hướng", "roman", (3,))),
        ("XX. Kiến nghị", L("XX.", "Kiến nghị", "roman", (20,))),
        ("I.Đánh giá chung", L("I.", "Đánh giá chung", "roman", (1,))),
        ("iii) điểm ba", L("iii)", "điểm ba", "roman", (3,))),
        ("II.1. Kết quả quán triệt", L("II.1.", "Kết quả quán triệt", "roman", (2, 1), depth=2)),
        # Decimal numbering, one to three levels.
        ("1. Nội dung báo cáo", L("1.", "Nội dung báo cáo", "decimal", (1,))),
        ("1.1. Tình hình quán triệt, triển khai thực hiện Chỉ thị số 07-CT/TW",
         L("1.1.", "Tình hình quán triệt, triển khai thực hiện Chỉ thị số 07-CT/TW", "decimal", (1, 1), depth=2)),
        ("1.2.3. Kết quả cụ thể", L("1.2.3.", "Kết quả cụ thể", "decimal", (1, 2, 3), depth=3)),
        ("1.1 Tình hình", L("1.1", "Tình hình", "decimal", (1, 1), depth=2)),
        ("2.3 x", L("2.3", "x", "decimal", (2, 3), depth=2)),
        ("2) Thời gian", L("2)", "Thời gian", "decimal", (2,))),
        ("1/ Kết quả đạt được", L("1/", "Kết quả đạt được", "decimal", (1,))),
        ("3 - Kiến nghị", L("3 -", "Kiến nghị", "decimal", (3,))),
        ("12.Kết quả", L("12.", "Kết quả", "decimal", (12,))),
        # Letters in Vietnamese order: đ is the fifth, g the seventh.
        ("a) Ưu điểm", L("a)", "Ưu điểm", "letter", (1,))),
        ("b) Hạn chế, khó khăn", L("b)", "Hạn chế, khó khăn", "letter", (2,))),
        ("đ) Bài học kinh nghiệm", L("đ)", "Bài học kinh nghiệm", "letter", (5,))),
        ("e) Nội dung khác", L("e)", "Nội dung khác", "letter", (6,))),
        ("g) Nội dung khác", L("g)", "Nội dung khác", "letter", (7,))),
        ("A. ĐÁNH GIÁ TÌNH HÌNH", L("A.", "ĐÁNH GIÁ TÌNH HÌNH", "letter", (1,))),
        ("B/ Phương hướng", L("B/", "Phương hướng", "letter", (2,))),
        ("i) điểm i", L("i)", "điểm i", "letter", (9,))),
        ("x) điểm x", L("x)", "điểm x", "letter", (22,))),
        # In parentheses.
        ("(1) Công tác tuyên truyền", L("(1)", "Công tác tuyên truyền", "decimal", (1,))),
        ("(đ) Nội dung khác", L("(đ)", "Nội dung khác", "letter", (5,))),
        ("(ii) Điểm hai", L("(ii)", "Điểm hai", "roman", (2,))),
        ("(IV) Kết luận", L("(IV)", "Kết luận", "roman", (4,))),
        # Dashes, plus signs, bullets.
        ("- Công tác lãnh đạo, chỉ đạo", L("-", "Công tác lãnh đạo, chỉ đạo", "dash", ())),
        ("-Công tác lãnh đạo", L("-", "Công tác lãnh đạo", "dash", ())),
        ("– Phương hướng.", L("–", "Phương hướng.", "dash", ())),
        # Every dash text.normalize_dashes knows: figure dash, horizontal bar, fullwidth hyphen.
        ("\u2012 Công tác", L("\u2012", "Công tác", "dash", ())),
        ("1 \uff0d Nội dung", L("1 \uff0d", "Nội dung", "decimal", (1,))),
        ("+ Kết quả phát huy sức mạnh tổng hợp", L("+", "Kết quả phát huy sức mạnh tổng hợp", "plus", ())),
        ("• Nhiệm vụ chủ yếu", L("•", "Nhiệm vụ chủ yếu", "bullet", ())),
        ("\uf0b7 Giải pháp", L("\uf0b7", "Giải pháp", "bullet", ())),
        ("* Ưu điểm:", L("*", "Ưu điểm:", "bullet", ())),
        # Surrounding whitespace does not matter.
        ("   II.   Kết quả  ", L("II.", "Kết quả", "roman", (2,))),
    ],
)
def test_split_label(text: str, expected: ManualLabel) -> None:
    assert split_label(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1.000 người tham gia",
        "2021 là năm bản lề",
        "2016 - 2021",
        "5 năm thực hiện Chỉ thị",
        "1,5 triệu đồng",
        "1.1",
        "2.5%",
        "07-CT/TW",
        "05/9/2016 Ban Bí thư ban hành",
        "Chỉ thị 07-CT/TW về đẩy mạnh công tác thông tin cơ sở",
        "I-ốt",
        "A-Z",
        "- ",
        "-",
        "-5% so với cùng kỳ",
        "*",
        "V/v sơ kết 5 năm thực hiện Chỉ thị 07-CT/TW",
        "Đ/c Nguyễn Văn A",
        "T.Ư Đảng",
        "A.Z",
        "Phần lớn cán bộ, đảng viên",
        "Mục tiêu đề ra",
        "Mục vi phạm",
        "Vì vậy",
        "In ấn tài liệu",
        "XXI. Quá giới hạn",
        "IIII. Viết sai",
        "f) không phải chữ cái Việt",
        "(2016 - 2021) là giai đoạn",
        "(Chỉ thị số 07-CT/TW)",
        "(1)",
        "(IIII) sai",
        "(f) không phải chữ cái Việt",
        "II.",
        "1.",
        "a)",
        "",
        "   ",
    ],
)
def test_split_label_traps(text: str) -> None:
    assert split_label(text) is None


# --- sequences ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "numeral"),
    [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (19, "XIX"), (20, "XX"), (40, "XL"), (1994, "MCMXCIV"), (3999, "MMMCMXCIX")],
)
def test_roman_both_ways(number: int, numeral: str) -> None:
    assert int_to_roman(number) == numeral
    assert roman_to_int(numeral) == number
    assert roman_to_int(numeral.lower()) == number


@pytest.mark.parametrize("numeral", ["", "IIII", "IC", "VX", "ABC", "DIV2"])
def test_roman_to_int_refuses(numeral: str) -> None:
    with pytest.raises(ValueError):
        roman_to_int(numeral)


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_int_to_roman_range(number: int) -> None:
    with pytest.raises(ValueError):
        int_to_roman(number)


def test_letter_sequences() -> None:
    assert VIETNAMESE_LETTERS == "abcdđeghiklmnopqrstuvxy"
    assert [vietnamese_letter(n) for n in range(1, 9)] == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    assert vietnamese_letter(23) == "y"
    assert vietnamese_letter(24) == "aa"
    assert [latin_letter(n) for n in range(1, 7)] == ["a", "b", "c", "d", "e", "f"]
    assert latin_letter(26) == "z"
    assert latin_letter(27) == "aa"
    assert latin_letter(28) == "bb"
    assert latin_letter(53) == "aaa"
    assert len(LATIN_LETTERS) == 26
    with pytest.raises(ValueError):
        latin_letter(0)


@pytest.mark.parametrize(("letter", "index"), [("a", 1), ("đ", 5), ("Đ", 5), ("e", 6), ("y", 23), ("f", None), ("ab", None)])
def test_vietnamese_letter_index(letter: str, index: int | None) -> None:
    assert vietnamese_letter_index(letter) == index


@pytest.mark.parametrize("number", range(1, 21))
def test_every_roman_label_up_to_twenty(number: int) -> None:
    numeral = int_to_roman(number)
    assert split_label(f"{numeral}. Nội dung") == L(f"{numeral}.", "Nội dung", "roman", (number,))


@pytest.mark.parametrize("number", range(1, 24))
def test_every_vietnamese_letter_label(number: int) -> None:
    letter = vietnamese_letter(number)
    assert split_label(f"{letter}) Nội dung") == L(f"{letter})", "Nội dung", "letter", (number,))
    assert split_label(f"{letter.upper()}. Nội dung") == (
        # Upper-case I, V and X read as Roman numerals.
        L(f"{letter.upper()}.", "Nội dung", "roman", (roman_to_int(letter),))
        if letter in "ivx"
        else L(f"{letter.upper()}.", "Nội dung", "letter", (number,))
    )


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(number: int) -> None:
    assert roman_to_int(int_to_roman(number)) == number
    assert roman_to_int(int_to_roman(number).lower()) == number
