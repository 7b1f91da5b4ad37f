"""``sobaocao schema infer letter.docx -o schema.yaml``: draft a schema from a request letter.

The drafting is the library's (``sobaocao.infer``); this command reads the file, writes the YAML
and tells the user how many guesses to check. Registered by the main command group after its
shared options are defined (it imports ``lang_option`` and ``fail`` from there).
"""

from __future__ import annotations

from pathlib import Path

import click

from . import fail, lang_option


@click.command("infer", short_help="Lập bản nháp schema từ công văn / draft a schema from a letter.")
@click.argument("letter", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Ghi bản nháp schema ra tệp YAML (mặc định: in ra màn hình) / write the draft to a YAML file.",
)
@lang_option
def infer(letter: Path, output: Path | None, lang: str) -> None:
    """Lập bản nháp schema từ công văn yêu cầu báo cáo (.docx) / draft a schema from a request letter.

    Đọc đề cương «Nội dung báo cáo», thời điểm đánh giá, thời hạn gửi, số và ngày công văn; các chỗ
    cần xem lại được đánh dấu «# chưa chắc» trong tệp YAML.
    """
    from sobaocao.errors import SobaocaoError
    from sobaocao.infer import UNSURE, infer_schema

    try:
        schema, text = infer_schema(letter)
    except SobaocaoError as exc:
        fail(exc, lang)
    sections = sum(1 for _ in schema.walk())
    unsure = text.count(f"# {UNSURE}:")
    if output is None:
        click.echo(text, nl=False)
    else:
        from sobaocao.i18n import L
        from sobaocao.output import write_output

        try:
            write_output(output, text.encode("utf-8"), what=L("bản nháp schema", "draft schema"))
        except SobaocaoError as exc:
            fail(exc, lang)
    where = str(output) if output else ("màn hình" if lang == "vi" else "the screen")
    if lang == "vi":
        message = (
            f"Đã lập bản nháp schema «{schema.id}» từ công văn {schema.source.number}: {sections} mục, "
            f"{unsure} chỗ cần xem lại (dòng «# {UNSURE}»). Ghi ra: {where}."
        )
    else:
        message = (
            f"Drafted schema '{schema.id}' from letter {schema.source.number}: {sections} sections, "
            f"{unsure} guesses to check (lines '# {UNSURE}'). Written to: {where}."
        )
    click.echo(message, err=True)
