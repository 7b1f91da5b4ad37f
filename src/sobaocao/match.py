"""Which part of the report answers which section of the request letter.

Reports rarely copy the letter's headings: "1.2. Kết quả 5 năm…" becomes "II. KẾT QUẢ THỰC HIỆN
CHỈ THỊ", a "Phần thứ hai", or a bold line without a number; items the letter lists with "+" are
often one paragraph each ("- Về ứng dụng công nghệ thông tin, …"). Matching therefore works on
folded text (no case, diacritics, tone placement or punctuation) and ignores numbering, in three
steps:

1. Headings. Every schema section is scored against every body heading (rapidfuzz: whole,
   token-sorted, and partial/token-set similarity penalised by the length difference, so a short
   alias does not claim a long heading). A monotone alignment (dynamic programming over both
   sequences) picks the best set of pairs in order, so a heading that resembles a later section
   cannot steal an earlier one. A second alignment, with a stricter threshold, finds sections
   the report placed out of order; the ``section-order`` rule reports them.
   Bold or capital lines the reader kept as paragraphs (too long for its heading rule) take
   part as sub-headings.
2. Content. A heading's section owns the blocks up to the next heading of the same or a higher
   level, stretched over its matched items when the report gives every heading one level. A
   section whose heading has no real content ("Không có") is ``empty``.
3. Evidence. A section without a heading of its own is looked for in the paragraphs of its
   nearest matched ancestor that no matched subsection owns: a paragraph whose opening words
   ("- Ưu điểm: …") resemble the section's title (with the plain paragraphs that follow it), or
   that contains its evidence terms. Sibling items compete for a paragraph, so a paragraph about
   equipment that says "bảng tin" once does not also count as the item about cultural
   institutions. A section is answered when one of its items is.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz

from .document import Block, Document
from .finding import SectionResult, SectionStatus
from .schema import Schema, Section
from .vietnamese.labels import split_label
from .vietnamese.text import DASHES, fold

HEADING_THRESHOLD = 75.0  # similarity (0-100) for a heading to answer a section
OUT_OF_ORDER_THRESHOLD = 88.0  # stricter, for a heading found outside the letter's order
DEPTH_BONUS = 5.0  # a heading at the section's depth in the report's hierarchy is preferred
LENGTH_PENALTY = 35.0  # partial matches lose up to this much as lengths diverge
LEAD_IN_CHARS = 160  # a paragraph's opening words, up to a colon within this many characters
FITS_SCORE = 3  # identify score from which a report is taken as an answer to the letter
OPENING_BLOCKS = 6  # the report's first paragraphs, read for identification
EXCERPT_CHARS = 160
PSEUDO_HEADING_CHARS = 300  # a bold paragraph up to this long may be a heading the reader missed
KEPT_CHARS = 200  # headings and opening words up to this long have their keys and scores kept (10 MB at most)

_ANSWERED = ("present", "mentioned")
_BULLETS = frozenset({"-", "+", "•", "*", "–", "—", "·", "▪", "■", "◦"})
_LIST_MARKS = "".join(_BULLETS) + DASHES + " \t"  # stripped before a paragraph's opening words

# Answers that say there is nothing to report.
_NOTHING = frozenset({"khong", "khong co", "khong co gi", "khong co noi dung", "khong phat sinh", "chua co"})
_NOTHING_WORDS = max(len(answer.split()) for answer in _NOTHING)
_OPENING_CHARS = 40  # enough to hold more words than any of them, short enough to fold quickly


class _Folded(NamedTuple):
    """A folded text with what the scorers read of it, computed once instead of per comparison:
    its words, and its words in sorted order (whose plain ratio is rapidfuzz's token_sort_ratio)."""

    text: str
    words: frozenset[str]
    sorted_words: str


def _folded(text: str) -> _Folded:
    """``text``, already folded: folding leaves only word characters and single spaces, so
    ``str.split`` cuts it into the same words as rapidfuzz's token scorers."""
    words = text.split()
    return _Folded(text, frozenset(words), " ".join(sorted(words)))


class _Node(NamedTuple):
    """A schema section in the letter's order, with what matching compares."""

    section: Section
    depth: int
    parent: int | None
    phrases: tuple[_Folded, ...]  # folded title and aliases
    terms: tuple[str, ...]
    children: tuple[int, ...] = ()
    words: frozenset[str] = frozenset()  # every word of its title and aliases
    descendants: tuple[int, ...] = ()  # its items and theirs, in the letter's order


@dataclass
class _Found:
    status: SectionStatus
    block: Block | None = None  # the heading, or the first block that showed the evidence
    blocks: list[int] = field(default_factory=list)
    score: float = 0.0


def match_sections(document: Document, schema: Schema) -> list[SectionResult]:
    """One result per schema section, in the letter's order: how the report answers it."""
    nodes = _nodes(schema)
    body = _outline(document)
    headings = [b for b in body if b.kind == "heading"]
    keys = [_heading_key(h.text) for h in headings]
    top_level = min((h.level or 1 for h in headings), default=1)
    scores = _heading_scores(nodes, keys, headings, top_level)

    pairs = _align(scores, range(len(nodes)), range(len(headings)), HEADING_THRESHOLD)
    rest_nodes = [i for i in range(len(nodes)) if i not in pairs]
    used = set(pairs.values())
    pairs |= _align(scores, rest_nodes, [j for j in range(len(headings)) if j not in used], OUT_OF_ORDER_THRESHOLD)

    position = {b.index: k for k, b in enumerate(body)}  # where each block is in the body
    spans: dict[int, list[int]] = {}
    for i in sorted(pairs, reverse=True):  # items before their sections, which may grow over them
        inner = [spans[d] for d in nodes[i].descendants if d in spans]
        spans[i] = _span(body, position[headings[pairs[i]].index], inner)
    found: dict[int, _Found] = {}
    real: dict[int, bool] = {}  # a section's blocks are also its ancestors': each is judged once
    for i, j in pairs.items():
        span_blocks = [body[position[k]] for k in spans[i]]
        status: SectionStatus = "present" if _has_content(span_blocks, real) else "empty"
        found[i] = _Found(status, headings[j], spans[i], round(min(scores[i][j], 100.0) / 100, 3))

    _find_by_evidence(nodes, body, found)
    applicable = _applicability(nodes, schema, document)
    return [_result(node, found.get(i), applicable[i]) for i, node in enumerate(nodes)]


def _outline(document: Document) -> list[Block]:
    """The body blocks, with bold or capital lines the reader kept as paragraphs read as sub-headings.

    The reader calls a bold line a heading only when it is short; a letter's long section title
    copied as a bold line ("Kết quả thực hiện các nhiệm vụ nêu trong Chỉ thị … gắn với Quyết định
    số 52/2016/QĐ-TTg …") is still the report's heading for it. Such a line becomes a heading one
    level below the heading before it; it only counts if it matches a section like any heading.
    """
    outline: list[Block] = []
    level = 0
    for block in document.blocks:
        if block.part != "body":
            continue
        if block.kind == "heading":
            level = block.level or 1
        elif _looks_like_heading(block):
            block = block.model_copy(update={"kind": "heading", "level": level + 1})
        outline.append(block)
    return outline


def _looks_like_heading(block: Block) -> bool:
    text = block.text.rstrip()
    return (
        block.kind == "paragraph"
        and (block.bold or block.caps)
        and block.label.strip() not in _BULLETS
        and 0 < len(text) <= PSEUDO_HEADING_CHARS
        and not text.endswith((".", ";"))
    )


def schema_fits(document: Document, schema: Schema) -> bool:
    """Does the report look like an answer to this letter (its title, opening and citations)?

    Its ``identify_score`` reaches ``FITS_SCORE``: ``answered_schema`` with it alone, which reads
    the opening (a few long paragraphs, most of the cost of folding) only when the title does not
    decide.
    """
    return answered_schema(document, [schema]) is not None


def identify_score(document: Document, schema: Schema) -> int:
    """How strongly the report's title and opening point at the letter.

    A citation (a document symbol such as "07-CT/TW") weighs 2, a keyword 1, each counted once
    and doubled when it is in the title; ``FITS_SCORE`` or more means the report answers it.
    """
    return _score(_schema_keys(schema), _folded_title(document), _folded_opening(document))


def answered_schema(document: Document, schemas: list[Schema]) -> Schema | None:
    """The schema the report answers: the only one whose identify score reaches ``FITS_SCORE``,
    or the one scoring strictly highest among those that do; None when none fits or two tie.

    The title is read first. When it decides alone which schemas fit (each reaches
    ``FITS_SCORE`` by its title, or could not even with all its other keys in the opening) and
    at most one does, the opening (most of the cost of folding) is not read.
    """
    keys = [_schema_keys(schema) for schema in schemas]
    title = _folded_title(document)
    by_title = [_score(k, title, "") for k in keys]
    at_most = [sum(2 * weight if key in title else weight for key, weight in k) for k in keys]
    fit_by_title = [schema for schema, score in zip(schemas, by_title) if score >= FITS_SCORE]
    if len(fit_by_title) <= 1 and all(low >= FITS_SCORE or high < FITS_SCORE for low, high in zip(by_title, at_most)):
        return fit_by_title[0] if fit_by_title else None
    opening = _folded_opening(document)
    scored = [(_score(k, title, opening), schema) for k, schema in zip(keys, schemas)]
    fitting = sorted((pair for pair in scored if pair[0] >= FITS_SCORE), key=lambda pair: -pair[0])
    if len(fitting) == 1 or (len(fitting) > 1 and fitting[0][0] > fitting[1][0]):
        return fitting[0][1]
    return None


def _folded_title(document: Document) -> str:
    """The report's title and document type, folded and padded with spaces (see ``_identify_keys``)."""
    return f" {fold(' '.join(filter(None, [document.header.title, document.header.document_type])))} "


def _folded_opening(document: Document) -> str:
    """The report's first paragraphs, folded and padded with spaces (see ``_identify_keys``)."""
    paragraphs = (b for b in document.blocks if b.part == "body" and b.kind == "paragraph")
    return f" {fold(' '.join(b.display for b in itertools.islice(paragraphs, OPENING_BLOCKS)))} "


def _score(keys: tuple[tuple[str, int], ...], title: str, opening: str) -> int:
    score = 0
    for key, weight in keys:
        if key in title:
            score += 2 * weight
        elif key in opening:
            score += weight
    return score


def _schema_keys(schema: Schema) -> tuple[tuple[str, int], ...]:
    return _identify_keys(tuple(schema.identify.citations), tuple(schema.identify.keywords))


@functools.lru_cache(maxsize=256)
def _identify_keys(citations: tuple[str, ...], keywords: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """A schema's citations (weight 2) and keywords (weight 1), folded and padded with spaces
    to be found as whole words; folded once, as a schema is tried on every report."""
    weighted = [(term, 2) for term in citations] + [(term, 1) for term in keywords]
    return tuple((f" {fold(term)} ", weight) for term, weight in weighted)


# --- schema side ---------------------------------------------------------------------------------


def _nodes(schema: Schema) -> list[_Node]:
    """The schema's sections in the letter's order, with what ``_derived`` derives of them."""
    sections: list[Section] = []
    outline: list[tuple[int | None, str, tuple[str, ...], tuple[str, ...]]] = []

    def add(children: list[Section], parent: int | None) -> None:
        for section in children:
            index = len(sections)
            sections.append(section)
            outline.append((parent, section.title, tuple(section.aliases), tuple(section.evidence)))
            add(section.sections, index)

    add(schema.sections, None)
    return [_Node(section, *derived) for section, derived in zip(sections, _derived(tuple(outline)))]


@functools.lru_cache(maxsize=64)
def _derived(outline: tuple[tuple[int | None, str, tuple[str, ...], tuple[str, ...]], ...]) -> tuple[tuple, ...]:
    """What matching compares of each section, from the letter's outline (each section's parent,
    title, aliases and evidence, in order): its depth and parent, folded phrases and terms,
    children, words and descendants. The same schema is matched against every report, so it is
    derived once; the sections themselves are taken from the schema each time."""
    depths: list[int] = []
    children: list[list[int]] = [[] for _ in outline]
    derived = []
    for index, (parent, title, aliases, evidence) in enumerate(outline):
        depths.append(0 if parent is None else depths[parent] + 1)
        if parent is not None:
            children[parent].append(index)
        phrases = tuple(_folded(key) for key in map(fold, [title, *aliases]) if key)
        derived.append((depths[index], parent, phrases, tuple(map(fold, evidence))))
    descendants: list[tuple[int, ...]] = [()] * len(outline)
    for index in reversed(range(len(outline))):  # a section's items come after it
        descendants[index] = tuple(d for child in children[index] for d in (child, *descendants[child]))
    return tuple(
        (*fields, tuple(children[index]), frozenset().union(*(phrase.words for phrase in fields[2])), descendants[index])
        for index, fields in enumerate(derived)
    )


def _ancestors(nodes: list[_Node], i: int):
    parent = nodes[i].parent
    while parent is not None:
        yield parent
        parent = nodes[parent].parent


# --- headings ------------------------------------------------------------------------------------


def _heading_key(text: str) -> _Folded:
    """What a heading is compared by: its text folded, without a label still typed in it
    ("Phần thứ hai", "II.", "1.2.", "a)"). Kept by text, as reports repeat the letter's headings;
    the same key then finds its kept scores (``_best_phrase``) without hashing its text again."""
    return _kept_heading_key(text) if len(text) <= KEPT_CHARS else _fold_heading(text)


def _fold_heading(text: str) -> _Folded:
    label = split_label(text)
    return _folded(fold(label.rest if label and label.kind not in ("dash", "plus", "bullet") else text))


_kept_heading_key = functools.lru_cache(maxsize=1024)(_fold_heading)


def similarity(phrase: str, text: str, floor: float = 0.0) -> float:
    """Similarity (0-100) of two folded strings, tolerant of typos, word order and extra words.

    Partial and token-set matches (one string inside the other) lose up to ``LENGTH_PENALTY`` as
    the lengths diverge, so "phuong huong" matches the heading "phuong huong" fully but the long
    heading of the whole 1.3 section only weakly. Scores below ``floor`` may come back as 0:
    rapidfuzz then stops early, which is most of the matcher's time on long reports.
    """
    return _similarity(_folded(phrase), _folded(text), floor)


def _similarity(phrase: _Folded, text: _Folded, floor: float) -> float:
    """``similarity`` of texts folded beforehand."""
    if not phrase.text or not text.text:
        return 0.0
    best = max(
        fuzz.ratio(phrase.text, text.text, score_cutoff=floor),
        fuzz.ratio(phrase.sorted_words, text.sorted_words, score_cutoff=floor),  # token_sort_ratio
    )
    short, long = (phrase, text) if len(phrase.text) <= len(text.text) else (text, phrase)
    penalty = LENGTH_PENALTY * (1 - len(short.text) / len(long.text))
    if len(short.text) >= 5 and max(floor, best) + penalty < 100:
        cutoff = max(floor, best) + penalty
        if short.words and (short.words <= long.words or long.words <= short.words):
            # rapidfuzz's token_set_ratio is 100 when one side's words are all among the
            # other's, and the partial ratio cannot exceed it.
            best = max(best, 100.0 - penalty)
        else:
            best = max(
                best,
                fuzz.token_set_ratio(short.text, long.text, score_cutoff=cutoff) - penalty,
                fuzz.partial_ratio(short.text, long.text, score_cutoff=cutoff) - penalty,
            )
    return best if best >= floor else 0.0


def _best_phrase(phrases: tuple[_Folded, ...], text: _Folded, floor: float) -> float:
    """The best similarity of a section's title or aliases (``phrases``) with ``text``.

    Kept by the texts compared: the reports answering one letter mostly repeat its headings and
    the same few subheadings ("Ưu điểm", "Hạn chế", "Nguyên nhân"), each then scored once.
    """
    score = _kept_best_phrase if len(text.text) <= KEPT_CHARS else _score_phrases
    return score(phrases, text, floor)


def _score_phrases(phrases: tuple[_Folded, ...], text: _Folded, floor: float) -> float:
    """``_best_phrase``, computed.

    Phrases sharing no word with the text, or too few to reach ``floor`` (a third of the
    shorter side), are skipped before rapidfuzz runs: on a long report almost every pair is such.
    """
    best = 0.0
    for phrase in phrases:
        shared = len(phrase.words & text.words)
        if shared and 3 * shared >= min(len(phrase.words), len(text.words)):
            # Only a phrase beating the best so far counts: rapidfuzz may give up below it.
            best = max(best, _similarity(phrase, text, max(floor, best)))
    return best


_kept_best_phrase = functools.lru_cache(maxsize=2048)(_score_phrases)


def _forget_kept_scores() -> None:
    """Empty what is kept between reports (to time a report never seen before): heading keys and
    scores, and the indexes of the sections a report leaves to be looked for in its paragraphs."""
    _kept_heading_key.cache_clear()
    _kept_best_phrase.cache_clear()
    _kept_heading_matches.cache_clear()
    _kept_phrase_words.cache_clear()
    _terms_by_first_word.cache_clear()


def _heading_scores(nodes: list[_Node], keys: list[_Folded], headings: list[Block], top_level: int) -> list[list[float]]:
    """Every section's score against every heading (``scores[section][heading]``): its best
    phrase's similarity, and ``DEPTH_BONUS`` more for a match at the section's depth."""
    phrase_sets = tuple(node.phrases for node in nodes)
    scores = [[0.0] * len(headings) for _ in nodes]
    for j, (key, heading) in enumerate(zip(keys, headings)):
        depth = (heading.level or 1) - top_level
        for i, best in _heading_matches(phrase_sets, key):
            if best >= HEADING_THRESHOLD - DEPTH_BONUS and depth == nodes[i].depth:
                best += DEPTH_BONUS
            scores[i][j] = best
    return scores


def _heading_matches(phrase_sets: tuple[tuple[_Folded, ...], ...], key: _Folded) -> tuple[tuple[int, float], ...]:
    """The sections (by their ``phrase_sets``) a heading's ``key`` can answer, with their best
    phrase's similarity (``_best_phrase``). Kept by the phrases and the key for headings up to
    ``KEPT_CHARS``: the reports answering one letter mostly repeat its headings, each then scored
    once for all the sections instead of once per report and section."""
    score = _kept_heading_matches if len(key.text) <= KEPT_CHARS else _score_heading
    return score(phrase_sets, key)


def _score_heading(phrase_sets: tuple[tuple[_Folded, ...], ...], key: _Folded) -> tuple[tuple[int, float], ...]:
    """``_heading_matches``, computed."""
    scores = (_score_phrases(phrases, key, HEADING_THRESHOLD - DEPTH_BONUS) for phrases in phrase_sets)
    return tuple((i, best) for i, best in enumerate(scores) if best)


_kept_heading_matches = functools.lru_cache(maxsize=1024)(_score_heading)


def _align(scores: list[list[float]], rows, cols, threshold: float) -> dict[int, int]:
    """The best order-preserving pairing of ``rows`` (sections) with ``cols`` (headings).

    Classic alignment by dynamic programming: maximise the summed score of pairs at or above
    ``threshold`` such that a later section never gets an earlier heading.
    """
    rows, cols = list(rows), list(cols)
    n, m = len(rows), len(cols)
    total = _alignment_totals(scores, rows, cols, threshold)
    pairs: dict[int, int] = {}
    a, b = n, m
    while a and b:
        score = scores[rows[a - 1]][cols[b - 1]]
        if score >= threshold and total[a][b] == total[a - 1][b - 1] + score:
            pairs[rows[a - 1]] = cols[b - 1]
            a, b = a - 1, b - 1
        elif total[a][b] == total[a - 1][b]:
            a -= 1
        else:
            b -= 1
    return pairs


def _alignment_totals(scores: list[list[float]], rows: list[int], cols: list[int], threshold: float) -> list[list[float]]:
    """``total[a][b]``, the best summed score of pairs among the first ``a`` rows and ``b`` columns.

    Each is the larger of the row above (which never decreases along b) and of the best pair
    (a, b' <= b) so far, which spares the three-way maximum per cell of the textbook programme.
    """
    total = [[0.0] * (len(cols) + 1)]
    for row in rows:
        above, row_scores = total[-1], scores[row]
        current = above.copy()
        best = -1.0
        for b, col in enumerate(cols, 1):
            score = row_scores[col]
            if score >= threshold:
                best = max(best, above[b - 1] + score)
            if best > current[b]:
                current[b] = best
        total.append(current)
    return total


def _span(body: list[Block], start: int, inner: list[list[int]]) -> list[int]:
    """The heading's block (``body[start]``) and every body block up to the next heading of its
    level or higher, stretched over the spans of its matched items: a report whose headings all
    look alike (bold lines without numbers, one level) still keeps its items inside their section."""
    level = body[start].level or 1
    end = start
    while end + 1 < len(body) and not (body[end + 1].kind == "heading" and (body[end + 1].level or 1) <= level):
        end += 1
    last = max((span[-1] for span in inner), default=body[end].index)
    while end + 1 < len(body) and body[end + 1].index <= last:
        end += 1
    return [b.index for b in body[start : end + 1]]


def _has_content(blocks: list[Block], real: dict[int, bool]) -> bool:
    """Whether the blocks hold one with real content; ``real`` keeps each block's answer."""
    for block in blocks:
        if block.kind != "heading":
            if block.index not in real:
                real[block.index] = _is_real(block)
            if real[block.index]:
                return True
    return False


def _is_real(block: Block) -> bool:
    """Whether a block says more than that there is nothing to report.

    Folding works word by word, so the words of a paragraph's opening are the first words of the
    whole; when they alone outnumber every ``_NOTHING`` answer, the rest of a long paragraph need
    not be folded.
    """
    text = _block_text(block)
    cut = text.find(" ", _OPENING_CHARS)
    if cut > 0 and len(fold(text[:cut]).split()) > _NOTHING_WORDS:
        return True
    key = fold(text)
    return bool(key) and key not in _NOTHING


def _block_text(block: Block) -> str:
    if block.kind == "table" and block.rows:
        return " ".join(cell for row in block.rows for cell in row)
    return block.text


# --- evidence ------------------------------------------------------------------------------------


def _find_by_evidence(nodes: list[_Node], body: list[Block], found: dict[int, _Found]) -> None:
    """Look for sections without a heading in the paragraphs of their nearest matched ancestor."""
    groups: dict[int | None, list[int]] = {}
    for i in range(len(nodes)):
        if i not in found:
            anchor = next((a for a in _ancestors(nodes, i) if a in found), None)
            if anchor is None or found[anchor].status == "present":
                groups.setdefault(anchor, []).append(i)

    headed = {found[i].block.index for i in found if found[i].block is not None}
    for anchor, members in groups.items():
        owners = [i for i in found if anchor is None or anchor in _ancestors(nodes, i)]
        taken = {k for i in owners for k in found[i].blocks}
        area = set(found[anchor].blocks) if anchor is not None else {b.index for b in body}
        scope = [b for b in body if b.index in area and b.index not in taken and b.index not in headed]
        credited = _credit(nodes, members, scope, strict=anchor is None)
        for i in members:
            if credited.get(i):
                blocks, score = credited[i]
                found[i] = _Found("mentioned", blocks[0], [b.index for b in blocks], round(score, 3))
        for i in sorted(members, key=lambda k: -nodes[k].depth):  # a section is there if an item is
            shown = [found[c] for c in nodes[i].descendants if c in found and found[c].status in _ANSWERED]
            if i in found:
                shown.append(found[i])
            if shown:
                first = min(shown, key=lambda f: f.blocks[0])
                blocks = sorted({k for f in shown for k in f.blocks})
                found[i] = _Found("mentioned", first.block, blocks, max(f.score for f in shown))


def _credit(
    nodes: list[_Node], members: list[int], scope: list[Block], *, strict: bool
) -> dict[int, tuple[list[Block], float]]:
    """Which paragraphs show which sections.

    Leaf items compete: a paragraph whose opening words match an item belongs to that item
    alone, and so do the plain paragraphs after it up to the next list entry or heading (an item
    "- Về …: …" often runs over several paragraphs). Otherwise a paragraph counts for the items
    with the most distinct evidence terms in it (and for any item with two or more). A section
    with items of its own also counts its own terms, without competing, since its items are
    looked for separately. ``strict`` (no matched heading above: the whole report is the scope)
    asks for two distinct terms, so that a proposal saying "giải pháp" once does not stand in
    for a missing part on solutions.
    """
    needed = 2 if strict else 1
    leaves = [i for i in members if not nodes[i].children]
    parents = [i for i in members if nodes[i].children]
    blocks_of: dict[int, list[Block]] = {}
    best_of: dict[int, float] = {}
    by_word = _phrase_words(nodes, members)
    terms = _TermIndex(nodes, members)
    openings_of: dict[str, tuple[dict[int, float], list[int]]] = {}  # by folded opening words

    def openings_for(lead: str) -> tuple[dict[int, float], list[int]]:
        """How well the opening words match each member, and the leaves they open (the best
        match at the threshold or above, ties in the letter's order)."""
        folded_lead = _folded(lead)
        # Only a section sharing a word with the opening words can match them (see _best_phrase).
        sharing = {i for word in folded_lead.words for i in by_word.get(word, ())}
        openings = {
            i: _best_phrase(nodes[i].phrases, folded_lead, HEADING_THRESHOLD) for i in members if i in sharing
        }
        best = max((openings.get(i, 0.0) for i in leaves), default=0.0)
        winners = [i for i in leaves if openings.get(i, 0.0) == best] if best >= HEADING_THRESHOLD else []
        return openings, winners

    def credit(i: int, block: Block, score: float) -> None:
        blocks = blocks_of.setdefault(i, [])
        if not blocks or blocks[-1] is not block:
            blocks.append(block)
            best_of[i] = max(best_of.get(i, 0.0), score)

    leaf_set = set(leaves)
    opened: int | None = None  # the item whose opening words began the current run of paragraphs
    for block in scope:
        text = _block_text(block)
        lead = fold(_lead_in(text))
        if lead not in openings_of:  # list entries often open with the same words ("- Hạn chế:")
            openings_of[lead] = openings_for(lead)
        openings, winners = openings_of[lead]
        # Evidence terms count where the opening words won no leaf, and for parents: otherwise
        # the whole paragraph need not be folded.
        hits = terms.hits(fold(text)) if parents or not winners else {}
        if winners:
            for i in winners:
                credit(i, block, openings[i] / 100)
            opened = winners[0]
        else:
            leaf_hits = {i: count for i, count in hits.items() if i in leaf_set}
            most = max(leaf_hits.values(), default=0)
            for i, count in leaf_hits.items():
                if count >= needed and (count == most or count >= 2):
                    credit(i, block, _term_score(count))
            if _starts_entry(block):
                opened = None
            elif opened is not None:
                credit(opened, block, 0.0)
        for i in parents:
            if openings.get(i, 0.0) >= HEADING_THRESHOLD:
                credit(i, block, openings[i] / 100)
            elif hits.get(i, 0) >= needed:
                credit(i, block, _term_score(hits[i]))
    return {i: (blocks, best_of[i]) for i, blocks in blocks_of.items()}


def _phrase_words(nodes: list[_Node], members: list[int]) -> dict[str, frozenset[int]]:
    """The members by each word of their title and aliases (kept: the dict not to be changed)."""
    return _kept_phrase_words(tuple((i, nodes[i].words) for i in members))


@functools.lru_cache(maxsize=256)
def _kept_phrase_words(member_words: tuple[tuple[int, frozenset[str]], ...]) -> dict[str, frozenset[int]]:
    """``_phrase_words``, kept by the members' words: the same sections are looked for in
    every report answering one letter."""
    by_word: dict[str, set[int]] = {}
    for i, words in member_words:
        for word in words:
            by_word.setdefault(word, set()).add(i)
    return {word: frozenset(members) for word, members in by_word.items()}


class _TermIndex:
    """The evidence terms of some sections, found in a folded paragraph as whole words.

    Indexed by first word, so that a paragraph is searched only for the terms that can be in it
    instead of every term of every section.
    """

    def __init__(self, nodes: list[_Node], members: list[int]) -> None:
        # a term that folds to nothing is found only in an empty text (``wordless``)
        self.by_first_word, self.wordless = _terms_by_first_word(tuple((i, nodes[i].terms) for i in members))

    def hits(self, key: str) -> dict[int, int]:
        """How many of its terms the folded text ``key`` holds, for each member with at least
        one (a term listed twice counts twice)."""
        hits: dict[int, int] = {}
        if not key:
            for i in self.wordless:
                hits[i] = hits.get(i, 0) + 1
            return hits
        padded = f" {key} "
        for word in self.by_first_word.keys() & key.split(" "):
            for i, term in self.by_first_word[word]:
                if term in padded:
                    hits[i] = hits.get(i, 0) + 1
        return hits


@functools.lru_cache(maxsize=256)
def _terms_by_first_word(
    member_terms: tuple[tuple[int, tuple[str, ...]], ...],
) -> tuple[dict[str, tuple[tuple[int, str], ...]], tuple[int, ...]]:
    """The index of ``_TermIndex``, kept by the members' terms (the same sections are looked
    for in every report answering one letter); the dict not to be changed."""
    by_first_word: dict[str, list[tuple[int, str]]] = {}
    wordless: list[int] = []
    for i, terms in member_terms:
        for term in terms:
            if term:
                by_first_word.setdefault(term.split(" ", 1)[0], []).append((i, f" {term} "))
            else:
                wordless.append(i)
    return {word: tuple(entries) for word, entries in by_first_word.items()}, tuple(wordless)


def _starts_entry(block: Block) -> bool:
    """A heading or a list entry ("-", "+", "•") begins something new; a plain paragraph goes on."""
    return block.kind == "heading" or block.label.strip() in _BULLETS or block.text.lstrip()[:1] in _BULLETS


def _term_score(hits: int) -> float:
    """Confidence from evidence terms: 0.6 for one distinct term, up to 0.9 for four or more."""
    return 0.5 + 0.1 * min(hits, 4)


def _lead_in(text: str) -> str:
    """A paragraph's announced subject: the words before a colon near its start ("- Ưu điểm: …"),
    or, without a colon, its first words ("- Về ứng dụng công nghệ thông tin, …")."""
    text = text.lstrip(_LIST_MARKS)
    if text[:3].lower() == "về ":
        text = text[3:]
    colon = text.find(":", 0, LEAD_IN_CHARS)
    if colon > 0:
        return text[:colon]
    comma = text.find(",", 20, 80)
    return text[:comma] if comma > 0 else ""


# --- conditions and results ----------------------------------------------------------------------


def _applicability(nodes: list[_Node], schema: Schema, document: Document) -> list[bool]:
    """Whether each section is asked of this report's issuer (a condition and its ancestors')."""
    issuer = set(fold(document.header.issuing_body or "").split())
    names = {unit.id: [set(fold(name).split()) for name in unit.names] for unit in schema.units}
    applicable: list[bool] = []
    for node in nodes:
        own = True
        if node.section.condition:
            own = any(name <= issuer for unit in node.section.condition.units for name in names.get(unit, []))
        applicable.append(own and (node.parent is None or applicable[node.parent]))
    return applicable


def _result(node: _Node, found: _Found | None, applicable: bool) -> SectionResult:
    section = node.section
    if found is None:
        status: SectionStatus = "missing" if applicable else "not-applicable"
        return SectionResult(id=section.id, title=section.title, status=status, required=section.required and applicable)
    block = found.block
    is_heading = found.status in ("present", "empty")
    return SectionResult(
        id=section.id,
        title=section.title,
        status=found.status,
        required=section.required and applicable,
        heading=block.display if is_heading and block else None,
        excerpt=_excerpt(block) if not is_heading and block else None,
        location=block.location() if block else None,
        score=found.score,
        blocks=found.blocks,
    )


def _excerpt(block: Block) -> str:
    text = block.display if block.kind != "table" else _block_text(block)
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"
