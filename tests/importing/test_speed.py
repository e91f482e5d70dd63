"""What makes imports fast must not change what they produce: slim styles, worker processes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import mammoth

from desktop.importing import import_files, import_plan, read_files, read_import_file
from desktop.importing.docx import _STYLE_MAP, SLIM_STYLES_ABOVE, slim_styles
from desktop.store import Store
from tests.importing.documents import chart_docx, report_docx


def _html(data: bytes) -> str:
    return mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP).value


def test_slim_styles_converts_identically_and_is_much_smaller(tmp_path: Path) -> None:
    data = report_docx(tmp_path / "a.docx", photos=1).read_bytes()
    slim = slim_styles(data)
    with zipfile.ZipFile(io.BytesIO(data)) as before, zipfile.ZipFile(io.BytesIO(slim)) as after:
        assert before.getinfo("word/styles.xml").file_size > SLIM_STYLES_ABOVE
        assert after.getinfo("word/styles.xml").file_size < 40_000
        assert sorted(before.namelist()) == sorted(after.namelist())
    html = _html(data)
    assert '<p class="caption">' in html and "<ul>" in html  # styles looked up by name
    assert _html(slim) == html


def test_slim_styles_leaves_small_and_broken_files_alone(tmp_path: Path) -> None:
    source = report_docx(tmp_path / "a.docx", photos=0).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(out, "w") as small:
        for entry in archive.infolist():
            content = archive.read(entry)
            if entry.filename == "word/styles.xml":
                content = content[: content.index(b"<w:latentStyles")] + b"</w:styles>"
            small.writestr(entry, content)
    small_docx = out.getvalue()
    assert slim_styles(small_docx) == small_docx
    assert slim_styles(b"not a zip") == b"not a zip"


def test_workers_read_in_order_and_give_what_one_process_gives(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    report_docx(folder / "1.docx", title="职工技能大赛开幕", photos=1)
    (folder / "2.docx").write_bytes(b"not a zip")
    chart_docx(folder / "3.docx")
    (folder / "4.md").write_text("---\ntitle: 送温暖活动\n---\n\n正文\n", encoding="utf-8")
    report_docx(folder / "5.docx", title="劳模座谈会", photos=2)
    plan = import_plan([folder])
    parallel = list(read_files(plan, workers=2))
    serial = list(read_files(plan, workers=1))
    assert [read.path.name for read in parallel] == ["1.docx", "2.docx", "3.docx", "4.md", "5.docx"]
    assert [read.error for read in parallel] == [read.error for read in serial]
    assert "not a Word .docx file" in parallel[1].error
    for a, b in zip(parallel, serial, strict=True):
        if a.imported is not None and b.imported is not None:
            # published_at defaults to the time of reading: the seconds may differ.
            when = a.imported.article.published_at
            assert a.imported.article == replace(b.imported.article, published_at=when)
            assert a.imported.pictures.pictures.keys() == b.imported.pictures.pictures.keys()
    assert parallel[0].imported is not None
    assert parallel[0].imported.article.body == read_import_file(folder / "1.docx").article.body


def test_cancelling_a_parallel_import_stores_only_what_was_done(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = report_docx(folder / "0.docx", photos=1).read_bytes()
    for index in range(1, 8):
        (folder / f"{index}.docx").write_bytes(data)
    progress = import_files(store, [folder], workers=2)
    assert next(progress).total == 8
    first = next(progress)
    progress.close()
    assert first.result is not None and first.result.ok
    assert store.database.execute_sql("SELECT count(*) FROM article").fetchone()[0] == 1
