"""Time uploads of a generated site to servers on loopback: first upload, one change, nothing.

Run ``python -m tests.perf.bench_upload [--quick] [--articles 1000]``. The servers are the
tests' own (pyftpdlib for FTP, asyncssh for SFTP) on 127.0.0.1, so the figures measure
Newsroom's side and the protocol round trips, not a real network. It never fails on timing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

# Runnable as a plain script from any folder: make the checkout importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.export import ExportOptions, run_export
from desktop.upload import HostKeyStore, Questions, connect, open_bundle, parse_upload_url
from desktop.upload import upload_bundle as run_upload
from tests.perf.bench_export import build_store
from tests.upload.servers import PASSWORD, USER, ftp_server, sftp_server


def timed_upload(bundle: Path, url_text: str, keys: HostKeyStore) -> tuple[float, int]:
    """Upload ``bundle`` and return (seconds, files sent)."""
    url = parse_upload_url(url_text)
    start = time.perf_counter()
    source = open_bundle(bundle)
    try:
        run = run_upload(
            source, connect(url, Questions.accept_all(lambda _a: PASSWORD), keys), url.text()
        )
        summary = None
        for report in run:
            summary = report.summary or summary
    finally:
        source.close()
    assert summary is not None
    return time.perf_counter() - start, summary.sent


def main() -> None:
    """Print the upload figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small site, for the test suite")
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    count = 20 if args.quick else args.articles
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = build_store(root / "bench.db", count)
        bundle = root / "export"
        run_export(store, ExportOptions(target=bundle))
        files = sum(1 for p in bundle.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
        print(f"{count} articles: {files} files, {size / 2**20:.1f} MB")
        keys = HostKeyStore(root / "keys.json")
        with ftp_server(root / "ftp") as ftp, sftp_server(root / "sftp") as sftp:
            targets = {
                "folder": str(root / "folder"),
                "FTP": f"ftp://{USER}@127.0.0.1:{ftp.port}/site",
                "SFTP": f"sftp://{USER}@127.0.0.1:{sftp.port}/site",
            }
            first = {name: timed_upload(bundle, url, keys) for name, url in targets.items()}
            article = next(iter(store.iter_articles()))
            store.save_article(replace(article, body=article.body + "\n补充一段。\n"))
            run_export(store, ExportOptions(target=bundle))
            changed = {name: timed_upload(bundle, url, keys) for name, url in targets.items()}
            same = {name: timed_upload(bundle, url, keys) for name, url in targets.items()}
        for name in targets:
            print(
                f"{name}: first upload {first[name][0]:.2f} s ({first[name][1]} files), "
                f"one article changed {changed[name][0]:.2f} s ({changed[name][1]} files), "
                f"nothing changed {same[name][0]:.2f} s ({same[name][1]} files)"
            )
        store.close()


if __name__ == "__main__":
    main()
