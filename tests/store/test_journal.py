"""The journal of edits kept on this PC for a server database, on its own (no server needed)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from desktop.article import Article, Attachment, Status
from desktop.store.journal import EditJournal, same_content
from desktop.store.location import ServerAddress
from tests.conftest import REPO, make_article


def edited(article_id: int = 7, version: int = 3, **fields: object) -> Article:
    """An article as the editor holds it: stored once (id, version), then changed."""
    return replace(
        make_article(
            kicker="引题：学习贯彻全会精神",
            subtitle="——全市工会系统集中宣讲",
            keywords=["全委会", "宣讲"],
            summary="会议部署了下半年重点工作。",
            status=Status.REVIEW,
            attachments=[Attachment(digest="ab" * 32, name="通知.pdf", kind="pdf", size=1024)],
            **fields,
        ),
        id=article_id,
        version=version,
        created_at=dt.datetime(2026, 5, 6, 9, 30),
        updated_at=dt.datetime(2026, 5, 6, 10, 0),
    )


def test_a_kept_article_comes_back_whole_with_the_version_it_was_based_on(tmp_path: Path) -> None:
    journal = EditJournal(tmp_path / "journal.db")
    article = edited(body="断网时写下的正文，一字不差。\n")
    journal.keep(article)
    again = EditJournal(tmp_path / "journal.db")  # as the next window opens it
    kept = again.kept(7)
    assert kept == article
    assert again.pending() == [article] and again.count() == 1


def test_only_the_newest_text_of_an_article_is_kept_and_confirming_forgets_it(
    tmp_path: Path,
) -> None:
    journal = EditJournal(tmp_path / "journal.db")
    journal.keep(edited(body="第一稿。\n"))
    journal.keep(edited(body="第二稿，更完整。\n"))
    journal.keep(edited(article_id=9, body="另一篇。\n"))
    assert journal.count() == 2
    assert (journal.kept(7) or edited()).body == "第二稿，更完整。\n"
    journal.confirm(7)
    assert [a.id for a in journal.pending()] == [9]
    assert journal.kept(7) is None


def test_a_new_article_without_an_id_is_not_journaled(tmp_path: Path) -> None:
    journal = EditJournal(tmp_path / "journal.db")
    journal.keep(make_article())
    assert journal.count() == 0


def test_each_server_database_has_a_journal_of_its_own() -> None:
    one = EditJournal.for_server(ServerAddress.parse("postgresql://zhangli@192.168.1.10/newsroom"))
    other = EditJournal.for_server(ServerAddress.parse("postgresql://zhangli@192.168.1.10/archive"))
    one.keep(edited())
    assert one.path != other.path and other.count() == 0


def test_the_same_text_at_another_version_is_the_same_content() -> None:
    article = edited(body="同一段文字。\n")
    assert same_content(article, replace(article, version=4, updated_at=dt.datetime.now()))
    assert not same_content(article, replace(article, body="另一段文字。\n"))


KEEP_AND_DIE = r"""
import os, sys
from desktop.store.journal import EditJournal
from tests.store.test_journal import edited
EditJournal(sys.argv[1]).keep(edited(body="写完就断电。\n"))
os._exit(0)  # no close, no clean-up: as a kill right after the save
"""


def test_an_entry_is_on_disk_when_keep_returns(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    subprocess.run([sys.executable, "-c", KEEP_AND_DIE, str(path)], cwd=REPO, check=True)
    assert (EditJournal(path).kept(7) or edited()).body == "写完就断电。\n"
