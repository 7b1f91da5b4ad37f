"""Reports saved by Word carry far more markup than python-docx writes (revision-session ids,
text split into runs around proofing marks, size and language on every run). None of it is
content: the same report in Word's markup must give exactly the same check result."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest

from sobaocao import check
from sobaocao.docx import read_document
from tests.fixtures import reports

LOOKS = {
    "manual labels": reports.Look(),
    "Word numbering": reports.Look(labels="auto"),
    "bold, no labels": reports.Look(labels="none"),
    "capitals": reports.Look(labels="none", capital_headings=True, heading_bold=False),
    "heading styles": reports.Look(heading_styles=True),
    "TCVN3": reports.Look(tcvn3=True),
}
REPORTS = {
    "ct07": reports.ct07_report(),
    "state form": reports.commune_state_report(),
    "other letter": reports.mass_mobilisation_report(),
}


def _document_part(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_word_markup_splits_runs_and_stamps_sessions():
    lean = _document_part(reports.render(reports.ct07_report()))
    saved = _document_part(reports.render(reports.ct07_report(), reports.Look(word_markup=True)))
    assert "<w:proofErr" not in lean and "<w:p w:rsidR=" not in lean
    assert saved.count("<w:proofErr ") > 300
    assert saved.count("<w:r ") > 3 * lean.count("<w:r>")
    assert saved.count('<w:lang w:val="vi-VN"/>') == saved.count("<w:r ")
    assert len(saved) > 3 * len(lean)


@pytest.mark.parametrize("look", LOOKS.values(), ids=LOOKS.keys())
@pytest.mark.parametrize("report", REPORTS.values(), ids=REPORTS.keys())
def test_word_markup_gives_the_same_result(report, look):
    lean = reports.render(report, look)
    saved = reports.render(report, dataclasses.replace(look, word_markup=True))
    assert read_document(saved).model_dump() == read_document(lean).model_dump()
    expected = check(lean, schema="cv630-ct07").model_dump(exclude={"file"})
    assert check(saved, schema="cv630-ct07").model_dump(exclude={"file"}) == expected
