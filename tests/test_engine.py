from types import SimpleNamespace

from sobaocao import engine
from sobaocao.config import Config
from sobaocao.document import Document, Location
from sobaocao.finding import Severity
from sobaocao.i18n import L
from sobaocao.rules.base import Context, Rule

LATE = Rule("late-thing", Severity.warning, L("muộn", "late"))
EARLY = Rule("early-thing", Severity.error, L("sớm", "early"))


def fake_family(ctx):
    yield LATE.finding(L("b", "b"), location=Location(block=7))
    yield EARLY.finding(L("a", "a"), location=Location(block=3))
    yield LATE.finding(L("c", "c"))  # report-wide: first


def run(monkeypatch, config=None):
    family = SimpleNamespace(RULES=(LATE, EARLY), check=fake_family)
    monkeypatch.setattr(engine, "families", lambda: [family])
    return engine.run_rules(Context(document=Document(), schema=None), config)


def test_findings_come_in_reading_order_report_wide_first(monkeypatch):
    findings = run(monkeypatch)
    assert [(f.message.vi, f.location.block if f.location else None) for f in findings] == [
        ("c", None), ("a", 3), ("b", 7)
    ]


def test_configuration_filters_and_sets_severity(monkeypatch):
    findings = run(monkeypatch, Config(ignore=["early-thing"], severity={"late-thing": "error"}))
    assert [(f.rule, f.severity) for f in findings] == [("late-thing", Severity.error)] * 2
    assert [f.rule for f in run(monkeypatch, Config(select=["early-thing"]))] == ["early-thing"]


def test_a_finding_superseded_by_a_kept_finding_is_dropped(monkeypatch):
    vague = Rule("vague-thing", Severity.warning, L("mơ hồ", "vague"), superseded_by=("early-thing",))

    def family_check(ctx):
        yield vague.finding(L("v", "v"))
        yield EARLY.finding(L("a", "a"), location=Location(block=3))

    family = SimpleNamespace(RULES=(vague, EARLY), check=family_check)
    monkeypatch.setattr(engine, "families", lambda: [family])
    ctx = Context(document=Document(), schema=None)
    assert [f.rule for f in engine.run_rules(ctx)] == ["early-thing"]
    # When the user turns the precise rule off, the vaguer one speaks again.
    assert [f.rule for f in engine.run_rules(ctx, Config(ignore=["early-thing"]))] == ["vague-thing"]
