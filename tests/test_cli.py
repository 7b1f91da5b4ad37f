"""The command line as office staff and scripts use it: messages, formats, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sobaocao.cli import main
from sobaocao.registry import load_schema

from .fixtures import letters, reports

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bao-cao-chi-bo-so-ke-hoach.docx"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bao-cao")
    (folder / "a-day-du.docx").write_bytes(reports.complete())
    (folder / "b-thieu-1.3.docx").write_bytes(reports.without("1.3"))
    (folder / "c-hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return folder


def run(*args, cwd=None):
    if cwd:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(cwd)
            return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_clean_report_exits_0_with_vietnamese_coverage():
    result = run("check", EXAMPLE)
    assert result.exit_code == 0
    assert "Các mục theo yêu cầu của công văn" in result.output
    assert "Không phát hiện vấn đề nào." in result.output
    assert "\x1b[" not in result.output  # no colour codes when not on a terminal


def test_missing_section_exits_1_and_says_where_in_english(folder):
    result = run("check", folder / "b-thieu-1.3.docx", "--lang", "en")
    assert result.exit_code == 1
    assert "ERROR" in result.output and "(missing-section)" in result.output
    assert "Fix:" in result.output


def test_a_folder_with_a_broken_file_is_still_checked_and_exits_2(folder):
    result = run("check", folder, "-j", "2")
    assert result.exit_code == 2
    out = result.output
    assert out.index("a-day-du.docx") < out.index("b-thieu-1.3.docx") < out.index("c-hong.docx")
    assert "KHÔNG KIỂM TRA ĐƯỢC" in out
    assert "Tổng cộng: 3 tệp, 1 lỗi" in out
    assert "Traceback" not in out


def test_json_output_follows_the_contract(folder):
    result = run("check", folder, "--format", "json")
    data = json.loads(result.output)
    assert [Path(f["file"]).name for f in data["files"]] == ["a-day-du.docx", "b-thieu-1.3.docx", "c-hong.docx"]
    assert [f["status"] for f in data["files"]] == ["ok", "findings", "error"]
    assert data["files"][2]["error"]["kind"] == "input"
    finding = data["files"][1]["findings"][0]
    assert finding["rule"] == "missing-section" and finding["section"] == "1.3"
    assert data["summary"]["files"] == 3


def test_sarif_and_html_go_to_the_output_file(folder, tmp_path):
    sarif_path = tmp_path / "out.sarif"
    result = run("check", folder / "b-thieu-1.3.docx", "--format", "sarif", "-o", sarif_path)
    assert result.exit_code == 1 and result.output == ""
    sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "missing-section"
    html_path = tmp_path / "out.html"
    run("check", folder, "--format", "html", "-o", html_path)
    page = html_path.read_text(encoding="utf-8")
    assert page.count("<tr>") >= 3 and "c-hong.docx" in page


def test_summary_csv(folder, tmp_path):
    target = tmp_path / "tong-hop.csv"
    run("check", folder, "--summary", target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Tệp,Đơn vị,Số,Ngày báo cáo")
    assert len(lines) == 4 and lines[2].endswith(",1.3")


def test_rule_options_change_the_verdict(folder):
    path = folder / "b-thieu-1.3.docx"
    assert run("check", path, "--ignore", "missing-section").exit_code == 0
    assert run("check", path, "--severity", "missing-section=warning").exit_code == 0
    assert run("check", path, "--select", "missing-section,font").exit_code == 1


def test_configuration_file_is_found_and_options_win(folder, tmp_path):
    (tmp_path / "sobaocao.toml").write_text('ignore = ["missing-section"]\n', encoding="utf-8")
    path = folder / "b-thieu-1.3.docx"
    assert run("check", path, cwd=tmp_path).exit_code == 0
    assert run("check", path, "--ignore", "font", cwd=tmp_path).exit_code == 1


def test_misuse_gives_one_clear_message_and_exit_2(tmp_path):
    unknown = run("check", EXAMPLE, "--ignore", "missng-section")
    assert unknown.exit_code == 2 and "missng-section" in unknown.output
    bad_level = run("check", EXAMPLE, "--severity", "font=fatal")
    assert bad_level.exit_code == 2 and "QUY_TẮC=error|warning|info" in bad_level.output
    broken = tmp_path / "hong.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    schema = run("check", EXAMPLE, "--schema", broken)
    assert schema.exit_code == 2 and "hong.yaml" in schema.output
    assert "Traceback" not in unknown.output + bad_level.output + schema.output


def test_outline_shows_the_header_and_heading_tree():
    text = run("outline", EXAMPLE)
    assert text.exit_code == 0
    assert "Số, ký hiệu: Số 15-BC/CB" in text.output
    assert "  I. TÌNH HÌNH QUÁN TRIỆT" in text.output
    assert "\n    1. Công tác lãnh đạo" in text.output
    data = json.loads(run("outline", EXAMPLE, "--format", "json").output)
    assert data["header"]["banner"] == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_outline_of_a_broken_file_is_one_message(folder):
    result = run("outline", folder / "c-hong.docx", "--lang", "en")
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1


def test_schemas_commands(tmp_path):
    listing = run("schemas")
    assert listing.exit_code == 0 and "cv630-ct07" in listing.output and "630-CV/ĐUK" in listing.output
    shown = run("schemas", "show", "cv630-ct07")
    assert "id: '1.1'" in shown.output  # quoted, or YAML would read a float
    copy = tmp_path / "copy.yaml"
    copy.write_text(shown.output, encoding="utf-8")
    assert load_schema(copy) == load_schema("cv630-ct07")  # what is shown loads back the same
    schema = json.loads(run("schemas", "json-schema").output)
    assert "sections" in schema["properties"]
    rules = run("rules", "--lang", "en")
    assert "missing-section" in rules.output and "out-of-period" in rules.output


def test_help_is_fast_because_heavy_modules_load_lazily():
    code = "import sys, sobaocao.cli; print(sorted(m for m in ('lxml', 'docx', 'pydantic', 'regex') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_annotate_writes_commented_copies_and_leaves_the_originals(folder, tmp_path):
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run("check", folder, "--annotate", tmp_path / "chu-thich")
    assert result.exit_code == 2  # the broken file
    assert sorted(p.name for p in (tmp_path / "chu-thich").iterdir()) == ["b-thieu-1.3.sobaocao.docx"]
    assert "Đã ghi 1 bản sao có chú thích" in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_an_annotate_folder_that_cannot_be_made_is_told_before_checking(folder, tmp_path):
    blocker = tmp_path / "tep-thuong"
    blocker.write_text("", encoding="utf-8")
    refused = run("check", folder / "b-thieu-1.3.docx", "--annotate", blocker / "chu-thich")
    assert refused.exit_code == 2
    assert refused.output == (
        f"Không ghi được thư mục bản sao có chú thích «{blocker / 'chu-thich'}» (một phần của đường dẫn là tệp "
        "chứ không phải thư mục). Kiểm tra thư mục có quyền ghi không, và tệp không đang mở trong chương trình "
        "khác (Word, Excel).\n"
    )  # one message, and no report was checked (nothing else was printed)
    clean = run("check", EXAMPLE, "--annotate", tmp_path / "chua-co" / "chu-thich")
    assert clean.exit_code == 0 and not (tmp_path / "chua-co").exists()  # a clean report: nothing made


def test_a_batch_without_a_temporary_folder_is_one_message_and_exit_2(folder, monkeypatch):
    from sobaocao import batch

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch.tempfile, "mkdtemp", no_space)
    result = run("check", folder / "a-day-du.docx")
    assert result.exit_code == 2
    assert result.output == (
        "Không tạo được thư mục tạm để kiểm tra (No space left on device). Hãy giải phóng bớt ổ đĩa "
        "hoặc xem thư mục tạm (biến TMPDIR) có cho ghi không, rồi chạy lại.\n"
    )


def test_output_never_overwrites_a_checked_report(folder):
    target = folder / "a-day-du.docx"
    before = target.read_bytes()
    for option in ("-o", "--summary"):
        result = run("check", target, option, target)
        assert result.exit_code == 2 and "Không ghi kết quả đè lên tệp đang kiểm tra" in result.output
    assert target.read_bytes() == before


def test_output_folder_is_made_and_an_unwritable_target_is_one_message(folder, tmp_path):
    report = folder / "a-day-du.docx"
    target = tmp_path / "chua-co" / "ket-qua.json"
    made = run("check", report, "--format", "json", "-o", target)
    assert made.exit_code == 0 and json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] == 1
    blocker = tmp_path / "tep-thuong"
    blocker.write_text("", encoding="utf-8")
    for option in ("-o", "--summary"):
        refused = run("check", report, option, blocker / "ket-qua.csv", "--lang", "en")
        assert refused.exit_code == 2 and f"Cannot write the " in refused.output
        assert f"'{blocker / 'ket-qua.csv'}' (" in refused.output
        assert "Traceback" not in refused.output
    letter = tmp_path / "cong-van.docx"
    letter.write_bytes(letters.seed_letter())
    draft = run("schema", "infer", letter, "-o", blocker / "nhap.yaml")
    assert draft.exit_code == 2 and f"Không ghi được bản nháp schema «{blocker / 'nhap.yaml'}»" in draft.output


def test_a_folder_with_no_file_is_one_message_and_exit_2(tmp_path):
    result = run("check", tmp_path, "--lang", "en")
    assert result.exit_code == 2
    assert result.output == f"There is no file to check in: {tmp_path}. Choose a folder that holds .docx reports.\n"


def test_ctrl_c_during_a_batch_is_one_message_and_exit_130(folder, monkeypatch):
    from sobaocao import batch

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "check_files", interrupted)
    result = run("check", folder)
    assert result.exit_code == 130
    assert result.output == "\nĐã dừng kiểm tra theo yêu cầu; chưa ghi kết quả nào.\n"


def test_every_command_is_listed_in_both_languages_without_truncation():
    for group in ([], ["schema"]):
        listing = run(*group, "--help").output.split("Commands:\n")[1]
        lines = [line for line in listing.splitlines() if line.strip()]
        assert lines and all(" / " in line and not line.endswith("...") for line in lines), lines


def test_the_schema_alias_works_but_is_listed_once():
    listing = run("--help").output.split("Commands:\n")[1]
    names = [line.split()[0] for line in listing.splitlines() if line.strip()]
    assert names.count("schemas") == 1 and "schema" not in names
    alias, group = run("schema", "--help").output, run("schemas", "--help").output
    assert alias.startswith("Usage: main schema [OPTIONS]") and alias.split("\n", 1)[1] == group.split("\n", 1)[1]


def test_schema_show_speaks_english_when_asked():
    result = run("schema", "show", "khong-co", "--lang", "en")
    assert result.exit_code == 2 and result.output.startswith("No built-in schema named 'khong-co'.")
