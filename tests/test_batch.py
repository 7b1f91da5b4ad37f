import mmap
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from sobaocao import batch
from sobaocao.batch import BatchLimits, check_files, collect
from sobaocao.finding import CheckResult
from sobaocao.i18n import L


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
        elif action == "convert, then hang":
            tempfile.mkdtemp(prefix="sobaocao-convert-")
            time.sleep(30)
        elif action == "need 300 MB":
            bytearray(300 * 2**20)
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


def fake_check_telling_the_worker(behaviour):
    """fake_check, plus "bug" (an unexpected exception); each result's one note is the process id
    of the worker that checked the file."""
    check_one = fake_check(behaviour)

    def check_and_tell(path, schema, config, limits):
        if behaviour.get(path.name) == "bug":
            raise RuntimeError("a bug")
        return check_one(path, schema, config, limits).model_copy(update={"notes": [L(str(os.getpid()), "")]})

    return check_and_tell


def worker_of(result: CheckResult) -> str | None:
    return result.notes[0].vi if result.notes else None


def test_a_worker_checks_many_files_then_a_fresh_one_takes_over(monkeypatch, tmp_path):
    monkeypatch.setattr(batch, "check_one", fake_check_telling_the_worker({}))
    monkeypatch.setattr(batch, "FILES_PER_WORKER", 3)
    results = check_files([tmp_path / f"{n}.docx" for n in range(7)], jobs=1)
    workers = [worker_of(r) for r in results]
    assert workers[0] == workers[1] == workers[2] != workers[3] == workers[4] == workers[5] != workers[6]
    assert len(set(workers)) == 3 and str(os.getpid()) not in workers
    assert multiprocessing.active_children() == []  # no idle worker is left once the batch is done


def test_two_workers_share_a_batch_without_a_fork_per_file(monkeypatch, tmp_path):
    monkeypatch.setattr(batch, "check_one", fake_check_telling_the_worker({}))
    results = check_files([tmp_path / f"{n}.docx" for n in range(12)], jobs=2)
    assert [r.status for r in results] == ["ok"] * 12
    assert 1 <= len({worker_of(r) for r in results}) <= 2
    assert multiprocessing.active_children() == []


def test_a_file_past_the_time_limit_costs_only_that_file_and_a_fresh_worker_goes_on(monkeypatch, tmp_path):
    monkeypatch.setattr(batch, "check_one", fake_check_telling_the_worker({"treo.docx": "slow"}))
    names = ["a.docx", "b.docx", "treo.docx", "c.docx", "d.docx"]
    results = check_files([tmp_path / n for n in names], jobs=1, batch_limits=BatchLimits(timeout=1))
    assert [r.error.kind if r.error else r.status for r in results] == ["ok", "ok", "timeout", "ok", "ok"]
    assert results[2].error.message.en.startswith("Checking this file took longer than 1 s, so it was stopped")
    a, b, _, c, d = map(worker_of, results)
    assert a == b != c == d  # the worker that hung was killed, the next one checked the rest


def test_a_worker_that_dies_costs_only_its_file_and_a_fresh_worker_goes_on(monkeypatch, tmp_path):
    monkeypatch.setattr(batch, "check_one", fake_check_telling_the_worker({"chet.docx": "die"}))
    results = check_files([tmp_path / n for n in ["a.docx", "chet.docx", "b.docx", "c.docx"]], jobs=1)
    assert [r.error.kind if r.error else r.status for r in results] == ["ok", "crashed", "ok", "ok"]
    assert results[1].file == str(tmp_path / "chet.docx")
    a, _, b, c = map(worker_of, results)
    assert a != b == c


def test_a_worker_out_of_memory_or_hit_by_a_bug_gets_no_other_file(monkeypatch, tmp_path):
    """Its heap or caches may be left in a bad state: the next file goes to a fresh worker."""
    monkeypatch.setattr(batch, "check_one", fake_check_telling_the_worker({"hog.docx": "hog", "loi.docx": "bug"}))
    names = ["a.docx", "hog.docx", "b.docx", "loi.docx", "c.docx"]
    results = check_files([tmp_path / n for n in names], jobs=1, batch_limits=BatchLimits(memory=2**30))
    assert [r.error.kind if r.error else r.status for r in results] == ["ok", "unsafe", "ok", "internal", "ok"]
    assert "RuntimeError: a bug" in results[3].error.message.en
    a, _, b, _, c = map(worker_of, results)
    assert len({a, b, c}) == 3


def test_the_order_is_the_input_order_with_one_worker_or_two(monkeypatch, tmp_path):
    """The first files are the slowest, so with two workers later files finish first."""
    names = [f"{n}.docx" for n in range(8)]
    monkeypatch.setattr(batch, "check_one", fake_check({name: f"sleep{0.05 * (8 - n)}" for n, name in enumerate(names)}))
    for jobs in (1, 2):
        results = check_files([tmp_path / n for n in names], jobs=jobs)
        assert [Path(r.file).name for r in results] == names


def test_ctrl_c_while_waiting_kills_every_worker(monkeypatch, tmp_path):
    """Both workers have checked a file and are busy with the next when Ctrl-C arrives."""
    monkeypatch.setattr(batch, "check_one", fake_check({"treo-1.docx": "slow", "treo-2.docx": "slow"}))
    seen = []

    def wait_or_ctrl_c(connections, timeout):
        if len(seen) == 2:
            raise KeyboardInterrupt
        return multiprocessing.connection.wait(connections, timeout)

    monkeypatch.setattr(batch, "wait", wait_or_ctrl_c)
    files = [tmp_path / n for n in ["a.docx", "b.docx", "treo-1.docx", "treo-2.docx"]]
    with pytest.raises(KeyboardInterrupt):
        for position, _ in batch.iter_check(files, jobs=2):
            seen.append(position)
            workers = multiprocessing.active_children()
    assert sorted(seen) == [0, 1] and len(workers) == 2
    assert multiprocessing.active_children() == []
    assert [worker.exitcode for worker in workers] == [-signal.SIGKILL] * 2


def test_the_memory_cap_counts_what_a_file_adds_not_what_the_batch_already_holds(monkeypatch, tmp_path):
    # The batch holds 1.5 GB of address space (untouched pages: no real memory) when it forks.
    held = mmap.mmap(-1, 3 * 2**29)
    behaviour = {"lon.docx": "need 300 MB", "ngon-bo-nho.docx": "hog"}
    monkeypatch.setattr(batch, "check_one", fake_check(behaviour))
    files = [tmp_path / "lon.docx", tmp_path / "ngon-bo-nho.docx"]
    results = check_files(files, jobs=1, batch_limits=BatchLimits(memory=2**30))
    held.close()
    assert [r.error.kind if r.error else r.status for r in results] == ["ok", "unsafe"]


def test_what_a_killed_worker_leaves_in_temporary_folders_goes_with_the_batch(monkeypatch, tmp_path):
    system_temp = tmp_path / "tmp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    monkeypatch.setattr(batch, "check_one", fake_check({"cu.doc": "convert, then hang"}))
    results = check_files([tmp_path / "cu.doc", tmp_path / "moi.docx"], jobs=1, batch_limits=BatchLimits(timeout=1))
    assert [r.error.kind if r.error else r.status for r in results] == ["timeout", "ok"]
    assert list(system_temp.iterdir()) == []


def test_each_file_not_checked_is_told_with_what_to_do_next(monkeypatch, tmp_path):
    """An office worker reading the summary learns what to do with the file, not only what went wrong."""
    def fails_with(error):
        def check_one(*_):
            raise error
        return check_one

    told = {"timeout": batch._timed_out(tmp_path / "a.docx", 60), "crashed": batch._crashed(tmp_path / "a.docx")}
    for kind, error in (("unsafe", MemoryError()), ("internal", RuntimeError("a bug"))):
        monkeypatch.setattr(batch, "check_one", fails_with(error))
        told[kind], reusable = batch._check_guarded(tmp_path / "a.docx", None, None, None)
        assert not reusable
    assert {kind: result.error.kind for kind, result in told.items()} == {kind: kind for kind in told}
    assert "--timeout" in told["timeout"].error.message.vi
    for kind in ("timeout", "crashed", "unsafe"):
        assert "Hãy mở tệp bằng Word" in told[kind].error.message.vi, kind
    assert "không phải lỗi của báo cáo" in told["internal"].error.message.vi
    assert "người quản trị" in told["internal"].error.message.vi


@pytest.mark.skipif(not Path("/proc/self/comm").exists(), reason="Linux names its processes in /proc")
def test_the_memory_cap_reads_what_a_worker_inherits_whatever_the_program_is_called():
    # /proc/self/status opens with the program's name, which need not be ASCII.
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def renamed_then_measured():
        Path("/proc/self/comm").write_bytes("báo cáo".encode())
        sending.send(batch._inherited_address_space())

    process = context.Process(target=renamed_then_measured)
    process.start()
    process.join(10)
    assert receiving.poll(0) and receiving.recv() > 0


def test_a_memory_limit_set_for_the_session_is_kept_not_raised(monkeypatch, tmp_path):
    # ``ulimit -v`` lower than the batch's cap: a worker cannot raise it, and checks under it.
    monkeypatch.setattr(batch, "check_one", fake_check({}))
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def under_a_session_limit():
        session = batch._inherited_address_space() + 2**30  # under what the batch would allow (2 GB more)
        resource.setrlimit(resource.RLIMIT_AS, (session, session))
        sending.send([r.status for r in check_files([tmp_path / "a.docx"], jobs=1)])

    process = context.Process(target=under_a_session_limit)
    process.start()
    process.join(20)
    assert receiving.poll(0) and receiving.recv() == ["ok"]
