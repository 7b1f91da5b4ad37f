"""Temporal expressions in Vietnamese report prose: dates, months, quarters, halves, years, ranges.

``find_temporal`` turns every expression into the interval it covers, with the precision the
writer used, so that a rule can compare "năm 2016" at year precision and "tháng 9/2016" at month
precision. Dates that belong to a cited document ("Chỉ thị số 07-CT/TW, ngày 05/9/2016") are
marked ``citation``: they say when a document was issued, not when something was done.

The grammar is one ``regex`` pattern compiled at import, tried in order from the longest shapes
(ranges) to the shortest (a year), so that at each position the most complete reading wins.
dateparser is not used: it misses quarters, halves and ranges and invents missing days.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

import regex

from .text import DASH_CLASS

Precision = Literal["day", "month", "quarter", "half", "year"]
Kind = Literal[
    "date", "month", "quarter", "half", "months", "year",
    "range", "open-range", "until", "school-year", "term",
]


@dataclass(frozen=True, slots=True)
class Temporal:
    """One temporal expression: where it is, what interval it covers, how precisely.

    ``start``/``end`` are the first and last day covered (None when open or unresolved).
    ``precision`` is the precision of the start (or of the whole expression) and ``end_precision``
    that of the end: "từ tháng 10/2016 đến hết năm 2021" starts at month and ends at year
    precision. ``open_end`` marks an end that is "now" ("đến nay"); ``citation`` a date or year
    that belongs to a cited document; ``resolved`` is False for a day without a year.
    """

    text: str
    start_offset: int
    end_offset: int
    kind: Kind
    start: dt.date | None
    end: dt.date | None
    precision: Precision | None
    end_precision: Precision | None = None
    open_end: bool = False
    citation: bool = False
    resolved: bool = True


# --- the grammar -------------------------------------------------------------------------------

_DASH = DASH_CLASS
_SEP = rf"\s*(?:[/.]|{_DASH})\s*"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
# A year is never the middle of a document symbol ("52/2016/QĐ-TTg") nor part of a number.
_YEAR = r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)(?!\s*/\s*\p{L})(?![.,]\d)"
# An expression never begins inside a word, a number or a hyphenated slug ("tuyen-truyen-2016").
_START = r"(?<![\p{L}\d.,/])(?<![\p{L}\d][-_])"
# Every shape begins with a digit, "(" or one of these letters (ngày, năm, tháng, từ, quý, giai
# đoạn, đến, cuối, sáu, ba…); checking it first lets the scan skip other positions 2-3x faster.
_FIRST = r"(?=[\d(ntqgđcsb])"
_END = r"(?!\p{L})"
_MODIFIER = r"(?:(?:cuối|đầu|giữa)\s+)"

# One point in time, each shape tagged by a named group; inner groups are shared names.
_POINT_SHAPES = {
    "date_words": rf"ngày\s*(?P<d>{_DAY})\s*tháng\s*(?P<m>{_MONTH})\s*năm\s*(?P<y>{_YEAR})",
    "date_digits": rf"(?:ngày\s*)?(?P<d>{_DAY}){_SEP}(?P<m>{_MONTH}){_SEP}(?P<y>{_YEAR})",
    "day_no_year": (
        rf"ngày\s*(?P<d>{_DAY})\s*(?:tháng\s*|[/.]\s*|{_DASH}\s*)(?P<m>{_MONTH})"
        rf"(?!\s*(?:năm|[/.]|{_DASH})\s*(?:1[89]|20)\d\d)"
    ),
    "half": (
        rf"(?P<n>\d{{1,2}}|sáu|ba|chín)\s*tháng\s*(?P<side>đầu|cuối)\s*năm\s*(?P<y>{_YEAR})"
    ),
    "quarter": rf"quý\s*(?P<q>IV|III|II|I|[1-4])\s*(?:năm\s*|/\s*|{_DASH}\s*)(?P<y>{_YEAR})",
    "month": rf"{_MODIFIER}?tháng\s*(?P<m>{_MONTH})\s*(?:năm\s*|[/.]\s*|{_DASH}\s*)(?P<y>{_YEAR})",
    "month_digits": rf"(?<!số\s*)(?P<m>{_MONTH})\s*/\s*(?P<y>{_YEAR})",
    "year": rf"{_MODIFIER}?năm\s*(?P<y>{_YEAR})",
}
_POINT = "|".join(f"(?P<{tag}>{body})" for tag, body in _POINT_SHAPES.items())
_BARE_YEAR = rf"(?P<bare>{_YEAR})"
_NOW = r"(?:nay|hiện\s+(?:nay|tại)|thời\s+điểm\s+(?:hiện\s+(?:nay|tại)|này|báo\s+cáo))"
_TO = rf"(?:(?:cho\s+)?(?:đến|tới)\s+(?:hết\s+)?|{_DASH}\s*)"

_SHAPES = [
    # "từ ngày 5 - 6/3/2024"
    ("day_range", rf"(?:từ\s+)?ngày\s*(?P<d1>{_DAY})\s*(?:{_DASH}|và|đến)\s*(?:ngày\s*)?"
                  rf"(?P<d2>{_DAY}){_SEP}(?P<m>{_MONTH}){_SEP}(?P<y>{_YEAR})"),
    # "tháng 10 - 12/2016"
    ("month_range", rf"(?:từ\s+)?tháng\s*(?P<m1>{_MONTH})\s*(?:{_DASH}|đến)\s*(?:tháng\s*)?"
                    rf"(?P<m2>{_MONTH})\s*(?:năm\s*|/\s*)(?P<y>{_YEAR})"),
    # "từ năm 2016 đến nay"
    ("open_range", rf"(?:tính\s+)?từ\s+(?P<a>{_POINT}|{_BARE_YEAR})\s*(?:cho\s+)?(?:đến|tới)\s+{_NOW}"),
    # "từ tháng 10/2016 đến hết năm 2021", "năm 2016 đến năm 2021"
    ("range", rf"(?:từ\s+(?P<a>{_POINT}|{_BARE_YEAR})|(?P<a>{_POINT}))\s*{_TO}"
              rf"(?P<b>{_POINT}|{_BARE_YEAR})"),
    # "giai đoạn 2016 – 2021", "5 năm (2016 - 2021)", "nhiệm kỳ 2020-2025", "năm học 2019-2020"
    ("year_range", rf"(?:(?P<lead>giai\s+đoạn|nhiệm\s+kỳ|năm\s+học|thời\s+kỳ|các\s+năm|năm|\d+\s+năm)\s*)?"
                   rf"(?P<open>\(\s*)?(?P<y1>{_YEAR})\s*{_DASH}\s*(?P<y2>{_YEAR})(?(open)\s*\))"),
    # "đến nay", "tính đến thời điểm hiện tại"
    ("open_alone", rf"(?:tính\s+)?(?:cho\s+)?(?:đến|tới)\s+{_NOW}"),
    # "tính đến tháng 6/2022", "đến hết năm 2021"
    ("until", rf"(?:tính\s+(?:đến|tới)\s+(?:hết\s+)?|(?:cho\s+)?(?:đến|tới)\s+(?:hết\s+)?)"
              rf"(?P<b>{_POINT}|(?<=tính\s+(?:đến|tới)\s+(?:hết\s+)?){_BARE_YEAR})"),
]


def _compile(bare_years: bool) -> regex.Pattern:
    shapes = [f"(?P<{name}>{body})" for name, body in _SHAPES]
    shapes.append(f"(?:{_POINT})")
    if bare_years:
        shapes.append(_BARE_YEAR)
    return regex.compile(f"{_FIRST}{_START}(?:{'|'.join(shapes)}){_END}", regex.IGNORECASE)


_GRAMMAR = _compile(bare_years=False)
_GRAMMAR_BARE = _compile(bare_years=True)

# Tried at every position, the grammar costs about 1 µs per character: its leading alternation
# and lookbehinds leave the engine no literal to scan for. But every expression holds an anchor,
# a digit or "đến"/"tới", and before the first one stand only a few of the grammar's lead words
# ("tính từ sáu tháng đầu năm 2022", "giai đoạn (2016", "quý IV/2022"). So the grammar is tried
# only at the anchors and at the word starts of the lead words just before them.
#
# An anchor is an expression's first only where it opens one or follows a lead word. Digits open
# one only as the grammar's shapes begin with them: the day or month of a date ("5/3/2022",
# "6/2022"), the months of "6 tháng đầu năm", the years of "5 năm (2016 - 2021)", the first year
# of "2016 - 2021". "Đến"/"tới" hold the first anchor only before "nay", "hiện", "thời điểm" or
# a point ("đến hết năm 2021"). Most digits in a report count things and most "đến" are "quan
# tâm đến": the scans below leave them out at C speed, so that Python handles only the anchors
# that may begin an expression. A new shape must keep all this true.
_LEAD_WORDS = (
    "tính", "từ", "ngày", "tháng", "năm", "quý", "IV", "III", "II", "I", "sáu", "ba", "chín",
    "đầu", "cuối", "giữa", "giai", "đoạn", "nhiệm", "kỳ", "học", "thời", "các", "cho",
)
_LEAD_PIECE = rf"(?:\s|[(/]|{_DASH}|{'|'.join(_LEAD_WORDS)})"
# Where an expression may start: never right after a letter or a digit (see ``_START``).
_WORD_START = regex.compile(r"(?<![\p{L}\d])[\p{L}\d(]")
# The longest run of lead words from a word start to where it is matched, read backwards from there.
_LEAD_RUN = regex.compile(rf"(?<![\p{{L}}\d])(?=[\p{{L}}\d(]){_LEAD_PIECE}+", regex.IGNORECASE | regex.REVERSE)
# A word start, then only lead words. The first test, on the letter a lead word ends with (or
# "("), is only a quicker refusal of most counts ("với 36 đảng viên").
_LEAD_ENDS = "".join(sorted({word[-1].lower() for word in _LEAD_WORDS}))
_AFTER_LEAD = (
    rf"(?<=[{_LEAD_ENDS}(](?:[\s(/]|{_DASH})*)"
    rf"(?<=(?<![\p{{L}}\d])(?=[\p{{L}}\d(]){_LEAD_PIECE}+)"
)
_OPENING_DIGITS = (
    # date_digits, month_digits (a month is a possible day); not "1.591" nor "35/75", which count
    rf"(?:{_DAY}{_SEP}(?:{_MONTH}|{_YEAR})"
    rf"|\d{{1,2}}\s*tháng\s*(?:đầu|cuối)"  # half
    rf"|\d+\s+năm\s*(?:\(\s*)?{_YEAR}"  # year_range led by "5 năm"
    rf"|{_YEAR}\s*{_DASH})"  # year_range
)


def _digit_anchors(opening: str) -> regex.Pattern:
    """Digits where an expression may begin (group ``opens``: ``_START``, then ``opening``) or
    that follow a lead word."""
    return regex.compile(
        rf"(?<!\d)(?=\d)(?:{_START}(?P<opens>(?={opening})\d++)|{_AFTER_LEAD}\d++)", regex.IGNORECASE,
    )


_DIGIT_ANCHORS = _digit_anchors(_OPENING_DIGITS)
_DIGIT_ANCHORS_BARE = _digit_anchors("")  # a lone year needs nothing after its digits
_TO_WORDS = ("đến", "tới")
_TO_ANCHORS = regex.compile(
    rf"(?:{'|'.join(_TO_WORDS)})"
    r"(?=\s+(?:hết\s+)?(?:nay|hiện|thời|ngày|sáu|ba|chín|quý|cuối|đầu|giữa|tháng|năm|\d))",
    regex.IGNORECASE,
)
_POINT_ALONE = regex.compile(f"(?:{_POINT}|{_BARE_YEAR})", regex.IGNORECASE)

# A document symbol ("07-CT/TW", "52/2016/QĐ-TTg", "100 - KL/TW") or "Chỉ thị 07", then what may
# stand between it and its date of issue.
_DOC_TYPE = (
    r"(?i:Chỉ\s+thị|Quyết\s+định|Nghị\s+quyết|Nghị\s+định|Kết\s+luận|Công\s+văn|Thông\s+tư|"
    r"Thông\s+báo|Hướng\s+dẫn|Kế\s+hoạch|Quy\s+định|Chương\s+trình|Đề\s+án|Báo\s+cáo|Văn\s+bản|"
    r"Tờ\s+trình|Luật|Pháp\s+lệnh|Quy\s+chế)"
)
_SYMBOL = (
    rf"(?:\d+[a-z]?(?:\s*/\s*\d{{4}})?\s*(?:/|{_DASH})\s*\p{{Lu}}[\p{{L}}\d]*"
    rf"(?:\s*(?:/|{_DASH})\s*\p{{L}}[\p{{L}}\d]*)*"
    rf"|{_DOC_TYPE}\s+(?i:số\s*)?\d+)"
)
# Both end at the end of the text before an expression and are only asked whether they match:
# matched from the end (REVERSE), they are tried once there; a search would try them at each of
# its positions too, where the final ``$`` fails but each try still costs. (A search could also
# end before a final line break, but the ``\s*`` or ``\s+`` before ``$`` reaches past it anyway.)
_CITED_BEFORE = regex.compile(
    rf"{_SYMBOL}(?:\s+của\s+[^\d,.;()]{{1,60}}?)?\s*[,(]?\s*(?:(?:được\s+)?(?:ban\s+hành|ký)\s+)?$",
    regex.REVERSE,
)
# "Luật Báo chí năm 2016", "Hiến pháp năm 2013": the year names a law.
_LAW_BEFORE = regex.compile(
    r"(?:Bộ\s+luật|Luật|Hiến\s+pháp|Pháp\s+lệnh)"
    r"(?:\s+(?!(?:trong|của|tại|từ|đến|vào|và|cho|đã|được|theo|với|năm)\b)[\p{L}\-]+,?){0,7}\s+$",
    regex.REVERSE,
)
_CITATION_WINDOW = 140

# What may follow an expression as the next item of a list: "năm 2018, 2019 và 2020",
# "năm học 2017-2018 và 2018-2019", "ngày 27/7 và 22/12".
_AND = r"\s*(?:,|;|và)\s*"
_NEXT_YEAR = regex.compile(rf"{_AND}(?P<y>{_YEAR})(?!\s*{_DASH}\s*\d){_END}", regex.IGNORECASE)
_NEXT_YEARS = regex.compile(rf"{_AND}(?P<y1>{_YEAR})\s*{_DASH}\s*(?P<y2>{_YEAR}){_END}", regex.IGNORECASE)
_NEXT_DAY = regex.compile(  # only after "và": "ngày 20/5, 3/4 số chi bộ" is a fraction
    rf"\s*,?\s*và\s*(?P<d>{_DAY})\s*[/.]\s*(?P<m>{_MONTH})(?:\s*(?:năm\s*|[/.]\s*)(?P<y>{_YEAR}))?"
    rf"(?!\s*(?:[/.]|{_DASH})\s*\d){_END}",
    regex.IGNORECASE,
)
_DAY_MONTH = regex.compile(rf"(?P<d>{_DAY})\s*(?:tháng\s*|[/.]\s*|{_DASH}\s*)(?P<m>{_MONTH})", regex.IGNORECASE)
_LIST_SPAN = 10  # years listed after "năm 2018" run forward, and not far: "năm 2021, 2016 đảng viên" is a count

_SPACES = regex.compile(r"\s+")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_SPELLED = {"sáu": 6, "ba": 3, "chín": 9}


# --- building intervals ------------------------------------------------------------------------

def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class _Point(NamedTuple):
    """One point of an expression, built for every one read: a named tuple is built several times
    faster than a frozen dataclass."""

    kind: Kind
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    resolved: bool = True
    day: int | None = None  # for a day without a year, kept to resolve it later
    month: int | None = None


# Group name -> number of each pattern whose matches ``_groups`` reads: ``groupindex`` builds a
# new dict on each call.
_GROUP_NUMBERS = {pattern: pattern.groupindex for pattern in (_GRAMMAR, _GRAMMAR_BARE, _POINT_ALONE)}


def _groups(match: regex.Match) -> Callable[[str], str | None]:
    """``match.group`` by name, with every group read at once: ``regex`` looks a name up anew on
    each call, which cost more than the rest of building an expression."""
    values, numbers = match.groups(), _GROUP_NUMBERS[match.re]
    return lambda name: values[numbers[name] - 1]


def _point(group: Callable[[str], str | None], default_year: int | None) -> _Point:
    """The interval of one point expression, given its groups; raises ValueError for an
    impossible date."""
    if group("bare") is not None and group("year") is None:
        year = int(group("bare"))
        return _Point("year", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if group("year") is not None:
        year = int(group("y"))
        return _Point("year", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if group("date_words") is not None or group("date_digits") is not None:
        day = dt.date(int(group("y")), int(group("m")), int(group("d")))
        return _Point("date", day, day, "day")
    if group("day_no_year") is not None:
        d, m = int(group("d")), int(group("m"))
        dt.date(2000, m, d)  # refuse 31/2; 2000 is a leap year, so 29/2 passes
        if default_year is not None and (calendar.isleap(default_year) or (m, d) != (2, 29)):
            day = dt.date(default_year, m, d)
            return _Point("date", day, day, "day")
        return _Point("date", None, None, "day", resolved=False, day=d, month=m)
    if group("month") is not None or group("month_digits") is not None:
        y, m = int(group("y")), int(group("m"))
        return _Point("month", dt.date(y, m, 1), _month_end(y, m), "month")
    if group("quarter") is not None:
        q = group("q").lower()
        quarter = _ROMAN.get(q) or int(q)
        y = int(group("y"))
        return _Point("quarter", dt.date(y, 3 * quarter - 2, 1), _month_end(y, 3 * quarter), "quarter")
    # "6 tháng đầu năm 2022", "9 tháng đầu năm", "6 tháng cuối năm"
    raw = group("n").lower()
    months = _SPELLED.get(raw) or int(raw)
    if not 1 <= months <= 12:
        raise ValueError(months)
    y = int(group("y"))
    first = 1 if group("side").lower() == "đầu" else 13 - months
    last = first + months - 1
    precision: Precision = {6: "half", 3: "quarter"}.get(months, "month")
    kind: Kind = "half" if months == 6 else "months"
    return _Point(kind, dt.date(y, first, 1), _month_end(y, last), precision)


def _parse_point(text: str, default_year: int | None) -> _Point:
    match = _POINT_ALONE.fullmatch(text.strip())
    if match is None:  # the grammar guarantees a match; a miss is a grammar bug
        raise ValueError(text)
    return _point(_groups(match), default_year)


def _range_from(a: _Point, b: _Point) -> tuple[dt.date | None, dt.date | None, bool]:
    """Join two points; a day without a year takes the year of the end ("ngày 5/3 đến ngày 6/3/2024")."""
    if not a.resolved and b.end is not None:
        start = dt.date(b.end.year, a.month, a.day)
        return start, b.end, True
    return a.start, b.end, a.resolved and b.resolved


def _build(match: regex.Match, year: int | None) -> Temporal | None:
    group = _groups(match)
    common = dict(text=match.group(0), start_offset=match.start(), end_offset=match.end())
    try:
        if group("day_range") is not None:
            y, m = int(group("y")), int(group("m"))
            start, end = dt.date(y, m, int(group("d1"))), dt.date(y, m, int(group("d2")))
            return Temporal(kind="range", start=start, end=end, precision="day",
                            end_precision="day", **common)
        if group("month_range") is not None:
            y = int(group("y"))
            start = dt.date(y, int(group("m1")), 1)
            end = _month_end(y, int(group("m2")))
            return Temporal(kind="range", start=start, end=end, precision="month",
                            end_precision="month", **common)
        if group("open_range") is not None:
            a = _parse_point(group("a"), year)
            return Temporal(kind="open-range", start=a.start, end=None, precision=a.precision,
                            end_precision=None, open_end=True, resolved=a.resolved, **common)
        if group("range") is not None:
            a, b = _parse_point(group("a"), year), _parse_point(group("b"), year)
            start, end, resolved = _range_from(a, b)
            return Temporal(kind="range", start=start, end=end, precision=a.precision,
                            end_precision=b.precision, resolved=resolved, **common)
        if group("year_range") is not None:
            return _year_range(group, common)
        if group("open_alone") is not None:
            return Temporal(kind="open-range", start=None, end=None, precision=None,
                            open_end=True, **common)
        if group("until") is not None:
            b = _parse_point(group("b"), year)
            return Temporal(kind="until", start=None, end=b.end, precision=b.precision,
                            end_precision=b.precision, resolved=b.resolved, **common)
        point = _point(group, year)
    except ValueError:
        return None  # "ngày 31/2/2021", "13 tháng đầu năm": not a date
    return Temporal(kind=point.kind, start=point.start, end=point.end, precision=point.precision,
                    end_precision=point.precision, resolved=point.resolved,
                    citation=_is_citation(match.string, point.kind, match.start()), **common)


def _year_range(group: Callable[[str], str | None], common: dict) -> Temporal | None:
    first, last = int(group("y1")), int(group("y2"))
    if last < first or last - first > 30:
        return None  # "2021 - 2016" or "1990 - 2050" is not a period a report speaks of
    lead = _SPACES.sub(" ", (group("lead") or "").lower())
    if lead == "năm học":
        return Temporal(kind="school-year", start=dt.date(first, 9, 1), end=dt.date(last, 8, 31),
                        precision="year", end_precision="year", **common)
    kind: Kind = "term" if lead == "nhiệm kỳ" else "range"
    return Temporal(kind=kind, start=dt.date(first, 1, 1), end=dt.date(last, 12, 31),
                    precision="year", end_precision="year", **common)


def _is_citation(text: str, kind: Kind, start: int) -> bool:
    """Whether the date or year of ``kind`` at ``start`` belongs to a document cited before it.
    Only a single point can be one, so the other shapes never ask."""
    before = text[max(0, start - _CITATION_WINDOW):start]
    if kind == "date":
        return _CITED_BEFORE.match(before) is not None
    if kind == "year":
        return _LAW_BEFORE.match(before) is not None
    return False


def _next_in_list(text: str, previous: Temporal, year: int | None) -> Temporal | None:
    """The item that continues a list after ``previous``, written without its leading word."""
    if previous.citation:
        return None
    if previous.kind == "year":
        match = _NEXT_YEAR.match(text, previous.end_offset)
        if match is None or not previous.start.year < int(match.group("y")) <= previous.start.year + _LIST_SPAN:
            return None
        listed = int(match.group("y"))
        return Temporal(text=match.group("y"), start_offset=match.start("y"), end_offset=match.end("y"),
                        kind="year", start=dt.date(listed, 1, 1), end=dt.date(listed, 12, 31),
                        precision="year", end_precision="year")
    if previous.kind in ("school-year", "term"):
        match = _NEXT_YEARS.match(text, previous.end_offset)
        if match is None or int(match.group("y1")) < previous.start.year:
            return None
        first, last = int(match.group("y1")), int(match.group("y2"))
        start, end = (dt.date(first, 9, 1), dt.date(last, 8, 31)) if previous.kind == "school-year" else (
            dt.date(first, 1, 1), dt.date(last, 12, 31))
        return Temporal(text=text[match.start("y1"):match.end("y2")], start_offset=match.start("y1"),
                        end_offset=match.end("y2"), kind=previous.kind, start=start, end=end,
                        precision="year", end_precision="year")
    if previous.kind == "date":
        match = _NEXT_DAY.match(text, previous.end_offset)
        if match is None:
            return None
        if match.group("y"):
            listed_year = int(match.group("y"))
        else:
            listed_year = previous.start.year if previous.start else year
        day, month = int(match.group("d")), int(match.group("m"))
        try:
            when = dt.date(listed_year or 2000, month, day)  # 2000 is a leap year: 29/2 stays valid
        except ValueError:
            return None
        common = dict(text=text[match.start("d"):match.end()], start_offset=match.start("d"),
                      end_offset=match.end(), kind="date", precision="day", end_precision="day")
        if listed_year is None:
            return Temporal(start=None, end=None, resolved=False, **common)
        return Temporal(start=when, end=when, **common)
    return None


def find_temporal(text: str, *, year: int | None = None, bare_years: bool = False) -> list[Temporal]:
    """Every temporal expression in ``text``, in order, without overlaps.

    ``year`` is the year the text speaks of, from what precedes it; a day written without a year
    ("Ngày 20/5") takes it, or the year of the nearest expression before it within one year
    ("Năm 2021, …; ngày 20/5 …"). Without either it comes back with ``resolved=False`` and no
    interval. ``bare_years`` also accepts a lone "2022", which is a
    year only where nothing else can be meant, such as a table column heading.
    """
    grammar = _GRAMMAR_BARE if bare_years else _GRAMMAR
    found: list[Temporal] = []
    for match in _matches(grammar, text):
        if found and match.start() < found[-1].end_offset:
            continue  # already read as the item of a list
        item = _build(match, year)
        if item is None:
            continue
        found.append(item)
        first = len(found) - 1
        while (listed := _next_in_list(text, found[-1], year)) is not None:
            found.append(listed)
        _carry_year_back(found, first)
        year = context_year(found[-1], year)
    return found


def _matches(grammar: regex.Pattern, text: str) -> Iterator[regex.Match]:
    """What ``grammar.finditer(text)`` gives, trying the grammar only where a match can start:
    at an anchor, or at a word start from which only lead words reach the anchor."""
    position = 0  # where ``finditer`` would resume
    for at, opens in _first_anchors(text, bare_years=grammar is _GRAMMAR_BARE):
        if at < position:
            continue
        for start in _starts(text, position, at, opens):
            match = grammar.match(text, start)
            if match is not None:
                yield match
                position = match.end()
                break


def _starts(text: str, position: int, at: int, opens: bool) -> Iterator[int]:
    """Where to try the grammar for the anchor at ``at``, from the first: the word starts from
    which only lead words reach it, not before ``position``, then the anchor itself if it opens.
    A lead word never holds a word start, so those word starts are all those of the longest run."""
    lead = _LEAD_RUN.match(text, position, at)
    if lead is not None:
        yield lead.start()
        for word in _WORD_START.finditer(text, lead.start() + 1, at):
            yield word.start()
    if opens:
        yield at


def _first_anchors(text: str, bare_years: bool) -> list[tuple[int, bool]]:
    """Where an expression may hold its first anchor, in order, and whether it may begin there."""
    digits = (_DIGIT_ANCHORS_BARE if bare_years else _DIGIT_ANCHORS).finditer(text)
    anchors = [(anchor.start(), anchor.group("opens") is not None) for anchor in digits]
    lowered = text.lower()  # "đến" and "tới" in any case, "TỚİ" too ("İ" lowers to "i̇")
    if "đến" not in lowered and "tới" not in lowered:  # _TO_WORDS, without a loop
        return anchors  # a look far quicker than the scan, which most texts do not need
    to = [(at, _WORD_START.match(text, at) is not None) for at in _to_anchors(text, lowered)]
    return sorted(anchors + to) if to else anchors


def _to_anchors(text: str, lowered: str) -> list[int]:
    """Where "đến" or "tới" is an anchor: what ``_TO_ANCHORS.finditer(text)`` finds.

    ``regex`` takes in any case just the letters that ``str.lower`` lowers to those of the two
    words ("İ" among them). So where every character lowers to one, the words stand at the same
    places in ``lowered``, where ``str.find`` finds them at C speed: the pattern is tried there
    only, not at each position of the text, each try costing as much as a ``str.find`` over it."""
    if len(lowered) != len(text):
        return [anchor.start() for anchor in _TO_ANCHORS.finditer(text)]
    places = sorted(at for word in _TO_WORDS for at in _places(lowered, word))
    return [at for at in places if _TO_ANCHORS.match(text, at)]


def _places(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _carry_year_back(found: list[Temporal], first: int) -> None:
    """"ngày 27/7 và 22/12/2021": the year of the last day of a list belongs to the days before."""
    last = found[-1]
    if last.kind != "date" or last.start is None:
        return
    for index in range(first, len(found) - 1):
        item = found[index]
        if item.kind == "date" and not item.resolved:
            written = _DAY_MONTH.search(item.text)
            try:
                day = dt.date(last.start.year, int(written.group("m")), int(written.group("d")))
            except ValueError:
                continue  # 29/2 in a year without it stays unread
            found[index] = replace(item, start=day, end=day, resolved=True)


def context_year(found: Temporal, current: int | None) -> int | None:
    """The year a later day without one belongs to, after reading ``found``.

    "Năm 2021, chi bộ tổ chức 4 hội nghị; ngày 20/5 tổ chức hội thi" speaks of 20/5/2021: an
    expression that lies within one year sets the context, a citation or a span of years does not.
    """
    if found.citation or found.start is None or found.end is None or found.start.year != found.end.year:
        return current
    return found.start.year


def floor_to(day: dt.date, precision: Precision) -> dt.date:
    """The first day of the unit of ``precision`` that contains ``day``."""
    if precision == "day":
        return day
    if precision == "year":
        return dt.date(day.year, 1, 1)
    size = {"month": 1, "quarter": 3, "half": 6}[precision]
    return dt.date(day.year, (day.month - 1) // size * size + 1, 1)


def ceil_to(day: dt.date, precision: Precision) -> dt.date:
    """The last day of the unit of ``precision`` that contains ``day``."""
    if precision == "day":
        return day
    if precision == "year":
        return dt.date(day.year, 12, 31)
    size = {"month": 1, "quarter": 3, "half": 6}[precision]
    return _month_end(day.year, (day.month - 1) // size * size + size)
