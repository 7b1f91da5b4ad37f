"""sobaocao: check Vietnamese reports (.docx) against the request letter that asked for them.

    >>> import sobaocao
    >>> result = sobaocao.check("bao-cao.docx", schema="cv630-ct07")
    >>> [f.rule for f in result.findings]

Heavy modules (python-docx, lxml, pydantic models) load on first use, so that the command line's
``--help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "check": "sobaocao.api",
    "load_schema": "sobaocao.registry",
    "read_document": "sobaocao.docx",
    "Config": "sobaocao.config",
    "CheckResult": "sobaocao.finding",
    "Finding": "sobaocao.finding",
    "Severity": "sobaocao.finding",
    "Document": "sobaocao.document",
    "Schema": "sobaocao.schema",
    "Limits": "sobaocao.docx.package",
    "SobaocaoError": "sobaocao.errors",
    "InputError": "sobaocao.errors",
    "UnsafeInputError": "sobaocao.errors",
    "SchemaError": "sobaocao.errors",
    "ConfigError": "sobaocao.errors",
    "NoSchemaError": "sobaocao.errors",
}

if TYPE_CHECKING:
    from .api import check
    from .config import Config
    from .docx import read_document
    from .docx.package import Limits
    from .document import Document
    from .errors import ConfigError, InputError, NoSchemaError, SchemaError, SobaocaoError, UnsafeInputError
    from .finding import CheckResult, Finding, Severity
    from .registry import load_schema
    from .schema import Schema


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sobaocao' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)


__all__ = sorted(_EXPORTS) + ["__version__"]
