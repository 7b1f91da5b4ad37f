"""The .docx layer: safe opening (``package``) and reading into a ``Document`` (``reader``).

``read_document`` and ``read_package`` are imported on first use, so that importing ``sobaocao.docx.package`` (for
``Limits``) stays light for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .reader import read_document, read_package

__all__ = ["read_document", "read_package"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
