"""The matcher's alignment of sections with headings fills only what can change its table; it must
fill the textbook dynamic programme's table exactly, ties included, since a tie decides which of
two alike headings a section gets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sobaocao.match import HEADING_THRESHOLD, OUT_OF_ORDER_THRESHOLD, _alignment_totals


def textbook_totals(scores: list[list[float]], rows: list[int], cols: list[int], threshold: float) -> list[list[float]]:
    """The table of the alignment written out cell by cell, as the matcher first computed it."""
    n, m = len(rows), len(cols)
    total = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            score = scores[rows[a - 1]][cols[b - 1]]
            diagonal = total[a - 1][b - 1] + score if score >= threshold else -1.0
            total[a][b] = max(total[a - 1][b], total[a][b - 1], diagonal)
    return total


# Few distinct scores, many at or just around the thresholds, so that ties are common.
SCORES = [0.0, 40.0, 70.0, 74.9, 75.0, 80.0, 88.0, 90.0, 100.0, 105.0]


@st.composite
def tables(draw):
    n, m = draw(st.integers(0, 8)), draw(st.integers(0, 8))
    scores = [[draw(st.sampled_from(SCORES)) for _ in range(m)] for _ in range(n)]
    rows = sorted(draw(st.sets(st.integers(0, n - 1))) if n else [])
    cols = sorted(draw(st.sets(st.integers(0, m - 1))) if m else [])
    return scores, rows, cols


@given(tables(), st.sampled_from([HEADING_THRESHOLD, OUT_OF_ORDER_THRESHOLD]))
def test_alignment_table_is_the_textbook_programmes(table, threshold):
    """The same table, cell for cell, gives the same pairs, ties included: the pairs are read
    back from it."""
    scores, rows, cols = table
    assert _alignment_totals(scores, rows, cols, threshold) == textbook_totals(scores, rows, cols, threshold)

