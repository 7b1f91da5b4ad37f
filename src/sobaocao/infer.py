"""Draft a schema from the request letter itself (công văn, hướng dẫn, kế hoạch).

Writing a schema by hand means copying the letter's outline, its dates and its special cases
into YAML. Most of that is already in the letter in a fixed shape, so it is read from there:

* the numbered outline of the part that lists the report's content ("Nội dung báo cáo",
  "Đề cương báo cáo", "II. NỘI DUNG BÁO CÁO") becomes the sections tree. Ids follow the
  letter's numbering ("1.1", "II.2.1", "1.a"); items written with "-", "+" or a bullet are
  numbered by position ("1.2.1.5"); an item that lists its parts inline ("Đánh giá chung: Ưu
  điểm; hạn chế…; nguyên nhân và bài học kinh nghiệm") gets one sub-item per part;
* titles are the item's words up to its colon; ``aliases`` are shorter forms of the title (no
  citation details, no trailing qualifier); ``evidence`` are the item's noun phrases that no
  other item of the outline uses, since only those can tell items apart in a report's prose;
* "Thời điểm đánh giá … từ tháng 10 năm 2016 đến hết năm 2021" gives the period, "Thời gian gửi
  báo cáo …: Trong tháng 7 năm 2022" the submission window;
* "(đề nghị chi bộ Sở …, Đảng bộ Sở … báo cáo nội dung này)" makes its item conditional on
  those units; "(nếu có)" makes it optional;
* the header gives the source (number, issuer, date, V/v subject) and the form (banner);
  the subject gives the identification keywords and citations.

The result is YAML for a person to review: every guess the reader should check carries a
``# chưa chắc: …`` comment. The YAML is validated by the schema loader before it is returned.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .document import Block, Document, Header
from .errors import InputError
from .forms import detect_form
from .headings import LIST_KINDS, label_kind, numbering_path
from .registry import parse_schema
from .schema import Schema
from .vietnamese.temporal import find_temporal
from .vietnamese.text import canonical, find_symbols, fold, normalize, parse_symbol, without_subject_mark

UNSURE = "chưa chắc"

# Titles of the part that lists the report's content, folded.
_CONTENT_PART = re.compile(r"^(?:noi dung|de cuong|yeu cau noi dung)(?: (?:bao cao|chu yeu|tong ket|so ket|danh gia))*(?: gom)?$")
# Administrative parts of a letter: never report content.
_ADMINISTRATIVE = re.compile(
    r"^(?:muc dich|yeu cau|thoi diem|thoi gian|thoi han|ky bao cao|to chuc thuc hien|phan cong|che do bao cao|kinh phi)"
)

# Words that put a section among the plans (future dates expected) rather than the results.
_PLAN_HEADS = ("phuong huong", "nhiem vu", "giai phap", "kien nghi", "de xuat", "muc tieu", "ke hoach")
_LEADING_FILLERS = ("ve ", "mot so ", "nhung ", "cac ")

# Sentences that state the period or the submission window, folded.
_PERIOD_CUES = (
    "thoi diem danh gia", "thoi diem lay so lieu", "thoi gian danh gia", "so lieu bao cao", "so lieu tinh",
    "ky bao cao", "pham vi thoi gian", "thoi gian lay so lieu",
)
_SUBMISSION_CUES = (
    "gui bao cao", "bao cao gui", "gui ve", "thoi han gui", "han gui", "nop bao cao", "thoi gian gui",
)
# "trước ngày 18/6": the day itself is past the deadline; "chậm nhất ngày 31/5": it is not.
_BEFORE = re.compile(r"\btrước\s+$", re.IGNORECASE)
_BY = re.compile(r"\b(?:chậm\s+nhất(?:\s+là)?|hạn\s+chót|hạn\s+cuối|trước\s+hoặc\s+trong)\s+$", re.IGNORECASE)

# "(đề nghị chi bộ Sở A, Đảng bộ Sở B báo cáo nội dung này)"
_CONDITION = re.compile(
    r"\(\s*(?:đề\s+nghị|yêu\s+cầu|chỉ|riêng)\s+(?P<units>[^()]+?)\s+báo\s+cáo"
    r"(?:\s+(?:nội\s+dung|mục|phần|điểm|ý)(?:\s+này)?)?\s*\)",
    re.IGNORECASE,
)
_OPTIONAL = re.compile(r"\(\s*nếu\s+có\s*\)", re.IGNORECASE)
_PARTY_ORGANISATION = r"(?:chi\s+bộ|đảng\s+bộ|đảng\s+[uủ]y|ban\s+cán\s+sự\s+đảng|đảng\s+đoàn)"
_UNIT_SPLIT = re.compile(rf"\s*(?:,|;|\bvà\b)\s*(?={_PARTY_ORGANISATION}\s)", re.IGNORECASE)
_UNIT_PREFIX = re.compile(rf"^{_PARTY_ORGANISATION}\s+", re.IGNORECASE)

# A cited document with its details: "Quyết định số 52/2016/QĐ-TTg, ngày 06/12/2016 của Thủ tướng…"
_DOCUMENT_KINDS = (
    r"(?:Chỉ\s+thị|Nghị\s+quyết|Quyết\s+định|Kết\s+luận|Công\s+văn|Kế\s+hoạch|Hướng\s+dẫn|Thông\s+tư|"
    r"Nghị\s+định|Quy\s+định|Thông\s+báo|Luật)"
)
_CITATION_DETAILS = re.compile(r",?\s*ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}(?:\s+của\s+[^,;:]*)?", re.IGNORECASE)
_CITATION = re.compile(rf"{_DOCUMENT_KINDS}(?:\s+số)?\s+\S+/\S+", re.IGNORECASE)

# Where a title stops naming its subject and starts qualifying it (for the short alias).
_QUALIFIERS = re.compile(
    r"\s+(?:để|nhằm|phục\s+vụ|gắn\s+với|nêu\s+trong|trong\s+thời\s+gian\s+tới|của|về|việc|vào\s+thực\s+tiễn|ở\s+các)\s",
    re.IGNORECASE,
)
_TRAILING_LEAD = re.compile(r"[,\s]*(?:bao\s+gồm(?:\s+các\s+nội\s+dung)?|gồm(?:\s+các\s+nội\s+dung)?|như)\s*$", re.IGNORECASE)
# "Chỉ thị số 07-CT/TW" → "Chỉ thị": reports often name the document without its number.
_DOCUMENT_NUMBER = re.compile(rf"({_DOCUMENT_KINDS})(?:\s+số)?\s+[\w./-]*\d[\w./-]*/[\w./-]+", re.IGNORECASE)
# What a report's heading leaves out of a title: the letter's duration ("5 năm", "6 tháng đầu
# năm"), "triển khai" before "thực hiện", and the document the whole report is about.
_DURATION = re.compile(r"(?<!\w)\d+\s+(?:năm|tháng)(?:\s+(?:đầu|cuối)\s+năm)?(?!\w)", re.IGNORECASE)
_IMPLEMENT = re.compile(r"(?<!,\s)triển\s+khai\s+thực\s+hiện", re.IGNORECASE)
_CITED_TAIL = re.compile(rf"\s+{_DOCUMENT_KINDS}$", re.IGNORECASE)
_LINKING_TAIL = re.compile(r"(?:\s+(?:của|về|theo|trong))+$", re.IGNORECASE)
_VERB_EVALUATE = re.compile(r"^Đánh\s+giá\s+(?=(?:kết\s+quả|tình\s+hình|thực\s+trạng|việc|công\s+tác)\b)", re.IGNORECASE)

# Evidence: phrases are cut at punctuation and at these linking words, then trimmed of fillers.
_PHRASE_BREAK = re.compile(
    r"[,;:().!?\"“”]|(?<!\w)(?:và|hoặc|để|của|với|về|trong|tại|cho|đến|vào|theo|nêu|gắn|như|bao\s+gồm|ở|từ|trên|"
    r"đối\s+với|phục\s+vụ|nhằm|thực\s+hiện|triển\s+khai|nâng\s+cao|tăng\s+cường|đẩy\s+mạnh)(?!\w)",
    re.IGNORECASE,
)
_FILLER_HEADS = (
    "viec", "cac", "nhung", "ket qua", "danh gia", "cong tac", "tinh hinh", "theo tham quyen", "ve", "chung",
)
_GENERIC_TERMS = frozenset(
    {
        "thoi gian toi", "noi dung", "nhiem vu", "co quan", "don vi", "doanh nghiep", "dia phuong",
        "cac noi dung", "hieu qua", "chat luong", "chat luong hieu qua", "tinh hinh moi", "cap uy",
        # the vocabulary of every report: it shows no particular item
        "can bo", "dang vien", "cap uy dang", "doan the", "nguoi dan", "xay dung", "to chuc", "phoi hop",
        "tuyen truyen", "thuc tien", "sang tao", "cap xa", "cap huyen", "cap tinh", "lanh dao", "chi dao",
        "mo hinh",
    }
)
EVIDENCE_SYLLABLES = (2, 5)  # an evidence phrase: from a word of two syllables to a short phrase
MAX_EVIDENCE = 12
INLINE_PART_WORDS = 4  # words between commas in a part of an inline list that names sub-items
ALIAS_MIN_WORDS = 2
BARE_ALIAS_MAX_WORDS = 9  # "Kết quả thực hiện" is a heading; a long title stripped of its object is not


# --- the letter's outline ------------------------------------------------------------------------


@dataclass
class _Item:
    """One labelled paragraph of the letter, with the unlabelled paragraphs that follow it."""

    label: str
    kind: tuple
    text: str
    block: Block
    children: list["_Item"] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def folded_title(self) -> str:
        return fold(_title_of(self.text))


def _outline(blocks: list[Block]) -> list[_Item]:
    """The body's labelled paragraphs as a tree, levels read as a person reads them: the first
    kind of label met is the top, a new kind one level deeper, a kind met before returns to its
    level (as ``headings`` does for reports)."""
    roots: list[_Item] = []
    kinds: list[tuple] = []
    open_items: list[_Item] = []
    for block in blocks:
        if block.kind == "table" or not block.text:
            continue
        kind = label_kind(block)
        if kind is None:
            if open_items:
                open_items[-1].details.append(block.text)
            continue
        if kind in kinds:
            depth = kinds.index(kind)
            del kinds[depth + 1 :]
        else:
            kinds.append(kind)
            depth = len(kinds) - 1
        del open_items[depth:]
        item = _Item(block.label, kind, block.text, block)
        siblings = open_items[-1].children if open_items else roots
        siblings.append(item)
        open_items.append(item)
    return roots


def _walk(items: list[_Item]):
    for item in items:
        yield item
        yield from _walk(item.children)


def _content_part(roots: list[_Item]) -> tuple[list[_Item], _Item | None]:
    """The items that list the report's content, and the part that holds them (if titled)."""
    for item in _walk(roots):
        if item.children and _CONTENT_PART.match(item.folded_title):
            return item.children, item
    return [item for item in roots if not _ADMINISTRATIVE.match(item.folded_title)], None


# --- sections ------------------------------------------------------------------------------------


@dataclass
class _Draft:
    id: str
    title: str
    guidance: str
    aliases: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    required: bool = True
    units: list[str] = field(default_factory=list)  # unit ids of a condition
    temporal: str | None = None
    notes: list[str] = field(default_factory=list)
    children: list["_Draft"] = field(default_factory=list)
    own_text: str = ""  # the item's words that evidence is drawn from


@dataclass
class _Unit:
    id: str
    name: str


def _title_of(text: str) -> str:
    """The item's subject: its words up to a colon, without a condition, "(nếu có)" or a
    trailing "bao gồm các nội dung"."""
    text = _OPTIONAL.sub("", _CONDITION.sub("", text))
    head = text.split(":", 1)[0]
    head = _TRAILING_LEAD.sub("", head.strip())
    return normalize(head).rstrip(" .;,")


def _details_of(text: str) -> str:
    return text.split(":", 1)[1].strip() if ":" in text else ""


def _inline_parts(item: _Item) -> list[str]:
    """"Đánh giá chung: Ưu điểm; hạn chế, khó khăn, vướng mắc; nguyên nhân và bài học kinh
    nghiệm" → the four parts it names. Only short parts count: long ones are details of one item."""
    details = _CONDITION.sub("", _details_of(item.text)).rstrip(" .")
    if not details or item.children or ";" not in details:
        return []
    parts: list[str] = []
    for piece in (p.strip() for p in details.split(";")):
        halves = [h.strip() for h in re.split(r"\s+và\s+", piece)]
        parts.extend(halves if len(halves) == 2 and all(map(_is_short_term, halves)) else [piece])
    if not all(map(_is_short_term, parts)):
        return []
    return [part[0].upper() + part[1:] for part in parts]


def _is_short_term(part: str) -> bool:
    """A name of a report part ("ưu điểm", "hạn chế, khó khăn, vướng mắc"), not a sentence."""
    return bool(part) and all(0 < len(piece.split()) <= INLINE_PART_WORDS for piece in part.split(","))


def _temporal_role(title: str) -> str:
    key = fold(title)
    for filler in _LEADING_FILLERS:
        if key.startswith(filler):
            key = key[len(filler) :]
    return "plans" if key.startswith(_PLAN_HEADS) else "results"


def _aliases(title: str) -> list[str]:
    """Shorter ways a report may head the item: without "Đánh giá", the details of a cited
    document, or the qualifier after the subject ("… để thực hiện công tác thông tin cơ sở")."""
    short = _VERB_EVALUATE.sub("", title)
    short = short[:1].upper() + short[1:]
    short = normalize(_CITATION_DETAILS.sub("", short)).rstrip(" ,")
    unnumbered = normalize(_DOCUMENT_NUMBER.sub(r"\1", short))
    forms = [short, unnumbered]
    cut = _QUALIFIERS.search(unnumbered)
    if cut:
        forms.append(unnumbered[: cut.start()].rstrip(" ,"))
    bare = normalize(_DURATION.sub(" ", _IMPLEMENT.sub("thực hiện", unnumbered)))
    if _CITED_TAIL.search(bare) and len(bare.split()) <= BARE_ALIAS_MAX_WORDS:
        forms.append(_LINKING_TAIL.sub("", _CITED_TAIL.sub("", bare)))
    heads = _leading_plan_heads(title)
    if len(heads) > 1:
        forms.append(", ".join(heads))
    seen = {fold(title)}
    aliases = []
    for form in forms:
        key = fold(form)
        if key not in seen and len(key.split()) >= ALIAS_MIN_WORDS:
            seen.add(key)
            aliases.append(form)
    return aliases


def _leading_plan_heads(title: str) -> list[str]:
    """"Phương hướng, nhiệm vụ, giải pháp nâng cao …" → its heads "Phương hướng", "nhiệm vụ",
    "giải pháp": what a report's heading keeps of a long plans title."""
    heads = []
    for piece in title.split(","):
        words = piece.split()
        head = " ".join(words[:2])
        if fold(head) not in _PLAN_HEADS:
            break
        heads.append(head)
        if len(words) > 2:
            break
    return heads


def _phrases(text: str) -> list[str]:
    """Candidate evidence phrases of a text: cited symbols, and its noun phrases (cut at
    punctuation and linking words, trimmed of fillers such as "việc", "các", "kết quả")."""
    phrases = [symbol.text for symbol in find_symbols(text)]
    plain = _CITATION.sub(",", _CITATION_DETAILS.sub(",", _OPTIONAL.sub("", _CONDITION.sub("", text))))
    for chunk in _PHRASE_BREAK.split(plain):
        words = chunk.split()
        changed = True
        while words and changed:
            changed = False
            key = fold(" ".join(words))
            for filler in _FILLER_HEADS:
                rest = len(words) - len(filler.split())
                if key.startswith(filler + " ") and rest >= 2:
                    words = words[len(filler.split()) :]
                    changed = True
                    break
        phrase = " ".join(words).strip(" .-–")
        if phrase and fold(phrase) not in _FILLER_HEADS and not any(ch.isdigit() for ch in phrase):
            phrases.append(phrase.lower() if not phrase.isupper() else phrase)
    return phrases


def _evidence(drafts: list[_Draft]) -> None:
    """Fill ``evidence`` of every draft section with its phrases that no unrelated section uses:
    a phrase shared with a sibling cannot tell the two apart in a report."""
    everything = list(_walk_drafts(drafts))
    family = {draft.id: {d.id for d in _walk_drafts([draft])} for draft in everything}
    for draft in everything:
        others = [
            f" {fold(other.own_text)} "
            for other in everything
            if other.id not in family[draft.id] and draft.id not in family[other.id]
        ]
        chosen: list[str] = []
        for phrase in _phrases(draft.own_text):
            key = fold(phrase)
            low, high = EVIDENCE_SYLLABLES
            if not low <= len(key.split()) <= high or key in _GENERIC_TERMS:
                continue
            if key not in (fold(c) for c in chosen) and not any(f" {key} " in text for text in others):
                chosen.append(phrase)
        draft.evidence = chosen[:MAX_EVIDENCE]


def _walk_drafts(drafts: list[_Draft]):
    for draft in drafts:
        yield draft
        yield from _walk_drafts(draft.children)


def _path_label(item: _Item, position: int) -> str:
    if item.kind[0] in LIST_KINDS or item.kind[0] == "other":
        return str(position)
    return item.label.strip("().:-– ")


def _draft_sections(
    items: list[_Item], parent_path: list[str], parent_role: str | None, units: list[_Unit]
) -> list[_Draft]:
    drafts = []
    for position, item in enumerate(items, start=1):
        path = [*parent_path, _path_label(item, position)]
        title = _title_of(item.text)
        role = _temporal_role(title)
        own_text = normalize(" ".join([item.text, *item.details]))  # the item and its details
        draft = _Draft(
            id=numbering_path(path),
            title=title,
            guidance=own_text,
            aliases=_aliases(title),
            temporal=role if role != parent_role else None,
            own_text=own_text,
        )
        if _OPTIONAL.search(item.text):
            draft.required = False
            draft.notes.append("công văn ghi «(nếu có)»: mục này không bắt buộc")
        condition = _CONDITION.search(item.text)
        if condition:
            draft.units = [_unit(name, units).id for name in _unit_names(condition["units"])]
        if item.children:
            draft.children = _draft_sections(item.children, path, role, units)
        else:
            parts = _inline_parts(item)
            draft.children = [
                _Draft(id=f"{draft.id}.{k}", title=part, guidance=part, own_text=part)
                for k, part in enumerate(parts, start=1)
            ]
            if parts:
                draft.own_text = title  # the parts' words are the sub-items' evidence
                draft.notes.append(f"các mục con tách từ câu liệt kê «{_details_of(item.text).rstrip('.')}»")
        if len(title.split()) > 30:
            draft.notes.append("tiêu đề dài: có thể cần rút gọn thành tiêu đề báo cáo thường dùng")
        drafts.append(draft)
    return drafts


def _unit_names(text: str) -> list[str]:
    """"chi bộ Sở Thông tin truyền thông, Đảng bộ Sở Văn hóa, Thể thao và Du lịch, Đảng ủy bưu
    điện tỉnh" → the units' own names (a comma inside a name such as "Văn hóa, Thể thao và Du
    lịch" does not split it: only one before a Party organisation does)."""
    names = []
    for piece in _UNIT_SPLIT.split(normalize(text)):
        name = _UNIT_PREFIX.sub("", piece.strip(" ,;")).strip()
        if name:
            names.append(name[0].upper() + name[1:])
    return names


def _unit(name: str, units: list[_Unit]) -> _Unit:
    """The unit named ``name``, declared once; its id is the usual abbreviation of a "Sở"
    ("Sở Văn hóa, Thể thao và Du lịch" → "so-vhttdl") or the name itself as a slug."""
    for unit in units:
        if fold(unit.name) == fold(name):
            return unit
    words = fold(name).split()
    if words[0] == "so" and len(words) > 2:
        slug = "so-" + "".join(w[0] for w in words[1:] if w != "va")
    else:
        slug = "-".join(words)
    base, count = slug, 2
    while any(u.id == slug for u in units):
        slug, count = f"{base}-{count}", count + 1
    unit = _Unit(slug, name)
    units.append(unit)
    return unit


# --- dates ---------------------------------------------------------------------------------------


@dataclass
class _Window:
    start: dt.date
    end: dt.date
    note: str | None = None


@dataclass(frozen=True)
class _Span:
    """A temporal expression that covers known days (not a cited document's date)."""

    text: str
    offset: int
    start: dt.date
    end: dt.date
    precision: str | None


def _spans(text: str) -> list[_Span]:
    return [
        _Span(t.text, t.start_offset, t.start, t.end, t.precision)
        for t in find_temporal(text)
        if not t.citation and t.start is not None and t.end is not None
    ]


def _sentences(blocks: list[Block]) -> list[str]:
    return [normalize(b.display) for b in blocks if b.kind != "table" and b.text]


def _find_period(sentences: list[str], subject: str) -> _Window | None:
    """The span of the first sentence that announces the period ("Thời điểm đánh giá …", "Số
    liệu báo cáo tính từ …"); failing that, the span in the subject, marked for checking."""
    for sentence in sentences:
        key = fold(sentence)
        spans = _spans(sentence) if any(cue in key for cue in _PERIOD_CUES) else []
        if spans:
            return _Window(spans[0].start, spans[0].end)
    spans = _spans(subject)
    if spans:
        note = f"kỳ báo cáo lấy từ trích yếu «{subject}»; kiểm tra lại trong công văn"
        return _Window(spans[0].start, spans[0].end, note)
    return None


def _find_submission(sentences: list[str], issued: dt.date) -> _Window | None:
    """When the report is due: "Trong tháng 7 năm 2022" is the whole month; "chậm nhất ngày
    31/5/2024" runs from the letter's date to that day; "trước ngày 18/6/2024" to the day
    before, which is a reading to check."""
    for sentence in sentences:
        key = fold(sentence)
        spans = _spans(sentence) if any(cue in key for cue in _SUBMISSION_CUES) else []
        if not spans:
            continue
        due = spans[-1]
        before = sentence[: due.offset]
        if _BEFORE.search(before) and due.precision == "day":
            end = due.start - dt.timedelta(days=1)
            note = f"«trước {due.text}» được hiểu là hạn cuối ngày {end:%d/%m/%Y}; nếu công văn nhận cả ngày đó, sửa end"
            return _Window(min(issued, end), end, note)
        if _BY.search(before) or _BEFORE.search(before):
            return _Window(min(issued, due.end), due.end)
        return _Window(due.start, due.end)
    return None


# --- header --------------------------------------------------------------------------------------

# Words after which an organisation's own name starts with a capital ("Ban Tuyên giáo", "Sở Nội vụ").
_NAMED_AFTER = (" ban", " so", " phong", " cuc")
_PARTY_COMMITTEES = ("tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy", "dang bo")
_ADMINISTRATIVE_LEVELS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran")


def _organisation_name(upper: str, place: str | None) -> str:
    """"ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH" → "Đảng ủy Khối cơ quan và doanh nghiệp tỉnh":
    the capitals a name keeps in running text (first word, "Đảng", "Khối", "Tỉnh ủy", the word
    after "Ban"/"Sở", the place name as the letter writes it)."""
    words = canonical(upper).lower().split()
    keys = [fold(w) for w in words]
    place_keys = fold(place or "").split()
    out = []
    k = 0
    while k < len(words):
        if place_keys and keys[k : k + len(place_keys)] == place_keys:
            out.extend(normalize(place or "").split())
            k += len(place_keys)
            continue
        word, key = words[k], keys[k]
        previous = " " + " ".join(keys[max(0, k - 2) : k])
        capital = (
            k == 0
            or key == "dang"
            or (key == "khoi" and previous.endswith((" dang uy", " dang bo")))
            or " ".join(keys[k : k + 2]) in _PARTY_COMMITTEES
            or (previous.endswith(_NAMED_AFTER) and not previous.endswith(" uy ban"))
        )
        out.append(word[0].upper() + word[1:] if capital else word)
        k += 1
    return " ".join(out)


def _issuer(header: Header) -> str:
    """The issuing body's name in running text, completed by its superior body when the name
    alone does not say where it is ("Ban Tuyên giáo" + "Tỉnh ủy Yên Bái")."""
    place = header.place
    issuing = header.issuing_body or header.superior_body or ""
    name = _organisation_name(issuing, place)
    superior = header.superior_body if header.issuing_body else None
    if not superior or (place and fold(place) in fold(name)):
        return name
    superior_name = _organisation_name(superior, place)
    if fold(name).endswith(_ADMINISTRATIVE_LEVELS) and place and fold(place) in fold(superior_name):
        return f"{name} {place}"
    if fold(superior_name).startswith(_ADMINISTRATIVE_LEVELS) and not fold(superior_name).startswith(_PARTY_COMMITTEES):
        superior_name = superior_name[0].lower() + superior_name[1:]  # "Sở Nội vụ tỉnh Yên Bái"
    return f"{name} {superior_name}"


def _subject_phrase(subject: str) -> list[str]:
    """Key phrases of the subject: what is done ("sơ kết 5 năm"), and the field when the
    subject names one rather than a cited document ("cải cách hành chính")."""
    text = without_subject_mark(subject)
    text = re.sub(r"^(?:báo\s+cáo|về\s+việc|hướng\s+dẫn)\s+", "", text, flags=re.IGNORECASE)
    head, _, tail = (re.split(r"\s(thực\s+hiện|triển\s+khai)\s", text, maxsplit=1) + ["", ""])[:3]
    phrases = []
    if head and fold(head) not in ("ket qua", "tinh hinh", "ket qua thuc hien"):
        phrases.append(head.strip())
    if tail and not _CITATION.match(tail):
        field_words = tail
        for temporal in reversed(find_temporal(field_words)):
            field_words = field_words[: temporal.start_offset] + field_words[temporal.end_offset :]
        field_words = re.sub(r"^(?:công\s+tác|các|việc)\s+", "", normalize(field_words), flags=re.IGNORECASE)
        field_words = re.split(r"[,;(]", field_words)[0].strip()
        if len(field_words.split()) >= 2:
            phrases.append(field_words)
    return phrases


def _schema_id(number: str | None, subject: str) -> str:
    """"630-CV/ĐUK" answering "Chỉ thị 07-CT/TW" → "cv630-ct07": the letter and its subject."""
    symbol = parse_symbol(number) if number else None
    own = f"{fold(symbol.type_code or 'cv')}{symbol.number}" if symbol else "cong-van"
    cited = next((s for s in find_symbols(subject) if s.type_code), None)
    return f"{own}-{fold(cited.type_code)}{cited.number}" if cited else own


# --- YAML ----------------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), so that ids like 1.1 and words
    like "no" stay text."""
    return json.dumps(text, ensure_ascii=False)


def _comment(lines: list[str], indent: str, notes: list[str]) -> None:
    for note in notes:
        lines.append(f"{indent}# {UNSURE}: {' '.join(note.split())}")


def _section_yaml(draft: _Draft, indent: str, lines: list[str]) -> None:
    _comment(lines, indent, draft.notes)
    lines.append(f"{indent}- id: {_q(draft.id)}")
    inner = indent + "  "
    lines.append(f"{inner}title: {_q(draft.title)}")
    if not draft.required:
        lines.append(f"{inner}required: false")
    if draft.units:
        lines.append(f"{inner}condition:")
        lines.append(f"{inner}  units: [{', '.join(_q(u) for u in draft.units)}]")
    if draft.temporal:
        lines.append(f"{inner}temporal: {draft.temporal}")
    for key, values in (("aliases", draft.aliases), ("evidence", draft.evidence)):
        if values:
            lines.append(f"{inner}{key}:")
            lines.extend(f"{inner}  - {_q(v)}" for v in values)
    lines.append(f"{inner}guidance: {_q(draft.guidance)}")
    if draft.children:
        lines.append(f"{inner}sections:")
        for child in draft.children:
            _section_yaml(child, inner + "  ", lines)


@dataclass
class _Letter:
    id: str
    title: str
    number: str
    issuer: str
    date: dt.date
    subject: str
    period: _Window
    submission: _Window | None
    form: str
    keywords: list[str]
    citations: list[str]
    units: list[_Unit]
    sections: list[_Draft]
    notes: dict[str, list[str]]


def _yaml(letter: _Letter, source_name: str) -> str:
    notes = letter.notes
    lines = [
        f"# Bản nháp schema lập từ công văn {letter.number} ({source_name}) bằng «sobaocao schema infer».",
        f"# Hãy đọc lại, sửa các chỗ ghi «{UNSURE}» và bổ sung aliases/evidence theo cách các báo cáo thực tế viết.",
    ]
    _comment(lines, "", notes.get("id", []))
    lines += [f"id: {_q(letter.id)}", f"title: {_q(letter.title)}"]
    _comment(lines, "", notes.get("source", []))
    lines += [
        "source:",
        f"  number: {_q(letter.number)}",
        f"  issuer: {_q(letter.issuer)}",
        f"  date: {letter.date.isoformat()}",
        f"  subject: {_q(letter.subject)}",
    ]
    _comment(lines, "", [*notes.get("period", []), *filter(None, [letter.period.note])])
    lines += ["period:", f"  start: {letter.period.start.isoformat()}", f"  end: {letter.period.end.isoformat()}"]
    if letter.submission:
        _comment(lines, "", list(filter(None, [letter.submission.note])))
        lines += [
            "submission:",
            f"  start: {letter.submission.start.isoformat()}",
            f"  end: {letter.submission.end.isoformat()}",
        ]
    _comment(lines, "", notes.get("form", []))
    lines.append(f"form: {letter.form}")
    if letter.keywords or letter.citations:
        lines.append("identify:")
        for key, values in (("keywords", letter.keywords), ("citations", letter.citations)):
            if values:
                lines.append(f"  {key}:")
                lines.extend(f"    - {_q(v)}" for v in values)
    if letter.units:
        lines.append("units:")
        for unit in letter.units:
            lines += [f"  - id: {_q(unit.id)}", "    names:", f"      - {_q(unit.name)}"]
    _comment(lines, "", notes.get("sections", []))
    lines.append("sections:")
    for draft in letter.sections:
        _section_yaml(draft, "  ", lines)
    return "\n".join(lines) + "\n"


# --- the whole letter ----------------------------------------------------------------------------


def _read(source: Path | bytes) -> Document:
    from .docx import read_document

    return read_document(source)


def infer_schema(source: Path | bytes) -> tuple[Schema, str]:
    """Draft a schema from a request letter (.docx path or bytes): the model, and its YAML text
    with ``# chưa chắc: …`` comments where a person should check the guess.

    Raises ``InputError`` when the letter has no numbered outline to take sections from, or no
    number and date in its header (the draft would have no source to name).
    """
    document = _read(source)
    header = document.header
    source_name = Path(source).name if isinstance(source, (str, Path)) else "tệp .docx"
    notes: dict[str, list[str]] = {}

    if fold(header.document_type or "") == "bao cao":
        raise InputError(
            f"Tệp «{source_name}» là một báo cáo (BÁO CÁO), không phải công văn hay hướng dẫn yêu cầu báo cáo. "
            "Hãy dùng công văn cấp trên gửi xuống để lập schema; muốn kiểm tra báo cáo thì dùng «sobaocao check».",
            f"'{source_name}' is a report (BÁO CÁO), not a letter or guidance requesting one. Draft the schema "
            "from the request letter; to check a report, use 'sobaocao check'.",
        )
    body = [b for b in document.blocks if b.part == "body"]
    roots = _outline(body)
    content, part = _content_part(roots)
    if not content:
        raise InputError(
            "Không tìm thấy đề cương nội dung báo cáo trong công văn (các mục đánh số «1.», «1.1.», «a)», «-»). "
            "Hãy kiểm tra tệp có đúng là công văn, hướng dẫn yêu cầu báo cáo không.",
            "No numbered outline of the report's content found in the letter (items labelled '1.', '1.1.', "
            "'a)', '-'). Check that the file is a letter requesting a report.",
        )
    symbol = parse_symbol(header.number) if header.number else None
    if symbol is None or header.date is None:
        raise InputError(
            "Không đọc được số, ký hiệu hoặc ngày tháng ở phần đầu công văn "
            "(ví dụ «Số 630-CV/ĐUK», «Yên Bái, ngày 28 tháng 6 năm 2022»). Hãy kiểm tra phần đầu công văn "
            "có đủ hai dòng đó rồi chạy lại: bản nháp schema cần chúng để ghi công văn nguồn.",
            "Cannot read the letter's number or date in its header "
            "(e.g. 'Số 630-CV/ĐUK', 'Yên Bái, ngày 28 tháng 6 năm 2022'). Check that the header has both "
            "lines and run again: the draft schema names its source letter by them.",
        )
    if part is None:
        notes["sections"] = [
            "công văn không có mục «Nội dung báo cáo»; các mục dưới đây là phần đánh số không thuộc mục đích, "
            "thời gian, tổ chức thực hiện"
        ]
    units: list[_Unit] = []
    root_path = [_path_label(part, 1)] if part is not None and part.kind[0] not in LIST_KINDS else []
    sections = _draft_sections(content, root_path, None, units)
    _evidence(sections)

    subject = header.title or ""
    content_items = set(id(item.block) for item in _walk(content))
    other_blocks = [b for b in body if id(b) not in content_items]
    sentences = _sentences(other_blocks)
    period = _find_period(sentences, subject)
    if period is None:
        period = _Window(
            dt.date(header.date.year, 1, 1),
            header.date,
            "công văn không nêu thời điểm đánh giá (kỳ báo cáo); đây là giá trị tạm, hãy sửa",
        )
    form = detect_form(header)
    if form is None:
        notes["form"] = ["phần đầu công văn không cho biết thể thức Đảng hay Nhà nước; tạm chọn party"]
    opening = body[0].text if body and not body[0].label else ""
    citations = [symbol.text]
    for cited in [*find_symbols(subject), *find_symbols(opening)]:
        if cited.text not in citations and cited.type_code:
            citations.append(cited.text)
    title = without_subject_mark(subject)
    letter = _Letter(
        id=_schema_id(header.number, subject),
        title=(title[:1].upper() + title[1:]) if title else f"Báo cáo theo công văn {symbol.text}",
        number=symbol.text,
        issuer=_issuer(header),
        date=header.date,
        subject=subject,
        period=period,
        submission=_find_submission(sentences, header.date),
        form=form or "party",
        keywords=_subject_phrase(subject),
        citations=citations,
        units=units,
        sections=sections,
        notes=notes,
    )
    text = _yaml(letter, source_name)
    return parse_schema(text, source=f"{source_name} (bản nháp)"), text
