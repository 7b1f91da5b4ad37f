"""Check many reports: one isolated worker process per file, a time limit, stable order.

A corrupt or hostile file must never stop the batch or hang the machine, so each file is checked
in a forked child with a memory cap; the parent kills a child that runs past the time limit and
records the file as not checked. Results come back in the order the files were given, whatever
the number of workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from .config import Config
from .docx.package import Limits
from .errors import SobaocaoError
from .finding import CheckResult, ErrorInfo
from .i18n import L, Localized
from .schema import Schema

REPORT_SUFFIXES = {".docx", ".docm", ".doc"}


@dataclass(frozen=True)
class BatchLimits:
    timeout: float = 60.0  # seconds per file
    memory: int = 2 * 2**30  # address-space cap of a worker, bytes


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """The files to check: each given file, and every file below each given folder (sorted).

    Files in folders that are not Word documents are kept, so that the office sees them listed
    as unsupported instead of silently skipped; hidden files and Word's lock files are left out.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return found


def error_result(file: str, kind: str, message: Localized) -> CheckResult:
    return CheckResult(file=file, error=ErrorInfo(kind=kind, message=message))


def check_one(path: Path, schema: Schema | None, config: Config | None, limits: Limits | None) -> CheckResult:
    """``check()`` for one file of a batch: every sobaocao error becomes a result."""
    from .api import check

    if path.is_dir() or not path.exists():
        return error_result(str(path), "not-found", L(f"Không tìm thấy tệp {path}.", f"File not found: {path}."))
    if path.suffix.lower() not in REPORT_SUFFIXES:
        return error_result(
            str(path),
            "unsupported",
            L(
                "Không phải tệp Word (.docx) nên không kiểm tra. Nếu đây là báo cáo, hãy mở bằng Word và lưu lại dạng .docx.",
                "Not a Word file (.docx), so it was not checked. If it is a report, open it in Word and save it as .docx.",
            ),
        )
    try:
        return check(path, schema=schema, config=config, limits=limits, name=str(path))
    except SobaocaoError as exc:
        return error_result(str(path), exc.kind, L(exc.message("vi"), exc.message("en")))


def iter_check(
    files: list[Path],
    schema: Schema | None = None,
    config: Config | None = None,
    *,
    jobs: int | None = None,
    limits: Limits | None = None,
    batch_limits: BatchLimits = BatchLimits(),
) -> Iterator[tuple[int, CheckResult]]:
    """Yield ``(position, result)`` as files finish, running up to ``jobs`` workers at once."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    _load_pipeline()
    context = multiprocessing.get_context("fork")
    pending = list(enumerate(files))
    running: dict[object, tuple[int, Path, multiprocessing.Process, float]] = {}
    try:
        while pending or running:
            while pending and len(running) < jobs:
                position, path = pending.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                worker = context.Process(
                    target=_worker, args=(sender, path, schema, config, limits, batch_limits.memory), daemon=True
                )
                worker.start()
                sender.close()
                running[receiver] = (position, path, worker, time.monotonic() + batch_limits.timeout)
            soonest = min(deadline for *_, deadline in running.values())
            ready = wait(list(running), timeout=max(0.0, soonest - time.monotonic()))
            for receiver in ready:
                position, path, worker, _ = running.pop(receiver)
                yield position, _receive(receiver, worker, path)
            now = time.monotonic()
            for receiver, (position, path, worker, deadline) in list(running.items()):
                if now >= deadline:
                    _stop(receiver, worker)
                    del running[receiver]
                    yield position, _timed_out(path, batch_limits.timeout)
    finally:
        # Ctrl-C, an exception, or a caller that stops reading early (GeneratorExit): the workers
        # still running are killed now, not left to finish files nobody will look at.
        for receiver, (_, _, worker, _) in running.items():
            _stop(receiver, worker)


def _stop(receiver, worker) -> None:
    """Kill a worker and the programs it started. LibreOffice (converting a .doc) runs in a session
    of its own, so killing the worker alone would leave it running with nobody to stop it."""
    for child in _children(worker.pid):
        with contextlib.suppress(OSError):
            if os.getpgid(child) == child:
                os.killpg(child, signal.SIGKILL)
            os.kill(child, signal.SIGKILL)
    worker.kill()
    worker.join()
    receiver.close()


def _children(pid: int) -> list[int]:
    """The processes a worker started (Linux lists them in /proc; elsewhere none are known)."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def check_files(files: list[Path], schema: Schema | None = None, config: Config | None = None, **options) -> list[CheckResult]:
    """Results of ``iter_check`` in the order the files were given."""
    results: list[CheckResult | None] = [None] * len(files)
    for position, result in iter_check(files, schema, config, **options):
        results[position] = result
    return results  # type: ignore[return-value]


def _load_pipeline() -> None:
    """Import the check pipeline and parse the built-in schemas once, before forking.

    The command line imports lazily so that ``--help`` is quick; without this, every forked
    worker would import python-docx, lxml and the models and parse the schemas again, about
    four times the CPU of the check itself (benchmarks/throughput.py, docs/performance.md).
    """
    from .docx import read_document  # noqa: F401
    from .engine import run_rules  # noqa: F401
    from .match import match_sections  # noqa: F401
    from .registry import builtin_schemas
    from .rules import all_rules

    all_rules()
    builtin_schemas()


def _worker(sender, path: Path, schema, config, limits, memory: int) -> None:
    # Ctrl-C reaches every process of the terminal; the parent alone answers it (and kills the
    # workers), so a worker does not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        result = check_one(path, schema, config, limits)
    except MemoryError:
        result = error_result(
            str(path),
            "unsafe",
            L(
                "Tệp cần quá nhiều bộ nhớ để đọc nên bị từ chối; hãy kiểm tra lại tệp (có thể bị hỏng hoặc quá lớn).",
                "Reading the file needed too much memory, so it was refused; check the file (it may be damaged or too large).",
            ),
        )
    except Exception as exc:  # a bug must not stop the batch; the office sees which file hit it
        result = error_result(
            str(path),
            "internal",
            L(
                f"Lỗi của sobaocao khi kiểm tra tệp này ({type(exc).__name__}: {exc}). Xin gửi tệp cho người quản trị.",
                f"sobaocao failed on this file ({type(exc).__name__}: {exc}). Please report it with the file.",
            ),
        )
    sender.send(result)
    sender.close()


def _receive(receiver, worker, path: Path) -> CheckResult:
    try:
        result = receiver.recv()
    except EOFError:  # the worker died without answering (killed by the memory cap, a crash)
        result = error_result(
            str(path),
            "crashed",
            L(
                "Không đọc được tệp: chương trình đọc bị dừng giữa chừng (tệp có thể bị hỏng hoặc quá lớn).",
                "The file could not be read: the reader stopped abnormally (the file may be damaged or too large).",
            ),
        )
    receiver.close()
    worker.join()
    return result


def _timed_out(path: Path, timeout: float) -> CheckResult:
    return error_result(
        str(path),
        "timeout",
        L(
            f"Kiểm tra tệp này quá {timeout:g} giây nên đã dừng; tệp có thể quá lớn hoặc bị hỏng.",
            f"Checking this file took longer than {timeout:g} s, so it was stopped; the file may be too large or damaged.",
        ),
    )
