"""End to end: .docx reports built from one content model, checked against the seed letter."""

import shutil
import subprocess

import pytest

import sobaocao
from sobaocao.errors import NoSchemaError
from sobaocao.registry import load_schema

from .fixtures import reports

SCHEMA = "cv630-ct07"
LOOKS = ["complete", "auto_numbered", "unnumbered_bold", "all_caps", "decomposed", "tcvn3",
         "heading_styles", "header_in_textboxes"]


def coverage(result):
    return {s.id: s.status for s in result.sections}


@pytest.fixture(scope="module")
def complete_result():
    return sobaocao.check(reports.complete(), schema=SCHEMA, name="complete.docx")


def test_the_complete_report_passes_with_every_section_present(complete_result):
    assert complete_result.status == "ok"
    assert complete_result.findings == []
    expected = {s.id: "present" for s in load_schema(SCHEMA).walk()}
    expected["1.2.1.5"] = "not-applicable"  # only the units the letter names answer it
    for item in ("1.2.1.1", "1.2.1.2", "1.2.1.3", "1.2.1.4"):
        expected[item] = "mentioned"  # written as "- Về …" paragraphs, as real reports do
    assert coverage(complete_result) == expected
    assert complete_result.report.number == "Số 15-BC/CB"
    assert str(complete_result.report.date) == "2022-07-15"


@pytest.mark.parametrize("look", LOOKS[1:])
def test_every_look_of_the_same_report_gives_the_same_coverage_and_no_finding(look, complete_result):
    result = sobaocao.check(getattr(reports, look)(), schema=SCHEMA)
    assert coverage(result) == coverage(complete_result)
    allowed = {"font"} if look == "tcvn3" else set()  # TCVN3 text is noted (info), not an error
    assert {f.rule for f in result.findings} <= allowed
    assert all(f.severity.value == "info" for f in result.findings)


@pytest.mark.parametrize("key", sorted(reports.ct07_report().keys()))
def test_removing_a_section_gives_exactly_its_finding(key):
    result = sobaocao.check(reports.without(key), schema=SCHEMA)
    schema = load_schema(SCHEMA)
    section = schema.section(key)
    rule = "missing-item" if not section.sections else "missing-section"
    assert [(f.rule, f.section) for f in result.findings] == [(rule, key)]
    missing = {s.id for s in result.sections if s.status == "missing"}
    assert missing == {s.id for s in section.walk()} - {"1.2.1.5"}  # 1.2.1.5: not for this unit


def test_out_of_period_sentences_are_found_where_they_are_and_citations_and_plans_stay_silent():
    fixture = reports.with_out_of_period()
    result = sobaocao.check(fixture.docx, schema=SCHEMA)
    got = {(f.rule, f.section, f.excerpt) for f in result.findings}
    assert got == {(e.rule, e.section, e.sentence) for e in fixture.expected}
    for finding, expected in zip(result.findings, fixture.expected):
        assert expected.date_text.lower() in finding.message.vi.lower()
        assert finding.location.label  # the report's own numbering path, e.g. "II.1"


def test_deleted_tracked_text_never_produces_a_finding():
    result = sobaocao.check(reports.with_tracked_changes(), schema=SCHEMA)
    assert [f.rule for f in result.findings] == ["tracked-changes"]


def test_the_named_unit_must_also_answer_the_conditional_item():
    result = sobaocao.check(reports.for_named_unit(), schema=SCHEMA)
    assert coverage(result)["1.2.1.5"] in ("present", "mentioned")
    assert result.findings == []


@pytest.mark.parametrize("builder", ["state_form", "other_letter"])
def test_a_report_answering_something_else_gets_wrong_schema_and_its_missing_sections(builder):
    result = sobaocao.check(getattr(reports, builder)(), schema=SCHEMA)
    rules = [f.rule for f in result.findings]
    assert "wrong-schema" in rules
    assert "missing-section" in rules
    assert result.errors > 0


@pytest.mark.parametrize("builder", ["state_form", "other_letter"])
def test_without_a_schema_the_selection_says_none_fits(builder):
    with pytest.raises(NoSchemaError) as caught:
        sobaocao.check(getattr(reports, builder)())
    assert SCHEMA in caught.value.message("vi") and "--schema" in caught.value.message("en")


def test_without_a_schema_the_answer_to_the_seed_letter_is_recognised():
    assert sobaocao.check(reports.complete()).schema_id == SCHEMA


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed: .doc files are refused with advice")
def test_a_legacy_doc_is_checked_through_libreoffice_with_a_note(tmp_path):
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(reports.complete())
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "doc"), str(source)], check=True, capture_output=True, timeout=180)
    legacy = tmp_path / "doc" / "bao-cao.doc"
    before = legacy.read_bytes()
    result = sobaocao.check(legacy, schema=SCHEMA)
    assert "LibreOffice" in result.notes[0].vi
    assert {s.id for s in result.sections if s.status == "missing"} == set()
    assert legacy.read_bytes() == before


def test_a_result_status_follows_its_error_and_findings():
    from sobaocao.finding import CheckResult, ErrorInfo, Finding, Severity
    from sobaocao.i18n import L

    finding = Finding(rule="font", severity=Severity.info, message=L("Phông", "Font"))
    damaged = ErrorInfo(kind="input", message=L("Tệp bị hỏng", "The file is damaged"))
    assert CheckResult(file="a.docx").status == "ok"
    assert CheckResult(file="a.docx", findings=[finding]).status == "findings"
    assert CheckResult(file="a.docx", error=damaged).status == "error"
    assert CheckResult(file="a.docx", findings=[finding]).model_dump()["status"] == "findings"
