import os
import stat

import pytest

from sobaocao.errors import OutputError
from sobaocao.i18n import L
from sobaocao.output import probe_folder, write_output

WHAT = L("tệp kết quả", "results file")


def test_output_is_written_whole_with_its_folder_and_no_temporary_file_left(tmp_path):
    target = tmp_path / "moi" / "ket-qua.json"
    assert write_output(target, b"{}", what=WHAT) == target
    assert target.read_bytes() == b"{}"
    assert [p.name for p in target.parent.iterdir()] == ["ket-qua.json"]


def test_an_unwritable_target_is_one_bilingual_error_naming_the_file(tmp_path):
    blocker = tmp_path / "tep-thuong"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_output(blocker / "ket-qua.json", b"{}", what=WHAT)
    assert caught.value.kind == "output"
    assert caught.value.message("vi").startswith(
        f"Không ghi được tệp kết quả «{blocker / 'ket-qua.json'}» (đã có một tệp trùng tên với thư mục cần tạo)"
    )
    assert "Cannot write the results file" in caught.value.message("en")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_output_gets_the_permissions_of_a_plain_write_not_owner_only(tmp_path):
    previous = os.umask(0o022)
    try:
        new = write_output(tmp_path / "moi.csv", b"a", what=WHAT)
        existing = tmp_path / "cu.csv"
        existing.write_bytes(b"old")
        existing.chmod(0o664)
        write_output(existing, b"b", what=WHAT)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    assert (stat.S_IMODE(existing.stat().st_mode), existing.read_bytes()) == (0o664, b"b")


def test_a_folder_that_cannot_be_looked_into_is_one_error_not_a_traceback(tmp_path, monkeypatch):
    """A folder on the way that the user may not enter (PermissionError from a stat) is told as
    the write would tell it; the test runs as any user, so the refusal is simulated."""
    from pathlib import Path

    closed = tmp_path / "khong-vao-duoc"
    real_exists = Path.exists

    def exists(path):
        if path == closed:
            raise PermissionError(13, "Permission denied")
        return real_exists(path)

    monkeypatch.setattr(Path, "exists", exists)
    with pytest.raises(OutputError) as refused:
        probe_folder(closed / "chu-thich", L("thư mục bản sao có chú thích", "folder of annotated copies"))
    assert f"«{closed / 'chu-thich'}» (không có quyền ghi)" in refused.value.message("vi")
    assert not os.path.exists(closed)  # nothing made

