"""Picking the schema a report answers reads the report's opening only when its title does not
decide alone; the schema picked (or none) is the one the full identify scores pick."""

from __future__ import annotations

import itertools

from sobaocao.match import FITS_SCORE, answered_schema, identify_score, schema_fits
from sobaocao.registry import load_schema

from .fixtures.schemas.outline import P, build

SCHEMA = load_schema("cv630-ct07")


def full_scores_pick(document, schemas):
    """The choice written out from every schema's full score, as the registry first made it."""
    scored = [(identify_score(document, schema), schema) for schema in schemas]
    fitting = sorted((pair for pair in scored if pair[0] >= FITS_SCORE), key=lambda pair: -pair[0])
    if len(fitting) == 1 or (len(fitting) > 1 and fitting[0][0] > fitting[1][0]):
        return fitting[0][1]
    return None


def with_identify(citations, keywords):
    return SCHEMA.model_copy(update={"identify": SCHEMA.identify.model_copy(update={"citations": citations, "keywords": keywords})})


SCHEMAS = [
    SCHEMA,
    with_identify(["12-KH/ĐU"], ["dân vận"]),
    with_identify(["630-CV/ĐUK"], []),  # found in the opening only
    with_identify(["07-CT/TW"], ["sơ kết 5 năm"]),  # in the title, as SCHEMA's
    with_identify([], ["thông tin cơ sở"]),  # one keyword: never enough by the title alone
]
DOCUMENTS = [
    build(),
    build(title=None),
    build((P("Chi bộ báo cáo như sau:"),), title="Công tác thông tin cơ sở năm 2022"),
    build(
        (P("Thực hiện Kế hoạch số 12-KH/ĐU về công tác dân vận, Chi bộ báo cáo như sau:"),),
        title="Báo cáo công tác dân vận",
    ),
]


def test_the_schema_picked_is_the_one_full_scores_pick():
    for document in DOCUMENTS:
        for size in (1, 2, 3):
            for chosen in itertools.permutations(SCHEMAS, size):
                assert answered_schema(document, list(chosen)) is full_scores_pick(document, list(chosen))


def test_a_schema_fits_when_its_full_score_reaches_fits_score():
    for document in DOCUMENTS:
        for schema in SCHEMAS:
            assert schema_fits(document, schema) == (identify_score(document, schema) >= FITS_SCORE)
