"""``newsroom links`` and ``newsroom selfcheck``: the link check and the site self-check report.

The parsers are added by ``add_parsers``; each command gets an open store and its arguments
and returns the exit code, raising ``ValueError`` for a problem to report in one line. The
checks themselves are imported when a command runs, so the other commands start as fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from desktop.i18n import tr
from desktop.store import ArticleNotFound, Store

EXIT_OK = 0
EXIT_FOUND = 1


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``links`` and ``selfcheck`` subcommands to ``newsroom``'s parser."""
    p = sub.add_parser(
        "links",
        parents=[common],
        help=tr("check the web addresses articles link to (goes on the network)"),
    )
    p.add_argument("ids", type=int, nargs="*", metavar="ID", help=tr("articles (default: all)"))
    p.add_argument("--json", action="store_true", help=tr("print a JSON array of every link"))
    p.add_argument(
        "--timeout", type=float, default=10.0, metavar="S", help=tr("seconds to wait (default 10)")
    )
    p = sub.add_parser(
        "selfcheck",
        parents=[common],
        help=tr(
            "the site self-check report: stale columns, back-dating, copies, errors, dead links"
        ),
    )
    p.add_argument("--html", metavar="FILE", help=tr("also write the report as an HTML page"))
    p.add_argument("--json", action="store_true", help=tr("print the report as a JSON object"))
    p.add_argument(
        "--all",
        action="store_true",
        help=tr("look at drafts and articles in review too (default: approved and published)"),
    )
    p.add_argument(
        "--window",
        action="append",
        default=[],
        metavar="COLUMN=DAYS",
        help=tr("set how many days a column may go without a new article ('default' resets it)"),
    )


def _articles(store: Store, ids: list[int]) -> list[Any]:
    if not ids:
        return list(store.iter_articles())
    try:
        return [store.get_article(i) for i in ids]
    except ArticleNotFound as exc:
        raise ValueError(str(exc)) from None


def run_links(store: Store, args: argparse.Namespace) -> int:
    """Check every external address of the articles; exit 1 when one is dead."""
    from desktop.proofread.link_check import LinkOptions, article_links, check_addresses
    from desktop.proofread.selfcheck_store import save_link_results

    links = article_links(_articles(store, args.ids))
    urls = [url for item in links for url in item.urls]
    results: dict[str, Any] = {}
    shown = -1
    run = check_addresses(urls, LinkOptions(timeout=args.timeout))
    try:
        for progress in run:
            results = progress.results
            tenth = progress.done * 10 // max(1, progress.total)
            if progress.total and tenth != shown:
                shown = tenth
                print(
                    tr("links: {done}/{total} addresses", done=progress.done, total=progress.total),
                    file=sys.stderr,
                )
    except KeyboardInterrupt:
        run.close()
        raise ValueError(tr("cancelled; the results of the last check are unchanged")) from None
    save_link_results(store, links, results, dt.datetime.now(), article_ids=args.ids or None)
    rows = []
    for item in links:
        for url in item.urls:
            result = results[url]
            rows.append(
                {
                    "article_id": item.article_id,
                    "title": item.title,
                    "url": url,
                    "status": result.status.value,
                    "code": result.code,
                    "final_url": result.final_url,
                    "description": result.describe(),
                    "dead": result.dead,
                }
            )
    dead = [row for row in rows if row["dead"]]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            if row["dead"] or row["status"] == "redirected":
                print(f"{row['article_id']}\t{row['description']}\t{row['url']}\t{row['title']}")
        print(
            tr(
                "{urls} address(es) in {articles} article(s) checked: {dead} dead",
                urls=len(set(urls)),
                articles=len(links),
                dead=len(dead),
            )
        )
    return EXIT_FOUND if dead else EXIT_OK


def _set_windows(store: Store, assignments: list[str]) -> None:
    from desktop.proofread.selfcheck_store import set_column_window

    columns = {c.name: c for c in store.columns()}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        column = columns.get(name.strip())
        if not sep or column is None or column.id is None:
            known = ", ".join(columns)
            raise ValueError(
                tr("--window needs COLUMN=DAYS with a column of the site ({known})", known=known)
            )
        value = value.strip()
        if value == "default":
            set_column_window(store, column.id, None)
            continue
        try:
            days = int(value)
        except ValueError:
            raise ValueError(
                tr("--window {name}: DAYS must be a whole number or 'default'", name=name)
            ) from None
        set_column_window(store, column.id, days)


def _write_atomically(path: Path, text: str) -> None:
    import tempfile  # only here: not loaded by every command

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_selfcheck(store: Store, args: argparse.Namespace) -> int:
    """Print the self-check report (and write its page); exit 1 when anything was found."""
    from desktop.article import EXPORTABLE, Status
    from desktop.proofread.selfcheck import site_self_check
    from desktop.proofread.selfcheck_page import report_html

    if args.window:
        _set_windows(store, args.window)
    statuses = tuple(Status) if args.all else EXPORTABLE
    report = site_self_check(store, statuses=statuses)
    if args.html:
        try:
            page = report_html(report, store.site().name)
            _write_atomically(Path(args.html), page)
        except OSError as exc:
            raise ValueError(
                tr("cannot write {path}: {error}", path=args.html, error=exc)
            ) from None
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            where = "" if finding.article_id is None else str(finding.article_id)
            print(f"{where}\t{finding.kind.value}\t{finding.message()}")
        for line in report.summary_lines():
            print(line)
    return EXIT_FOUND if report.findings else EXIT_OK
