"""Writing the files sobaocao makes (results, summaries, annotated copies, templates).

One place for it, so every output is written the same safe way and fails with the same clear
message: through a temporary file in the target folder, renamed when complete, so that a
failure never leaves half a file under the final name.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from .errors import OutputError
from .i18n import Localized


def prepare_output(out_path: str | Path, what: Localized) -> Path:
    """Make the folder of ``out_path``; called before long work so a bad path is told at once."""
    out_path = Path(out_path)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(out_path, what, exc) from exc
    return out_path


def probe_folder(folder: str | Path, what: Localized) -> Path:
    """Tell at once when ``folder`` could not be made or written, without making it: a slip in
    the path of a folder that is filled only after long work (the annotated copies) is told
    before that work, and nothing is left behind when no file is then written."""
    folder = Path(folder).absolute()
    try:  # a folder on the way that cannot be looked into raises, as a write there would
        existing = next(path for path in (folder, *folder.parents) if path.exists())
        if not existing.is_dir():
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
    except OSError as exc:
        raise _cannot_write(folder, what, exc) from exc
    return folder


def write_output(out_path: str | Path, data: bytes, *, what: Localized) -> Path:
    """Write ``data`` to ``out_path`` (``what`` names the file in the error message)."""
    out_path = prepare_output(out_path, what)
    try:
        handle, temporary = _temporary_beside(out_path)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, out_path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as exc:
        raise _cannot_write(out_path, what, exc) from exc
    return out_path


def _temporary_beside(out_path: Path) -> tuple[int, Path]:
    """A new temporary file in the folder of ``out_path``, open for writing.

    It gets the permissions a plain write would give: those of the file it replaces, else the
    usual ones for a new file (the umask applies), not the owner-only ones of ``mkstemp``, so
    that a results file or a template in a shared folder stays readable by colleagues.
    """
    try:
        mode = stat.S_IMODE(out_path.stat().st_mode)
    except OSError:
        mode = None
    temporary = out_path.parent / f".sobaocao-{secrets.token_hex(8)}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    if mode is not None:
        try:
            os.chmod(temporary, mode)
        except OSError:  # a file system without modes: the new file keeps its own
            pass
    return handle, temporary


# The usual reasons, said in the office's words rather than the system's English.
_REASONS = {
    errno.EACCES: ("không có quyền ghi", "no permission to write"),
    errno.EPERM: ("không có quyền ghi", "no permission to write"),
    errno.ENOSPC: ("ổ đĩa đã đầy", "the disk is full"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
    errno.EEXIST: ("đã có một tệp trùng tên với thư mục cần tạo", "a file has the name of a folder to create"),
    errno.ENOTDIR: ("một phần của đường dẫn là tệp chứ không phải thư mục", "part of the path is a file, not a folder"),
    errno.EISDIR: ("đó là một thư mục", "it is a folder"),
}


def _cannot_write(out_path: Path, what: Localized, exc: OSError) -> OutputError:
    reason_vi, reason_en = _REASONS.get(exc.errno, (exc.strerror or str(exc),) * 2)
    return OutputError(
        f"Không ghi được {what.vi} «{out_path}» ({reason_vi}). Kiểm tra thư mục có quyền ghi "
        "không, và tệp không đang mở trong chương trình khác (Word, Excel).",
        f"Cannot write the {what.en} '{out_path}' ({reason_en}). Check that the folder is writable, "
        "and that the file is not open in another program (Word, Excel).",
    )
