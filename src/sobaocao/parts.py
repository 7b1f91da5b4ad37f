"""Find the form elements above and below the body of a report: the header and the closing.

The reader hands over the blocks in reading order, whatever the layout: a two-column table
read cell by cell (the issuer's column first, then the banner's), paragraphs with the right
column after tabs or long runs of spaces, or text boxes. Each line is cut into the pieces laid
side by side and every piece is recognised by its own shape, so the order of the columns does
not matter. Everything here is a pure function of the blocks except that ``split_parts`` marks
the blocks it used (``Block.part``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .document import Block, Closing, Header, Signature
from .forms import PROFILES
from .vietnamese.text import DASHES, SUBJECT_MARK, fold, is_upper, normalize

# A tab, or four spaces or more, separates text laid out in two columns on one line.
_COLUMN_GAP = re.compile(r"[ \t]*\t[ \t]*| {4,}")
# A gap that is a blank left for a value to be filled in ("Số    -BC/CB", "ngày    tháng 7")
# rather than a column break.
_BLANK_BEFORE = re.compile(r"(?:^|\s)(?:số\s*:?|ngày|tháng)$", re.IGNORECASE)
_BLANK_AFTER = re.compile(rf"^(?:[-/{DASHES}]|tháng\b|năm\b)", re.IGNORECASE)

_NUMBER = re.compile(rf"Số\s*[:.]?\s*[\d\s.…_]*(?:[-/{DASHES}]\s*\S.*)?", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"(?:(?P<place>[^\d,]{0,40}?)\s*,?\s*)?"
    r"ngày\s*(?P<day>\d{1,2})?[\s.…_]*tháng\s*(?P<month>\d{1,2})?[\s.…_]*năm\s*(?P<year>\d{4})?\s*\.?",
    re.IGNORECASE,
)
_PLACE_NUMERIC_DATE = re.compile(
    r"(?P<place>[^\d,]{1,40}?)\s*,\s*(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})\s*\.?"
)
_SEPARATOR = re.compile(rf"[-_{DASHES}=.*~\s]{{3,}}")
_SALUTATION = re.compile(r"Kính\s+gửi\b", re.IGNORECASE)
# "Nơi nhận:" alone, or followed by its first item on the same line ("Nơi nhận: - Như trên;").
_RECIPIENTS_HEADING = re.compile(rf"Nơi\s+nhận\s*:?\s*(?=$|[-+•{DASHES}])", re.IGNORECASE)
# T/M, K/T, T/L (Party); TM., KT., TL., TUQ., Q. (state); the Party forms are often typed
# without the slash and the state ones without the dot.
_AUTHORITY = re.compile(r"(?:T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TM|KT|TL|TUQ)\b\.?|Q\.")
# Cheap test that a block may open the closing, before it is cut into pieces and classified:
# one of these at its start or after a tab or line break. Two patterns, so that the one after a
# break is searched from its first character instead of tried at every position.
_CLOSING_MARK = r"\s*(?:[Nn][ơƠ][Ii]\s|NƠI\s|[TK]\s*/|TM|KT|TL|TUQ|Q\.)"
_CLOSING_MARK_AT_START = re.compile(_CLOSING_MARK)
_CLOSING_MARK_AFTER_BREAK = re.compile(rf"[\t\n]{_CLOSING_MARK}")
_ITEM = re.compile(rf"[-+•{DASHES}*]\s*\S")
_ITEM_WORDS = ("luu", "nhu tren", "nhu kinh gui")
_SIGNATURE_NOTE_WORDS = ("ky", "dau")
# Administrative units: a line that is only "TỈNH YÊN BÁI" continues the body's name above it
# ("ỦY BAN NHÂN DÂN" / "TỈNH YÊN BÁI" is one body on two lines).
_LOCALITY = re.compile(r"(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran) \w")
_BODY_WORD = re.compile(r"\b(?:uy|dang|bo|ban|so|phong)\b")
# Positions that sign a report without a T/M line (a chi bộ's bí thư, a head of office).
_POSITIONS = (
    "bi thu", "pho bi thu", "chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban",
    "pho truong ban", "chanh van phong", "pho chanh van phong", "thu truong", "hieu truong",
    "truong phong", "pho truong phong",
)
# Document types a header may carry; a report must carry "BÁO CÁO", the others are told apart
# so that the finding can name what the file is instead.
DOCUMENT_TYPES = (
    "BÁO CÁO", "KẾ HOẠCH", "TỜ TRÌNH", "THÔNG BÁO", "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ",
    "HƯỚNG DẪN", "CÔNG VĂN", "CHƯƠNG TRÌNH", "BIÊN BẢN", "KẾT LUẬN", "QUY ĐỊNH", "ĐỀ ÁN",
)
_DOCUMENT_TYPE_KEYS = frozenset(fold(name) for name in DOCUMENT_TYPES)
_BANNER_KEYS = {fold(profile.banner) for profile in PROFILES.values()}
_MOTTO_KEYS = {fold(profile.motto) for profile in PROFILES.values() if profile.motto}

_TITLE_MAX = 300  # characters: a longer line after "BÁO CÁO" is body text, not the trích yếu
_PLAIN_TITLE_MAX = 200  # the same for a line without the title's formatting
_ISSUER_MAX = 120
_SIGNATURE_WORDS_MAX = 8
_RECIPIENT_MAX = 120  # characters: a longer line after "Nơi nhận" is body text
_CLOSING_REACH = 15  # a signature without T/M or "Nơi nhận" is looked for in the last blocks
# characters: a header or closing block is a few short lines (a whole header typed in one
# paragraph, or every recipient in one, stays far below); a longer block is body text, and is
# not cut into pieces and folded (seconds for a paragraph of millions of characters)
_FORM_BLOCK_MAX = 3000


@dataclass(frozen=True)
class PlaceDate:
    """A place-and-date line read into its parts; a blank part ("ngày   tháng 7") is None."""

    place: str | None
    day: int | None
    month: int | None
    year: int | None
    numeric: bool  # written "28/6/2022" instead of "ngày 28 tháng 6 năm 2022"
    day_text: str | None
    month_text: str | None

    @property
    def date(self) -> dt.date | None:
        if None in (self.day, self.month, self.year):
            return None
        try:
            return dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        except ValueError:
            return None


def read_place_date(text: str) -> PlaceDate | None:
    """Read "Yên Bái, ngày 28 tháng 6 năm 2022" (or "Yên Bái, 28/6/2022"); None for other text."""
    text = normalize(text)
    match = _PLACE_DATE.fullmatch(text)
    numeric = match is None
    if numeric:
        match = _PLACE_NUMERIC_DATE.fullmatch(text)
        if match is None:
            return None
    place = (match["place"] or "").strip(" ,") or None
    return PlaceDate(
        place=place,
        day=int(match["day"]) if match["day"] else None,
        month=int(match["month"]) if match["month"] else None,
        year=int(match["year"]) if match["year"] else None,
        numeric=numeric,
        day_text=match["day"],
        month_text=match["month"],
    )


def column_pieces(text: str) -> list[str]:
    """The pieces of a line laid out side by side, normalised: "A\\tB" → ["A", "B"].

    Line breaks inside a paragraph separate pieces too. A gap that is a blank left for a value
    ("Số     -BC/CB", "ngày      tháng 7") stays inside its piece.
    """
    # The header, the closing and the form rules cut the same few blocks several times.
    return list(_cut_cached(text) if len(text) <= _FORM_BLOCK_MAX else _cut(text))


@functools.lru_cache(maxsize=512)
def _cut_cached(text: str) -> tuple[str, ...]:
    return _cut(text)


def _cut(text: str) -> tuple[str, ...]:
    pieces: list[str] = []
    for line in text.splitlines():
        start = 0
        for gap in _COLUMN_GAP.finditer(line):
            left, right = line[start : gap.start()], line[gap.end() :]
            if _BLANK_BEFORE.search(left.rstrip()) or _BLANK_AFTER.match(right):
                continue
            pieces.append(line[start : gap.start()])
            start = gap.end()
        pieces.append(line[start:])
    return tuple(normalize(piece) for piece in pieces if piece.strip())


HeaderKind = Literal[
    "banner", "motto", "star", "separator", "mark", "number", "place_date", "document_type",
    "subject", "salutation", "upper", "other",
]
# Marks stamped above or beside the header, not part of the issuer's name.
_MARKS = frozenset({"mat", "toi mat", "tuyet mat", "khan", "thuong khan", "hoa toc", "du thao"})


def _header_kind(piece: str, block: Block) -> HeaderKind:
    return _header_kind_of(piece, block.caps, bool(block.label))


@functools.lru_cache(maxsize=1024)  # reports of one template open with the same header lines
def _header_kind_of(piece: str, caps: bool, labelled: bool) -> HeaderKind:
    key = fold(piece)
    if key in _BANNER_KEYS:
        return "banner"
    if key in _MOTTO_KEYS:
        return "motto"
    if piece == "*":
        return "star"
    if _SEPARATOR.fullmatch(piece):
        return "separator"
    if key in _MARKS or key.startswith("du thao "):
        return "mark"
    if _NUMBER.fullmatch(piece):
        return "number"
    if read_place_date(piece):
        return "place_date"
    if key in _DOCUMENT_TYPE_KEYS and (is_upper(piece) or caps):
        return "document_type"
    if SUBJECT_MARK.match(piece):
        return "subject"
    if _SALUTATION.match(piece):
        return "salutation"
    if not labelled and len(piece) <= _ISSUER_MAX and (is_upper(piece) or caps):
        return "upper"
    return "other"


class _HeaderReader:
    """Reads the header one block at a time; ``take`` says whether the block belongs to it."""

    def __init__(self) -> None:
        self.header = Header()
        self.issuer_lines: list[str] = []
        self.title_lines: list[str] = []
        self.salutation_lines: list[str] = []
        self.last: HeaderKind | None = None
        self.title_closed = False

    @property
    def after_type(self) -> bool:
        return self.header.document_type is not None

    @property
    def issuer_open(self) -> bool:
        """Issuer lines come before the type and, in every layout, before number and date both."""
        header = self.header
        return not self.after_type and not (header.number and header.place_date)

    def take(self, block: Block) -> bool:
        pieces = column_pieces(block.text)
        if not pieces:
            return True
        if self.after_type:
            return self._take_after_type(block, pieces)
        kinds = [_header_kind(piece, block) for piece in pieces]
        # "BÁO CÁO" and the trích yếu may share a paragraph, split by a line break.
        cut = kinds.index("document_type") + 1 if "document_type" in kinds else len(kinds)
        if not all(self._acceptable(kind, piece, block) for piece, kind in zip(pieces[:cut], kinds[:cut])):
            return False
        for piece, kind in zip(pieces[:cut], kinds[:cut]):
            self._record(piece, kind)
        return cut == len(pieces) or self._take_after_type(block, pieces[cut:])

    def _acceptable(self, kind: HeaderKind, piece: str, block: Block) -> bool:
        if kind == "upper":
            return self.issuer_open
        if kind == "other":
            # The trích yếu of a letter ("V/v …") may wrap inside its layout cell; the
            # recipients after "Kính gửi:" may follow as a list.
            wrapped_subject = self.last == "subject" and (block.in_table or block.in_textbox)
            listed_recipient = self.last == "salutation" and bool(_ITEM.match(piece))
            return wrapped_subject or listed_recipient
        return True

    def _record(self, piece: str, kind: HeaderKind) -> None:
        header = self.header
        if kind == "banner":
            header.banner = header.banner or piece
        elif kind == "motto":
            header.motto = header.motto or piece
        elif kind == "star":
            header.star = True
        elif kind == "number":
            header.number = header.number or piece
        elif kind == "place_date" and header.place_date is None:
            parsed = read_place_date(piece)
            header.place_date = piece
            header.place = parsed.place if parsed else None
            header.date = parsed.date if parsed else None
        elif kind == "document_type":
            header.document_type = piece
        elif kind == "salutation" or (kind == "other" and self.last == "salutation"):
            self.salutation_lines.append(piece)
            kind = "salutation"
        elif kind in ("subject", "other"):
            self.title_lines.append(piece)
            kind = "subject"
        elif kind == "upper":
            self.issuer_lines.append(piece)
        if kind not in ("separator", "mark"):
            self.last = kind

    def _take_after_type(self, block: Block, pieces: list[str]) -> bool:
        kinds = [_header_kind(piece, block) for piece in pieces]
        if all(kind == "separator" for kind in kinds):
            self.title_closed = self.title_closed or bool(self.title_lines)
            return True
        if kinds[0] == "salutation" or (self.salutation_lines and _ITEM.match(pieces[0])):
            self.salutation_lines.extend(pieces)
            self.title_closed = True
            return True
        if self.title_closed or self.salutation_lines or not self._is_title(block, pieces):
            return False
        self.title_lines.extend(pieces)
        return True

    def _is_title(self, block: Block, pieces: list[str]) -> bool:
        """A trích yếu line: centred, bold or capitals; or else the one short line right after
        the document type that does not read like the opening sentence of the body."""
        text = " ".join(pieces)
        if block.label or len(text) > _TITLE_MAX:
            return False
        if block.align == "center" or block.bold or block.caps or is_upper(text):
            return True
        return not self.title_lines and len(text) <= _PLAIN_TITLE_MAX and not text.endswith((".", ":"))

    def finish(self) -> Header:
        header = self.header
        bodies = _issuer_bodies(self.issuer_lines)
        if len(bodies) == 1:
            header.issuing_body = bodies[0]
        elif bodies:
            header.superior_body = bodies[0]
            header.issuing_body = " ".join(bodies[1:])
        if self.title_lines:
            header.title = " ".join(self.title_lines)
        if self.salutation_lines:
            header.recipients = "\n".join(self.salutation_lines)
        return header


def _issuer_bodies(lines: list[str]) -> list[str]:
    """Issuer lines grouped into bodies: a bare locality line joins the line above it."""
    bodies: list[str] = []
    for line in lines:
        key = fold(line)
        if bodies and _LOCALITY.match(key) and not _BODY_WORD.search(key):
            bodies[-1] = f"{bodies[-1]} {line}"
        else:
            bodies.append(line)
    return bodies


def _read_header(blocks: list[Block]) -> tuple[Header, int]:
    """The header read from the first blocks, and how many blocks it spans."""
    reader = _HeaderReader()
    used = 0
    for position, block in enumerate(blocks):
        if block.kind == "table" or len(block.text) > _FORM_BLOCK_MAX or not reader.take(block):
            break
        if block.text.strip():
            used = position + 1
    header = reader.finish()
    header.blocks = [block.index for block in blocks[:used]]
    return header, used


ClosingKind = Literal[
    "recipients_heading", "item", "authority", "note", "position", "name", "separator", "other"
]


@functools.lru_cache(maxsize=1024)  # asked again of the same lines while the closing is delimited and read
def _closing_kind(piece: str) -> ClosingKind:
    key = fold(piece)
    if _RECIPIENTS_HEADING.match(piece):
        return "recipients_heading"
    if _SEPARATOR.fullmatch(piece):
        return "separator"
    if _ITEM.match(piece) or key.startswith(_ITEM_WORDS):
        return "item"
    if is_upper(piece, min_letters=2) and authority_prefix(piece):
        return "authority"
    if piece.startswith("(") and piece.endswith(")") and set(key.split()) & set(_SIGNATURE_NOTE_WORDS):
        return "note"
    if is_upper(piece, min_letters=2) and len(piece.split()) <= _SIGNATURE_WORDS_MAX:
        return "position"
    if _looks_like_name(piece):
        return "name"
    return "other"


def authority_prefix(line: str) -> str | None:
    """The authority abbreviation that opens a signing line, as written ("T/M", "KT."), if any."""
    match = _AUTHORITY.match(line)
    return match[0] if match and line[match.end() :].strip() else None


def _looks_like_name(piece: str) -> bool:
    """A person's name as signed: two to six capitalised words ("Cao Xuân Chiểu")."""
    words = piece.split()
    return 2 <= len(words) <= 6 and all(word.isalpha() and word[0].isupper() for word in words)


def _closing_start(blocks: list[Block]) -> int | None:
    """Where the closing begins: the first T/M line or "Nơi nhận" of the last group of closing
    lines; without either, a known position ("BÍ THƯ") among the last blocks."""
    anchors = [
        position
        for position, block in enumerate(blocks)
        if not block.label
        and len(block.text) <= _FORM_BLOCK_MAX
        and _may_open_closing(block.text)
        and any(_closing_kind(piece) in ("authority", "recipients_heading") for piece in column_pieces(block.text))
    ]
    if not anchors:
        tail = range(max(0, len(blocks) - _CLOSING_REACH), len(blocks))
        anchors = [
            position
            for position in tail
            if not blocks[position].label
            and len(blocks[position].text) <= _FORM_BLOCK_MAX
            and any(
                _closing_kind(piece) == "position" and fold(piece).startswith(_POSITIONS)
                for piece in column_pieces(blocks[position].text)
            )
        ]
    if not anchors:
        return None
    start = anchors[-1]
    for earlier in reversed(anchors[:-1]):
        if not all(_is_closing_block(block, items_allowed=True) for block in blocks[earlier:start]):
            break
        start = earlier
    return start


def _may_open_closing(text: str) -> bool:
    """A closing mark at the start of the text or after a tab or line break. Most blocks hold
    neither: two scans in C spare the second pattern from being tried at every character."""
    if _CLOSING_MARK_AT_START.match(text):
        return True
    return ("\t" in text or "\n" in text) and _CLOSING_MARK_AFTER_BREAK.search(text) is not None


def _is_closing_block(block: Block, *, items_allowed: bool) -> bool:
    if block.kind == "table" or block.label or len(block.text) > _FORM_BLOCK_MAX:
        return False
    for piece in column_pieces(block.text):
        kind = _closing_kind(piece)
        if kind == "other" and not (items_allowed and _is_unmarked_item(piece)):
            return False
    return True


def _is_unmarked_item(piece: str) -> bool:
    """A recipient written without a dash ("Ban Tuyên giáo Tỉnh ủy;"): short, ends like a list line."""
    return len(piece) <= _RECIPIENT_MAX and piece.endswith((";", ",", "."))


def _read_closing(blocks: list[Block]) -> tuple[Closing, list[Block]]:
    """The closing read from the last blocks, and the blocks it spans. Blocks after it (an
    appendix) stay in the body."""
    start = _closing_start(blocks)
    closing = Closing()
    used: list[Block] = []
    if start is None:
        return closing, used
    lines: list[str] = []
    for block in blocks[start:]:
        if not _is_closing_block(block, items_allowed=closing.recipients_heading is not None):
            break
        pieces = column_pieces(block.text)
        # Once the signer's name is written, a further capitals line opens an appendix.
        signed = bool(lines) and _signature(lines).name is not None  # type: ignore[union-attr]
        if signed and any(_closing_kind(piece) in ("authority", "position", "name") for piece in pieces):
            break
        used.append(block)
        for piece in pieces:
            kind = _closing_kind(piece)
            if kind == "recipients_heading":
                heading = _RECIPIENTS_HEADING.match(piece)
                closing.recipients_heading = piece[: heading.end()].strip()  # type: ignore[union-attr]
                if first_item := piece[heading.end() :].strip():  # type: ignore[union-attr]
                    closing.recipients.append(first_item)
            elif kind == "item" or (kind == "other" and closing.recipients_heading is not None):
                closing.recipients.append(piece)
            elif kind != "separator":
                lines.append(piece)
    closing.signature = _signature(lines)
    closing.blocks = [block.index for block in used]
    return closing, used


def _signature(lines: list[str]) -> Signature | None:
    """Authority line(s), then the position, notes such as "(Đã ký)", then the name."""
    if not lines:
        return None
    signature = Signature(lines=lines)
    for line in lines:
        kind = _closing_kind(line)
        if kind == "authority":
            signature.authority = signature.authority or line
        elif kind == "position" and signature.position is None:
            signature.position = line
        elif kind in ("name", "position"):
            signature.name = line
    return signature


def split_parts(blocks: list[Block]) -> tuple[Header, Closing]:
    """Header and closing of a report; marks the blocks they span with ``part``."""
    header, header_end = _read_header(blocks)
    closing, closing_blocks = _read_closing(blocks[header_end:])
    _mark(blocks[:header_end], "header")
    _mark(closing_blocks, "closing")
    return header, closing


def _mark(blocks: Iterable[Block], part: Literal["header", "closing"]) -> None:
    for block in blocks:
        block.part = part
