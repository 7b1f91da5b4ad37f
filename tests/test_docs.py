"""Every rule is documented with its real default level, and nothing documented is a ghost;
the documented JSON output has the keys the real output has."""

import json
import re
from pathlib import Path

from click.testing import CliRunner

from sobaocao.cli import main
from sobaocao.rules import all_rules

from .fixtures import reports

DOCS = Path(__file__).resolve().parents[1] / "docs"
RULES_DOC = DOCS / "rules.md"


def documented() -> dict[str, str]:
    text = RULES_DOC.read_text(encoding="utf-8")
    entries = re.findall(r"^### `([a-z-]+)`\nDefault: \*\*(error|warning|info)\*\*", text, flags=re.M)
    return dict(entries)


def test_every_rule_has_an_entry_with_its_default_level():
    levels = {rule_id: rule.severity.value for rule_id, rule in all_rules().items()}
    assert documented() == levels


def test_rule_ids_are_stable_kebab_case():
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id) for rule_id in all_rules())


def key_sets(value, path="$", found=None) -> dict[str, set[str]]:
    """The keys of every object in a JSON value, by path (list items share the path ``[]``)."""
    found = {} if found is None else found
    if isinstance(value, dict):
        found.setdefault(path, set()).update(value)
        for key, item in value.items():
            key_sets(item, f"{path}.{key}", found)
    elif isinstance(value, list):
        for item in value:
            key_sets(item, f"{path}[]", found)
    return found


def test_the_json_example_of_output_md_has_exactly_the_keys_of_real_output(tmp_path):
    example = re.search(r"```json\n(.*?)```", (DOCS / "output.md").read_text(encoding="utf-8"), flags=re.S).group(1)
    report = tmp_path / "bao-cao.docx"
    report.write_bytes(reports.with_out_of_period().docx)
    printed = CliRunner().invoke(main, ["check", str(report), "--format", "json"], catch_exceptions=False)
    real = key_sets(json.loads(printed.output))
    assert "$.files[].findings[].location" in real  # the report has a finding with a place to show
    assert key_sets(json.loads(example)) == real
