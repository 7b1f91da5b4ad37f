"""``sobaocao template``: write a report template (mẫu báo cáo) for a request letter's schema."""

from __future__ import annotations

import click

from . import fail, lang_option


@click.command(short_help="Tạo mẫu báo cáo .docx / write a report template.")
@click.option("--schema", "schema_ref", required=True, metavar="ID|FILE",
              help="Công văn cần báo cáo: mã có sẵn (xem «sobaocao schemas») hoặc tệp YAML / built-in id or YAML file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Tệp mẫu sẽ ghi (mặc định: mau-<mã>.docx) / the .docx to write.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có / overwrite an existing file.")
@lang_option
def template(schema_ref, output, force, lang):
    """Tạo mẫu báo cáo (.docx) đúng thể thức, đủ các mục công văn yêu cầu / write a report template.

    \b
    Ví dụ / example:
      sobaocao template --schema cv630-ct07 -o mau-bao-cao.docx
    """
    from sobaocao.errors import ExistingOutputError, OutputError, SobaocaoError
    from sobaocao.registry import resolve_schema
    from sobaocao.template import save_template

    try:
        schema = resolve_schema(schema_ref)
        path = save_template(schema, output or f"mau-{schema.id}.docx", lang, overwrite=force)
    except ExistingOutputError as exc:
        fail(OutputError(
            f"Tệp «{exc.path}» đã có. Hãy chọn tên tệp khác (-o), hoặc thêm --force nếu muốn ghi đè "
            "(nội dung đã điền trong tệp đó sẽ mất).",
            f"'{exc.path}' already exists. Choose another name (-o), or add --force to overwrite it "
            "(whatever was filled in there is lost).",
        ), lang)
    except SobaocaoError as exc:
        fail(exc, lang)
    command = f'sobaocao check "{path}" --schema {_argument(schema_ref)}'
    if lang == "vi":
        click.echo(f"Đã ghi mẫu báo cáo «{path}» theo {schema.source.number}. Điền vào các chỗ trong ngoặc vuông […] "
                   f"và các dấu «……», rồi kiểm tra bằng: {command}")
    else:
        click.echo(f"Wrote the report template '{path}' for {schema.source.number}. Fill in the bracketed […] "
                   f"instructions and the '……' blanks, then check it with: {command}")


def _argument(value: str) -> str:
    """``value`` as one word of the suggested command: quoted unless it is a plain id or path,
    so that a schema file whose name has spaces can be pasted back as it is shown."""
    return value if value and all(c.isalnum() or c in "._-/\\:" for c in value) else f'"{value}"'
