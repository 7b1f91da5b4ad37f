"""The ``sobaocao`` command: parse options, call the library, render, set the exit code.

Nothing here decides what is wrong with a report; that is the library's job. Heavy modules are
imported inside the commands so that ``sobaocao --help`` answers at once.
"""

from __future__ import annotations

import sys

import click

from sobaocao import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C; never mistaken for 1 (findings)

lang_option = click.option(
    "--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Ngôn ngữ thông báo / message language."
)


def fail(exc, lang: str = "vi") -> None:
    """Show a library error as one clear message and stop with exit code 2."""
    click.echo(exc.message(lang), err=True)
    sys.exit(EXIT_CANNOT_RUN)


class _Commands(click.Group):
    """Lists a command registered under a second name ("schema" for "schemas") once, by its own name."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, command in sorted(self.commands.items()) if name == command.name]


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="sobaocao")
def main() -> None:
    """sobaocao: kiểm tra báo cáo (.docx) theo yêu cầu của công văn.

    Checks Vietnamese reports against what the request letter demanded: required sections,
    reporting period, form (Party / state).

    \b
    Ví dụ / examples:
      sobaocao check bao-cao.docx
      sobaocao check thu-muc-bao-cao/ --summary tong-hop.csv
      sobaocao outline bao-cao.docx
    """


@main.command(short_help="Kiểm tra báo cáo hoặc thư mục / check reports or folders.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--schema", "schema_ref", metavar="ID|FILE", help="Công văn đối chiếu: mã có sẵn hoặc tệp YAML / built-in id or YAML file.")
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "html"]), default="text", show_default=True,
              help="Dạng kết quả (xem docs/output.md) / output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Ghi kết quả ra tệp / write output to a file.")
@click.option("--select", metavar="RULES", help="Chỉ chạy các quy tắc này (cách nhau bởi dấu phẩy) / only these rules.")
@click.option("--ignore", metavar="RULES", help="Bỏ qua các quy tắc này / skip these rules.")
@click.option("--severity", "severities", multiple=True, metavar="RULE=LEVEL", help="Đổi mức: missing-item=error / override a rule's level.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="Tệp cấu hình (mặc định: sobaocao.toml hoặc pyproject.toml gần nhất) / configuration file.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Số tiến trình song song (mặc định: số nhân máy) / parallel workers.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60, show_default=True, help="Giới hạn giây cho mỗi tệp / seconds per file.")
@click.option("--summary", "summary_csv", type=click.Path(dir_okay=False, writable=True), help="Ghi bảng tổng hợp CSV (mở được bằng Excel) / write a summary CSV.")
@click.option("--annotate", "annotate_dir", type=click.Path(file_okay=False), metavar="OUTDIR",
              help="Ghi bản sao báo cáo có chú thích (comment) tại chỗ cần sửa / write copies with Word comments.")
def check(paths, schema_ref, lang, fmt, output, select, ignore, severities, config_file, jobs, timeout, summary_csv, annotate_dir):
    """Kiểm tra một hoặc nhiều báo cáo, hoặc cả thư mục / check reports or folders.

    Mã thoát / exit code: 0 không có lỗi, 1 có lỗi, 2 có tệp không kiểm tra được hoặc dùng sai lệnh,
    130 dừng bằng Ctrl-C.
    """
    from sobaocao.batch import BatchLimits, check_files, collect, iter_check
    from sobaocao.errors import InputError, SobaocaoError
    from sobaocao.i18n import L
    from sobaocao.output import prepare_output, probe_folder, write_output
    from sobaocao.render.summary import SUMMARY_FILE, write_csv

    RESULTS_FILE = L("tệp kết quả", "results file")
    ANNOTATED_COPIES = L("thư mục bản sao có chú thích", "folder of annotated copies")

    try:
        config = _config(config_file, select, ignore, severities)
        schema = _schema(schema_ref)
    except SobaocaoError as exc:
        fail(exc, lang)
    files = collect(paths)
    if not files:
        fail(InputError(f"Không có tệp nào để kiểm tra trong: {', '.join(paths)}. Hãy chọn thư mục có báo cáo .docx.",
                        f"There is no file to check in: {', '.join(paths)}. Choose a folder that holds .docx reports."),
             lang)
    _refuse_writing_inputs(files, output, summary_csv, lang)
    try:  # a slip in an output path is told now, not after every report has been checked
        for target, what in ((output, RESULTS_FILE), (summary_csv, SUMMARY_FILE)):
            if target:
                prepare_output(target, what)
        if annotate_dir:  # made only when a copy is written
            probe_folder(annotate_dir, ANNOTATED_COPIES)
    except SobaocaoError as exc:
        fail(exc, lang)
    limits = BatchLimits(timeout=timeout)
    try:
        if sys.stderr.isatty() and len(files) > 3:
            results = [None] * len(files)
            label = "Đang kiểm tra" if lang == "vi" else "Checking"
            with click.progressbar(length=len(files), file=sys.stderr, label=label) as bar:
                for position, result in iter_check(files, schema, config, jobs=jobs, batch_limits=limits):
                    results[position] = result
                    bar.update(1)
        else:
            results = check_files(files, schema, config, jobs=jobs, batch_limits=limits)
    except SobaocaoError as exc:  # the batch itself could not run (no temporary folder)
        fail(exc, lang)
    except KeyboardInterrupt:
        # iter_check has already killed its workers on the way out
        click.echo("\nĐã dừng kiểm tra theo yêu cầu; chưa ghi kết quả nào." if lang == "vi"
                   else "\nChecking stopped on request; no result was written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    rendered = _render(results, fmt, lang)
    try:
        if output:
            write_output(output, (click.unstyle(rendered) + "\n").encode("utf-8"), what=RESULTS_FILE)
        else:
            click.echo(rendered)
        if summary_csv:
            write_csv(results, summary_csv, lang)
    except SobaocaoError as exc:
        fail(exc, lang)
    if annotate_dir:
        _annotate(files, results, paths, annotate_dir, lang)
    sys.exit(_exit_code(results))


def _annotate(files, results, paths, outdir: str, lang: str) -> None:
    """Annotated copies of the reports that have findings; the originals are only read."""
    from pathlib import Path

    from sobaocao.annotate import annotate_batch

    written, failed = annotate_batch(files, results, outdir, folders=[Path(p) for p in paths if Path(p).is_dir()], lang=lang)
    for path, exc in failed:
        click.echo(f"{path}: {exc.message(lang)}", err=True)
    if lang == "vi":
        click.echo(f"Đã ghi {len(written)} bản sao có chú thích vào thư mục «{outdir}» (mở bằng Word để xem chú thích).", err=True)
    else:
        click.echo(f"Wrote {len(written)} annotated copies to '{outdir}' (open them in Word to see the comments).", err=True)


def _refuse_writing_inputs(files, output, summary_csv, lang: str) -> None:
    """sobaocao never writes to a report it checks, even when told to by a slip of the keyboard."""
    from pathlib import Path

    from sobaocao.errors import ConfigError

    inputs = {f.resolve() for f in files}
    for target in (output, summary_csv):
        if target and Path(target).resolve() in inputs:
            fail(ConfigError(f"Không ghi kết quả đè lên tệp đang kiểm tra: {target}. Hãy chọn tên tệp khác.",
                             f"Refusing to write the output over a file being checked: {target}. Choose another name."),
                 lang)


def _render(results, fmt: str, lang: str) -> str:
    import json

    if fmt == "json":
        from sobaocao.render.data import results_data

        return json.dumps(results_data(results, lang), ensure_ascii=False, indent=2)
    if fmt == "sarif":
        from sobaocao.render.sarif import render_sarif

        return json.dumps(render_sarif(results, lang), ensure_ascii=False, indent=2)
    if fmt == "html":
        from sobaocao.render.html import render_html

        return render_html(results, lang)
    from sobaocao.render.summary import render_table
    from sobaocao.render.text import render_file, render_summary

    blocks = [render_file(r, lang) for r in results]
    if len(results) > 1:
        blocks += [render_table(results, lang), render_summary(results, lang)]
    return "\n\n".join(blocks)


def _exit_code(results) -> int:
    if any(r.status == "error" for r in results):
        return EXIT_CANNOT_RUN
    if any(r.errors for r in results):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _config(config_file, select, ignore, severities):
    from pathlib import Path

    from sobaocao.config import Config, find_config_file, load_config
    from sobaocao.errors import ConfigError
    from sobaocao.rules import all_rules

    found = Path(config_file) if config_file else find_config_file()
    base = load_config(found) if found else Config()
    override = {}
    if select:
        override["select"] = _rule_list(select)
    if ignore:
        override["ignore"] = _rule_list(ignore)
    if severities:
        pairs = [item.partition("=") for item in severities]
        bad = [k for k, sep, v in pairs if not sep or v not in ("error", "warning", "info")]
        if bad:
            raise ConfigError(
                f"--severity phải có dạng QUY_TẮC=error|warning|info (sai: {', '.join(severities)}).",
                f"--severity takes RULE=error|warning|info (got: {', '.join(severities)}).",
            )
        override["severity"] = {k.strip(): v for k, _, v in pairs}
    config = base.merged(Config.model_validate(override))
    config.validate_rules(set(all_rules()))
    return config


def _rule_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _schema(ref):
    if ref is None:
        return None
    from sobaocao.registry import resolve_schema

    return resolve_schema(ref)


@main.command(short_help="Xem sobaocao đọc báo cáo thế nào / show what sobaocao reads.")
@click.argument("path", type=click.Path(path_type=str))
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def outline(path, lang, fmt):
    """Xem sobaocao đọc báo cáo thế nào: phần đầu và cây đề mục / show what sobaocao sees."""
    from sobaocao.docx import read_document
    from sobaocao.errors import SobaocaoError

    try:
        document = read_document(path, name=path)
    except SobaocaoError as exc:
        fail(exc, lang)
    if fmt == "json":
        click.echo(document.model_dump_json(indent=2))
    else:
        from sobaocao.render.outline import render_outline

        click.echo(render_outline(document, lang))


@main.group(invoke_without_command=True)
@click.pass_context
def schemas(ctx):
    """Các công văn có sẵn (schema) / built-in request-letter schemas."""
    if ctx.invoked_subcommand is None:
        from sobaocao.registry import builtin_schemas

        for schema in builtin_schemas().values():
            click.echo(f"{schema.id:<16} {schema.source.number:<14} {schema.title}")


@schemas.command("show")
@click.argument("ref")
@lang_option
def schemas_show(ref, lang):
    """In một schema (mã có sẵn hoặc tệp YAML) / print one schema."""
    import yaml

    from sobaocao.errors import SobaocaoError
    from sobaocao.registry import resolve_schema

    try:
        schema = resolve_schema(ref)
    except SobaocaoError as exc:
        fail(exc, lang)
    data = schema.model_dump(mode="json", exclude_defaults=True)
    click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@schemas.command("json-schema", short_help="JSON Schema cho trình soạn thảo / JSON Schema for editors.")
def schemas_json_schema():
    """JSON Schema của ngôn ngữ schema, cho trình soạn thảo / JSON Schema for editors."""
    import json

    from sobaocao.registry import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@main.command(short_help="Danh sách quy tắc kiểm tra / list the rules.")
@lang_option
def rules(lang):
    """Danh sách quy tắc kiểm tra / list the rules with their default levels."""
    from sobaocao.rules import all_rules

    for rule in sorted(all_rules().values(), key=lambda r: r.id):
        click.echo(f"{rule.id:<22} {rule.severity.value:<8} {rule.summary.text(lang)}")


# Commands kept in their own modules, registered after the shared options above exist.
from .schema_infer import infer  # noqa: E402
from .template import template  # noqa: E402

main.add_command(template)
schemas.add_command(infer)
main.add_command(schemas, "schema")  # "sobaocao schema infer" reads naturally; same group as "schemas"
