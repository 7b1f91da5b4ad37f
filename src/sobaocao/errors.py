"""Typed errors of the library.

Findings about a report are results, not exceptions. An exception means the check could not
run at all: the file cannot be read, it was refused for safety, or a schema is broken. Each
carries its message in Vietnamese and English so that every front end can show it to an office
worker without a traceback.
"""

from __future__ import annotations


class SobaocaoError(Exception):
    """Base of every error sobaocao raises on purpose."""

    kind = "error"
    # What was learned of the file before the error and is still worth telling (a legacy .doc
    # converted, then no schema fitting it): set by ``check()``, shown with the error.
    notes: tuple = ()

    def __init__(self, vi: str, en: str | None = None) -> None:
        super().__init__(en or vi)
        self.vi = vi
        self.en = en or vi

    def message(self, lang: str = "vi") -> str:
        return self.vi if lang == "vi" else self.en


class InputError(SobaocaoError):
    """The file cannot be read as a Word report (not a .docx, truncated, encrypted, legacy .doc…)."""

    kind = "input"


class UnsafeInputError(SobaocaoError):
    """The file was refused for safety: it exceeds a limit (size, ratio, entries) or uses XML tricks.

    ``limit`` names the limit, ``value`` is what was measured and ``allowed`` the configured bound,
    so that a developer can raise the limit deliberately when a legitimate file trips it.
    """

    kind = "unsafe"

    def __init__(self, vi: str, en: str, *, limit: str, value: object = None, allowed: object = None) -> None:
        super().__init__(vi, en)
        self.limit = limit
        self.value = value
        self.allowed = allowed


class SchemaError(SobaocaoError):
    """A schema (request letter as data) is invalid; ``path`` points inside the YAML."""

    kind = "schema"

    def __init__(self, vi: str, en: str | None = None, *, source: str = "", path: str = "") -> None:
        where = f"{source}: {path}: " if path else (f"{source}: " if source else "")
        super().__init__(where + vi, where + (en or vi))
        self.source = source
        self.path = path


class ConfigError(SobaocaoError):
    """The user's configuration (options, sobaocao.toml) names an unknown rule or level."""

    kind = "config"


class NoSchemaError(SobaocaoError):
    """No built-in schema clearly fits the report and none was given; the message lists them."""

    kind = "no-schema"


class OutputError(SobaocaoError):
    """A file sobaocao was asked to write (results, summary, copy, template) cannot be written."""

    kind = "output"


class ExistingOutputError(OutputError):
    """The file to write exists and was not to be replaced (it may hold someone's work);
    ``path`` names it, so that a front end can say how to choose another name or overwrite."""

    def __init__(self, vi: str, en: str, *, path: str) -> None:
        super().__init__(vi, en)
        self.path = path
