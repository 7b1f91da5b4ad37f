"""Form rules (thể thức): what a collecting office checks before it reads a report at all.

The expected form comes from the schema, or from the header when no schema names it; when
neither decides, every check accepts what either form accepts. The profiles' data lives in
``sobaocao.forms``; this module only compares the parsed report with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Block, Document, Location, Part
from ..finding import Finding, Severity
from ..forms import PROFILES, REPORT_TYPE, SYMBOL_FONTS, FormProfile, detect_form
from ..i18n import L, Lang
from ..parts import authority_prefix, column_pieces, read_place_date
from ..vietnamese.legacy import encoding_of_font
from ..vietnamese.text import fold, normalize, parse_symbol
from .base import Context, Rule

MISSING_BANNER = Rule(
    "missing-banner",
    Severity.error,
    L("Thiếu tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” hoặc Quốc hiệu và Tiêu ngữ",
      "No Party banner, or no national title and motto"),
)
MISSING_ISSUER = Rule(
    "missing-issuer",
    Severity.error,
    L("Thiếu tên cơ quan ban hành ở góc trên bên trái", "No issuing body at the top left"),
)
DOCUMENT_NUMBER = Rule(
    "document-number",
    Severity.error,
    L("Số và ký hiệu văn bản thiếu, để trống hoặc viết sai mẫu",
      "Document number and symbol missing, blank or malformed"),
)
MISSING_PLACE_DATE = Rule(
    "missing-place-date",
    Severity.error,
    L("Thiếu dòng địa danh, ngày tháng năm", "No place and date line"),
)
PLACE_DATE = Rule(
    "place-date",
    Severity.warning,
    L("Dòng địa danh, ngày tháng năm không đọc được hoặc viết sai mẫu",
      "Place and date line unreadable or not in the prescribed shape"),
)
MISSING_DOCUMENT_TYPE = Rule(
    "missing-document-type",
    Severity.error,
    L("Thiếu tên loại văn bản “BÁO CÁO”", "No document type “BÁO CÁO”"),
)
TITLE_MISMATCH = Rule(
    "title-mismatch",
    Severity.warning,
    L("Trích yếu không nêu nội dung mà công văn yêu cầu báo cáo",
      "The title does not name what the request letter asks for"),
)
MISSING_SIGNATURE = Rule(
    "missing-signature",
    Severity.error,
    L("Thiếu hoặc chưa đủ phần ký (quyền hạn, chức vụ, họ tên)",
      "Signature block missing or incomplete (authority, position, name)"),
)
MISSING_RECIPIENTS = Rule(
    "missing-recipients",
    Severity.warning,
    L("Thiếu mục “Nơi nhận”", "No list of recipients (“Nơi nhận”)"),
)
FONT = Rule(
    "font",
    Severity.warning,
    L("Phông chữ không phải Times New Roman (Unicode)", "Body text not in Times New Roman (Unicode)"),
)
FONT_SIZE = Rule(
    "font-size",
    Severity.warning,
    L("Cỡ chữ phần nội dung nằm ngoài mức thể thức quy định", "Body font size outside the form's range"),
)
MARGINS = Rule(
    "margins",
    Severity.warning,
    L("Lề trang nằm ngoài mức thể thức quy định", "Page margins outside the form's ranges"),
)
TRACKED_CHANGES = Rule(
    "tracked-changes",
    Severity.warning,
    L("Tệp còn nội dung sửa đổi được theo dõi chưa chấp nhận", "Unaccepted tracked changes remain"),
)
COMMENTS_PRESENT = Rule(
    "comments-present",
    Severity.info,
    L("Tệp còn chú thích (comment)", "The file still holds comments"),
)

RULES = (
    MISSING_BANNER, MISSING_ISSUER, DOCUMENT_NUMBER, MISSING_PLACE_DATE, PLACE_DATE,
    MISSING_DOCUMENT_TYPE, TITLE_MISMATCH, MISSING_SIGNATURE, MISSING_RECIPIENTS, FONT, FONT_SIZE,
    MARGINS, TRACKED_CHANGES, COMMENTS_PRESENT,
)

FOREIGN_FONT_SHARE = 0.02  # below this share of body characters another font is a stray run
# Margins set in centimetres or inches in Word land a few tenths of a millimetre off the round
# figure (1,5 cm is stored as 850 twips, 14,99 mm); that is not a form error.
MARGIN_TOLERANCE_MM = 0.5
_PLACEHOLDER = re.compile(r"[.…_]{2,}|…")  # dots or underscores left where the number goes
_COLON_AFTER_NUMBER_WORD = re.compile(r"số\s*:", re.IGNORECASE)  # "Số:" (state form), not "Số" (Party)
_SIDES = {
    "top": ("lề trên", "top"),
    "bottom": ("lề dưới", "bottom"),
    "left": ("lề trái", "left"),
    "right": ("lề phải", "right"),
}


def check(ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    form = ctx.form or detect_form(document.header)
    profiles = [PROFILES[form]] if form else list(PROFILES.values())
    yield from _banner(document, profiles, known=form is not None)
    yield from _issuer(document, profiles)
    yield from _number(document, profiles)
    yield from _place_date(document)
    yield from _document_type(document)
    yield from _title(ctx)
    yield from _signature(document, profiles)
    yield from _recipients(document)
    yield from _fonts(document, profiles)
    yield from _font_size(document, profiles)
    yield from _margins(document, profiles)
    yield from _revisions(document)


# --- where and how to quote ---------------------------------------------------------------------


def _located(document: Document, text: str, part: Part) -> Location:
    """The location of the header or closing block that shows ``text`` (or its first line)."""
    indexes = set(document.header.blocks if part == "header" else document.closing.blocks)
    for block in document.blocks:
        if block.index in indexes and any(text.startswith(piece) for piece in column_pieces(block.text)):
            return block.location()
    return Location(part=part)


def _either(values: list[str], lang: Lang = "vi") -> str:
    """Quoted alternatives: “T/M” hoặc “K/T” / “T/M” or “K/T”."""
    return (" hoặc " if lang == "vi" else " or ").join(f"“{value}”" for value in dict.fromkeys(values))


def _first_body_block(document: Document) -> Block | None:
    return next((block for block in document.blocks if block.part == "body" and block.text.strip()), None)


# --- header -------------------------------------------------------------------------------------


def _banner(document: Document, profiles: list[FormProfile], *, known: bool) -> Iterator[Finding]:
    header = document.header
    if not known:
        yield MISSING_BANNER.finding(
            L("Đầu trang không có tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” (văn bản của Đảng) hay Quốc hiệu "
              "“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” (văn bản hành chính), nên không xác định được "
              "báo cáo theo thể thức nào.",
              "The top of the first page has neither the Party banner “ĐẢNG CỘNG SẢN VIỆT NAM” nor the "
              "national title “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, so the form cannot be told."),
            hint=L("Thêm tiêu đề ở góc trên bên phải trang đầu, theo thể thức đơn vị phải dùng.",
                   "Add the banner at the top right of the first page, in the form your unit must use."),
            location=Location(part="header"),
        )
        return
    profile = profiles[0]
    if header.banner is None or fold(profile.banner) not in fold(header.banner):
        found = f" Đầu trang ghi “{header.banner}”." if header.banner else ""
        found_en = f" The top of the page reads “{header.banner}”." if header.banner else ""
        yield MISSING_BANNER.finding(
            L(f"Báo cáo theo {profile.name.vi} phải có dòng “{profile.banner}” ở góc trên bên phải "
              f"trang đầu.{found}",
              f"A report in the {profile.name.en} must carry “{profile.banner}” at the top right of "
              f"the first page.{found_en}"),
            hint=L(f"Ghi “{profile.banner}” (chữ in hoa, đậm) ở góc trên bên phải, theo {profile.source}.",
                   f"Write “{profile.banner}” (capitals, bold) at the top right, as {profile.source} prescribes."),
            location=_located(document, header.banner, "header") if header.banner else Location(part="header"),
            excerpt=header.banner,
        )
    if profile.motto and (header.motto is None or fold(header.motto) != fold(profile.motto)):
        yield MISSING_BANNER.finding(
            L(f"Thiếu Tiêu ngữ “{profile.motto}” dưới Quốc hiệu.",
              f"The motto “{profile.motto}” is missing under the national title."),
            hint=L(f"Ghi “{profile.motto}” ngay dưới Quốc hiệu, căn giữa.",
                   f"Write “{profile.motto}” right under the national title, centred."),
            location=Location(part="header"),
            excerpt=header.motto,
        )


def _issuer(document: Document, profiles: list[FormProfile]) -> Iterator[Finding]:
    header = document.header
    if header.issuing_body is None:
        yield MISSING_ISSUER.finding(
            L("Không thấy tên cơ quan ban hành báo cáo ở góc trên bên trái trang đầu.",
              "No issuing body at the top left of the first page."),
            hint=L("Ghi tên cơ quan, tổ chức ban hành (chữ in hoa) ở góc trên bên trái, phía trên số ký hiệu.",
                   "Write the issuing body's name (capitals) at the top left, above the number."),
            location=Location(part="header"),
        )
        return
    where = _located(document, header.issuing_body, "header")
    if header.superior_body is None and all(profile.superior_expected for profile in profiles):
        yield MISSING_ISSUER.finding(
            L(f"Trên tên cơ quan ban hành “{header.issuing_body}” không có tên cấp ủy cấp trên trực tiếp.",
              f"No superior body is written above the issuing body “{header.issuing_body}”."),
            hint=L("Nếu đơn vị có cấp ủy cấp trên trực tiếp, ghi tên cấp trên (ví dụ “ĐẢNG BỘ TỈNH YÊN BÁI”) "
                   "ở dòng trên tên đơn vị.",
                   "If your unit has a direct superior body, write its name (e.g. “ĐẢNG BỘ TỈNH YÊN BÁI”) on "
                   "the line above."),
            location=where,
            excerpt=header.issuing_body,
            severity=Severity.info,
        )
    if not header.star and all(profile.star for profile in profiles):
        yield MISSING_ISSUER.finding(
            L(f"Dưới tên cơ quan ban hành “{header.issuing_body}” thiếu dấu sao (*).",
              f"The star (*) under the issuing body “{header.issuing_body}” is missing."),
            hint=L("Thêm một dấu * căn giữa dưới tên cơ quan ban hành.",
                   "Add one centred * under the issuing body's name."),
            location=where,
            excerpt=header.issuing_body,
            severity=Severity.info,
        )


def _number(document: Document, profiles: list[FormProfile]) -> Iterator[Finding]:
    raw = document.header.number
    examples = [profile.number_example for profile in profiles]
    if raw is None:
        yield DOCUMENT_NUMBER.finding(
            L(f"Thiếu số và ký hiệu văn bản (dòng “Số …”, ví dụ {_either(examples)}).",
              f"No document number and symbol (the “Số …” line, e.g. {_either(examples, 'en')})."),
            hint=L("Ghi số và ký hiệu dưới tên cơ quan ban hành; số do văn thư cấp khi phát hành.",
                   "Write the number and symbol under the issuing body; the registry gives the number."),
            location=Location(part="header"),
        )
        return
    text = normalize(raw)
    where = _located(document, text, "header")
    symbol = parse_symbol(_PLACEHOLDER.sub(" ", text))
    if symbol is not None and not symbol.number:
        yield DOCUMENT_NUMBER.finding(
            L(f"Số văn bản còn để trống: “{text}”.", f"The document number is left blank: “{text}”."),
            hint=L("Lấy số tại văn thư và ghi vào trước khi gửi báo cáo.",
                   "Get the number from the registry and fill it in before sending the report."),
            location=where,
            excerpt=text,
            severity=Severity.warning,
        )
        return
    if symbol is None:
        yield DOCUMENT_NUMBER.finding(
            L(f"Không đọc được số và ký hiệu “{text}”; mẫu đúng: {_either(examples)}.",
              f"Cannot read the number and symbol “{text}”; expected e.g. {_either(examples, 'en')}."),
            hint=L("Ghi số, tên loại viết tắt (BC) và tên cơ quan viết tắt đúng mẫu.",
                   "Write the number, the type code (BC) and the issuer's code in the prescribed pattern."),
            location=where,
            excerpt=text,
            severity=Severity.warning,
        )
        return
    matching = [profile for profile in profiles if profile.form == symbol.style]
    if not matching:
        profile = profiles[0]
        yield DOCUMENT_NUMBER.finding(
            L(f"Số và ký hiệu “{text}” không viết theo {profile.name.vi}; mẫu đúng: “{profile.number_example}”.",
              f"The number “{text}” does not follow the {profile.name.en}; expected e.g. “{profile.number_example}”."),
            hint=L(f"Viết lại theo mẫu của {profile.source}.", f"Rewrite it as {profile.source} prescribes."),
            location=where,
            excerpt=text,
            severity=Severity.warning,
        )
        return
    profile = matching[0]
    if symbol.type_code not in profile.report_type_codes:
        codes = ", ".join(profile.report_type_codes)
        yield DOCUMENT_NUMBER.finding(
            L(f"Ký hiệu “{symbol.text}” không phải ký hiệu của báo cáo (báo cáo dùng “{codes}”).",
              f"The symbol “{symbol.text}” is not a report's (reports use “{codes}”)."),
            hint=L(f"Nếu đây là báo cáo, sửa tên loại viết tắt thành “{codes}”, ví dụ “{profile.number_example}”.",
                   f"If this is a report, use the type code “{codes}”, e.g. “{profile.number_example}”."),
            location=where,
            excerpt=text,
            severity=Severity.warning,
        )
        return
    expected = profile.number_prefix + symbol.text
    if text != expected:
        colon = L("", "")
        wanted = ":" in profile.number_prefix
        if wanted != bool(_COLON_AFTER_NUMBER_WORD.match(text)):
            colon = (L("có dấu hai chấm sau “Số”, ", "a colon after “Số”, ") if wanted
                     else L("không có dấu hai chấm sau “Số”, ", "no colon after “Số”, "))
        yield DOCUMENT_NUMBER.finding(
            L(f"Số và ký hiệu “{text}” nên viết đúng mẫu: “{expected}”.",
              f"Write the number and symbol “{text}” as “{expected}”."),
            hint=L(f"Theo {profile.source}: {colon.vi}không thừa dấu cách, dùng dấu gạch nối (-) thường, "
                   "không dùng gạch dài.",
                   f"Per {profile.source}: {colon.en}no extra spaces, a plain hyphen (-), not an en dash."),
            location=where,
            excerpt=text,
            severity=Severity.info,
        )


def _place_date(document: Document) -> Iterator[Finding]:
    header = document.header
    if header.place_date is None:
        yield MISSING_PLACE_DATE.finding(
            L("Thiếu dòng địa danh và ngày tháng năm ban hành (ví dụ “Yên Bái, ngày 05 tháng 7 năm 2022”).",
              "No place and date line (e.g. “Yên Bái, ngày 05 tháng 7 năm 2022”)."),
            hint=L("Ghi địa danh, ngày tháng năm (chữ nghiêng) dưới tiêu đề ở góc trên bên phải.",
                   "Write the place and date (italics) under the banner at the top right."),
            location=Location(part="header"),
        )
        return
    text = header.place_date
    parsed = read_place_date(text)
    where = _located(document, text, "header")

    def finding(vi: str, en: str, hint_vi: str, hint_en: str, severity: Severity | None = None) -> Finding:
        return PLACE_DATE.finding(
            L(vi, en), hint=L(hint_vi, hint_en), location=where, excerpt=text, severity=severity
        )

    if parsed is None or (parsed.date is None and parsed.day is not None):
        yield finding(
            f"Không đọc được ngày tháng năm trong “{text}”.",
            f"Cannot read the date in “{text}”.",
            "Ghi đủ và đúng ngày, tháng, năm, ví dụ “Yên Bái, ngày 05 tháng 7 năm 2022”.",
            "Write a valid day, month and year, e.g. “Yên Bái, ngày 05 tháng 7 năm 2022”.",
        )
        return
    if parsed.date is None:
        yield finding(
            f"Ngày ban hành còn để trống: “{text}”.",
            f"The date is left blank: “{text}”.",
            "Ghi ngày ký báo cáo trước khi gửi.",
            "Fill in the date the report is signed before sending it.",
        )
        return
    if parsed.numeric:
        yield finding(
            f"Ngày tháng viết bằng số “{text}”; thể thức ghi “ngày … tháng … năm …”.",
            f"The date is written in figures “{text}”; the form writes “ngày … tháng … năm …”.",
            f"Viết lại: “{parsed.place}, {_date_words(parsed.day, parsed.month, parsed.year)}”.",
            f"Rewrite: “{parsed.place}, {_date_words(parsed.day, parsed.month, parsed.year)}”.",
        )
        return
    if parsed.place is None:
        yield finding(
            f"Thiếu địa danh trước ngày tháng: “{text}”.",
            f"No place name before the date: “{text}”.",
            "Ghi tên địa danh nơi cơ quan đóng trụ sở, ví dụ “Yên Bái, ngày …”.",
            "Write the place where the office sits, e.g. “Yên Bái, ngày …”.",
        )
    unpadded = (parsed.day < 10 and len(parsed.day_text or "") < 2) or (
        parsed.month < 3 and len(parsed.month_text or "") < 2
    )
    if unpadded:
        yield finding(
            f"Ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 ở trước: “{text}”.",
            f"Days below 10 and months 1 and 2 take a leading zero: “{text}”.",
            f"Ghi thêm số 0: “{_date_words(parsed.day, parsed.month, parsed.year)}”.",
            f"Add the zero: “{_date_words(parsed.day, parsed.month, parsed.year)}”.",
            Severity.info,
        )


def _date_words(day: int, month: int, year: int) -> str:
    """The date as the form writes it: a zero before a day below 10 and before months 1 and 2
    only ("ngày 05 tháng 7", "ngày 15 tháng 02")."""
    return f"ngày {day:02d} tháng {month:0{2 if month < 3 else 1}d} năm {year}"


def _document_type(document: Document) -> Iterator[Finding]:
    found = document.header.document_type
    if found is not None and fold(found) == fold(REPORT_TYPE):
        return
    where = _located(document, found, "header") if found else Location(part="header")
    if found is None:
        message = L(f"Không thấy tên loại văn bản “{REPORT_TYPE}” ở đầu báo cáo.",
                    f"The document type “{REPORT_TYPE}” is missing from the top of the report.")
    else:
        message = L(f"Tên loại văn bản là “{found}”, không phải “{REPORT_TYPE}”.",
                    f"The document type is “{found}”, not “{REPORT_TYPE}”.")
    yield MISSING_DOCUMENT_TYPE.finding(
        message,
        hint=L(f"Ghi “{REPORT_TYPE}” (chữ in hoa, đậm, căn giữa) phía trên trích yếu nội dung.",
               f"Write “{REPORT_TYPE}” (capitals, bold, centred) above the title."),
        location=where,
        excerpt=found,
    )


def _title(ctx: Context) -> Iterator[Finding]:
    header = ctx.document.header
    keywords = ctx.schema.identify.keywords if ctx.schema else []
    if not keywords or header.document_type is None:
        return
    wanted = _either(keywords)
    if header.title is None:
        block = _first_body_block(ctx.document)
        yield TITLE_MISMATCH.finding(
            L(f"Dưới chữ “{header.document_type}” không có trích yếu nội dung; trích yếu phải nêu {wanted}.",
              f"No title under “{header.document_type}”; it must name {_either(keywords, 'en')}."),
            hint=L(f"Thêm trích yếu (chữ đậm, căn giữa) nêu rõ nội dung báo cáo, ví dụ có cụm {wanted}.",
                   f"Add a bold, centred title naming the subject, e.g. with {_either(keywords, 'en')}."),
            location=block.location() if block else Location(part="header"),
        )
        return
    if not ctx.schema_fits:
        return  # wrong-schema already says the title and opening do not name the letter
    title = f" {fold(header.title)} "
    if any(f" {fold(keyword)} " in title for keyword in keywords):
        return
    yield TITLE_MISMATCH.finding(
        L(f"Trích yếu “{header.title}” không nêu nội dung mà {ctx.schema.source.number} yêu cầu "
          f"(cần có {wanted}).",
          f"The title “{header.title}” does not name what {ctx.schema.source.number} asks for "
          f"(expected {_either(keywords, 'en')})."),
        hint=L("Sửa trích yếu cho khớp với nội dung công văn yêu cầu báo cáo, hoặc kiểm tra lại báo cáo "
               "có gửi đúng yêu cầu không.",
               "Make the title name what the request letter asks for, or check that this is the right report."),
        location=_located(ctx.document, header.title, "header"),
        excerpt=header.title,
    )


# --- closing ------------------------------------------------------------------------------------


def _signature(document: Document, profiles: list[FormProfile]) -> Iterator[Finding]:
    signature = document.closing.signature
    if signature is None:
        authority = [f"{profile.signature_prefixes[0]} …" for profile in profiles]
        yield MISSING_SIGNATURE.finding(
            L(f"Không thấy phần ký ở cuối báo cáo (quyền hạn như {_either(authority)}, chức vụ, họ tên người ký).",
              f"No signature block at the end (authority such as {_either(authority, 'en')}, position, signer's name)."),
            hint=L("Thêm phần ký ở cuối, bên phải: quyền hạn, chức vụ, chữ ký, họ tên người ký.",
                   "Add the signature block at the bottom right: authority, position, signature, name."),
            location=Location(part="closing"),
        )
        return
    first = signature.lines[0]
    where = _located(document, first, "closing")
    prefixes = [prefix for profile in profiles for prefix in profile.signature_prefixes]

    def incomplete(vi: str, en: str, hint_vi: str, hint_en: str) -> Finding:
        return MISSING_SIGNATURE.finding(
            L(vi, en), hint=L(hint_vi, hint_en), location=where, excerpt=" / ".join(signature.lines),
            severity=Severity.warning,
        )

    if signature.authority is None:
        if all(profile.authority_expected for profile in profiles):
            yield incomplete(
                f"Phần ký thiếu dòng quyền hạn ({_either(prefixes)} …).",
                f"The signature block has no authority line ({_either(prefixes, 'en')} …).",
                "Ghi quyền hạn ký, ví dụ “T/M BAN CHẤP HÀNH” hoặc “T/M CHI BỘ”, phía trên chức vụ.",
                "Write the authority, e.g. “T/M BAN CHẤP HÀNH” or “T/M CHI BỘ”, above the position.",
            )
    else:
        if authority_prefix(signature.authority) not in prefixes:
            yield incomplete(
                f"Quyền hạn ký “{signature.authority}” không viết đúng mẫu; dùng {_either(prefixes)}.",
                f"The authority “{signature.authority}” is not in the prescribed shape; use "
                f"{_either(prefixes, 'en')}.",
                "Viết tắt quyền hạn đúng như mẫu của thể thức (ví dụ văn bản Đảng “T/M”, văn bản hành chính “TM.”).",
                "Abbreviate the authority as the form does (Party “T/M”, state “TM.”).",
            )
    if signature.position is None:
        yield incomplete(
            "Phần ký thiếu chức vụ người ký (ví dụ “BÍ THƯ”, “CHỦ TỊCH”).",
            "The signature block has no position (e.g. “BÍ THƯ”, “CHỦ TỊCH”).",
            "Ghi chức vụ (chữ in hoa) dưới dòng quyền hạn.",
            "Write the position (capitals) under the authority line.",
        )
    if signature.name is None:
        yield incomplete(
            "Phần ký thiếu họ tên người ký.",
            "The signature block has no signer's name.",
            "Ghi đủ họ tên người ký (chữ đậm) dưới chữ ký.",
            "Write the signer's full name (bold) under the signature.",
        )


def _recipients(document: Document) -> Iterator[Finding]:
    closing = document.closing
    if closing.recipients_heading is None:
        yield MISSING_RECIPIENTS.finding(
            L("Không thấy mục “Nơi nhận:” ở cuối báo cáo.", "No “Nơi nhận:” (recipients) list at the end."),
            hint=L("Thêm “Nơi nhận:” ở góc dưới bên trái, liệt kê nơi gửi và “- Lưu …”.",
                   "Add “Nơi nhận:” at the bottom left, listing the recipients and “- Lưu …” (file copy)."),
            location=Location(part="closing"),
        )
    elif not closing.recipients:
        yield MISSING_RECIPIENTS.finding(
            L("Mục “Nơi nhận:” chưa ghi nơi nhận nào.", "The “Nơi nhận:” list is empty."),
            hint=L("Liệt kê từng nơi nhận sau dấu gạch đầu dòng, dòng cuối là nơi lưu văn bản.",
                   "List each recipient after a dash; the last line is the file copy (“- Lưu …”)."),
            location=_located(document, closing.recipients_heading, "closing"),
            excerpt=closing.recipients_heading,
        )


# --- file facts ---------------------------------------------------------------------------------


def _fonts(document: Document, profiles: list[FormProfile]) -> Iterator[Finding]:
    facts = document.facts
    expected = {font for profile in profiles for font in profile.fonts}
    total = sum(facts.fonts.values())
    foreign = {
        name: count
        for name, count in facts.fonts.items()
        if name not in expected and name not in SYMBOL_FONTS and encoding_of_font(name) is None
    }
    if total and sum(foreign.values()) / total > FOREIGN_FONT_SHARE:
        share = round(100 * sum(foreign.values()) / total)
        ranked = sorted(foreign, key=foreign.get, reverse=True)
        names = ", ".join(f"“{name}”" for name in ranked)
        wanted = _either(sorted(expected))
        yield FONT.finding(
            L(f"{share}% chữ của báo cáo dùng phông {names}, không phải {wanted}.",
              f"{share}% of the report's text is in {names}, not {_either(sorted(expected), 'en')}."),
            hint=L(f"Chọn toàn bộ văn bản (Ctrl+A) và đặt phông {wanted}.",
                   f"Select all (Ctrl+A) and set the font to {_either(sorted(expected), 'en')}."),
            excerpt=", ".join(ranked),
        )
    if facts.legacy_encodings:
        encodings = ", ".join(code.upper() for code in facts.legacy_encodings)
        yield FONT.finding(
            L(f"Báo cáo có chữ gõ bằng phông cũ ({encodings}); sobaocao đã chuyển sang Unicode để kiểm tra.",
              f"The report has text in legacy fonts ({encodings}); sobaocao converted it to Unicode for the checks."),
            hint=L("Chuyển mã toàn bộ văn bản sang Unicode (ví dụ bằng Unikey) và dùng phông Times New Roman.",
                   "Convert the whole document to Unicode (e.g. with Unikey) and use Times New Roman."),
            severity=Severity.info,
        )


def _font_size(document: Document, profiles: list[FormProfile]) -> Iterator[Finding]:
    sizes = document.facts.font_sizes
    if not sizes:
        return
    dominant = max(sizes, key=sizes.get)
    if any(dominant in profile.body_sizes for profile in profiles):
        return
    spans = " hoặc ".join(str(profile.body_sizes) for profile in profiles)
    spans_en = " or ".join(str(profile.body_sizes) for profile in profiles)
    yield FONT_SIZE.finding(
        L(f"Cỡ chữ phần nội dung chủ yếu là {dominant:g}; thể thức quy định cỡ {spans}.",
          f"The body text is mostly {dominant:g} pt; the form prescribes {spans_en} pt."),
        hint=L(f"Đặt cỡ chữ phần nội dung trong khoảng {spans}.", f"Set the body text to {spans_en} pt."),
        excerpt=f"{dominant:g} pt",
    )


def _margins(document: Document, profiles: list[FormProfile]) -> Iterator[Finding]:
    margins = document.facts.margins
    if margins is None:
        return
    outside = [
        side
        for side in _SIDES
        if not any(profile.margins[side].holds(getattr(margins, side), MARGIN_TOLERANCE_MM) for profile in profiles)
    ]
    if not outside:
        return
    profile = profiles[0]
    found_vi = ", ".join(f"{_SIDES[side][0]} {getattr(margins, side):g} mm" for side in outside)
    found_en = ", ".join(f"{_SIDES[side][1]} {getattr(margins, side):g} mm" for side in outside)
    wanted_vi = ", ".join(f"{_SIDES[side][0]} {profile.margins[side]} mm" for side in outside)
    wanted_en = ", ".join(f"{_SIDES[side][1]} {profile.margins[side]} mm" for side in outside)
    yield MARGINS.finding(
        L(f"Lề trang ngoài mức thể thức: {found_vi} (nên là {wanted_vi}).",
          f"Page margins outside the form: {found_en} (expected {wanted_en})."),
        hint=L("Chỉnh lề trong Bố cục (Layout) > Lề (Margins) > Lề tùy chỉnh.",
               "Set them in Layout > Margins > Custom Margins."),
        excerpt=found_vi,
    )


def _revisions(document: Document) -> Iterator[Finding]:
    facts = document.facts
    if facts.revisions:
        yield TRACKED_CHANGES.finding(
            L(f"Tệp còn {facts.revisions} chỗ sửa đổi được theo dõi (Track Changes) chưa chấp nhận; "
              "sobaocao đã kiểm tra bản như khi chấp nhận hết.",
              f"The file still holds {facts.revisions} tracked changes; sobaocao checked the text as if "
              "all were accepted."),
            hint=L("Vào Xem lại (Review), chấp nhận hoặc từ chối mọi thay đổi rồi tắt theo dõi trước khi gửi.",
                   "In Review, accept or reject every change and turn tracking off before sending."),
        )
    if facts.comments:
        yield COMMENTS_PRESENT.finding(
            L(f"Tệp còn {facts.comments} chú thích (comment).", f"The file still holds {facts.comments} comments."),
            hint=L("Xóa các chú thích trước khi gửi báo cáo (Xem lại > Xóa).",
                   "Delete the comments before sending (Review > Delete)."),
        )
