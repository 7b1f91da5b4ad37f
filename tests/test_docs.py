"""Every rule is documented with its real default level, and nothing documented is a ghost."""

import re
from pathlib import Path

from sobaocao.rules import all_rules

RULES_DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def documented() -> dict[str, str]:
    text = RULES_DOC.read_text(encoding="utf-8")
    entries = re.findall(r"^### `([a-z-]+)`\nDefault: \*\*(error|warning|info)\*\*", text, flags=re.M)
    return dict(entries)


def test_every_rule_has_an_entry_with_its_default_level():
    levels = {rule_id: rule.severity.value for rule_id, rule in all_rules().items()}
    assert documented() == levels


def test_rule_ids_are_stable_kebab_case():
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id) for rule_id in all_rules())
