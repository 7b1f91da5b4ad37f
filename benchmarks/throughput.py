"""Throughput of a collecting office's batch: 500 realistic reports, checked in full.

Measures, on this machine, in this one run:

- the in-process cost of ``check()`` per report against the lower bound of reading the same
  file's XML (zip read, lxml parse of ``word/document.xml``, text joined per paragraph);
  target: at most 4x;
- reports per second of ``sobaocao.batch.check_files`` with 1 worker and with every core, and
  the speed-up; target: at least 1.7x on 2 cores;
- peak resident memory of the batch's workers;
- the start-up time of ``sobaocao --help`` (target under 0.2 s);
- the stages of ``check()``: reading, schema fit, matching, rules;
- with ``--profile``, the functions where ``check()`` spends its time.

The reports are variants of the realistic report of ``tests/fixtures/reports.py``: 500 units
with their own names, numbers and signers, each in one of the fixture's looks (manual, Word or
no numbering, capitals, heading styles, TCVN3, decomposed Unicode), with its own figures and
sometimes a part left out, so that no two files are alike. They are saved with the markup Word
writes (``Look.word_markup``: session ids, runs split around proofing marks), as the office
receives them; the in-process cost is also given for the same reports in python-docx's lean
markup, whose XML is five times smaller for the same text.

    .venv/bin/python benchmarks/throughput.py [--reports 500] [--jobs N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import os
import platform
import pstats
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sobaocao import check  # noqa: E402
from sobaocao.batch import check_files  # noqa: E402
from sobaocao.docx.package import PartCache  # noqa: E402
from sobaocao.registry import resolve_schema  # noqa: E402
from tests.fixtures import reports  # noqa: E402

from reader import lower_bound  # noqa: E402  (the same bound as the reader's benchmark)

OFFICES = (
    "Sở Tư pháp", "Sở Tài chính", "Sở Y tế", "Sở Xây dựng", "Sở Công Thương", "Sở Nội vụ", "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường", "Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động - Thương binh và Xã hội",
    "Ban Dân tộc", "Thanh tra tỉnh", "Kho bạc Nhà nước tỉnh", "Bảo hiểm xã hội tỉnh", "Cục Thuế tỉnh",
    "Đài Phát thanh và Truyền hình", "Báo Yên Bái", "Trường Chính trị tỉnh", "Liên minh Hợp tác xã", "Công ty Điện lực",
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Lò", "Giàng")
GIVEN_NAMES = ("Văn An", "Thị Bình", "Đức Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quang Huy", "Thị Lan", "Văn Sơn")
LOOKS = (
    reports.Look(),
    reports.Look(labels="auto"),
    reports.Look(labels="none"),
    reports.Look(labels="none", capital_headings=True, heading_bold=False),
    reports.Look(heading_styles=True),
    reports.Look(tcvn3=True),
    reports.Look(text_form=lambda text: unicodedata.normalize("NFD", text)),
)
# Parts a unit may leave out (a realistic share of reports lack one).
OPTIONAL_DROPS = ("1.1.3", "1.2.1.4", "1.2.2.4", "1.3.3")


def varied(report: reports.Report, rng: random.Random) -> reports.Report:
    """The same report with its own figures (every count changed) and maybe one part missing."""
    dropped = rng.choice(OPTIONAL_DROPS) if rng.random() < 0.3 else None

    def figures(text: str) -> str:
        return re.sub(r"\b(\d{1,3})\b(?![/.]\d)", lambda m: str(rng.randint(1, 99 if len(m[1]) < 3 else 999)), text)

    def node(item: reports.Node) -> reports.Node:
        return dataclasses.replace(
            item,
            paragraphs=tuple(figures(text) for text in item.paragraphs),
            children=tuple(node(child) for child in item.children if child.key != dropped),
        )

    return dataclasses.replace(report, body=tuple(node(item) for item in report.body if item.key != dropped))


def build_reports(count: int, folder: Path, seed: int = 7, *, word_markup: bool = False) -> list[Path]:
    """``count`` reports in ``folder``, the same ones for the same seed whatever the markup."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        office = OFFICES[index % len(OFFICES)]
        unit = reports.Unit(
            f"Chi bộ {office}", f"Số {rng.randint(1, 99)}-BC/CB", f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"
        )
        report = varied(reports.ct07_report(unit, named_unit_item=rng.random() < 0.2), rng)
        path = folder / f"{index:03d}-{office.split(',')[0].lower().replace(' ', '-')}.docx"
        look = dataclasses.replace(LOOKS[index % len(LOOKS)], word_markup=word_markup)
        path.write_bytes(reports.render(report, look))
        paths.append(path)
    return paths


def document_part_kib(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return archive.getinfo("word/document.xml").file_size // 1024


def forget_kept_results() -> None:
    """Empty every result sobaocao keeps between reports (parts, styles, folded texts, heading
    scores): the next check costs what it costs a worker on its first file. The built-in schemas
    stay: the batch loads them once before it starts its workers."""
    for name, module in list(sys.modules.items()):
        if name.startswith("sobaocao") and name != "sobaocao.registry":
            for value in vars(module).values():
                if isinstance(value, PartCache):
                    value.clear()
                elif hasattr(value, "cache_clear") and not isinstance(value, type):
                    value.cache_clear()


def in_process_costs(datas: list[bytes], schema) -> dict[str, float]:
    """CPU seconds per report, best of two rounds, functions run in turns on each file so that a
    busy machine slows all of them alike. "nothing kept" checks each report as the first one a
    process sees: reports made from one template share their styles and headings, which later
    checks of the same process reuse. It is timed in rounds of its own, since emptying what is
    kept would leave the check timed after it as cold as the first report of a worker."""
    kept = {
        "bound": lower_bound,
        "check": lambda data: check(data, schema=schema),
        "check, schema picked": lambda data: check(data),
    }
    costs = _best_of_rounds(datas, kept)
    forget_kept_results()
    costs |= _best_of_rounds(datas, {"check, nothing kept": lambda data: check(data, schema=schema)}, forget_kept_results)
    return costs


def _best_of_rounds(datas: list[bytes], functions: dict, prepare=None) -> dict[str, float]:
    """The best of two rounds of each function's CPU seconds per report, in turns on each file;
    ``prepare`` runs untimed before each call."""
    best = {name: float("inf") for name in functions}
    for _ in range(2):
        totals = dict.fromkeys(functions, 0.0)
        for data in datas:
            for name, function in functions.items():
                if prepare:
                    prepare()
                start = time.process_time()
                function(data)
                totals[name] += time.process_time() - start
        best = {name: min(best[name], totals[name]) for name in functions}
    return {name: seconds / len(datas) for name, seconds in best.items()}


@dataclasses.dataclass(frozen=True)
class BatchRun:
    rate: float  # reports per second, wall clock
    cpu_per_report: float  # CPU seconds of this process and its workers, per report
    parent_cpu_per_report: float  # of which this process (sending paths, receiving results): the serial part
    others_cores: float  # cores kept busy by other processes meanwhile (the machine is shared)


def busy_cpu_seconds() -> float:
    """CPU seconds every process of the machine has used (user, nice, system, irq), from /proc/stat."""
    user, nice, system, _idle, _iowait, irq, softirq, *_ = map(int, Path("/proc/stat").read_text().splitlines()[0].split()[1:])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def batch_run(paths: list[Path], schema, jobs: int) -> BatchRun:
    machine_before, own_before, parent_before = busy_cpu_seconds(), own_cpu_seconds(), time.process_time()
    start = time.perf_counter()
    results = check_files(paths, schema, jobs=jobs)
    elapsed = time.perf_counter() - start
    own, parent = own_cpu_seconds() - own_before, time.process_time() - parent_before
    others = max(0.0, busy_cpu_seconds() - machine_before - own)
    unexpected = [r.file for r in results if r.status == "error"]
    if unexpected:
        raise SystemExit(f"benchmark reports that could not be checked: {unexpected[:5]}")
    return BatchRun(len(paths) / elapsed, own / len(paths), parent / len(paths), others / elapsed)


def startup_seconds(repeat: int = 5) -> float:
    command = [str(Path(sys.executable).parent / "sobaocao"), "--help"]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def stage_costs(datas: list[bytes], schema) -> dict[str, float]:
    """CPU seconds per report of each stage of ``check()`` (as ``sobaocao.api.check`` runs them,
    schema given), best of two rounds."""
    from sobaocao.docx import read_document
    from sobaocao.engine import run_rules
    from sobaocao.match import match_sections, schema_fits
    from sobaocao.rules import Context

    best: dict[str, float] = {}
    for _ in range(2):
        totals = dict.fromkeys(("read_document", "schema_fits", "match_sections", "run_rules"), 0.0)
        for data in datas:
            start = time.process_time()
            document = read_document(data)
            read = time.process_time()
            fits = schema_fits(document, schema)
            fitted = time.process_time()
            sections = match_sections(document, schema)
            matched = time.process_time()
            run_rules(Context(document=document, schema=schema, sections=sections, form=schema.form, schema_fits=fits), None)
            ruled = time.process_time()
            for name, seconds in zip(totals, (read - start, fitted - read, matched - fitted, ruled - matched)):
                totals[name] += seconds
        best = {name: min(best.get(name, float("inf")), seconds / len(datas)) for name, seconds in totals.items()}
    return best


def profile(datas: list[bytes], schema, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for data in datas:
        check(data, schema=schema)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers of the parallel run")
    parser.add_argument("--sample", type=int, default=100, help="reports timed in process (every variant is in the first 7)")
    parser.add_argument("--profile", action="store_true", help="print where check() spends its time")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    schema = resolve_schema("cv630-ct07")
    with tempfile.TemporaryDirectory(prefix="sobaocao-bench-") as folder:
        start = time.perf_counter()
        paths = build_reports(args.reports, Path(folder) / "word", word_markup=True)
        lean = build_reports(args.sample, Path(folder) / "lean")
        sizes = [p.stat().st_size for p in paths]
        print(f"built {len(paths)} reports in {time.perf_counter() - start:.0f} s "
              f"({min(sizes) // 1024}-{max(sizes) // 1024} KiB each; word/document.xml "
              f"{document_part_kib(paths[0])} KiB, {document_part_kib(lean[0])} KiB in python-docx's markup)")
        datas = [p.read_bytes() for p in paths[: args.sample]]
        check(datas[0], schema=schema)  # warm-up: imports and caches

        for markup, sample in (("as Word saves them", datas), ("python-docx's lean markup", [p.read_bytes() for p in lean])):
            costs = in_process_costs(sample, schema)
            print(f"\nin process, per report (CPU, {len(sample)} reports, {markup}):")
            print(f"  lower bound (zip + parse + text):  {costs['bound'] * 1000:6.1f} ms")
            print(f"  check(), schema given:             {costs['check'] * 1000:6.1f} ms  "
                  f"= {costs['check'] / costs['bound']:.2f}x the bound (target ≤ 4x)")
            print(f"  check(), schema picked:            {costs['check, schema picked'] * 1000:6.1f} ms  "
                  f"= {costs['check, schema picked'] / costs['bound']:.2f}x the bound")
            print(f"  check(), nothing kept:             {costs['check, nothing kept'] * 1000:6.1f} ms  "
                  f"= {costs['check, nothing kept'] / costs['bound']:.2f}x the bound (a worker's first report)")
            stages = stage_costs(sample, schema)
            print("  of which " + ", ".join(f"{name} {seconds * 1000:.1f} ms" for name, seconds in stages.items()))

        one = batch_run(paths, schema, jobs=1)
        many = batch_run(paths, schema, jobs=args.jobs)
        print(f"\nbatch of {len(paths)} (check_files, a pool of long-lived forked workers):")
        for label, run in (("1 worker: ", one), (f"{args.jobs} workers:", many)):
            print(f"  {label}  {run.rate:6.1f} reports/s, {run.cpu_per_report * 1000:.0f} ms CPU per report "
                  f"({run.parent_cpu_per_report * 1000:.0f} ms in the parent); other processes kept "
                  f"{run.others_cores:.1f} of {os.cpu_count()} cores busy meanwhile")
        print(f"  speed-up:   {many.rate / one.rate:.2f}x (target ≥ 1.7x on 2 cores)")
        workers_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        own_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"  peak RSS of a worker: {workers_kib / 1024:.0f} MiB (this process, which they fork from: {own_kib / 1024:.0f} MiB)")

        print(f"\nsobaocao --help start-up: {startup_seconds() * 1000:.0f} ms (target < 200 ms)")
        if args.profile:
            profile(datas, schema, top=25)


if __name__ == "__main__":
    main()
