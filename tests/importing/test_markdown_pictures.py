"""Markdown files with pictures beside them: the pictures move into the store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.article_file import ArticleFileError
from desktop.importing import read_import_file, save_imported
from desktop.pictures import picture_bytes
from desktop.store import Store
from tests.pictures.images import flat_png, photo

MEDIA = r"media/[0-9a-f]{64}\.(?:jpg|png)"


def test_relative_pictures_are_stored_and_rewritten(store: Store, tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "现场 1.jpg").write_bytes(photo())
    (tmp_path / "chart.png").write_bytes(flat_png())
    article = tmp_path / "a.md"
    article.write_text(
        "---\ntitle: 技能大赛\ncover: img/现场 1.jpg\n---\n\n"
        '![现场](<img/现场 1.jpg> "图为比赛现场")\n\n<img src="chart.png" alt="图表">\n\n'
        "![网上](https://example.com/x.jpg)\n",
        encoding="utf-8",
    )
    imported = read_import_file(article)
    body = imported.article.body
    assert re.search(rf'!\[现场\]\({MEDIA} "图为比赛现场"\)', body)
    assert re.search(rf'<img src="{MEDIA}" alt="图表">', body)
    assert "https://example.com/x.jpg" in body
    assert re.fullmatch(MEDIA, imported.article.cover)
    save_imported(store, [imported])
    assert picture_bytes(store, imported.article.cover)


@pytest.mark.parametrize(
    ("reference", "problem"),
    [("missing.jpg", "cannot be found"), ("../outside.jpg", "outside the folder"),
     ("notes.jpg", "not a picture")],
)  # fmt: skip
def test_bad_picture_reference_names_the_file(reference: str, problem: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (tmp_path / "outside.jpg").write_bytes(photo())
    (folder / "notes.jpg").write_text("这不是图片", encoding="utf-8")
    article = folder / "a.md"
    article.write_text(f"---\ntitle: t\n---\n\n![x]({reference})\n", encoding="utf-8")
    with pytest.raises(ArticleFileError) as caught:
        read_import_file(article)
    assert "a.md" in str(caught.value) and problem in str(caught.value)
