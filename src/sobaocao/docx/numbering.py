"""Automatic numbering labels, computed the way Word displays them.

A numbered paragraph stores only a list instance (``numId``) and a level (``ilvl``); the label
a reader sees ("II.", "1.2.", "b)") is computed by Word while it lays the document out, from
the list definition in ``numbering.xml`` and the paragraphs numbered before. ``Numbering``
replays that: it resolves ``w:num`` → ``w:abstractNum`` (following ``numStyleLink`` to the
list style that carries the definition), applies ``lvlOverride``, and keeps one set of
counters per list. Paragraphs must be fed in document order, once each.

Word's counting rules kept here:
- every ``w:num`` pointing to the same abstract definition (directly or through a list style)
  continues one list, unless it restarts with a ``startOverride``, which gives it counters of
  its own;
- using a level resets the deeper levels, except a level whose ``lvlRestart`` is 0 (never) or
  names a level above the one used;
- ``%n`` in ``lvlText`` is rendered in level n's own format, or in decimal when the current
  level is ``isLgl``; a level not used yet shows its start value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from lxml import etree

from ..vietnamese.labels import int_to_roman, latin_letter
from .package import Limits, PartCache, parse_xml
from .styles import W_VAL, StyleSheet, on_off, parse_int, w

MAX_LEVELS = 9
MAX_START = 32767  # Word's own bound; a hostile larger start would make letter labels huge
_LEVEL_REFERENCE = re.compile(r"%([1-9])")
_SYMBOL_FONTS = ("symbol", "wingdings", "webdings")
BULLET = "•"


@dataclass(frozen=True)
class Level:
    """One ``w:lvl`` of a list definition."""

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None  # lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # isLgl
    paragraph_style: str | None = None
    font: str | None = None


# What one w:lvl (or w:startOverride) says: (field of Level, value) pairs, "start" as written
# because a start that is not a number keeps the start of the level it changes (``_patched``).
LevelPatch = tuple[tuple[str, object], ...]


@dataclass
class _ListDefinition:
    levels: dict[int, Level] = field(default_factory=dict)
    style_link: str | None = None  # numStyleLink: the definition lives in that list style


class _Override(NamedTuple):
    """One w:lvlOverride: its level, and what its w:lvl and w:startOverride change, in order."""

    ilvl: int
    patches: tuple[LevelPatch, ...]


class _Instance(NamedTuple):
    abstract_id: str
    overrides: tuple[_Override, ...]
    restarts: bool  # has a startOverride: counts on its own


def _patched(level: Level, patch: LevelPatch) -> Level:
    values = {name: _start(value, level.start) if name == "start" else value for name, value in patch}
    return Level(**{**level.__dict__, **values})


def _level_patch(lvl: etree._Element) -> LevelPatch:
    values: dict[str, object] = {}
    for child in lvl:
        tag = child.tag
        if tag == _START:
            values["start"] = child.get(W_VAL)
        elif tag == _NUMFMT:
            values["fmt"] = child.get(W_VAL, "decimal")
        elif tag == _LVLTEXT:
            values["text"] = child.get(W_VAL, "")
        elif tag == _LVLRESTART:
            values["restart"] = parse_int(child.get(W_VAL))
        elif tag == _ISLGL:
            values["legal"] = on_off(child)
        elif tag == _PSTYLE:
            values["paragraph_style"] = child.get(W_VAL)
        elif tag == _RPR:
            fonts = child.find(w("rFonts"))
            if fonts is not None:
                values["font"] = fonts.get(w("ascii")) or fonts.get(w("hAnsi"))
    return tuple(values.items())


_START, _NUMFMT, _LVLTEXT, _LVLRESTART, _ISLGL, _PSTYLE, _RPR = (
    w(t) for t in ("start", "numFmt", "lvlText", "lvlRestart", "isLgl", "pStyle", "rPr")
)


def _parse_definition(abstract: etree._Element) -> _ListDefinition:
    definition = _ListDefinition()
    for child in abstract:
        if child.tag == _LVL:
            definition.levels[parse_int(child.get(_ILVL), 0)] = _patched(Level(), _level_patch(child))
        elif child.tag == _NUM_STYLE_LINK:
            definition.style_link = child.get(W_VAL)
    return definition


def _abstract_elements(root: etree._Element) -> dict[str, etree._Element]:
    return {abstract.get(_ABSTRACT_NUM_ID, ""): abstract for abstract in root.iter(_ABSTRACT_NUM)}


def _instances(root: etree._Element) -> dict[str, _Instance]:
    """Each w:num: the definition it uses, and its overrides read into patches."""
    instances: dict[str, _Instance] = {}
    for num in root.iter(_NUM):
        abstract_ref = num.find(_ABSTRACT_NUM_ID)
        if abstract_ref is None:
            continue
        overrides, restarts = [], False
        for override in num.iter(_LVL_OVERRIDE):
            patches = []
            replacement = override.find(_LVL)
            if replacement is not None:
                patches.append(_level_patch(replacement))
            start = override.find(_START_OVERRIDE)
            if start is not None:
                patches.append((("start", start.get(W_VAL)),))
                restarts = True
            overrides.append(_Override(parse_int(override.get(_ILVL), 0), tuple(patches)))
        instances[num.get(_NUM_ID, "")] = _Instance(abstract_ref.get(W_VAL, ""), tuple(overrides), restarts)
    return instances


class _Lists(NamedTuple):
    """Every list of a numbering part, read whole: what ``Numbering.from_part`` remembers."""

    definitions: Mapping[str, _ListDefinition]
    instances: Mapping[str, _Instance]


def _read_lists(root: etree._Element) -> _Lists:
    definitions = {abstract_id: _parse_definition(abstract) for abstract_id, abstract in _abstract_elements(root).items()}
    return _Lists(MappingProxyType(definitions), MappingProxyType(_instances(root)))


def _few_lists(lists: _Lists) -> bool:
    return len(lists.definitions) + len(lists.instances) <= 2000  # Word's parts: a few dozen


_LISTS = PartCache(8, max_bytes=512 * 1024)  # Word's numbering parts: 5-100 KB


_ABSTRACT_NUM, _ABSTRACT_NUM_ID, _NUM, _NUM_ID, _LVL, _ILVL, _NUM_STYLE_LINK, _LVL_OVERRIDE, _START_OVERRIDE = (
    w(t) for t in ("abstractNum", "abstractNumId", "num", "numId", "lvl", "ilvl", "numStyleLink", "lvlOverride", "startOverride")
)


def _start(value: str | None, default: int) -> int:
    return min(max(parse_int(value, default), 0), MAX_START)


def format_number(value: int, fmt: str) -> str:
    """One counter in a ``w:numFmt``; formats Vietnamese reports never use fall back to decimal."""
    if fmt == "none":
        return ""
    if value < 1:  # Roman numerals and letters have no zero; Word shows the number
        return str(value)
    if fmt == "upperRoman":
        return int_to_roman(min(value, 3999))
    if fmt == "lowerRoman":
        return int_to_roman(min(value, 3999)).lower()
    if fmt == "upperLetter":
        return latin_letter(value).upper()
    if fmt == "lowerLetter":
        return latin_letter(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def bullet_label(level: Level) -> str:
    """The bullet as text: symbol-font and private-use glyphs become "•", others stay ("-", "+")."""
    text = level.text
    if not text:
        return ""
    font = (level.font or "").lower()
    if any(0xF000 <= ord(char) <= 0xF0FF for char in text) or font.startswith(_SYMBOL_FONTS):
        return BULLET if text.strip() not in ("-", "+") else text.strip()
    return text


class Numbering:
    """List definitions of one document and the running counters of its lists.

    A template defines many lists and a report uses a few, so a definition is read the first
    time a list that uses it is asked for.
    """

    def __init__(self, root: etree._Element | None, styles: StyleSheet) -> None:
        self._styles = styles
        self._abstracts: dict[str, etree._Element] = {}  # w:abstractNum by id, until read
        self._definitions: dict[str, _ListDefinition] = {}
        self._instances: Mapping[str, _Instance] = {}
        self._counters: dict[tuple[str, str], list[int | None]] = {}
        self._levels_cache: dict[str, dict[int, Level]] = {}
        if root is not None:
            self._abstracts, self._instances = _abstract_elements(root), _instances(root)

    @classmethod
    def from_part(cls, data: bytes, styles: StyleSheet, *, part: str, name: str, limits: Limits) -> Numbering:
        """The numbering of a numbering part given as bytes, its lists read whole once per
        distinct part (``PartCache``): reports made from one template share them. Whether the
        part parses depends on its bytes and the node limit alone."""

        def read_lists() -> _Lists:
            return _read_lists(parse_xml(data, part=part, name=name, limits=limits))

        lists = _LISTS.get(data, read_lists, depends_on=limits.max_xml_nodes, keep=_few_lists)
        numbering = cls(None, styles)
        numbering._definitions, numbering._instances = dict(lists.definitions), lists.instances
        return numbering

    def _definition(self, abstract_id: str) -> _ListDefinition | None:
        definition = self._definitions.get(abstract_id)
        if definition is None and abstract_id in self._abstracts:
            definition = self._definitions[abstract_id] = _parse_definition(self._abstracts[abstract_id])
        return definition

    def _definition_id(self, abstract_id: str, seen: frozenset[str] = frozenset()) -> str:
        """The abstract definition that holds the levels: ``numStyleLink`` leads through a list
        style to the definition carrying its ``styleLink``."""
        definition = self._definition(abstract_id)
        if definition is not None and definition.style_link and abstract_id not in seen:
            linked = self._instances.get(self._styles.numbering_style_num_id(definition.style_link) or "")
            if linked is not None and linked.abstract_id != abstract_id:
                return self._definition_id(linked.abstract_id, seen | {abstract_id})
        return abstract_id

    def _own_levels(self, abstract_id: str) -> dict[int, Level]:
        definition = self._definition(self._definition_id(abstract_id))
        return definition.levels if definition is not None else {}

    def _levels(self, num_id: str) -> dict[int, Level]:
        levels = self._levels_cache.get(num_id)
        if levels is None:
            instance = self._instances[num_id]
            levels = dict(self._own_levels(instance.abstract_id))
            for override in instance.overrides:
                level = levels.get(override.ilvl, Level())
                for patch in override.patches:
                    level = _patched(level, patch)
                levels[override.ilvl] = level
            self._levels_cache[num_id] = levels
        return levels

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level a list gives a paragraph style (``w:lvl/w:pStyle``), when ``ilvl`` is absent."""
        if num_id in self._instances and style_id:
            for ilvl, level in self._levels(num_id).items():
                if level.paragraph_style == style_id:
                    return ilvl
        return 0

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """Advance the list of ``num_id`` at level ``ilvl`` and return the label Word shows.

        None when the paragraph is not numbered (``numId`` 0 or unknown).
        """
        if not num_id or num_id == "0" or num_id not in self._instances:
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        levels = self._levels(num_id)
        instance = self._instances[num_id]
        key = ("num", num_id) if instance.restarts else ("abstract", self._definition_id(instance.abstract_id))
        counters = self._counters.setdefault(key, [None] * MAX_LEVELS)
        level = levels.get(ilvl, Level())
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return bullet_label(level)

        def render(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, Level())
            value = counters[index] if counters[index] is not None else shown.start
            fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
            return format_number(value, fmt)

        return _LEVEL_REFERENCE.sub(render, level.text)
