"""Legacy Vietnamese font encodings (TCVN3 "ABC" and VNI) and their conversion to Unicode.

Before Unicode, Vietnamese was typed in 8-bit fonts that draw Vietnamese letters in place of
Latin-1 characters. A .docx keeps those Latin-1 characters, so "Đảng bộ" typed in .VnTime is
stored as "§¶ng bé": the text only reads right in that font. Many provincial offices still
reuse such templates, so the reader converts the runs before anything else looks at them.

* TCVN3 (TCVN 5712:1993, VN3): fonts ".VnTime", ".VnArial"…; one character per letter. The font
  has the 67 lowercase letters and only 7 capitals (Ă Â Ê Ô Ơ Ư Đ); capitals with tones come
  from the companion "H" fonts (".VnTimeH"), which draw the lowercase codes as capitals.
* VNI (VNI for Windows): fonts "VNI-Times", "VNI-Helve"…; a vowel followed by one modifier
  character ("a" + "ù" = "á", "o" + "â" = "ô", "ô" alone = "ơ").

Conversion must run before ``text.normalize``: TCVN3 writes "ư" as U+00AD, the soft hyphen
that ``normalize`` deletes.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Literal, NamedTuple

import regex

Encoding = Literal["tcvn3", "vni"]

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng: the order of the rows below


def _toned_row(vowel: str) -> str:
    """The vowel followed by its five toned forms, in the order of ``_TONES``."""
    return vowel + "".join(unicodedata.normalize("NFC", vowel + tone) for tone in _TONES)


# --- TCVN3 ----------------------------------------------------------------------------------------

# Each row: a vowel and its five toned forms (sắc, huyền, hỏi, ngã, nặng) → their TCVN3 codes.
# The plain vowels a e i o u y keep their ASCII code.
_TCVN3_ROWS = {
    "a": "a\xb8\xb5\xb6\xb7\xb9",
    "ă": "\xa8\xbe\xbb\xbc\xbd\xc6",
    "â": "\xa9\xca\xc7\xc8\xc9\xcb",
    "e": "e\xd0\xcc\xce\xcf\xd1",
    "ê": "\xaa\xd5\xd2\xd3\xd4\xd6",
    "i": "i\xdd\xd7\xd8\xdc\xde",
    "o": "o\xe3\xdf\xe1\xe2\xe4",
    "ô": "\xab\xe8\xe5\xe6\xe7\xe9",
    "ơ": "\xac\xed\xea\xeb\xec\xee",
    "u": "u\xf3\xef\xf1\xf2\xf4",
    "ư": "\xad\xf8\xf5\xf6\xf7\xf9",
    "y": "y\xfd\xfa\xfb\xfc\xfe",
}
_TCVN3_CAPITALS = {"Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7"}


def _tcvn3_encoder() -> dict[str, str]:
    encode = {"đ": "\xae", **_TCVN3_CAPITALS}
    for vowel, codes in _TCVN3_ROWS.items():
        for letter, code in zip(_toned_row(vowel), codes, strict=True):
            # "ý" keeps its own Latin-1 code; it stays in the table so that "Ý" finds it.
            if not letter.isascii():
                encode[letter] = code
    return encode


_TCVN3_ENCODE = _tcvn3_encoder()
_TCVN3_DECODE = str.maketrans({code: letter for letter, code in _TCVN3_ENCODE.items()})
# The same mapping as a decoding table of the Latin-1 bytes: a codec converts a run some twenty
# times faster than ``str.translate`` does with a dictionary.
_TCVN3_CODEC_TABLE = "".join(chr(code).translate(_TCVN3_DECODE) for code in range(256))

# --- VNI ------------------------------------------------------------------------------------------

# Modifier characters typed after a vowel, by tone (none, sắc, huyền, hỏi, ngã, nặng).
_VNI_PLAIN_TONES = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX_TONES = ("â", "á", "à", "å", "ã", "ä")  # â ê ô
_VNI_BREVE_TONES = ("ê", "é", "è", "ú", "ü", "ë")  # ă


def _vni_encoder() -> dict[str, str]:
    lower: dict[str, tuple[str, ...]] = {
        "a": tuple("a" + m for m in _VNI_PLAIN_TONES),
        "â": tuple("a" + m for m in _VNI_CIRCUMFLEX_TONES),
        "ă": tuple("a" + m for m in _VNI_BREVE_TONES),
        "e": tuple("e" + m for m in _VNI_PLAIN_TONES),
        "ê": tuple("e" + m for m in _VNI_CIRCUMFLEX_TONES),
        "o": tuple("o" + m for m in _VNI_PLAIN_TONES),
        "ô": tuple("o" + m for m in _VNI_CIRCUMFLEX_TONES),
        "ơ": tuple("ô" + m for m in _VNI_PLAIN_TONES),
        "u": tuple("u" + m for m in _VNI_PLAIN_TONES),
        "ư": tuple("ö" + m for m in _VNI_PLAIN_TONES),
        # i and ỵ have one-character codes of their own.
        "i": ("i", "í", "ì", "æ", "ó", "ò"),
        "y": ("y", "yù", "yø", "yû", "yõ", "î"),
    }
    encode = {"đ": "ñ", "Đ": "Ñ"}
    for vowel, sequences in lower.items():
        for letter, sequence in zip(_toned_row(vowel), sequences, strict=True):
            if letter != sequence:
                encode[letter] = sequence
                encode[letter.upper()] = sequence.upper()
    return encode


_VNI_ENCODE = _vni_encoder()
# Decoding works on lowercase sequences; the case of the base letter gives the case of the result
# ("AÙ" and "Aù" are both "Á", as typing tools produced both).
_VNI_DECODE = {sequence.lower(): letter for letter, sequence in _VNI_ENCODE.items() if letter.islower()}
_VNI_PATTERN = regex.compile(
    "|".join(regex.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True)), regex.IGNORECASE
)


def _decode_vni_match(match: regex.Match[str]) -> str:
    letter = _VNI_DECODE[match[0].lower()]
    return letter.upper() if match[0][0].isupper() else letter


# --- fonts ----------------------------------------------------------------------------------------


def encoding_of_font(font_name: str | None) -> Encoding | None:
    """The legacy encoding a font draws: ".VnTime…" → "tcvn3", "VNI-Times…" → "vni", else None."""
    if not font_name:
        return None
    name = font_name.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith(("vni-", "vni ")):
        return "vni"
    return None


def is_caps_font(font_name: str | None) -> bool:
    """True for the TCVN3 capitals fonts (".VnTimeH", ".VnArialH"…), which draw every letter as a
    capital."""
    return font_name is not None and encoding_of_font(font_name) == "tcvn3" and font_name.strip().endswith("H")


# --- detection ------------------------------------------------------------------------------------

# Latin-1 letters that Vietnamese never uses: their presence in a legacy-font run proves a
# legacy code ("ë" is TCVN3 "ở", "ø" is the VNI grave accent).
_FOREIGN_LETTERS = frozenset("ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïñöøûüþ")
# Latin-1 letters that Unicode Vietnamese does use ("Hà", "có", "Đô").
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_CODES = frozenset(_TCVN3_ENCODE.values())
_TCVN3_FOREIGN = _TCVN3_CODES & _FOREIGN_LETTERS
# The remaining TCVN3 codes are Latin-1 symbols ("§" is "Đ", "¸" is "á", "«" is "ô"). A Unicode
# text may hold them as symbols ("©", "2 × 3", «quoted»), so they count only next to a letter,
# and the quotation and arithmetic ones only between two letters ("c«ng", "m×nh").
_TCVN3_SYMBOL_CODES = _TCVN3_CODES - _FOREIGN_LETTERS - _VIETNAMESE_LATIN1
_QUOTE_OR_MATH = "«»×÷·"
_TCVN3_SYMBOL_IN_WORD = regex.compile(
    r"(?<=\p{L})[%(any)s](?=\p{L})|(?<=\p{L})[%(loose)s]|[%(loose)s](?=\p{L})"
    % {
        "any": regex.escape("".join(sorted(_TCVN3_SYMBOL_CODES))),
        "loose": regex.escape("".join(sorted(_TCVN3_SYMBOL_CODES - frozenset(_QUOTE_OR_MATH)))),
    }
)
# TCVN3 writes some lowercase toned letters with Latin-1 capitals ("Õ" is "ế", "Ý" is "í"), so
# a capital inside a word in lowercase proves the encoding on a single word ("KÕt", "chÝ"):
# Unicode puts a capital at a word's start or among capitals only.
_TCVN3_CAPITAL_CODES = "".join(sorted(ch for ch in _TCVN3_CODES & _VIETNAMESE_LATIN1 if ch.isupper()))
_TCVN3_CAPITAL_IN_WORD = regex.compile(r"(?<=\p{Ll})[%(caps)s]|(?<=\p{L})[%(caps)s](?=\p{Ll})" % {"caps": _TCVN3_CAPITAL_CODES})
_VNI_FOREIGN = frozenset("".join(_VNI_ENCODE.values())) & _FOREIGN_LETTERS
# VNI modifiers that are also Vietnamese letters ("ù", "â", "é"…) prove VNI where Unicode
# Vietnamese never puts them: after "a"/"e" ("BAÙO CAÙO"), "ù" after "o", "u", "y", and the
# circumflex after "o" ("COÂNG", "toâi": Unicode has no "oâ").
_VNI_MODIFIER_AFTER_VOWEL = regex.compile(r"[aeAE][ùúâáàêéèÙÚÂÁÀÊÉÈ]|[ouyOUY][ùÙ]|[oO][âÂ]")
# Characters beyond Latin-1, found by a regular expression to be tested one by one: legacy text
# has none, so the usual scan runs at C speed instead of a Python test of every character.
_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")
_BEYOND_LATIN1_RUNS = re.compile("([^\x00-\xff]+)")


def fits_legacy(text: str) -> bool:
    """Whether ``text`` could be legacy codes at all: something beyond ASCII, and no letter
    beyond Latin-1 (which only Unicode has: "ạ", "ế", "ơ", "đ")."""
    if text.isascii():
        return False
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return not any(ch.isalpha() for ch in _BEYOND_LATIN1.findall(text))
    return True


def looks_legacy(text: str, encoding: Encoding | None) -> bool:
    """True when the characters of ``text`` really are legacy codes of ``encoding``.

    A template's style table often still names .VnTime while the runs were typed in Unicode;
    converting those would destroy them. So: any Vietnamese letter beyond Latin-1 ("ạ", "ế",
    "ơ", "đ") means Unicode; a Latin-1 letter foreign to Vietnamese ("ë", "ñ", "ø"), for
    TCVN3 a code symbol or a capital code inside a word ("§¶ng", "c¸c", "KÕt"), for VNI a
    modifier after a vowel that Unicode never writes ("BAÙO", "COÂNG"), means legacy. Text whose characters fit both readings (only
    "á", "ô", "ã"…) is left as Unicode: pass the text of the whole paragraph in that font to
    decide on more evidence.
    """
    if encoding is None or not fits_legacy(text):
        return False
    if encoding == "tcvn3":
        return (
            not _TCVN3_FOREIGN.isdisjoint(text)
            or _TCVN3_SYMBOL_IN_WORD.search(text) is not None
            or _TCVN3_CAPITAL_IN_WORD.search(text) is not None
        )
    return not _VNI_FOREIGN.isdisjoint(text) or _VNI_MODIFIER_AFTER_VOWEL.search(text) is not None


# --- conversion -----------------------------------------------------------------------------------


def to_unicode(text: str, encoding: Encoding, *, caps: bool = False) -> str:
    """Convert legacy-font text to Unicode (NFC). ``caps`` for the TCVN3 "H" fonts, where every
    letter is drawn as a capital."""
    if encoding == "tcvn3":
        converted = _decode_tcvn3(text)
    else:
        converted = _VNI_PATTERN.sub(_decode_vni_match, text)
    if caps:
        converted = converted.upper()
    return unicodedata.normalize("NFC", converted)


def _decode_tcvn3(text: str) -> str:
    """``text.translate(_TCVN3_DECODE)``, by the codec."""
    try:
        return codecs.charmap_decode(text.encode("latin-1"), "strict", _TCVN3_CODEC_TABLE)[0]
    except UnicodeEncodeError:  # characters beyond Latin-1 ("–", "…"): no codes, kept between the pieces
        pieces = _BEYOND_LATIN1_RUNS.split(text)
        pieces[::2] = map(_decode_tcvn3, pieces[::2])
        return "".join(pieces)


def from_unicode(text: str, encoding: Encoding, *, caps: bool = False) -> str:
    """Write Unicode text in a legacy encoding, as a legacy font would store it (for building test
    documents).

    TCVN3 has no capitals with tones except in its "H" fonts: with ``caps=True`` every letter is
    written with the code the capitals font draws as that capital; without it such a capital
    raises ``ValueError``.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "vni":
        return "".join(_VNI_ENCODE.get(ch, ch) for ch in text)
    out = []
    for ch in text:
        code = _TCVN3_ENCODE.get(ch)
        if code is None and ch.isupper() and not ch.isascii():
            if not caps:
                raise ValueError(f"TCVN3 has no code for the capital {ch!r} outside its capitals fonts")
            code = _TCVN3_ENCODE.get(ch.lower())
        out.append(code if code is not None else ch)
    return "".join(out)


class DecodedRun(NamedTuple):
    """A run's displayed text and whether a legacy conversion produced it."""

    text: str
    converted: bool


def decode_run(text: str, font_name: str | None, *, context: str | None = None) -> DecodedRun:
    """The text a run displays in its font: legacy codes converted, capitals fonts applied.

    ``context`` is the evidence for the decision (the paragraph's text in the same font); by
    default the run itself. Plain ASCII in a capitals font is shown in capitals, so it is
    uppercased and counted as converted.
    """
    encoding = encoding_of_font(font_name)
    if encoding is None:
        return DecodedRun(text, False)
    caps = is_caps_font(font_name)
    if looks_legacy(text if context is None else context, encoding):
        return DecodedRun(to_unicode(text, encoding, caps=caps), True)
    if caps and text.isascii() and text != text.upper():
        return DecodedRun(text.upper(), True)
    return DecodedRun(text, False)
