"""``sobaocao outline``: the parsed header and heading tree, as sobaocao sees the report."""

from __future__ import annotations

from ..document import Document
from ..i18n import Lang

FIELDS = {
    "vi": {
        "banner": "Quốc hiệu / tên Đảng",
        "motto": "Tiêu ngữ",
        "superior_body": "Cơ quan cấp trên",
        "issuing_body": "Cơ quan ban hành",
        "number": "Số, ký hiệu",
        "place_date": "Địa danh, ngày tháng",
        "document_type": "Loại văn bản",
        "title": "Trích yếu",
        "recipients": "Kính gửi",
        "headings": "Đề mục",
        "signature": "Chữ ký",
        "recipients_list": "Nơi nhận",
        "facts": "Ghi nhận",
        "revisions": "thay đổi chưa chấp nhận",
        "comments": "nhận xét",
        "legacy": "đã chuyển mã từ phông cũ",
    },
    "en": {
        "banner": "Banner",
        "motto": "Motto",
        "superior_body": "Superior body",
        "issuing_body": "Issuing body",
        "number": "Number",
        "place_date": "Place and date",
        "document_type": "Document type",
        "title": "Title",
        "recipients": "To",
        "headings": "Headings",
        "signature": "Signature",
        "recipients_list": "Recipients",
        "facts": "Facts",
        "revisions": "unaccepted revisions",
        "comments": "comments",
        "legacy": "converted from legacy fonts",
    },
}


def render_outline(document: Document, lang: Lang = "vi") -> str:
    words = FIELDS[lang]
    header = document.header
    lines = [f"{words[name]}: {value}" for name in ("banner", "motto", "superior_body", "issuing_body", "number",
                                                    "place_date", "document_type", "title", "recipients")
             if (value := getattr(header, name))]
    lines += ["", f"{words['headings']}:"]
    for block in document.headings():
        if block.part == "body":
            lines.append("  " * ((block.level or 1) - 1) + f"  {block.display}")
    signature = document.closing.signature
    if signature:
        lines += ["", f"{words['signature']}: " + " / ".join(signature.lines or [x for x in (signature.authority, signature.position, signature.name) if x])]
    if document.closing.recipients:
        lines.append(f"{words['recipients_list']}: " + "; ".join(document.closing.recipients))
    facts = document.facts
    notes = []
    if facts.revisions:
        notes.append(f"{facts.revisions} {words['revisions']}")
    if facts.comments:
        notes.append(f"{facts.comments} {words['comments']}")
    if facts.legacy_encodings:
        notes.append(f"{words['legacy']} ({', '.join(facts.legacy_encodings)})")
    if notes:
        lines += ["", f"{words['facts']}: " + "; ".join(notes)]
    return "\n".join(lines)
