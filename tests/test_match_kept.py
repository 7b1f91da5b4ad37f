"""What the matcher derives once per schema (folded phrases and terms, the tree, word and term
indexes) is kept by the content it is derived from: two schemas that differ in any of it never
share an entry, and a schema changed after a check is matched as it now reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sobaocao import match
from sobaocao.registry import load_schema
from sobaocao.vietnamese.text import fold


def folded_of(schema):
    return [(node.depth, node.parent, node.phrases, node.terms, node.children, node.words) for node in match._nodes(schema)]


def test_schemas_differing_in_a_title_alias_term_or_tree_do_not_share_what_is_derived():
    base = load_schema("cv630-ct07")
    before = folded_of(base)
    changes = [
        lambda s: setattr(s.sections[0].sections[1], "title", "Nhận thức mới"),
        lambda s: s.sections[0].sections[1].aliases.append("Chuyển biến trong nhận thức"),
        lambda s: s.sections[1].sections[0].sections[0].evidence.append("đài truyền thanh"),
        lambda s: s.sections[0].sections.pop(),
        lambda s: s.sections.append(s.sections[2].sections.pop()),
    ]
    for change in changes:
        changed = load_schema("cv630-ct07")
        change(changed)
        assert folded_of(changed) != before
        nodes = match._nodes(changed)
        for node, section in zip(nodes, _walk(changed.sections)):
            assert node.section is section
            assert [phrase.text for phrase in node.phrases] == [k for k in map(fold, [section.title, *section.aliases]) if k]
            assert node.terms == tuple(map(fold, section.evidence))
            assert [nodes[c].section for c in node.children] == section.sections
        assert folded_of(load_schema("cv630-ct07")) == before


def _walk(sections):
    for section in sections:
        yield section
        yield from _walk(section.sections)


SCHEMA = load_schema("cv630-ct07")
NODES = match._nodes(SCHEMA)


@given(st.lists(st.integers(0, len(NODES) - 1), unique=True))
@settings(max_examples=100, deadline=None)
def test_kept_word_index_is_that_of_the_members(members):
    expected: dict[str, set[int]] = {}
    for i in members:
        for word in NODES[i].words:
            expected.setdefault(word, set()).add(i)
    assert match._phrase_words(NODES, members) == expected


HEADING_WORDS = ["Kết", "quả", "thực", "hiện", "Chỉ", "thị", "nhận", "thức", "ưu", "điểm", "hạn", "chế", "07-CT/TW", "hướng"]


@given(st.lists(st.lists(st.sampled_from(HEADING_WORDS), max_size=10).map(" ".join), min_size=1, max_size=12))
@settings(max_examples=100, deadline=None)
def test_kept_heading_matches_are_those_of_the_heading_against_each_section(headings):
    """Whatever was scored before, a heading's kept matches are its best-phrase scores against
    each section, the sections it cannot match left out."""
    phrase_sets = tuple(node.phrases for node in NODES)
    for text in headings:
        key = match._heading_key(text)
        expected = [(i, match._score_phrases(p, key, match.HEADING_THRESHOLD - match.DEPTH_BONUS)) for i, p in enumerate(phrase_sets)]
        assert match._heading_matches(phrase_sets, key) == tuple((i, best) for i, best in expected if best)


def test_long_headings_are_matched_without_being_kept():
    match._forget_kept_scores()
    phrase_sets = tuple(node.phrases for node in NODES)
    long_key = match._heading_key("Kết quả thực hiện Chỉ thị " * 20)
    assert match._heading_matches(phrase_sets, long_key) == match._score_heading(phrase_sets, long_key)
    assert match._kept_heading_matches.cache_info().currsize == 0
    match._heading_matches(phrase_sets, match._heading_key("Kết quả thực hiện Chỉ thị"))
    assert match._kept_heading_matches.cache_info().currsize == 1
