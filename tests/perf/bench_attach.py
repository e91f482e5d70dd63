"""Attaching a large file: how long the work queue works, and how long the window waits.

A zip of the site's size limit (20 MB, stored uncompressed so it really is 20 MB) is read,
checked and stored the way the window's work queue does it (``desktop.gui.attaching``), then
the article is saved with its new attachment list, which is what the GUI thread does. Each is
timed over a few files of different content (every file is stored once by its hash).

    python tests/perf/bench_attach.py [--quick]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.article import Article, Status
from desktop.attachments import with_attached
from desktop.gui.attaching import store_files
from desktop.store import Store


def zip_of(size: int) -> bytes:
    """Return a zip holding ``size`` bytes of incompressible data, stored as they are."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as folder:
        folder.writestr("现场照片原图.bin", os.urandom(size))
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2 MB, two files")
    args = parser.parse_args()
    megabytes, runs = (2, 2) if args.quick else (19, 5)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = Store.open(root / "newsroom.db")
        article = store.add_article(
            Article(title="关于举办职工书画展的通知", column="通知公告", status=Status.DRAFT)
        )
        stored_ms: list[float] = []
        saved_ms: list[float] = []
        for run in range(runs):
            path = root / f"报名材料{run + 1}.zip"
            path.write_bytes(zip_of(megabytes * 1024 * 1024))
            started = time.perf_counter()
            result = store_files(store, [path])
            stored_ms.append((time.perf_counter() - started) * 1000)
            assert result.attachments and not result.problems, result.problems
            started = time.perf_counter()
            article = store.save_article(with_attached(article, result.attachments))
            saved_ms.append((time.perf_counter() - started) * 1000)
        size = path.stat().st_size
        store.close()
    print(
        f"read, check and store a {size / 1024 / 1024:.1f} MB file (work queue): "
        f"median {statistics.median(stored_ms):.0f} ms, max {max(stored_ms):.0f} ms"
    )
    print(
        f"save the article with {len(article.attachments)} attachments (GUI thread): "
        f"median {statistics.median(saved_ms):.0f} ms, max {max(saved_ms):.0f} ms"
    )
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
