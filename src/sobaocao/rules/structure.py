"""Structure rules: does the report contain what the request letter asked for, in its order?

They read the section map built by ``sobaocao.match`` and never look at the text again. A
missing or empty section is reported once: its items are not reported on top of it. Every
finding says where to add the missing part in the report's own terms ("sau phần «II. KẾT QUẢ…»").
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Location
from ..finding import Finding, SectionResult, Severity
from ..i18n import L, Localized
from ..schema import Schema, Section
from .base import Context, Rule, shorten

MISSING_SECTION = Rule(
    "missing-section",
    Severity.error,
    L("Thiếu một phần mà công văn yêu cầu báo cáo", "A section the request letter asks for is missing"),
)
MISSING_ITEM = Rule(
    "missing-item",
    Severity.warning,
    L(
        "Một nội dung cụ thể mà công văn yêu cầu không thấy trong báo cáo",
        "A specific item the request letter asks for is not covered",
    ),
)
EMPTY_SECTION = Rule(
    "empty-section",
    Severity.warning,
    L("Có tiêu đề mục nhưng không có nội dung (hoặc chỉ ghi “Không có”)", "A heading without content (or only “Không có”)"),
)
SECTION_ORDER = Rule(
    "section-order",
    Severity.warning,
    L("Các phần của báo cáo không theo thứ tự của công văn", "Sections are not in the order of the request letter"),
)
WRONG_SCHEMA = Rule(
    "wrong-schema",
    Severity.warning,
    L(
        "Báo cáo có vẻ không phải là báo cáo trả lời công văn đã chọn",
        "The report does not look like an answer to the chosen request letter",
    ),
)

RULES = (MISSING_SECTION, MISSING_ITEM, EMPTY_SECTION, SECTION_ORDER, WRONG_SCHEMA)

SHOWN_CHARS = 80  # a report heading quoted in a message is cut to this length
_HEADED = ("present", "empty")
_SILENT = ("missing", "empty", "not-applicable")


def check(ctx: Context) -> Iterator[Finding]:
    schema = ctx.schema
    if schema is None or not ctx.sections:
        return
    if not ctx.schema_fits:
        yield _wrong_schema(ctx, schema)
    results = {r.id: r for r in ctx.sections}
    parents = schema.parents()
    silenced: set[str] = set()  # sections whose items are covered by a finding on the section
    sections = list(schema.walk())  # the letter's order, walked once for both passes
    for section in sections:
        parent = parents.get(section.id)
        result = results.get(section.id)
        if result is None or (parent is not None and parent.id in silenced):
            silenced.add(section.id)
            continue
        if result.status in _SILENT:
            silenced.add(section.id)
        if not result.required:
            continue
        if result.status == "missing":
            yield _missing(schema, section, parent, results)
        elif result.status == "empty":
            yield _empty(schema, section, result)
    yield from _order(sections, results, parents)


def _missing(schema: Schema, section: Section, parent: Section | None, results: dict[str, SectionResult]) -> Finding:
    anchor, after = _place(schema, section, parent, results)
    letter = schema.source.number
    within = results.get(parent.id) if parent else None
    guidance = _asked(section) + "."
    if parent is not None and not section.sections:
        inside_vi = f"trong mục «{_shown(within)}»" if within and within.status in _HEADED else f"trong phần «{parent.title}»"
        inside_en = f"in section '{_shown(within)}'" if within and within.status in _HEADED else f"in the part on '{parent.title}'"
        rule = MISSING_ITEM
        message = L(
            f"Báo cáo chưa nói đến nội dung «{section.title}» (mục {section.id} của Công văn {letter}).",
            f"The report does not cover '{section.title}' (item {section.id} of letter {letter}).",
        )
        hint = L(
            f"Thêm một đoạn hoặc một tiểu mục về nội dung này {inside_vi}{_then(after.vi)}. Công văn yêu cầu: {guidance}",
            f"Add a paragraph or a subsection on it {inside_en}{_then(after.en)}. The letter asks for: {guidance}",
        )
    else:
        rule = MISSING_SECTION
        message = L(
            f"Báo cáo thiếu phần «{section.title}» (mục {section.id} của Công văn {letter}).",
            f"The report lacks the section '{section.title}' (section {section.id} of letter {letter}).",
        )
        hint = L(
            f"Bổ sung phần này {after.vi or 'vào nội dung báo cáo'}. Công văn yêu cầu: {guidance}",
            f"Add this section {after.en or 'to the body of the report'}. The letter asks for: {guidance}",
        )
    return rule.finding(
        message,
        hint=hint,
        section=section.id,
        location=anchor.location if anchor else None,
        excerpt=_quote(anchor),
        severity=section.severity,
    )


def _place(
    schema: Schema, section: Section, parent: Section | None, results: dict[str, SectionResult]
) -> tuple[SectionResult | None, Localized]:
    """Where a missing section belongs, in the report's terms: after the part that answers the
    previous section of the letter, else before the next one, else at the top of its parent."""
    siblings = parent.sections if parent else schema.sections
    k = next(n for n, s in enumerate(siblings) if s.id == section.id)
    for earlier in reversed(siblings[:k]):
        found = results.get(earlier.id)
        if found and found.status in _HEADED:
            return found, L(f"ngay sau phần «{_shown(found)}»", f"right after '{_shown(found)}'")
        if found and found.status == "mentioned":
            return found, L(f"ngay sau đoạn «{_shown(found)}»", f"right after the paragraph '{_shown(found)}'")
    for later in siblings[k + 1 :]:
        found = results.get(later.id)
        if found and found.status in _HEADED + ("mentioned",):
            return found, L(f"ngay trước «{_shown(found)}»", f"right before '{_shown(found)}'")
    above = results.get(parent.id) if parent else None
    if above and above.status in _HEADED:
        return above, L(f"ngay dưới tiêu đề «{_shown(above)}»", f"right under the heading '{_shown(above)}'")
    return None, L("", "")


def _empty(schema: Schema, section: Section, result: SectionResult) -> Finding:
    return EMPTY_SECTION.finding(
        L(
            f"Mục «{_shown(result)}» không có nội dung: chỉ có tiêu đề hoặc chỉ ghi «Không có» (mục {section.id} "
            f"của Công văn {schema.source.number}).",
            f"Section '{_shown(result)}' has no content, only its heading or just «Không có» (section {section.id} "
            f"of letter {schema.source.number}).",
        ),
        hint=L(
            f"Viết nội dung cho mục này: {_asked(section)}. Nếu đơn vị thật sự không có gì để "
            "báo cáo, ghi rõ lý do thay vì «Không có».",
            f"Write this section: {_asked(section)}. If the unit truly has nothing to report, "
            "say why instead of writing «Không có».",
        ),
        section=section.id,
        location=result.location,
        excerpt=result.heading,
        severity=section.severity,
    )


def _order(sections: list[Section], results: dict[str, SectionResult], parents: dict[str, Section]) -> Iterator[Finding]:
    """A heading placed before one that answers an earlier section of the letter (not its own
    ancestor); a part moved as a whole is reported once, not once per item inside it.
    ``sections``: every section of the letter, in its order."""
    headed = []  # (section, result, block of its heading), in the letter's order
    for section in sections:
        if section.id in results and (block := _block(results[section.id])) is not None:
            headed.append((section, results[section.id], block))
    reported: set[str] = set()
    for n, (section, result, block) in enumerate(headed):
        ancestors = _ancestor_ids(parents, section.id)
        if ancestors & reported:
            reported.add(section.id)
            continue
        later = next(((s, r) for s, r, b in headed[:n] if b > block and s.id not in ancestors), None)
        if later is None:
            continue
        reported.add(section.id)
        earlier_section, earlier_result = later
        yield SECTION_ORDER.finding(
            L(
                f"Phần «{_shown(result)}» (mục {section.id} của công văn) đang đứng trước phần "
                f"«{_shown(earlier_result)}» (mục {earlier_section.id}); công văn yêu cầu mục {section.id} đứng sau.",
                f"'{_shown(result)}' (section {section.id} of the letter) comes before "
                f"'{_shown(earlier_result)}' (section {earlier_section.id}); the letter puts {section.id} after it.",
            ),
            hint=L(
                f"Chuyển phần «{_shown(result)}» cùng nội dung của nó xuống sau phần «{_shown(earlier_result)}», "
                "theo đúng thứ tự các mục của công văn.",
                f"Move '{_shown(result)}' with its content after '{_shown(earlier_result)}', "
                "following the order of the letter.",
            ),
            section=section.id,
            location=result.location,
            excerpt=result.heading,
        )


def _wrong_schema(ctx: Context, schema: Schema) -> Finding:
    title = ctx.document.header.title
    expected = ", ".join([*schema.identify.citations, *schema.identify.keywords]) or schema.title
    return WRONG_SCHEMA.finding(
        L(
            f"Báo cáo này có vẻ không phải là báo cáo trả lời Công văn {schema.source.number} ({schema.title}): "
            f"tiêu đề và đoạn mở đầu không nhắc rõ đến công văn (chẳng hạn: {expected}).",
            f"This report does not look like an answer to letter {schema.source.number} ({schema.title}): its "
            f"title and opening do not clearly refer to it (e.g. {expected}).",
        ),
        hint=L(
            "Kiểm tra lại báo cáo có đúng là trả lời công văn này không. Nếu báo cáo theo một văn bản khác, "
            "hãy chọn schema phù hợp bằng --schema; nếu đúng, hãy nêu rõ công văn trong tiêu đề hoặc phần mở đầu.",
            "Check that the report answers this letter. If it answers another one, choose the matching schema "
            "with --schema; if it does, name the letter in the title or the opening paragraph.",
        ),
        location=Location(part="header") if title else None,
        excerpt=title,
    )


def _then(place: str) -> str:
    return f", {place}" if place else ""


def _asked(section: Section) -> str:
    """What the letter asks for in this section, without a closing full stop."""
    return (section.guidance or section.title).rstrip(". ")


def _ancestor_ids(parents: dict[str, Section], section_id: str) -> set[str]:
    found = set()
    parent = parents.get(section_id)
    while parent is not None:
        found.add(parent.id)
        parent = parents.get(parent.id)
    return found


def _block(result: SectionResult) -> int | None:
    if result.status not in _HEADED or result.location is None:
        return None
    return result.location.block


def _shown(result: SectionResult | None) -> str:
    return shorten((result.heading or result.excerpt or "") if result else "", SHOWN_CHARS)


def _quote(result: SectionResult | None) -> str | None:
    return (result.heading or result.excerpt) if result else None
