"""Real files to attach: a python-docx report, and the PDF and .doc LibreOffice makes of it.

LibreOffice is the program offices use to make such files; the .doc also stands in for a
WPS .wps (the same compound-file format, see tests/importing/test_office.py). No program
that writes .xlsx is installed here, so the workbook is the smallest one Excel opens, built
part by part; the zip is one python's zipfile writes, as any archiver would.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

from desktop.importing.office import find_soffice
from tests.importing.documents import report_docx
from tests.pictures.images import photo

_WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
        '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument'
        '.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
        '"xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"><sheets><sheet name="报名表" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
        '"worksheets/sheet1.xml"/></Relationships>'
    ),
    "xl/worksheets/sheet1.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
        '姓名</t></is></c><c r="B1" t="inlineStr"><is><t>单位</t></is></c></row></sheetData>'
        "</worksheet>"
    ),
}


def workbook() -> bytes:
    """Return a one-sheet .xlsx (报名表: 姓名, 单位)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _WORKBOOK_PARTS.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def archive() -> bytes:
    """Return a zip of two documents, as offices send a bundle of forms."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as folder:
        folder.writestr("报名须知.txt", "请于6月30日前报名。")
        folder.writestr("联系方式.txt", "市总工会组宣部")
    return buffer.getvalue()


def office_files(folder: Path) -> dict[str, bytes]:
    """Return real files by type: docx, pdf and doc (LibreOffice's), xlsx, zip, jpg."""
    source = report_docx(folder / "报名通知.docx", photos=1)
    files = {"docx": source.read_bytes(), "xlsx": workbook(), "zip": archive(), "jpg": photo()}
    soffice = find_soffice()
    if soffice is None:
        return files
    for suffix in ("pdf", "doc"):
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
        files[suffix] = (folder / "out" / f"报名通知.{suffix}").read_bytes()
    return files
