"""Legacy Word 97-2003 (.doc) reports converted to .docx through LibreOffice, when installed.

Units still send .doc files. When ``soffice`` is on PATH, the file is converted in a private
temporary folder (its own LibreOffice profile per call: two calls sharing a profile fail
silently), under a time limit, and the result goes through the same safe opening as any
.docx, with a note that a conversion happened. Without LibreOffice the refusal says how to
convert the file by hand. The input file itself is never touched: LibreOffice works on a copy.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..i18n import L, Localized
from .package import Limits, Package, is_legacy_doc, load_source, not_a_docx_error, open_package

CONVERSION_TIMEOUT = 120.0  # seconds; a first call also builds the LibreOffice profile
_SAVE_AS_VI = "Hãy mở tệp bằng Word, chọn Lưu thành (Save As) kiểu «Word Document (*.docx)» rồi kiểm tra lại."
_SAVE_AS_EN = "Open it in Word, Save As 'Word Document (*.docx)' and check it again."


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def open_report_package(
    source: str | Path | bytes,
    limits: Limits | None = None,
    *,
    name: str | None = None,
    timeout: float = CONVERSION_TIMEOUT,
) -> tuple[Package, Localized | None]:
    """``open_package``, except that a legacy .doc is converted first when LibreOffice is here.

    Returns the package and, for a converted file, a note for the result. Without
    LibreOffice a legacy .doc is refused with the usual message, plus how to convert it.
    """
    limits = limits or Limits()
    display, data = load_source(source, limits, name=name)
    if not is_legacy_doc(data):
        return open_package(data, limits, name=display), None
    soffice = find_soffice()
    if soffice is None:
        refusal = not_a_docx_error(data, display)
        raise InputError(
            refusal.vi + " Máy nào có cài LibreOffice thì sobaocao tự chuyển được tệp .doc sang .docx.",
            refusal.en + " Where LibreOffice is installed, sobaocao converts .doc files to .docx by itself.",
        )
    converted = convert_to_docx(data, name=display, soffice=soffice, limits=limits, timeout=timeout)
    note = L(
        f"Tệp «{display}» là tài liệu Word 97-2003 (.doc); sobaocao đã tự chuyển sang .docx bằng LibreOffice "
        "để kiểm tra. Trình bày có thể khác đôi chút so với bản gốc; nên đề nghị đơn vị gửi bản .docx.",
        f"File '{display}' is a Word 97-2003 document (.doc); sobaocao converted it to .docx with LibreOffice "
        "to check it. The layout may differ slightly from the original; ask the unit for a .docx copy.",
    )
    package = open_package(converted, limits, name=display)
    if not re.search(rb"<w:t[ >]", package.read(package.main_part)):  # garbage "converts" into an empty page
        raise InputError(
            f"LibreOffice mở được tệp «{display}» (.doc) nhưng không thấy chữ nào: tệp có thể bị hỏng. {_SAVE_AS_VI}",
            f"LibreOffice opened '{display}' (.doc) but found no text in it: the file may be damaged. {_SAVE_AS_EN}",
        )
    return package, note


def convert_to_docx(
    data: bytes, *, name: str, soffice: str, limits: Limits | None = None, timeout: float = CONVERSION_TIMEOUT
) -> bytes:
    """The .docx bytes LibreOffice makes from a legacy document, or an ``InputError``.

    LibreOffice exits with 0 even when it cannot load the file, so success is judged by the
    output file. The whole process group is killed on timeout (soffice starts soffice.bin).
    """
    with tempfile.TemporaryDirectory(prefix="sobaocao-convert-") as folder:
        work = Path(folder)
        source = work / "report.doc"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", "docx:MS Word 2007 XML",
            "--outdir", str(work / "out"),
            str(source),
        ]
        environment = {**os.environ, "HOME": str(work)}
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                cwd=work, env=environment, start_new_session=True,
            )
        except OSError as exc:
            raise InputError(
                f"Không chạy được LibreOffice ({soffice}) để chuyển tệp «{name}» sang .docx: "
                f"{exc.strerror or exc}. {_SAVE_AS_VI}",
                f"Could not run LibreOffice ({soffice}) to convert '{name}' to .docx: {exc.strerror or exc}. {_SAVE_AS_EN}",
            ) from exc
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise InputError(
                f"Không chuyển được tệp «{name}» từ .doc sang .docx: LibreOffice chạy quá {timeout:g} giây. {_SAVE_AS_VI}",
                f"Could not convert '{name}' from .doc to .docx: LibreOffice ran longer than {timeout:g} s. {_SAVE_AS_EN}",
            ) from None
        result = work / "out" / "report.docx"
        if not result.is_file():
            raise InputError(
                f"LibreOffice không chuyển được tệp «{name}» từ .doc sang .docx (tệp có thể bị hỏng hoặc có mật khẩu). "
                f"{_SAVE_AS_VI}",
                f"LibreOffice could not convert '{name}' from .doc to .docx (it may be damaged or password-protected). "
                f"{_SAVE_AS_EN}",
            )
        # The result is a new input like any other: its size is checked before it is read.
        return load_source(result, limits or Limits(), name=name)[1]
