"""The parsed report: what a person sees in Word, as typed data.

The docx layer builds it; matching, rules and renderers read it. It knows nothing of OOXML,
so a report from another source (a test, a converter) can be built directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from .i18n import Localized

BlockKind = Literal["heading", "paragraph", "table"]
Part = Literal["header", "body", "closing"]


class Location(BaseModel):
    """Where something is, in the report's own terms.

    ``block`` indexes ``Document.blocks``; ``label`` is the numbering path as the reader of the
    report knows it ("II.1", "1.2.a"); ``heading`` is the nearest heading as displayed.
    """

    block: int | None = None
    label: str | None = None
    heading: str | None = None
    part: Part | None = None


class Block(BaseModel):
    """One paragraph, heading or table of the report, in reading order.

    ``text`` is the displayed text after the numbering label (NFC, accepted view of tracked
    changes, legacy fonts converted); ``label`` is the label as Word shows it ("II.", "1.1.",
    "a)", "-"), whether it comes from automatic numbering (``label_source="auto"``) or was typed
    (``"manual"``). ``numbering_path`` joins the labels of the enclosing headings ("II.1").
    """

    index: int
    kind: BlockKind = "paragraph"
    part: Part = "body"
    text: str = ""
    label: str = ""
    label_source: Literal["auto", "manual"] | None = None
    level: int | None = None  # heading level, 1 = top; None for non-headings
    style: str | None = None
    outline_level: int | None = None
    bold: bool = False
    caps: bool = False
    italic: bool = False
    align: Literal["left", "center", "right", "both"] | None = None
    in_textbox: bool = False
    in_table: bool = False  # a paragraph that sits in a layout table (header, signature)
    rows: list[list[str]] | None = None  # table cell texts, for kind == "table"
    numbering_path: str = ""
    heading_path: list[str] = Field(default_factory=list)
    anchor: str | None = None  # opaque pointer back into the source file, for annotation

    @property
    def display(self) -> str:
        """Label and text as the reader sees them on the page."""
        return f"{self.label} {self.text}".strip() if self.label else self.text

    def location(self) -> Location:
        return Location(
            block=self.index,
            label=self.numbering_path or None,
            heading=self.heading_path[-1] if self.heading_path else None,
            part=self.part,
        )


class Header(BaseModel):
    """The form elements above the body (thể thức), as written in the report."""

    banner: str | None = None  # "ĐẢNG CỘNG SẢN VIỆT NAM" or the Quốc hiệu
    motto: str | None = None  # "Độc lập - Tự do - Hạnh phúc"
    superior_body: str | None = None  # "ĐẢNG BỘ TỈNH YÊN BÁI"
    issuing_body: str | None = None  # "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"
    star: bool = False  # the "*" under the Party issuer
    number: str | None = None  # "Số 630 - CV/ĐUK" as written
    place_date: str | None = None  # "Yên Bái, ngày 28 tháng 6 năm 2022" as written
    place: str | None = None
    date: dt.date | None = None
    document_type: str | None = None  # "BÁO CÁO"
    title: str | None = None  # trích yếu
    recipients: str | None = None  # "Kính gửi: …"
    blocks: list[int] = Field(default_factory=list)  # indexes of the blocks the header used


class Signature(BaseModel):
    """The signing block: "T/M BAN CHI ỦY" / "BÍ THƯ" / name."""

    authority: str | None = None  # T/M, K/T, T/L, TM., KT., TL. line
    position: str | None = None  # chức vụ
    name: str | None = None
    lines: list[str] = Field(default_factory=list)


class Closing(BaseModel):
    signature: Signature | None = None
    recipients: list[str] = Field(default_factory=list)  # "Nơi nhận:" items
    recipients_heading: str | None = None
    blocks: list[int] = Field(default_factory=list)


class Margins(BaseModel):
    """Page margins in millimetres."""

    top: float
    bottom: float
    left: float
    right: float


class Facts(BaseModel):
    """Facts about the file that matter for form checks but are not content."""

    fonts: dict[str, int] = Field(default_factory=dict)  # font name -> characters of body text
    font_sizes: dict[float, int] = Field(default_factory=dict)  # size in pt -> characters
    legacy_encodings: list[str] = Field(default_factory=list)  # "tcvn3", "vni" when converted
    revisions: int = 0  # tracked changes still in the file
    comments: int = 0
    margins: Margins | None = None


class Document(BaseModel):
    source: str | None = None
    header: Header = Field(default_factory=Header)
    blocks: list[Block] = Field(default_factory=list)
    closing: Closing = Field(default_factory=Closing)
    facts: Facts = Field(default_factory=Facts)
    notes: list[Localized] = Field(default_factory=list)  # how the file was read, e.g. converted from .doc

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.part == "body"]
