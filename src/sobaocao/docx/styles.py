"""Style inheritance of ``styles.xml``, resolved once per document.

Word shows a paragraph with the properties of its document defaults, then its paragraph
style and every style that style is ``basedOn``, then its character style, then the run's own
properties; later layers win. The reader asks the same few questions thousands of times (is
this run bold, which font, is this paragraph a heading, which list does its style number), so
each style chain is folded once and cached here instead of being walked per run.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Hashable, Mapping
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from lxml import etree

from ..errors import InputError, UnsafeInputError
from ..headings import heading_style_level
from .package import Limits, PartCache, parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")
_Key = TypeVar("_Key")
_Folded = TypeVar("_Folded")
_FALSE = {"0", "false", "off", "none"}
_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV", "start", "end")


class RunProps(NamedTuple):
    """The run properties the reader needs; ``None`` means "not said at this layer".

    A named tuple, not a dataclass: one is made per distinct run formatting and per layer, in
    the reader's hottest loop.
    """

    font: str | None = None
    size: float | None = None  # points
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    hidden: bool | None = None
    style: str | None = None  # character style (w:rStyle) the run names

    def over(self, base: RunProps) -> RunProps:
        """These properties laid over ``base``: whatever this layer says wins."""
        if self == EMPTY_RUN:
            return base
        return RunProps(*[own if own is not None else inherited for own, inherited in zip(self, base)])


EMPTY_RUN = RunProps()


class ParagraphProps(NamedTuple):
    """Paragraph properties folded over a paragraph style chain (or given directly)."""

    style_id: str | None = None
    style_name: str | None = None
    outline_level: int | None = None  # 0-8; 9 (body text) is stored as None
    heading_level: int | None = None  # from a heading style name, 1-9
    num_id: str | None = None
    ilvl: int | None = None
    align: str | None = None
    mark_deleted: bool = False  # the paragraph mark is a tracked deletion (direct properties only)


def on_off(element: etree._Element) -> bool:
    """A toggle property such as ``<w:b/>`` or ``<w:b w:val="0"/>``."""
    return element.get(W_VAL, "true").lower() not in _FALSE


_ALIGN = {
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "both",
    "distribute": "both",
    "justify": "both",
}


def parse_run_props(rpr: etree._Element | None, theme_fonts: dict[str, str]) -> RunProps:
    """What one ``w:rPr`` says; theme font references are resolved through ``theme_fonts``.

    Called once per run of the document, so the helpers are written out inline.
    """
    if rpr is None:
        return EMPTY_RUN
    font = size = bold = italic = caps = hidden = style = None
    for child in rpr:
        tag = child.tag
        if tag == _RFONTS:
            font = _font_name(child, theme_fonts)
        elif tag == _SZ:
            value = child.get(W_VAL)
            # isdigit() also takes "²", which int() refuses, as it refuses more than 4,300 digits.
            size = number / 2 if value and value.isdigit() and (number := parse_int(value)) is not None else None
        elif tag == _RSTYLE:
            style = child.get(W_VAL)
        elif tag in _TOGGLES:
            value = child.get(W_VAL)
            toggle = value is None or value.lower() not in _FALSE
            if tag == _B:
                bold = toggle
            elif tag == _I:
                italic = toggle
            elif tag == _CAPS:
                caps = toggle
            else:
                hidden = toggle
    return RunProps(font, size, bold, italic, caps, hidden, style)


_RFONTS, _SZ, _B, _I, _CAPS, _VANISH, _RSTYLE = (w(t) for t in ("rFonts", "sz", "b", "i", "caps", "vanish", "rStyle"))
_TOGGLES = frozenset({_B, _I, _CAPS, _VANISH})


_FONT_ATTRIBUTES = (w("ascii"), w("hAnsi"))
_THEME_FONT_ATTRIBUTES = (w("asciiTheme"), w("hAnsiTheme"))


def _font_name(rfonts: etree._Element, theme_fonts: dict[str, str]) -> str | None:
    # Vietnamese letters and legacy-encoded bytes sit in the hAnsi range; plain ASCII in ascii.
    for attr in _FONT_ATTRIBUTES:
        name = rfonts.get(attr)
        if name:
            return name
    for attr in _THEME_FONT_ATTRIBUTES:
        theme = rfonts.get(attr)
        if theme:
            return theme_fonts.get("major" if theme.startswith("major") else "minor")
    return None


def theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """The theme's Latin fonts: {"major": ..., "minor": ...} (headings and body)."""
    found: dict[str, str] = {}
    if theme is None:
        return found
    for kind in ("major", "minor"):
        latin = theme.find(f".//{{{A_NS}}}{kind}Font/{{{A_NS}}}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = latin.get("typeface")
    return found


def theme_fonts_of_part(data: bytes, *, part: str, name: str, limits: Limits) -> dict[str, str]:
    """``theme_fonts`` of a theme part given as bytes, remembered with them (``PartCache``).

    The theme is read for its two font names only, and reports made from one template carry
    the same theme byte for byte (python-docx's: 11 KB, about 0.2 ms to parse). Whether the
    part parses depends on its bytes and the node limit alone.
    """

    def read_fonts() -> dict[str, str]:
        return theme_fonts(parse_xml(data, part=part, name=name, limits=limits))

    return dict(_THEME_FONTS.get(data, read_fonts, depends_on=limits.max_xml_nodes, keep=lambda fonts: True))


_THEME_FONTS = PartCache(4, max_bytes=512 * 1024)  # Office's themes: 7-300 KB


def parse_paragraph_props(ppr: etree._Element | None) -> ParagraphProps:
    """What one ``w:pPr`` says directly (style reference, numbering, outline level, alignment)."""
    if ppr is None:
        return ParagraphProps()
    style_id = outline = num_id = ilvl = align = None
    mark_deleted = False
    for child in ppr:
        tag = child.tag
        if tag == _RPR:
            mark_deleted = any(True for _ in child.iterchildren(_DEL, _MOVE_FROM))
        elif tag == _PSTYLE:
            style_id = child.get(W_VAL)
        elif tag == _NUMPR:
            for item in child:
                if item.tag == _NUMID:
                    num_id = item.get(W_VAL)
                elif item.tag == _ILVL:
                    ilvl = parse_int(item.get(W_VAL))
        elif tag == _OUTLINE:
            outline = parse_int(child.get(W_VAL))
        elif tag == _JC:
            align = _ALIGN.get(child.get(W_VAL, ""))
    return ParagraphProps(style_id, None, outline, None, num_id, ilvl, align, mark_deleted)


_PSTYLE, _NUMPR, _NUMID, _ILVL, _OUTLINE, _JC, _RPR, _DEL, _MOVE_FROM = (
    w(t) for t in ("pStyle", "numPr", "numId", "ilvl", "outlineLvl", "jc", "rPr", "del", "moveFrom")
)


def parse_int(value: str | None, default: int | None = None) -> int | None:
    """A decimal attribute such as ``w:ilvl``, or ``default`` when it is absent or not a number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class StyleSheet:
    """The styles of one document, with folded chains cached per style id."""

    def __init__(self, root: etree._Element | None, theme: etree._Element | Mapping[str, str] | None = None) -> None:
        """``theme``: the theme part's root, or its fonts already read (``theme_fonts_of_part``)."""
        self.theme_fonts = dict(theme) if isinstance(theme, Mapping) else theme_fonts(theme)
        self._styles: dict[str, etree._Element] = {}
        self._unparsed: Mapping[str, tuple[int, int]] = {}  # style id -> where its markup is (never changed)
        self._markup = self._envelope = b""
        self._parse_style: Callable[[bytes], etree._Element] | None = None  # parses a style or the whole part
        self.default_paragraph_style: str | None = None
        self.default_character_style: str | None = None
        self.default_run = EMPTY_RUN
        self.default_paragraph = ParagraphProps()
        # What is folded, by style id: shared by the sheets of one part (``from_part``), and
        # bounded (``_kept``) since the ids asked for come from the documents.
        self._run_cache: dict[tuple[str | None, str | None], RunProps] = {}
        self._paragraph_cache: dict[str | None, ParagraphProps] = {}
        self._border_cache: dict[str | None, bool] = {}
        if root is not None:
            self._index_tree(root)

    @classmethod
    def from_part(
        cls,
        data: bytes,
        parse: Callable[[bytes], etree._Element],
        theme: etree._Element | Mapping[str, str] | None = None,
        *,
        parse_settings: Hashable = None,
    ) -> StyleSheet:
        """The styles of a ``styles.xml`` given as bytes, parsing only the styles a document uses.

        Word's templates define a hundred and more styles (python-docx's default: 164 in 349 KB,
        most of them table styles) and a document uses a handful; parsing the whole part costs
        about half as much as parsing a 25-page body. So the part is cut at its ``w:style``
        elements, which never nest, and each one is parsed with ``parse`` (the safe parser) the
        first time it is asked for. Markup this cut cannot be sure of (another prefix or
        encoding, comments, CDATA, a DOCTYPE, an entity in a style id, a piece that does not
        parse) is parsed whole, exactly as before. Where the styles sit is remembered by the
        part's bytes (``cut_styles``), since reports made from one template share it.

        ``parse_settings`` is what ``parse`` depends on besides the bytes it is given (for
        ``parse_xml``, the node limit). When it is given, the sheets of every document carrying
        the same part, theme and settings share what they find, which depends on nothing else:
        the document defaults and each folded style, so that a process checking reports made
        from one template parses and folds each style once (``_SHARED_SHEETS``). Each document
        still parses what is new to it with its own ``parse``, so an error names its own file.
        """
        if parse_settings is None:
            return cls._indexed(data, parse, theme)
        fonts = dict(theme) if isinstance(theme, Mapping) else theme_fonts(theme)
        sheet = _SHARED_SHEETS.get(
            data,
            lambda: cls._indexed(data, parse, fonts),
            depends_on=(tuple(sorted(fonts.items())), parse_settings),
            keep=StyleSheet._is_cut,
        )
        return sheet._for_document(parse) if sheet._is_cut() else sheet

    @classmethod
    def _indexed(
        cls, data: bytes, parse: Callable[[bytes], etree._Element], theme: etree._Element | Mapping[str, str] | None
    ) -> StyleSheet:
        sheet = cls(None, theme)
        if not sheet._index_markup(data, parse):
            sheet._index_tree(parse(data))
        return sheet

    def _is_cut(self) -> bool:
        """Whether the part is read style by style (the markup had the shape the cut is sure of)."""
        return self._parse_style is not None

    def _for_document(self, parse: Callable[[bytes], etree._Element]) -> StyleSheet:
        """A sheet of the same part for one more document: the defaults, where the styles sit
        and what is folded are shared; the styles it parses, with ``parse``, are its own."""
        sheet = copy.copy(self)
        sheet._styles, sheet._parse_style = {}, parse
        return sheet

    def _index_tree(self, root: etree._Element) -> None:
        self._styles, self._unparsed = {}, {}
        self.default_paragraph_style = self.default_character_style = None
        for style in root.iter(_STYLE):
            style_id = style.get(_STYLE_ID)
            if style_id is None:
                continue
            self._styles[style_id] = style
            if on_off_attr(style.get(_DEFAULT)):
                self._set_default(style.get(_TYPE), style_id)
        self._set_doc_defaults(root.find(w("docDefaults")))

    def _index_markup(self, data: bytes, parse: Callable[[bytes], etree._Element]) -> bool:
        """Index the ``w:style`` elements of ``data`` by id without parsing them; False when the
        markup is not the plain shape Word and python-docx write (see ``from_part``)."""
        cut = cut_styles(data)
        if cut is None:
            return False
        try:
            root = parse(cut.head)
        except InputError:
            return False  # the whole part is parsed instead, and tells what is wrong where
        if root.tag != _STYLES or root.nsmap.get("w") != W_NS or not is_utf8(root):
            return False
        self._unparsed, self._parse_style, self._markup, self._envelope = cut.places, parse, data, cut.envelope
        for kind, style_id in cut.defaults:
            self._set_default(kind, style_id)
        self._set_doc_defaults(root.find(w("docDefaults")))
        return True

    def _set_default(self, kind: str | None, style_id: str) -> None:
        if kind == "paragraph":
            self.default_paragraph_style = style_id
        elif kind == "character":
            self.default_character_style = style_id

    def _set_doc_defaults(self, defaults: etree._Element | None) -> None:
        if defaults is not None:
            self.default_run = parse_run_props(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"), self.theme_fonts)
            self.default_paragraph = parse_paragraph_props(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))

    def _style(self, style_id: str | None) -> etree._Element | None:
        """The ``w:style`` element of an id, parsed on first use."""
        if not style_id:
            return None
        style = self._styles.get(style_id)
        if style is None and style_id in self._unparsed:
            start, end = self._unparsed[style_id]
            try:
                style = self._parse_style(self._envelope + self._markup[start:end] + b"</w:styles>")[0]
            except (InputError, UnsafeInputError):
                # Not a piece that stands alone after all: parse the part whole, which either
                # reads it or reports the error where it really is.
                self._index_tree(self._parse_style(self._markup))
                return self._styles.get(style_id)
            self._styles[style_id] = style
        return style

    def name(self, style_id: str | None) -> str | None:
        style = self._style(style_id)
        if style is None:
            return style_id
        name = style.find(w("name"))
        return name.get(W_VAL) if name is not None else style_id

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and its ``basedOn`` ancestors, nearest first; cycles are cut."""
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id not in seen:
            style = self._style(style_id)
            if style is None:
                break
            seen.add(style_id)
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(W_VAL) if based is not None else None
        return chain

    def paragraph_style(self, style_id: str | None) -> ParagraphProps:
        """Paragraph properties of a style folded over its chain (the default style if None)."""
        style_id = style_id or self.default_paragraph_style
        cached = self._paragraph_cache.get(style_id)
        if cached is None:
            cached = _kept(self._paragraph_cache, style_id, self._fold_paragraph_style(style_id))
        return cached

    def _fold_paragraph_style(self, style_id: str | None) -> ParagraphProps:
        folded = self.default_paragraph
        for style in reversed(self._chain(style_id)):
            own = parse_paragraph_props(style.find(w("pPr")))
            folded = ParagraphProps(
                outline_level=_pick(own.outline_level, folded.outline_level),
                num_id=_pick(own.num_id, folded.num_id),
                ilvl=_pick(own.ilvl, folded.ilvl),
                align=_pick(own.align, folded.align),
            )
        name = self.name(style_id)
        outline = folded.outline_level if folded.outline_level is not None and folded.outline_level < 9 else None
        return folded._replace(
            style_id=style_id,
            style_name=name,
            outline_level=outline,
            heading_level=heading_style_level(name),
        )

    def run_base(self, paragraph_style: str | None, character_style: str | None) -> RunProps:
        """Run properties before the run's own ``w:rPr``: defaults, paragraph style, character style."""
        key = (paragraph_style, character_style)
        cached = self._run_cache.get(key)
        if cached is None:
            cached = self.default_run
            for style in reversed(self._chain(paragraph_style or self.default_paragraph_style)):
                cached = parse_run_props(style.find(w("rPr")), self.theme_fonts).over(cached)
            for style in reversed(self._chain(character_style or self.default_character_style)):
                cached = parse_run_props(style.find(w("rPr")), self.theme_fonts).over(cached)
            _kept(self._run_cache, key, cached)
        return cached

    def numbering_style_num_id(self, style_id: str) -> str | None:
        """The ``numId`` a numbering style (``w:type="numbering"``) carries, for ``numStyleLink``."""
        for style in self._chain(style_id):
            num_id = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
            if num_id is not None:
                return num_id.get(W_VAL)
        return None

    def table_has_borders(self, style_id: str | None) -> bool:
        """Whether a table style (or its chain) draws any border."""
        cached = self._border_cache.get(style_id)
        if cached is None:
            cached = _kept(self._border_cache, style_id, any(
                has_visible_border(style.find(f"{w('tblPr')}/{w('tblBorders')}")) for style in self._chain(style_id)
            ))
        return cached


_FOLDED_KEPT = 512  # results per cache of a sheet; a report asks for a few dozen
_KEPT_TEXT_CHARS = 100  # style ids, names and fonts of a kept result; Word's own: up to about 40


def _kept(cache: dict[_Key, _Folded], key: _Key, value: _Folded) -> _Folded:
    """``value``, kept in ``cache`` unless the cache is full or a text in the key or the value is
    long: style ids come from the documents, and the caches of a shared sheet outlive them."""
    if len(cache) < _FOLDED_KEPT and _short_texts(key) and _short_texts(value):
        cache[key] = value
    return value


def _short_texts(item: object) -> bool:
    fields = item if isinstance(item, tuple) else (item,)
    return all(len(field) <= _KEPT_TEXT_CHARS for field in fields if isinstance(field, str))


# Sheets of 4 parts, each holding what is shared only (no parsed style) and at most 3 x 512
# folded results of short texts: about 10 MB however hostile the documents, a few KB for real ones.
_SHARED_SHEETS = PartCache(4, max_bytes=2**20)


_STYLES, _STYLE, _STYLE_ID, _DEFAULT, _TYPE = (w(t) for t in ("styles", "style", "styleId", "default", "type"))
_ROOT_START = re.compile(rb"<w:styles(?=[\s/>])[^>]*>")
_STYLE_START = re.compile(rb"<w:style(?=[\s/>])([^>]*)>")
_STYLE_END = b"</w:style>"
_STYLE_ID_ATTRIBUTE = re.compile(rb' w:styleId="([^"]*)"')
_STYLE_ATTRIBUTE = re.compile(rb"\bw:(styleId|type|default)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_LATENT_STYLES = re.compile(rb"<w:latentStyles\b")
_LATENT_STYLES_END = b"</w:latentStyles>"


class StylesCut(NamedTuple):
    """Where the styles of a ``styles.xml`` sit in its bytes, read without a parser."""

    envelope: bytes  # XML declaration and root start tag: every namespace a style may use
    head: bytes  # the part before its first style, without latent styles, closed: the document defaults
    places: Mapping[str, tuple[int, int]]  # style id -> start and end of its markup (read-only: shared)
    defaults: tuple[tuple[str, str], ...]  # (type as written, style id) of each style marked default


def cut_styles(data: bytes) -> StylesCut | None:
    """``_cut_styles`` of a part, remembered with its bytes (``PartCache``).

    Reports made from one template carry the same style sheet byte for byte, and comparing it
    costs a fraction of cutting it. The cut depends on the bytes alone (parsing, which depends
    on the file's name and limits, happens afterwards for each document).
    """
    return _CUTS.get(data, lambda: _cut_styles(data), keep=_small_cut)


# At most 8 parts of 1 MB with cuts of at most 2048 styles and 64 KB of head: about 10 MB
# however hostile the parts are. Word's own templates hold a few hundred styles in 50-400 KB
# and about 1 KB of document defaults.
_CUTS = PartCache(8, max_bytes=2**20)


def _small_cut(cut: StylesCut | None) -> bool:
    return cut is None or (len(cut.places) <= 2048 and len(cut.head) <= 64 * 1024)


def _cut_styles(data: bytes) -> StylesCut | None:
    """Cut ``data`` at its ``w:style`` elements; None when the markup is not the plain shape
    Word and python-docx write (see ``StyleSheet.from_part``)."""
    root_tag = _ROOT_START.search(data, 0, 4096)
    if root_tag is None or b"<!" in data[: root_tag.start()]:
        return None
    places: dict[str, tuple[int, int]] = {}
    defaults: list[tuple[bytes, str]] = []
    head_end = end = None
    for tag in _STYLE_START.finditer(data, root_tag.end()):
        start, attributes = tag.start(), tag.group(1)
        if end is not None and (start < end or data[end:start].strip()):
            return None  # a style inside a style, or something between two styles
        if head_end is None:
            head_end = start
        end = tag.end()
        if not attributes.endswith(b"/"):
            end = data.find(_STYLE_END, end)
            if end < 0:
                return None
            end += len(_STYLE_END)
        found = _STYLE_ID_ATTRIBUTE.search(attributes)
        if found is None:
            if b"styleId" in attributes:
                return None  # written some other way
            continue
        style_id = found.group(1)
        if b"&" in style_id:
            return None
        try:
            key = style_id.decode()
        except UnicodeDecodeError:
            return None  # another encoding, or bytes the parser will refuse (with a message)
        places[key] = (start, end)
        if b"default" in attributes:
            values = {
                name: double if double is not None else single
                for name, double, single in _STYLE_ATTRIBUTE.findall(attributes)
            }
            try:
                default, kind = ((values.get(name) or b"").decode() for name in (b"default", b"type"))
            except UnicodeDecodeError:
                return None  # bytes the parser will refuse, with a message
            if on_off_attr(default or None):
                defaults.append((kind, key))
    if end is not None and data[end:].strip() != b"</w:styles>":
        return None
    if head_end is None or data.find(b"<w:docDefaults", end) >= 0:
        return None
    head = _without_latent_styles(data[:head_end]) + b"</w:styles>"
    return StylesCut(data[: root_tag.end()], head, MappingProxyType(places), tuple(defaults))


def _without_latent_styles(head: bytes) -> bytes:
    """The head without its ``w:latentStyles`` (Word's 14 KB list of styles a document may
    add), which the document defaults never need."""
    kept, position = [], 0
    while (latent := _LATENT_STYLES.search(head, position)) is not None:
        end = head.find(_LATENT_STYLES_END, latent.end())
        if end < 0:
            break
        kept.append(head[position : latent.start()])
        position = end + len(_LATENT_STYLES_END)
    kept.append(head[position:])
    return b"".join(kept)


def is_utf8(root: etree._Element) -> bool:
    """Whether the part was written in UTF-8, the encoding the markup is read in when it is cut
    without a parser; the parser's view, so any way of writing the declaration counts."""
    return (root.getroottree().docinfo.encoding or "UTF-8").lower() in ("utf-8", "utf8")


def has_visible_border(borders: etree._Element | None) -> bool:
    """A ``w:tblBorders``/``w:tcBorders`` element with at least one side drawn."""
    if borders is None:
        return False
    return any(
        side.get(W_VAL, "nil") not in ("nil", "none") for side in borders if etree.QName(side).localname in _BORDER_SIDES
    )


def on_off_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _FALSE


def _pick(own, inherited):
    return own if own is not None else inherited
