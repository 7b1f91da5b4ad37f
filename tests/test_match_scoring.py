"""The matcher's similarity scores texts folded once, with shortcuts; they must score exactly as
rapidfuzz's four scorers called on the folded strings, as ``similarity``'s docstring describes.
The heading keys and scores it keeps between reports are those of the texts compared, and only
short texts are kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from sobaocao import match
from sobaocao.match import LENGTH_PENALTY, similarity
from sobaocao.registry import load_schema
from sobaocao.vietnamese.text import fold


def four_scorers(phrase: str, text: str, floor: float) -> float:
    """The score written out with rapidfuzz's own scorers, as the matcher first computed it."""
    if not phrase or not text:
        return 0.0
    best = max(fuzz.ratio(phrase, text, score_cutoff=floor), fuzz.token_sort_ratio(phrase, text, score_cutoff=floor))
    short, long = sorted((phrase, text), key=len)
    penalty = LENGTH_PENALTY * (1 - len(short) / len(long))
    if len(short) >= 5 and max(floor, best) + penalty < 100:
        cutoff = max(floor, best) + penalty
        best = max(
            best,
            fuzz.token_set_ratio(short, long, score_cutoff=cutoff) - penalty,
            fuzz.partial_ratio(short, long, score_cutoff=cutoff) - penalty,
        )
    return best if best >= floor else 0.0


# Few distinct words, so that texts share words, contain each other's words or repeat them;
# capitals, tones, punctuation, digits and another script, as folding meets them.
WORDS = ["Ưu", "điểm", "ưu", "KẾT", "quả", "thực", "hiện", "hạn", "chế", "07-CT/TW", "52", "ß", "東京", "a", "—"]
texts = st.lists(st.sampled_from(WORDS), max_size=9).map(lambda words: fold(" ".join(words)))
floors = st.sampled_from([0.0, 50.0, 70.0, 75.0, 88.0])


@given(texts, texts, floors)
@settings(max_examples=600, deadline=None)
def test_similarity_scores_as_the_four_scorers(phrase, text, floor):
    assert similarity(phrase, text, floor) == four_scorers(phrase, text, floor)


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("uu diem", "nhung uu diem dat duoc"),  # the phrase's words among the text's
        ("ket qua thuc hien chi thi", "chi thi ket qua"),  # the text's words among the phrase's
        ("han che han che", "han che"),  # the same words, one repeated
        ("ket qua dat duoc", "nhung ket qua chua dat"),  # words on both sides of their own
    ],
)
def test_similarity_of_texts_sharing_words(phrase, text):
    for floor in (0.0, 70.0, 75.0):
        assert similarity(phrase, text, floor) == four_scorers(phrase, text, floor)


phrase_tuples = st.lists(texts.filter(bool), min_size=1, max_size=4).map(lambda ps: tuple(map(match._folded, ps)))


@given(st.lists(st.tuples(phrase_tuples, texts, floors), min_size=1, max_size=12))
@settings(max_examples=200, deadline=None)
def test_scores_kept_between_reports_are_those_of_the_texts_compared(calls):
    """The matcher keeps a section's best score against a text for the next reports; whatever
    was scored before, a section and a text score as if they had never been seen."""
    for phrases, text, floor in calls:
        key = match._folded(text)
        assert match._best_phrase(phrases, key, floor) == match._score_phrases(phrases, key, floor)


LABELS = ["", "I. ", "II. ", "1.2. ", "a) ", "Phần thứ hai: ", "PHẦN THỨ NHẤT - ", "- ", "+ "]


@given(st.lists(st.tuples(st.sampled_from(LABELS), st.lists(st.sampled_from(WORDS), max_size=6)), max_size=12))
@settings(max_examples=200, deadline=None)
def test_heading_keys_kept_between_reports_are_those_of_their_own_text(headings):
    for label, words in headings:
        text = label + " ".join(words)
        assert match._heading_key(text) == match._fold_heading(text)



def test_long_headings_are_scored_without_being_kept():
    """Only texts up to KEPT_CHARS are kept, so that the kept keys and scores stay a few
    megabytes whatever a report's headings (a heading can be a page long)."""
    nodes = match._nodes(load_schema("cv630-ct07"))
    match._forget_kept_scores()
    long_key = match._heading_key("Kết quả thực hiện " * 40)
    assert len(long_key.text) > match.KEPT_CHARS
    scores = [match._best_phrase(node.phrases, long_key, 70.0) for node in nodes]
    assert scores == [match._score_phrases(node.phrases, long_key, 70.0) for node in nodes]
    assert match._kept_heading_key.cache_info().currsize == match._kept_best_phrase.cache_info().currsize == 0
    match._best_phrase(nodes[0].phrases, match._heading_key("Ưu điểm"), 70.0)
    assert match._kept_heading_key.cache_info().currsize == match._kept_best_phrase.cache_info().currsize == 1
