"""A report template (mẫu báo cáo) for a schema: the form and every section, ready to fill in.

Units that start from the template cannot forget a section or get the form wrong: the header
and closing follow the schema's form (Party: Hướng dẫn 36-HD/VPTW; state: Nghị định
30/2020/NĐ-CP), each section the letter asks for is a heading numbered by Word itself (I., 1.,
a)), and each item holds a short placeholder in square brackets with what the letter asks.
Everything still to be written is a placeholder the ``placeholder`` rule finds, so checking a
half-filled template says exactly what is left.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from .errors import ExistingOutputError
from .forms import PROFILES, REPORT_TYPE
from .i18n import L, Lang, Localized
from .output import write_output
from .schema import Schema, Section
from .vietnamese.text import SUBJECT_MARK, find_symbols, without_subject_mark

FONT = "Times New Roman"
BODY_SIZE = 14
BLANK = "……"  # a dotted blank to fill in; the placeholder rule finds it
SAMPLE_SIGNER = "Nguyễn Văn A"  # the customary sample name of Vietnamese forms
# Numbering levels of the headings (Roman parts, decimal headings, letter sub-headings) and of
# the items below them (a dash), as Hướng dẫn 36 and Nghị định 30 write them.
_LEVELS = (("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"))
HEADING_LEVELS = 3  # deeper sections are dash items with their placeholder on the same line

_DESCRIBE = L("Nêu", "Describe")
_ONLY_UNITS = L("chỉ các đơn vị: {units}; đơn vị khác xóa mục này", "only for: {units}; other units delete this item")
_OPTIONAL = L("không bắt buộc", "optional")
_UNIT = L("tên đơn vị", "your unit's name")
_STORED = L("nơi lưu", "where the file copy is kept")


@dataclass(frozen=True)
class _Line:
    """One line of the header or closing, with its look."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float = BODY_SIZE


def build_template(schema: Schema, lang: Lang = "vi") -> bytes:
    """The .docx template of a report answering ``schema``, as bytes.

    The report's own words stay Vietnamese; ``lang`` is the language of the bracketed
    instructions that tell the writer what to put where.
    """
    return _Writer(schema, lang).build()


def save_template(schema: Schema, out_path: str | Path, lang: Lang = "vi", *, overwrite: bool = False) -> Path:
    """Write the template of ``schema`` to ``out_path``. An existing file is kept unless
    ``overwrite``: it may be a template someone has already started filling in."""
    out_path = Path(out_path)
    if out_path.exists() and not overwrite:
        raise ExistingOutputError(
            f"Tệp «{out_path}» đã có nên mẫu không ghi đè lên (ghi đè thì nội dung đã điền trong tệp đó sẽ mất). "
            "Hãy chọn tên tệp khác.",
            f"'{out_path}' already exists, so the template is not written over it (whatever was filled "
            "in there would be lost). Choose another name.",
            path=str(out_path),
        )
    write_output(out_path, build_template(schema, lang), what=L("mẫu báo cáo", "report template"))
    return out_path


class _Writer:
    """Writes one template with python-docx: a new document, so nothing of a user's file is at stake."""

    def __init__(self, schema: Schema, lang: Lang) -> None:
        self.schema, self.lang = schema, lang
        self.profile = PROFILES[schema.form]
        self.document = docx.Document()
        self._set_page_and_styles()
        self.num_id = self._add_numbering()

    def build(self) -> bytes:
        schema = self.schema
        left, right = self._header_lines()
        self._two_columns(left, right, (Mm(75), Mm(90)), WD_ALIGN_PARAGRAPH.CENTER)
        self._line(self.document, _Line(""))
        self._line(self.document, _Line(REPORT_TYPE, bold=True, size=16))
        self._line(self.document, _Line(schema.title, bold=True))
        if schema.form == "party":
            self._line(self.document, _Line("-----"))
        self._body(self._opening())
        for section in schema.sections:
            self._section(section, 0)
        self._body(f"Trên đây là báo cáo {_sentence_case(schema.title)} của {self._note(_UNIT)}./.")
        self._line(self.document, _Line(""))
        self._two_columns(self._recipients(), self._signature(), (Mm(80), Mm(85)), WD_ALIGN_PARAGRAPH.LEFT)
        properties = self.document.core_properties
        properties.title = f"{REPORT_TYPE} {schema.title}"
        properties.author = properties.last_modified_by = "sobaocao"
        properties.comments = f"Mẫu báo cáo theo {schema.source.number} (schema {schema.id})"
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # --- the form ------------------------------------------------------------------------------

    def _header_lines(self) -> tuple[list[_Line], list[_Line]]:
        if self.schema.form == "party":
            left = [
                _Line(f"ĐẢNG BỘ {BLANK}"),
                _Line(f"CHI BỘ {BLANK}", bold=True),
                _Line("*"),
                _Line("Số      -BC/CB"),
            ]
            right = [_Line(self.profile.banner, bold=True, underline=True, size=15), _Line(""), self._date_line()]
        else:
            left = [
                _Line("[TÊN CƠ QUAN CHỦ QUẢN, NẾU CÓ]", size=13),
                _Line(f"ỦY BAN NHÂN DÂN {BLANK}", bold=True, size=13),
                _Line("Số:      /BC-UBND", size=13),
            ]
            right = [
                _Line(self.profile.banner, bold=True, size=13),
                _Line(self.profile.motto or "", bold=True),
                self._date_line(),
            ]
        return left, right

    def _date_line(self) -> _Line:
        """Place and date left blank; the year is the one the report is due in."""
        due = self.schema.submission.start if self.schema.submission else self.schema.source.date
        return _Line(f"{BLANK}, ngày … tháng … năm {due.year}", italic=True)

    def _recipients(self) -> list[_Line]:
        issuer = self.schema.source.issuer
        if self.schema.form == "party":
            return [
                _Line("Nơi nhận:", underline=True),
                _Line(f"- {issuer} (b/c),", size=12),
                _Line(f"- Lưu {self._note(_STORED)}.", size=12),
            ]
        return [
            _Line("Nơi nhận:", bold=True, italic=True, size=12),
            _Line(f"- {issuer};", size=11),
            _Line(f"- Lưu: VT, {self._note(_STORED)}.", size=11),
        ]

    def _signature(self) -> list[_Line]:
        if self.schema.form == "party":
            lines = [_Line("T/M CHI BỘ", bold=True), _Line("BÍ THƯ", bold=True)]
        else:
            lines = [_Line("TM. ỦY BAN NHÂN DÂN", bold=True), _Line("CHỦ TỊCH", bold=True)]
        return [*lines, _Line(""), _Line(""), _Line(SAMPLE_SIGNER, bold=True)]

    def _opening(self) -> str:
        source = self.schema.source
        subject = (source.subject or "").strip()
        if SUBJECT_MARK.match(subject):
            subject = "về việc " + without_subject_mark(subject)
        period = self.schema.period
        about = f" {subject}" if subject else ""
        return (
            f"Thực hiện {_letter_kind(source.number)} số {source.number}, ngày {source.date:%d/%m/%Y} của {source.issuer}{about}, "
            f"{self._note(_UNIT)} báo cáo kết quả từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y} "
            "như sau:"
        )

    # --- sections ----------------------------------------------------------------------------

    def _section(self, section: Section, depth: int) -> None:
        if depth >= HEADING_LEVELS:  # a dash item; items below it follow as dash items too
            paragraph = self._body(f"{section.title}: {self._placeholder(section)}")
            self._number(paragraph, HEADING_LEVELS)
        else:
            text = section.title.upper() if depth == 0 else section.title
            paragraph = self.document.add_paragraph()
            self._run(paragraph, text, bold=True, italic=depth == 2)
            paragraph.paragraph_format.keep_with_next = True
            self._number(paragraph, depth)
            if not section.sections:
                self._body(self._placeholder(section))
            elif section.condition or not section.required:
                self._body(self._note(self._conditions(section)))
        for child in section.sections:
            self._section(child, depth + 1)

    def _placeholder(self, section: Section) -> str:
        asked = (section.guidance or section.title).strip().rstrip(".")
        conditions = self._conditions(section)
        return self._note(L(f"{_DESCRIBE.vi}: {asked}", f"{_DESCRIBE.en}: {asked}"), conditions)

    def _conditions(self, section: Section) -> Localized:
        """What limits who writes the section: the units it is asked of, or that it is optional."""
        notes = []
        if section.condition:
            units = {unit.id: unit.names[0] for unit in self.schema.units}
            names = ", ".join(units.get(unit_id, unit_id) for unit_id in section.condition.units)
            notes.append(L(_ONLY_UNITS.vi.format(units=names), _ONLY_UNITS.en.format(units=names)))
        if not section.required:
            notes.append(_OPTIONAL)
        return L("; ".join(n.vi for n in notes), "; ".join(n.en for n in notes))

    def _note(self, text: Localized, detail: Localized | None = None) -> str:
        """A bracketed instruction in the chosen language: "[Nêu: … (chỉ các đơn vị: …)]"."""
        extra = detail.text(self.lang) if detail is not None else ""
        return f"[{text.text(self.lang)}{f' ({extra})' if extra else ''}]"

    # --- paragraphs --------------------------------------------------------------------------

    def _body(self, text: str):
        paragraph = self.document.add_paragraph()
        self._run(paragraph, text)
        return paragraph

    def _run(self, paragraph, text: str, *, bold=False, italic=False, underline=False, size: float | None = None):
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        if size is not None and size != BODY_SIZE:
            run.font.size = Pt(size)

    def _line(self, container, line: _Line, align=WD_ALIGN_PARAGRAPH.CENTER):
        """A layout line (header, title, closing): aligned, no indent, no spacing."""
        paragraph = container.add_paragraph()
        form = paragraph.paragraph_format
        form.alignment, form.first_line_indent, form.space_before = align, Mm(0), Pt(0)
        if line.text:
            self._run(paragraph, line.text, bold=line.bold, italic=line.italic, underline=line.underline, size=line.size)
        return paragraph

    def _two_columns(self, left: list[_Line], right: list[_Line], widths, left_align) -> None:
        """A borderless one-row table: how the header and the closing are laid out."""
        table = self.document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _remove_borders(table)
        for column, cell, lines, width, align in zip(
            table.columns, table.rows[0].cells, (left, right), widths, (left_align, WD_ALIGN_PARAGRAPH.CENTER)
        ):
            column.width = cell.width = width
            cell._tc.remove(cell.paragraphs[0]._p)
            for line in lines:
                self._line(cell, line, align)

    # --- document set-up ---------------------------------------------------------------------

    def _set_page_and_styles(self) -> None:
        section = self.document.sections[0]
        margins = self.profile.margins
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(margins["top"].low), Mm(margins["bottom"].low)
        section.left_margin, section.right_margin = Mm(margins["left"].low), Mm(margins["right"].low)
        styles = self.document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        _set_font(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"))
        normal = styles["Normal"]
        _set_font(normal.element.get_or_add_rPr().get_or_add_rFonts())
        normal.font.size = Pt(BODY_SIZE)
        body = normal.paragraph_format
        body.alignment, body.first_line_indent = WD_ALIGN_PARAGRAPH.JUSTIFY, Mm(10)
        body.space_before, body.space_after, body.line_spacing = Pt(6), Pt(0), 1.0

    def _add_numbering(self) -> int:
        """One multi-level list for the headings (I. / 1. / a) / -); returns its ``numId``."""
        numbering = self.document.part.numbering_part.element
        abstract_id = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))), default=-1)
        num_id = 1 + max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0)
        levels = "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>'
            for level, (fmt, text) in enumerate(_LEVELS)
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))  # every abstractNum must come before the nums
        if first_num is None:
            numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
        return num_id

    def _number(self, paragraph, level: int) -> None:
        properties = paragraph._p.get_or_add_pPr()
        numbering = properties._add_numPr()
        numbering._add_ilvl().val = level
        numbering._add_numId().val = self.num_id


# Type codes of document symbols ("630-CV/ĐUK", "12/KH-UBND") and the kind of letter they name.
_LETTER_KINDS = {
    "CV": "Công văn", "HD": "Hướng dẫn", "KH": "Kế hoạch", "TB": "Thông báo", "CT": "Chỉ thị",
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "KL": "Kết luận", "CTr": "Chương trình",
}  # fmt: skip


def _letter_kind(number: str) -> str:
    """How the opening names the request letter: by the type its symbol carries; a state symbol
    without a type ("125/UBND-NV") is a công văn."""
    symbols = find_symbols(number)
    if not symbols:
        return "văn bản"
    symbol = symbols[0]
    if symbol.type_code is None:
        return "Công văn" if symbol.style == "state" else "văn bản"
    return _LETTER_KINDS.get(symbol.type_code, "văn bản")


def _sentence_case(title: str) -> str:
    """The title inside a sentence: its first letter in lower case unless the first word is a
    name (capitals inside it) or an abbreviation."""
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return title[0].lower() + title[1:]
    return title


def _set_font(fonts) -> None:
    """Times New Roman for every script slot, dropping theme fonts (which would win)."""
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


# Children of w:tblPr that must come after w:tblBorders (the schema fixes their order).
_AFTER_TABLE_BORDERS = frozenset(qn(t) for t in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"))


def _remove_borders(table) -> None:
    sides = "".join(
        f'<w:{side} w:val="none" w:sz="0" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders = parse_xml(f'<w:tblBorders {nsdecls("w")}>{sides}</w:tblBorders>')
    properties = table._tbl.tblPr
    successor = next((child for child in properties if child.tag in _AFTER_TABLE_BORDERS), None)
    if successor is None:
        properties.append(borders)
    else:
        successor.addprevious(borders)
