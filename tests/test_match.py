"""Section matching on hand-built reports: headings, paragraphs, numbering styles, conditions."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobaocao.docx import read_document
from sobaocao.document import Block, Document, Header
from sobaocao import match
from sobaocao.match import identify_score, match_sections, schema_fits, similarity
from sobaocao.registry import load_schema
from sobaocao.vietnamese.text import fold

from .fixtures import reports
from .fixtures.schemas.outline import COMPLETE, ISSUER_OTHER, OPENING, H, P, build, decomposed, restyled, without

SCHEMA = load_schema("cv630-ct07")
ITEMS_IN_PARAGRAPHS = {"1.2.1.1", "1.2.1.2", "1.2.1.3", "1.2.1.4", "1.2.1.5"}


def statuses(document: Document) -> dict[str, str]:
    return {r.id: r.status for r in match_sections(document, SCHEMA)}


COMPLETE_STATUSES = {
    s.id: ("mentioned" if s.id in ITEMS_IN_PARAGRAPHS else "present") for s in SCHEMA.walk()
}


def test_complete_report_answers_every_section():
    assert statuses(build()) == COMPLETE_STATUSES


def test_results_carry_heading_location_score_and_blocks():
    results = {r.id: r for r in match_sections(build(), SCHEMA)}
    second = results["1.2"]
    assert second.heading == "II. KẾT QUẢ 5 NĂM TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 07-CT/TW"
    assert second.location.block == 8
    assert second.location.label == "II"
    assert second.score == 1.0
    assert second.blocks == list(range(8, 24))  # up to the heading "III."
    strengths = results["1.2.2.1"]
    assert (strengths.heading, strengths.blocks, strengths.location.label) == ("a) Ưu điểm", [16, 17], "II.2.a")


def test_item_written_as_a_paragraph_is_mentioned_with_its_excerpt():
    result = next(r for r in match_sections(build(), SCHEMA) if r.id == "1.2.1.2")
    assert result.status == "mentioned"
    assert result.heading is None
    assert result.excerpt.startswith("- Về ứng dụng công nghệ hiện đại: cơ quan duy trì trang thông tin điện tử")
    assert result.blocks == [11]
    assert result.location.heading.startswith("1. Kết quả thực hiện các nhiệm vụ")
    assert result.score == 1.0


def test_each_section_in_the_letters_order():
    assert [r.id for r in match_sections(build(), SCHEMA)] == [s.id for s in SCHEMA.walk()]


SAME_COVERAGE = {
    "arabic numerals": restyled(label=lambda e: {"I.": "1.", "II.": "2.", "III.": "3.", "IV.": "4."}.get(e.label, e.label)),
    "no numbering": restyled(label=lambda e: ""),
    "Phần thứ …": restyled(
        label=lambda e: {"I.": "Phần thứ nhất", "II.": "Phần thứ hai", "III.": "Phần thứ ba"}.get(e.label, e.label)
    ),
    "label typed in the text": tuple(
        replace(e, text=f"{e.label} {e.text}", label="") if e.level else e for e in COMPLETE
    ),
    "PHẦN THỨ typed in the text": tuple(
        replace(e, text={"I.": "PHẦN THỨ NHẤT: ", "II.": "PHẦN THỨ HAI - "}.get(e.label, "") + e.text, label="")
        if e.level
        else e
        for e in COMPLETE
    ),
    "one heading level, no numbers": tuple(replace(e, label="", level=1) if e.level else e for e in COMPLETE),
    "ALL CAPS": restyled(text=str.upper),
    "lower case": restyled(text=str.lower),
    "decomposed Unicode": decomposed(),
    "no diacritics": restyled(
        text=lambda t: "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("Đ", "D")
    ),
    "old tone placement": restyled(text=lambda t: t.replace("hóa", "hoá").replace("ủy", "uỷ")),
    "swapped words": restyled(
        text=lambda t: t.replace("Hạn chế, khó khăn, vướng mắc", "Khó khăn, vướng mắc, hạn chế")
        .replace("PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ, GIẢI PHÁP, PHƯƠNG HƯỚNG")
        .replace("Nhiệm vụ chủ yếu", "Chủ yếu nhiệm vụ")
    ),
    "typos": restyled(
        text=lambda t: t.replace("Nguyên nhân", "Nguyen nhân").replace("Bài học kinh nghiệm", "Bài hoc kinh nghiêm")
    ),
}


@pytest.mark.parametrize("variant", sorted(SAME_COVERAGE))
def test_heading_style_does_not_change_coverage(variant):
    assert statuses(build(SAME_COVERAGE[variant])) == COMPLETE_STATUSES


# A report that words everything its own way: extra parts, items as "- Ưu điểm: …" paragraphs.
PARAPHRASED = (
    OPENING,
    H(1, "I.", "ĐẶC ĐIỂM TÌNH HÌNH", None),
    P("Chi bộ có 25 đảng viên, sinh hoạt tại 3 phòng chuyên môn."),
    H(1, "II.", "CÔNG TÁC QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN CHỈ THỊ", None),
    P("- Công tác lãnh đạo, chỉ đạo: Chi ủy đã tổ chức hội nghị quán triệt Chỉ thị cho toàn thể đảng viên."),
    P("- Về nhận thức: cán bộ, đảng viên nhận thức rõ vai trò của thông tin cơ sở."),
    P("- Chi bộ đã cụ thể hóa Chỉ thị bằng kế hoạch hằng năm."),
    H(1, "III.", "KẾT QUẢ ĐẠT ĐƯỢC", None),
    H(2, "1.", "Kết quả thực hiện các nhiệm vụ", None),
    P("+ Phối hợp với cơ quan báo chí tuyên truyền các sự kiện chính trị; tiếp nhận thông tin phản ánh của người dân."),
    P("+ Sử dụng mạng xã hội Facebook, Zalo để đưa tin."),
    P("+ Đã đầu tư nâng cấp hệ thống loa truyền thanh và trang bị thêm máy tính."),
    P("+ Phối hợp xây dựng chuyên mục trên sóng phát thanh của huyện."),
    H(2, "2.", "Đánh giá chung", None),
    P("- Ưu điểm: Công tác thông tin cơ sở có chuyển biến tích cực."),
    P("- Tồn tại, hạn chế: Nội dung thông tin có lúc chưa phong phú."),
    P("- Nguyên nhân: cán bộ kiêm nhiệm nhiều việc."),
    P("- Bài học kinh nghiệm: phải phát huy vai trò người đứng đầu."),
    H(1, "IV.", "PHƯƠNG HƯỚNG, NHIỆM VỤ TRONG THỜI GIAN TỚI", None),
    P("- Phương hướng: nâng cao chất lượng thông tin cơ sở."),
    P("- Nhiệm vụ trọng tâm: tiếp tục quán triệt các văn bản của Trung ương."),
    P("- Giải pháp: tăng cường kiểm tra, giám sát."),
    H(1, "V.", "KIẾN NGHỊ, ĐỀ XUẤT", None),
    P("Không có."),
)


def test_paraphrased_report_with_items_in_paragraphs():
    results = {r.id: r for r in match_sections(build(PARAPHRASED, issuer=ISSUER_OTHER), SCHEMA)}
    assert {i: r.status for i, r in results.items()} == {
        **{s.id: "mentioned" for s in SCHEMA.walk()},
        "1.1": "present",
        "1.2": "present",
        "1.2.1": "present",
        "1.2.2": "present",
        "1.3": "present",
        "1.2.1.5": "not-applicable",
    }
    assert results["1.1"].heading == "II. CÔNG TÁC QUÁN TRIỆT, TRIỂN KHAI THỰC HIỆN CHỈ THỊ"
    assert results["1.2"].heading == "III. KẾT QUẢ ĐẠT ĐƯỢC"
    assert [results[i].blocks for i in ("1.2.2.1", "1.2.2.2", "1.2.2.3", "1.2.2.4")] == [[14], [15], [16], [17]]
    assert [results[i].blocks for i in ("1.2.1.1", "1.2.1.2", "1.2.1.3", "1.2.1.4")] == [[9], [10], [11], [12]]


def test_a_paragraph_with_one_term_of_another_item_is_not_counted_for_it():
    entries = without("1.2.1.5")
    entries = tuple(
        replace(e, text=e.text + " Ngoài ra, thay mới 20 bảng tin.") if e.section == "1.2.1.3" else e for e in entries
    )
    assert statuses(build(entries))["1.2.1.5"] == "missing"


def test_a_heading_that_resembles_a_later_section_does_not_steal_an_earlier_one():
    # "Kết quả" could answer 1.2 or be read as the strengths of 1.2.2.1; order decides.
    entries = restyled(text=lambda t: "KẾT QUẢ" if t.startswith("KẾT QUẢ 5 NĂM") else t)
    results = {r.id: r for r in match_sections(build(entries), SCHEMA)}
    assert results["1.2"].heading == "II. KẾT QUẢ"
    assert results["1.2.2.1"].heading == "a) Ưu điểm"


def test_sections_out_of_order_are_still_found():
    entries = list(COMPLETE)
    second = next(k for k, e in enumerate(entries) if e.section == "1.2")
    third = next(k for k, e in enumerate(entries) if e.section == "1.3")
    fourth = next(k for k, e in enumerate(entries) if e.label == "IV.")
    swapped = entries[:second] + entries[third:fourth] + entries[second:third] + entries[fourth:]
    assert statuses(build(tuple(swapped))) == COMPLETE_STATUSES


def test_heading_with_only_khong_co_is_empty():
    entries = tuple(P("Không có.") if e.section == "1.2.2.3" and e.level is None else e for e in COMPLETE)
    results = {r.id: r for r in match_sections(build(entries), SCHEMA)}
    assert results["1.2.2.3"].status == "empty"
    assert results["1.2.2.3"].heading == "c) Nguyên nhân"
    assert results["1.2.2"].status == "present"


def test_heading_followed_directly_by_the_next_heading_is_empty():
    entries = tuple(e for e in COMPLETE if not (e.section == "1.3.1" and e.level is None))
    assert statuses(build(entries))["1.3.1"] == "empty"


def test_removed_section_is_missing_with_its_items():
    result = statuses(build(without("1.2.2")))
    assert {i: result[i] for i in ("1.2.2", "1.2.2.1", "1.2.2.2", "1.2.2.3", "1.2.2.4")} == dict.fromkeys(
        ("1.2.2", "1.2.2.1", "1.2.2.2", "1.2.2.3", "1.2.2.4"), "missing"
    )


def test_section_without_its_own_heading_is_mentioned_through_its_items():
    entries = tuple(e for e in COMPLETE if e.section != "1.2.1" or e.level is None)
    results = {r.id: r for r in match_sections(build(entries), SCHEMA)}
    assert results["1.2.1"].status == "mentioned"
    assert results["1.2.1"].blocks == [9, 10, 11, 12, 13]


def test_conditional_item_for_a_named_unit_is_required():
    result = {r.id: r for r in match_sections(build(without("1.2.1.5")), SCHEMA)}["1.2.1.5"]
    assert (result.status, result.required) == ("missing", True)


@pytest.mark.parametrize(
    "issuer",
    ["ĐẢNG BỘ SỞ VĂN HOÁ, THỂ THAO VÀ DU LỊCH", "Đảng ủy Bưu điện tỉnh Yên Bái", "CHI BỘ SỞ THÔNG TIN - TRUYỀN THÔNG"],
)
def test_named_units_are_recognised_in_any_spelling(issuer):
    assert statuses(build(without("1.2.1.5"), issuer=issuer))["1.2.1.5"] == "missing"


def test_conditional_item_for_another_unit_is_not_applicable():
    result = {r.id: r for r in match_sections(build(without("1.2.1.5"), issuer=ISSUER_OTHER), SCHEMA)}["1.2.1.5"]
    assert (result.status, result.required) == ("not-applicable", False)


def test_conditional_item_answered_by_another_unit_still_shows_as_covered():
    assert statuses(build(issuer=ISSUER_OTHER))["1.2.1.5"] == "mentioned"


def test_header_and_closing_blocks_are_not_matched():
    document = build()
    header_heading = Block(index=len(document.blocks), kind="heading", part="closing", level=1, text="Đánh giá chung")
    document.blocks.append(header_heading)
    assert next(r for r in match_sections(document, SCHEMA) if r.id == "1.2.2").location.block == 15


def test_empty_document_has_every_section_missing_or_not_applicable():
    result = statuses(Document(header=Header(issuing_body=ISSUER_OTHER)))
    assert result == {s.id: "not-applicable" if s.id == "1.2.1.5" else "missing" for s in SCHEMA.walk()}


# --- does the report answer this letter? -----------------------------------------------------------


def test_report_answering_the_letter_fits():
    document = build()
    assert identify_score(document, SCHEMA) == 10  # 07-CT/TW, thông tin cơ sở in the title; 630-CV/ĐUK, sơ kết 5 năm
    assert schema_fits(document, SCHEMA)


def test_report_without_title_fits_by_its_opening():
    document = build(title=None)
    assert identify_score(document, SCHEMA) == 6  # 630-CV/ĐUK, 07-CT/TW, sơ kết 5 năm, thông tin cơ sở
    assert schema_fits(document, SCHEMA)


def test_report_on_another_subject_does_not_fit():
    entries = (
        P("Thực hiện Kế hoạch số 12-KH/ĐU về công tác dân vận năm 2022, Chi bộ báo cáo như sau:"),
        H(1, "I.", "KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN", None),
        P("Chi bộ đã lãnh đạo thực hiện tốt Quy chế dân chủ ở cơ sở; 100% đảng viên giữ mối liên hệ với nơi cư trú."),
        H(1, "II.", "NHIỆM VỤ NĂM 2023", None),
        P("Tiếp tục thực hiện phong trào thi đua «Dân vận khéo»."),
    )
    document = build(entries, title="Báo cáo kết quả công tác dân vận năm 2022")
    assert identify_score(document, SCHEMA) == 0
    assert not schema_fits(document, SCHEMA)


def test_one_keyword_in_the_title_is_not_enough():
    document = build((P("Chi bộ báo cáo như sau:"),), title="Công tác thông tin cơ sở năm 2022")
    assert identify_score(document, SCHEMA) == 2
    assert not schema_fits(document, SCHEMA)


# --- similarity -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "heading", "low", "high"),
    [
        ("Ưu điểm", "Ưu điểm", 100, 100),
        ("Tình hình quán triệt, triển khai thực hiện Chỉ thị", "TINH HINH QUAN TRIET TRIEN KHAI THUC HIEN CHI THI", 100, 100),
        ("Phương hướng", "Phương hướng, nhiệm vụ, giải pháp nâng cao chất lượng, hiệu quả trong thời gian tới", 0, 74),
        ("Tình hình quán triệt, triển khai thực hiện Chỉ thị số 07-CT/TW", "Đặc điểm tình hình", 0, 50),
        ("Bài học kinh nghiệm", "Bài hoc kinh nghiêm", 90, 100),
    ],
)
def test_similarity_bounds(phrase, heading, low, high):
    assert low <= similarity(fold(phrase), fold(heading)) <= high


# --- realistic .docx reports through the reader -----------------------------------------------------

EXAMPLE = Path(__file__).parent.parent / "examples" / "bao-cao-chi-bo-so-ke-hoach.docx"
DOCX_VARIANTS = (
    "complete", "auto_numbered", "unnumbered_bold", "all_caps", "decomposed", "tcvn3", "heading_styles",
    "header_in_textboxes", "with_tracked_changes",
)  # fmt: skip
# The complete report comes from a unit the letter does not name, so 1.2.1.5 does not apply.
DOCX_COVERAGE = {s.id: "covered" for s in SCHEMA.walk()} | {"1.2.1.5": "not-applicable"}


def coverage(document: Document) -> dict[str, str]:
    """Statuses with "present" and "mentioned" both as "covered": a heading the reader sees as a
    plain paragraph (a long unnumbered line) is still an answer."""
    return {i: "covered" if status in ("present", "mentioned") else status for i, status in statuses(document).items()}


@pytest.mark.parametrize("variant", DOCX_VARIANTS)
def test_realistic_report_variants_have_the_same_coverage(variant):
    document = read_document(getattr(reports, variant)())
    assert coverage(document) == DOCX_COVERAGE
    assert schema_fits(document, SCHEMA)


def test_realistic_report_from_a_named_unit_covers_the_conditional_item():
    assert coverage(read_document(reports.for_named_unit())) == DOCX_COVERAGE | {"1.2.1.5": "covered"}


def test_example_report_answers_every_section():
    document = read_document(EXAMPLE)
    assert statuses(document) == {**COMPLETE_STATUSES, "1.2.1.5": "not-applicable"}
    assert schema_fits(document, SCHEMA)


@pytest.mark.parametrize("variant", ["state_form", "other_letter"])
def test_reports_answering_other_letters_do_not_fit(variant):
    assert not schema_fits(read_document(getattr(reports, variant)()), SCHEMA)


def test_plain_paragraphs_after_an_item_belong_to_it():
    # "Từ năm 2016…" names no evidence term, but it goes on the item opened by "- Về phát huy…".
    k = next(k for k, e in enumerate(COMPLETE) if e.section == "1.2.1.1")
    follow = P("Từ năm 2016 đến năm 2021, cơ quan đã phối hợp với Báo Yên Bái đăng tải 52 tin, bài.")
    entries = COMPLETE[: k + 1] + (follow,) + COMPLETE[k + 1 :]
    results = {r.id: r for r in match_sections(build(entries), SCHEMA)}
    assert results["1.2.1.1"].blocks == [k, k + 1]
    assert results["1.2.1.2"].blocks == [k + 2]


def test_a_bold_line_the_reader_kept_as_a_paragraph_can_be_a_heading():
    document = build(tuple(e for e in COMPLETE if e.section != "1.2.1" or e.level is None))
    k = next(b.index for b in document.blocks if b.text.startswith("- Về phát huy"))
    line = Block(index=k, bold=True, text="Kết quả thực hiện các nhiệm vụ nêu trong Chỉ thị số 07-CT/TW gắn với Quyết định số 52/2016/QĐ-TTg")
    document.blocks.insert(k, line)
    for index, block in enumerate(document.blocks):
        block.index = index
    result = next(r for r in match_sections(document, SCHEMA) if r.id == "1.2.1")
    assert (result.status, result.heading, result.blocks[0]) == ("present", line.text, k)


# --- any document: one result per section, blocks from the body ------------------------------------

_TEXTS = [e.text for e in COMPLETE] + ["", "Không có", "-", "Về : x", "PHẦN THỨ HAI", "a" * 400]
_blocks = st.lists(
    st.tuples(
        st.sampled_from(["heading", "paragraph", "table"]),
        st.sampled_from(["body", "body", "header", "closing"]),
        st.sampled_from(_TEXTS),
        st.sampled_from(["", "-", "+", "I.", "1.", "a)"]),
        st.sampled_from([None, 1, 2, 3, 6]),
        st.booleans(),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(_blocks, st.sampled_from([None, "", ISSUER_OTHER, "ĐẢNG ỦY BƯU ĐIỆN TỈNH"]))
def test_any_document_gets_one_result_per_section_with_blocks_from_its_body(rows, issuer):
    blocks = [
        Block(index=k, kind=kind, part=part, text=text, label=label, level=level if kind == "heading" else None, bold=bold)
        for k, (kind, part, text, label, level, bold) in enumerate(rows)
    ]
    document = Document(header=Header(issuing_body=issuer), blocks=blocks)
    results = match_sections(document, SCHEMA)
    assert [r.id for r in results] == [s.id for s in SCHEMA.walk()]
    body = {b.index for b in blocks if b.part == "body"}
    for result in results:
        assert set(result.blocks) <= body
        assert (result.status in ("missing", "not-applicable")) == (result.blocks == [])
        assert 0.0 <= result.score <= 1.0


FOLDED_WORDS = st.sampled_from(["bang tin", "bang", "tin", "nha van hoa", "van hoa", "hoa", "thiet bi", ""])


@given(
    st.lists(st.lists(FOLDED_WORDS, max_size=4), min_size=1, max_size=4),
    st.lists(st.sampled_from(["bang", "tin", "nha", "van", "hoa", "thiet", "bi", "co"]), max_size=12).map(" ".join),
)
@settings(max_examples=300, deadline=None)
def test_evidence_index_counts_each_sections_terms_as_a_whole_word_search(terms_by_section, key):
    """Indexed by first word, the terms found are those a search for every term finds; a term
    listed twice counts twice, and a term folding to nothing is found only in an empty text.
    Sections with no term in the text are left out."""
    schema = load_schema("cv630-ct07")
    nodes = [
        match._Node(schema.sections[0], 0, None, (), tuple(terms)) for terms in terms_by_section
    ]
    members = list(range(len(nodes)))
    counts = {i: sum(f" {t} " in f" {key} " for t in nodes[i].terms) for i in members}
    expected = {i: count for i, count in counts.items() if count}
    assert match._TermIndex(nodes, members).hits(key) == expected


CONTENT_PIECES = st.sampled_from(
    ["Không", "có", "nội", "dung", "gì", "phát sinh", "Chưa", " ", "\u00a0", "…", ".....", "-", "x", "1", "(", "A-B"]
)


@given(st.lists(CONTENT_PIECES, max_size=80).map("".join))
@settings(max_examples=500, deadline=None)
def test_content_test_of_a_long_paragraph_reads_as_the_whole_folded_text(text):
    """Folding only a long paragraph's opening decides as folding all of it would: a block is real
    when its folded text is not empty and not an answer that there is nothing to report."""
    block = Block(index=0, text=text)
    key = fold(text)
    assert match._is_real(block) == (bool(key) and key not in match._NOTHING)


@pytest.mark.parametrize("mark", ["-", "+", "•", "–", "▪", "■", "◦"])
def test_a_list_entry_opens_with_its_subject_whatever_its_mark(mark):
    """Every mark that starts a list entry is left out of its opening words, "Về" with it."""
    assert match._lead_in(f"{mark} Về công tác tuyên truyền: đã tổ chức 12 hội nghị") == "công tác tuyên truyền"
