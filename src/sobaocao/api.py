"""The public entry point: ``check()`` one report against a schema."""

from __future__ import annotations

from pathlib import Path

from .config import Config
from .docx.package import Limits
from .errors import SobaocaoError
from .finding import CheckResult
from .rules import Context
from .schema import Schema

Source = str | Path | bytes


def check(
    source: Source,
    schema: str | Path | Schema | None = None,
    config: Config | None = None,
    *,
    limits: Limits | None = None,
    name: str | None = None,
) -> CheckResult:
    """Check one report (a path or the bytes of a .docx) against a request letter's schema.

    ``schema`` is a built-in id ("cv630-ct07"), a path to a YAML file, a loaded ``Schema``, or
    None to pick the built-in schema the report answers. A report with problems is a normal
    result; an exception (``InputError``, ``UnsafeInputError``, ``SchemaError``) means the check
    could not run. The input is only read, never written.
    """
    from .docx import read_document
    from .engine import run_rules
    from .match import match_sections, schema_fits
    from .registry import resolve_schema, select_schema

    document = read_document(source, limits=limits, name=name)
    try:
        if schema is None:
            chosen, fits = select_schema(document), True  # selected because it fits
        else:
            chosen = resolve_schema(schema)
            fits = schema_fits(document, chosen)
    except SobaocaoError as exc:
        exc.notes = tuple(document.notes)  # the file was read: its notes still hold
        raise
    sections = match_sections(document, chosen)
    ctx = Context(document=document, schema=chosen, sections=sections, form=chosen.form, schema_fits=fits)
    findings = run_rules(ctx, config)
    return CheckResult(
        file=name or (str(source) if not isinstance(source, bytes) else "<bytes>"),
        schema_id=chosen.id,
        report=document.header,
        sections=sections,
        findings=findings,
        notes=document.notes,
    )
