"""``newsroom attach``: attach files to an article, list, rename and remove its attachments."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.config import database_path
from desktop.i18n import tr

if TYPE_CHECKING:
    from desktop.article import Article
    from desktop.store import Store

EXIT_OK = 0
EXIT_FAILED = 1


def add_attach_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``attach``'s arguments to the ``newsroom`` parser."""
    p = sub.add_parser(
        "attach",
        parents=[common],
        help=tr(
            "attach files to an article (PDF, Word, WPS, Excel, pictures, zip); list, "
            "rename or remove its attachments"
        ),
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("files", nargs="*", metavar="FILE", help=tr("files to attach (all or none)"))
    p.add_argument(
        "--rename", nargs=2, metavar=("N", "NAME"), help=tr("list attachment number N as NAME")
    )
    p.add_argument("--remove", type=int, metavar="N", help=tr("remove attachment number N"))
    p.add_argument("--json", action="store_true", help=tr("print the attachments as JSON"))


def _print_attachments(article: Article, as_json: bool) -> None:
    from desktop.attachments.library import size_text, type_label

    if as_json:
        print(json.dumps([a.to_json() for a in article.attachments], ensure_ascii=False, indent=2))
        return
    for number, attachment in enumerate(article.attachments, start=1):
        print(
            f"{number}\t{attachment.name}\t{type_label(attachment)}\t"
            f"{size_text(attachment.size)}\t{attachment.path}"
        )


def _changed(store: Store, article: Article, args: argparse.Namespace) -> Article:
    """Return the article with the command's changes (files are checked and stored first)."""
    from desktop.attachments.kinds import AttachmentError
    from desktop.attachments.library import (
        store_attachment,
        with_attached,
        with_removed,
        with_renamed,
    )

    attached = []
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise AttachmentError(str(path), exc.strerror or str(exc)) from None
        attached.append(store_attachment(store, data, path.name))
    article = with_attached(article, attached)
    if args.rename:
        number, new_name = args.rename
        try:
            index = int(number) - 1
        except ValueError:
            raise AttachmentError(
                "", tr("{number!r} is not an attachment number", number=number)
            ) from None
        article = with_renamed(article, index, new_name)
    if args.remove is not None:
        article = with_removed(article, args.remove - 1)
    return article


def cmd_attach(args: argparse.Namespace) -> int:
    """Attach, rename or remove in one save (one revision), then list the attachments."""
    # Imported when the command runs: ``newsroom`` builds this parser for every command.
    from desktop.attachments.kinds import AttachmentError
    from desktop.store import Store

    changes = bool(args.files or args.rename or args.remove is not None)
    with Store.open(database_path(args.db), thorough=True, read_only=not changes) as store:
        article = store.get_article(args.id)
        if changes:
            try:
                changed = _changed(store, article, args)
            except AttachmentError as exc:
                print(tr("newsroom {command}: {exc}", command="attach", exc=exc), file=sys.stderr)
                return EXIT_FAILED
            if changed.attachments != article.attachments:
                article = store.save_article(changed)
        _print_attachments(article, args.json)
    return EXIT_OK
