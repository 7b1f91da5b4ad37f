"""Bilingual text: every message a user reads exists in Vietnamese (default) and English."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Lang = Literal["vi", "en"]


class Localized(BaseModel):
    """A message in both languages; renderers pick one with ``text(lang)``."""

    model_config = ConfigDict(frozen=True)

    vi: str
    en: str

    def text(self, lang: Lang = "vi") -> str:
        return self.vi if lang == "vi" else self.en

    def __str__(self) -> str:
        return self.vi


def L(vi: str, en: str) -> Localized:
    """Short constructor used by rules: ``L("Thiếu mục …", "Missing section …")``."""
    return Localized(vi=vi, en=en)
