"""The schema language: the built-in cv630-ct07 schema, the loader's errors, the registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sobaocao.document import Block, Document, Header
from sobaocao.errors import NoSchemaError, SchemaError
from sobaocao.registry import builtin_schemas, json_schema, load_schema, parse_schema, resolve_schema, select_schema

from .fixtures.schemas.outline import build

FIXTURES = Path(__file__).parent / "fixtures" / "schemas"


# --- the built-in schema of Công văn 630-CV/ĐUK ---------------------------------------------------


def test_builtin_schema_has_the_letters_tree_in_order():
    schema = load_schema("cv630-ct07")
    assert [s.id for s in schema.walk()] == [
        "1.1", "1.1.1", "1.1.2", "1.1.3",
        "1.2", "1.2.1", "1.2.1.1", "1.2.1.2", "1.2.1.3", "1.2.1.4", "1.2.1.5",
        "1.2.2", "1.2.2.1", "1.2.2.2", "1.2.2.3", "1.2.2.4",
        "1.3", "1.3.1", "1.3.2", "1.3.3",
    ]  # fmt: skip


def test_builtin_schema_period_submission_form_and_source():
    schema = load_schema("cv630-ct07")
    assert (schema.period.start, schema.period.end) == (dt.date(2016, 10, 1), dt.date(2021, 12, 31))
    assert (schema.submission.start, schema.submission.end) == (dt.date(2022, 7, 1), dt.date(2022, 7, 31))
    assert schema.form == "party"
    assert (schema.source.number, schema.source.date) == ("630-CV/ĐUK", dt.date(2022, 6, 28))


def test_builtin_schema_temporal_roles_are_inherited_by_items():
    schema = load_schema("cv630-ct07")
    roles = {s.id: s.temporal for s in schema.walk()}
    assert {roles[i] for i in ("1.1", "1.1.3", "1.2", "1.2.1.5", "1.2.2.4")} == {"results"}
    assert {roles[i] for i in ("1.3", "1.3.1", "1.3.2", "1.3.3")} == {"plans"}


def test_only_the_institutions_item_is_conditional_on_the_three_named_units():
    schema = load_schema("cv630-ct07")
    conditional = {s.id: s.condition.units for s in schema.walk() if s.condition}
    assert conditional == {"1.2.1.5": ["so-tttt", "so-vhttdl", "buu-dien-tinh"]}
    assert {u.id for u in schema.units} == {"so-tttt", "so-vhttdl", "buu-dien-tinh"}


def test_builtin_schema_items_under_evaluation_are_the_four_the_letter_lists():
    schema = load_schema("cv630-ct07")
    assert [s.title for s in schema.section("1.2.2").sections] == [
        "Ưu điểm",
        "Hạn chế, khó khăn, vướng mắc",
        "Nguyên nhân",
        "Bài học kinh nghiệm",
    ]


def test_parent_of_a_section():
    schema = load_schema("cv630-ct07")
    assert schema.parent("1.2.1.5").id == "1.2.1"
    assert schema.parent("1.3") is None
    parents = schema.parents()
    assert {k: v.id for k, v in parents.items() if k.startswith("1.2.2")} == {
        "1.2.2": "1.2", "1.2.2.1": "1.2.2", "1.2.2.2": "1.2.2", "1.2.2.3": "1.2.2", "1.2.2.4": "1.2.2",
    }


def test_builtin_schemas_by_id_and_copies_are_independent():
    first = builtin_schemas()
    assert list(first) == ["cv630-ct07"]
    first["cv630-ct07"].title = "changed"
    assert builtin_schemas()["cv630-ct07"].title.startswith("Sơ kết 5 năm")


def test_resolve_accepts_a_schema_an_id_or_a_path():
    schema = load_schema(FIXTURES / "minimal.yaml")
    assert resolve_schema(schema) is schema
    assert resolve_schema("cv630-ct07").id == "cv630-ct07"
    assert resolve_schema(str(FIXTURES / "minimal.yaml")).id == "ubnd-cchc-2023"


def test_user_schema_file_loads_with_defaults():
    schema = load_schema(FIXTURES / "minimal.yaml")
    assert schema.form == "state"
    assert schema.submission is None
    assert [(s.id, s.required, s.temporal) for s in schema.walk()] == [
        ("I", True, "results"),
        ("I.1", True, "results"),
        ("I.2", False, "results"),
        ("II", True, "plans"),
    ]
    assert schema.section("II").severity.value == "warning"


def test_unknown_builtin_id_lists_the_builtin_schemas():
    with pytest.raises(SchemaError) as caught:
        load_schema("cv999")
    assert "cv630-ct07 (Sơ kết 5 năm" in caught.value.vi
    assert caught.value.en.startswith("No built-in schema named 'cv999'.")


def test_missing_schema_file():
    with pytest.raises(SchemaError) as caught:
        load_schema(FIXTURES / "absent.yaml")
    assert caught.value.vi.endswith("Không tìm thấy tệp schema «" + str(FIXTURES / "absent.yaml") + "». Kiểm tra lại đường dẫn.")


# --- loader errors: the path inside the YAML and the reason ---------------------------------------

ERRORS = {
    "float-id.yaml": (
        "sections[0].sections[1].id",
        'dòng 11: YAML hiểu 1.2 là một số chứ không phải chữ; hãy đặt trong dấu nháy: id: "1.2"',
        'line 11: YAML reads 1.2 as a number, not text; put it in quotes: id: "1.2"',
    ),
    "bool-id.yaml": (
        "sections[0].id",
        'dòng 6: YAML hiểu yes là giá trị đúng/sai chứ không phải chữ; hãy đặt trong dấu nháy: id: "yes"',
        'line 6: YAML reads yes as a boolean, not text; put it in quotes: id: "yes"',
    ),
    "bool-title.yaml": (
        "sections[0].title",
        'dòng 7: YAML hiểu no là giá trị đúng/sai chứ không phải chữ; hãy đặt trong dấu nháy: title: "no"',
        'line 7: YAML reads no as a boolean, not text; put it in quotes: title: "no"',
    ),
    "missing-field.yaml": ("period", "dòng 1: thiếu trường bắt buộc «period».", "line 1: required field 'period' is missing."),
    "bad-date.yaml": (
        "period.end",
        "dòng 4: ngày «2023-02-30» không hợp lệ; viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2022-07-31.",
        "line 4: invalid date '2023-02-30'; write it as YEAR-MONTH-DAY, e.g. 2022-07-31.",
    ),
    "bad-temporal.yaml": (
        "sections[0].sections[2].temporal",
        "dòng 15: giá trị «future» không được phép; chọn một trong: 'results', 'plans', 'any'.",
        "line 15: 'future' is not allowed; use one of: 'results', 'plans' or 'any'.",
    ),
    "duplicate-id.yaml": (
        "sections[1].sections[0].id",
        "dòng 14: mã mục «1.1» bị trùng (đã dùng ở sections[0].sections[0]); mỗi mục cần một mã riêng.",
        "line 14: section id '1.1' is used twice (first at sections[0].sections[0]); each section needs its own id.",
    ),
    "unknown-unit.yaml": (
        "sections[0].condition.units[1]",
        "dòng 12: điều kiện nêu đơn vị «so-vhtt» nhưng danh sách units không có mã này. Các mã đã khai báo: so-tttt.",
        "line 12: the condition names unit 'so-vhtt', which is not declared under units. Declared: so-tttt.",
    ),
    "unknown-field.yaml": (
        "sections[0].alias",
        "dòng 8: trường «alias» không có trong ngôn ngữ schema (gõ sai tên?). Xem docs/schemas.md.",
        "line 8: unknown field 'alias' (a typo?). See docs/schemas.md.",
    ),
    "duplicate-key.yaml": (
        "",
        "dòng 8: khóa «title» được viết hai lần trong cùng một khối; xóa một lần.",
        "line 8: key 'title' appears twice in the same mapping; remove one.",
    ),
    "syntax.yaml": (
        "",
        "dòng 8, cột 10: lỗi cú pháp YAML (expected <block end>, but found '<scalar>'). "
        "Kiểm tra thụt lề, dấu hai chấm và dấu nháy.",
        "line 8, column 10: YAML syntax error (expected <block end>, but found '<scalar>'). "
        "Check indentation, colons and quotes.",
    ),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_broken_schema_file_names_the_place_and_the_reason(name):
    path, vi, en = ERRORS[name]
    source = str(FIXTURES / name)
    where = f"{source}: {path}: " if path else f"{source}: "
    with pytest.raises(SchemaError) as caught:
        load_schema(FIXTURES / name)
    assert caught.value.path == path
    assert caught.value.source == source
    assert caught.value.vi == where + vi
    assert caught.value.en == where + en


def test_a_number_is_quoted_back_exactly_as_typed():
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace('id: "I.1"', "id: 1.10")
    with pytest.raises(SchemaError) as caught:
        parse_schema(text, source="s.yaml")
    assert caught.value.path == "sections[0].sections[0].id"
    assert caught.value.vi == (
        's.yaml: sections[0].sections[0].id: dòng 23: YAML hiểu 1.10 là một số chứ không phải chữ; '
        'hãy đặt trong dấu nháy: id: "1.10"'
    )


def test_duplicate_unit_id():
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
        'names: ["Phòng Nội vụ"]', 'names: ["Phòng Nội vụ"]\n  - id: "phong-noi-vu"\n    names: ["Phòng Nội vụ huyện"]'
    )
    with pytest.raises(SchemaError) as caught:
        parse_schema(text, source="u.yaml")
    assert caught.value.path == "units[1].id"
    assert caught.value.vi == "u.yaml: units[1].id: dòng 18: mã đơn vị «phong-noi-vu» bị trùng; mỗi đơn vị cần một mã riêng."


def test_period_ending_before_it_starts():
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("end: 2023-12-31", "end: 2022-12-31")
    with pytest.raises(SchemaError) as caught:
        parse_schema(text, source="p.yaml")
    assert caught.value.path == "period"
    assert "ngày kết thúc trước ngày bắt đầu" in caught.value.vi


def test_schema_that_is_not_a_mapping():
    with pytest.raises(SchemaError) as caught:
        parse_schema("- a\n- b\n", source="list.yaml")
    assert caught.value.vi.startswith("list.yaml: tệp schema phải là một khối khóa")


def test_json_schema_describes_the_language():
    document = json_schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["required"] == ["id", "title", "source", "period", "sections"]
    section = document["$defs"]["Section"]
    assert set(section["properties"]) == {
        "id", "title", "aliases", "evidence", "required", "severity", "condition", "temporal", "guidance", "sections",
    }  # fmt: skip
    assert section["additionalProperties"] is False


# --- choosing the schema a report answers ---------------------------------------------------------


def test_select_schema_picks_the_letter_the_report_answers():
    assert select_schema(build()).id == "cv630-ct07"


def test_chosen_and_loaded_builtin_schemas_are_copies_of_their_own():
    chosen, loaded = select_schema(build()), load_schema("cv630-ct07")
    chosen.title = loaded.title = "changed"
    chosen.sections[0].title = "changed too"
    assert select_schema(build()).title.startswith("Sơ kết 5 năm")
    assert load_schema("cv630-ct07").sections[0].title != "changed too"
    assert builtin_schemas()["cv630-ct07"].title.startswith("Sơ kết 5 năm")


def test_select_schema_refuses_a_report_answering_another_letter():
    report = Document(
        header=Header(document_type="BÁO CÁO", title="Kết quả công tác dân vận năm 2022"),
        blocks=[Block(index=0, text="Thực hiện Kế hoạch số 12-KH/ĐU, Chi bộ báo cáo như sau:")],
    )
    with pytest.raises(NoSchemaError) as caught:
        select_schema(report)
    assert caught.value.vi.startswith(
        "Không xác định được báo cáo này trả lời công văn nào trong các schema có sẵn: cv630-ct07 (Sơ kết 5 năm"
    )
    assert caught.value.vi.endswith("Hãy chỉ rõ bằng --schema ID hoặc --schema đường-dẫn.yaml.")
    assert "--schema ID" in caught.value.en


def test_a_dumped_schema_loads_back_unchanged():
    """What ``sobaocao schemas show`` prints is itself a valid schema file."""
    import yaml

    schema = load_schema("cv630-ct07")
    text = yaml.safe_dump(schema.model_dump(mode="json", exclude_defaults=True), allow_unicode=True, sort_keys=False)
    assert parse_schema(text, source="dumped.yaml") == schema
