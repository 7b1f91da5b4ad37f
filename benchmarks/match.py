"""Accuracy and time of section matching on reports with typical typing damage.

Each trial takes the hand-built complete report answering Công văn 630-CV/ĐUK, damages every
heading the way real reports are damaged (a lost diacritic, two swapped letters, a changed word),
pads the body with filler paragraphs up to ``--paragraphs`` blocks, and counts the schema sections
``match_sections`` still finds (present or mentioned, as in the undamaged report). For the
heading step alone it also compares the two fuzzy tools the issue names: rapidfuzz (what the
matcher uses) and the ``regex`` module's fuzzy matching with up to two errors.

Times are CPU time of this process (``time.process_time``), so that other work on a shared
machine does not inflate them. The matcher keeps the scores of the headings it has seen (a batch
answering one letter repeats them), so each damaged report is timed twice: with those scores
forgotten, as a report with headings never seen before, and again, as its headings recur.

    .venv/bin/python benchmarks/match.py [--trials N] [--paragraphs N] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import unicodedata
from dataclasses import replace
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sobaocao import match  # noqa: E402
from sobaocao.match import HEADING_THRESHOLD, match_sections, similarity  # noqa: E402
from sobaocao.registry import load_schema  # noqa: E402
from sobaocao.vietnamese.text import fold  # noqa: E402
from tests.fixtures.schemas.outline import COMPLETE, P, build  # noqa: E402

FILLER = (
    "Trong năm, cơ quan đã phối hợp tổ chức {n} buổi sinh hoạt chuyên đề, bảo đảm đúng kế hoạch, "
    "có sự tham gia đầy đủ của cán bộ, công chức, người lao động."
)
OTHER_WORDS = ("công", "việc", "tốt", "chung", "mới", "đơn", "vị", "hoạt", "động")


def lose_diacritic(text: str, rng: random.Random) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    marks = [k for k, ch in enumerate(decomposed) if unicodedata.combining(ch)]
    if not marks:
        return text
    k = rng.choice(marks)
    return unicodedata.normalize("NFC", decomposed[:k] + decomposed[k + 1 :])


def swap_letters(text: str, rng: random.Random) -> str:
    spots = [k for k in range(len(text) - 1) if text[k].isalpha() and text[k + 1].isalpha()]
    if not spots:
        return text
    k = rng.choice(spots)
    return text[:k] + text[k + 1] + text[k] + text[k + 2 :]


def change_word(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) < 4:  # a short heading ("Ưu điểm") loses its meaning with a word changed
        return text
    words[rng.randrange(len(words))] = rng.choice(OTHER_WORDS)
    return " ".join(words)


DAMAGE = (lose_diacritic, swap_letters, change_word)


def damaged_report(rng: random.Random, paragraphs: int):
    entries = [replace(e, text=rng.choice(DAMAGE)(e.text, rng)) if e.level else e for e in COMPLETE]
    while len(entries) < paragraphs:
        entries.insert(rng.randrange(1, len(entries)), P(FILLER.format(n=rng.randint(2, 40))))
    return build(tuple(entries))


def heading_tools(document, schema) -> tuple[int, float, int, float]:
    """Sections whose title or an alias is found among the headings: rapidfuzz vs regex {e<=2}."""
    keys = [fold(b.text) for b in document.blocks if b.kind == "heading"]
    phrases = [[fold(p) for p in (s.title, *s.aliases)] for s in schema.walk()]
    headed = [s.id for s in schema.walk() if any(e.section == s.id and e.level for e in COMPLETE)]
    wanted = {k for k, s in enumerate(schema.walk()) if s.id in headed}

    start = time.process_time()
    fuzzy_found = sum(
        any(similarity(p, key) >= HEADING_THRESHOLD for p in phrases[k] for key in keys) for k in wanted
    )
    fuzzy_ms = (time.process_time() - start) * 1000

    patterns = [[regex.compile(f"(?:{regex.escape(p)}){{e<=2}}") for p in phrases[k]] for k in range(len(phrases))]
    start = time.process_time()
    regex_found = sum(any(p.search(key) for p in patterns[k] for key in keys) for k in wanted)
    regex_ms = (time.process_time() - start) * 1000
    return fuzzy_found, fuzzy_ms, regex_found, regex_ms, len(wanted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--paragraphs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    schema = load_schema("cv630-ct07")
    expected = {r.id: r.status for r in match_sections(build(), schema)}
    rng = random.Random(args.seed)
    found, times, times_seen, tools = [], [], [], []
    for _ in range(args.trials):
        document = damaged_report(rng, args.paragraphs)
        match._forget_kept_scores()
        start = time.process_time()
        results = match_sections(document, schema)
        times.append((time.process_time() - start) * 1000)
        start = time.process_time()
        match_sections(document, schema)
        times_seen.append((time.process_time() - start) * 1000)
        found.append(sum(r.status == expected[r.id] for r in results))
        tools.append(heading_tools(document, schema))

    sections = len(expected)
    headings = sum(1 for b in build().blocks if b.kind == "heading")
    print(f"report: {headings} headings, {args.paragraphs} blocks, {sections} schema sections, {args.trials} trials")
    print(
        f"match_sections: {statistics.mean(found):.2f}/{sections} sections as in the undamaged report "
        f"(worst {min(found)}/{sections}); CPU time median {statistics.median(times):.1f} ms, max {max(times):.1f} ms"
    )
    print(f"  the same reports again, headings seen before: median {statistics.median(times_seen):.1f} ms")
    wanted = tools[0][4]
    print(
        f"headings alone, rapidfuzz: {statistics.mean(t[0] for t in tools):.2f}/{wanted} found, "
        f"median {statistics.median(t[1] for t in tools):.2f} ms"
    )
    print(
        f"headings alone, regex {{e<=2}}: {statistics.mean(t[2] for t in tools):.2f}/{wanted} found, "
        f"median {statistics.median(t[3] for t in tools):.2f} ms"
    )


if __name__ == "__main__":
    main()
