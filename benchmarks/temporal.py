"""Precision, recall and throughput of the temporal grammar on the labelled corpus.

A found expression counts as correct only when it equals a labelled one in every field (span,
kind, interval, precision, open end, citation mark); a second line gives the span-only scores.
Known misses marked ``xfail`` in the corpus are counted like any other sentence.

    .venv/bin/python benchmarks/temporal.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sobaocao.vietnamese.temporal import find_temporal  # noqa: E402
from tests.fixtures.temporal_corpus import load_corpus  # noqa: E402


def _scores(found: int, labelled: int, correct: int) -> tuple[float, float]:
    return (correct / found if found else 1.0, correct / labelled if labelled else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="passes over the corpus for the timing")
    args = parser.parse_args()

    corpus = load_corpus()
    found = labelled = exact = spans = 0
    for item in corpus:
        got = find_temporal(item.sentence, year=item.year)
        found += len(got)
        labelled += len(item.expected)
        exact += len(set(got) & set(item.expected))
        spans += len({(t.start_offset, t.end_offset) for t in got}
                     & {(t.start_offset, t.end_offset) for t in item.expected})

    precision, recall = _scores(found, labelled, exact)
    span_precision, span_recall = _scores(found, labelled, spans)
    print(f"corpus: {len(corpus)} sentences, {labelled} labelled expressions, {found} found")
    print(f"exact  precision {precision:.3f}  recall {recall:.3f}")
    print(f"spans  precision {span_precision:.3f}  recall {span_recall:.3f}")

    text_chars = sum(len(item.sentence) for item in corpus)
    began = time.perf_counter()
    for _ in range(args.repeat):
        for item in corpus:
            find_temporal(item.sentence, year=item.year)
    elapsed = time.perf_counter() - began
    sentences = len(corpus) * args.repeat
    print(f"throughput: {sentences / elapsed:,.0f} sentences/s, {text_chars * args.repeat / elapsed / 1e6:.2f} M chars/s")


if __name__ == "__main__":
    main()
