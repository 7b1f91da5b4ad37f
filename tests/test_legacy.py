"""Legacy Vietnamese fonts (TCVN3, VNI): detection and conversion, sobaocao.vietnamese.legacy."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sobaocao.vietnamese.legacy import (
    DecodedRun,
    decode_run,
    encoding_of_font,
    fits_legacy,
    from_unicode,
    is_caps_font,
    looks_legacy,
    to_unicode,
)

_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_LOWER_LETTERS = "".join(
    unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưy" for tone in _TONES
) + "đ"
# Every Vietnamese letter with every tone, inside a real report sentence.
_EVERY_LETTER = (
    "Ban Thường vụ Đảng ủy Khối yêu cầu các chi, đảng bộ cơ sở báo cáo kết quả thực hiện Chỉ thị "
    "số 07-CT/TW về đẩy mạnh công tác thông tin cơ sở; những mô hình, kinh nghiệm hay, sáng tạo. "
    f"Chữ thường: {' '.join(_LOWER_LETTERS)}. Chữ hoa: {' '.join(_LOWER_LETTERS.upper())}. "
    "Quốc hiệu: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM - Độc lập - Tự do - Hạnh phúc."
)


def test_every_letter_sample_really_has_134_letters() -> None:
    assert len(_LOWER_LETTERS) == 73
    assert len(set(_LOWER_LETTERS + _LOWER_LETTERS.upper()) - set("aeiouyAEIOUY")) == 134


# --- fonts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("font", "encoding", "caps"),
    [
        (".VnTime", "tcvn3", False),
        (".VnTimeH", "tcvn3", True),
        (".VnArial", "tcvn3", False),
        (".VnArialH", "tcvn3", True),
        (".VnArial NarrowH", "tcvn3", True),
        (".VnCentury Schoolbook", "tcvn3", False),
        ("VNI-Times", "vni", False),
        ("VNI-Helve", "vni", False),
        ("VNI-Helve-Condense", "vni", False),
        ("Times New Roman", None, False),
        ("Arial", None, False),
        ("VnTime", None, False),
        ("", None, False),
        (None, None, False),
    ],
)
def test_fonts(font: str | None, encoding: str | None, caps: bool) -> None:
    assert encoding_of_font(font) == encoding
    assert is_caps_font(font) is caps


# --- conversion of known text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("\xa7\xb6ng b\xe9 t\xd8nh Y\xaan B\xb8i", "Đảng bộ tỉnh Yên Bái"),
        (
            "Ch\xd8 th\xde s\xe8 07-CT/TW v\xd2 \xae\xc8y m\xb9nh c\xabng t\xb8c th\xabng tin c\xac s\xeb",
            "Chỉ thị số 07-CT/TW về đẩy mạnh công tác thông tin cơ sở",
        ),
        ("Ban Th\xad\xeang v\xf4 \xa7\xb6ng \xf1y Kh\xe8i", "Ban Thường vụ Đảng ủy Khối"),
        ("Y\xaan B\xb8i, ng\xb5y 28 th\xb8ng 6 n\xa8m 2022", "Yên Bái, ngày 28 tháng 6 năm 2022"),
        ("\xa1 \xa2 \xa3 \xa4 \xa5 \xa6 \xa7", "Ă Â Ê Ô Ơ Ư Đ"),
        # Punctuation beyond Latin-1 is no code: kept between the converted pieces.
        ("\u201c\xa7\xb6ng b\xe9\u201d \u2013 t\xd8nh\u2026", "\u201cĐảng bộ\u201d \u2013 tỉnh\u2026"),
    ],
)
def test_tcvn3_to_unicode(stored: str, expected: str) -> None:
    assert to_unicode(stored, "tcvn3") == expected


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("B\xb8O C\xb8O", "BÁO CÁO"),
        ("b\xb8o c\xb8o", "BÁO CÁO"),
        ("\xae\xb6ng \xf1y kh\xe8i", "ĐẢNG ỦY KHỐI"),
        ("c\xe9ng h\xdfa x\xb7 h\xe9i ch\xf1 ngh\xdca vi\xd6t nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ],
)
def test_tcvn3_capitals_font(stored: str, expected: str) -> None:
    assert to_unicode(stored, "tcvn3", caps=True) == expected


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("\xd1a\xfbng bo\xe4 t\xe6nh Ye\xe2n Ba\xf9i", "Đảng bộ tỉnh Yên Bái"),
        (
            "Ch\xe6 th\xf2 so\xe1 07-CT/TW ve\xe0 \xf1a\xe5y ma\xefnh co\xe2ng ta\xf9c tho\xe2ng tin c\xf4 s\xf4\xfb",
            "Chỉ thị số 07-CT/TW về đẩy mạnh công tác thông tin cơ sở",
        ),
        ("Ban Th\xf6\xf4\xf8ng vu\xef \xd1a\xfbng u\xfby Kho\xe1i", "Ban Thường vụ Đảng ủy Khối"),
        ("BA\xd9O CA\xd9O", "BÁO CÁO"),
        # Capital base letter with a lowercase modifier, as some typing tools wrote it.
        ("BA\xf9O CA\xf9O", "BÁO CÁO"),
        ("\xd1A\xdbNG U\xdbY KHO\xc1I", "ĐẢNG ỦY KHỐI"),
        ("n\xf6\xf4\xf9c, kh\xf6\xf4\xf9c, tr\xf6\xf4\xefng, M\xee", "nước, khước, trượng, Mỵ"),
    ],
)
def test_vni_to_unicode(stored: str, expected: str) -> None:
    assert to_unicode(stored, "vni") == expected


def test_conversion_output_is_nfc() -> None:
    assert unicodedata.is_normalized("NFC", to_unicode("Ban Th\xad\xeang v\xf4", "tcvn3"))
    assert unicodedata.is_normalized("NFC", to_unicode("Th\xf6\xf4\xf8ng vu\xef", "vni"))


# --- encoding and round trips -------------------------------------------------------------------


def test_from_unicode_known_text() -> None:
    assert from_unicode("Đảng bộ tỉnh Yên Bái", "tcvn3") == "\xa7\xb6ng b\xe9 t\xd8nh Y\xaan B\xb8i"
    assert from_unicode("Đảng bộ tỉnh Yên Bái", "vni") == "\xd1a\xfbng bo\xe4 t\xe6nh Ye\xe2n Ba\xf9i"
    assert from_unicode("BÁO CÁO", "tcvn3", caps=True) == "B\xb8O C\xb8O"
    assert from_unicode("BÁO CÁO", "vni") == "BA\xd9O CA\xd9O"


def test_vni_round_trip_every_letter() -> None:
    stored = from_unicode(_EVERY_LETTER, "vni")
    assert stored != _EVERY_LETTER
    assert all(ord(ch) <= 0xFF for ch in stored)
    assert to_unicode(stored, "vni") == _EVERY_LETTER


def test_tcvn3_round_trip_every_lowercase_letter() -> None:
    # The text font has every lowercase letter and the seven plain capitals.
    text = _EVERY_LETTER.split(" Chữ hoa:")[0] + " Ă Â Ê Ô Ơ Ư Đ"
    stored = from_unicode(text, "tcvn3")
    assert all(ord(ch) <= 0xFF for ch in stored)
    assert to_unicode(stored, "tcvn3") == text


def test_tcvn3_round_trip_capitals_font() -> None:
    text = _EVERY_LETTER.upper()
    stored = from_unicode(text, "tcvn3", caps=True)
    assert all(ord(ch) <= 0xFF for ch in stored)
    assert to_unicode(stored, "tcvn3", caps=True) == text


def test_tcvn3_codes_are_distinct() -> None:
    codes = from_unicode(_LOWER_LETTERS, "tcvn3")
    assert len(codes) == 73
    assert len(set(codes)) == 73


def test_tcvn3_refuses_toned_capital_outside_capitals_font() -> None:
    with pytest.raises(ValueError, match="'Ủ'"):
        from_unicode("Ủy ban", "tcvn3")


# --- detection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("\xa7\xb6ng b\xe9 t\xd8nh Y\xaan B\xb8i", "tcvn3", True),
        ("c\xabng t\xb8c", "tcvn3", True),
        ("s\xeb", "tcvn3", True),  # "sở": ë is no Vietnamese letter
        ("B\xb8O C\xb8O", "tcvn3", True),
        # Unicode runs under a style that names .VnTime: never converted.
        ("Đảng bộ tỉnh Yên Bái", "tcvn3", False),
        ("Báo cáo kết quả", "tcvn3", False),
        ("Tôi có mì", "tcvn3", False),
        ("2 × 3 = 6, «trích dẫn», © 2022", "tcvn3", False),
        ("Chỉ thị 07-CT/TW", "tcvn3", False),
        ("Ban", "tcvn3", False),
        ("\xd1a\xfbng bo\xe4", "vni", True),
        ("BA\xd9O CA\xd9O", "vni", True),
        ("co\xe2ng ta\xf9c", "vni", True),
        ("Đảng bộ tỉnh Yên Bái", "vni", False),
        ("hoà bình, quá, thuý", "vni", False),
        ("\xa7\xb6ng", None, False),
        # One short word is enough when a capital code stands inside it or "oâ" is written.
        ("K\xd5t", "tcvn3", True),  # "Kết"
        ("ch\xdd", "tcvn3", True),  # "chí"
        ("Ông Ý, ÔNG Ý, Êm", "tcvn3", False),  # capitals at the start of words or among capitals
        ("B\xdd", "tcvn3", False),  # "BÍ" or "Bí": either reading
        ("Co\xe2ng", "vni", True),  # "Công"
        ("COÂNG", "vni", True),
        ("mùa xuân, hoàn thành", "vni", False),
    ],
)
def test_looks_legacy(text: str, encoding: str | None, expected: bool) -> None:
    assert looks_legacy(text, encoding) is expected  # type: ignore[arg-type]


def test_fits_legacy_wants_latin1_beyond_ascii_and_no_later_letter():
    texts = ["S\xe8", "2 \xd7 3", "ban", "Số", "S\xe8 \u2013 12"]
    assert [fits_legacy(text) for text in texts] == [True, True, False, False, True]


@pytest.mark.parametrize(
    ("text", "font", "context", "expected"),
    [
        ("\xa7\xb6ng b\xe9", ".VnTime", None, DecodedRun("Đảng bộ", True)),
        ("b\xb8o c\xb8o", ".VnTimeH", None, DecodedRun("BÁO CÁO", True)),
        ("bao cao", ".VnTimeH", None, DecodedRun("BAO CAO", True)),
        ("Đảng bộ", ".VnTime", None, DecodedRun("Đảng bộ", False)),
        ("Đảng bộ", ".VnTimeH", None, DecodedRun("Đảng bộ", False)),
        ("bao cao", ".VnTime", None, DecodedRun("bao cao", False)),
        ("\xa7\xb6ng b\xe9", "Times New Roman", None, DecodedRun("\xa7\xb6ng b\xe9", False)),
        # "cã" alone fits both readings; the paragraph decides.
        ("c\xe3", ".VnTime", None, DecodedRun("c\xe3", False)),
        ("c\xe3", ".VnTime", "\xae\xe3 c\xe3 k\xd5t qu\xb6", DecodedRun("có", True)),
        ("Ye\xe2n Ba\xf9i", "VNI-Times", None, DecodedRun("Yên Bái", True)),
    ],
)
def test_decode_run(text: str, font: str, context: str | None, expected: DecodedRun) -> None:
    assert decode_run(text, font, context=context) == expected


_WORDS = st.text(alphabet=st.sampled_from(list(_LOWER_LETTERS + "bcghklmnpqrstvx ,.-/0123456789")), max_size=80)


@given(_WORDS)
def test_round_trip_property_lowercase(text: str) -> None:
    assert to_unicode(from_unicode(text, "tcvn3"), "tcvn3") == text
    assert to_unicode(from_unicode(text, "vni"), "vni") == text


@given(_WORDS)
def test_round_trip_property_capitals(text: str) -> None:
    upper = text.upper()
    assert to_unicode(from_unicode(upper, "tcvn3", caps=True), "tcvn3", caps=True) == upper
    assert to_unicode(from_unicode(upper, "vni"), "vni") == upper
