"""The bundle an upload sends: an export folder or zip, read through its ``manifest.json``."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.export.manifest import MANIFEST, Manifest, sha256_hex
from desktop.export.paths import is_bundle_path
from desktop.i18n import tr
from desktop.upload.errors import UploadError


@dataclass
class BundleSource:
    """An exported bundle: its manifest, its manifest's bytes and a way to read its files."""

    location: Path
    manifest: Manifest
    manifest_bytes: bytes
    _zip: zipfile.ZipFile | None = None

    def has(self, path: str) -> bool:
        """Whether the bundle itself holds the file (an update package holds only some)."""
        if self._zip is not None:
            try:
                self._zip.getinfo(path)
            except KeyError:
                return False
            return True
        return (self.location / path).is_file()

    def read(self, path: str) -> bytes:
        """Return a file of the bundle, checked against the manifest's size and SHA-256."""
        if not is_bundle_path(path):
            raise UploadError(tr("the bundle's manifest names an unsafe path {path!r}", path=path))
        try:
            if self._zip is not None:
                data = self._zip.read(path)
            else:
                data = (self.location / path).read_bytes()
        except (OSError, KeyError, zipfile.BadZipFile) as exc:
            raise UploadError(
                tr(
                    "cannot read {path} from the bundle {location}: {exc}",
                    path=path,
                    location=self.location,
                    exc=exc,
                )
            ) from None
        record = self.manifest.file_map().get(path)
        if record is not None and (len(data) != record.size or sha256_hex(data) != record.sha256):
            raise UploadError(
                tr(
                    "{path} in the bundle {location} does not match its manifest; export again",
                    path=path,
                    location=self.location,
                )
            )
        return data

    def close(self) -> None:
        """Close the zip file, if the bundle is one."""
        if self._zip is not None:
            self._zip.close()


def open_bundle(location: Path) -> BundleSource:
    """Open an export folder or zip; raise :class:`UploadError` if it is not a bundle."""
    archive: zipfile.ZipFile | None = None
    try:
        if location.is_dir():
            data = (location / MANIFEST).read_bytes()
        elif location.is_file():
            archive = zipfile.ZipFile(location)
            data = archive.read(MANIFEST)
        else:
            raise UploadError(
                tr("no export at {location}: export the website first", location=location)
            )
    except (OSError, KeyError, zipfile.BadZipFile):
        if archive is not None:
            archive.close()
        raise UploadError(
            tr(
                "{location} is not an exported website (no readable {manifest})",
                location=location,
                manifest=MANIFEST,
            )
        ) from None
    try:
        manifest = Manifest.from_bytes(data)
    except ValueError as exc:
        if archive is not None:
            archive.close()
        raise UploadError(f"{location}: {exc}") from None
    return BundleSource(location, manifest, data, archive)
