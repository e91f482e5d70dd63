"""``newsroom COMMAND`` builds only that command's parser: it must read every command line as
the whole parser does (the same arguments, the same help, the same errors)."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest

from desktop import cli
from desktop.i18n import set_language

COMMAND_LINES = [
    ["export", "--out", "site"],
    ["--db", "x.db", "export", "--out", "site", "--status", "published", "draft"],
    ["--db=x.db", "export", "--zip", "site.zip", "--no-traditional"],
    ["--d", "x.db", "export", "--out", "site"],  # an abbreviated option
    ["--la", "en", "list", "--json"],
    ["--user", "export", "list"],  # an option's value that is a command's name
    ["--us", "export", "list"],
    ["--db", "export", "search", "工会"],
    ["--user=bob", "export", "--out=site", "--db", "y.db"],
    ["export"],  # errors: a required option missing, unknown ones, an unknown command
    ["export", "--out", "site", "--bogus"],
    ["--bogus", "export", "--out", "site"],
    ["-x", "export"],
    ["nosuch", "--out", "site"],
    ["--lang", "zh_CN", "export", "--out"],
    ["list", "--status", "bogus"],
    ["--", "export", "--out", "site"],
    ["export", "--", "x"],
    ["export", "-h"],  # help, the program's and the commands'
    ["-h"],
    ["--version"],
    ["review", "--help"],
    ["selfcheck", "--help"],
    ["attach", "--help"],
    ["links", "1", "2", "--json"],
    ["migrate", "a.db", "b.db"],
    ["import", "a.md", "--encoding", "gbk", "--duplicates", "keep"],
    ["show", "3", "--format", "json"],
    ["check", "1", "--json"],
    ["upload", "--dry-run", "--to", "sftp://u@h/p"],
    ["pdf", "1", "a.pdf"],
    ["backup", "--list"],
    ["restore", "a.db"],
    ["site", "--set", "name=工会"],
    [],
]


def parsed(argv: list[str], command: str | None) -> tuple[Any, ...]:
    """What the parser holding ``command``'s parser (None: all) makes of ``argv``."""
    out, err = io.StringIO(), io.StringIO()
    code, values = None, None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), cli.argparse_speaks():
        try:
            values = vars(cli.build_parser(command).parse_args(argv))
        except SystemExit as exc:
            code = exc.code
    return code, values, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("argv", COMMAND_LINES, ids=" ".join)
def test_one_command_s_parser_reads_as_the_whole_one(argv: list[str], language: str) -> None:
    set_language(language)
    try:
        _language, command = cli.read_ahead(argv)
        assert parsed(argv, command) == parsed(argv, None)
    finally:
        set_language("en")


def test_the_command_is_read_ahead_past_the_top_level_options() -> None:
    assert cli.read_ahead(["--db", "export", "--lang", "zh_CN", "list"]) == ("zh_CN", "list")
    assert cli.read_ahead(["--user=a", "export", "--out", "s"]) == (None, "export")
    assert cli.read_ahead(["--version"]) == (None, None)
    assert cli.read_ahead(["--", "export"]) == (None, None)  # argparse reads it otherwise


def test_a_command_s_parser_holds_that_command_alone() -> None:
    parser = cli.build_parser("export")
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    assert list(sub.choices) == ["export"]
    (every,) = [a for a in cli.build_parser()._actions if a.dest == "command"]
    assert set(every.choices) == set(cli.COMMANDS)
    (both,) = [a for a in cli.build_parser("links")._actions if a.dest == "command"]
    assert list(both.choices) == ["links", "selfcheck"]
