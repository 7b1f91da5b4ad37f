"""The two document forms (thể thức) a report may follow, as data.

``party`` follows Hướng dẫn 36-HD/VPTW (Văn phòng Trung ương Đảng, 2018); ``state`` follows
Nghị định 30/2020/NĐ-CP (công tác văn thư). The form rules read these profiles instead of
branching on the form, so a third form is one more ``FormProfile`` value. Where the sources
disagree or our ranges are wider than the text, ``docs/form.md`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Header
from .i18n import L, Localized
from .schema import Form
from .vietnamese.text import fold, parse_symbol


@dataclass(frozen=True)
class Span:
    """An inclusive range of numbers (points, millimetres)."""

    low: float
    high: float

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high

    def holds(self, value: float, tolerance: float) -> bool:
        """``value`` in the range widened by ``tolerance`` on both sides."""
        return self.low - tolerance <= value <= self.high + tolerance

    def __str__(self) -> str:
        return f"{self.low:g}–{self.high:g}"


@dataclass(frozen=True)
class FormProfile:
    form: Form
    name: Localized
    source: str  # the document that defines the form
    banner: str  # first line at the top right
    motto: str | None  # second line (Tiêu ngữ), state form only
    star: bool  # a "*" under the issuer's name (Party form)
    superior_expected: bool  # the superior body above the issuer is normally written
    issuer_cues: tuple[str, ...]  # folded first words of this form's issuing bodies
    number_prefix: str  # "Số " / "Số: ": what precedes the symbol on the number line
    number_example: str  # how the number line is written for a report
    report_type_codes: tuple[str, ...]
    signature_prefixes: tuple[str, ...]  # "T/M", "K/T", "T/L" / "TM.", "KT.", "TL."
    # A Party report is signed on behalf of the committee (T/M …); a state office's head may
    # sign under the position alone ("GIÁM ĐỐC").
    authority_expected: bool
    fonts: tuple[str, ...]
    body_sizes: Span  # points
    margins: dict[str, Span]  # "top", "bottom", "left", "right" -> millimetres


PARTY = FormProfile(
    form="party",
    name=L("thể thức văn bản của Đảng", "Party document form"),
    source="Hướng dẫn 36-HD/VPTW",
    banner="ĐẢNG CỘNG SẢN VIỆT NAM",
    motto=None,
    star=True,
    superior_expected=True,
    issuer_cues=(
        "dang bo", "dang uy", "chi bo", "chi uy", "tinh uy", "thanh uy", "huyen uy",
        "quan uy", "thi uy", "ban thuong vu", "ban chap hanh", "dang doan", "ban can su dang",
    ),
    number_prefix="Số ",
    number_example="Số 15-BC/CB",
    report_type_codes=("BC",),
    signature_prefixes=("T/M", "K/T", "T/L"),
    authority_expected=True,
    fonts=("Times New Roman",),
    body_sizes=Span(13, 15),
    margins={"top": Span(20, 25), "bottom": Span(20, 25), "left": Span(30, 35), "right": Span(15, 20)},
)

STATE = FormProfile(
    form="state",
    name=L("thể thức văn bản hành chính", "state administrative document form"),
    source="Nghị định 30/2020/NĐ-CP",
    banner="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto="Độc lập - Tự do - Hạnh phúc",
    star=False,
    superior_expected=False,
    issuer_cues=(
        "uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "so ", "bo ", "phong ",
        "truong ", "benh vien", "cong an", "toa an", "vien kiem sat",
    ),
    number_prefix="Số: ",
    number_example="Số: 12/BC-UBND",
    report_type_codes=("BC",),
    signature_prefixes=("TM.", "KT.", "TL.", "TUQ.", "Q."),
    authority_expected=False,
    fonts=("Times New Roman",),
    body_sizes=Span(13, 14),
    margins={"top": Span(20, 25), "bottom": Span(20, 25), "left": Span(30, 35), "right": Span(15, 20)},
)

PROFILES: dict[str, FormProfile] = {"party": PARTY, "state": STATE}

REPORT_TYPE = "BÁO CÁO"  # the document type a report carries under the header, in both forms
# Fonts that draw bullets and symbols, not text; they say nothing about the body's font.
SYMBOL_FONTS = ("Symbol", "Wingdings", "Webdings")


def detect_form(header: Header) -> Form | None:
    """The form the header shows: the banner decides; without one, the issuer's name or the
    number's shape; None when nothing points either way."""
    for profile in PROFILES.values():
        if header.banner and fold(profile.banner) in fold(header.banner):
            return profile.form
    if header.motto and fold(STATE.motto or "") == fold(header.motto):
        return STATE.form
    if header.star:
        return PARTY.form
    for profile in PROFILES.values():
        issuer = fold(header.issuing_body or header.superior_body or "")
        if issuer and issuer.startswith(profile.issuer_cues):
            return profile.form
    symbol = parse_symbol(header.number) if header.number else None
    return symbol.style if symbol and symbol.type_code else None
