"""User policy: which rules run and at what severity.

Read from options, or from ``[tool.sobaocao]`` in a ``pyproject.toml`` or a ``sobaocao.toml``
found from the current folder upwards; an explicit option wins over a file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError
from .finding import Severity


class Config(BaseModel):
    # a misspelt key ("ignor") must be refused, not silently do nothing
    model_config = ConfigDict(extra="forbid")

    select: list[str] | None = None  # only these rule ids (None: all)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)

    def enabled(self, rule_id: str) -> bool:
        if rule_id in self.ignore:
            return False
        return self.select is None or rule_id in self.select

    def severity_for(self, rule_id: str, default: Severity) -> Severity:
        return self.severity.get(rule_id, default)

    def validate_rules(self, known: set[str]) -> None:
        """Refuse unknown rule ids: a typo would silently disable nothing."""
        named = set(self.select or ()) | set(self.ignore) | set(self.severity)
        unknown = sorted(named - known)
        if unknown:
            listed = ", ".join(unknown)
            raise ConfigError(
                f"Không có quy tắc nào tên: {listed} (gõ sai tên?). Xem danh sách quy tắc bằng lệnh: sobaocao rules",
                f"Unknown rule id: {listed}. The command 'sobaocao rules' lists them.",
            )

    def merged(self, override: "Config") -> "Config":
        """This configuration with every key the override sets replaced."""
        data = self.model_dump()
        for key in override.model_fields_set:
            value = getattr(override, key)
            if key == "severity":
                data["severity"] = {**self.severity, **value}
            else:
                data[key] = value
        return Config.model_validate(data)


def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest ``sobaocao.toml``, or ``pyproject.toml`` with a ``[tool.sobaocao]`` table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "sobaocao.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if _may_configure_sobaocao(pyproject) and "sobaocao" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("sobaocao", {})
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden":
            known = ", ".join(Config.model_fields)
            raise ConfigError(
                f"Tệp cấu hình {path} có khóa «{key}» mà sobaocao không biết (gõ sai tên?). "
                f"Các khóa dùng được: {known}.",
                f"Configuration file {path} has an unknown key: '{key}'. The keys are: {known}.",
            ) from None
        raise ConfigError(
            f"Tệp cấu hình {path} không hợp lệ ở «{key}»: {_EXPECTED_VI.get(error['type'], error['msg'])}",
            f"Invalid configuration file {path} at '{key}': {error['msg']}",
        ) from None


# What a value must be, in the office's words, for the mistakes a hand-written file can make.
_EXPECTED_VI = {
    "list_type": "phải là một danh sách, ví dụ [\"font\", \"margins\"]",
    "string_type": "phải là mã quy tắc viết trong dấu ngoặc kép",
    "dict_type": "phải là một bảng, ví dụ {font = \"info\"}",
    "enum": "mức phải là \"error\", \"warning\" hoặc \"info\"",
}


def _may_configure_sobaocao(pyproject: Path) -> bool:
    """Whether a pyproject.toml mentions sobaocao at all: another project's file, even a broken
    one, in a folder above the reports must not stop the check."""
    try:
        return pyproject.is_file() and b"sobaocao" in pyproject.read_bytes()
    except OSError:
        return False


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"Không đọc được tệp cấu hình {path}: {exc}",
            f"Cannot read configuration file {path}: {exc}",
        ) from None
