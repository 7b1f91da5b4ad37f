"""The .docx layer: safe opening (``package``) and reading into a ``Document`` (``reader``).

``read_document`` is imported on first use, so that importing ``sobaocao.docx.package`` (for
``Limits``) stays light for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .reader import read_document

__all__ = ["read_document"]


def __getattr__(name: str) -> Any:
    if name == "read_document":
        from .reader import read_document

        return read_document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
