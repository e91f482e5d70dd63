"""What can stop an upload, as messages for the user."""

from __future__ import annotations


class UploadError(RuntimeError):
    """The upload cannot go on; the message is for the user, the server's site stays usable."""


class UploadCancelled(UploadError):
    """The user cancelled, or refused a question the upload had to ask."""


class HostKeyChanged(UploadError):
    """The SFTP server shows another key than the one remembered: possibly not the same server."""


class ConnectionLost(UploadError):
    """The connection to the server dropped; the upload reconnects and goes on."""
