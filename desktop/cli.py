"""The ``newsroom`` command: the window by default, and subcommands for automation."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from desktop import __version__
from desktop.article import Status
from desktop.article_file import ArticleFileError, find_article_files, read_article_file
from desktop.config import DB_ENV, database_path
from desktop.store import ArticleNotFound, ListQuery, Store, StoreError

EXIT_OK = 0
EXIT_FAILED = 1


class CommandError(Exception):
    """A problem to report to the user in one line, with a non-zero exit."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for ``newsroom`` and its subcommands."""
    db_help = f"database file (default: ${DB_ENV} or newsroom.db in the user's data folder)"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", help=db_help)

    parser = argparse.ArgumentParser(
        prog="newsroom",
        description="Newsroom (新闻编辑室): write, check and export a news website's articles.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"newsroom {__version__}")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", parents=[common], help="import Markdown articles")
    p.add_argument("paths", nargs="+", metavar="PATH", help="Markdown files or folders of them")

    p = sub.add_parser("list", parents=[common], help="list articles, newest first")
    p.add_argument("--status", type=Status.parse, help="draft, review, approved or published")
    p.add_argument("--column", help="column (栏目) name")
    p.add_argument("--json", action="store_true", help="print a JSON array")

    p = sub.add_parser("search", parents=[common], help="find articles containing TEXT")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--json", action="store_true", help="print a JSON array")

    p = sub.add_parser("show", parents=[common], help="print one article")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--format", choices=["markdown", "html", "json"], default="markdown")

    p = sub.add_parser("site", parents=[common], help="show or change the site settings")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="assignments")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    return parser


def _open(args: argparse.Namespace) -> Store:
    return Store.open(database_path(args.db))


def _print_table(store: Store, rows: Sequence[Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return
    for row in rows:
        print(
            f"{row.id}\t{row.published_at:%Y-%m-%d}\t{row.status.value}\t{row.column}\t{row.title}"
        )


def cmd_import(args: argparse.Namespace) -> int:
    """Import every file first into memory, then all of them in one transaction."""
    articles = []
    for path in find_article_files(args.paths):
        article = read_article_file(path)
        articles.append(article)
    if not articles:
        raise CommandError("no Markdown files found in the paths given")
    with _open(args) as store:
        for article in store.add_articles(articles):
            print(f"{article.id}\t{article.title}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    """Print every article matching the filters, newest first."""
    with _open(args) as store:
        query = ListQuery(status=args.status, column=args.column, limit=500)
        rows = []
        while True:
            page = store.list_articles(query)
            rows.extend(page.items)
            if page.next_cursor is None:
                break
            query = ListQuery(
                status=args.status, column=args.column, limit=500, after=page.next_cursor
            )
        _print_table(store, rows, args.json)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """Print the articles containing the text, newest first."""
    with _open(args) as store:
        _print_table(store, store.search(args.text, limit=1000), args.json)
    return EXIT_OK


def article_json(article: Any) -> dict[str, Any]:
    """Return every field of an article as a JSON object."""
    return {
        "id": article.id,
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "column": article.column,
        "author": article.author,
        "source": article.source,
        "status": article.status.value,
        "date": article.date_text,
        "published_at": article.published_at.isoformat(sep=" "),
        "summary": article.summary,
        "keywords": article.keywords,
        "cover": article.cover,
        "body": article.body,
        "version": article.version,
        "created_at": article.created_at.isoformat(sep=" ") if article.created_at else None,
        "updated_at": article.updated_at.isoformat(sep=" ") if article.updated_at else None,
    }


def cmd_show(args: argparse.Namespace) -> int:
    """Print one article as Markdown with front matter, as its full page, or as JSON."""
    with _open(args) as store:
        try:
            article = store.get_article(args.id)
        except ArticleNotFound as exc:
            raise CommandError(str(exc)) from None
        if args.format == "json":
            print(json.dumps(article_json(article), ensure_ascii=False, indent=2))
        elif args.format == "html":
            from desktop.render.page import render_article_page

            sys.stdout.write(render_article_page(article, store.site(), store.columns()))
        else:
            from desktop.article_file import format_article

            sys.stdout.write(format_article(article))
    return EXIT_OK


def cmd_site(args: argparse.Namespace) -> int:
    """Print the site settings, after applying any ``--set KEY=VALUE``."""
    with _open(args) as store:
        site = store.site()
        for assignment in args.assignments:
            key, sep, value = assignment.partition("=")
            if not sep:
                raise CommandError(f"--set needs KEY=VALUE, got {assignment!r}")
            try:
                site = site.with_value(key.strip(), value)
            except (KeyError, ValueError) as exc:
                raise CommandError(str(exc).strip("'\"")) from None
        if args.assignments:
            store.save_site(site)
        if args.json:
            print(json.dumps(site.to_dict(), ensure_ascii=False, indent=2))
        else:
            for key, value in site.to_dict().items():
                print(f"{key}\t{value}")
    return EXIT_OK


COMMANDS = {
    "import": cmd_import,
    "list": cmd_list,
    "search": cmd_search,
    "show": cmd_show,
    "site": cmd_site,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newsroom`` with the given arguments and return the exit code."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop.gui.app import run_app

        return run_app(database_path(args.db), lang=args.lang)
    try:
        return COMMANDS[args.command](args)
    except (CommandError, ArticleFileError, StoreError) as exc:
        print(f"newsroom {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
