"""The ``newsroom`` command: the window by default, and subcommands for automation.

A command builds only its own part of the parser and imports only its own modules (a
re-export pays nothing for ``review``'s or ``migrate``'s code): ``main`` reads which command
was given before it builds the parser (``build_parser``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__
from desktop.article import Status
from desktop.cli_language import argparse_speaks
from desktop.config import DB_ENV, database_location, database_path
from desktop.i18n import LANGUAGES, set_language, system_language, tr
from desktop.store import ArticleNotFound, ListQuery, Store, StoreError
from desktop.store.integrity import READ_FAILURES, read_failure

if TYPE_CHECKING:
    from desktop.store.checking import CheckBeside

EXIT_OK = 0
EXIT_FAILED = 1

#: Opens the window on a database file in a language (None: the system's) and returns the
#: exit code. The command line has no window of its own: the program passes one in.
WindowOpener = Callable[["Path | str", "str | None"], int]
#: Adds one command's parser (or a few related ones) to the subcommands, with the options
#: every command shares.
ParserAdder = Callable[[Any, argparse.ArgumentParser], None]


class CommandError(Exception):
    """A problem to report to the user in one line, with a non-zero exit."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Return the argument parser for ``newsroom`` and its subcommands.

    ``command``: when it names a command, only that command's parser is added (and only its
    module imported): it parses that command's arguments as the whole parser does, and the
    top level's options, usage and errors are the same. Otherwise every command's.
    """
    db_help = tr(
        "database file, or postgresql://user@host:port/dbname for a server "
        "(default: ${variable} or newsroom.db in the user's data folder)",
        variable=DB_ENV,
    )
    # Subcommands accept --db too; SUPPRESS keeps an absent one from hiding the top-level value.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    user_help = tr("who is acting, for the sign-off record (default: $NEWSROOM_USER)")
    common.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help=user_help)

    parser = argparse.ArgumentParser(
        prog="newsroom",
        description=tr("Newsroom (新闻编辑室): write, check and export a news website's articles."),
    )
    parser.add_argument("--db", metavar="PATH", help=db_help)
    parser.add_argument("--user", metavar="NAME", help=user_help)
    parser.add_argument(
        "--version",
        action="version",
        version=f"newsroom {__version__}",
        help=tr("show program's version number and exit"),
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=tr("interface language"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = [add for names, add in PARSERS if command in names]
    for add in chosen or [add for _names, add in PARSERS]:
        add(sub, common)
    return parser


def _add_import(sub: Any, common: argparse.ArgumentParser) -> None:
    from desktop.encodings import ENCODING_LABELS

    p = sub.add_parser(
        "import",
        parents=[common],
        help=tr("import Markdown, Word, WPS, RTF or OpenDocument articles"),
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help=tr("Markdown or office files, or folders of them")
    )
    p.add_argument(
        "--skip-bad",
        action="store_true",
        help=tr(
            "import the good files and list the bad ones (default: a bad file imports nothing)"
        ),
    )
    p.add_argument(
        "--keep-originals", action="store_true", help=tr("also keep each picture's original file")
    )
    p.add_argument(
        "--duplicates",
        choices=["skip", "update", "keep"],
        default="skip",
        help=tr(
            "a file imported before (or an article with the same title and text): skip it and say "
            "so (default), update that article from the file, or keep both"
        ),
    )
    p.add_argument(
        "--encoding",
        choices=sorted(ENCODING_LABELS),
        help=tr(
            "the encoding of Markdown and text files (default: detected; asked for when unclear)"
        ),
    )


def _add_list(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[common], help=tr("list articles, newest first"))
    p.add_argument("--status", type=Status.parse, help=tr("draft, review, approved or published"))
    p.add_argument("--column", help=tr("column (栏目) name"))
    p.add_argument("--json", action="store_true", help=tr("print a JSON array"))


def _add_search(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("search", parents=[common], help=tr("find articles containing TEXT"))
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--json", action="store_true", help=tr("print a JSON array"))


def _add_show(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("show", parents=[common], help=tr("print one article"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--format", choices=["markdown", "html", "json"], default="markdown")


def _add_site(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("site", parents=[common], help=tr("show or change the site settings"))
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="assignments")
    p.add_argument("--json", action="store_true", help=tr("print a JSON object"))


def _add_export(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help=tr("export the website (folder or zip)"))
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="DIR", help=tr("write the bundle as a folder"))
    where.add_argument("--zip", metavar="FILE", help=tr("write the bundle as a zip file"))
    p.add_argument(
        "--status",
        type=Status.parse,
        nargs="+",
        action="extend",
        metavar="S",
        help=tr("statuses to include (default: approved published)"),
    )
    p.add_argument(
        "--changed-only",
        action="store_true",
        help=tr(
            "write an update package: only the files new or changed since the last export to this "
            "target, with a manifest listing the whole site and the removed files"
        ),
    )
    p.add_argument(
        "--allow-sample",
        action="store_true",
        help=tr("export even the demo database's sample articles and placeholder settings"),
    )
    p.add_argument(
        "--traditional",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=tr(
            "add (or with --no-traditional leave out) the 繁體 edition under zh-hant/; default: "
            "the site setting 'traditional' (variant: 'traditional_variant')"
        ),
    )


def _add_upload(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "upload", parents=[common], help=tr("upload the exported site to the server")
    )
    p.add_argument(
        "--to",
        metavar="URL",
        help=tr(
            "sftp://user@host[:port]/path, ftps://…, ftp://… or a folder; remembered as the site "
            "setting 'upload_url' (default: that setting). The password comes from "
            "$NEWSROOM_UPLOAD_PASSWORD, the system keychain, or is asked"
        ),
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="DIR|ZIP",
        help=tr(
            "the exported folder or zip (default: the last export, site setting 'export_target')"
        ),
    )
    p.add_argument(
        "--dry-run", action="store_true", help=tr("list what would change; change nothing")
    )
    p.add_argument(
        "--yes",
        action="store_true",
        help=tr("accept what the window would ask to confirm (plain FTP, a first-seen host key)"),
    )


def _add_backup(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup", parents=[common], help=tr("back up the database (online, checked)")
    )
    p.add_argument(
        "file", nargs="?", metavar="FILE", help=tr("backup file (default: backups folder)")
    )
    p.add_argument("--list", action="store_true", help=tr("list the backups beside the database"))


def _add_restore(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("restore", parents=[common], help=tr("replace the database with a backup"))
    p.add_argument("file", metavar="FILE", help=tr("backup file to restore into --db"))


def _add_check(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check", parents=[common], help=tr("proofread articles (all when no ID)"))
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--json", action="store_true", help=tr("print a JSON array of problems"))


def _add_pdf(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("pdf", parents=[common], help=tr("write an article's page as an A4 PDF"))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("file", metavar="FILE", help=tr("the PDF file to write"))


def _add_selfcheck(sub: Any, common: argparse.ArgumentParser) -> None:
    from desktop.selfcheck_cli import add_parsers

    add_parsers(sub, common)


def _add_review(sub: Any, common: argparse.ArgumentParser) -> None:
    from desktop.review import cli as review_cli

    review_cli.add_parser(sub, common)


def _add_attach(sub: Any, common: argparse.ArgumentParser) -> None:
    from desktop.attachments.commands import add_attach_parser

    add_attach_parser(sub, common)


def _add_migrate(sub: Any, _common: argparse.ArgumentParser) -> None:
    from desktop.database_cli import add_migrate_parser

    add_migrate_parser(sub)


#: Every command's parser, in the order of the help's list, by the commands it adds.
PARSERS: tuple[tuple[tuple[str, ...], ParserAdder], ...] = (
    (("import",), _add_import),
    (("list",), _add_list),
    (("search",), _add_search),
    (("show",), _add_show),
    (("site",), _add_site),
    (("export",), _add_export),
    (("links", "selfcheck"), _add_selfcheck),
    (("upload",), _add_upload),
    (("backup",), _add_backup),
    (("restore",), _add_restore),
    (("check",), _add_check),
    (("pdf",), _add_pdf),
    (("review",), _add_review),
    (("attach",), _add_attach),
    (("migrate",), _add_migrate),
)


#: Commands that only read: they open the database without writing to it.
READING = frozenset({"list", "search", "show"})


def _open(args: argparse.Namespace) -> Store:
    # The full check: it compares every index with its table, so a title, date or status
    # changed by damage is reported instead of printed.
    return Store.open(database_location(args.db), thorough=True, read_only=args.command in READING)


def _print_table(store: Store, rows: Sequence[Any], as_json: bool) -> None:
    if as_json:
        from desktop.review import cli as review_cli

        objects = review_cli.with_review_facts(store, [r.to_json() for r in rows])
        print(json.dumps(objects, ensure_ascii=False, indent=2))
        return
    for row in rows:
        print(
            f"{row.id}\t{row.published_at:%Y-%m-%d}\t{row.status.value}\t{row.column}\t{row.title}"
        )


def cmd_import(args: argparse.Namespace) -> int:
    """Import every file first into memory, then all of them in one transaction."""
    from desktop.article_file import ArticleFileError
    from desktop.importing import find_import_files, read_import_file, save_imported
    from desktop.importing.duplicates import DuplicatePolicy
    from desktop.pictures import max_width

    paths = find_import_files(args.paths)
    if not paths:
        raise CommandError(
            tr(
                "no Markdown or office (.docx, .doc, .wps, .rtf, .odt) files found in the paths "
                "given"
            )
        )
    with _open(args) as store:
        width = max_width(store)
        files, bad = [], []
        for path in paths:
            try:
                files.append(
                    read_import_file(
                        path,
                        max_width_px=width,
                        keep_originals=args.keep_originals,
                        encoding=args.encoding,
                    )
                )
            except ArticleFileError as exc:
                if not args.skip_bad:
                    raise
                bad.append(exc)
        for problem in bad:
            print(tr("newsroom import: skipped {problem}", problem=problem), file=sys.stderr)
        if not files:
            raise CommandError(tr("none of the files could be imported"))
        for file in files:
            for warning in file.warnings:
                print(tr("newsroom import: warning: {warning}", warning=warning), file=sys.stderr)
        with store.transaction():
            files = _handle_duplicates(store, files, DuplicatePolicy(args.duplicates))
            for article in save_imported(store, files):
                print(f"{article.id}\t{article.title}")
    return EXIT_OK


def _handle_duplicates(store: Store, files: list[Any], policy: Any) -> list[Any]:
    """Skip or update the files imported before, as ``policy`` says; return the others."""
    from desktop.importing.duplicates import DuplicatePolicy, find_duplicate, update_from_file

    fresh = []
    for file in files:
        duplicate = find_duplicate(store, file) if policy is not DuplicatePolicy.KEEP else None
        if duplicate is None:
            fresh.append(file)
        elif policy is DuplicatePolicy.UPDATE:
            article = update_from_file(store, duplicate)
            print(f"{article.id}\t{article.title}")
            print(tr("newsroom import: updated from {name}", name=file.path.name), file=sys.stderr)
        else:
            print(
                tr(
                    "newsroom import: skipped {duplicate} (--duplicates=update updates it, "
                    "--duplicates=keep imports it again)",
                    duplicate=duplicate.describe(),
                ),
                file=sys.stderr,
            )
    return fresh


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
    """Return every field of an article as a JSON object (and its date as the site shows it)."""
    from desktop.article import ARTICLE_FIELDS, to_json_value

    values = {spec.key: to_json_value(spec, getattr(article, spec.name)) for spec in ARTICLE_FIELDS}
    values["date"] = article.date_text
    return values


def cmd_show(args: argparse.Namespace) -> int:
    """Print one article as Markdown with front matter, as its full page, or as JSON."""
    with _open(args) as store:
        try:
            article = store.get_article(args.id)
        except ArticleNotFound as exc:
            raise CommandError(str(exc)) from None
        if args.format == "json":
            from desktop.review import cli as review_cli

            (values,) = review_cli.with_review_facts(store, [article_json(article)])
            print(json.dumps(values, ensure_ascii=False, indent=2))
        elif args.format == "html":
            from desktop.render.page import render_article_page
            from desktop.render.page_check import UnsafePage

            try:
                page = render_article_page(article, store.site(), store.columns())
            except UnsafePage as exc:
                raise CommandError(str(exc)) from None
            sys.stdout.write(page)
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
                raise CommandError(
                    tr("--set needs KEY=VALUE, got {assignment!r}", assignment=assignment)
                )
            if key.strip() == "conac_image" and value.strip():
                value = _stored_picture(store, value.strip())
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


def _stored_picture(store: Store, value: str) -> str:
    """Store the picture file ``value`` names and return its site path; a site path stays."""
    from pathlib import Path

    from desktop.pictures import PictureError, add_picture

    file = Path(value)
    if not file.is_file():
        return value  # already the site path of a stored picture
    try:
        return add_picture(store, file.read_bytes(), file.name)
    except PictureError as exc:
        raise CommandError(f"{file}: {exc}") from None


def refuse_sample_content(store: Store, statuses: Sequence[Status], *, allowed: bool) -> None:
    """Raise CommandError when the export would publish sample content, unless allowed."""
    from desktop.sample_content import find_sample_content

    findings = find_sample_content(store, statuses)
    if findings and not allowed:
        raise CommandError(
            tr(
                "not exported: the database still holds the demo's sample content: {what}. "
                "Replace it with your own (the window's banner offers it), or export it "
                "anyway with --allow-sample",
                what="; ".join(findings.lines()),
            )
        )


def cmd_pdf(args: argparse.Namespace) -> int:
    """Write an article's page as PDF (``desktop.printable``, imported only for this command)."""
    from desktop.printable import cmd_pdf as write_pdf

    return write_pdf(args)


def cmd_export(args: argparse.Namespace) -> int:
    """Export the bundle: progress on stderr, the summary on stdout."""
    from pathlib import Path

    from desktop.article import EXPORTABLE

    shown = -1
    with _open_for_export(args) as (store, check):
        # Imported once the page check runs beside (it has a processor of its own).
        from desktop.export import ExportError, ExportOptions, ExportPhase, export_bundle
        from desktop.review.cli import acting_user

        options = ExportOptions(
            target=Path(args.zip or args.out),
            as_zip=args.zip is not None,
            statuses=tuple(dict.fromkeys(args.status)) if args.status else EXPORTABLE,
            changed_only=args.changed_only,
            # Stored pictures (and cover thumbnails) go into the bundle, as in the window.
            media=lambda path: _picture_bytes(store, path),
            traditional=args.traditional,
            user=acting_user(args, store),
            before_writing=check.passed if check is not None else None,
            reading_all=check.thoroughly if check is not None else None,
        )
        refuse_sample_content(store, options.statuses, allowed=args.allow_sample)
        run = export_bundle(store, options)
        try:
            for report in run:
                if report.phase is ExportPhase.DONE and report.summary is not None:
                    for line in report.summary.lines():
                        print(line)
                    # Remembered so that ``newsroom upload`` sends this export.
                    target = str(report.summary.target)
                    store.save_site(store.site().with_value("export_target", target))
                elif report.phase is ExportPhase.RENDER and report.total:
                    tenth = report.done * 10 // report.total  # a line per tenth is enough
                    if tenth != shown:
                        shown = tenth
                        print(
                            tr(
                                "export: {done}/{total} files", done=report.done, total=report.total
                            ),
                            file=sys.stderr,
                        )
                else:
                    print(tr("export: {message}", message=report.message), file=sys.stderr)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        except KeyboardInterrupt:
            run.close()
            raise CommandError(tr("cancelled; the previous bundle is unchanged")) from None
    return EXIT_OK


@contextmanager
def _open_for_export(args: argparse.Namespace) -> Iterator[tuple[Store, CheckBeside | None]]:
    """Open the database for ``export``, its page check running beside the export's reading.

    The export waits for the check before it writes anything (see desktop/store/checking.py);
    whatever fails meanwhile, damage the check finds is what the command reports.
    """
    from desktop.store.checking import CheckBeside

    location = database_location(args.db)
    if isinstance(location, str) or not Path(location).exists():
        with _open(args) as store:
            yield store, None
        return
    store = Store.open(location, thorough=True, check_pages=False, read_first=True)
    # The article table's indexes are compared with its rows only once the export reads every
    # row: a re-export pieced together from ids compares the few rows it reads itself. The
    # opening compared the log with its index; once the check passed, the store can write (it
    # reads a live log read-only until then).
    check = CheckBeside(
        Path(location),
        thorough=True,
        uncompared=("article",),
        log_checked=True,
        then=store.pages_checked,
    )
    try:
        yield store, check
    except BaseException:
        check.passed()  # damage explains the failure best
        raise
    finally:
        store.close()
    check.passed()


def _picture_bytes(store: Store, path: str) -> bytes | None:
    """Return a stored picture or file by its site path (the picture library loaded on use)."""
    from desktop.pictures import picture_bytes

    return picture_bytes(store, path)


def _terminal_questions(yes: bool) -> Any:
    """The upload's questions asked on the terminal, or all answered yes with ``--yes``."""
    import getpass

    from desktop.upload import Questions

    def ask_password(account: str) -> str | None:
        if not sys.stdin.isatty():
            return None
        return getpass.getpass(f"password for {account}: ") or None

    if yes:
        return Questions.accept_all(ask_password)

    def confirm(question: str) -> bool:
        if not sys.stdin.isatty():
            return False
        return input(f"{question} [yes/no] ").strip().lower() in ("y", "yes", "是")

    return Questions(
        confirm_plain_ftp=lambda url: confirm(
            f"{url} is plain FTP: the password and the files travel unencrypted. Go on?"
        ),
        confirm_host_key=lambda host, kind, shown: confirm(
            f"first connection to {host}; its host key is {kind} {shown}. Trust it?"
        ),
        ask_password=ask_password,
    )


def cmd_upload(args: argparse.Namespace) -> int:
    """Upload the last export: progress on stderr, what changed and the summary on stdout."""
    from pathlib import Path

    from desktop.upload import (
        HostKeyStore,
        UploadError,
        UploadPhase,
        connect,
        open_bundle,
        parse_upload_url,
        upload_bundle,
    )

    with _open(args) as store:
        site = store.site()
        try:
            url = parse_upload_url(args.to or site.upload_url)
            source = args.source or site.export_target
            if not source:
                raise CommandError(tr("nothing exported yet: run 'newsroom export' or give --from"))
            bundle = open_bundle(Path(source).expanduser())
        except UploadError as exc:
            raise CommandError(str(exc)) from None
        shown = -1
        try:
            remote = connect(url, _terminal_questions(args.yes), HostKeyStore.beside(store.path))
            if url.text() != site.upload_url and not args.dry_run:  # it works: remember it
                store.save_site(site.with_value("upload_url", url.text()))
            run = upload_bundle(bundle, remote, url.text(), dry_run=args.dry_run)
            try:
                for report in run:
                    if report.plan is not None and args.dry_run:
                        for line in report.plan.lines():
                            print(line)
                    sending = report.phase in (UploadPhase.SEND, UploadPhase.DELETE)
                    if report.total and not args.dry_run and (sending or report.summary):
                        tenth = report.done * 10 // report.total  # a line per tenth is enough
                        if tenth != shown:
                            shown = tenth
                            print(
                                tr(
                                    "upload: {done}/{total} files",
                                    done=report.done,
                                    total=report.total,
                                ),
                                file=sys.stderr,
                            )
                    if report.summary is not None:
                        for line in report.summary.lines():
                            print(line)
            except KeyboardInterrupt:
                run.close()
                raise CommandError(
                    tr("cancelled; every page on the server is whole. Upload again to finish")
                ) from None
        except UploadError as exc:
            raise CommandError(str(exc)) from None
        finally:
            bundle.close()
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Proofread articles; exit 1 when a serious problem is found, 0 otherwise."""
    from desktop.proofread import check_article, field_text, has_serious, line_and_column
    from desktop.proofread.wordlist_store import settings_for

    found: list[dict[str, Any]] = []
    serious = False
    with _open(args) as store:
        if args.ids:
            try:
                articles = [store.get_article(i) for i in args.ids]
            except ArticleNotFound as exc:
                raise CommandError(str(exc)) from None
        else:
            articles = list(store.iter_articles())
        base = settings_for(store)
        for article in articles:
            settings = settings_for(store, article.id) if article.id is not None else base
            problems = check_article(article, settings)
            serious = serious or has_serious(problems)
            for problem in problems:
                line, column = line_and_column(field_text(article, problem.field), problem.start)
                found.append(
                    {
                        "article_id": article.id,
                        "title": article.title,
                        "line": line,
                        "column": column,
                        **problem.to_json(),
                    }
                )
                if not args.json:
                    fix = "" if problem.suggestion is None else f" → {problem.suggestion!r}"
                    print(
                        f"{article.id}\t{problem.field.value}:{line}:{column}\t"
                        f"{problem.severity.value}\t{problem.kind.value}\t"
                        f"{problem.text!r}{fix}\t{problem.message}"
                    )
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    elif not found:
        print(tr("no problems in {count} article(s)", count=len(articles)))
    return EXIT_FAILED if serious else EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    """Back up the database with SQLite's online backup, or list the backups beside it."""
    from desktop.store.backup import backup_now, list_backups

    location = database_location(args.db)
    if isinstance(location, str):  # a server: a complete SQLite file any PC can open
        with Store.open(location) as store:
            if args.list:
                location = store.path
            else:
                print(backup_now(store, args.file))
                return EXIT_OK
    if args.list:
        for info in list_backups(location):
            print(f"{info.path}\t{info.kind.value}\t{info.taken_at:%Y-%m-%d %H:%M:%S}\t{info.size}")
        return EXIT_OK
    print(backup_now(location, args.file))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a checked backup, keeping the replaced file beside it."""
    from desktop.store.backup import restore_backup

    if isinstance(database_location(args.db), str):
        raise CommandError(
            tr("a backup is restored onto a server with `newsroom migrate FILE URL --replace`")
        )
    db = database_path(args.db)
    aside = restore_backup(args.file, db)
    print(tr("restored {file} into {db}", file=args.file, db=db))
    if aside is not None:
        print(tr("the replaced database was kept as {aside}", aside=aside))
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    """The sign-off flow: 送审, 通过, 退回, 撤稿, the log and the sheet."""
    from desktop.review import cli as review_cli

    with _open(args) as store:
        try:
            return review_cli.run(store, args)
        except review_cli.ReviewCommandError as exc:
            raise CommandError(str(exc)) from None


def cmd_selfcheck_command(args: argparse.Namespace) -> int:
    """Run ``newsroom links`` or ``newsroom selfcheck`` (desktop/selfcheck_cli.py)."""
    from desktop import selfcheck_cli

    with _open(args) as store:
        try:
            if args.command == "links":
                return selfcheck_cli.run_links(store, args)
            return selfcheck_cli.run_selfcheck(store, args)
        except ValueError as exc:
            raise CommandError(str(exc)) from None


def cmd_attach(args: argparse.Namespace) -> int:
    """Attach, rename or remove an article's files (desktop/attachments/commands.py)."""
    from desktop.attachments.commands import cmd_attach as run

    return run(args)


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy a database into another and check both (desktop/database_cli.py)."""
    from desktop.database_cli import cmd_migrate as run

    return run(args)


COMMANDS = {
    "import": cmd_import,
    "list": cmd_list,
    "search": cmd_search,
    "show": cmd_show,
    "site": cmd_site,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "upload": cmd_upload,
    "check": cmd_check,
    "pdf": cmd_pdf,
    "review": cmd_review,
    "links": cmd_selfcheck_command,
    "selfcheck": cmd_selfcheck_command,
    "attach": cmd_attach,
    "migrate": cmd_migrate,
}


#: Commands after which the program's process ends without Python's teardown (exit_now).
ENDS_AT_ONCE = frozenset({"export"})


def exit_now(code: int) -> None:
    """End the process with ``code`` once its output is out, without Python's teardown.

    Freeing every module and object at exit cost a re-export at 10,000 articles 0.1 s of
    CPU, more than its own work. A command in ENDS_AT_ONCE has closed its database and
    written and synced its files before it returns; this flushes standard output and error
    and runs the functions registered to run at exit, then ends. With another thread still
    running it returns instead, and the process ends the ordinary way.
    """
    import atexit
    import os
    import threading
    from contextlib import suppress

    if threading.active_count() > 1:
        return
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe: nothing more to say to it
            stream.flush()
    atexit._run_exitfuncs()  # what the ordinary exit runs first
    os._exit(code)


def read_ahead(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """Return the ``--lang`` and the command given, before the parser is built (it speaks the
    language, and holds only that command's parser: ``build_parser``)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES)
    early.add_argument("--db")  # the top level's options and their values are skipped
    early.add_argument("--user")
    early.add_argument("command", nargs="?")
    early.add_argument("arguments", nargs=argparse.REMAINDER)
    found, _ = early.parse_known_args(argv)
    # After a "--" the whole parser may not read the command where this one did: none.
    return found.lang, None if "--" in argv else found.command


def main(
    argv: Sequence[str] | None = None,
    *,
    open_window: WindowOpener | None = None,
    exit_at_end: bool = False,
) -> int:
    """Run ``newsroom`` with the given arguments and return the exit code.

    open_window: what no command does; without it a command is required. exit_at_end: the
    program's own entry points: a command in ENDS_AT_ONCE ends the process (``exit_now``).
    """
    # The language first: the help and the messages of the parser itself speak it too.
    language, command = read_ahead(sys.argv[1:] if argv is None else argv)
    set_language(language or system_language())
    with argparse_speaks():  # usage:, "invalid choice" and the rest of argparse's own words
        parser = build_parser(command)
        args = parser.parse_args(argv)
        if args.command is None and open_window is None:
            parser.error(tr("a command is required here (the window opens with `newsroom`)"))
    if args.command is None:
        assert open_window is not None
        return open_window(database_location(args.db), args.lang)
    code = _run(args)
    if exit_at_end and args.command in ENDS_AT_ONCE:
        exit_now(code)
    return code


def _reported_in_one_line() -> tuple[type[Exception], ...]:
    """The failures a command reports in one line (looked up once one happened: a command
    that reads no article file does not import that module)."""
    from desktop.article_file import ArticleFileError

    return (CommandError, ArticleFileError, StoreError)


def _run(args: argparse.Namespace) -> int:
    from desktop.database_cli import upgrades_on_stderr

    try:
        with upgrades_on_stderr():  # any command may be the first to open an older database
            return COMMANDS[args.command](args)
    except _reported_in_one_line() as exc:
        print(tr("newsroom {command}: {exc}", command=args.command, exc=exc), file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK
    except READ_FAILURES as exc:
        # Damage the check could not see (a body that is no longer text, say): a message, and
        # the newest good backup, instead of a traceback.
        if isinstance(database_location(args.db), str):
            print(tr("newsroom {command}: {exc}", command=args.command, exc=exc), file=sys.stderr)
            return EXIT_FAILED
        from desktop.store.backup import newest_good_backup

        db = database_path(args.db)
        print(
            tr(
                "newsroom {command}: {exc}",
                command=args.command,
                exc=read_failure(db, exc, newest_good_backup(db)),
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(exit_at_end=True))
