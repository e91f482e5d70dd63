"""Upload: send an exported bundle to the web server (folder, SFTP, FTP or FTPS), safely."""

from desktop.upload.errors import HostKeyChanged, UploadCancelled, UploadError
from desktop.upload.hostkeys import HostKeyStore
from desktop.upload.plan import UploadPlan, plan_upload
from desktop.upload.questions import Questions
from desktop.upload.runner import (
    UploadPhase,
    UploadProgress,
    UploadSummary,
    connect,
    upload_bundle,
)
from desktop.upload.source import BundleSource, open_bundle
from desktop.upload.url import Scheme, UploadUrl, parse_upload_url

__all__ = [
    "BundleSource",
    "HostKeyChanged",
    "HostKeyStore",
    "Questions",
    "Scheme",
    "UploadCancelled",
    "UploadError",
    "UploadPhase",
    "UploadPlan",
    "UploadProgress",
    "UploadSummary",
    "UploadUrl",
    "connect",
    "open_bundle",
    "parse_upload_url",
    "plan_upload",
    "upload_bundle",
]
