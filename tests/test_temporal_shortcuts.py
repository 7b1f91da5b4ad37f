"""The shortcuts ``find_temporal`` takes for speed give what the plain way gives."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from sobaocao.vietnamese import temporal
from sobaocao.vietnamese.temporal import find_temporal

CITING_WORDS = st.sampled_from([
    "Chỉ thị", "số", "07-CT/TW", "52/2016/QĐ-TTg", "100 - KL/TW", "của", "Ban Bí thư", ",", "(", "ban hành",
    "được", "ký", "Luật", "Báo chí", "Hiến pháp", "năm", "trong", "Quyết định", "x", "2016", "\n",
])


@given(st.lists(CITING_WORDS, max_size=14).map(" ".join),
       st.sampled_from(["", " ", ", ", " (", "\n", " \n", ",\n", "(\n"]))
@settings(max_examples=400, deadline=None)
def test_citation_patterns_matched_at_the_end_match_where_a_forward_search_does(words, tail):
    """Matched once from the end, the citation patterns agree with a search, also when the text
    before the date ends with a line break (where a search's ``$`` may match before it)."""
    text = words + tail
    for pattern in (temporal._CITED_BEFORE, temporal._LAW_BEFORE):
        forward = regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE)
        assert (pattern.match(text) is None) == (forward.search(text) is None)


def test_a_cited_date_after_a_line_break_is_still_a_citation():
    (date,) = find_temporal("Thực hiện Chỉ thị số 07-CT/TW,\nngày 05/9/2016 của Ban Bí thư")
    assert date.citation
