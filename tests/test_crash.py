"""Kill an autosaving editor at random moments: the database stays whole, no saved text is lost.

The writer (``python -m tests.test_crash DB LOG SEED``) does what the window does: it appends
bursts of text to an article, autosaves every half second through the store's autosave API,
sometimes saves explicitly or changes the status, and logs every burst with the time it was
typed and every save once the store returned. The test kills it with SIGKILL at random moments
and checks, after each kill, that the database passes ``PRAGMA integrity_check``, that the
saved text is exactly a prefix of what was typed, and that it holds everything a returned save
held. How many seconds of typing were lost is printed (the figure of ``MAX_LOSS``), never
asserted: on a loaded machine it depends on scheduling.

The number of kills is ``NEWSROOM_CRASH_RUNS`` (default 10, to bound CI time; run with
``NEWSROOM_CRASH_RUNS=50`` or more for the full check).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.article import Article, Status
from desktop.store import Store
from desktop.store.revisions import RevisionReason, RevisionSettings
from tests.conftest import REPO

RUNS = int(os.environ.get("NEWSROOM_CRASH_RUNS", "10"))
#: Seconds of typing that may be lost at a crash (the autosave runs every half second).
MAX_LOSS = 2.0
AUTOSAVE_EVERY = 0.5
TYPED = "工会职工会议学习服务群众基层组织建设活动开展推进，。；、“”（）0123456789abcXYZ "


def write_forever(db: Path, log: Path, seed: int) -> None:
    """Type into article 1 and autosave like the editor window, until killed."""
    rng = random.Random(seed)
    settings = RevisionSettings(autosave_interval=dt.timedelta(seconds=2), prune_every=5)
    store = Store.open(db, settings=settings)
    if store.count_articles() == 0:
        article = store.add_article(Article(title="崩溃测试", body="", status=Status.DRAFT))
    else:
        article = store.get_article(1)
    with open(log, "a", encoding="utf-8") as typed:
        print("ready", flush=True)
        last_save = time.monotonic()
        while True:
            burst = "".join(rng.choice(TYPED) for _ in range(rng.randint(1, 15)))
            article.body += burst
            # Logged before it may be saved: the log is what the user has typed by then.
            typed.write(f"{time.time():.4f}\t{burst}\n")
            typed.flush()
            time.sleep(rng.uniform(0.005, 0.06))
            if time.monotonic() - last_save >= AUTOSAVE_EVERY:
                roll = rng.random()
                if roll < 0.05:
                    article.status = rng.choice(list(Status))
                reason = RevisionReason.SAVE if roll > 0.9 else RevisionReason.AUTOSAVE
                article = store.save_article(article, reason=reason)
                typed.write(f"saved\t{len(article.body)}\n")  # the store has returned
                typed.flush()
                last_save = time.monotonic()


def read_log(log: Path) -> list[tuple[float, str]]:
    """Return the bursts the writer logged, with their times; a torn last line is dropped."""
    bursts = []
    for line in log.read_text(encoding="utf-8").split("\n"):
        when, sep, burst = line.partition("\t")
        if sep and when != "saved":
            bursts.append((float(when), burst))
    return bursts


def reported_saves(log: Path) -> list[int]:
    """Return the body lengths of the saves the store had returned when the writer died."""
    saves = []
    for line in log.read_text(encoding="utf-8").split("\n"):
        kind, sep, length = line.partition("\t")
        if kind == "saved" and sep and length.isdigit():
            saves.append(int(length))
    return saves


def saved_body(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = conn.execute("SELECT body FROM article WHERE id = 1").fetchone()
        return "" if row is None else str(row[0])
    finally:
        conn.close()


@pytest.mark.timeout(max(300, RUNS * 15))
def test_killing_an_autosaving_editor_loses_nothing_saved(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random(20260706)
    body = ""
    losses: list[float] = []
    saves = 0
    for run in range(RUNS):
        log = tmp_path / f"typed-{run}.log"
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.test_crash", str(db), str(log), str(run)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        ready = child.stdout.readline().strip()
        if ready != "ready":
            child.kill()
            pytest.fail(f"the writer did not start: {child.communicate()[1]}")
        time.sleep(rng.uniform(0.1, 2.5))
        killed_at = time.time()
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)

        bursts = read_log(log)
        typed = body + "".join(burst for _, burst in bursts)
        saved = saved_body(db)
        assert typed.startswith(saved), f"run {run}: the saved text is not what was typed"
        reported = reported_saves(log)
        assert len(saved) >= max(reported, default=0), f"run {run}: a returned save was lost"
        saves += len(reported)
        # How long before the kill the first unsaved burst was typed: the typing lost.
        length = len(body)
        for when, burst in bursts:
            length += len(burst)
            if length > len(saved):
                losses.append(killed_at - when)
                break
        else:
            losses.append(0.0)
        body = saved
    assert saves > 0  # the writer autosaved between kills, as the window does
    print(
        f"\n{RUNS} kills: at most {max(losses):.2f} s of typing lost (median "
        f"{sorted(losses)[len(losses) // 2]:.2f} s; the promise is {MAX_LOSS} s), "
        f"{len(body):,} characters saved"
    )
    with Store.open(db) as store:
        assert store.get_article(1).body == body
        revisions = store.revisions(1)
        assert revisions and body.startswith(store.revision(revisions[0].id).article.body)


if __name__ == "__main__":
    write_forever(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
