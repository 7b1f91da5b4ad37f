"""Schemas as data: load a request letter's YAML, list the built-in ones, pick the one a report answers.

A schema author is an office worker or a developer editing YAML by hand, so every mistake is
reported as ``SchemaError`` with the place inside the file (``sections[0].sections[2].temporal``,
or a line number for syntax errors) and what to do, in Vietnamese and English. Values YAML would
silently turn into numbers, booleans or dates (``id: 1.1``, ``title: no``) are refused rather than
coerced, because "1.10" read as 1.1 would quietly become another section.
"""

from __future__ import annotations

import functools
import pickle
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .document import Document
from .errors import NoSchemaError, SchemaError
from .match import answered_schema
from .schema import Schema

BUILTIN_PACKAGE = "sobaocao.schemas"
SCHEMA_SUFFIXES = (".yaml", ".yml")


class _SchemaLoader(yaml.SafeLoader):
    """Safe YAML with three changes: dates stay text (pydantic parses them, with a path on
    error); a key written twice in one mapping is an error instead of "the last one wins"; and
    every mapping and list remembers its node, so that an error can quote the value exactly as
    typed ("1.10", not 1.1) and give its line."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes: dict[int, yaml.Node] = {}  # id of each constructed dict or list -> its node

    def construct_schema_mapping(self, node: yaml.MappingNode):
        data: dict = {}
        self.nodes[id(data)] = node
        yield data
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node)
            if key in seen:
                raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
            seen.add(key)
        data.update(self.construct_mapping(node))

    def construct_schema_sequence(self, node: yaml.SequenceNode):
        data: list = []
        self.nodes[id(data)] = node
        yield data
        data.extend(self.construct_sequence(node))


_SchemaLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SchemaLoader.add_constructor("tag:yaml.org,2002:map", _SchemaLoader.construct_schema_mapping)
_SchemaLoader.add_constructor("tag:yaml.org,2002:seq", _SchemaLoader.construct_schema_sequence)


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
    schemas = _builtin_schemas()
    if ref in schemas:
        return _builtin_copy(ref)
    raise SchemaError(
        f"Không có schema dựng sẵn nào tên «{ref}». Các schema có sẵn: {_listing(schemas)}. "
        "Nếu đây là tệp của anh/chị, hãy ghi đường dẫn tới tệp .yaml.",
        f"No built-in schema named '{ref}'. Built-in schemas: {_listing(schemas)}. "
        "For your own file, give the path to the .yaml file.",
    )


def parse_schema(text: str, *, source: str = "<schema>") -> Schema:
    """Validate the text of a schema YAML file; ``source`` names it in error messages."""
    loader = _SchemaLoader(text)
    try:
        data = loader.get_single_data()
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
    finally:
        loader.dispose()
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
        node = _node_at(data, loader.nodes, error["loc"])
        vi, en = _explain(error, node)
        raise _located(vi, en, source, error["loc"], node) from None
    for loc, vi, en in _reference_problems(schema):
        raise _located(vi, en, source, loc, _node_at(data, loader.nodes, loc))
    return schema


def _node_at(data: Any, nodes: dict[int, yaml.Node], loc: tuple) -> yaml.Node | None:
    """The YAML node at a pydantic location, or the deepest one that exists (for a missing key)."""
    node, current = nodes.get(id(data)), data
    for part in loc:
        if isinstance(current, dict) and part in current and node is not None:
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), node)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current) and node is not None:
            node, current = node.value[part], current[part]
        else:
            break
    return node


def _located(vi: str, en: str, source: str, loc: tuple, node: yaml.Node | None) -> SchemaError:
    if node is not None:
        line = node.start_mark.line + 1
        vi, en = f"dòng {line}: {vi}", f"line {line}: {en}"
    return SchemaError(vi, en, source=source, path=_yaml_path(loc))


@functools.cache
def _builtin_schemas() -> dict[str, Schema]:
    """The parsed built-in schemas, shared: read them here, hand out only copies."""
    folder = resources.files(BUILTIN_PACKAGE)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(SCHEMA_SUFFIXES)), key=lambda f: f.name)
    schemas = (parse_schema(f.read_text(encoding="utf-8"), source=f.name) for f in files)
    return {schema.id: schema for schema in schemas}


@functools.cache
def _pickled_builtins() -> dict[str, bytes]:
    """Each built-in schema pickled once: unpickling makes a private copy in half the time a
    deep copy takes, and a check that picks its schema or names it by id makes one per report."""
    return {schema_id: pickle.dumps(schema) for schema_id, schema in _builtin_schemas().items()}


def _builtin_copy(schema_id: str) -> Schema:
    """A copy of a built-in schema that the caller may change without touching the shared one."""
    return pickle.loads(_pickled_builtins()[schema_id])


def builtin_schemas() -> dict[str, Schema]:
    """The schemas shipped with sobaocao, by id, in file-name order."""
    return {schema_id: _builtin_copy(schema_id) for schema_id in _builtin_schemas()}


def resolve_schema(ref: str | Path | Schema) -> Schema:
    """Whatever a caller passed as ``schema=``: a loaded schema, a built-in id or a path."""
    return ref if isinstance(ref, Schema) else load_schema(ref)


def select_schema(document: Document) -> Schema:
    """The built-in schema the report answers, judged by its title, opening and citations.

    Refuses to guess: when no schema fits, or two fit equally well, the caller must name one.
    """
    schemas = _builtin_schemas()  # only read here; the chosen one is copied
    answered = answered_schema(document, list(schemas.values()))
    if answered is not None:
        return _builtin_copy(answered.id)
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


def _explain(error: dict, node: yaml.Node | None) -> tuple[str, str]:
    """A pydantic error in words for the schema author, in Vietnamese and English."""
    kind, value = error["type"], error.get("input")
    field = str(error["loc"][-1]) if error["loc"] else ""
    if kind == "string_type" and isinstance(value, bool | int | float):
        typed = node.value if isinstance(node, yaml.ScalarNode) else str(value)
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


def _reference_problems(schema: Schema):
    """What pydantic cannot see alone: unique section and unit ids, conditions naming known units.

    Yields (location, Vietnamese, English) like pydantic's errors, so they get a path and a line.
    """
    unit_ids: set[str] = set()
    for index, unit in enumerate(schema.units):
        if unit.id in unit_ids:
            yield (
                ("units", index, "id"),
                f"mã đơn vị «{unit.id}» bị trùng; mỗi đơn vị cần một mã riêng.",
                f"unit id '{unit.id}' is used twice; each unit needs its own id.",
            )
        unit_ids.add(unit.id)
    seen: dict[str, str] = {}
    for loc, section in _walk_with_locations(schema):
        first = seen.setdefault(section.id, _yaml_path(loc))
        if first != _yaml_path(loc):
            yield (
                (*loc, "id"),
                f"mã mục «{section.id}» bị trùng (đã dùng ở {first}); mỗi mục cần một mã riêng.",
                f"section id '{section.id}' is used twice (first at {first}); each section needs its own id.",
            )
        for k, unit_id in enumerate(section.condition.units if section.condition else ()):
            if unit_id not in unit_ids:
                known = ", ".join(sorted(unit_ids)) or "(chưa khai báo đơn vị nào / no units declared)"
                yield (
                    (*loc, "condition", "units", k),
                    f"điều kiện nêu đơn vị «{unit_id}» nhưng danh sách units không có mã này. Các mã đã khai báo: {known}.",
                    f"the condition names unit '{unit_id}', which is not declared under units. Declared: {known}.",
                )


def _walk_with_locations(schema: Schema):
    def walk(sections, prefix):
        for index, section in enumerate(sections):
            loc = (*prefix, index)
            yield loc, section
            yield from walk(section.sections, (*loc, "sections"))

    yield from walk(schema.sections, ("sections",))
