"""Schemas as data: load a request letter's YAML, list the built-in ones, pick the one a report answers.

A schema author is an office worker or a developer editing YAML by hand, so every mistake is
reported as ``SchemaError`` with the place inside the file (``sections[0].sections[2].temporal``,
or a line number for syntax errors) and what to do, in Vietnamese and English. Values YAML would
silently turn into numbers, booleans or dates (``id: 1.1``, ``title: no``) are refused rather than
coerced, because "1.10" read as 1.1 would quietly become another section.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .document import Document
from .errors import NoSchemaError, SchemaError
from .match import identify_score, schema_fits
from .schema import Schema

BUILTIN_PACKAGE = "sobaocao.schemas"
SCHEMA_SUFFIXES = (".yaml", ".yml")


class _SchemaLoader(yaml.SafeLoader):
    """Safe YAML with two changes: dates stay text (pydantic parses them, with a path on error)
    and a key written twice in one mapping is an error instead of "the last one wins"."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise _DuplicateKey(str(key), line)
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


_SchemaLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SchemaLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _SchemaLoader.construct_mapping)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


def load_schema(ref: str | Path) -> Schema:
    """A built-in schema by id ("cv630-ct07"), or a schema YAML file by path."""
    if isinstance(ref, Path) or _looks_like_path(ref):
        path = Path(ref)
        if not path.is_file():
            raise SchemaError(
                f"Không tìm thấy tệp schema «{path}». Kiểm tra lại đường dẫn.",
                f"Schema file not found: {path}. Check the path.",
                source=str(path),
            )
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SchemaError(
                f"Không đọc được tệp schema (cần là văn bản UTF-8): {exc}",
                f"Cannot read the schema file (it must be UTF-8 text): {exc}",
                source=str(path),
            ) from None
        return parse_schema(text, source=str(path))
    schemas = builtin_schemas()
    if ref in schemas:
        return schemas[ref]
    raise SchemaError(
        f"Không có schema dựng sẵn nào tên «{ref}». Các schema có sẵn: {_listing(schemas)}. "
        "Nếu đây là tệp của anh/chị, hãy ghi đường dẫn tới tệp .yaml.",
        f"No built-in schema named '{ref}'. Built-in schemas: {_listing(schemas)}. "
        "For your own file, give the path to the .yaml file.",
    )


def parse_schema(text: str, *, source: str = "<schema>") -> Schema:
    """Validate the text of a schema YAML file; ``source`` names it in error messages."""
    try:
        data = yaml.load(text, Loader=_SchemaLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKey as exc:
        raise SchemaError(
            f"dòng {exc.line}: khóa «{exc.key}» được viết hai lần trong cùng một khối; xóa một lần.",
            f"line {exc.line}: key '{exc.key}' appears twice in the same mapping; remove one.",
            source=source,
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where_vi = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark else ""
        where_en = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SchemaError(
            f"{where_vi}lỗi cú pháp YAML ({problem}). Kiểm tra thụt lề, dấu hai chấm và dấu nháy.",
            f"{where_en}YAML syntax error ({problem}). Check indentation, colons and quotes.",
            source=source,
        ) from None
    if not isinstance(data, dict):
        raise SchemaError(
            "tệp schema phải là một khối khóa: giá trị (id, title, source, period, sections…).",
            "a schema file must be a mapping of keys (id, title, source, period, sections…).",
            source=source,
        )
    try:
        schema = Schema.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        vi, en = _explain(error)
        raise SchemaError(vi, en, source=source, path=_yaml_path(error["loc"])) from None
    _check_references(schema, source)
    return schema


@functools.cache
def _builtin_schemas() -> tuple[Schema, ...]:
    folder = resources.files(BUILTIN_PACKAGE)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(SCHEMA_SUFFIXES)), key=lambda f: f.name)
    return tuple(parse_schema(f.read_text(encoding="utf-8"), source=f.name) for f in files)


def builtin_schemas() -> dict[str, Schema]:
    """The schemas shipped with sobaocao, by id, in file-name order."""
    return {schema.id: schema.model_copy(deep=True) for schema in _builtin_schemas()}


def resolve_schema(ref: str | Path | Schema) -> Schema:
    """Whatever a caller passed as ``schema=``: a loaded schema, a built-in id or a path."""
    return ref if isinstance(ref, Schema) else load_schema(ref)


def select_schema(document: Document) -> Schema:
    """The built-in schema the report answers, judged by its title, opening and citations.

    Refuses to guess: when no schema fits, or two fit equally well, the caller must name one.
    """
    schemas = builtin_schemas()
    fitting = sorted(
        ((identify_score(document, s), s) for s in schemas.values() if schema_fits(document, s)),
        key=lambda pair: -pair[0],
    )
    if len(fitting) == 1 or (len(fitting) > 1 and fitting[0][0] > fitting[1][0]):
        return fitting[0][1]
    raise NoSchemaError(
        "Không xác định được báo cáo này trả lời công văn nào trong các schema có sẵn: "
        f"{_listing(schemas)}. Hãy chỉ rõ bằng --schema ID hoặc --schema đường-dẫn.yaml.",
        "Cannot tell which request letter this report answers among the built-in schemas: "
        f"{_listing(schemas)}. Name one with --schema ID or --schema path.yaml.",
    )


def json_schema() -> dict:
    """JSON Schema of the schema language, for editors that validate YAML as you type."""
    document = Schema.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sobaocao report schema",
        "description": "A request letter (công văn) as data: what a report must contain.",
        **{key: value for key, value in document.items() if key != "title"},
    }


def _looks_like_path(ref: str) -> bool:
    return ref.endswith(SCHEMA_SUFFIXES) or "/" in ref or "\\" in ref


def _listing(schemas: dict[str, Schema]) -> str:
    return "; ".join(f"{schema_id} ({schema.title})" for schema_id, schema in schemas.items()) or "(không có / none)"


def _yaml_path(loc: tuple) -> str:
    """Pydantic's location as the author reads the YAML: ``sections[0].sections[2].temporal``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _explain(error: dict) -> tuple[str, str]:
    """A pydantic error in words for the schema author, in Vietnamese and English."""
    kind, value = error["type"], error.get("input")
    field = str(error["loc"][-1]) if error["loc"] else ""
    if kind == "string_type" and isinstance(value, bool | int | float):
        typed = _as_written(value)
        return (
            f"YAML hiểu {typed} là {_kind_vi(value)} chứ không phải chữ; hãy đặt trong dấu nháy: {field}: \"{typed}\"",
            f"YAML reads {typed} as a {_kind_en(value)}, not text; put it in quotes: {field}: \"{typed}\"",
        )
    if kind == "missing":
        return (f"thiếu trường bắt buộc «{field}».", f"required field '{field}' is missing.")
    if kind == "extra_forbidden":
        return (
            f"trường «{field}» không có trong ngôn ngữ schema (gõ sai tên?). Xem docs/schemas.md.",
            f"unknown field '{field}' (a typo?). See docs/schemas.md.",
        )
    if kind.startswith("date"):
        return (
            f"ngày «{value}» không hợp lệ; viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2022-07-31.",
            f"invalid date '{value}'; write it as YEAR-MONTH-DAY, e.g. 2022-07-31.",
        )
    if kind in ("literal_error", "enum"):
        expected = str(error.get("ctx", {}).get("expected", ""))
        return (
            f"giá trị «{value}» không được phép; chọn một trong: {expected.replace(' or ', ', ')}.",
            f"'{value}' is not allowed; use one of: {expected}.",
        )
    if kind in ("list_type", "too_short"):
        return (
            f"«{field}» phải là một danh sách có ít nhất một phần tử (mỗi dòng bắt đầu bằng «- »).",
            f"'{field}' must be a list with at least one item (each line starting with '- ').",
        )
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return (message, message)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"«{field}» phải là một khối khóa: giá trị, không phải «{value}».",
            f"'{field}' must be a mapping of keys, not '{value}'.",
        )
    return (f"giá trị «{value}» không hợp lệ ({error['msg']}).", f"invalid value '{value}' ({error['msg']}).")


def _kind_vi(value: object) -> str:
    return "giá trị đúng/sai" if isinstance(value, bool) else "một số"


def _kind_en(value: object) -> str:
    return "boolean" if isinstance(value, bool) else "number"


def _as_written(value: object) -> str:
    """What the author most likely typed; a float like 1.1 prints back as typed."""
    return {True: "yes", False: "no"}[value] if isinstance(value, bool) else str(value)


def _check_references(schema: Schema, source: str) -> None:
    """What pydantic cannot see alone: unique section and unit ids, conditions naming known units."""
    unit_ids: set[str] = set()
    for index, unit in enumerate(schema.units):
        if unit.id in unit_ids:
            raise SchemaError(
                f"mã đơn vị «{unit.id}» bị trùng; mỗi đơn vị cần một mã riêng.",
                f"unit id '{unit.id}' is used twice; each unit needs its own id.",
                source=source,
                path=f"units[{index}].id",
            )
        unit_ids.add(unit.id)
    seen: dict[str, str] = {}
    for path, section in _walk_with_paths(schema):
        if section.id in seen:
            raise SchemaError(
                f"mã mục «{section.id}» bị trùng (đã dùng ở {seen[section.id]}); mỗi mục cần một mã riêng.",
                f"section id '{section.id}' is used twice (first at {seen[section.id]}); each section needs its own id.",
                source=source,
                path=f"{path}.id",
            )
        seen[section.id] = path
        for k, unit_id in enumerate(section.condition.units if section.condition else ()):
            if unit_id not in unit_ids:
                known = ", ".join(sorted(unit_ids)) or "(chưa khai báo đơn vị nào / no units declared)"
                raise SchemaError(
                    f"điều kiện nêu đơn vị «{unit_id}» nhưng danh sách units không có mã này. Các mã đã khai báo: {known}.",
                    f"the condition names unit '{unit_id}', which is not declared under units. Declared: {known}.",
                    source=source,
                    path=f"{path}.condition.units[{k}]",
                )


def _walk_with_paths(schema: Schema):
    def walk(sections, prefix):
        for index, section in enumerate(sections):
            path = f"{prefix}[{index}]"
            yield path, section
            yield from walk(section.sections, f"{path}.sections")

    yield from walk(schema.sections, "sections")
