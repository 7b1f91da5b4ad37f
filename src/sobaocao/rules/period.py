"""Reporting-period rules: data outside the period the letter asks for, open ends, dates.

Every temporal expression of a results section is compared with the schema's period at the
precision the report wrote it: at year precision a period from October 2016 to the end of 2021
covers the years 2016-2021, so "năm 2016" is inside while "tháng 9/2016" is outside. Sections
whose role is ``plans`` may speak of later years; ``any`` is never checked. Citation dates (the
date a cited document was issued), the header and the closing never produce a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document import Block, Location
from ..finding import Finding, Severity
from ..i18n import L, Localized
from ..schema import DateRange, Schema, TemporalRole
from ..vietnamese.labels import int_to_roman
from ..vietnamese.temporal import Precision, Temporal, ceil_to, context_year, find_temporal, floor_to
from .base import Context, Rule

OUT_OF_PERIOD = Rule(
    "out-of-period", Severity.warning,
    L("Số liệu ngoài kỳ báo cáo trong phần kết quả",
      "Figures dated outside the reporting period in a results section"),
)
OPEN_ENDED_PERIOD = Rule(
    "open-ended-period", Severity.warning,
    L("Thời gian không rõ điểm kết thúc (“đến nay”) trong phần kết quả",
      "A period without a stated end (“đến nay”, “until now”) in a results section"),
)
PERIOD_MISMATCH = Rule(
    "period-mismatch", Severity.warning,
    L("Báo cáo nêu một kỳ báo cáo khác với kỳ công văn yêu cầu",
      "The report announces another review period than the one the letter asks for"),
)
FUTURE_DATE = Rule(
    "future-date", Severity.error,
    L("Số liệu ghi thời điểm sau ngày ký báo cáo",
      "Figures dated after the date of the report"),
)
LATE_REPORT = Rule(
    "late-report", Severity.warning,
    L("Báo cáo ký sau hạn gửi", "The report is dated after the submission deadline"),
)
UNDATED_REPORT = Rule(
    "undated-report", Severity.warning,
    L("Không đọc được ngày tháng năm của báo cáo", "The report has no readable date line"),
    superseded_by=("missing-place-date", "place-date"),
)

RULES = (OUT_OF_PERIOD, OPEN_ENDED_PERIOD, PERIOD_MISMATCH, FUTURE_DATE, LATE_REPORT, UNDATED_REPORT)

# Headings that speak of what comes next: blocks outside every schema section but under such a
# heading are plans, not results.
_PLAN_HEADING = regex.compile(
    r"phương\s+hướng|thời\s+gian\s+tới|giai\s+đoạn\s+tới|(?:những\s+)?năm\s+tới|kiến\s+nghị|đề\s+xuất",
    regex.IGNORECASE,
)
_OPEN_TAIL = regex.compile(r"(?:(?:cho|tính)\s+)?(?:đến|tới)\s.*$", regex.IGNORECASE)
# A sentence ends after its mark, its closing quotes and the space that follows; the gap is
# group 1 (looked for from the mark: a lookbehind would be tried at every position).
_SENTENCE_END = regex.compile(r"[.!?…]([\"»”)]*\s+)|\n")
_EXCERPT_LIMIT = 240
_OPENING_PARAGRAPHS = 3
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_HALF_VI = {1: "6 tháng đầu năm", 7: "6 tháng cuối năm"}
_HALF_EN = {1: "first half of", 7: "second half of"}


# --- wording of days, units and periods -------------------------------------------------------

def _day_vi(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _day_en(day: dt.date) -> str:
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _unit_vi(day: dt.date, precision: Precision) -> str:
    """The unit of ``precision`` that starts on ``day``, as a Vietnamese report writes it."""
    return {
        "day": lambda: f"ngày {_day_vi(day)}",
        "month": lambda: f"tháng {day.month}/{day.year}",
        "quarter": lambda: f"quý {int_to_roman((day.month + 2) // 3)}/{day.year}",
        "half": lambda: f"{_HALF_VI[day.month]} {day.year}",
        "year": lambda: f"năm {day.year}",
    }[precision]()


def _unit_en(day: dt.date, precision: Precision) -> str:
    return {
        "day": lambda: _day_en(day),
        "month": lambda: f"{_MONTHS_EN[day.month - 1]} {day.year}",
        "quarter": lambda: f"Q{(day.month + 2) // 3} {day.year}",
        "half": lambda: f"the {_HALF_EN[day.month]} {day.year}",
        "year": lambda: str(day.year),
    }[precision]()


def _span(first: dt.date, last: dt.date, precision: Precision) -> Localized:
    """``first``..``last`` in whole units of ``precision``: "năm 2022", "các năm 2016 – 2020",
    "tháng 1/2022 – tháng 6/2022"."""
    begin, final = floor_to(first, precision), floor_to(last, precision)
    if begin == final:
        return L(_unit_vi(begin, precision), _unit_en(begin, precision))
    if precision == "year":
        return L(f"các năm {begin.year} – {final.year}", f"{begin.year}–{final.year}")
    return L(f"{_unit_vi(begin, precision)} – {_unit_vi(final, precision)}",
             f"{_unit_en(begin, precision)} – {_unit_en(final, precision)}")


def _start_words(day: dt.date) -> Localized:
    if (day.month, day.day) == (1, 1):
        return L(f"năm {day.year}", str(day.year))
    if day.day == 1:
        return L(f"tháng {day.month}/{day.year}", f"{_MONTHS_EN[day.month - 1]} {day.year}")
    return L(f"ngày {_day_vi(day)}", _day_en(day))


def _end_words(day: dt.date) -> Localized:
    if (day.month, day.day) == (12, 31):
        return L(f"hết năm {day.year}", f"the end of {day.year}")
    if day == ceil_to(day, "month"):
        return L(f"hết tháng {day.month}/{day.year}", f"the end of {_MONTHS_EN[day.month - 1]} {day.year}")
    return L(f"ngày {_day_vi(day)}", _day_en(day))


def period_words(period: DateRange) -> Localized:
    """"từ tháng 10/2016 đến hết năm 2021" / "from October 2016 to the end of 2021"; a period of
    one whole year or month is named as such ("năm 2021")."""
    for unit in ("year", "month"):
        if period.start == floor_to(period.start, unit) and period.end == ceil_to(period.start, unit):
            return L(_unit_vi(period.start, unit), _unit_en(period.start, unit))
    start, end = _start_words(period.start), _end_words(period.end)
    return L(f"từ {start.vi} đến {end.vi}", f"from {start.en} to {end.en}")


# --- comparing an expression with the period --------------------------------------------------

@dataclass(frozen=True)
class _Outside:
    """The parts of an expression that lie outside the period, in the expression's own units."""

    before: Localized | None
    after: Localized | None
    whole: bool  # nothing of the expression lies inside


def _outside(found: Temporal, period: DateRange) -> _Outside | None:
    start_unit = found.precision or found.end_precision
    end_unit = found.end_precision or found.precision
    first = floor_to(period.start, start_unit) if start_unit else period.start
    last = ceil_to(period.end, end_unit) if end_unit else period.end
    before = after = None
    if found.start is not None and found.start < first:
        before = _span(found.start, min(first - dt.timedelta(days=1), found.end or found.start), start_unit)
    elif found.start is None and found.end is not None and found.end < first:
        before = _span(found.end, found.end, end_unit)
    if found.end is not None and found.end > last:
        after_first = last + dt.timedelta(days=1)
        if found.start is not None:
            after_first = max(after_first, found.start)
        after = _span(after_first, found.end, end_unit)
    if before is None and after is None:
        return None
    whole = (found.end is not None and found.end < first) or (found.start is not None and found.start > last)
    return _Outside(before, after, whole)


def _is_future(found: Temporal, report_date: dt.date | None) -> bool:
    """The latest unit the expression names begins after the report was signed."""
    if report_date is None or found.end is None or found.end_precision is None:
        return False
    return floor_to(found.end, found.end_precision) > report_date


def _same_period(found: Temporal, period: DateRange) -> bool:
    start_unit, end_unit = found.precision, found.end_precision
    if found.start is None or start_unit is None:
        return True
    if floor_to(found.start, start_unit) != floor_to(period.start, start_unit):
        return False
    if found.end is None or end_unit is None:
        return True  # an open end is the open-ended rule's business
    return ceil_to(found.end, end_unit) == ceil_to(period.end, end_unit)


# --- where a block stands: its section and that section's temporal role -----------------------

def _section_roles(schema: Schema) -> dict[str, tuple[int, TemporalRole]]:
    """Section id -> (depth, role). The schema has already given every section its role (an
    item inherits its parent's, the top level defaults to ``any``: silent)."""
    roles: dict[str, tuple[int, TemporalRole]] = {}

    def visit(section, depth: int) -> None:
        roles[section.id] = (depth, section.temporal or "any")
        for child in section.sections:
            visit(child, depth + 1)

    for top in schema.sections:
        visit(top, 0)
    return roles


def _block_sections(ctx: Context, schema: Schema) -> dict[int, tuple[str, TemporalRole]]:
    """Body block index -> (section id, role) of the deepest schema section holding it."""
    roles = _section_roles(schema)
    best: dict[int, tuple[int, str, TemporalRole]] = {}
    for result in ctx.sections:
        if result.id not in roles:
            continue
        depth, role = roles[result.id]
        for index in result.blocks:
            if index not in best or depth > best[index][0]:
                best[index] = (depth, result.id, role)
    return {index: (section, role) for index, (_, section, role) in best.items()}


def _unmatched_role(block: Block) -> TemporalRole:
    """A block in no schema section is a result unless a heading above it speaks of plans."""
    headings = [*block.heading_path, block.text if block.kind == "heading" else ""]
    return "plans" if any(_PLAN_HEADING.search(text) for text in headings) else "results"


# --- quoting --------------------------------------------------------------------------------

def _quote(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, cut around the expression when it is long."""
    first, last = 0, len(text)
    for boundary in _SENTENCE_END.finditer(text):
        gap = boundary.start(1) if boundary.group(1) is not None else boundary.start()
        if boundary.end() <= start:
            first = boundary.end()
        elif gap >= end:
            last = gap
            break
    if last - first <= _EXCERPT_LIMIT:
        return text[first:last].strip()
    margin = max((_EXCERPT_LIMIT - (end - start)) // 2, 0)
    left, right = max(first, start - margin), min(last, end + margin)
    if left > first:  # begin at a word
        left = text.find(" ", left, start) + 1 or left
    if right < last:  # stop at a word
        cut = text.rfind(" ", end, right)
        right = cut if cut > 0 else right
    return ("…" if left > first else "") + text[left:right].strip() + ("…" if right < last else "")


# --- the rules ------------------------------------------------------------------------------

def check(ctx: Context) -> Iterator[Finding]:
    header = ctx.document.header
    schema = ctx.schema
    if schema is None or not ctx.schema_fits:
        return  # without the letter's period and deadline there is nothing to compare with
    if schema.submission is not None:
        # The form family reports a missing or malformed date line as such; here it matters
        # only because the deadline cannot be checked without it.
        if header.date is None:
            yield _undated(ctx)
        elif header.date > schema.submission.end:
            yield _late(header.date, header.place_date, schema.submission)

    read = _Reader()
    announced: set[tuple[int, int]] = set()
    yield from _mismatches(ctx, schema.period, announced, read)

    placed = _placed_body(ctx, schema)
    dated = _blocks_to_read(placed)
    # A day without a year takes the year the section last spoke of ("Năm 2022 …" then
    # "Ngày 20/5, …"); a new section starts without one.
    context_section, year = None, None
    for block, section, role in placed:
        if block.kind == "table":
            if role == "results":
                yield from _table(block, section, schema.period)
            continue
        if section != context_section:
            context_section, year = section, None
        if block.index not in dated:
            continue
        found = read(block.text, year)
        for item in found:
            year = context_year(item, year)
        if role == "results":
            yield from _prose(block, found, section, schema.period, header.date, announced)


class _Reader:
    """``find_temporal`` for one report, reading each text once: the opening paragraphs are read
    both for the period they announce and for the figures they date."""

    def __init__(self) -> None:
        self._read: dict[tuple[str, int | None], list[Temporal]] = {}

    def __call__(self, text: str, year: int | None = None) -> list[Temporal]:
        key = (text, year)
        if key not in self._read:
            self._read[key] = find_temporal(text, year=year)
        return self._read[key]


def _placed_body(ctx: Context, schema: Schema) -> list[tuple[Block, str | None, TemporalRole]]:
    """The body blocks in order, each with its schema section (None outside every one) and role."""
    sections = _block_sections(ctx, schema)
    placed = []
    for block in ctx.document.blocks:
        if block.part == "body":
            section, role = sections[block.index] if block.index in sections else (None, _unmatched_role(block))
            placed.append((block, section, role))
    return placed


def _blocks_to_read(placed: list[tuple[Block, str | None, TemporalRole]]) -> set[int]:
    """The paragraphs and headings whose dates can matter: those of a results section, and those
    whose year a later one of them takes (the same section, nothing else between). The others,
    plans above all, are not read at all."""
    needed: set[int] = set()
    taker: str | None = None  # the section of the nearest later block read …
    taking = False  # … when no other section stands between it and this block
    for block, section, role in reversed(placed):
        if block.kind == "table":
            continue  # a table neither takes nor gives the year
        if role == "results" or (taking and section == taker):
            needed.add(block.index)
            taker, taking = section, True
        else:
            taking = False
    return needed


def _undated(ctx: Context) -> Finding:
    """Said beside the form family's finding on the date line: what the missing date costs."""
    header = ctx.document.header
    place = header.place if header.place and any(c.isalpha() for c in header.place) else "Yên Bái"
    deadline = _end_words(ctx.schema.submission.end)
    return UNDATED_REPORT.finding(
        L(f"Không đọc được ngày ký báo cáo, nên chưa kiểm tra được báo cáo có gửi đúng hạn ({deadline.vi}) không.",
          f"The report's date cannot be read, so whether it meets the deadline ({deadline.en}) cannot be checked."),
        hint=L(f"Ghi ngày ký vào dòng địa danh, ngày tháng năm ở góc trên bên phải, dưới tiêu đề, "
               f"ví dụ «{place}, ngày 05 tháng 7 năm 2022».",
               f"Write the date of signing in the place and date line at the top right, under the banner, "
               f"e.g. «{place}, ngày 05 tháng 7 năm 2022»."),
        location=Location(part="header"),
        excerpt=header.place_date,
    )


def _late(date: dt.date, place_date: str | None, submission: DateRange) -> Finding:
    days = (date - submission.end).days
    return LATE_REPORT.finding(
        L(f"Báo cáo ký ngày {_day_vi(date)}, chậm {days} ngày so với hạn gửi "
          f"({_end_words(submission.end).vi}).",
          f"The report is dated {_day_en(date)}, {days} days after the deadline "
          f"({_end_words(submission.end).en})."),
        hint=L("Kiểm tra lại ngày ký; nếu báo cáo gửi muộn, nêu lý do với cơ quan yêu cầu báo cáo.",
               "Check the date of signing; if the report is late, tell the requesting body why."),
        location=Location(part="header"),
        excerpt=place_date,
    )


def _mismatches(
    ctx: Context, period: DateRange, announced: set[tuple[int, int]], read: _Reader,
) -> Iterator[Finding]:
    """Another period in the title or in the opening paragraphs ("sơ kết 5 năm (2017 – 2022)")."""
    wanted = period_words(period)
    title = ctx.document.header.title
    if title:
        for found in find_temporal(title):
            if found.citation or found.kind == "term" or found.start is None or _same_period(found, period):
                continue
            yield _mismatch(found, _quote(title, found.start_offset, found.end_offset),
                            _title_location(ctx, title), wanted)
    for block in _opening(ctx):
        for found in read(block.text):
            if found.citation or found.kind not in ("range", "open-range") or _same_period(found, period):
                continue
            announced.add((block.index, found.start_offset))
            yield _mismatch(found, _quote(block.text, found.start_offset, found.end_offset),
                            block.location(), wanted)


def _mismatch(found: Temporal, quoted: str, location: Location, wanted: Localized) -> Finding:
    return PERIOD_MISMATCH.finding(
        L(f"Báo cáo nêu kỳ báo cáo «{found.text}», khác với kỳ công văn yêu cầu ({wanted.vi}).",
          f"The report announces the period «{found.text}», not the one the letter asks for ({wanted.en})."),
        hint=L(f"Sửa lại cho đúng kỳ báo cáo {wanted.vi} và kiểm tra số liệu theo kỳ đó.",
               f"Correct it to the reporting period {wanted.en} and check the figures against it."),
        location=location,
        excerpt=quoted,
    )


def _title_location(ctx: Context, title: str) -> Location:
    for block in ctx.document.blocks:
        if block.part == "header" and block.text and title in block.text:
            return block.location()
    return Location(part="header")


def _opening(ctx: Context) -> list[Block]:
    """The paragraphs before the first heading of the body that belong to no schema section:
    where a report states what it reviews ("Chi bộ báo cáo kết quả 5 năm (2016 - 2021)")."""
    in_sections = {index for result in ctx.sections for index in result.blocks}
    opening = []
    for block in ctx.document.blocks:
        if block.part != "body":
            continue
        if block.kind == "heading" or block.index in in_sections or len(opening) == _OPENING_PARAGRAPHS:
            break
        if block.kind == "paragraph":
            opening.append(block)
    return opening


def _prose(
    block: Block, expressions: list[Temporal], section: str | None, period: DateRange,
    report_date: dt.date | None, announced: set[tuple[int, int]],
) -> Iterator[Finding]:
    for found in expressions:
        if found.citation or not found.resolved or (block.index, found.start_offset) in announced:
            continue
        future = _is_future(found, report_date)
        outside = None if future or found.kind == "term" else _outside(found, period)
        if not (found.open_end or future or outside):
            continue  # most expressions are in the period: nothing to quote
        quoted = _quote(block.text, found.start_offset, found.end_offset)
        where = dict(section=section, location=block.location(), excerpt=quoted)
        if found.open_end:
            yield _open_ended(found, period, where)
        if future:
            yield _future(found, report_date, where)
        elif outside is not None:  # a "nhiệm kỳ 2020-2025" term dates no figure
            yield _out_of_period(found, outside, period, where)


def _open_ended(found: Temporal, period: DateRange, where: dict) -> Finding:
    end = _end_words(period.end)
    tail = _OPEN_TAIL.search(found.text)
    words = tail.group(0) if tail else found.text  # "đến nay" of "Từ năm 2016 đến nay"
    return OPEN_ENDED_PERIOD.finding(
        L(f"«{found.text}» không nói rõ đến thời điểm nào; kỳ báo cáo chỉ tính đến {end.vi}.",
          f"«{found.text}» gives no end; the reporting period runs only to {end.en}."),
        hint=L(f"Thay «{words}» bằng mốc cụ thể, ví dụ «đến {end.vi}», và chỉ giữ số liệu trong kỳ "
               f"({period_words(period).vi}).",
               f"Replace «{words}» with a stated end such as «đến {end.vi}» (to {end.en}) and keep only figures "
               f"of the period ({period_words(period).en})."),
        **where,
    )


def _future(found: Temporal, report_date: dt.date, where: dict) -> Finding:
    return FUTURE_DATE.finding(
        L(f"«{found.text}» là thời điểm sau ngày ký báo cáo ({_day_vi(report_date)}), "
          f"nên chưa thể có số liệu.",
          f"«{found.text}» is later than the date of the report ({_day_en(report_date)}), "
          f"so no figures can exist for it yet."),
        hint=L("Kiểm tra lại thời gian đã ghi hoặc ngày ký báo cáo; nếu đây là việc dự kiến làm, "
               "chuyển sang phần phương hướng, nhiệm vụ.",
               "Check the date written or the date of the report; if this is planned work, "
               "move it to the section on plans and tasks."),
        **where,
    )


def _out_of_period(found: Temporal, outside: _Outside, period: DateRange, where: dict) -> Finding:
    words = period_words(period)
    parts = [part for part in (outside.before, outside.after) if part is not None]
    part_vi = " và ".join(p.vi for p in parts)
    part_en = " and ".join(p.en for p in parts)
    if outside.whole:
        message = L(f"«{found.text}» nằm ngoài kỳ báo cáo ({words.vi}).",
                    f"«{found.text}» is outside the reporting period ({words.en}).")
    else:
        message = L(f"«{found.text}» vượt ra ngoài kỳ báo cáo ({words.vi}): phần {part_vi} nằm ngoài kỳ.",
                    f"«{found.text}» reaches outside the reporting period ({words.en}): "
                    f"{part_en} lies outside it.")
    if outside.after is not None:
        hint = L(f"Chỉ báo cáo số liệu {words.vi}; chuyển số liệu {part_vi} sang phần phương hướng "
                 f"hoặc bỏ đi.",
                 f"Report only figures {words.en}; move the figures for {part_en} to the plans "
                 f"section or remove them.")
    else:
        hint = L(f"Chỉ báo cáo số liệu {words.vi}; bỏ số liệu {part_vi}, hoặc ghi rõ đó là mốc "
                 f"để so sánh.",
                 f"Report only figures {words.en}; remove the figures for {part_en}, or say that "
                 f"they are a baseline for comparison.")
    return OUT_OF_PERIOD.finding(message, hint=hint, **where)


def _table(block: Block, section: str | None, period: DateRange) -> Iterator[Finding]:
    """A column or row headed by a year or period outside the reporting period, once per table."""
    rows = block.rows or []
    if not rows:
        return
    headings = [*rows[0], *(row[0] for row in rows[1:] if row)]
    outside = []
    for cell in headings:
        for found in find_temporal(cell, bare_years=True):
            if not found.citation and found.resolved and found.kind != "term" and _outside(found, period):
                outside.append(found.text)
    if not outside:
        return
    listed = ", ".join(f"«{text}»" for text in outside)
    words = period_words(period)
    yield OUT_OF_PERIOD.finding(
        L(f"Bảng có cột hoặc hàng {listed} nằm ngoài kỳ báo cáo ({words.vi}).",
          f"The table has a column or row {listed} outside the reporting period ({words.en})."),
        hint=L(f"Chỉ giữ các cột, hàng số liệu {words.vi}; bỏ các cột, hàng ngoài kỳ, hoặc chuyển "
               f"chỉ tiêu của các năm sau sang phần phương hướng.",
               f"Keep only columns and rows {words.en}; remove the others, or move targets for "
               f"later years to the plans section."),
        section=section,
        location=block.location(),
        excerpt=" | ".join(outside),
    )
