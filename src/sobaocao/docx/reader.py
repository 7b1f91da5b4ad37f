"""Read a .docx into a ``Document``: the text a person sees in Word, in reading order.

The body of ``word/document.xml`` is walked once with lxml (python-docx's proxies are several
times slower and drop tracked insertions, text boxes, block content controls and simple
fields). What a reader of the page would see is what goes into the model:

- tracked changes in the accepted view: ``w:ins``/``w:moveTo`` in, ``w:del``/``w:moveFrom`` out;
  a deleted paragraph mark joins its paragraph to the next one (which keeps its own paragraph
  properties, since its mark is the one that survives);
- fields show their result (``w:fldSimple`` runs, complex fields between ``separate`` and
  ``end``), never their instruction; hyperlinks, content controls, smart tags and custom XML
  show their content; hidden runs (``w:vanish``) are left out;
- automatic numbering gives each numbered paragraph the label Word displays (``numbering``);
- runs in legacy Vietnamese fonts (TCVN3, VNI) are converted per run, only when their
  characters really are legacy-encoded;
- text boxes are read once (Word stores each one twice inside ``mc:AlternateContent``) and
  placed just before the paragraph they are anchored in.

Text. Every block's text is normalised (``vietnamese.text.normalize``). Until the header and
the closing are found, a tab or a wide gap stays one "\t" and a line break one "\n", so that
"ĐẢNG BỘ TỈNH<tab>ĐẢNG CỘNG SẢN VIỆT NAM" still reads as two columns; the text of body blocks
is then normalised in full (one space). A run in a legacy font whose characters fit both
readings ("Sè" is "Số" in TCVN3, but also Unicode) is converted when the rest of the document
proves the encoding; the paragraphs read are finished a second time in that case only.

Facts. Fonts and sizes count the non-space characters of body blocks, by the font and size
each run gets from itself, its styles or the document defaults (theme fonts resolved); a run
whose font or size nothing states is not counted rather than guessed.

Layout tables. A report's header (issuer on the left, banner and date on the right) and its
closing (Nơi nhận on the left, signature on the right) are usually two-column tables. Such a
table is not content: its paragraphs are emitted one by one, row by row and cell by cell, as
paragraph blocks with ``in_table=True`` so the header/closing parser reads them as lines. A
table is a layout table when it contains a header or closing marker (the Party banner, the
Quốc hiệu, "Nơi nhận", a T/M, K/T, T/L signing line), or when it draws no border and stands
among the first or the last ``EDGE_BLOCKS`` non-empty blocks of the body. Every other table
is a data table: a ``kind="table"`` block whose ``rows`` hold the cell texts.

Speed. Creating an lxml object for every run and property element is most of what reading
costs, so paragraphs of plain runs (text, tabs, breaks, proofing marks, bookmarks) and data
tables made of them are read from the main part's markup, cut at each ``<w:p``/``<w:tbl`` tag;
every distinct ``w:pPr``/``w:rPr`` is still read from its element once and cached, and anything
else (fields, revisions, hyperlinks, content controls, drawings) goes through the element walk.
The markup is cut only when the cut is sure to be right (``_Markup.of``): a UTF-8 part, one
prefix for WordprocessingML, no comments, CDATA or processing instructions, no carriage
returns, as many ``<w:p``/``<w:tbl`` tags as the tree has elements. Both paths give the same
blocks (tests/test_reader_markup.py).

Anchors. ``Block.anchor`` points back into ``word/document.xml`` so that a later step can
annotate a copy: "p:N" is the N-th ``w:p`` (0-based) and "tbl:N" the N-th ``w:tbl``, both
counted over every element of that name in document order (``root.iter``), including those in
text boxes, in both branches of ``mc:AlternateContent`` and in deleted content. A block made of
several paragraphs (a deleted paragraph mark) points at its first paragraph that still shows
text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import itemgetter
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, NamedTuple

from lxml import etree

from ..document import Block, Document, Facts, Margins
from ..errors import InputError
from ..headings import SECTION_KINDS, Splits, annotate_headings, extract_manual_label
from ..i18n import Localized
from ..parts import split_parts
from ..vietnamese.legacy import decode_run, encoding_of_font, fits_legacy, is_caps_font, to_unicode
from ..vietnamese.text import is_upper, normalize
from .numbering import Numbering
from .convert import open_report_package
from .package import Limits, Package, parse_xml, xml_nodes_over_limit
from .styles import (
    W_NS, W_VAL, ParagraphProps, RunProps, StyleSheet, has_visible_border, is_utf8, parse_paragraph_props, parse_run_props,
    theme_fonts_of_part, w,
)

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"

EDGE_BLOCKS = 3  # how many non-empty blocks at each end of the body may be form layout

W_P, W_TBL, W_R, W_T, W_PPR, W_RPR = (w(t) for t in ("p", "tbl", "r", "t", "pPr", "rPr"))
W_TR, W_TC, W_SDT, W_SDT_CONTENT, W_TXBX = (w(t) for t in ("tr", "tc", "sdt", "sdtContent", "txbxContent"))
W_DEL = w("del")
W_COMMENT_REFERENCE, W_ID = w("commentReference"), w("id")
W_TRPR, W_TCPR, W_VMERGE = w("trPr"), w("tcPr"), w("vMerge")
W_FLDCHAR, W_FLDCHAR_TYPE, W_SYM = w("fldChar"), w("fldCharType"), w("sym")
MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
M_T = f"{{{M_NS}}}t"

# Elements whose children are displayed as if they stood in the paragraph themselves.
_TRANSPARENT_INLINE = frozenset(
    w(t) for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
) | {W_SDT_CONTENT}
_TRANSPARENT_BLOCK = frozenset(w(t) for t in ("customXml", "ins", "moveTo")) | {W_SDT_CONTENT}
_MATH = frozenset({f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"})
# Run children that display as one character; tabs and breaks keep the line's layout.
_RUN_CHARACTERS = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
# A tab, or a run of four spaces or more, lays text out in columns on one line. (The spaces
# around it stay with the cells, whose text is normalised: a pattern taking them too is tried
# at every character of the line, more than twice as slow on a paragraph of millions.)
_COLUMN_GAP = re.compile(r"\t| {4,}")
_RUN_OBJECTS = frozenset({w("drawing"), w("pict"), w("object"), MC_ALTERNATE})
REVISION_TAGS = tuple(
    w(t)
    for t in (
        "ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange", "sectPrChange", "tblPrChange",
        "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge",
    )
)  # fmt: skip

# w:sym in symbol fonts: the characters reports use, by their code in that font.
_SYMBOL_CHARACTERS = {
    0xB7: "•", 0x2D: "-", 0xAE: "→", 0xDE: "⇒", 0xB3: "≥", 0xA3: "≤", 0xB9: "≠", 0xB1: "±", 0xB4: "×",
}  # fmt: skip
_WINGDINGS_CHARACTERS = {0x9F: "•", 0x6C: "•", 0xA7: "•", 0xD8: "•", 0x76: "•", 0xFC: "✓", 0xE0: "→"}

# Text that only a form's header or closing holds, so a table containing it is layout.
_LAYOUT_MARKER = re.compile(
    r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|CỘNG\s+HO[ÀA]\s+XÃ\s+HỘI|Nơi\s+nhận|^\s*(?:T/M|K/T|T/L|TM\.|KT\.|TL\.)\s",
    re.IGNORECASE | re.MULTILINE,
)
# A piece of every marker that stays whole when the lines of a table run together, case folded
# (and "nơı": the regular expression, ignoring case, takes a dotless ı for an i).
_LAYOUT_MARKER_HINTS = ("cộng", "nơi", "nơı", "t/m", "k/t", "t/l", "tm.", "kt.", "tl.")


class _Content:
    """The runs of one paragraph (or of several joined by deleted marks) as Word displays them.

    Runs are kept raw until the paragraph is complete, because whether a run in a legacy font
    really holds legacy codes is decided on all the paragraph's text in that font.
    """

    __slots__ = ("runs", "anchor", "legacy", "own", "style", "displayed")

    def __init__(self, anchor: str | None, own: ParagraphProps, style: ParagraphProps) -> None:
        self.runs: list[tuple[str, RunProps]] = []
        self.anchor = anchor  # "p:N", see the module docstring
        self.legacy = False  # a run is in a legacy font: check the encoding when finishing
        self.own = own  # the paragraph's direct properties
        self.style = style  # its paragraph style, folded
        # Once finished, unless a legacy run in it waits for the document's proof: a second
        # finishing (``_BodyReader.read``) gives the same.
        self.displayed: _Displayed | None = None

    def join(self, later: _Content) -> None:
        """Append the paragraph that follows a deleted mark; its mark, so its properties, stay."""
        if not self.runs:  # nothing left of this paragraph: point at the one that shows text
            self.anchor = later.anchor
        self.runs.extend(later.runs)
        self.legacy = self.legacy or later.legacy
        self.own, self.style = later.own, later.style


class _Displayed:
    """A finished paragraph: its text and how many of its characters have each formatting."""

    __slots__ = ("text", "characters", "bold", "italic", "fonts", "sizes")

    def __init__(self, fonts: dict[str, int], sizes: dict[float, int]) -> None:
        self.text = ""
        self.characters = 0  # non-space characters
        self.bold = 0
        self.italic = 0
        self.fonts = fonts  # added to: a table's cells count into one
        self.sizes = sizes


class _ParagraphRead(NamedTuple):
    """A paragraph read and labelled, to be finished into a block once the legacy encodings of
    the document are known."""

    content: _Content
    label: str | None
    in_table: bool
    in_textbox: bool


class _TableRead(NamedTuple):
    """A data table read: each cell's paragraphs with their labels, to be finished into one block
    (a cell continuing a vertical merge holds none)."""

    rows: list[list[list[tuple[_Content, str | None]]]]
    in_textbox: bool
    anchor: str


class _Statistics(NamedTuple):
    """Fonts and sizes of one block (characters each), kept beside the block until the body
    is known."""

    fonts: dict[str, int]
    sizes: dict[float, int]


# ``Block(**fields)``: the same validation, without ``BaseModel.__init__``'s Python call around
# it, which costs half as much again per block.
_new_block = Block.__pydantic_validator__.validate_python


def read_document(source: str | Path | bytes, *, limits: Limits | None = None, name: str | None = None) -> Document:
    """Read a report (a path or the bytes of a .docx) into a ``Document``.

    Raises ``InputError`` or ``UnsafeInputError`` when the file cannot or must not be read.
    """
    limits = limits or Limits()
    package, conversion_note = open_report_package(source, limits, name=name)
    return read_package(package, limits=limits, notes=[conversion_note] if conversion_note else [])


def read_package(package: Package, *, limits: Limits | None = None, notes: list[Localized] | None = None) -> Document:
    """``read_document`` for a package already opened safely (``open_package``), so that a
    caller who also needs the package (the annotated copy) opens and checks the file once."""
    limits = limits or Limits()
    reader = _BodyReader(package, limits)
    blocks = reader.read()
    # Section labels first: the header ends where the first "Phần I", "I." or "1." begins.
    # Dashes stay in the text until the closing is known ("- Như trên;" is a Nơi nhận line).
    splits: Splits = {}
    for block in blocks:
        extract_manual_label(block, SECTION_KINDS, splits)
    header, closing = split_parts(blocks)
    for block in blocks:  # the other texts are normalised already
        if block.part == "body" and ("\t" in block.text or "\n" in block.text):
            block.text = normalize(block.text)
    annotate_headings(blocks, splits)
    facts = reader.facts(blocks)
    return Document(
        source=package.name,
        header=header,
        blocks=blocks,
        closing=closing,
        facts=facts,
        notes=list(notes or []),
    )


class _BodyReader:
    """One pass over the body of one document; create one per document."""

    def __init__(self, package: Package, limits: Limits | None = None) -> None:
        self.package = package
        main = package.main_part
        limits = limits or Limits()
        # The bytes are kept: most paragraphs are read from their markup (``_read_plain_paragraph``).
        # ``open_package`` has refused a package without its main part.
        self._source = package.read(main)
        self.root = parse_xml(self._source, part=main, name=package.name, limits=limits)
        related = {rel_type.rsplit("/", 1)[-1]: target for rel_type, target in package.relationships(package.main_part).values()}
        self.styles = self._style_sheet(related.get("styles"), self._theme_fonts(related.get("theme"), limits), limits)
        self.numbering = self._numbering(related.get("numbering"), limits)
        comments = related.get("comments")
        self.comments_part = self.package.xml(comments) if self._has(comments) else None
        self._read: list[_ParagraphRead | _TableRead] = []  # in reading order, see ``_finish_blocks``
        self.blocks: list[Block] = []
        self.statistics: list[_Statistics] = []
        self.legacy: set[str] = set()  # encodings whose codes were found and converted
        self._ambiguous_legacy = False  # a legacy-font run fit both readings and was kept
        self._assumed_legacy: frozenset[str] = frozenset()  # encodings proved by the document
        self._run_props_cache: dict[tuple, RunProps] = {}
        # By w:pPr markup: the paragraph's own properties and its style's.
        self._paragraph_props_cache: dict[bytes, tuple[ParagraphProps, ParagraphProps]] = {}
        # By paragraph style, then w:rPr markup: the run's properties, and whether its font is legacy.
        self._plain_run_props: dict[str | None, dict[bytes, tuple[RunProps, bool]]] = {}
        self._font_encodings: dict[str, str | None] = {}
        self._field_instruction: list[bool] = []  # open complex fields: True while in the instruction
        self._paragraph_numbers: dict[etree._Element, int] = {}  # the N of "p:N"
        self._table_numbers: dict[etree._Element, int] = {}  # the N of "tbl:N"
        self._revisions = 0  # tracked changes in the body
        self._comment_references: set[str | None] = set()  # the ids of the comments referred to
        self._paragraph_list: list[etree._Element] | None = None  # by N, made when first needed
        self._markup: _Markup | None = None
        self._run_heads: dict[bytes, bytes] = {}  # by a run's markup before its text: its w:rPr markup

    def _has(self, target: str | None) -> bool:
        """Whether the main part names a related part (``target``) that the package holds."""
        return bool(target) and self.package.has(target)

    def _theme_fonts(self, target: str | None, limits: Limits) -> dict[str, str]:
        """The theme's fonts, read once per distinct theme part (``theme_fonts_of_part``)."""
        if not self._has(target):
            return {}
        return theme_fonts_of_part(self.package.read(target), part=target, name=self.package.name, limits=limits)

    def _numbering(self, target: str | None, limits: Limits) -> Numbering:
        """The document's lists, read once per distinct numbering part (``Numbering.from_part``)."""
        if not self._has(target):
            return Numbering(None, self.styles)
        return Numbering.from_part(self.package.read(target), self.styles, part=target, name=self.package.name, limits=limits)

    def _style_sheet(self, target: str | None, theme: dict[str, str], limits: Limits) -> StyleSheet:
        """The styles part, parsed style by style as the body asks for them (``StyleSheet.from_part``).

        A part over the node limit is parsed whole, so that it is refused as any other part is.
        """
        if not self._has(target):
            return StyleSheet(None, theme)
        data = self.package.read(target)
        name = self.package.name

        def parse(markup: bytes) -> etree._Element:
            return parse_xml(markup, part=target, name=name, limits=limits)

        if xml_nodes_over_limit(data, limits) is not None:
            return StyleSheet(parse(data), theme)
        return StyleSheet.from_part(data, parse, theme, parse_settings=limits.max_xml_nodes)

    # --- body ----------------------------------------------------------------------------------

    def read(self) -> list[Block]:
        body = self.root.find(w("body"))
        name = self.package.name
        if body is None and self.root.find(f"{{{STRICT_W_NS}}}body") is not None:
            raise InputError(
                f"Tệp «{name}» được lưu ở dạng «Strict Open XML», sobaocao chưa đọc được dạng này. "
                "Hãy mở tệp bằng Word, chọn Lưu thành (Save As) kiểu «Word Document (.docx)» rồi kiểm tra tệp vừa lưu.",
                f"File '{name}' is saved as Strict Open XML, which sobaocao does not read yet. "
                "Open it in Word, Save As 'Word Document (.docx)' and check the saved file.",
            )
        if body is None:
            raise InputError(
                f"Tệp «{name}» không có phần thân văn bản nên không đọc được. "
                "Hãy mở tệp bằng Word, kiểm tra nội dung rồi lưu lại dưới dạng .docx.",
                f"File '{name}' has no document body, so it cannot be read. "
                "Open it in Word, check its content and save it again as .docx.",
            )
        has_comments_or_instructions = self._survey()
        self._markup = (
            None
            if has_comments_or_instructions
            else _Markup.of(self.root, self._source, len(self._paragraph_numbers), len(self._table_numbers))
        )
        elements = list(_block_elements(body))
        layout = self._layout_tables(elements)
        self._container(elements, layout=layout)
        self._finish_blocks()
        if self._ambiguous_legacy and self.legacy and not self._assumed_legacy:
            # Some legacy-font runs could be read either way ("Sè", "Bé"), and the document has
            # proved elsewhere that it is legacy-encoded: finish them again, converting them too.
            self._assumed_legacy = frozenset(self.legacy)
            self.blocks, self.statistics = [], []
            self._finish_blocks()
        return self.blocks

    def _survey(self) -> bool:
        """Number the paragraphs and tables, count the revisions and the comment references, in
        one walk of the tree (Word-saved markup makes it many elements); return whether the tree
        holds comments or processing instructions."""
        paragraph_numbers, table_numbers = self._paragraph_numbers, self._table_numbers
        found = False
        for element in self.root.iter(
            W_P, W_TBL, W_COMMENT_REFERENCE, *REVISION_TAGS, etree.Comment, etree.ProcessingInstruction
        ):
            tag = element.tag
            if tag == W_P:
                paragraph_numbers[element] = len(paragraph_numbers)
            elif tag == W_TBL:
                table_numbers[element] = len(table_numbers)
            elif tag == W_COMMENT_REFERENCE:
                self._comment_references.add(element.get(W_ID))
            elif isinstance(tag, str):
                self._revisions += 1
            else:
                found = True
        return found

    def _finish_blocks(self) -> None:
        """The blocks of what was read, in reading order. Reading (markup, numbering) is done
        once; only this part depends on the legacy encodings the document proves."""
        for read in self._read:
            if isinstance(read, _TableRead):
                self._emit_table(read)
            else:
                self._emit(read)

    def _layout_tables(self, elements: list[etree._Element]) -> set[etree._Element]:
        """The tables of the body that are form layout, not data (see the module docstring)."""
        tables = [element for element in elements if element.tag == W_TBL]
        if not tables:
            return set()
        edges = set(_visible(elements)) | set(_visible(reversed(elements)))
        return {
            table
            for table in tables
            if (table in edges and not self._has_borders(table)) or self._has_layout_marker(table)
        }

    def _has_layout_marker(self, table: etree._Element) -> bool:
        """Whether a table holds a form marker, on its rough text (paragraphs on their own lines).

        The text run together, which is cheap to get (from the markup when there is one), is
        searched first for anything that could become a marker once the lines are apart; most
        data tables stop there.
        """
        found = self._markup.table(self._table_numbers[table]) if self._markup is not None else None
        if found is not None:
            flat = b"".join(_TEXT_ELEMENT.findall(found[0])).decode()
            flat = _unescape(flat) if "&" in flat else flat
        else:
            flat = "".join(table.itertext(W_T))
        flat = flat.casefold()
        if not any(hint in flat for hint in _LAYOUT_MARKER_HINTS):
            return False
        return _LAYOUT_MARKER.search("\n".join("".join(p.itertext(W_T)) for p in table.iter(W_P))) is not None

    def _has_borders(self, table: etree._Element) -> bool:
        properties = table.find(w("tblPr"))
        if properties is not None:
            borders = properties.find(w("tblBorders"))
            if borders is not None:
                return has_visible_border(borders)
            style = properties.find(w("tblStyle"))
            if style is not None and self.styles.table_has_borders(style.get(W_VAL)):
                return True
        return any(has_visible_border(cell_borders) for cell_borders in table.iter(w("tcBorders")))

    def _container(
        self,
        elements: Iterator[etree._Element] | list[etree._Element],
        *,
        layout: set[etree._Element] = frozenset(),
        in_table: bool = False,
        in_textbox: bool = False,
    ) -> None:
        """Emit the blocks of a run of paragraphs and tables (body, layout cell, text box)."""
        pending: _Content | None = None
        for element in elements:
            if element.tag == W_P:
                pending = self._paragraph(element, pending, in_table=in_table, in_textbox=in_textbox)
                continue
            if pending is not None:
                self._read.append(_ParagraphRead(pending, None, in_table, in_textbox))
                pending = None
            if element in layout:
                for cell in _cells(element):
                    self._container(_block_elements(cell), in_table=True, in_textbox=in_textbox)
            else:
                self._table(element, in_textbox=in_textbox)
        if pending is not None:  # a deleted mark with nothing after it to join: stands alone
            self._read.append(_ParagraphRead(pending, None, in_table, in_textbox))

    def _paragraph(
        self, paragraph: etree._Element, pending: _Content | None, *, in_table: bool, in_textbox: bool
    ) -> _Content | None:
        """Read one paragraph (and the text boxes anchored in it); return it instead when its
        mark is deleted, so that it joins the next paragraph."""
        content, textboxes = self._read_paragraph(paragraph)
        for textbox in textboxes:
            self._container(_block_elements(textbox), in_table=in_table, in_textbox=True)
        if pending is not None:
            pending.join(content)
            content = pending
        if content.own.mark_deleted:
            return content
        self._read.append(_ParagraphRead(content, self._label(content), in_table, in_textbox))
        return None

    def _emit(self, read: _ParagraphRead) -> None:
        content, label = read.content, read.label
        displayed = self._finish(content)
        text = displayed.text
        if not text and not label:
            return
        style, paragraph_style = content.own, content.style
        outline = style.outline_level if style.outline_level is not None else paragraph_style.outline_level
        if outline is not None and outline >= 9:
            outline = None
        if outline is None and paragraph_style.heading_level is not None:
            outline = paragraph_style.heading_level - 1
        whole = displayed.characters > 0
        self.blocks.append(
            _new_block(
                {
                    "index": len(self.blocks),
                    "text": text,
                    "label": label or "",
                    "label_source": "auto" if label else None,
                    "style": paragraph_style.style_name,
                    "outline_level": outline,
                    "bold": whole and displayed.bold == displayed.characters,
                    "italic": whole and displayed.italic == displayed.characters,
                    "caps": is_upper(text, min_letters=1),
                    "align": style.align or paragraph_style.align,
                    "in_table": read.in_table,
                    "in_textbox": read.in_textbox,
                    "anchor": content.anchor,
                }
            )
        )
        self.statistics.append(_Statistics(displayed.fonts, displayed.sizes))

    def _label(self, content: _Content) -> str | None:
        """Advance the paragraph's list, if it is numbered, and return its label."""
        own, style = content.own, content.style
        num_id = own.num_id if own.num_id is not None else style.num_id
        if not num_id or num_id == "0":
            return None
        ilvl = own.ilvl if own.ilvl is not None else style.ilvl
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style.style_id)
        label = self.numbering.label(num_id, ilvl)
        return normalize(label) if label else None

    def _read_paragraph(self, paragraph: etree._Element) -> tuple[_Content, list[etree._Element]]:
        """The displayed content of one paragraph and the text boxes anchored in it."""
        if self._markup is not None and True not in self._field_instruction:
            content = self._read_plain_paragraph(paragraph)
            if content is not None:
                return content, []
        first = paragraph[0] if len(paragraph) else None  # Word writes w:pPr first
        own = parse_paragraph_props(first if first is not None and first.tag == W_PPR else None)
        style = self.styles.paragraph_style(own.style_id)
        content = _Content(f"p:{self._paragraph_numbers[paragraph]}", own, style)
        textboxes: list[etree._Element] = []
        self._inline(paragraph, style.style_id, content, textboxes)
        # An instruction cannot span paragraphs: a field still in it here is broken; drop it.
        while self._field_instruction and self._field_instruction[-1]:
            self._field_instruction.pop()
        return content, textboxes

    def _read_plain_paragraph(self, paragraph: etree._Element) -> _Content | None:
        """``_read_paragraph`` for a paragraph of plain runs (text, tabs, breaks), read from its
        markup; None for anything else (fields, revisions, hyperlinks, drawings…).

        Most paragraphs of a report are plain: reading them from the markup skips an lxml
        object for every run and property element, the reader's largest cost. Each distinct
        ``w:pPr``/``w:rPr`` markup is still read from its element once and its folded properties
        cached, so both paths give the same content.
        """
        number = self._paragraph_numbers[paragraph]
        markup = self._markup.paragraph(number)
        return None if markup is None else self._plain_content(markup, number)

    def _plain_content(self, markup: bytes, number: int) -> _Content | None:
        """The content of paragraph ``number`` (``p:N``) from its markup, or None when not plain."""
        if b"xmlns" in markup:
            return None
        # Compared by slices and cut with one partition: startswith and find, which parse their
        # arguments as a tuple, cost several times more.
        properties = b""
        if markup[: len(b"<w:pPr/>")] == b"<w:pPr/>":
            properties, markup = markup[: len(b"<w:pPr/>")], markup[len(b"<w:pPr/>") :]
        elif markup[: len(b"<w:pPr")] == b"<w:pPr":
            properties, closed, markup = markup.partition(b"</w:pPr>")
            if not closed or b"<w:pPrChange" in properties:
                return None  # written some other way, or a w:pPr nests in it: not plain
        cached = self._paragraph_props_cache.get(properties)
        if cached is None:
            own = parse_paragraph_props(self._paragraph_element(number)[0] if properties else None)
            cached = self._paragraph_props_cache[properties] = (own, self.styles.paragraph_style(own.style_id))
        own, style = cached
        style_id = style.style_id
        run_elements: list[etree._Element] | None = None
        cache = self._plain_run_props.get(style_id)
        if cache is None:
            cache = self._plain_run_props[style_id] = {}
        # Runs with the same properties are joined back (Word splits them for proofing marks, so
        # a run mostly repeats the w:rPr markup of the one before: it is not looked up again).
        pieces: list[tuple[list[bytes], RunProps]] = []
        props = None
        legacy = False
        rpr_before: bytes | None = None
        found: tuple[RunProps, bool] | None = None
        scanned = self._text_runs(markup)
        if scanned is None:
            scanned = _plain_runs(markup)
            if scanned is None:
                return None
        for run_number, (rpr, raw) in enumerate(scanned):
            if not raw:
                continue
            previous = props
            if rpr != rpr_before:
                rpr_before = rpr
                found = cache.get(rpr)
                if found is None:
                    element = None  # no w:rPr, or one that says nothing
                    if rpr:
                        if run_elements is None:
                            run_elements = list(self._paragraph_element(number).iterchildren(W_R))
                        element = run_elements[run_number][0]
                    props = self._run_props(style_id, element)
                    found = cache[rpr] = (props, props.font is not None and self._encoding(props.font) is not None)
            props = found[0]
            if props.hidden:
                props = previous
            elif props is previous:
                pieces[-1][0].append(raw)
            else:
                pieces.append(([raw], props))
                legacy = legacy or found[1]
        content = _Content(f"p:{number}", own, style)
        content.legacy = legacy
        runs = content.runs
        for raw_pieces, props in pieces:
            text = (raw_pieces[0] if len(raw_pieces) == 1 else b"".join(raw_pieces)).decode()
            runs.append((_unescape(text) if "&" in text else text, props))
        return content

    def _text_runs(self, markup: bytes) -> list[tuple[bytes, bytes]] | None:
        """``_plain_runs`` for the markup Word writes most: every run one ``w:rPr`` and one
        ``w:t``, proofing marks and bookmarks between runs; None for any other markup.

        The markup is cut after each run's text, which C does far faster than the run pattern,
        and each piece taken apart with one call (a method call on bytes costs about as much as
        a short match). What comes before the text (marks, the run's tag, its properties)
        repeats from run to run, so each distinct one is matched once per document.
        """
        pieces = markup.split(b"</w:t></w:r>")
        tail = pieces.pop()
        if tail and _PLAIN_MARKS.fullmatch(tail) is None:
            return None
        heads = self._run_heads
        runs = []
        for piece in pieces:
            # The text holds no "<" (the part is well-formed XML); a ">" in it would leave part
            # of the text in the head, which the pattern then refuses.
            head, _, text = piece.rpartition(b">")
            rpr = heads.get(head)
            if rpr is None:
                match = _TEXT_RUN_HEAD.fullmatch(head)
                if match is None:
                    return None
                rpr = heads[head] = match[1] or b""
            runs.append((rpr, text))
        return runs

    def _paragraph_element(self, number: int) -> etree._Element:
        if self._paragraph_list is None:
            self._paragraph_list = list(self._paragraph_numbers)  # in document order
        return self._paragraph_list[number]

    def _inline(self, parent: etree._Element, style_id: str | None, content: _Content, textboxes: list) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self._run(child, style_id, content, textboxes)
            elif tag in _TRANSPARENT_INLINE:
                self._inline(child, style_id, content, textboxes)
            elif tag == W_SDT:
                inner = child.find(W_SDT_CONTENT)
                if inner is not None:
                    self._inline(inner, style_id, content, textboxes)
            elif tag == MC_ALTERNATE:  # newer markup with a fallback: read the first branch once
                branch = next(iter(child), None)
                if branch is not None:
                    self._inline(branch, style_id, content, textboxes)
            elif tag in _MATH:
                math = "".join(t.text or "" for t in child.iter(M_T))
                if math:
                    content.runs.append((math, self.styles.run_base(style_id, None)))

    def _run(self, run: etree._Element, style_id: str | None, content: _Content, textboxes: list) -> None:
        rpr = None
        pieces: list[str] = []
        instruction = self._field_instruction
        for child in run:
            tag = child.tag
            if tag == W_T:
                if child.text and True not in instruction:
                    pieces.append(child.text)
            elif tag == W_RPR:
                rpr = child
            elif tag in _RUN_CHARACTERS:
                if True not in instruction:
                    pieces.append(_RUN_CHARACTERS[tag])
            elif tag == W_FLDCHAR:
                self._field_char(child.get(W_FLDCHAR_TYPE))
            elif tag == W_SYM:
                if True not in instruction:
                    pieces.append(_symbol(child))
            elif tag in _RUN_OBJECTS:
                textboxes.extend(_textboxes(child))
        if not pieces:
            return
        props = self._run_props(style_id, rpr)
        if props.hidden:
            return
        text = "".join(pieces)
        runs = content.runs
        if runs and runs[-1][1] is props:  # Word splits runs for proofing marks: join them back
            runs[-1] = (runs[-1][0] + text, props)
        else:
            runs.append((text, props))
        if props.font is not None and self._encoding(props.font) is not None:
            content.legacy = True

    def _run_props(self, style_id: str | None, rpr: etree._Element | None) -> RunProps:
        """A run's effective properties: its own ``w:rPr`` laid over its styles, each combination
        folded once (both the markup and the element path read runs with it)."""
        if rpr is None:
            return self.styles.run_base(style_id, None)
        own = parse_run_props(rpr, self.styles.theme_fonts)
        key = (style_id, own)
        props = self._run_props_cache.get(key)
        if props is None:
            props = self._run_props_cache[key] = own.over(self.styles.run_base(style_id, own.style))
        return props

    def _finish(self, content: _Content, statistics: _Statistics | None = None) -> _Displayed:
        """Convert legacy-font runs, apply capitals, and measure the paragraph's formatting
        (its fonts and sizes counted into ``statistics`` when given, else into its own)."""
        if content.displayed is not None:
            return content.displayed
        runs = content.runs
        evidence: dict[str, str] = {}
        if content.legacy:
            for text, props in runs:
                if props.font is not None and self._encoding(props.font) is not None:
                    evidence[props.font] = evidence.get(props.font, "") + text
        pieces = []
        displayed = _Displayed({}, {}) if statistics is None else _Displayed(statistics.fonts, statistics.sizes)
        fonts, sizes = displayed.fonts, displayed.sizes
        characters = bold = italic = 0
        waits = False  # for the document's proof of a legacy encoding
        for text, props in runs:
            font = props.font
            if evidence and font in evidence:
                encoding = self._encoding(font)
                decoded = decode_run(text, font, context=evidence[font])
                if decoded.converted:
                    self.legacy.add(encoding)
                    text = decoded.text
                elif fits_legacy(text):  # either reading: convert only once the document proves it
                    if encoding in self._assumed_legacy:
                        text = to_unicode(text, encoding, caps=is_caps_font(font))
                    else:
                        self._ambiguous_legacy = waits = True
            if props.caps:
                text = text.upper()
            pieces.append(text)
            visible = len(text) - text.count(" ")
            if visible <= 0:
                continue
            characters += visible
            if props.bold:
                bold += visible
            if props.italic:
                italic += visible
            if font is not None:
                fonts[font] = fonts.get(font, 0) + visible
            if props.size is not None:
                sizes[props.size] = sizes.get(props.size, 0) + visible
        displayed.characters, displayed.bold, displayed.italic = characters, bold, italic
        displayed.text = layout_text(pieces[0] if len(pieces) == 1 else "".join(pieces))
        if statistics is None and not waits:  # a table's cells count into the table's figures
            content.displayed = displayed
        return displayed

    def _encoding(self, font: str) -> str | None:
        if font not in self._font_encodings:
            self._font_encodings[font] = encoding_of_font(font)
        return self._font_encodings[font]

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self._field_instruction.append(True)
        elif kind == "separate" and self._field_instruction:
            self._field_instruction[-1] = False
        elif kind == "end" and self._field_instruction:
            self._field_instruction.pop()

    def _table(self, table: etree._Element, *, in_textbox: bool) -> None:
        """Read a data table: the paragraphs of each cell, labelled in reading order."""
        plain = self._plain_table(table)
        if plain is not None:
            rows = [[[(content, self._label(content)) for content in contents or ()] for contents in row] for row in plain]
        else:
            rows = [
                [[] if _continues_vertical_merge(cell) else list(self._cell_paragraphs(cell)) for cell in _row_cells(row)]
                for row in _rows(table)
            ]
        self._read.append(_TableRead(rows, in_textbox, f"tbl:{self._table_numbers[table]}"))

    def _emit_table(self, read: _TableRead) -> None:
        """A data table: one block whose rows hold the displayed text of each cell."""
        statistics = _Statistics({}, {})
        rows: list[list[str]] = []
        for row in read.rows:
            cells = []
            for paragraphs in row:
                lines = []
                for content, label in paragraphs:
                    if line := self._cell_line(content, label, statistics):
                        lines.append(line)
                cells.append("\n".join(lines))
            rows.append(cells)
        self.blocks.append(
            _new_block(
                {
                    "index": len(self.blocks),
                    "kind": "table",
                    "text": "\n".join(" | ".join(cell for cell in row if cell) for row in rows if any(row)),
                    "rows": rows,
                    "in_textbox": read.in_textbox,
                    "anchor": read.anchor,
                }
            )
        )
        self.statistics.append(statistics)

    def _plain_table(self, table: etree._Element) -> list[list[list[_Content] | None]] | None:
        """The paragraphs of each cell of a table of plain cells, read from its markup (None for
        a cell continuing a vertical merge); None for any other table.

        A plain table has rows of cells of plain paragraphs (``_plain_content``): no nested
        table, nothing around rows, cells or paragraphs (content controls, custom XML), no
        tracked change of rows, cells or properties, no deleted paragraph mark. Nothing is
        labelled or counted here, so that a table found not plain halfway leaves no trace
        before the element path reads it.
        """
        if self._markup is None or True in self._field_instruction:
            return None
        found = self._markup.table(self._table_numbers[table])
        if found is None:
            return None
        markup, offset = found
        if b"xmlns" in markup:
            return None
        first_row = markup.find(b"<w:tr")
        if first_row < 0:
            return []
        if b"Change" in markup[:first_row]:  # a revision of the table's properties
            return None
        pieces = markup[first_row:].split(b"</w:tr>")
        if pieces.pop():  # something after the last row
            return None
        rows: list[list[list[_Content] | None]] = []
        position = offset + first_row
        for piece in pieces:
            if not piece.startswith(b"<w:tr") or piece[5:6] not in (b" ", b">"):
                return None
            first_cell = piece.find(b"<w:tc")
            if first_cell < 0:
                rows.append([])
                position += len(piece) + len(b"</w:tr>")
                continue
            if any(mark in piece[:first_cell] for mark in _ROW_REVISIONS):  # a row inserted, deleted or changed
                return None
            cells = piece[first_cell:].split(b"</w:tc>")
            if cells.pop():
                return None
            cell_position = position + first_cell
            row: list[list[_Content] | None] = []
            for cell in cells:
                contents = self._plain_cell(cell, cell_position)
                if contents is False:
                    return None
                row.append(contents)
                cell_position += len(cell) + len(b"</w:tc>")
            rows.append(row)
            position += len(piece) + len(b"</w:tr>")
        return rows

    def _plain_cell(self, cell: bytes, offset: int) -> list[_Content] | None | Literal[False]:
        """The paragraphs of one cell's markup (``<w:tc>`` to before ``</w:tc>``, at ``offset``
        in the main part): None for a cell continuing a vertical merge, False when not plain."""
        if not cell.startswith(b"<w:tc") or cell[5:6] not in (b" ", b">"):
            return False
        position = cell.index(b">") + 1
        if cell.startswith(b"<w:tcPr", position):
            end = cell.find(b"</w:tcPr>", position)
            if end < 0:
                return False
            if b"<w:cell" in cell[position:end] or b"Change" in cell[position:end]:
                return False  # a cell inserted, deleted, merged or changed as a revision
            if cell.find(b"<w:vMerge", position, end) >= 0:
                merge = _VERTICAL_MERGE.search(cell, position, end)
                if merge is None:
                    return False  # written some other way
                if merge.group(1) in (None, b"continue"):
                    return None
            position = end + len(b"</w:tcPr>")
        contents: list[_Content] = []
        starts = self._markup.starts
        while position < len(cell):
            if cell.startswith(b"<w:p", position) and cell[position + 4 : position + 5] in (b" ", b">", b"/"):
                number = bisect_left(starts, offset + position)
                if number == len(starts) or starts[number] != offset + position:
                    return False
                span = self._markup.paragraph_span(number)
                if span is None:
                    return False
                markup, position = span[0], span[1] - offset
                content = self._plain_content(markup, number)
                if content is None or content.own.mark_deleted:
                    return False
                contents.append(content)
            else:
                skipped = _PLAIN_SKIPPED.match(cell, position)
                if skipped is None:
                    return False
                position = skipped.end()
        return contents

    def _cell_paragraphs(self, cell: etree._Element) -> Iterator[tuple[_Content, str | None]]:
        """The paragraphs a cell displays, with their labels: its own, nested tables', text boxes'."""
        pending: _Content | None = None
        for element in _block_elements(cell):
            if element.tag == W_TBL:
                for row in _rows(element):
                    for inner in _row_cells(row):
                        yield from self._cell_paragraphs(inner)
                continue
            content, textboxes = self._read_paragraph(element)
            for textbox in textboxes:
                yield from self._cell_paragraphs(textbox)
            if pending is not None:
                pending.join(content)
                content, pending = pending, None
            if content.own.mark_deleted:
                pending = content
                continue
            yield content, self._label(content)
        if pending is not None:
            yield pending, None

    def _cell_line(self, content: _Content, label: str | None, statistics: _Statistics) -> str:
        """The line a cell paragraph shows ("" for none)."""
        text = self._finish(content, statistics).text
        # Already normalised, unless it keeps a line's layout (tabs, breaks) or gets a label.
        return normalize(f"{label} {text}" if label else text) if label or "\t" in text or "\n" in text else text

    # --- facts ---------------------------------------------------------------------------------

    def facts(self, blocks: list[Block]) -> Facts:
        """Facts of the file; fonts and sizes count the characters of the body only."""
        fonts: dict[str, int] = {}
        sizes: dict[float, int] = {}
        for block, statistics in zip(blocks, self.statistics, strict=True):
            if block.part == "body":
                for font, count in statistics.fonts.items():
                    fonts[font] = fonts.get(font, 0) + count
                for size, count in statistics.sizes.items():
                    sizes[size] = sizes.get(size, 0) + count
        return Facts(
            fonts=_most_common(fonts),
            font_sizes=_most_common(sizes),
            legacy_encodings=sorted(self.legacy),
            revisions=self._revisions,
            comments=self._comment_count(),
            margins=self._margins(),
        )

    def _comment_count(self) -> int:
        if self.comments_part is not None:
            return sum(1 for _ in self.comments_part.iter(w("comment")))
        return len(self._comment_references)

    def _margins(self) -> Margins | None:
        """Margins of the last section, whose properties are the body's last child."""
        body = self.root.find(w("body"))
        last = body.find(w("sectPr")) if body is not None else None
        margins = last.find(w("pgMar")) if last is not None else None
        if margins is None:
            return None
        try:
            return Margins(**{side: _twips_to_mm(margins.get(w(side))) for side in ("top", "bottom", "left", "right")})
        except (TypeError, ValueError):
            return None


class _Markup:
    """The markup of the main part, cut at each paragraph (``p:N`` order) and table (``tbl:N``)."""

    def __init__(self, text: bytes, starts: list[int], tables: int) -> None:
        self.text = text  # UTF-8; a BOM does not matter, the paragraphs come after it
        self.starts = starts
        self.tables = tables  # how many w:tbl elements the tree has
        self.table_starts: list[int] | None = None

    @classmethod
    def of(cls, root: etree._Element, source: bytes, paragraphs: int, tables: int) -> _Markup | None:
        """None unless the ``<w:p`` tags of the markup are the paragraphs one to one and the
        text between tags is what the parser made of it: UTF-8, one prefix for WordprocessingML,
        no CDATA or processing instructions and comments around the root (the caller has looked
        for those inside), no carriage returns. (A paragraph or table that declares namespaces
        itself is left to the element path.)"""
        if root.nsmap.get("w") != W_NS or not is_utf8(root):
            return None
        if (
            b"\r" in source
            or source.count(_W_NS_BYTES) != 1  # one prefix for it, so every paragraph is a "<w:p"
            or b"<![CDATA[" in source
            or root.getprevious() is not None  # comments or processing instructions around the root
            or root.getnext() is not None
        ):
            return None
        starts = [match.start() for match in _PARAGRAPH_START.finditer(source)]
        return cls(source, starts, tables) if len(starts) == paragraphs else None

    def paragraph(self, number: int) -> bytes | None:
        """The content of paragraph ``number`` between its tags; None when it holds paragraphs
        itself (a text box)."""
        span = self.paragraph_span(number)
        return span[0] if span is not None else None

    def paragraph_span(self, number: int) -> tuple[bytes, int] | None:
        """``paragraph`` and where the paragraph's markup ends (after ``</w:p>`` or ``/>``)."""
        text, start = self.text, self.starts[number]
        opened = text.index(b">", start)
        if text[opened - 1] == 0x2F:  # "/"
            return b"", opened + 1
        close = text.find(b"</w:p>", opened)
        following = self.starts[number + 1] if number + 1 < len(self.starts) else len(text)
        return (text[opened + 1 : close], close + len(b"</w:p>")) if 0 <= close < following else None

    def table(self, number: int) -> tuple[bytes, int] | None:
        """The content of table ``number`` between its tags and where it starts; None when it
        holds a table itself."""
        if self.table_starts is None:
            self.table_starts = [match.start() for match in _TABLE_START.finditer(self.text)]
        if len(self.table_starts) != self.tables:
            return None
        text, start = self.text, self.table_starts[number]
        opened = text.index(b">", start) + 1
        close = text.find(b"</w:tbl>", opened)
        following = self.table_starts[number + 1] if number + 1 < len(self.table_starts) else len(text)
        return (text[opened:close], opened) if 0 <= close < following else None


_W_NS_BYTES = W_NS.encode()
_TABLE_START = re.compile(rb"<w:tbl[\s>]")
_TEXT_ELEMENT = re.compile(rb'<w:t(?:\s[^>]*")?>([^<]*)</w:t>')
# Tracked changes in a row's properties.
_ROW_REVISIONS = (b"<w:ins", b"<w:del", b"Change")
_VERTICAL_MERGE = re.compile(rb'<w:vMerge(?: w:val="([^"]*)")?/>')
_PARAGRAPH_START = re.compile(rb"<w:p[\s/>]")
# Proofing marks and bookmarks show nothing.
_PLAIN_MARK = rb"<w:(?:proofErr|bookmarkStart|bookmarkEnd)(?:\s[^>]*)?/>"
_PLAIN_SKIPPED = re.compile(_PLAIN_MARK)
_PLAIN_MARKS = re.compile(rb"(?:%s)*" % _PLAIN_MARK)
# A run's tag and properties (no closing tag inside: empty elements only, so no revision of the
# formatting).
_RUN_START = rb'<w:r(?:\s[^>]*")?>(?:<w:rPr>([^<]*(?:<[^/][^<]*)*)</w:rPr>|<w:rPr/>)?'
# A plain run: its start, then text, tabs and breaks; the common case of one text element has
# a group of its own, so that its text is scanned once. Marks before a run are taken with it
# (Word puts one around every word it doubts, as many as the runs), the others matched to be
# passed over; the last branch takes anything else, which makes the paragraph not plain.
_PLAIN_RUN = re.compile(
    rb"(?:%s)*(?:%s"
    rb'(?:<w:t(?: xml:space="preserve")?>([^<]*)</w:t>'
    rb'|((?:<w:t(?:\s[^>]*")?>[^<]*</w:t>|<w:(?:t|tab|ptab|br|cr|noBreakHyphen|lastRenderedPageBreak)(?:\s[^>]*)?/>)*))'
    rb"</w:r>|(%s)|(.[^<]*))" % (_PLAIN_MARK, _RUN_START, _PLAIN_MARK),
    re.DOTALL,
)
# What comes before the text of a run of one text element, up to the text element's closing
# ">" (``_text_runs``): the marks before the run, its start, the text element's tag.
_TEXT_RUN_HEAD = re.compile(rb'(?:%s)*%s<w:t(?: xml:space="preserve")?' % (_PLAIN_MARK, _RUN_START))
_PLAIN_RUN_CHILD = re.compile(rb'<w:t(?:\s[^>]*")?>([^<]*)</w:t>|<w:([A-Za-z]+)')
_RUN_CHARACTER_NAMES = {etree.QName(tag).localname.encode(): character.encode() for tag, character in _RUN_CHARACTERS.items()}
_CHARACTER_REFERENCE = re.compile(r"&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _unescape(text: str) -> str:
    """Text as written in the markup back to characters (the five entities, character references)."""
    return _CHARACTER_REFERENCE.sub(
        lambda m: chr(int(m[1])) if m[1] else chr(int(m[2], 16)) if m[2] else _ENTITIES[m[3]], text
    )


def _plain_runs(markup: bytes) -> list[tuple[bytes, bytes]] | None:
    """The ``w:rPr`` markup (b"" for none) and the raw text of each run of a paragraph's markup
    (after its ``w:pPr``), in order; None unless every run is plain (text, tabs, breaks) and
    nothing else stands between them but proofing marks and bookmarks."""
    runs = []
    for rpr, raw, body, mark, other in _PLAIN_RUN.findall(markup):
        if other:
            return None
        if mark:  # proofing marks and bookmarks show nothing
            continue
        if not raw and body:
            raw = b"".join(shown or _RUN_CHARACTER_NAMES.get(name, b"") for shown, name in _PLAIN_RUN_CHILD.findall(body))
        runs.append((rpr, raw))
    return runs


def _most_common(counts: dict) -> dict:
    """Most frequent first; ties keep the order they were first met (as ``Counter.most_common``)."""
    return dict(sorted(counts.items(), key=itemgetter(1), reverse=True))


def layout_text(raw: str) -> str:
    """Normalised text that keeps how the line is laid out: line breaks stay "\\n" and column
    gaps (tabs, runs of spaces) one "\\t", so the header parser can tell "ĐẢNG BỘ TỈNH\\tĐẢNG
    CỘNG SẢN VIỆT NAM" side by side from one phrase. Body text is normalised fully later."""
    if "\t" not in raw and "\n" not in raw and "    " not in raw:
        return normalize(raw)
    lines = []
    for line in raw.split("\n"):
        cells = [normalize(cell) for cell in _COLUMN_GAP.split(line)]
        joined = "\t".join(cell for cell in cells if cell)
        if joined:
            lines.append(joined)
    return "\n".join(lines)


def _twips_to_mm(value: str | None) -> float:
    return round(abs(int(value)) / 1440 * 25.4, 1)


def _block_elements(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of a container in order, through block content controls, custom XML
    and tracked insertions; deleted blocks and section properties are skipped."""
    for child in container:
        tag = child.tag
        if tag == W_P or tag == W_TBL:
            yield child
        elif tag == W_SDT:
            inner = child.find(W_SDT_CONTENT)
            if inner is not None:
                yield from _block_elements(inner)
        elif tag in _TRANSPARENT_BLOCK:
            yield from _block_elements(child)


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """Rows of a table in the accepted view: a row marked deleted is left out."""
    for row in _children(table, W_TR):
        properties = next(row.iterchildren(W_TRPR), None)
        if properties is not None and next(properties.iterchildren(W_DEL), None) is not None:
            continue
        yield row


def _row_cells(row: etree._Element) -> Iterator[etree._Element]:
    return _children(row, W_TC)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, also when wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            inner = child.find(W_SDT_CONTENT)
            if inner is not None:
                yield from _children(inner, tag)
        elif child.tag in _TRANSPARENT_BLOCK:
            yield from _children(child, tag)


def _cells(table: etree._Element) -> Iterator[etree._Element]:
    for row in _rows(table):
        for cell in _row_cells(row):
            if not _continues_vertical_merge(cell):
                yield cell


def _continues_vertical_merge(cell: etree._Element) -> bool:
    for properties in cell.iterchildren(W_TCPR):
        for merge in properties.iterchildren(W_VMERGE):
            return merge.get(W_VAL, "continue") == "continue"
        return False
    return False


def _textboxes(element: etree._Element) -> Iterator[etree._Element]:
    """Text box contents in a drawing, each read once: of an ``mc:AlternateContent`` only the
    first branch holding a text box counts (``mc:Choice``; the VML ``mc:Fallback`` repeats it)."""
    tag = element.tag
    if tag == W_TXBX:
        yield element
    elif tag == MC_ALTERNATE:
        for branch in element:
            found = [box for child in branch for box in _textboxes(child)]
            if found:
                yield from found
                return
    elif isinstance(tag, str):
        for child in element:
            yield from _textboxes(child)


def _visible(elements) -> list[etree._Element]:
    """The first ``EDGE_BLOCKS`` tables or paragraphs with text, in the order given."""
    found = []
    for element in elements:
        if element.tag == W_TBL or any(text.strip() for text in element.itertext(W_T)):
            found.append(element)
            if len(found) == EDGE_BLOCKS:
                break
    return found


def _symbol(sym: etree._Element) -> str:
    """The character a ``w:sym`` shows, when it is one reports use; "" otherwise."""
    try:
        code = int(sym.get(w("char"), ""), 16)
    except ValueError:
        return ""
    font = (sym.get(w("font")) or "").lower()
    if code >= 0xF000:
        code -= 0xF000
    if font.startswith("wingdings"):
        return _WINGDINGS_CHARACTERS.get(code, "")
    if font.startswith("symbol"):
        return _SYMBOL_CHARACTERS.get(code, "")
    # Not a control, and a code point a character can have (no surrogate, which no output encodes).
    return chr(code) if 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""
