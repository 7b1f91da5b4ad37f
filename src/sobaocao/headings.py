"""Which body paragraphs are headings, at which level, and under which headings each block sits.

Works on ``Block``s only (no OOXML), so any source of blocks gets the same outline. A
paragraph is a heading when Word says so (a heading style or an outline level), when it opens
with a section label ("Phần thứ nhất", "PHẦN I", "I.", "1.", "1.1.", "a)", "đ)") and reads
like a title, or when it is a short line set whole in bold or capitals. Lines opening with
"-", "+" or a bullet are list items, headings only when bold and short.

Levels follow the document's own hierarchy, the way a person reads it: the first kind of label
met is level 1, a new kind met under it is one level deeper, and a kind met before returns to
the level it had ("1.1." is a kind of its own, deeper than "1." when "1." came first). "Phần"
labels always open the top level. A heading without a label is placed the same way by its
look (capitals, bold, italic): in a report without numbers, "CAPITALS BOLD" over "Bold" over
"Bold italic" gives three levels. The title line right under a bare "PHẦN THỨ NHẤT" sits one
level below it without taking a level of its own, so the "I." after it is still level 2.
"""

from __future__ import annotations

import functools

import regex

from .document import Block
from .vietnamese.labels import ManualLabel, split_label
from .vietnamese.text import DASHES

HEADING_MAX_WORDS = 25  # a plain numbered line ("1. Công tác …") is a heading up to this length
# Set whole in bold or capitals, or numbered "Phần"/Roman, a title may run longer: reports copy
# long items of the request letter as headings.
EMPHASISED_MAX_WORDS = 40
_SENTENCE_END = (".", ";", ",", "!", "?", "…")
_PLAIN_SENTENCE_END = (*_SENTENCE_END, ":")
LIST_KINDS = frozenset({"dash", "plus", "bullet"})  # list marks, not section labels
_NUMBERED_KINDS = frozenset({"roman", "decimal", "letter"})
_TOC_STYLE = regex.compile(r"^(?:toc|mục lục)\s*\d", regex.IGNORECASE)
# "heading 1" (the built-in name Word writes in any UI language), "Heading 1", "Tiêu đề 1".
_HEADING_STYLE = regex.compile(r"^(?:heading|tiêu đề)\s*([1-9])$", regex.IGNORECASE)
_LABEL_PUNCTUATION = "().: -" + DASHES

SECTION_KINDS = frozenset({"part", "roman", "decimal", "letter"})
ALL_KINDS = SECTION_KINDS | LIST_KINDS

Kind = tuple
# Labels already split, by text: the reader splits a text up to three times (section labels,
# then all labels, then the label's kind), so one document's passes share what they found.
Splits = dict[str, ManualLabel | None]


def _split_label(text: str, splits: Splits | None) -> ManualLabel | None:
    if splits is None:
        return split_label(text)
    if text not in splits:
        splits[text] = split_label(text)
    return splits[text]


def extract_manual_label(block: Block, kinds: frozenset[str] = ALL_KINDS, splits: Splits | None = None) -> None:
    """Move a typed label of one of ``kinds`` ("I.", "1.1.", "a)", "-") from the text into
    ``block.label``. Paragraphs of layout tables and text boxes keep their text: they are form
    lines (issuer, signature, Nơi nhận), not numbered content."""
    if block.label or block.kind == "table" or block.in_table or block.in_textbox:
        return
    found = _split_label(block.text, splits)
    if found is None or found.kind not in kinds:
        return
    block.label = found.label
    block.text = found.rest
    block.label_source = "manual"


def label_kind(block: Block, splits: Splits | None = None) -> Kind | None:
    """What makes a label a level of its own: its kind, depth, case and closing mark, so "1.1."
    differs from "1.", "a)" from "A." and "1)" from "1."; ("part",) for every "Phần" label."""
    if not block.label:
        return None
    found = _split_label(block.display if block.text else f"{block.label} x", splits)
    if found is None:
        return ("other", block.label.rstrip(_LABEL_PUNCTUATION) == block.label)
    if found.kind == "part":
        return ("part",)
    label = found.label.strip()
    return (found.kind, found.depth or 1, label[:1].isupper(), label[-1:] if not label[-1:].isalnum() else "")


def style_level(block: Block) -> int | None:
    """1-based heading level Word gives the paragraph (outline level or heading style name)."""
    if block.outline_level is not None and 0 <= block.outline_level < 9:
        return block.outline_level + 1
    return heading_style_level(block.style)


@functools.lru_cache(maxsize=1024)  # a document has a few style names, asked on every paragraph
def heading_style_level(style_name: str | None) -> int | None:
    """The level a heading style's name gives ("Heading 2", "Tiêu đề 2" → 2), else None."""
    match = _HEADING_STYLE.match(style_name or "")
    return int(match.group(1)) if match else None


def is_heading(block: Block, kind: Kind | None) -> bool:
    """Whether a body paragraph reads as a heading (see the module docstring)."""
    if block.kind == "table" or block.in_table or block.in_textbox:
        return False
    if _is_toc_style(block.style):
        return False
    if style_level(block) is not None:
        return bool(block.text or block.label)
    text = block.text
    emphasised = block.bold or block.caps
    if kind is None:
        return (
            emphasised
            and 0 < _words(text) <= EMPHASISED_MAX_WORDS
            and not text.endswith(_PLAIN_SENTENCE_END)
            and any(ch.isalpha() for ch in text)
        )
    name = kind[0]
    if name in ("part", "roman"):
        return _words(text) <= EMPHASISED_MAX_WORDS
    if name in LIST_KINDS:
        return block.bold and 0 < _words(text) <= HEADING_MAX_WORDS and not text.endswith(_SENTENCE_END)
    if emphasised:
        return _words(text) <= EMPHASISED_MAX_WORDS
    return not text.endswith(_SENTENCE_END) and _words(text) <= HEADING_MAX_WORDS


def _words(text: str) -> int:
    """The words of a text, counted up to one past the longest limit: a long paragraph is not
    split whole. Counted only where a rule needs them: most paragraphs are decided without."""
    return len(text.split(maxsplit=EMPHASISED_MAX_WORDS))


@functools.lru_cache(maxsize=1024)
def _is_toc_style(style_name: str | None) -> bool:
    return _TOC_STYLE.match(style_name or "") is not None


def path_label(block: Block, kind: Kind | None) -> str:
    """A heading's part of a numbering path: "II." → "II", "1.1." → "1.1", "a)" → "a"."""
    if kind is None or kind[0] not in _NUMBERED_KINDS:
        return ""
    return block.label.strip(_LABEL_PUNCTUATION)


def numbering_path(labels: list[str]) -> str:
    """Join the path labels of the open headings: ["II", "1", "a"] → "II.1.a".

    A label that repeats its parents' numbers ("1.2" under "1") replaces them: "I.1.2".
    """
    kept: list[str] = []
    for label in labels:
        if not label:
            continue
        while kept and "." in label and label.startswith(kept[-1] + "."):
            kept.pop()
        kept.append(label)
    return ".".join(kept)


class _Hierarchy:
    """The kinds of labels open from the top, as the reader has met them so far."""

    def __init__(self) -> None:
        self.kinds: list[Kind] = []

    def level(self, kind: Kind) -> int:
        if kind == ("part",) and kind not in self.kinds:
            self.kinds = [kind]
            return 1
        if kind in self.kinds:
            position = self.kinds.index(kind)
            del self.kinds[position + 1 :]
            return position + 1
        self.kinds.append(kind)
        return len(self.kinds)


def annotate_headings(blocks: list[Block], splits: Splits | None = None) -> list[Block]:
    """Set label, kind, level, ``numbering_path`` and ``heading_path`` on the body blocks.

    Blocks of the header and the closing are left as they are: a heading is only ever in the
    body. The blocks are updated in place (they are fresh from the reader) and returned.
    """
    hierarchy = _Hierarchy()
    open_headings: list[tuple[Block | None, str]] = []  # (heading, its path label) by level
    previous: Block | None = None
    paths: tuple[str, list[str]] | None = None
    for block in blocks:
        if block.part != "body":
            continue
        extract_manual_label(block, splits=splits)
        kind = label_kind(block, splits)
        if kind is None:
            level = style_level(block)
            kind = ("style", level) if level is not None else None
        if block.kind != "table" and is_heading(block, kind):
            if kind is None and previous is not None and previous.kind == "heading" and not previous.text:
                # The title line under a bare "PHẦN THỨ NHẤT": one level below it, and the
                # labels that follow keep the levels they would have without it.
                level = previous.level + 1
            else:
                level = hierarchy.level(kind if kind is not None else ("look", block.caps, block.bold, block.italic))
            block.kind = "heading"
            block.level = level
            del open_headings[level - 1 :]
            while len(open_headings) < level - 1:
                open_headings.append((None, ""))
            open_headings.append((block, path_label(block, kind)))
            paths = None
        if paths is None:  # the headings open changed: their paths once for the blocks under them
            paths = (
                numbering_path([label for _, label in open_headings]),
                [heading.display for heading, _ in open_headings if heading is not None],
            )
        if block.numbering_path != paths[0]:
            block.numbering_path = paths[0]
        if block.heading_path != paths[1]:
            block.heading_path = list(paths[1])
        previous = block
    return blocks
