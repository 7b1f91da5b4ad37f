"""``split_label`` tries its patterns only where they can match: the tests before them must let
through every text a pattern matches."""

import regex

from sobaocao.vietnamese.labels import _PART_KEYWORDS, _SEPARATOR, _separator_may_start, split_label

_EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_every_character_a_separator_starts_with_passes() -> None:
    # Every way a separator can start: the character itself (".", ")", ":"), followed by a space
    # ("/ ", "– ") or by a dash and a space (spaces before a dash).
    separator = regex.compile(_SEPARATOR)
    first = set()
    for after in (" ", "- "):
        text = after.join(_EVERY_CHARACTER) + after
        first |= {m[0][0] for m in separator.finditer(text, overlapped=True)}
    assert {".", ")", ":", "/", " ", "\u2013", "\u3000"} <= first
    assert all(_separator_may_start(ch, 0) for ch in first)


def test_the_part_keywords_have_no_other_case_variant() -> None:
    for letter in set("".join(_PART_KEYWORDS)):
        variants = regex.findall(f"(?i){regex.escape(letter)}", _EVERY_CHARACTER)
        assert {ch.lower() for ch in variants} == {letter}


def test_labels_in_capitals_and_glued_separators_are_still_found() -> None:
    assert split_label("PHẦN THỨ NHẤT: KẾT QUẢ").kind == "part"
    assert split_label("ChƯƠNG II Tổ chức").kind == "part"
    assert split_label("XIV.2) Nội dung").values == (14, 2)
    assert split_label("iv – Nội dung").kind == "roman"
    assert split_label("đ\u2013 Nội dung").label == "đ\u2013"
    assert split_label("đ\u3000– Nội dung").kind == "letter"
    assert split_label("Vì vậy, chi bộ") is None
