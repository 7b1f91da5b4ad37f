"""Header and closing parsing over reader blocks, for every layout offices use."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from sobaocao.document import Block, Closing, Header, Signature
from sobaocao.parts import column_pieces, read_place_date, split_parts
from tests.fixtures.form_cases import LAYOUTS, PARTY, STATE, blocks

PARTY_HEADER = Header(
    banner="ĐẢNG CỘNG SẢN VIỆT NAM",
    superior_body="ĐẢNG BỘ TỈNH YÊN BÁI",
    issuing_body="ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
    star=True,
    number="Số 15-BC/ĐUK",
    place_date="Yên Bái, ngày 05 tháng 7 năm 2022",
    place="Yên Bái",
    date=dt.date(2022, 7, 5),
    document_type="BÁO CÁO",
    title="Sơ kết 5 năm thực hiện Chỉ thị số 07-CT/TW, ngày 05/9/2016 của Ban Bí thư "
    "về đẩy mạnh công tác thông tin cơ sở trong tình hình mới",
)
STATE_HEADER = Header(
    banner="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    motto="Độc lập - Tự do - Hạnh phúc",
    superior_body="UBND TỈNH YÊN BÁI",
    issuing_body="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    number="Số: 12/BC-STTTT",
    place_date="Yên Bái, ngày 05 tháng 7 năm 2022",
    place="Yên Bái",
    date=dt.date(2022, 7, 5),
    document_type="BÁO CÁO",
    title="Sơ kết 5 năm thực hiện Chỉ thị số 07-CT/TW của Ban Bí thư về đẩy mạnh công tác thông tin cơ sở",
)
PARTY_CLOSING = Closing(
    signature=Signature(
        authority="T/M BAN CHẤP HÀNH", position="BÍ THƯ", name="Nguyễn Văn An",
        lines=["T/M BAN CHẤP HÀNH", "BÍ THƯ", "(Đã ký)", "Nguyễn Văn An"],
    ),
    recipients_heading="Nơi nhận:",
    recipients=["- Ban Thường vụ Đảng ủy Khối,", "- Lưu Văn phòng."],
)
STATE_CLOSING = Closing(
    signature=Signature(
        authority="KT. GIÁM ĐỐC", position="PHÓ GIÁM ĐỐC", name="Trần Thị Bình",
        lines=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Ký, ghi rõ họ tên, đóng dấu)", "Trần Thị Bình"],
    ),
    recipients_heading="Nơi nhận:",
    recipients=["- Ủy ban nhân dân tỉnh;", "- Lưu: VT, VP."],
)

# The seed request letter (Công văn 630-CV/ĐUK) as its paragraphs come out of the file.
SEED_LINES = [
    " \tĐẢNG BỘ TỈNH YÊN BÁI",
    "ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
    "*",
    "       Số 630 - CV/ĐUK",
    "V/v sơ kết 5 năm thực hiện Chỉ thị 07-CT/TW, ngày 05/9/2016 của Ban Bí thư",
    "\tĐẢNG CỘNG SẢN VIỆT NAM",
    "Yên Bái, ngày 28 tháng 6 năm 2022",
    "Kính gửi: Các chi, đảng bộ cơ sở",
    "Thực hiện Công văn số 810-CV/TU, ngày 13/5/2022 của Tỉnh ủy về việc báo cáo sơ kết 5 năm thực hiện "
    "Chỉ thị số 07-CT/TW, Ban Thường vụ Đảng ủy Khối yêu cầu các chi, đảng bộ cơ sở báo cáo như sau:",
    "1. Nội dung báo cáo",
    "- Phương hướng.",
    "- Giải pháp nâng cao chất lượng, hiệu quả công tác thông tin cơ sở.",
    "Ban Thường vụ Đảng ủy Khối yêu cầu các chi, đảng bộ cơ sở triển khai thực hiện.",
    "\tNơi nhận:                                                                  ",
    "- Như kính gửi,",
    "- Lưu Văn phòng ĐUK.",
    "\tT/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ",
    "(Đã ký)",
    "Cao Xuân Chiểu",
]


def _without_blocks(model):
    return model.model_copy(update={"blocks": []})


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    ("case", "header", "closing"),
    [(PARTY, PARTY_HEADER, PARTY_CLOSING), (STATE, STATE_HEADER, STATE_CLOSING)],
    ids=["party", "state"],
)
def test_every_layout_parses_to_the_same_header_and_closing(case, header, closing, layout):
    parsed_header, parsed_closing = split_parts(blocks(case, layout))
    assert _without_blocks(parsed_header) == header
    assert _without_blocks(parsed_closing) == closing


def test_table_layout_marks_header_body_and_closing_blocks():
    made = blocks(PARTY, "table")
    header, closing = split_parts(made)
    # 6 header cells (2 issuer lines, *, number, banner, date) + BÁO CÁO + 2 title lines
    assert header.blocks == list(range(9))
    assert closing.blocks == list(range(len(made) - 7, len(made)))
    assert [b.part for b in made] == ["header"] * 9 + ["body"] * (len(made) - 16) + ["closing"] * 7


def test_tab_layout_marks_the_shared_rows():
    made = blocks(PARTY, "tabs")
    header, closing = split_parts(made)
    # rows: issuer+banner, issuer+date, *, number; then BÁO CÁO and two title lines
    assert header.blocks == list(range(7))
    assert made[0].text == "ĐẢNG BỘ TỈNH YÊN BÁI\t\tĐẢNG CỘNG SẢN VIỆT NAM"
    assert closing.blocks == list(range(len(made) - 4, len(made)))


def test_seed_letter_order_with_subject_and_salutation():
    made = [Block(index=i, text=text) for i, text in enumerate(SEED_LINES)]
    header, closing = split_parts(made)
    assert _without_blocks(header) == Header(
        banner="ĐẢNG CỘNG SẢN VIỆT NAM",
        superior_body="ĐẢNG BỘ TỈNH YÊN BÁI",
        issuing_body="ĐẢNG UỶ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        star=True,
        number="Số 630 - CV/ĐUK",
        place_date="Yên Bái, ngày 28 tháng 6 năm 2022",
        place="Yên Bái",
        date=dt.date(2022, 6, 28),
        title="V/v sơ kết 5 năm thực hiện Chỉ thị 07-CT/TW, ngày 05/9/2016 của Ban Bí thư",
        recipients="Kính gửi: Các chi, đảng bộ cơ sở",
    )
    assert header.blocks == list(range(8))
    assert _without_blocks(closing) == Closing(
        signature=Signature(
            authority="T/M BAN THƯỜNG VỤ", position="PHÓ BÍ THƯ", name="Cao Xuân Chiểu",
            lines=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "(Đã ký)", "Cao Xuân Chiểu"],
        ),
        recipients_heading="Nơi nhận:",
        recipients=["- Như kính gửi,", "- Lưu Văn phòng ĐUK."],
    )
    # the body's own bullets just before "Nơi nhận" stay in the body
    assert closing.blocks == list(range(13, 20))
    assert made[12].part == "body"


def test_blank_day_keeps_the_line_without_a_date():
    case = replace(PARTY, place_date="Yên Bái, ngày      tháng 7 năm 2022")
    header, _ = split_parts(blocks(case, "tabs"))
    assert header.place_date == "Yên Bái, ngày tháng 7 năm 2022"
    assert header.place == "Yên Bái"
    assert header.date is None


def test_blank_number_is_kept_as_the_number_line():
    case = replace(PARTY, number="Số     -BC/ĐUK")
    header, _ = split_parts(blocks(case, "tabs"))
    assert header.number == "Số -BC/ĐUK"


def test_issuer_on_two_lines_is_one_body():
    case = replace(STATE, issuer=("ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI"), number="Số: 12/BC-UBND")
    header, _ = split_parts(blocks(case, "table"))
    assert (header.superior_body, header.issuing_body) == (None, "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI")


def test_draft_and_urgency_marks_are_not_the_issuer():
    case = replace(PARTY, issuer=("DỰ THẢO LẦN 2", *PARTY.issuer), banner=("KHẨN", *PARTY.banner))
    header, _ = split_parts(blocks(case, "table"))
    assert (header.superior_body, header.issuing_body) == PARTY.issuer
    assert header.blocks == list(range(11))


def test_type_and_title_in_one_paragraph_with_a_line_break():
    made = blocks(replace(PARTY, document_type="BÁO CÁO\nTình hình thông tin cơ sở", title=()), "table")
    header, _ = split_parts(made)
    assert (header.document_type, header.title) == ("BÁO CÁO", "Tình hình thông tin cơ sở")


def test_plain_title_line_after_the_type_is_the_title_but_the_opening_sentence_is_not():
    made = blocks(PARTY, "table")
    for block in made[7:9]:
        block.bold, block.align = False, "both"
    header, _ = split_parts(made)
    assert header.title == PARTY.title[0]
    assert (made[7].part, made[8].part) == ("header", "body")
    made = blocks(replace(PARTY, title=()), "table")
    header, _ = split_parts(made)
    assert header.title is None
    assert made[7].text == PARTY.body[0] and made[7].part == "body"


def test_appendix_after_the_signature_stays_in_the_body():
    made = blocks(replace(PARTY, appendix=("PHỤ LỤC", "Số liệu tổng hợp các năm 2017 - 2021")), "table")
    _, closing = split_parts(made)
    assert closing.blocks == list(range(len(made) - 9, len(made) - 2))
    assert [b.part for b in made[-2:]] == ["body", "body"]


def test_signature_without_authority_or_recipients_found_by_position():
    made = blocks(replace(STATE, recipients=(), signature=("GIÁM ĐỐC", "Trần Thị Bình")), "paragraphs")
    _, closing = split_parts(made)
    assert closing.signature == Signature(position="GIÁM ĐỐC", name="Trần Thị Bình",
                                          lines=["GIÁM ĐỐC", "Trần Thị Bình"])
    assert closing.recipients_heading is None


def test_uppercase_name_after_the_position():
    made = blocks(replace(PARTY, signature=("T/M CHI BỘ", "BÍ THƯ", "NGUYỄN VĂN AN")), "table")
    _, closing = split_parts(made)
    assert (closing.signature.authority, closing.signature.position, closing.signature.name) == (
        "T/M CHI BỘ", "BÍ THƯ", "NGUYỄN VĂN AN")


def test_recipients_heading_with_its_first_item_on_the_same_line():
    made = blocks(replace(STATE, recipients=("Nơi nhận: - Như trên;", "- Lưu: VT.")), "paragraphs")
    _, closing = split_parts(made)
    assert (closing.recipients_heading, closing.recipients) == ("Nơi nhận:", ["- Như trên;", "- Lưu: VT."])


def test_body_sentence_about_recipients_does_not_open_the_closing():
    sentence = "Nơi nhận báo cáo: Văn phòng Đảng ủy Khối, trước ngày 15/7/2022."
    made = blocks(replace(PARTY, body=(sentence, *PARTY.body), recipients=(), signature=()), "table")
    _, closing = split_parts(made)
    assert closing == Closing()
    assert made[9].text == sentence
    assert {block.part for block in made[9:]} == {"body"}


def test_a_block_of_thousands_of_characters_is_body_text_whatever_it_begins_with():
    """A header or closing line is never that long: a paragraph opening like a number line or
    a list of recipients but running on is the body, and is not cut into pieces."""
    running_on = " và ".join(["kết quả thực hiện nhiệm vụ của các chi bộ trực thuộc"] * 60)
    assert 3000 < len(running_on) < 3500
    made = [
        Block(index=0, text="ĐẢNG CỘNG SẢN VIỆT NAM"),
        Block(index=1, text=f"Số 12-BC/CB {running_on}"),
        Block(index=2, text="Chi bộ đã tổ chức quán triệt Chỉ thị."),
        Block(index=3, text=f"Nơi nhận: - {running_on}"),
    ]
    header, closing = split_parts(made)
    assert (header.banner, header.number, header.blocks) == ("ĐẢNG CỘNG SẢN VIỆT NAM", None, [0])
    assert closing == Closing()
    assert [b.part for b in made] == ["header", "body", "body", "body"]


def test_a_long_subject_line_below_the_bound_is_still_read():
    subject = "V/v " + " và ".join(["kết quả thực hiện nhiệm vụ"] * 8)
    made = blocks(replace(PARTY, title=(subject,)), "paragraphs")
    header, _ = split_parts(made)
    assert header.title == subject


def test_no_header_no_closing_leaves_everything_in_the_body():
    made = [Block(index=0, text="Đơn vị đã triển khai nhiều hoạt động trong năm 2021 và đạt kết quả tốt.")]
    header, closing = split_parts(made)
    assert header == Header()
    assert closing == Closing()
    assert made[0].part == "body"


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("ĐẢNG BỘ TỈNH YÊN BÁI\tĐẢNG CỘNG SẢN VIỆT NAM", ["ĐẢNG BỘ TỈNH YÊN BÁI", "ĐẢNG CỘNG SẢN VIỆT NAM"]),
        ("Số 630 - CV/ĐUK          Yên Bái, ngày 28 tháng 6 năm 2022",
         ["Số 630 - CV/ĐUK", "Yên Bái, ngày 28 tháng 6 năm 2022"]),
        ("Số:      /BC-UBND\tYên Bái, ngày      tháng 7 năm 2022",
         ["Số: /BC-UBND", "Yên Bái, ngày tháng 7 năm 2022"]),
        (" \t  *  \t", ["*"]),
        ("BÁO CÁO\nSơ kết 5 năm", ["BÁO CÁO", "Sơ kết 5 năm"]),
    ],
)
def test_column_pieces(text, pieces):
    assert column_pieces(text) == pieces


@pytest.mark.parametrize(
    ("text", "place", "date", "numeric"),
    [
        ("Yên Bái, ngày 28 tháng 6 năm 2022", "Yên Bái", dt.date(2022, 6, 28), False),
        ("ngày 05 tháng 7 năm 2022", None, dt.date(2022, 7, 5), False),
        ("Hà Nội, ngày … tháng 7 năm 2022", "Hà Nội", None, False),
        ("Yên Bái, ngày 31 tháng 6 năm 2022", "Yên Bái", None, False),
        ("Yên Bái, 28/6/2022", "Yên Bái", dt.date(2022, 6, 28), True),
    ],
)
def test_read_place_date(text, place, date, numeric):
    parsed = read_place_date(text)
    assert (parsed.place, parsed.date, parsed.numeric) == (place, date, numeric)


def test_read_place_date_refuses_running_text():
    assert read_place_date("Hội nghị sơ kết được tổ chức vào ngày 28 tháng 6 năm 2022 tại hội trường") is None


def test_column_pieces_are_a_new_list_each_time():
    first = column_pieces("ĐẢNG BỘ TỈNH YÊN BÁI\tĐẢNG CỘNG SẢN VIỆT NAM")
    first.append("changed")
    assert column_pieces("ĐẢNG BỘ TỈNH YÊN BÁI\tĐẢNG CỘNG SẢN VIỆT NAM") == ["ĐẢNG BỘ TỈNH YÊN BÁI", "ĐẢNG CỘNG SẢN VIỆT NAM"]


@pytest.mark.parametrize("dash", ["\u2212", "\uff0d", "\u2015"])
def test_every_dash_the_text_module_knows_works_in_the_number_line(dash):
    header, _ = split_parts(blocks(replace(PARTY, number=f"Số 15{dash}BC/ĐUK")))
    assert header.number == f"Số 15{dash}BC/ĐUK"
