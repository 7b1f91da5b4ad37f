"""Open a .docx package safely, before any XML parser sees its bytes.

A report arrives from outside the office, so the zip container and every XML part are treated
as hostile: sizes, entry count and compression ratio are checked against ``Limits`` from the
zip directory before anything is inflated, the real inflated size is capped again while
reading (a directory can lie), and XML is parsed with entities, DTDs and network access off.
Anything that is not a .docx is recognised for what it is, so the message can tell an office
worker what to do with that file. Only ``InputError`` and ``UnsafeInputError`` leave here.
"""

from __future__ import annotations

import io
import posixpath
import stat
import struct
import threading
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from lxml import etree

from ..errors import InputError, UnsafeInputError

MiB = 2**20

CONTENT_TYPES_PART = "[Content_Types].xml"
DEFAULT_MAIN_PART = "word/document.xml"
# Transitional and Strict OOXML name the main-document relationship differently.
_OFFICE_DOCUMENT_REL_TYPES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_ALLOWED_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"
_CENTRAL_SIGNATURE = b"PK\x01\x02"
# A zip starts with its first entry, or with the end record when it has no entry at all.
_ZIP_SIGNATURES = (_LOCAL_HEADER_SIGNATURE, b"PK\x05\x06")


@dataclass(frozen=True)
class Limits:
    """Bounds for one call; the defaults admit any real report with a wide margin.

    A legitimate file that trips a limit names it in the error (``limit``), so a caller can
    raise that one bound deliberately for that call. XML depth (256 levels) and the size of a
    single text node (10 MB) are bounded by libxml2's own safe defaults, which stay on.
    """

    max_file_bytes: int = 50 * MiB
    max_entries: int = 1000
    max_entry_bytes: int = 64 * MiB  # declared and actual inflated size of one part
    max_total_bytes: int = 200 * MiB  # declared inflated size of all parts together
    max_ratio: float = 100.0  # inflated / compressed, for parts larger than ratio_min_bytes
    ratio_min_bytes: int = 1 * MiB  # small parts of repeated markup compress well and are harmless
    max_xml_nodes: int = 1_000_000  # "<" and "=" in one XML part: about 125 MB of tree at most


def _xml_parser() -> etree.XMLParser:
    # A new parser per parse: lxml parsers are not safe to share between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )


T = TypeVar("T")


class PartCache:
    """A few results derived from the bytes of a part, each kept with those bytes and given
    back only for the very same bytes; the least recently used is dropped first.

    Reports made from one template carry the same styles, theme, numbering and relationships
    byte for byte, so a process checking many of them derives each result once. The bytes are
    compared whole, which costs a fraction of hashing them (350 KB of styles: 13 against 230 us
    for SHA-256); entries are found by length, beginning and end, so one comparison decides.
    Only parts up to ``max_bytes`` are kept: the caches of the reader hold at most about 34 MB
    however hostile the files (inflated parts 14 x 1.25 MB, styles 8 x 1 MB, numbering 8 x
    512 KB, theme 4 x 512 KB, relationships 32 x 64 KB), a few MB for real reports, where the
    parts the caches share are one and the same bytes. Only results are kept, never errors: a
    part that fails is read again for each file, with that file's name in the message.
    """

    def __init__(self, size: int, max_bytes: int) -> None:
        self._size = size
        self._max_bytes = max_bytes
        self._entries: OrderedDict[tuple[int, bytes, bytes, Hashable], tuple[bytes, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every kept result (to time a process that has seen no part yet)."""
        with self._lock:
            self._entries.clear()

    def get(self, data: bytes, derive: Callable[[], T], *, depends_on: Hashable = None, keep: Callable[[T], bool]) -> T:
        """``derive()``, which must depend on ``data`` and ``depends_on`` alone and must not be
        changed by its callers; ``keep`` says whether a result is small enough to be kept."""
        if len(data) > self._max_bytes:
            return derive()
        key = (len(data), data[:_CACHE_AFFIX], data[-_CACHE_AFFIX:], depends_on)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == data:
                self._entries.move_to_end(key)
                return entry[1]
        value = derive()
        if keep(value):
            with self._lock:
                self._entries[key] = (data, value)
                self._entries.move_to_end(key)
                if len(self._entries) > self._size:
                    self._entries.popitem(last=False)
        return value


_CACHE_AFFIX = 64  # bytes of each end of a part in the key that finds its entry


class Package:
    """The parts of one .docx, checked and held in memory; the input file is never reopened."""

    def __init__(self, name: str, archive: zipfile.ZipFile, limits: Limits, data: bytes) -> None:
        self.name = name
        self._archive = archive
        self._data = data  # the whole file, which the archive reads from
        self._limits = limits
        self._infos = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        # OPC part names compare case-insensitively; lookups forgive a differently cased name.
        self._by_folded = {filename.casefold(): filename for filename in self._infos}
        self.parts: list[str] = list(self._infos)
        self.main_part: str = DEFAULT_MAIN_PART

    def _entry(self, part: str) -> zipfile.ZipInfo | None:
        filename = self._by_folded.get(part.lstrip("/").casefold())
        return self._infos[filename] if filename is not None else None

    def has(self, part: str) -> bool:
        return self._entry(part) is not None

    def read(self, part: str) -> bytes:
        """The inflated bytes of a part, reading at most one byte past the size limit."""
        info = self._entry(part)
        if info is None:
            raise InputError(
                f"Tệp «{self.name}» thiếu phần «{part}» nên không đọc được.",
                f"File '{self.name}' has no part '{part}', so it cannot be read.",
            )
        allowed = self._limits.max_entry_bytes
        try:
            with self._archive.open(info) as stream:  # zipfile checks the entry's local header here
                # zlib grows its output as it inflates, so asking for one byte more than
                # allowed costs only what the part really holds, and tells a part too large.
                # The same stored bytes decoded the same way inflate to the same part, so the
                # parts a template gives every report are inflated once (``_INFLATED``).
                cache = _MAIN_INFLATED if info is self._entry(self.main_part) else _INFLATED
                data = cache.get(
                    self._stored(info),
                    lambda: stream.read(allowed + 1),
                    depends_on=(info.compress_type, info.compress_size, info.file_size, info.CRC, allowed),
                    keep=lambda inflated: len(inflated) <= min(allowed, _INFLATED_KEPT_BYTES),
                )
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise _damaged(self.name, part) from exc
        if len(data) > allowed:
            raise _too_large_part(self.name, part, len(data), allowed, measured="actual")
        return data

    def _stored(self, info: zipfile.ZipInfo) -> bytes:
        """An entry's bytes as stored in the file, where zipfile reads them from."""
        start = _stored_start(self._data, info.header_offset)
        return self._data[start : start + info.compress_size]

    def xml(self, part: str) -> etree._Element | None:
        """The parsed root of an XML part, or None when the package does not have it."""
        if not self.has(part):
            return None
        return parse_xml(self.read(part), part=part, name=self.name, limits=self._limits)

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of a part: id -> (type, target part name resolved inside the package).

        External targets (hyperlinks) keep their URL as the target.
        """
        folder, filename = posixpath.split(part.lstrip("/"))
        rels_part = posixpath.join(folder, "_rels", filename + ".rels")
        if not self.has(rels_part):
            return {}
        data = self.read(rels_part)

        def read_relationships() -> dict[str, tuple[str, str]]:
            root = parse_xml(data, part=rels_part, name=self.name, limits=self._limits)
            return _relationships_of(root, folder)

        # The node limit is the one setting that decides whether the part parses.
        found = _RELATIONSHIPS.get(
            data, read_relationships, depends_on=(folder, self._limits.max_xml_nodes), keep=_few_relationships
        )
        return dict(found)


_RELATIONSHIPS = PartCache(32, max_bytes=64 * 1024)  # a report's: a few KB
# Parts stored in up to 256 KB that inflate to at most 1 MB (python-docx's styles: 12 KB and
# 350 KB); each report adds its own document, which the parts every report reads outlast.
_INFLATED = PartCache(12, max_bytes=256 * 1024)
# Each report's own main document, which only the same call reads again (the annotated copy):
# kept with the shared parts, a dozen reports would push out a template part used less often.
_MAIN_INFLATED = PartCache(2, max_bytes=256 * 1024)
_INFLATED_KEPT_BYTES = 2**20


def _few_relationships(found: dict[str, tuple[str, str]]) -> bool:
    return len(found) <= 1000  # a report has a few dozen; a hostile part may hold a million


def _relationships_of(root: etree._Element, folder: str) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for rel in root.iter(f"{{{_PKG_RELS_NS}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            target = _resolve_target(folder, target)
        found[rel.get("Id", "")] = (rel.get("Type", ""), target)
    return found


def _resolve_target(folder: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def open_package(source: str | Path | bytes, limits: Limits | None = None, *, name: str | None = None) -> Package:
    """Check a .docx given as a path or bytes and return its parts.

    Checks run in this order, each refusing before the next costs anything: input size, zip
    signature, entry count, zip directory, duplicate names, overlapping entries, encrypted entries,
    compression method, declared size of each entry, declared total, compression ratio, and
    finally the required parts. The file is only read, once.
    """
    limits = limits or Limits()
    display, data = load_source(source, limits, name=name)
    if not data.startswith(_ZIP_SIGNATURES):
        raise not_a_docx_error(data, display)
    _check_entry_count(data, display, limits)
    archive = _open_zip(data, display)
    _check_directory(archive, data, display, limits)
    package = Package(display, archive, limits, data)
    _check_required_parts(package)
    return package


def load_source(source: str | Path | bytes, limits: Limits, *, name: str | None = None) -> tuple[str, bytes]:
    """(display name, bytes) of the input, refused when larger than ``max_file_bytes``."""
    if isinstance(source, bytes):
        display, data = name or "<bytes>", source
    else:
        path = Path(source)
        display = name or path.name
        data = _read_input(path, display, limits)
    _check_size(display, len(data), limits)
    return display, data


def _read_input(path: Path, display: str, limits: Limits) -> bytes:
    try:
        status = path.stat()
        # Asked first: opening a folder fails with a permission error on Windows, not with
        # IsADirectoryError, and the message would then send the user after access rights.
        if stat.S_ISDIR(status.st_mode):
            raise InputError(
                f"«{path}» là một thư mục, không phải tệp Word. Hãy chọn tệp .docx bên trong thư mục.",
                f"'{path}' is a folder, not a Word file. Choose a .docx file inside it.",
            )
        if not stat.S_ISREG(status.st_mode):  # a pipe or a device would block or never end
            raise InputError(
                f"«{path}» không phải là một tệp thông thường (có thể là đường ống hay thiết bị). Hãy chọn tệp .docx.",
                f"'{path}' is not a regular file (it may be a pipe or a device). Choose a .docx file.",
            )
        _check_size(display, status.st_size, limits)
        with path.open("rb") as handle:
            # One byte more than allowed is enough to see a file that grew after stat().
            return handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError(
            f"Không tìm thấy tệp «{path}». Kiểm tra lại tên và thư mục của tệp.",
            f"File '{path}' was not found. Check the file name and folder.",
        ) from exc
    except PermissionError as exc:
        raise InputError(
            f"Không có quyền đọc tệp «{path}». Hãy đóng tệp nếu đang mở hoặc xin quyền đọc tệp.",
            f"No permission to read '{path}'. Close the file if it is open, or ask for read access.",
        ) from exc
    except OSError as exc:
        raise InputError(
            f"Không đọc được tệp «{path}» ({exc.strerror or exc}). Hãy sao chép tệp về máy rồi thử lại.",
            f"Cannot read '{path}' ({exc.strerror or exc}). Copy the file to this computer and try again.",
        ) from exc


def _check_size(display: str, size: int, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise UnsafeInputError(
            f"Tệp «{display}» quá lớn ({_mb(size)}), vượt giới hạn {_mb(limits.max_file_bytes)} cho một báo cáo. "
            "Hãy kiểm tra lại tệp (thường do chèn ảnh hoặc video dung lượng lớn) và nén ảnh trước khi gửi.",
            f"File '{display}' is too large ({_mb(size)}); the limit for one report is {_mb(limits.max_file_bytes)}. "
            "Check the file (usually large pictures or video) and compress the pictures before sending.",
            limit="max_file_bytes",
            value=size,
            allowed=limits.max_file_bytes,
        )


def _check_entry_count(data: bytes, display: str, limits: Limits) -> None:
    """Count central directory records before zipfile parses them.

    zipfile builds one object per record, and a few MB of tiny records cost hundreds of MB,
    so the count must come first. Every record starts with the same signature, so counting
    the signature bounds the number of entries from above (a stray match inside compressed
    data can only raise the count, and a real report stays far below the limit).
    """
    count = data.count(_CENTRAL_SIGNATURE)
    if count > limits.max_entries:
        raise UnsafeInputError(
            f"Tệp «{display}» chứa {count} thành phần, vượt giới hạn {limits.max_entries}; "
            "một báo cáo Word bình thường chỉ có vài chục. Tệp không được kiểm tra vì lý do an toàn.",
            f"File '{display}' holds {count} entries, over the limit of {limits.max_entries}; "
            "a normal Word report has a few dozen. The file was not checked, for safety.",
            limit="max_entries",
            value=count,
            allowed=limits.max_entries,
        )


def _open_zip(data: bytes, display: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputError(
            f"Tệp «{display}» bị hỏng hoặc chưa được tải về hết (phần cuối của tệp bị thiếu). "
            "Hãy tải lại hoặc xin đơn vị gửi lại tệp.",
            f"File '{display}' is damaged or was not downloaded completely (its end is missing). "
            "Download it again or ask the sender for a new copy.",
        ) from exc


def _check_directory(archive: zipfile.ZipFile, data: bytes, display: str, limits: Limits) -> None:
    infos = archive.infolist()
    seen: set[str] = set()
    for info in infos:
        folded = info.filename.casefold()
        if folded in seen:
            raise _refused(display, "duplicate_entries", info.filename,
                           f"có hai thành phần cùng tên «{info.filename}»",
                           f"it has two entries named '{info.filename}'")
        seen.add(folded)
    _check_overlap(infos, data, display)
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refused(display, "encrypted_entries", info.filename,
                           f"thành phần «{info.filename}» bị mã hóa bằng mật khẩu zip",
                           f"entry '{info.filename}' is encrypted with a zip password")
    for info in infos:
        if info.compress_type not in _ALLOWED_METHODS:
            raise UnsafeInputError(
                f"Tệp «{display}» dùng kiểu nén không được hỗ trợ (mã {info.compress_type}) cho «{info.filename}»; "
                "Word chỉ dùng kiểu nén thông thường. Hãy mở tệp bằng Word và lưu lại dưới dạng .docx.",
                f"File '{display}' uses an unsupported compression method ({info.compress_type}) for "
                f"'{info.filename}'; Word only uses plain deflate. Open it in Word and save it again as .docx.",
                limit="compression_method",
                value=info.compress_type,
                allowed=sorted(_ALLOWED_METHODS.values()),
            )
    for info in infos:
        if info.file_size > limits.max_entry_bytes:
            raise _too_large_part(display, info.filename, info.file_size, limits.max_entry_bytes, measured="declared")
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise UnsafeInputError(
            f"Nội dung của tệp «{display}» khi giải nén lên tới {_mb(total)}, vượt giới hạn "
            f"{_mb(limits.max_total_bytes)}. Tệp không được kiểm tra vì lý do an toàn.",
            f"The contents of '{display}' inflate to {_mb(total)}, over the limit of "
            f"{_mb(limits.max_total_bytes)}. The file was not checked, for safety.",
            limit="max_total_bytes",
            value=total,
            allowed=limits.max_total_bytes,
        )
    for info in infos:
        if info.file_size > limits.ratio_min_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise UnsafeInputError(
                    f"Thành phần «{info.filename}» của tệp «{display}» nén với tỉ lệ bất thường "
                    f"({ratio:.0f} lần, giới hạn {limits.max_ratio:g}); đây là dấu hiệu của tệp «bom nén». "
                    "Tệp không được kiểm tra vì lý do an toàn.",
                    f"Entry '{info.filename}' of '{display}' has an abnormal compression ratio "
                    f"({ratio:.0f}x, limit {limits.max_ratio:g}), the mark of a zip bomb. "
                    "The file was not checked, for safety.",
                    limit="max_ratio",
                    value=round(ratio, 1),
                    allowed=limits.max_ratio,
                )


def _check_overlap(infos: list[zipfile.ZipInfo], data: bytes, display: str) -> None:
    """Refuse entries whose stored bytes share space: the trick behind non-recursive zip bombs."""
    previous_end, previous_name = 0, ""
    for info in sorted(infos, key=lambda item: item.header_offset):
        header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
        if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL_HEADER_SIGNATURE):
            raise InputError(
                f"Tệp «{display}» bị hỏng: không tìm thấy dữ liệu của «{info.filename}». "
                "Hãy tải lại hoặc xin đơn vị gửi lại tệp.",
                f"File '{display}' is damaged: the data of '{info.filename}' is missing. "
                "Download it again or ask the sender for a new copy.",
            )
        start = info.header_offset
        if start < previous_end:
            raise _refused(display, "overlapping_entries", info.filename,
                           f"thành phần «{info.filename}» dùng chung dữ liệu với «{previous_name}»",
                           f"entry '{info.filename}' shares its data with '{previous_name}'")
        previous_end = _stored_start(data, start) + info.compress_size
        previous_name = info.filename


def _stored_start(data: bytes, header_offset: int) -> int:
    """Where an entry's stored bytes begin: after its local header, file name and extra field,
    as zipfile skips them. The header must be there (checked before)."""
    fields = _LOCAL_HEADER.unpack_from(data, header_offset)
    return header_offset + _LOCAL_HEADER.size + fields[9] + fields[10]


def _check_required_parts(package: Package) -> None:
    display = package.name
    if package.has("mimetype"):
        _refuse_other_zip_format(package.read("mimetype"), display)
    if not package.has(CONTENT_TYPES_PART):
        raise InputError(
            f"Tệp «{display}» là tệp nén (zip) nhưng không phải tài liệu Word (.docx). "
            "Hãy giải nén và gửi đúng tệp báo cáo .docx ở bên trong.",
            f"File '{display}' is a zip archive, not a Word document (.docx). "
            "Extract it and send the .docx report inside.",
        )
    package.main_part = _main_part(package)
    _refuse_other_office_format(package.main_part, display)
    if not package.has(package.main_part):
        raise InputError(
            f"Tệp «{display}» thiếu phần nội dung chính ({package.main_part}) nên không phải tài liệu Word hợp lệ. "
            "Hãy mở tệp bằng Word, nếu Word sửa được thì lưu lại dưới dạng .docx; nếu không, xin đơn vị gửi lại tệp.",
            f"File '{display}' has no main document part ({package.main_part}), so it is not a valid Word "
            "document. Open it in Word and save it again as .docx if Word can repair it; otherwise ask for a new copy.",
        )


def _main_part(package: Package) -> str:
    """The main document named by the package relationships, as Word finds it."""
    # The package itself is the source of _rels/.rels: the part name "" maps to it.
    for rel_type, target in package.relationships("").values():
        if rel_type in _OFFICE_DOCUMENT_REL_TYPES and target not in ("", "."):  # "" names no part
            return target
    return DEFAULT_MAIN_PART


def parse_xml(data: bytes, *, part: str, name: str, limits: Limits | None = None) -> etree._Element:
    """Parse one XML part with entities, DTD loading and network off; a DOCTYPE is refused.

    Office never writes a DOCTYPE, so one is refused outright: it is how entity expansion
    ("billion laughs") and external entities (reading local files) get in. The byte check
    refuses it before libxml2 reads the declarations; the docinfo check catches encodings the
    byte check cannot see. The node count is bounded before parsing because the tree costs
    100-250 bytes per node, far more than the markup itself.
    """
    limits = limits or Limits()
    if _DOCTYPE in data or (b"\0" in data and (_DOCTYPE_UTF16LE in data or _DOCTYPE_UTF16BE in data)):
        raise _doctype(name, part)
    _check_node_count(data, part, name, limits)
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        if exc.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "XML_PARSE_HUGE" in str(exc):
            raise _xml_resource_limit(name, part, str(exc)) from exc
        vi_where, en_where = _xml_error(exc)
        raise InputError(
            f"Phần «{part}» của tệp «{name}» bị lỗi cấu trúc XML ({vi_where}). "
            "Hãy mở tệp bằng Word; nếu Word báo lỗi và sửa được thì lưu lại thành tệp mới, "
            "nếu không, xin đơn vị gửi lại tệp.",
            f"Part '{part}' of '{name}' is not well-formed XML ({en_where}). "
            "Open the file in Word; if Word repairs it, save it as a new file, otherwise ask for a new copy.",
        ) from exc
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(
            f"Không đọc được phần «{part}» của tệp «{name}» ({_short(exc)}). Xin đơn vị gửi lại tệp.",
            f"Cannot read part '{part}' of '{name}' ({_short(exc)}). Ask the sender for a new copy.",
        ) from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise _doctype(name, part)
    return root


# UTF-16 spellings of a DOCTYPE hold NUL bytes, which UTF-8 XML never does: one quick search
# for a NUL spares the two longer ones on every ordinary part.
_DOCTYPE = b"<!DOCTYPE"
_DOCTYPE_UTF16LE = "<!DOCTYPE".encode("utf-16-le")
_DOCTYPE_UTF16BE = "<!DOCTYPE".encode("utf-16-be")


def xml_nodes_over_limit(data: bytes, limits: Limits) -> int | None:
    """The node count of an XML part when it exceeds ``max_xml_nodes``, else None.

    Every element opens with "<" and every attribute has an "=", and text cannot hold a raw
    "<": the two counts bound the nodes libxml2 would build (an "=" in text only adds). Each
    node takes one of those bytes, so a part no longer than the limit is not even counted.
    """
    if len(data) <= limits.max_xml_nodes:
        return None
    nodes = data.count(b"<") + data.count(b"=")
    return nodes if nodes > limits.max_xml_nodes else None


def _check_node_count(data: bytes, part: str, name: str, limits: Limits) -> None:
    nodes = xml_nodes_over_limit(data, limits)
    if nodes is not None:
        raise UnsafeInputError(
            f"Phần «{part}» của tệp «{name}» có quá nhiều thành phần XML (khoảng {nodes}, giới hạn "
            f"{limits.max_xml_nodes}), nhiều hơn hẳn một báo cáo dài hàng trăm trang. "
            "Tệp không được kiểm tra vì lý do an toàn.",
            f"Part '{part}' of '{name}' has too many XML nodes (about {nodes}, limit {limits.max_xml_nodes}), "
            "far more than a report of several hundred pages. The file was not checked, for safety.",
            limit="max_xml_nodes",
            value=nodes,
            allowed=limits.max_xml_nodes,
        )


def _xml_resource_limit(name: str, part: str, detail: str) -> UnsafeInputError:
    if "depth" in detail.lower():
        return UnsafeInputError(
            f"Phần «{part}» của tệp «{name}» lồng nhau quá sâu (hơn 256 tầng, ví dụ bảng lồng trong bảng "
            "quá nhiều lần). Hãy bỏ bớt các bảng lồng nhau rồi lưu lại.",
            f"Part '{part}' of '{name}' is nested too deeply (over 256 levels, e.g. tables inside tables "
            "too many times). Remove some nested tables and save again.",
            limit="xml_depth",
            value=">256",
            allowed=256,
        )
    return UnsafeInputError(
        f"Phần «{part}» của tệp «{name}» có một đoạn văn bản liền khối quá dài (hơn 10 triệu byte). "
        "Hãy kiểm tra lại tệp: một báo cáo bình thường không có đoạn nào dài như vậy.",
        f"Part '{part}' of '{name}' holds one run of text that is too long (over 10 million bytes). "
        "Check the file: a normal report has no paragraph that long.",
        limit="xml_text_node",
        value=">10000000",
        allowed=10_000_000,
    )


def _doctype(name: str, part: str) -> UnsafeInputError:
    return _refused(name, "doctype", part,
                    f"phần «{part}» có khai báo DOCTYPE, thủ đoạn dùng để đọc trộm tệp trên máy hoặc làm treo máy",
                    f"part '{part}' carries a DOCTYPE declaration, a trick used to read local files or exhaust memory")


def _refused(display: str, limit: str, value: object, vi_reason: str, en_reason: str) -> UnsafeInputError:
    """A structural trick that no real Word file uses: refuse and say the file must be re-saved."""
    return UnsafeInputError(
        f"Tệp «{display}» bị từ chối vì lý do an toàn: {vi_reason}. Tệp do Word tạo ra không có đặc điểm này; "
        "hãy xin đơn vị gửi lại tệp được lưu trực tiếp từ Word.",
        f"File '{display}' was refused for safety: {en_reason}. Files saved by Word never look like this; "
        "ask the sender for a copy saved directly from Word.",
        limit=limit,
        value=value,
        allowed=None,
    )


def _too_large_part(display: str, part: str, size: int, allowed: int, *, measured: str) -> UnsafeInputError:
    vi_measured = "khai báo" if measured == "declared" else "thực tế"
    return UnsafeInputError(
        f"Thành phần «{part}» của tệp «{display}» khi giải nén quá lớn ({vi_measured} {_mb(size)}, "
        f"giới hạn {_mb(allowed)}). Tệp không được kiểm tra vì lý do an toàn.",
        f"Entry '{part}' of '{display}' is too large when inflated ({measured} {_mb(size)}, "
        f"limit {_mb(allowed)}). The file was not checked, for safety.",
        limit="max_entry_bytes",
        value=size,
        allowed=allowed,
    )


def _damaged(display: str, part: str) -> InputError:
    return InputError(
        f"Tệp «{display}» bị hỏng: không giải nén được phần «{part}». "
        "Hãy mở tệp bằng Word; nếu Word sửa được thì lưu lại thành tệp mới, nếu không, xin đơn vị gửi lại tệp.",
        f"File '{display}' is damaged: part '{part}' cannot be inflated. "
        "Open it in Word; if Word repairs it, save it as a new file, otherwise ask for a new copy.",
    )


# --- Recognising what a file that is not a .docx really is ---------------------------------

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole_has_stream(data: bytes, stream: str) -> bool:
    # Directory entries of a compound file store names in UTF-16LE; finding the name is enough
    # to tell the kinds of compound file apart (none of them is read as a report here).
    return data.startswith(_OLE_SIGNATURE) and stream.encode("utf-16-le") in data


def is_encrypted_office(data: bytes) -> bool:
    """A password-protected .docx: Word wraps the encrypted package in a compound file."""
    return _ole_has_stream(data, "EncryptedPackage")


def is_legacy_doc(data: bytes) -> bool:
    """A Word 97-2003 .doc (a compound file with a WordDocument stream), not encrypted."""
    return _ole_has_stream(data, "WordDocument") and not is_encrypted_office(data)


def not_a_docx_error(data: bytes, display: str) -> InputError:
    """Say what the file really is (from its first bytes) and what the sender should do."""

    def error(vi_what: str, en_what: str, vi_todo: str, en_todo: str) -> InputError:
        return InputError(f"Tệp «{display}» {vi_what}. {vi_todo}", f"File '{display}' {en_what}. {en_todo}")

    save_as_vi = ("Hãy mở tệp bằng Word, chọn Tệp (File) > Lưu thành (Save As), chọn kiểu "
                  "«Word Document (*.docx)» rồi gửi tệp mới.")
    save_as_en = "Open it in Word, choose File > Save As, pick 'Word Document (*.docx)' and send the new file."
    if not data:
        return error("rỗng (0 byte), không có nội dung", "is empty (0 bytes)",
                     "Có thể tệp chưa được lưu xong hoặc bị lỗi khi tải về; hãy xin đơn vị gửi lại tệp.",
                     "It was probably not saved completely or broke while downloading; ask the sender for a new copy.")
    if data.startswith(_OLE_SIGNATURE):
        if is_encrypted_office(data):
            return error("là tài liệu Word đã được đặt mật khẩu (mã hóa) nên không đọc được nội dung",
                         "is a Word document protected by a password (encrypted), so its content cannot be read",
                         "Hãy gỡ mật khẩu trong Word: Tệp (File) > Thông tin (Info) > Bảo vệ Tài liệu (Protect Document) "
                         "> Mã hóa bằng Mật khẩu (Encrypt with Password), xóa mật khẩu, lưu lại rồi gửi lại tệp.",
                         "Remove the password in Word: File > Info > Protect Document > Encrypt with Password, "
                         "clear the password, save again and send the file again.")
        if is_legacy_doc(data):
            return error("là tài liệu Word 97-2003 (.doc) kiểu cũ được đổi tên thành .docx",
                         "is a legacy Word 97-2003 document (.doc) renamed to .docx", save_as_vi, save_as_en)
        return error("là tệp Office kiểu cũ (Excel, PowerPoint hoặc tương tự), không phải tài liệu Word",
                     "is a legacy Office file (Excel, PowerPoint or similar), not a Word document",
                     "Hãy gửi báo cáo dưới dạng tài liệu Word .docx.", "Send the report as a Word .docx document.")
    if data.startswith(b"%PDF"):
        return error("là tệp PDF được đổi tên thành .docx", "is a PDF renamed to .docx",
                     "Hãy gửi bản Word (.docx) gốc của báo cáo; nếu chỉ có bản PDF, mở nó bằng Word để chuyển "
                     "sang .docx, kiểm tra lại nội dung rồi gửi.",
                     "Send the original Word (.docx) version of the report; if only the PDF exists, open it in Word "
                     "to convert it, review the result and send it.")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{\\rtf"):
        return error("là tệp RTF được đổi tên thành .docx", "is an RTF file renamed to .docx", save_as_vi, save_as_en)
    lowered = head[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"mime-version:")) or b"<html" in lowered:
        return error("là trang web (HTML) được đổi tên thành .docx", "is a web page (HTML) renamed to .docx",
                     save_as_vi, save_as_en)
    if lowered.startswith(b"<"):
        return error("là tệp XML (có thể là Word 2003 XML) được đổi tên thành .docx",
                     "is an XML file (possibly Word 2003 XML) renamed to .docx", save_as_vi, save_as_en)
    if _looks_like_text(data[:4096]):
        return error("là văn bản thuần (plain text) được đổi tên thành .docx", "is plain text renamed to .docx",
                     "Hãy dán nội dung vào Word, trình bày theo mẫu báo cáo và lưu thành tệp .docx.",
                     "Paste the text into Word, lay it out as the report template asks and save it as .docx.")
    return error("không phải tài liệu Word .docx và không nhận ra được định dạng",
                 "is not a Word .docx document and its format is not recognised",
                 "Hãy kiểm tra lại tệp đính kèm và xin đơn vị gửi đúng tệp báo cáo .docx.",
                 "Check the attachment and ask the sender for the .docx report.")


def _looks_like_text(sample: bytes) -> bool:
    """UTF-16 with its byte-order mark, or UTF-8 / an 8-bit legacy encoding (TCVN3,
    Windows-1258): text in all of these has no control bytes besides line and tab breaks."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return not any(byte < 0x20 and byte not in b"\t\n\r\f" for byte in sample)


def _refuse_other_zip_format(raw: bytes, display: str) -> None:
    """OpenDocument and EPUB files are zips too; they announce themselves in a ``mimetype`` entry."""
    mimetype = raw[:200].decode("ascii", "replace").strip()
    if mimetype == "application/vnd.oasis.opendocument.text":
        raise InputError(
            f"Tệp «{display}» là văn bản OpenDocument (.odt, của LibreOffice/OpenOffice) đổi tên, không phải .docx. "
            "Hãy mở bằng LibreOffice hoặc Word, chọn Lưu thành (Save As) kiểu «Word 2007-365 (.docx)» rồi gửi tệp mới.",
            f"File '{display}' is an OpenDocument text (.odt, from LibreOffice/OpenOffice) renamed, not a .docx. "
            "Open it in LibreOffice or Word, Save As 'Word 2007-365 (.docx)' and send the new file.",
        )
    if mimetype.startswith(("application/vnd.oasis.opendocument", "application/epub")):
        raise InputError(
            f"Tệp «{display}» có định dạng «{mimetype}», không phải tài liệu Word .docx. "
            "Hãy gửi báo cáo dưới dạng tài liệu Word .docx.",
            f"File '{display}' is of type '{mimetype}', not a Word .docx document. Send the report as a Word .docx document.",
        )


def _refuse_other_office_format(main_part: str, display: str) -> None:
    """Excel and PowerPoint files are OOXML packages too; their main part lives elsewhere."""
    kinds = {"xl": ("bảng tính Excel", "an Excel workbook"), "ppt": ("bản trình chiếu PowerPoint", "a PowerPoint presentation")}
    top = PurePosixPath(main_part).parts[0] if main_part else ""
    if top not in kinds:
        return
    vi_kind, en_kind = kinds[top]
    raise InputError(
        f"Tệp «{display}» là {vi_kind}, không phải tài liệu Word. Hãy gửi báo cáo dưới dạng tài liệu Word .docx.",
        f"File '{display}' is {en_kind}, not a Word document. Send the report as a Word .docx document.",
    )


def _mb(size: int) -> str:
    return f"{size / MiB:.1f} MB"


def _xml_error(exc: etree.XMLSyntaxError) -> tuple[str, str]:
    """libxml2's description and where it happened, in each language."""
    last = exc.error_log.last_error
    detail = last.message if last is not None else _short(exc)
    line, column = (last.line, last.column) if last is not None else (exc.lineno, exc.offset)
    return f"dòng {line}, cột {column}: {detail}", f"line {line}, column {column}: {detail}"


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
