"""The annotated copy: the report with one Word comment per finding, for people who live in Word.

An office worker opens ``<name>.sobaocao.docx`` and sees each problem in the margin, next to
the words it is about: an out-of-period sentence, a malformed number, or, for a missing
section, the place where it should have been. The comments are real Word comments (author
"sobaocao"), so they can be answered, resolved and deleted as usual.

Only the OOXML of a copy is edited, with lxml: ``word/document.xml`` gets the comment ranges
(a run is split where a quoted phrase starts or ends), ``word/comments.xml`` the comments, and
the relationships and content types the new part when the report had no comments yet. Every
other part is copied byte for byte, so fonts, styles, numbering and images stay exactly as they
were; python-docx is not used because it would re-serialise the parts it loads. The original
file is only read.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import posixpath
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .document import Block, Document
from .docx.package import CONTENT_TYPES_PART, Limits, Package, load_source, open_package
from .docx.reader import read_package
from .docx.styles import W_VAL, StyleSheet, parse_run_props, w
from .errors import ConfigError, SobaocaoError
from .finding import CheckResult, Finding
from .i18n import L, Lang
from .output import write_output
from .vietnamese.legacy import decode_run, encoding_of_font
from .vietnamese.text import fold, normalize_dashes

COMMENT_AUTHOR = "sobaocao"
COMMENT_INITIALS = "SBC"
ANNOTATED_SUFFIX = ".sobaocao.docx"
# Findings about a section that is not in the report: commented where it should have been.
MISSING_RULES = ("missing-section", "missing-item")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

W_P, W_TBL, W_R, W_T, W_RPR, W_PPR = (w(t) for t in ("p", "tbl", "r", "t", "rPr", "pPr"))
W_SDT, W_SDT_CONTENT = w("sdt"), w("sdtContent")
# Run children that show one character; the reader displays tabs and breaks as white space.
_ONE_CHARACTER = {w("tab"): " ", w("ptab"): " ", w("br"): " ", w("cr"): " ", w("noBreakHyphen"): "-"}
# Containers whose runs Word displays as part of the paragraph (deleted text is not entered).
_DISPLAYED_CONTAINERS = frozenset(
    w(t) for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
) | {W_SDT_CONTENT}

_HINT_LEAD = L("Cách sửa: ", "What to do: ")
_ANNOTATED_COPY = L("bản sao có chú thích", "annotated copy")


def annotated_path(source: str | Path, outdir: str | Path, *, root: str | Path | None = None) -> Path:
    """Where ``check --annotate OUTDIR`` writes the copy of ``source``: ``OUTDIR/<name>.sobaocao.docx``.

    For a file found inside a checked folder ``root``, its sub-folders are kept under OUTDIR, so
    that two units' "bao-cao.docx" in different folders do not overwrite each other's copy.
    """
    source = Path(source)
    folder = Path(outdir)
    if root is not None:
        try:
            folder = folder / source.parent.relative_to(root)
        except ValueError:  # not inside root: the copy goes straight into OUTDIR
            pass
    return folder / (source.stem + ANNOTATED_SUFFIX)


def annotate_batch(
    files: list[Path], results: list[CheckResult], outdir: str | Path, *, folders: Sequence[Path] = (), lang: Lang = "vi"
) -> tuple[list[Path], list[tuple[Path, SobaocaoError]]]:
    """Annotated copies of the batch's reports that have findings, under ``outdir``.

    ``folders`` are the folders the batch was given: a file found in one keeps its sub-folders
    under ``outdir``. Returns the copies written and the files that could not be annotated.
    """
    written: list[Path] = []
    failed: list[tuple[Path, SobaocaoError]] = []
    for path, result in zip(files, results):
        if result.status != "findings":
            continue
        root = next((folder for folder in folders if folder in path.parents), None)
        try:
            written.append(annotate(path, result, annotated_path(path, outdir, root=root), lang))
        except SobaocaoError as exc:
            failed.append((path, exc))
    return written, failed


def annotate(source: str | Path | bytes, result: CheckResult, out_path: str | Path, lang: Lang = "vi") -> Path:
    """Write a copy of the report ``source`` with one Word comment per finding of ``result``.

    ``result`` must come from checking this same file. Returns ``out_path``. The source is never
    written: an ``out_path`` naming it is refused (``ConfigError``); an unreadable source raises
    ``InputError``/``UnsafeInputError`` as ``check`` does.
    """
    out_path = Path(out_path)
    _refuse_overwriting(source, out_path)
    limits = Limits()
    name, data = load_source(source, limits)
    package = open_package(data, limits, name=name)
    document = read_package(package, limits=limits)
    copy_ = _CommentedCopy(package)
    for finding in result.findings:
        block, excerpt = _target(finding, result, document)
        copy_.add(block.anchor if block else None, excerpt, _comment_text(finding, lang), label=block.label if block else "")
    write_output(out_path, copy_.save(), what=_ANNOTATED_COPY)
    return out_path


# --- where each comment goes ---------------------------------------------------------------------


def _target(finding: Finding, result: CheckResult, document: Document) -> tuple[Block | None, str | None]:
    """The block a finding is about and the words to anchor on (None: the whole paragraph)."""
    if finding.rule in MISSING_RULES:
        return _place_of_missing(finding.section, result, document), None
    location = finding.location
    if location is not None and location.block is not None and 0 <= location.block < len(document.blocks):
        block = document.blocks[location.block]
        if block.anchor:
            return block, finding.excerpt
    return _title_block(document), None


def _place_of_missing(section_id: str | None, result: CheckResult, document: Document) -> Block | None:
    """The heading (or mentioning paragraph) of the last section found before the missing one,
    in the letter's order; the title when nothing before it was found."""
    order = [section.id for section in result.sections]
    if section_id in order:
        for earlier in reversed(result.sections[: order.index(section_id)]):
            where = earlier.location
            if earlier.status in ("present", "empty", "mentioned") and where and where.block is not None:
                if 0 <= where.block < len(document.blocks) and document.blocks[where.block].anchor:
                    return document.blocks[where.block]
    return _title_block(document)


def _title_block(document: Document) -> Block | None:
    """The first line of the report's title (trích yếu), else its first paragraph."""
    header = document.header
    title = fold(header.title or "")
    if title:
        kind = fold(header.document_type or "")
        for index in header.blocks:
            block = document.blocks[index]
            line = fold(block.text)
            if line and line != kind and title.startswith(line) and block.anchor:
                return block
    return next((b for b in document.blocks if b.text.strip() and (b.anchor or "").startswith("p:")), None)


def _comment_text(finding: Finding, lang: Lang) -> list[str]:
    """The comment's paragraphs: "[rule-id] message", then what to do."""
    lines = [f"[{finding.rule}] {finding.message.text(lang)}"]
    if finding.hint is not None:
        lines.append(_HINT_LEAD.text(lang) + finding.hint.text(lang))
    return lines


# --- the copy ------------------------------------------------------------------------------------


@dataclass
class _Span:
    """Raw characters [start, end) of a paragraph's displayed text."""

    start: int
    end: int


class _CommentedCopy:
    """The parts of one report, with comments added to its main document."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.main_part = package.main_part
        self.root = package.xml(self.main_part)
        # Anchors count every w:p / w:tbl in document order before any change (see the reader).
        self.paragraphs = list(self.root.iter(W_P))
        self.tables = list(self.root.iter(W_TBL))
        related = {kind.rsplit("/", 1)[-1]: target for kind, target in package.relationships(self.main_part).values()}
        self.styles = StyleSheet(*(package.xml(related[name]) if name in related else None for name in ("styles", "theme")))
        self.comments_part = self._existing_comments_part()
        self.comments = (
            package.xml(self.comments_part)
            if self.comments_part
            else etree.Element(w("comments"), nsmap={"w": W_NS})
        )
        ids = [int(c.get(w("id"))) for c in self.comments.iter(w("comment")) if (c.get(w("id")) or "").isdigit()]
        self.next_id = max(ids, default=-1) + 1
        self.added = 0
        self.date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _existing_comments_part(self) -> str | None:
        for rel_type, target in self.package.relationships(self.main_part).values():
            if rel_type == COMMENTS_REL_TYPE and self.package.has(target):
                return target
        return None

    # --- document.xml ---

    def add(self, anchor: str | None, excerpt: str | None, lines: list[str], *, label: str = "") -> None:
        """One comment on the words ``excerpt`` of the block at ``anchor`` (its whole first
        paragraph when the words cannot be found there), or on the first paragraph."""
        candidates = self._paragraphs_of(anchor)
        comment_id = str(self.next_id)
        for paragraph in candidates if excerpt else ():
            span = _find(paragraph, excerpt, label, self.styles)
            if span is not None:
                self._mark_span(paragraph, span, comment_id)
                break
        else:
            paragraph = candidates[0] if candidates else self._first_paragraph()
            self._mark_paragraph(paragraph, comment_id)
        self.comments.append(self._comment(comment_id, lines))
        self.next_id += 1
        self.added += 1

    def _paragraphs_of(self, anchor: str | None) -> list[etree._Element]:
        kind, _, number = (anchor or "").partition(":")
        if not number.isdigit():
            return []
        index = int(number)
        if kind == "p" and index < len(self.paragraphs):
            found = [self.paragraphs[index]]
        elif kind == "tbl" and index < len(self.tables):
            found = [p for p in self.tables[index].iter(W_P) if _atoms(p)] or list(self.tables[index].iter(W_P))[:1]
        else:
            return []
        return list(dict.fromkeys(_outside_text_boxes(paragraph) for paragraph in found))

    def _first_paragraph(self) -> etree._Element:
        body = self.root.find(w("body"))
        paragraph = next((p for p in self.paragraphs if _atoms(p)), None)
        if paragraph is None:  # an empty report: a paragraph to hold the comment
            paragraph = etree.Element(W_P)
            body.insert(0, paragraph)
        return paragraph

    def _mark_paragraph(self, paragraph: etree._Element, comment_id: str) -> None:
        start = _marker("commentRangeStart", comment_id)
        properties = paragraph.find(W_PPR)
        if properties is not None:
            properties.addnext(start)
        else:
            paragraph.insert(0, start)
        paragraph.append(_marker("commentRangeEnd", comment_id))
        paragraph.append(_reference_run(comment_id))

    def _mark_span(self, paragraph: etree._Element, span: _Span, comment_id: str) -> None:
        start_element, start_offset = _positions(paragraph)[span.start]
        _, start_run = _cut(start_element, start_offset)
        # Cutting regroups the characters into runs without changing them: count them again.
        end_element, end_offset = _positions(paragraph)[span.end - 1]
        end_run, _ = _cut(end_element, end_offset + 1)
        start_run.addprevious(_marker("commentRangeStart", comment_id))
        end = _marker("commentRangeEnd", comment_id)
        end_run.addnext(end)
        outer = end  # the reference run goes beside the range, outside any w:ins or hyperlink
        while outer.getparent() is not paragraph:
            outer = outer.getparent()
        outer.addnext(_reference_run(comment_id))

    # --- comments.xml ---

    def _comment(self, comment_id: str, lines: list[str]) -> etree._Element:
        comment = etree.Element(w("comment"))
        comment.set(w("id"), comment_id)
        comment.set(w("author"), COMMENT_AUTHOR)
        comment.set(w("date"), self.date)
        comment.set(w("initials"), COMMENT_INITIALS)
        for number, line in enumerate(lines):
            paragraph = etree.SubElement(comment, W_P)
            if number == 0:
                etree.SubElement(etree.SubElement(paragraph, W_R), w("annotationRef"))
            text = etree.SubElement(etree.SubElement(paragraph, W_R), W_T)
            text.text = _xml_safe(line)
            text.set(_XML_SPACE, "preserve")
        return comment

    # --- the package ---

    def save(self) -> bytes:
        """The copy as bytes: changed parts re-serialised, every other part as it was."""
        changed: dict[str, bytes] = {}
        if self.added:
            changed[self.main_part] = _serialise(self.root)
            if self.comments_part is None:
                self.comments_part = posixpath.join(posixpath.dirname(self.main_part), "comments.xml")
                changed.update(self._register_comments_part())
            changed[self.comments_part] = _serialise(self.comments)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            written = set()
            for part in self.package.parts:
                key = part.casefold()
                replacement = next((data for name, data in changed.items() if name.casefold() == key), None)
                archive.writestr(part, replacement if replacement is not None else self.package.read(part))
                written.add(key)
            for name, data in changed.items():
                if name.casefold() not in written:
                    archive.writestr(name, data)
        return buffer.getvalue()

    def _register_comments_part(self) -> dict[str, bytes]:
        """The relationship and content type that make a new comments part part of the package."""
        folder, filename = posixpath.split(self.main_part)
        rels_part = posixpath.join(folder, "_rels", filename + ".rels")
        rels = self.package.xml(rels_part)
        if rels is None:
            rels = etree.Element(f"{{{_PKG_RELS_NS}}}Relationships", nsmap={None: _PKG_RELS_NS})
        used = {rel.get("Id") for rel in rels}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        relationship = etree.SubElement(rels, f"{{{_PKG_RELS_NS}}}Relationship")
        relationship.set("Id", f"rId{number}")
        relationship.set("Type", COMMENTS_REL_TYPE)
        relationship.set("Target", posixpath.relpath(self.comments_part, folder or "."))
        types = self.package.xml(CONTENT_TYPES_PART)
        override = etree.SubElement(types, f"{{{_CT_NS}}}Override")
        override.set("PartName", "/" + self.comments_part)
        override.set("ContentType", COMMENTS_CONTENT_TYPE)
        return {rels_part: _serialise(rels), CONTENT_TYPES_PART: _serialise(types)}


# --- runs and characters -------------------------------------------------------------------------


def _atoms(paragraph: etree._Element) -> list[tuple[etree._Element, str]]:
    """The displayed characters of a paragraph's own runs, in order, each with its element
    (a ``w:t`` or a one-character run child); text boxes and deleted text are not entered."""
    found: list[tuple[etree._Element, str]] = []

    def walk(parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                for piece in child:
                    if piece.tag == W_T and piece.text:
                        found.append((piece, piece.text))
                    elif piece.tag in _ONE_CHARACTER:
                        found.append((piece, _ONE_CHARACTER[piece.tag]))
            elif tag in _DISPLAYED_CONTAINERS:
                walk(child)
            elif tag == W_SDT:
                inner = child.find(W_SDT_CONTENT)
                if inner is not None:
                    walk(inner)

    walk(paragraph)
    return found


def _outside_text_boxes(paragraph: etree._Element) -> etree._Element:
    """The body paragraph a text box is anchored in, for a paragraph inside the box: Word keeps
    each box twice (DrawingML and VML), so a comment inside one copy would be half a comment."""
    outer = paragraph
    for ancestor in paragraph.iterancestors(W_P):
        outer = ancestor
    return outer


def _positions(paragraph: etree._Element) -> list[tuple[etree._Element, int]]:
    """For each displayed character of the paragraph: its element and its offset there."""
    return [(element, offset) for element, text in _atoms(paragraph) for offset in range(len(text))]


def _find(paragraph: etree._Element, excerpt: str, label: str, styles: StyleSheet) -> _Span | None:
    """The raw characters of the paragraph that show ``excerpt``, compared without case,
    diacritic placement, Unicode form or spacing differences; an automatic numbering label
    at the start of the excerpt is not in the runs and is skipped."""
    raw = "".join(_displayed(paragraph, styles))
    key, origin = _keyed(raw)
    wanted = [excerpt]
    if label and excerpt.startswith(label):
        wanted.append(excerpt[len(label) :])
    for text in wanted:
        needle = _keyed(text)[0].strip()
        position = key.find(needle) if needle else -1
        if position >= 0:
            end = origin[position + len(needle) - 1] + 1
            while end < len(raw) and _ignored(raw[end]):  # decomposed marks of the last letter
                end += 1
            return _Span(origin[position], end)
    return None


def _displayed(paragraph: etree._Element, styles: StyleSheet) -> list[str]:
    """The text of each of the paragraph's atoms as the reader shows it: runs in a legacy font
    (TCVN3) converted as the reader converts them, when that keeps one character per stored
    character, so that positions still point into the runs (otherwise the stored text stays)."""
    atoms = _atoms(paragraph)
    style = paragraph.find(f"{W_PPR}/{w('pStyle')}")
    fonts = [_font(element.getparent(), style.get(W_VAL) if style is not None else None, styles) for element, _ in atoms]
    evidence: dict[str, str] = {}  # the reader decides per font, on all the paragraph's text in it
    for (_, text), font in zip(atoms, fonts):
        if encoding_of_font(font) is not None:
            evidence[font] = evidence.get(font, "") + text
    shown = []
    for (_, text), font in zip(atoms, fonts):
        if font in evidence:
            decoded = decode_run(text, font, context=evidence[font]).text
            text = decoded if len(decoded) == len(text) else text
        shown.append(text)
    return shown


def _font(run: etree._Element, paragraph_style: str | None, styles: StyleSheet) -> str | None:
    """The font a run is drawn in: its own properties over its character and paragraph styles."""
    properties = run.find(W_RPR)
    character_style = properties.find(w("rStyle")) if properties is not None else None
    base = styles.run_base(paragraph_style, character_style.get(W_VAL) if character_style is not None else None)
    return parse_run_props(properties, styles.theme_fonts).over(base).font


def _keyed(text: str) -> tuple[str, list[int]]:
    """A comparison key of ``text`` (lowercase, no diacritics, one space for any white space)
    and, for each key character, the index of the character of ``text`` it comes from."""
    key: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if _ignored(char):
            continue
        if char.isspace():
            if key and key[-1] == " ":
                continue
            char = " "
        else:
            char = _base_letter(char)
        key.append(char)
        origin.append(index)
    return "".join(key), origin


def _ignored(char: str) -> bool:
    """Combining marks and invisible format characters, which ``normalize`` folds away."""
    return unicodedata.category(char) in ("Mn", "Me", "Cf")


def _base_letter(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0].lower()
    return "d" if base == "đ" else normalize_dashes(base)


def _cut(element: etree._Element, offset: int) -> tuple[etree._Element | None, etree._Element | None]:
    """Split the run holding ``element`` before its character ``offset``: (run with what comes
    before, run with what comes after); a side is None when nothing is on it. Both runs keep
    the run properties, so the formatting does not change."""
    run = element.getparent()
    content = [child for child in run if child.tag != W_RPR]
    index = content.index(element)
    text = (element.text or "") if element.tag == W_T else "x"  # a tab or break is one character
    before = content[:index] + ([element] if offset > 0 else [])
    after = ([element] if offset < len(text) else []) + content[index + 1 :]
    if not before:
        return None, run
    if not after:
        return run, None
    twin = copy.deepcopy(run)
    for child in list(twin):
        if child.tag != W_RPR:
            twin.remove(child)
    if 0 < offset < len(text):  # the cut falls inside one w:t
        rest = copy.deepcopy(element)
        rest.text = element.text[offset:]
        element.text = element.text[:offset]
        for piece in (element, rest):
            piece.set(_XML_SPACE, "preserve")
        twin.append(rest)
        moving = content[index + 1 :]
    else:
        moving = after
    for child in moving:
        twin.append(child)  # lxml moves the element out of ``run``
    run.addnext(twin)
    return run, twin


def _marker(name: str, comment_id: str) -> etree._Element:
    marker = etree.Element(w(name))
    marker.set(w("id"), comment_id)
    return marker


def _reference_run(comment_id: str) -> etree._Element:
    run = etree.Element(W_R)
    etree.SubElement(run, w("commentReference")).set(w("id"), comment_id)
    return run


def _xml_safe(text: str) -> str:
    """Text without the control characters XML 1.0 cannot hold."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 0x20)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- files ---------------------------------------------------------------------------------------


def _refuse_overwriting(source: str | Path | bytes, out_path: Path) -> None:
    if isinstance(source, bytes):
        return
    if Path(source).resolve() == out_path.resolve():
        raise ConfigError(
            f"Tệp bản sao có chú thích «{out_path}» trùng với tệp báo cáo gốc; sobaocao không bao giờ ghi "
            "đè tệp gốc. Hãy chọn một thư mục khác để ghi bản sao.",
            f"The annotated copy '{out_path}' is the original report itself; sobaocao never overwrites "
            "the original. Choose another folder for the copy.",
        )

