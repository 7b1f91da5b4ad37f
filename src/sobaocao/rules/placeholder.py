"""Placeholder rule: a report sent with parts of the template still unfilled.

A report started from ``sobaocao template`` (or any office's own form) carries instructions in
square brackets ("[Nêu …]"), dotted blanks ("……"), a blank date line ("……, ngày … tháng …
năm …") and the customary sample signer "Nguyễn Văn A". Each one left in the report is reported
where it is, quoting it, so the annotated copy puts the comment right on it. The number and date
lines of the header are the exception: the form rules already say they are blank
(``document-number``, ``place-date``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..document import Block
from ..finding import Finding, Severity
from ..i18n import L, Localized
from ..parts import column_pieces
from .base import Context, Rule, shorten

PLACEHOLDER = Rule(
    "placeholder",
    Severity.warning,
    L("Còn chỗ của mẫu báo cáo chưa điền (lời dặn trong ngoặc vuông, dấu chấm để trống)",
      "Template placeholders left unfilled (bracketed instructions, dotted blanks)"),
)

RULES = (PLACEHOLDER,)

_BLANK = r"(?:…|\.{2,}|_{2,})+"  # what a form puts where something is to be written
_SAMPLE_NAME = r"^Nguyễn Văn A$"  # a whole line
# A lone "…" is left alone outside the date line: reports end open lists with it.
# Order matters: the whole date line before its dots, an instruction before dots inside it.
_PATTERN = re.compile(
    rf"(?P<date>(?:{_BLANK}\s*,\s*)?ngày\s*{_BLANK}\s*tháng\s*{_BLANK}\s*năm\s*(?:{_BLANK})?)"
    r"|(?P<instruction>\[\s*[^\W\d_][^\[\]]*\])"
    r"|(?P<blank>…(?:\s*…)+|\.{5,}|_{3,})"
    rf"|(?P<name>{_SAMPLE_NAME})",
    re.IGNORECASE,
)
_SAMPLE_NAME_LINE = re.compile(_SAMPLE_NAME, re.IGNORECASE)
SHOWN_CHARS = 60  # an instruction or a line quoted in a message is cut to this length

_HINTS: dict[str, Localized] = {
    "date": L("Ghi địa danh và ngày ký báo cáo, ví dụ “Yên Bái, ngày 05 tháng 7 năm 2022”.",
              "Write the place and the date the report is signed, e.g. “Yên Bái, ngày 05 tháng 7 năm 2022”."),
    "instruction": L("Viết nội dung của đơn vị vào chỗ này theo lời dặn trong ngoặc vuông, rồi xóa lời dặn "
                     "(cả hai dấu ngoặc).",
                     "Write your unit's content here as the bracketed instruction says, then delete the "
                     "instruction (brackets included)."),
    "name": L("Ghi họ tên người ký thay cho tên mẫu “Nguyễn Văn A”.",
              "Write the signer's name in place of the sample name “Nguyễn Văn A”."),
    "blank": L("Điền thông tin vào chỗ còn để trống (thay các dấu chấm).",
               "Fill in the blank (replace the dots)."),
}


def check(ctx: Context) -> Iterator[Finding]:
    header = ctx.document.header
    # Blanks in the header's number and date lines are the form rules' findings (document-number,
    # place-date): "Số ……/BC-UBND", "……, ngày … tháng … năm 2022" are not reported again here.
    form_lines = frozenset(line for line in (header.number, header.place_date) if line)
    for block in ctx.document.blocks:
        for text in _texts(block, form_lines if block.part == "header" else frozenset()):
            for match in _matches(text):
                yield _finding(block, match, text)


def placeholders(text: str) -> list[str]:
    """The placeholders in one line of text, as they are written."""
    return [match.group(0) for match in _matches(text)]


def _matches(text: str) -> Iterable[re.Match[str]]:
    """What ``_PATTERN.finditer(text)`` finds. Every placeholder but the sample name holds "…",
    "..", "__" or "[", and the name starts the text: looking for those (a substring search each,
    at C speed) and for the name at the start skips the full pattern on almost every text, which
    with its leading alternation is tried at every position."""
    if "…" in text or ".." in text or "__" in text or "[" in text or _SAMPLE_NAME_LINE.match(text) is not None:
        return _PATTERN.finditer(text)
    return ()


def _texts(block: Block, skipped: frozenset[str]) -> list[str]:
    """The texts of a block to search: its cells or its text; without the header lines in ``skipped``."""
    if block.kind == "table" and block.rows:
        texts = [cell for row in block.rows for cell in row if cell]
    else:
        texts = [block.text]
    if not skipped:
        return texts
    return [piece for text in texts for piece in column_pieces(text) if piece not in skipped]


def _finding(block: Block, match: re.Match[str], text: str) -> Finding:
    """``text`` is the line, cell or header piece the placeholder was found in, quoted around a blank."""
    kind = match.lastgroup
    quoted = match.group(0).strip()
    where = f" (mục {block.numbering_path})" if block.numbering_path else ""
    where_en = f" (section {block.numbering_path})" if block.numbering_path else ""
    if kind == "instruction":
        message = L(f"Còn lời dặn của mẫu chưa thay bằng nội dung{where}: “{shorten(quoted, SHOWN_CHARS)}”.",
                    f"A template instruction is still in place of the content{where_en}: “{shorten(quoted, SHOWN_CHARS)}”.")
    elif kind == "name":
        message = L(f"Phần ký còn tên mẫu “{quoted}”.", f"The signature still holds the sample name “{quoted}”.")
    elif kind == "date":
        message = L(f"Ngày tháng của báo cáo còn để trống: “{quoted}”.",
                    f"The report's date is still blank: “{quoted}”.")
    else:
        message = L(f"Còn chỗ để trống chưa điền{where}: “{quoted}” trong “{shorten(text, SHOWN_CHARS)}”.",
                    f"A blank is still unfilled{where_en}: “{quoted}” in “{shorten(text, SHOWN_CHARS)}”.")
    return PLACEHOLDER.finding(message, hint=_HINTS[kind], location=block.location(), excerpt=quoted)
