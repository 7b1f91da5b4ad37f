import multiprocessing
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sobaocao import batch
from sobaocao.batch import BatchLimits, check_files, collect
from sobaocao.finding import CheckResult


def fake_check(behaviour):
    """A stand-in for check_one; workers are forked, so they run the patched function."""

    def check_one(path, schema, config, limits):
        action = behaviour.get(path.name, "ok")
        if action == "slow":
            time.sleep(30)
        elif action == "die":
            os._exit(3)
        elif action == "hog":
            bytearray(3 * 2**30)
        elif action.startswith("sleep"):
            time.sleep(float(action[5:]))
        return CheckResult(file=str(path))

    return check_one


def test_results_keep_the_input_order_whatever_finishes_first(monkeypatch, tmp_path):
    names = ["a.docx", "b.docx", "c.docx", "d.docx"]
    monkeypatch.setattr(batch, "check_one", fake_check({"a.docx": "sleep0.6", "b.docx": "sleep0.3"}))
    results = check_files([tmp_path / n for n in names], jobs=2)
    assert [Path(r.file).name for r in results] == names
    assert all(r.status == "ok" for r in results)


def test_a_hanging_a_dying_and_a_greedy_file_do_not_stop_the_batch(monkeypatch, tmp_path):
    behaviour = {"treo.docx": "slow", "chet.docx": "die", "ngon-bo-nho.docx": "hog"}
    monkeypatch.setattr(batch, "check_one", fake_check(behaviour))
    files = [tmp_path / n for n in ["treo.docx", "tot.docx", "chet.docx", "ngon-bo-nho.docx"]]
    started = time.monotonic()
    results = check_files(files, jobs=2, batch_limits=BatchLimits(timeout=2, memory=2**30))
    assert time.monotonic() - started < 25  # the hanging worker was killed, not waited for
    kinds = [r.error.kind if r.error else r.status for r in results]
    assert kinds == ["timeout", "ok", "crashed", "unsafe"]
    assert "2 giây" in results[0].error.message.vi


def test_unsupported_and_missing_files_are_reported_not_skipped(tmp_path):
    note = tmp_path / "ghi-chu.txt"
    note.write_text("không phải báo cáo", encoding="utf-8")
    results = check_files([note, tmp_path / "khong-co.docx"], jobs=1)
    assert [r.error.kind for r in results] == ["unsupported", "not-found"]
    assert "lưu lại dạng .docx" in results[0].error.message.vi


def test_collect_walks_folders_sorted_and_leaves_out_hidden_and_lock_files(tmp_path):
    for name in ["b.docx", "a.docx", "sub/c.docx", "sub/d.pdf", ".hidden.docx", "~$a.docx", ".git/x.docx"]:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    single = tmp_path / "one.docx"
    found = collect([single, tmp_path / "in"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "one.docx", "in/a.docx", "in/b.docx", "in/sub/c.docx", "in/sub/d.pdf"
    ]


def test_a_batch_left_early_kills_the_workers_still_running(monkeypatch, tmp_path):
    """Ctrl-C or a caller that stops reading: no forked worker is left checking files."""
    monkeypatch.setattr(batch, "check_one", fake_check({"treo.docx": "slow"}))
    results = batch.iter_check([tmp_path / "tot.docx", tmp_path / "treo.docx"], jobs=2)
    position, first = next(results)
    assert (position, first.status) == (0, "ok")
    hanging = multiprocessing.active_children()
    assert len(hanging) == 1 and hanging[0].is_alive()
    results.close()  # what an exception or KeyboardInterrupt in the caller's loop does too
    assert multiprocessing.active_children() == [] and hanging[0].exitcode == -signal.SIGKILL


def test_a_worker_leaves_ctrl_c_to_the_parent(monkeypatch, tmp_path):
    """A worker ignores SIGINT, so Ctrl-C prints no traceback per worker; the parent kills them."""
    monkeypatch.setattr(batch, "check_one", lambda path, *args: CheckResult(file=str(signal.getsignal(signal.SIGINT))))
    (result,) = check_files([tmp_path / "a.docx"], jobs=1)
    assert result.file == str(signal.SIG_IGN)


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its parent to collect it has stopped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
                    reason="the system does not list a process's children in /proc")
def test_a_worker_killed_at_the_time_limit_takes_the_program_it_started_with_it(monkeypatch, tmp_path):
    """As LibreOffice converting a .doc: a program in a session of its own, started by the worker."""
    pid_file = tmp_path / "pid"

    def converting(path, schema, config, limits):
        helper = subprocess.Popen(["sleep", "600"], start_new_session=True)
        pid_file.write_text(str(helper.pid))
        time.sleep(600)

    monkeypatch.setattr(batch, "check_one", converting)
    (result,) = check_files([tmp_path / "cu.doc"], jobs=1, batch_limits=BatchLimits(timeout=1))
    assert result.error.kind == "timeout"
    helper = int(pid_file.read_text())
    for _ in range(100):  # SIGKILL is delivered asynchronously; wait for it, without a time bound to assert
        if not _alive(helper):
            break
        time.sleep(0.05)
    assert not _alive(helper)
