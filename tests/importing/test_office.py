"""Office files other than .docx: real .doc, .odt and .rtf files that LibreOffice makes here.

The files come from a python-docx report converted by LibreOffice itself (the program the
import uses), so they are what LibreOffice writes, not hand-made bytes. Kingsoft WPS's .wps
is the same compound-file format as .doc and takes the same path; no real .wps file whose
licence allows shipping it was found, so a .doc under a .wps name stands in for one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.article_file import ArticleFileError
from desktop.importing import find_import_files, read_import_file
from desktop.importing.office import SOFFICE_ENV, FileKind, convert_to_docx, file_kind, find_soffice
from tests.conftest import needs_libreoffice
from tests.importing.documents import report_docx

# Skipped on a developer's machine without it; under CI (which installs it) the tests run and
# fail if it is missing, so a broken install step cannot pass as skipped tests.
MEDIA = re.compile(r"media/[0-9a-f]{64}\.(?:jpg|png)")


@pytest.fixture(scope="session")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same report as .docx and as LibreOffice's own .doc, .odt and .rtf."""
    folder = tmp_path_factory.mktemp("office")
    source = report_docx(folder / "report.docx", photos=1)
    soffice = find_soffice()
    assert soffice is not None
    files = {"docx": source}
    for suffix in ("doc", "odt", "rtf"):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                suffix,
                "--outdir",
                str(folder / "out"),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        files[suffix] = folder / "out" / f"report.{suffix}"
    return files


@needs_libreoffice
@pytest.mark.parametrize("suffix", ["doc", "odt", "rtf"])
def test_office_file_imports_like_the_docx_it_came_from(
    suffix: str, office_files: dict[str, Path]
) -> None:
    article = read_import_file(office_files[suffix]).article
    assert article.title == "市总工会召开全委会议"
    assert article.author == "市总工会组宣部"
    body = article.body
    assert body.startswith("**一是抓学习。**会议要求，全市各级工会要突破300个服务站点。\n")
    assert "- 走访困难职工\n- 开展技能培训" in body
    assert "| 项目 | 数量 |\n| --- | --- |\n| 服务站点 | 300个 |" in body
    assert len(MEDIA.findall(body)) == 1 and '"图为活动现场1")' in body


@needs_libreoffice
def test_files_are_read_as_what_their_bytes_say_not_their_names(
    office_files: dict[str, Path], tmp_path: Path
) -> None:
    expected = read_import_file(office_files["docx"]).article.body
    renamed = {
        "报告.docx": office_files["doc"],  # a .doc given the new suffix
        "报告.wps": office_files["doc"],  # WPS's .wps is the same compound-file format
        "通知.doc": office_files["rtf"],  # Word's "save as RTF" often keeps .doc
        "纪要.doc": office_files["docx"],
        "材料.md": office_files["odt"],
    }
    for name, source in renamed.items():
        shutil.copyfile(source, tmp_path / name)
        assert read_import_file(tmp_path / name).article.body == expected, name


def test_file_kinds_come_from_the_bytes(tmp_path: Path) -> None:
    assert file_kind(report_docx(tmp_path / "a.docx", photos=0).read_bytes()) is FileKind.DOCX
    assert file_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) is FileKind.OLE
    assert file_kind(b"{\\rtf1\\ansi\\ansicpg936 ...}") is FileKind.RTF
    assert file_kind("---\ntitle: 会议\n---\n正文".encode()) is FileKind.TEXT


def test_a_folder_import_finds_every_office_file(tmp_path: Path) -> None:
    for name in ("a.doc", "b.wps", "c.rtf", "d.odt", "e.docx", "f.md", "photo.jpg", "~$a.doc"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.name for p in find_import_files([tmp_path])]
    assert found == ["a.doc", "b.wps", "c.rtf", "d.odt", "e.docx", "f.md"]


def test_without_libreoffice_the_message_says_so_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, "")
    path = tmp_path / "县总工会报告.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ArticleFileError) as caught:
        read_import_file(path)
    message = str(caught.value)
    assert "县总工会报告.doc" in message
    assert "needs LibreOffice, which is not installed" in message
    assert "save it as .docx" in message


def test_a_password_protected_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "加密.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(ArticleFileError, match="protected with a password"):
        read_import_file(path)


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_conversion_that_hangs_is_stopped_in_a_private_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "arguments.txt"
    fake = tmp_path / "soffice"
    fake.write_text(f'#!/bin/sh\necho "$@" "HOME=$HOME" > {record}\nexec sleep 60\n')
    fake.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(fake))
    path = tmp_path / "卡住.doc"
    with pytest.raises(ArticleFileError, match="took longer than 1 s"):
        convert_to_docx(path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", FileKind.OLE, timeout_s=1)
    arguments = record.read_text()
    profile = re.search(r"-env:UserInstallation=file://(\S+)", arguments)
    assert profile is not None and "newsroom-convert-" in profile.group(1)
    assert not Path(profile.group(1)).exists()  # the private profile is removed afterwards
    assert f"HOME={os.environ['HOME']}" not in arguments


@needs_libreoffice
def test_newsroom_import_takes_a_folder_of_doc_files(
    office_files: dict[str, Path], tmp_path: Path
) -> None:
    from tests.test_cli import newsroom

    folder = tmp_path / "来稿"
    folder.mkdir()
    shutil.copyfile(office_files["doc"], folder / "县总工会.doc")
    result = newsroom("import", folder, db=tmp_path / "newsroom.db")
    assert result.stdout.split("\t")[1].strip() == "市总工会召开全委会议"
