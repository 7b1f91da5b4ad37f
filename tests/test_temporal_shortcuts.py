"""The shortcuts ``find_temporal`` takes for speed give what the plain way gives."""

from __future__ import annotations

import sys

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


EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_regex_takes_in_any_case_just_the_letters_lowered_to_those_of_the_to_words():
    """Why ``_to_anchors`` may look for "đến" and "tới" in the lowered text: where a character
    lowers to one, ``regex`` takes it for a letter of the two words in any case exactly when it
    lowers to that letter; and no character lowers to nothing, so a lowered text of the same
    length has every character lowered to one."""
    letters = set("đếntới")
    lowered_to: dict[str, set[str]] = {letter: set() for letter in letters}
    for character in EVERY_CHARACTER:
        lowered = character.lower()
        assert lowered
        if lowered in letters:
            lowered_to[lowered].add(character)
    for letter in letters:
        taken = {match.group() for match in regex.finditer(letter, EVERY_CHARACTER, regex.IGNORECASE)}
        assert {character for character in taken if len(character.lower()) == 1} == lowered_to[letter]


TO_TEXT = st.sampled_from([
    "đến", "Đến", "ĐẾN", "tới", "TỚI", "TỚİ", "İ", "tớı", "nay", "hiện nay", "hết", "năm 2021", "quan tâm",
    "thời điểm", "5", "đếnđến", " ", "\n", ",", "Tới",
])


@given(st.lists(TO_TEXT, max_size=20).map(lambda words: "".join(
    word + separator for word, separator in zip(words, [" ", "", "  ", "\n"] * 5))))
@settings(max_examples=400, deadline=None)
def test_to_anchors_found_in_the_lowered_text_are_those_a_scan_finds(text):
    expected = [anchor.start() for anchor in temporal._TO_ANCHORS.finditer(text)]
    assert temporal._to_anchors(text, text.lower()) == expected
