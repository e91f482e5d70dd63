"""Import of real Word files, Word 97–2003 files and a file written by Kingsoft WPS Office.

The files are public test documents (``tests/real_inputs/README.md``: origin, licence): the
Word files CKEditor's users attached to bug reports, Apache Tika's Word 97–2003 files and
the one file of WPS's own making found with a licence that allows shipping it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.importing import read_import_file
from desktop.importing.office import FileKind, file_kind
from tests.conftest import needs_libreoffice
from tests.importing.test_office import MEDIA
from tests.perf.bench_inputs import _imported
from tests.perf.inputs_measure import expected_from_docx, measure

REAL_INPUTS = Path(__file__).resolve().parents[1] / "real_inputs"
TIKA = REAL_INPUTS / "tika"


def test_real_word_files_import_with_every_feature() -> None:
    totals: dict[str, list[int]] = {}
    for path in sorted((REAL_INPUTS / "ckeditor4").rglob("*.docx")):
        for feature, (kept, total) in measure(*_imported(path, expected_from_docx(path))).items():
            totals.setdefault(feature, [0, 0])
            totals[feature][0] += kept
            totals[feature][1] += total
            assert kept == total, (path.name, feature, kept, total)
    # The files hold every feature the measure looks for except Word's Quote style.
    assert all(totals[name][1] for name in ("bold", "italic", "lists", "tables", "merged"))


@needs_libreoffice
def test_real_word_97_file_keeps_its_text_and_bold(tmp_path: Path) -> None:
    source = TIKA / "testWORD_boldHyperlink.doc"
    assert file_kind(source.read_bytes()) is FileKind.OLE
    body = read_import_file(source).article.body
    assert body == (
        "This is a bold [hyper **link**](http://tika.apache.org/); bold, I say. "
        "[**hyper** link](http://tika.apache.org/); bold, I say.\n"
    )
    italic = read_import_file(TIKA / "testWORD_italicsSurroundingHyperlink.doc").article.body
    assert "*Italic Test before link" in italic
    assert "[***hyperlink italics***](http://www.google.com/)" in italic


@needs_libreoffice
def test_real_word_97_file_keeps_its_pictures() -> None:
    article = read_import_file(TIKA / "testWORD_3imgs.doc").article
    assert article.title == "The quick brown fox jumps over the lazy dog"
    assert len(MEDIA.findall(article.body)) == 3
    assert "The Alfresco logo is above this" in article.body


@needs_libreoffice
def test_file_written_by_wps_office_under_a_wps_name_is_read(tmp_path: Path) -> None:
    # WPS Office 11.1 wrote it (a compound file, as its .wps files are); it holds two
    # attached files and no text of its own, so the article is empty but the import works.
    source = tmp_path / "县总工会报告.wps"
    shutil.copyfile(TIKA / "testWPSAttachment.doc", source)
    data = source.read_bytes()
    assert b"K\x00S\x00O\x00P\x00r\x00o\x00d\x00u\x00c\x00t\x00" in data  # WPS's own property
    assert file_kind(data) is FileKind.OLE
    article = read_import_file(source).article
    assert article.title == "县总工会报告"
    assert article.body == ""


@needs_libreoffice
def test_real_word_97_file_named_wps_imports_like_the_doc(tmp_path: Path) -> None:
    # WPS saves .wps in Word 97–2003's compound format: a county office's .wps takes the
    # same path, recognised by its bytes whatever its name says.
    source = tmp_path / "通知.wps"
    shutil.copyfile(TIKA / "testWORD_boldHyperlink.doc", source)
    expected = read_import_file(TIKA / "testWORD_boldHyperlink.doc").article.body
    assert read_import_file(source).article.body == expected
    assert "**link**" in expected


@pytest.mark.parametrize("name", ["testWORD_boldHyperlink.doc", "testWPSAttachment.doc"])
def test_real_compound_files_are_recognised_by_their_bytes(name: str) -> None:
    assert file_kind((TIKA / name).read_bytes()) is FileKind.OLE
