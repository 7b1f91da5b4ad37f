"""Check many reports: isolated worker processes, a time limit per file, stable order.

A corrupt or hostile file must never stop the batch or hang the machine, so files are checked
in forked workers with a memory cap, each worker checking one file at a time; the parent kills a
worker that runs past the time limit and records that file as not checked, and a worker that dies
costs only the file it was checking. Killed, dead or worn workers are replaced by fresh ones.
Results come back in the order the files were given, whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .config import Config
from .docx.package import Limits
from .errors import OutputError, SobaocaoError
from .finding import CheckResult, ErrorInfo
from .i18n import L, Localized
from .schema import Schema

REPORT_SUFFIXES = {".docx", ".docm", ".doc"}
FILES_PER_WORKER = 100  # then a fresh worker, so that whatever one file leaves behind stays bounded


@dataclass(frozen=True)
class BatchLimits:
    timeout: float = 60.0  # seconds per file
    memory: int = 2 * 2**30  # address space a worker may add to what it inherits from the batch, bytes


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


def error_result(file: str, kind: str, message: Localized, notes: Iterable[Localized] = ()) -> CheckResult:
    return CheckResult(file=file, error=ErrorInfo(kind=kind, message=message), notes=list(notes))


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
        return error_result(str(path), exc.kind, L(exc.message("vi"), exc.message("en")), exc.notes)


def iter_check(
    files: list[Path],
    schema: Schema | None = None,
    config: Config | None = None,
    *,
    jobs: int | None = None,
    limits: Limits | None = None,
    batch_limits: BatchLimits = BatchLimits(),
) -> Iterator[tuple[int, CheckResult]]:
    """Yield ``(position, result)`` as files finish, on up to ``jobs`` workers at once."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    _load_pipeline()
    context = multiprocessing.get_context("fork")
    pending = deque(enumerate(files))
    busy: dict[Connection, _Worker] = {}
    # The workers' temporary files (a .doc's conversion, LibreOffice's profile) go here, so that
    # what a killed worker leaves behind goes with the batch.
    try:
        scratch = tempfile.mkdtemp(prefix="sobaocao-batch-")
    except OSError as exc:
        raise OutputError(
            f"Không tạo được thư mục tạm để kiểm tra ({exc.strerror or exc}). Hãy giải phóng bớt ổ đĩa "
            "hoặc xem thư mục tạm (biến TMPDIR) có cho ghi không, rồi chạy lại.",
            f"Cannot make a temporary folder for the check ({exc.strerror or exc}). Free some disk space "
            "or check that the temporary folder (TMPDIR) is writable, then run again.",
        ) from exc
    try:
        # A worker leaves ``busy`` only once stopped, so that an interruption at any point (Ctrl-C
        # arrives between any two lines) leaves no worker behind the ``finally`` below.
        while pending or busy:
            while pending and len(busy) < jobs:
                worker = _Worker(context, schema, config, limits, batch_limits.memory, scratch)
                busy[worker.connection] = worker
                worker.give(*pending.popleft(), batch_limits.timeout)
            soonest = min(worker.deadline for worker in busy.values())
            for connection in wait(list(busy), timeout=max(0.0, soonest - time.monotonic())):
                worker = busy[connection]
                position, _ = worker.task
                result, reusable = worker.receive()
                if reusable and pending and worker.checked < FILES_PER_WORKER:
                    worker.give(*pending.popleft(), batch_limits.timeout)  # before the caller sees the result
                else:
                    worker.stop()
                    del busy[connection]
                yield position, result
            now = time.monotonic()
            for connection, worker in list(busy.items()):
                if now >= worker.deadline and not connection.poll():  # an answer in time is taken next round
                    worker.stop()
                    del busy[connection]
                    position, path = worker.task
                    yield position, _timed_out(path, batch_limits.timeout)
    finally:
        # Ctrl-C, an exception, or a caller that stops reading early (GeneratorExit): the workers
        # still running are killed now, not left to finish files nobody will look at.
        for worker in busy.values():
            worker.stop()
        shutil.rmtree(scratch, ignore_errors=True)


class _Worker:
    """A forked process that checks the files sent over its pipe, one at a time.

    A fork per file cost about 50 ms of CPU per file, twice the check itself, so a worker checks
    many files; it is replaced after ``FILES_PER_WORKER`` files (to bound what leaks from
    one file to the next), after a file that broke it (``receive``), and at the time limit.
    """

    task: tuple[int, Path]  # the file being checked and its position in the batch
    deadline: float

    def __init__(
        self, context, schema: Schema | None, config: Config | None, limits: Limits | None, memory: int, scratch: str
    ):
        self.connection, worker_end = context.Pipe()
        arguments = (worker_end, schema, config, limits, memory, scratch)
        self.process = context.Process(target=_serve, args=arguments, daemon=True)
        self.process.start()
        worker_end.close()
        self.checked = 0

    def give(self, position: int, path: Path, timeout: float) -> None:
        self.task = (position, path)
        self.checked += 1
        self.deadline = time.monotonic() + timeout
        # A worker dead already cannot take the file; its pipe then reads as closed and the file
        # is reported as crashed by ``receive``.
        with contextlib.suppress(OSError):
            self.connection.send(path)

    def receive(self) -> tuple[CheckResult, bool]:
        """The result of the file given, and whether the worker may check another one."""
        try:
            return self.connection.recv()
        except (EOFError, OSError):  # the worker died without answering (memory cap, a crash, killed)
            return _crashed(self.task[1]), False

    def stop(self) -> None:
        """Kill the worker and the programs it started. LibreOffice (converting a .doc) runs in a
        session of its own, so killing the worker alone would leave it running with nobody to stop
        it. An idle worker holds nothing worth saving, so it is killed too: no request to stop that
        a worker in a bad state could ignore."""
        for child in _children(self.process.pid):
            with contextlib.suppress(OSError):  # OSError: it has ended meanwhile
                if os.getpgid(child) == child:  # a group of its own (LibreOffice): the whole group
                    os.killpg(child, signal.SIGKILL)
                else:
                    os.kill(child, signal.SIGKILL)
        self.process.kill()
        self.process.join()
        self.connection.close()


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


def _serve(connection: Connection, schema, config, limits, memory: int, scratch: str) -> None:
    """A worker's life: check each path received and send back ``(result, reusable)``.

    The reply goes pickled: JSON would cost about 0.2 ms less per file, but it refuses text that
    is not valid UTF-8, such as the name of a file copied from an old Windows disk."""
    # Ctrl-C reaches every process of the terminal; the parent alone answers it (and kills the
    # workers), so a worker does not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    cap = _inherited_address_space() + memory
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:  # a limit set for the session (ulimit -v) cannot be raised
        cap = min(cap, hard)
    tempfile.tempdir = os.environ["TMPDIR"] = scratch  # for sobaocao and the programs it starts
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    while True:
        try:
            path = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        connection.send(_check_guarded(path, schema, config, limits))


def _inherited_address_space() -> int:
    """The address space a worker starts with: what the batch held when it forked the worker.

    The parent keeps every result it has received, so a worker forked late in a batch of
    thousands inherits hundreds of MB; the cap counts only what a file adds on top of that.
    """
    try:
        # bytes: the process's name on its first line need not be ASCII
        with open("/proc/self/status", "rb") as status:
            size_kb = next(line.split()[1] for line in status if line.startswith(b"VmSize:"))
    except (OSError, StopIteration):  # not Linux: the cap is the limit alone
        return 0
    return int(size_kb) * 1024


# What to do with a file that broke the reader (too much memory, a crash).
_REPAIR_VI = "Hãy mở tệp bằng Word; nếu Word sửa được thì lưu lại thành tệp mới, nếu không, xin đơn vị gửi lại tệp."
_REPAIR_EN = "Open it in Word; if Word repairs it, save it as a new file, otherwise ask the sender for the file again."


def _check_guarded(path: Path, schema, config, limits) -> tuple[CheckResult, bool]:
    """``check_one``, with whether the worker is still sound for the next file: after running out
    of memory or hitting a bug, its state (heap, caches) is not trusted with another file."""
    try:
        return check_one(path, schema, config, limits), True
    except MemoryError:
        return error_result(
            str(path),
            "unsafe",
            L(
                "Tệp cần quá nhiều bộ nhớ để đọc nên bị từ chối (tệp có thể bị hỏng hoặc quá lớn). " + _REPAIR_VI,
                "Reading the file needed too much memory, so it was refused (the file may be damaged or too large). "
                + _REPAIR_EN,
            ),
        ), False
    except Exception as exc:  # a bug must not stop the batch; the office sees which file hit it
        return error_result(
            str(path),
            "internal",
            L(
                f"sobaocao gặp lỗi của chính nó khi kiểm tra tệp này, không phải lỗi của báo cáo ({type(exc).__name__}: {exc}). "
                "Xin gửi tệp này kèm thông báo này cho người quản trị sobaocao.",
                f"sobaocao failed on this file through a fault of its own, not of the report ({type(exc).__name__}: {exc}). "
                "Please send the file with this message to whoever maintains sobaocao.",
            ),
        ), False


def _crashed(path: Path) -> CheckResult:
    return error_result(
        str(path),
        "crashed",
        L(
            "Không đọc được tệp: chương trình đọc bị dừng giữa chừng (tệp có thể bị hỏng hoặc quá lớn). " + _REPAIR_VI,
            "The file could not be read: the reader stopped abnormally (the file may be damaged or too large). " + _REPAIR_EN,
        ),
    )


def _timed_out(path: Path, timeout: float) -> CheckResult:
    return error_result(
        str(path),
        "timeout",
        L(
            f"Kiểm tra tệp này quá {timeout:g} giây nên đã dừng (tệp có thể quá lớn hoặc bị hỏng). "
            "Hãy mở tệp bằng Word, lưu lại rồi kiểm tra lại; nếu tệp lớn thật, hãy cho thêm thời gian "
            "(ví dụ: sobaocao check --timeout 300).",
            f"Checking this file took longer than {timeout:g} s, so it was stopped (the file may be too large or damaged). "
            "Open it in Word, save it and check it again; if the file really is large, allow more time "
            "(for example: sobaocao check --timeout 300).",
        ),
    )
