"""Vietnamese text forms: what the reader stores, what the matcher compares.

Three levels, each built on the previous one:

* ``normalize`` — the text as stored in the document model: NFC, one kind of space, invisible
  characters gone. Dashes and tone placement are kept as written, because form rules quote the
  report back to its author.
* ``canonical`` — ``normalize`` plus one tone placement, so that "Uỷ ban" and "Ủy ban", "hoà" and
  "hòa" are the same string. Used for exact comparisons of headings and names.
* ``fold`` — lowercase, no diacritics, no punctuation: the key for fuzzy matching of headings
  typed by hand ("Đảng ủy KHỐI – Yên Bái" → "dang uy khoi yen bai").

Plain ``re`` throughout: these run on every paragraph and need nothing from ``regex``.

Also here: document symbols ("Số 630 - CV/ĐUK", "Số: 12/BC-UBND", "52/2016/QĐ-TTg"), because the
header parser, the citation finder and the form rules all read them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

# --- normalize ---------------------------------------------------------------------------------

# Characters that carry no visible text: soft hyphen, zero-width space/joiners, word joiner,
# byte-order mark, direction marks. A zero-width joiner between a letter and its combining tone
# mark would also stop NFC from composing them, so they go before NFC runs.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"

# "Ð" (U+00D0, Icelandic eth) and "Ɖ" (U+0189, African D) look like "Đ" and are typed by
# mistake, by old keyboards or by OCR; a search for "Đảng" must still find them.
_LOOKALIKE_D = {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u0256": "đ"}

_REPLACEMENTS = {**dict.fromkeys(_INVISIBLE, ""), **_LOOKALIKE_D}
# A regex finds the rare characters far faster than str.translate scans every character.
_TO_REPLACE = re.compile("[" + "".join(_REPLACEMENTS) + "]")


def normalize(text: str) -> str:
    """The stored form of a text: NFC, every run of whitespace one space, no invisible characters.

    Decomposed input ("Unicode tổ hợp", as some Vietnamese keyboards produce it) is composed;
    tabs and line breaks become single spaces; the text is stripped at both ends.
    Legacy-font text (TCVN3 uses U+00AD for "ư") must be converted before this runs.
    """
    printable = text.isprintable()
    if not text.isascii():
        # The invisible characters are format characters, which str.isprintable refuses: a
        # printable text can only hold a lookalike "Đ", and four scans in C find one far faster
        # than the pattern tries every character.
        lookalike = "\u00d0" in text or "\u00f0" in text or "\u0189" in text or "\u0256" in text
        if (lookalike or not printable) and _TO_REPLACE.search(text):
            text = _TO_REPLACE.sub(lambda m: _REPLACEMENTS[m[0]], text)
            printable = text.isprintable()
        composed = unicodedata.normalize("NFC", text)
        if composed is not text:  # the same object when the text is composed already
            text = composed
            printable = text.isprintable()
    # str.split() splits on every Unicode space: NBSP, narrow NBSP, the U+2000 range, U+3000.
    # Every space but " " is a control or separator character, which str.isprintable refuses:
    # a text already spaced singly is found so in C, without being split into words.
    if printable and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text
    return " ".join(text.split())


# --- canonical tone placement -------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = "aăâeêioôơuưy"
_VOWELS_WITH_MODIFIER = "ăâêôơư"


def _build_toned() -> dict[str, tuple[str, str]]:
    toned: dict[str, tuple[str, str]] = {}
    for base in _VOWELS + _VOWELS.upper():
        for mark in _TONE_MARKS:
            toned[unicodedata.normalize("NFC", base + mark)] = (base, mark)
    return toned


# Every precomposed toned vowel ("ủ", "Ố"…) → (vowel without tone, combining tone mark).
_TONED = _build_toned()

_SYLLABLE = re.compile(
    r"(?P<onset>ngh|ng|gh|kh|nh|ph|th|tr|ch|[bcdđghklmnpqrstvx])?"
    r"(?P<vowels>[aăâeêioôơuưy]{1,3})"
    r"(?P<final>ng|nh|ch|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _tone_position(syllable: str) -> int | None:
    """Index of the vowel that carries the tone in ``syllable`` (lowercase, tone removed).

    The placement is the one of state and Party documents ("Ủy ban", "hòa", "thủy", "khỏe"):
    a vowel with a hat or horn wins (the last one: "ươ" → "ơ"); otherwise, with a final consonant
    or three vowels, the tone goes on the last or middle vowel ("toàn", "ngoài"); in an open
    two-vowel rhyme it goes on the first ("hòa", "mùa", "nghĩa"). The "u" of "qu" and the "i" of
    "gi" before another vowel are consonants ("quả", "giữa"). ``None`` for non-Vietnamese words.
    """
    match = _SYLLABLE.fullmatch(syllable)
    if match is None:
        return None
    onset, vowels, final = match["onset"] or "", match["vowels"], match["final"]
    if len(vowels) > 1 and (onset, vowels[0]) in (("q", "u"), ("g", "i")):
        onset, vowels = onset + vowels[0], vowels[1:]
    modified = [k for k, ch in enumerate(vowels) if ch in _VOWELS_WITH_MODIFIER]
    if modified:
        k = modified[-1]
    elif len(vowels) == 1:
        k = 0
    elif final:
        k = len(vowels) - 1
    elif len(vowels) == 3:
        k = 1
    else:
        k = 0
    return len(onset) + k


def _retone_word(word: str) -> str:
    toned_at = [i for i, ch in enumerate(word) if ch in _TONED]
    if len(toned_at) != 1:
        return word
    i = toned_at[0]
    base, mark = _TONED[word[i]]
    bare = word[:i] + base + word[i + 1 :]
    target = _tone_position(bare.lower())
    if target is None or target == i:
        return word
    moved = unicodedata.normalize("NFC", bare[target] + mark)
    return bare[:target] + moved + bare[target + 1 :]


@lru_cache(maxsize=16384)
def _retone_token(token: str) -> str:
    """A space-separated token ("ủy,", "07-CT/TW") with its words retoned; cached, since a
    report repeats the same few thousand tokens. A token still holding a combining mark after
    NFC (a second tone, "à" + U+0300) is no Vietnamese word and is left as it is: moving its
    tone would free a letter for that mark, and the result would no longer be NFC."""
    if _COMBINING_MARKS.search(token):
        return token
    return _WORD.sub(lambda m: _retone_word(m[0]), token)


def canonical(text: str) -> str:
    """``normalize`` plus one tone placement, so spellings of the same word compare equal.

    "Uỷ ban" → "Ủy ban", "hoà" → "hòa", "thuỷ" → "thủy", "khoẻ" → "khỏe"; words already in that
    form ("quốc", "giữa", "nghĩa", "thuở", "khuya") and non-Vietnamese words are untouched.
    """
    text = normalize(text)
    if text.isascii():
        return text
    return " ".join(map(_retone_token, text.split(" ")))


# --- fold ---------------------------------------------------------------------------------------


_NOT_WORD = re.compile(r"[\W_]+")
# Every block of combining marks; Vietnamese needs only the first.
_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _fold_token(token: str) -> str:
    token = token.lower()
    if not token.isascii():
        token = _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", token.replace("đ", "d")))
    return _NOT_WORD.sub(" ", token).strip()


class _FoldedTokens(dict[str, str]):
    """Each token folded once, since a report repeats the same few thousand tokens; emptied when
    full. A dict, because ``map`` looks it up in C: the wrapper of ``functools.lru_cache`` costs
    more per token than the lookup (an argument tuple, the recency list). Emptied as such a
    wrapper is (``cache_clear``), so whatever empties those empties this too."""

    MAX_TOKENS = 16384

    def __missing__(self, token: str) -> str:
        if len(self) >= self.MAX_TOKENS:
            self.clear()
        folded = self[token] = _fold_token(token)
        return folded

    cache_clear = dict.clear


_folded_token = _FoldedTokens()


def fold(text: str) -> str:
    """Lowercase, diacritics removed ("đ" → "d"), punctuation and dashes as spaces, collapsed.

    ``fold("Đảng ủy KHỐI – Yên Bái") == "dang uy khoi yen bai"``. Tone placement does not matter
    once the tones are gone, so no ``canonical`` step is needed. Folded per space-separated token
    (``_FoldedTokens``).
    """
    return " ".join(filter(None, map(_folded_token.__getitem__, normalize(text).split(" "))))


# --- dashes and case ----------------------------------------------------------------------------

# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign,
# small and fullwidth hyphen-minus.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASH_TABLE = str.maketrans({ch: "-" for ch in DASHES})
# A regular-expression class of the same characters and "-", for patterns that read a dash in place.
DASH_CLASS = f"[-{DASHES}]"


def normalize_dashes(text: str) -> str:
    """Every dash and minus sign as the ASCII hyphen-minus "-"."""
    return text.translate(_DASH_TABLE)


def is_upper(text: str, *, min_letters: int = 3) -> bool:
    """True when the text is written in capitals: no lowercase letter and at least ``min_letters``
    uppercase ones (digits, punctuation and labels such as "II." are ignored)."""
    if text.isupper():  # no lowercase (nor titlecase) letter, and one capital at least: in C
        return min_letters <= 1 or sum(map(str.isupper, text)) >= min_letters
    uppercase = 0
    for ch in text:
        if ch.islower():
            return False
        if ch.isupper():
            uppercase += 1
    return uppercase >= min_letters


# --- document symbols ---------------------------------------------------------------------------

# Type codes of documents (Hướng dẫn 36-HD/VPTW for the Party, Nghị định 30/2020/NĐ-CP and the
# law on legal documents for the State). Needed only to tell "12/BC-UBND" (a report of the
# People's Committee) from "123/UBND-VX" (a letter of its culture office), which look alike.
DOCUMENT_TYPE_CODES = frozenset(
    {
        "BB", "BC", "CĐ", "CT", "CTr", "CV", "DA", "ĐA", "GCN", "GGT", "GM", "GNP", "GUQ", "HD",
        "HĐ", "HDLT", "KH", "KL", "L", "NĐ", "NQ", "NQLT", "PA", "PB", "PC", "PL", "QC", "QĐ",
        "QĐi", "QyĐ", "TB", "TC", "TT", "TTLT", "TTr",
    }
)

_CODE = r"[A-ZĐ][A-Za-zĐđ0-9&]*"


def _symbol_pattern(number: str) -> str:
    return (
        # Party form: 630-CV/ĐUK, 07-CT/TW, 36-HD/VPTW
        rf"(?P<p_num>{number})\s*-\s*(?P<p_type>{_CODE})\s*/\s*(?P<p_issuer>{_CODE}(?:-{_CODE})*)"
        # State normative form with the year: 52/2016/QĐ-TTg, 30/2020/NĐ-CP
        rf"|(?P<y_num>{number})\s*/\s*(?P<y_year>(?:19|20)\d\d)\s*/\s*(?P<y_type>{_CODE})\s*-\s*(?P<y_issuer>{_CODE}(?:-{_CODE})*)"
        # State form: 12/BC-UBND, 123/UBND-VX
        rf"|(?P<s_num>{number})\s*/\s*(?P<s_first>{_CODE})\s*-\s*(?P<s_rest>{_CODE}(?:-{_CODE})*)"
    )


_NUMBER = r"\d{1,5}[a-z]?"
# A header line may leave the number blank ("Số:    /BC-UBND"), as drafts and templates do.
_SYMBOL_LINE = re.compile(rf"(?:(?:Số|số|SỐ)\s*[:.]?\s*)?(?:{_symbol_pattern(f'(?:{_NUMBER})?')})\s*\.?")
_SYMBOL_IN_TEXT = re.compile(rf"(?<![\w/-])(?:{_symbol_pattern(_NUMBER)})(?![\w/])")


@dataclass(frozen=True, slots=True)
class Symbol:
    """A document's number and symbol (số, ký hiệu), split into its parts.

    ``style`` is "party" for number-TYPE/ISSUER ("630-CV/ĐUK") and "state" for
    number/TYPE-ISSUER ("12/BC-UBND", "52/2016/QĐ-TTg"). ``type_code`` is ``None`` for a state
    official letter, whose symbol names only the issuer and its drafting unit ("123/UBND-VX").
    ``number`` keeps leading zeros as written ("07"); it is "" when the line leaves it blank
    ("Số:      /BC-UBND").
    """

    number: str
    type_code: str | None
    issuer: str
    style: Literal["party", "state"]
    year: int | None = None

    @property
    def text(self) -> str:
        """The symbol written in its canonical form: "07-CT/TW", "12/BC-UBND", "52/2016/QĐ-TTg"."""
        if self.style == "party":
            return f"{self.number}-{self.type_code}/{self.issuer}"
        year = f"{self.year}/" if self.year else ""
        codes = f"{self.type_code}-{self.issuer}" if self.type_code else self.issuer
        return f"{self.number}/{year}{codes}"

    def __str__(self) -> str:
        return self.text


def _symbol_from_match(match: re.Match[str]) -> Symbol:
    if match["p_type"]:
        return Symbol(match["p_num"] or "", match["p_type"], match["p_issuer"], "party")
    if match["y_type"]:
        return Symbol(match["y_num"] or "", match["y_type"], match["y_issuer"], "state", int(match["y_year"]))
    number, first, rest = match["s_num"] or "", match["s_first"], match["s_rest"]
    if first in DOCUMENT_TYPE_CODES:
        return Symbol(number, first, rest, "state")
    return Symbol(number, None, f"{first}-{rest}", "state")


def parse_symbol(text: str) -> Symbol | None:
    """Read a whole number-and-symbol line such as "Số 630 - CV/ĐUK" or "Số: 12/BC-UBND".

    Dashes of any kind and stray spaces are accepted; ``None`` when the line is something else.
    """
    match = _SYMBOL_LINE.fullmatch(normalize_dashes(normalize(text)))
    return _symbol_from_match(match) if match else None


def find_symbols(text: str) -> list[Symbol]:
    """Every document symbol cited in a running text ("… Chỉ thị số 07-CT/TW, ngày 05/9/2016 …")."""
    return [_symbol_from_match(m) for m in _SYMBOL_IN_TEXT.finditer(normalize_dashes(normalize(text)))]


def canonical_symbol(text: str) -> str | None:
    """The canonical spelling of a symbol line: ``canonical_symbol("07 –CT/TW") == "07-CT/TW"``."""
    symbol = parse_symbol(text)
    return symbol.text if symbol else None


# "V/v" (về việc) opens the subject line of a công văn; offices type it "V/v", "V/V", "V / v".
SUBJECT_MARK = re.compile(r"V\s*/\s*v\b\s*", re.IGNORECASE)


def without_subject_mark(text: str) -> str:
    """The subject of a letter without its leading "V/v": "V/v sơ kết …" → "sơ kết …"."""
    mark = SUBJECT_MARK.match(text)
    return text[mark.end():] if mark else text
