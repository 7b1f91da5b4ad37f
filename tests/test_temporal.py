"""Every labelled sentence of the corpus is read exactly as labelled, plus the interval helpers."""

from __future__ import annotations

import datetime as dt

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from sobaocao.vietnamese import temporal
from sobaocao.vietnamese.temporal import ceil_to, find_temporal, floor_to
from tests.fixtures.temporal_corpus import load_corpus

CORPUS = load_corpus()


def _param(number, item):
    marks = [pytest.mark.xfail(reason=item.xfail, strict=True)] if item.xfail else []
    return pytest.param(item, id=f"sentence-{number:03d}", marks=marks)


@pytest.mark.parametrize("item", [_param(number, item) for number, item in enumerate(CORPUS, 1)])
def test_labelled_sentence(item):
    assert tuple(find_temporal(item.sentence, year=item.year)) == item.expected


def test_corpus_is_large_and_covers_every_kind():
    kinds = {expected.kind for item in CORPUS for expected in item.expected}
    assert len(CORPUS) >= 250
    assert kinds == {
        "date", "month", "quarter", "half", "months", "year",
        "range", "open-range", "until", "school-year", "term",
    }
    assert sum(not item.expected for item in CORPUS) >= 30  # traps


def test_offsets_slice_the_input():
    text = "Trong 5 năm (2016 - 2021), Đảng ủy đã tổ chức 12 hội nghị; năm 2022 tổ chức 3 hội nghị."
    for found in find_temporal(text):
        assert text[found.start_offset:found.end_offset] == found.text


def test_bare_years_only_when_asked():
    assert find_temporal("2022") == []
    (year,) = find_temporal("2022", bare_years=True)
    assert (year.kind, year.start, year.end, year.precision) == (
        "year", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "year",
    )


@pytest.mark.parametrize(
    ("precision", "floor", "ceil"),
    [
        ("day", dt.date(2016, 10, 5), dt.date(2016, 10, 5)),
        ("month", dt.date(2016, 10, 1), dt.date(2016, 10, 31)),
        ("quarter", dt.date(2016, 10, 1), dt.date(2016, 12, 31)),
        ("half", dt.date(2016, 7, 1), dt.date(2016, 12, 31)),
        ("year", dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
    ],
)
def test_units_around_a_day(precision, floor, ceil):
    assert floor_to(dt.date(2016, 10, 5), precision) == floor
    assert ceil_to(dt.date(2016, 10, 5), precision) == ceil


WORDS = st.sampled_from([
    "ngày", "Ngày", "tháng", "năm", "quý", "I", "IV", "từ", "đến", "nay", "hết", "giai đoạn",
    "nhiệm kỳ", "năm học", "6 tháng đầu", "Chỉ thị số 07-CT/TW", "số", "52/2016/QĐ-TTg", ",", "(", ")",
    "-", "–", "/", ".", "\u00a0", " ", "và", "chi bộ", "2016", "2021", "2.016", "51,5%", "05", "9", "31", "12",
])


@given(st.lists(WORDS | st.integers(0, 3000).map(str), max_size=25).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_ordered_spans_of_itself(text):
    found = find_temporal(text)
    for item in found:
        assert text[item.start_offset:item.end_offset] == item.text
        assert item.resolved == (item.start is not None or item.end is not None or item.open_end)
    assert all(a.end_offset <= b.start_offset for a, b in zip(found, found[1:]))


LEAD_TEXT = st.sampled_from([
    "tính từ sáu tháng đầu năm", "Tính từ quý IV", "quýIV/", "giai đoạn (", "nhiệm kỳ", "thời kỳ",
    "các năm", "cuối tháng", "giữa năm", "chín tháng cuối năm", "tính cho đến", "tới", "thời điểm",
    "hiện tại", "ba tháng", "II", "III", "năm học", "5 năm", "ngày5", "thángđầu", "báo cáo", "x",
    "đến hết", "tới hiện nay", "quan tâm đến", "5năm", "12 -", "2016–", "07-CT/TW", "Đến", "TỚI",
    "TỚİ", "36/75", "1.591", "5 năm (", "٥ tháng đầu", "12,5", "trong 12 năm",
])


@given(st.lists(WORDS | LEAD_TEXT | st.integers(0, 3000).map(str), max_size=25).map(
    lambda words: "".join(word + separator for word, separator in zip(words, [" ", "", "  ", "\n", "(", "/"] * 5))))
@settings(max_examples=500, deadline=None)
def test_grammar_tried_at_anchors_reads_what_a_full_scan_reads(text):
    """The grammar tried only around digits and "đến"/"tới" finds exactly what scanning every
    position finds, lead words glued or spaced as they may be."""
    for grammar in (temporal._GRAMMAR, temporal._GRAMMAR_BARE):
        assert [m.span() for m in temporal._matches(grammar, text)] == [m.span() for m in grammar.finditer(text)]


@pytest.mark.parametrize("bare_years", [False, True])
def test_grammar_tried_at_anchors_reads_the_corpus_as_a_full_scan(bare_years):
    grammar = temporal._GRAMMAR_BARE if bare_years else temporal._GRAMMAR
    for item in CORPUS:
        expected = [(m.span(), m.lastgroup) for m in grammar.finditer(item.sentence)]
        assert [(m.span(), m.lastgroup) for m in temporal._matches(grammar, item.sentence)] == expected


CITING_WORDS = st.sampled_from([
    "Chỉ thị", "số", "07-CT/TW", "52/2016/QĐ-TTg", "100 - KL/TW", "của", "Ban Bí thư", ",", "(", "ban hành",
    "được", "ký", "Luật", "Báo chí", "Hiến pháp", "năm", "trong", "Quyết định", "x", "2016",
])


@given(st.lists(CITING_WORDS, max_size=14).map(" ".join), st.sampled_from(["", " ", ", ", " ("]))
@settings(max_examples=400, deadline=None)
def test_citation_patterns_searched_from_the_end_match_where_a_forward_search_does(words, tail):
    text = words + tail
    for pattern in (temporal._CITED_BEFORE, temporal._LAW_BEFORE):
        forward = regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE)
        assert (pattern.search(text) is None) == (forward.search(text) is None)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["ngày {d}/{m}/{y}", "ngày {d:02d}/{m:02d}/{y}", "{d}-{m}-{y}", "{d}.{m}.{y}",
                        "ngày {d} tháng {m} năm {y}", "ngày {d}tháng {m} năm {y}", "ngày {d} / {m} / {y}",
                        "ngày {d}–{m}–{y}"]))
@settings(max_examples=300, deadline=None)
def test_every_day_in_every_shape_reads_back(day, shape):
    text = "Chi bộ họp " + shape.format(d=day.day, m=day.month, y=day.year) + ", có 25 đảng viên dự."
    (found,) = find_temporal(text)
    assert (found.kind, found.start, found.end, found.precision, found.citation) == ("date", day, day, "day", False)


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2015", "\ufe63", "\uff0d"])  # hyphen, en dash, bar, small, fullwidth
def test_every_dash_the_text_forms_know_joins_dates_and_ranges(dash):
    """The grammar reads the same dashes as ``text.normalize_dashes`` (horizontal bar, small and
    fullwidth hyphen-minus included)."""
    found = [
        (item.kind, item.start, item.end)
        for text in (f"nhiệm kỳ 2020{dash}2025", f"ngày 5{dash}7{dash}2024", f"từ tháng 3{dash}5/2024")
        for item in find_temporal(text)
    ]
    assert found == [
        ("term", dt.date(2020, 1, 1), dt.date(2025, 12, 31)),
        ("date", dt.date(2024, 7, 5), dt.date(2024, 7, 5)),
        ("range", dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
    ]
