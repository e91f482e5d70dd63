"""Host keys of SFTP servers seen before, kept in a small file beside the database."""

from __future__ import annotations

import base64
import enum
import hashlib
import json
import os
from pathlib import Path

#: The file's name in the folder of the database.
HOST_KEYS_FILE = "upload_host_keys.json"


class HostKeyState(enum.Enum):
    """How a server's key compares with the one remembered for its host and port."""

    KNOWN = "known"
    UNKNOWN = "unknown"
    CHANGED = "changed"


def fingerprint(key_bytes: bytes) -> str:
    """The key's SHA256 fingerprint as OpenSSH prints it (``SHA256:…``)."""
    digest = base64.b64encode(hashlib.sha256(key_bytes).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


class HostKeyStore:
    """Remembered host keys by ``host:port``, each with its type and base64 key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def beside(cls, database: Path) -> HostKeyStore:
        """The host keys kept in the folder of the database file."""
        return cls(database.parent / HOST_KEYS_FILE)

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}  # an unreadable file forgets keys: every host is asked again, none trusted
        return data if isinstance(data, dict) else {}

    def check(self, host_port: str, key_type: str, key_bytes: bytes) -> HostKeyState:
        """Compare a server's key with the one remembered."""
        known = self._read().get(host_port)
        if not known:
            return HostKeyState.UNKNOWN
        encoded = base64.b64encode(key_bytes).decode()
        if known.get("type") == key_type and known.get("key") == encoded:
            return HostKeyState.KNOWN
        return HostKeyState.CHANGED

    def remembered_fingerprint(self, host_port: str) -> str | None:
        """The fingerprint remembered for this host, if any."""
        known = self._read().get(host_port)
        if not known or "key" not in known:
            return None
        return fingerprint(base64.b64decode(known["key"]))

    def remember(self, host_port: str, key_type: str, key_bytes: bytes) -> None:
        """Remember a server's key (atomically, so a kill never leaves half a file)."""
        data = self._read()
        data[host_port] = {"type": key_type, "key": base64.b64encode(key_bytes).decode()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, self.path)
