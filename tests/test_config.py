import pytest

from sobaocao.config import Config, find_config_file, load_config
from sobaocao.errors import ConfigError
from sobaocao.finding import Severity


def test_select_ignore_and_severity():
    config = Config(select=["missing-section", "font"], ignore=["font"], severity={"missing-section": "warning"})
    assert config.enabled("missing-section")
    assert not config.enabled("font")  # ignore wins over select
    assert not config.enabled("out-of-period")  # not selected
    assert config.severity_for("missing-section", Severity.error) is Severity.warning
    assert config.severity_for("font", Severity.info) is Severity.info


def test_explicit_options_win_over_the_file_and_severities_merge():
    from_file = Config(ignore=["font"], severity={"margins": "info", "font-size": "info"})
    merged = from_file.merged(Config(severity={"margins": "error"}))
    assert merged.ignore == ["font"]
    assert merged.severity == {"margins": Severity.error, "font-size": Severity.info}
    assert from_file.merged(Config(ignore=[])).ignore == []


def test_unknown_rule_ids_are_refused_with_their_names():
    with pytest.raises(ConfigError) as caught:
        Config(ignore=["missng-section"]).validate_rules({"missing-section"})
    assert "missng-section" in caught.value.message("vi")
    assert "Unknown rule id: missng-section" in caught.value.message("en")
    assert caught.value.message("vi").endswith("bằng lệnh: sobaocao rules")  # what an installed copy can run


def test_config_found_upwards_in_sobaocao_toml_or_pyproject(tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config_file(nested) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config_file(nested) is None  # a pyproject without [tool.sobaocao] is not ours
    (tmp_path / "pyproject.toml").write_text('[tool.sobaocao]\nignore = ["font"]\n', encoding="utf-8")
    found = find_config_file(nested)
    assert found == tmp_path / "pyproject.toml"
    assert load_config(found).ignore == ["font"]
    (tmp_path / "a" / "sobaocao.toml").write_text('select = ["missing-section"]\n', encoding="utf-8")
    assert load_config(find_config_file(nested)).select == ["missing-section"]


def test_broken_config_files_raise_config_error(tmp_path):
    bad_toml = tmp_path / "sobaocao.toml"
    bad_toml.write_text("ignore = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="Cannot read configuration file"):
        load_config(bad_toml)
    bad_level = tmp_path / "other" / "sobaocao.toml"
    bad_level.parent.mkdir()
    bad_level.write_text('severity = {font = "fatal"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="Invalid configuration file"):
        load_config(bad_level)


def test_a_misspelt_key_is_refused_with_its_name(tmp_path):
    config_file = tmp_path / "sobaocao.toml"
    refused = _refusal(config_file, 'ignor = ["font"]\n')
    assert refused.message("en") == (
        f"Configuration file {config_file} has an unknown key: 'ignor'. The keys are: select, ignore, severity."
    )
    assert refused.message("vi") == (
        f"Tệp cấu hình {config_file} có khóa «ignor» mà sobaocao không biết (gõ sai tên?). "
        "Các khóa dùng được: select, ignore, severity."
    )


def test_another_projects_broken_pyproject_above_the_reports_is_passed_by(tmp_path):
    nested = tmp_path / "bao-cao"
    nested.mkdir()
    (tmp_path / "pyproject.toml").write_text("[project\nname = ", encoding="utf-8")
    assert find_config_file(nested) is None
    (tmp_path / "pyproject.toml").write_text("[tool.sobaocao\nignore = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="Cannot read configuration file"):
        find_config_file(nested)  # it names sobaocao: the office meant it, and learns it is broken


def test_an_invalid_value_is_explained_in_vietnamese(tmp_path):
    config_file = tmp_path / "sobaocao.toml"
    refused = _refusal(config_file, 'ignore = "font"\nseverity = {font = "fatal"}\n')
    assert refused.message("vi") == (
        f'Tệp cấu hình {config_file} không hợp lệ ở «ignore»: phải là một danh sách, ví dụ ["font", "margins"]'
    )
    assert refused.message("en") == f"Invalid configuration file {config_file} at 'ignore': Input should be a valid list"
    refused = _refusal(config_file, 'severity = {font = "fatal"}\n')
    assert refused.message("vi").endswith('«severity.font»: mức phải là "error", "warning" hoặc "info"')


def _refusal(config_file, text: str) -> ConfigError:
    """The error ``load_config`` raises for a configuration file holding ``text``."""
    config_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(config_file)
    return refused.value
