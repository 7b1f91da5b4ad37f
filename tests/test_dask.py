"""The batch on Dask gives exactly the local batch's results, in the same order.

``check()`` is a pure function of a file's bytes and the schema, so a cluster only has to map
it over the bytes (workers need not share a file system). This is the recipe of
docs/scaling.md, run on a local cluster of two worker processes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sobaocao import check
from sobaocao.batch import check_files, error_result
from sobaocao.errors import SobaocaoError
from sobaocao.finding import CheckResult
from sobaocao.i18n import L
from sobaocao.registry import resolve_schema
from tests.fixtures import hostile, reports

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install 'sobaocao[dask]'")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-chi-bo-so-ke-hoach.docx"


def check_report(name: str, data: bytes, schema) -> CheckResult:
    """One task: a file sobaocao refuses becomes an error result, as in the local batch."""
    try:
        return check(data, schema=schema, name=name)
    except SobaocaoError as exc:
        return error_result(name, exc.kind, L(exc.message("vi"), exc.message("en")))


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("tinh")
    shutil.copyfile(EXAMPLE, folder / "01-so-ke-hoach.docx")
    built = {
        "02-thieu-phan-III.docx": reports.without("1.3"),
        "03-ngoai-thoi-ky.docx": reports.with_out_of_period().docx,
        "04-so-thong-tin.docx": reports.for_named_unit(),
        "05-danh-so-tu-dong.docx": reports.auto_numbered(),
        "06-tai-ve-do-dang.docx": hostile.truncated_zip(),
        "07-bom-nen.docx": hostile.zip_bomb(),
    }
    for name, data in built.items():
        (folder / name).write_bytes(data)
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as connected:
        yield connected


def test_dask_results_equal_the_local_batch_in_the_same_order(inbox, client):
    schema = resolve_schema("cv630-ct07")
    local = check_files(inbox, schema, jobs=2)

    shared_schema = client.scatter(schema, broadcast=True)
    futures = client.map(check_report, [str(p) for p in inbox], [p.read_bytes() for p in inbox], schema=shared_schema)
    remote = client.gather(futures)

    assert [r.file for r in remote] == [str(p) for p in inbox]
    assert [r.status for r in remote] == ["ok", "findings", "findings", "ok", "ok", "error", "error"]
    assert [r.error.kind for r in remote if r.error] == ["input", "unsafe"]
    assert remote == local
    assert len(client.scheduler_info()["workers"]) == 2
