"""The .docx layer: safe opening (``package``) and reading into a ``Document`` (``reader``)."""

from __future__ import annotations

from .reader import read_document

__all__ = ["read_document"]
