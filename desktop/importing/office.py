"""Office files other than .docx (.doc, .wps, .rtf, .odt): recognised by their bytes, converted
to .docx by LibreOffice in headless mode, then read like any .docx file.

LibreOffice runs as a separate program with a profile folder of its own (never the user's,
which may be open in a running LibreOffice and would make the conversion wait or fail), in a
temporary folder that is removed afterwards, and is stopped when it takes too long.
"""

from __future__ import annotations

import enum
import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from desktop.article_file import ArticleFileError
from desktop.i18n import tr

#: How long one conversion may take; LibreOffice's first start in a new profile takes seconds.
CONVERT_TIMEOUT_S = 120.0
#: Names of the LibreOffice program, tried in this order; NEWSROOM_SOFFICE overrides them.
SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_ENV = "NEWSROOM_SOFFICE"

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx (or .doc with a password) is an OLE file holding this stream name.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ODF_TEXT_MIMES = (
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.text-template",
)


class FileKind(enum.Enum):
    """What a file to import is, judged by its first bytes and its parts."""

    DOCX = "docx"  # a zip with word/document.xml (Office Open XML)
    ODT = "odt"  # a zip whose mimetype is an OpenDocument text
    OLE = "ole"  # a compound file: Word 97–2003 .doc, WPS .wps (or an encrypted .docx)
    RTF = "rtf"
    ZIP = "zip"  # some other zip (a spreadsheet, a folder of files)
    TEXT = "text"  # anything else: read as Markdown or plain text


#: The kinds LibreOffice converts for the import; the suffix a converted copy is given.
CONVERTED_KINDS = {FileKind.OLE: ".doc", FileKind.RTF: ".rtf", FileKind.ODT: ".odt"}


def file_kind(data: bytes) -> FileKind:
    """Recognise a file by its bytes, never by its name (offices rename files freely)."""
    if data.startswith(_OLE_SIGNATURE):
        return FileKind.OLE
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return FileKind.RTF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return FileKind.DOCX
                if "mimetype" in names and archive.read("mimetype").strip() in _ODF_TEXT_MIMES:
                    return FileKind.ODT
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            return FileKind.DOCX  # a damaged zip: the .docx check names the damage
        return FileKind.ZIP
    return FileKind.TEXT


def find_soffice() -> str | None:
    """The LibreOffice program to convert with, or None when it is not installed."""
    chosen = os.environ.get(SOFFICE_ENV)
    if chosen is not None:
        return shutil.which(chosen) if chosen else None
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    # Windows installs LibreOffice outside PATH.
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if base:
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def _describe(kind: FileKind) -> str:
    return {
        FileKind.OLE: tr("a Word 97–2003 (.doc) or WPS (.wps) document"),
        FileKind.RTF: tr("an RTF document"),
        FileKind.ODT: tr("an OpenDocument (.odt) text"),
    }[kind]


def convert_to_docx(
    path: Path, data: bytes, kind: FileKind, *, timeout_s: float = CONVERT_TIMEOUT_S
) -> bytes:
    """The .docx bytes LibreOffice makes of an office file; ArticleFileError when it cannot."""
    if kind is FileKind.OLE and _ENCRYPTED_STREAM in data:
        raise ArticleFileError(
            path,
            tr(
                "is protected with a password; open it in Word or WPS, remove the password and "
                "save it as .docx"
            ),
        )
    soffice = find_soffice()
    if soffice is None:
        raise ArticleFileError(
            path,
            tr(
                "is {kind}; reading it needs LibreOffice, which is not installed. Install "
                "LibreOffice, or open the file in Word or WPS and save it as .docx",
                kind=_describe(kind),
            ),
        )
    with tempfile.TemporaryDirectory(prefix="newsroom-convert-") as folder:
        work = Path(folder)
        # An ASCII name with the right suffix: the original name may hold anything.
        source = work / f"document{CONVERTED_KINDS[kind]}"
        source.write_bytes(data)
        out = work / "out"
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        _run(path, command, timeout_s, work)
        converted = out / "document.docx"
        if not converted.is_file():
            raise ArticleFileError(
                path,
                tr(
                    "looks like {kind} but LibreOffice could not read it (damaged, or another kind "
                    "of file); if Word or WPS opens it, save it as .docx there",
                    kind=_describe(kind),
                ),
            )
        return converted.read_bytes()


def _run(path: Path, command: list[str], timeout_s: float, work: Path) -> None:
    """Run LibreOffice, stopping it (and whatever it started) when it takes too long."""
    env = dict(os.environ, HOME=str(work))  # nothing of LibreOffice's lands in the user's home
    popen_options: dict[str, object] = {}
    if os.name == "posix":
        popen_options["start_new_session"] = True
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=work,
            **popen_options,  # type: ignore[call-overload]
        )
    except OSError as exc:
        raise ArticleFileError(
            path, tr("LibreOffice could not be started ({exc})", exc=exc)
        ) from None
    try:
        process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise ArticleFileError(
            path,
            tr(
                "LibreOffice took longer than {timeout_s:g} s to read it; stopped",
                timeout_s=timeout_s,
            ),
        ) from None
    finally:
        if process.poll() is None:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and its helper processes (it runs a launcher and the office itself)."""
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
