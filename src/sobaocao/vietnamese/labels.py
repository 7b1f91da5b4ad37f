"""Numbering labels typed by hand at the start of a paragraph ("II.", "1.1.", "a)", "Phần thứ nhất").

Many reports number their headings in the text instead of with Word's automatic numbering, so
the heading detector and the section matcher read the label from the text. The same module
renders labels for Word's automatic numbering (Roman numerals, letter sequences).

Vietnamese documents letter their points in the Vietnamese alphabet without f, j, w, z:
a, b, c, d, đ, e, g, h… ("đ)" is the fifth point). Word's own ``lowerLetter`` numbering uses the
plain Latin alphabet (a, b, c, d, e…): both sequences are here, under different names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from .text import DASH_CLASS, DASHES

LabelKind = Literal["part", "roman", "decimal", "letter", "dash", "plus", "bullet"]

# --- sequences ----------------------------------------------------------------------------------

VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"

_ROMAN_STEPS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def int_to_roman(number: int) -> str:
    """Uppercase Roman numeral of 1–3999 ("XIV"); lowercase it for Word's ``lowerRoman``."""
    if not 1 <= number <= 3999:
        raise ValueError(f"Roman numerals cover 1–3999, not {number}")
    digits = []
    for value, symbol in _ROMAN_STEPS:
        count, number = divmod(number, value)
        digits.append(symbol * count)
    return "".join(digits)


def roman_to_int(numeral: str) -> int:
    """Value of a Roman numeral in either case; ``ValueError`` unless it is written canonically
    ("IIII" and "IC" are refused, so a word such as "DIV" is not taken for a number)."""
    upper = numeral.upper()
    if not upper or any(ch not in _ROMAN_DIGITS for ch in upper):
        raise ValueError(f"not a Roman numeral: {numeral!r}")
    total = 0
    for ch, following in zip(upper, upper[1:] + " "):
        value = _ROMAN_DIGITS[ch]
        total += -value if following != " " and _ROMAN_DIGITS[following] > value else value
    if total > 3999 or int_to_roman(total) != upper:
        raise ValueError(f"not a canonical Roman numeral: {numeral!r}")
    return total


def _letter_in(alphabet: str, number: int) -> str:
    # Past the end, Word doubles the letter (…, z, aa, bb, …); the Vietnamese sequence does the same.
    if number < 1:
        raise ValueError(f"letter labels start at 1, not {number}")
    repeat, position = divmod(number - 1, len(alphabet))
    return alphabet[position] * (repeat + 1)


def vietnamese_letter(number: int) -> str:
    """The n-th point letter of a Vietnamese document: 1 → "a", 5 → "đ", 6 → "e", 7 → "g"."""
    return _letter_in(VIETNAMESE_LETTERS, number)


def latin_letter(number: int) -> str:
    """The n-th label of Word's ``lowerLetter`` numbering: 1 → "a", 5 → "e", 27 → "aa"."""
    return _letter_in(LATIN_LETTERS, number)


def vietnamese_letter_index(letter: str) -> int | None:
    """Position of a single letter in the Vietnamese point sequence ("đ" → 5), any case."""
    position = VIETNAMESE_LETTERS.find(letter.lower()) if len(letter) == 1 else -1
    return position + 1 if position >= 0 else None


# --- Vietnamese ordinal words -------------------------------------------------------------------

_UNITS = {
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
    "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
_ORDINAL = (
    r"(?:(?:mười|hai\s+mươi)(?:\s+(?:một|mốt|hai|ba|bốn|tư|lăm|sáu|bảy|bẩy|tám|chín))?"
    r"|nhất|nhứt|hai|ba|tư|bốn|năm|sáu|bảy|bẩy|tám|chín)"
)


def _ordinal_value(words: str) -> int:
    """"nhất" → 1, "tư" → 4, "mười hai" → 12, "hai mươi" → 20 (words already validated)."""
    parts = words.lower().split()
    if parts[0] in ("nhất", "nhứt"):
        return 1
    if parts[0] == "mười":
        return 10 + (_UNITS[parts[1]] if len(parts) > 1 else 0)
    if len(parts) > 1 and parts[1] == "mươi":
        return 20 + (_UNITS[parts[2]] if len(parts) > 2 else 0)
    return _UNITS[parts[0]]


# --- label patterns -----------------------------------------------------------------------------

# A separator after a number or letter. "/" and "-" count only when a space follows, so that
# "05/9/2016", "V/v", "07-CT/TW", "I-ốt" and "A-Z" are not labels.
_SEPARATOR = rf"(?P<sep>\.|\)|:|/(?=\s)|\s*{DASH_CLASS}(?=\s))"

# Lowercased, a text that _PART matches starts with one of them: none of their letters has a
# case variant but its capital.
_PART_KEYWORDS = ("phần", "mục", "chương")
_PART_KEYWORD_CHARS = max(map(len, _PART_KEYWORDS))
_PART = regex.compile(
    rf"(?P<keyword>{'|'.join(_PART_KEYWORDS)})\s+"
    rf"(?:thứ\s+(?P<ordinal>{_ORDINAL})|(?P<roman>(?-i:[IVX]+))|(?P<number>\d{{1,2}}))"
    rf"(?![\p{{L}}\d])(?P<sep>\s*(?:[.:]|{DASH_CLASS}))?",
    regex.IGNORECASE,
)
_ROMAN = regex.compile(rf"(?P<roman>[IVX]++|[ivx]{{2,}}+)(?:\.(?P<sub>\d{{1,2}}+(?:\.\d{{1,2}}+)*+))?{_SEPARATOR}")
_ROMAN_LETTERS = "IVXivx"  # what a Roman label can open with, in either case
_DECIMAL = regex.compile(rf"(?P<numbers>\d{{1,2}}+(?:\.\d{{1,2}}+)*+)(?!\d){_SEPARATOR}?")
_LETTER = regex.compile(rf"(?P<letter>[{VIETNAMESE_LETTERS}{VIETNAMESE_LETTERS.upper()}]){_SEPARATOR}")
# "(1)", "(a)", "(ii)": a number, letter or Roman numeral in parentheses.
_ENCLOSED = regex.compile(
    rf"\((?:(?P<number>\d{{1,2}}+)|(?P<roman>[IVX]++|[ivx]{{2,}}+)|(?P<letter>[{VIETNAMESE_LETTERS}{VIETNAMESE_LETTERS.upper()}]))\)"
)
_MARKS: dict[str, LabelKind] = {
    **dict.fromkeys("-" + DASHES, "dash"),
    "+": "plus",
    # Bullets, including those Word stores in the Symbol and Wingdings private-use area.
    **dict.fromkeys("•·●○◦▪■□►▸➢➤✓✔❖◆◇*\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf06e\uf071", "bullet"),
}


# What a separator can start with: after a Roman numeral or a letter, anything else means no
# label. Tested in Python before the patterns are tried, since a call into ``regex`` costs as
# much as dozens of these tests and most paragraphs open with a word ("Chi bộ", "Việc").
_SEPARATOR_FIRST = frozenset(".):/-" + DASHES)


def _separator_may_start(text: str, position: int) -> bool:
    ch = text[position : position + 1]
    return ch in _SEPARATOR_FIRST or ch.isspace()  # isspace: every character \s matches, and more


@dataclass(frozen=True, slots=True)
class ManualLabel:
    """A label typed at the start of a paragraph.

    ``label`` is as written, with its separator ("II.", "1.1.", "a)", "Phần II:", "-");
    ``rest`` the text after it; ``depth`` the number of components ("1.2.3." → 3, "II.1." → 2);
    ``values`` their numbers ("b)" → (2,), "Phần thứ hai" → (2,), bullets → ()). ``keyword`` is
    "phần", "mục" or "chương" for parts, lowercase.
    """

    label: str
    rest: str
    kind: LabelKind
    depth: int
    values: tuple[int, ...]
    keyword: str | None = None


def _after(text: str, end: int) -> str:
    return text[end:].strip()


def _starts_well(text: str, end: int, separator: str | None) -> bool:
    """The text after a label must exist, and a label glued to the text must be followed by a
    letter ("1.Kết quả" yes, "1.000" no)."""
    rest = text[end:]
    if not rest.strip():
        return False
    if rest[0].isspace():
        return True
    return separator is not None and separator.strip() in (".", ")", ":") and rest[0].isalpha()


def _part(text: str) -> ManualLabel | None:
    match = _PART.match(text)
    if match is None:
        return None
    keyword, ordinal, roman, number, _ = match.groups()
    if ordinal:
        value = _ordinal_value(ordinal)
    elif roman:
        try:
            value = roman_to_int(roman)
        except ValueError:
            return None
    else:
        value = int(number)
    label = text[: match.end()].rstrip()
    return ManualLabel(label, _after(text, match.end()), "part", 1, (value,), keyword.lower())


def _roman(text: str) -> ManualLabel | None:
    if not _separator_may_start(text, len(text) - len(text.lstrip(_ROMAN_LETTERS))):
        return None
    match = _ROMAN.match(text)
    if match is None:
        return None
    roman, subnumbers, separator = match.groups()
    if not _starts_well(text, match.end(), separator):
        return None
    try:
        value = roman_to_int(roman)
    except ValueError:
        return None
    if value > 20:
        return None
    sub = tuple(int(n) for n in subnumbers.split(".")) if subnumbers else ()
    values = (value, *sub)
    return ManualLabel(text[: match.end()].rstrip(), _after(text, match.end()), "roman", len(values), values)


def _decimal(text: str) -> ManualLabel | None:
    match = _DECIMAL.match(text)
    if match is None:
        return None
    numbers, separator = match.groups()
    values = tuple(int(n) for n in numbers.split("."))
    if separator is None:
        # "1.1 Tình hình" is a label; "5 năm thực hiện" is not. Vietnamese writes decimals with
        # a comma ("1,5 triệu"), so two numbers joined by a full stop are a label.
        rest = text[match.end() :]
        if len(values) < 2 or not rest[:1].isspace() or not rest.lstrip()[:1].isalpha():
            return None
    elif not _starts_well(text, match.end(), separator):
        return None
    return ManualLabel(text[: match.end()].rstrip(), _after(text, match.end()), "decimal", len(values), values)


def _letter(text: str) -> ManualLabel | None:
    if not _separator_may_start(text, 1):
        return None
    match = _LETTER.match(text)
    if match is None:
        return None
    letter, separator = match.groups()
    # "A.Z", "T.Ư": a letter and a full stop glued to the next word is an abbreviation.
    if separator == "." and not text[match.end() : match.end() + 1].isspace():
        return None
    if not _starts_well(text, match.end(), separator):
        return None
    value = vietnamese_letter_index(letter)
    assert value is not None  # the pattern only admits Vietnamese point letters
    return ManualLabel(text[: match.end()].rstrip(), _after(text, match.end()), "letter", 1, (value,))


def _enclosed(text: str) -> ManualLabel | None:
    match = _ENCLOSED.match(text)
    if match is None or not _starts_well(text, match.end(), ")"):
        return None
    kind: LabelKind
    number, roman, letter = match.groups()
    if number:
        kind, value = "decimal", int(number)
    elif letter:
        kind, value = "letter", vietnamese_letter_index(letter) or 0
    else:
        try:
            kind, value = "roman", roman_to_int(roman)
        except ValueError:
            return None
    return ManualLabel(match[0], _after(text, match.end()), kind, 1, (value,))


def _mark(text: str) -> ManualLabel | None:
    kind = _MARKS.get(text[0])
    if kind is None:
        return None
    rest = text[1:]
    # "- Công tác…" and "-Công tác…" are items; "- " alone and "-5%" are not.
    if not rest.strip() or not (rest[0].isspace() or rest[0].isalpha()):
        return None
    return ManualLabel(text[0], rest.strip(), kind, 1, ())


def split_label(text: str) -> ManualLabel | None:
    """The label typed at the start of ``text`` and the text after it, or ``None``.

    Upper-case I, V, X labels are read as Roman numerals ("V." is 5, not the letter v); a single
    lower-case "i", "v" or "x" is a point letter (they follow "h", "u", "v" in Vietnamese lists).
    ``text`` is expected in the stored form (``text.normalize``: NFC, single spaces).
    """
    text = text.strip()
    if not text:
        return None
    first = text[0]
    if first.isdigit():
        return _decimal(text)
    if first in _MARKS:
        return _mark(text)
    if first == "(":
        return _enclosed(text)
    if not first.isalpha():
        return None
    # Few texts open with a part keyword or a Roman numeral: most are tried as a letter label only.
    if text[:_PART_KEYWORD_CHARS].lower().startswith(_PART_KEYWORDS) and (found := _part(text)):
        return found
    if first in _ROMAN_LETTERS and (found := _roman(text)):
        return found
    return _letter(text)
