"""The core's and the command line's messages are translatable and translated into Chinese.

Every module outside desktop/gui/ is parsed; text a user can see is a string literal or
f-string with words in it that is: an argument of an exception the core raises or builds (its
own and the built-in ones a user meets, such as ValueError), an argument of ``print``, a
``message=``/``reason=``/``detail=`` argument, a command's ``help=``/``description=``, or a
line of a summary or a list of warnings and problems (``lines``, ``shown``, ``warnings``,
``problems``). Each must be ``tr("literal")``
and have its Chinese text in resources/translations/core_zh_CN.po. HTML and SQL built in code
start with ``<`` or have no words outside their fields and are not messages.
"""

from __future__ import annotations

import ast
import builtins
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import i18n
from desktop.article_file import ArticleFileError
from desktop.cli import main
from desktop.i18n import core_messages, read_catalogue, read_po, system_language, tr
from desktop.importing.docx import read_docx
from tests.conftest import REPO

PACKAGE = REPO / "desktop"
CATALOGUE = REPO / "resources" / "translations" / "core_zh_CN.po"
HOW = "wrap it in tr() and run `python -m desktop.i18n` (see desktop/i18n.py)"

#: Exceptions that only report a programming error inside Newsroom, never a user's doing.
INTERNAL = {
    "TypeError",
    "AttributeError",
    "NotImplementedError",
    "AssertionError",
    "RuntimeError",
    "UnicodeDecodeError",
    "FileNotFoundError",
    "_ResolverError",
}
#: Lists whose lines a summary or a report shows.
SHOWN_LISTS = {"warnings", "problems", "lines", "shown"}
#: Arguments that carry a message whatever the call (the command line's help texts too).
MESSAGE_KEYWORDS = {"message", "reason", "detail", "help", "description", "epilog"}
WORDS = re.compile(r"[A-Za-z]{2,}")
FIELD = re.compile(r"\{(\w+)[^}]*\}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def core_modules() -> dict[Path, ast.Module]:
    """Every module of the core, parsed."""
    return {
        path: ast.parse(path.read_text("utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "gui" not in path.relative_to(PACKAGE).parts
    }


def exception_names(modules: dict[Path, ast.Module]) -> set[str]:
    """The built-in exceptions and every exception class the core defines, less INTERNAL."""
    names = {
        name
        for name in dir(builtins)
        if isinstance(getattr(builtins, name), type)
        and issubclass(getattr(builtins, name), BaseException)
    }
    classes = [
        n for tree in modules.values() for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
    ]
    grown = True
    while grown:
        grown = False
        for cls in classes:
            bases = {ast.unparse(b).split(".")[-1] for b in cls.bases}
            if cls.name not in names and bases & names:
                names.add(cls.name)
                grown = True
    return names - INTERNAL


def is_message(node: ast.AST) -> bool:
    """Whether a node is literal text with words in it (not HTML)."""
    if isinstance(node, ast.GeneratorExp):
        return is_message(node.elt)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts = [node.value]
    elif isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        if node.values and not isinstance(node.values[0], ast.Constant):
            parts.insert(0, "")
    else:
        return False
    return not (parts and parts[0].startswith("<")) and any(WORDS.search(p) for p in parts)


def unwrapped_messages(tree: ast.Module, exceptions: set[str]) -> Iterator[ast.AST]:
    """Yield the literal messages in a module that are not passed through tr()."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.List)
            and any(isinstance(t, ast.Name) and t.id in SHOWN_LISTS for t in node.targets)
        ):
            yield from (e for e in node.value.elts if is_message(e))
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        candidates: list[ast.AST] = []
        if name in exceptions or name == "print":
            candidates += node.args
            candidates += [k.value for k in node.keywords if k.arg not in ("file", "sep", "end")]
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in ("append", "extend")
            and (
                (isinstance(func.value, ast.Name) and func.value.id in SHOWN_LISTS)
                or (isinstance(func.value, ast.Attribute) and func.value.attr in SHOWN_LISTS)
            )
        ):
            candidates += node.args
        candidates += [k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS]
        yield from (c for c in candidates if is_message(c))


def test_every_message_of_the_core_goes_through_tr() -> None:
    modules = core_modules()
    exceptions = exception_names(modules)
    found = [
        f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)[:90]}"
        for path, tree in modules.items()
        for node in unwrapped_messages(tree, exceptions)
    ]
    assert not found, f"messages a user sees, not translatable ({HOW}):\n" + "\n".join(found)


def test_the_scan_finds_an_unwrapped_message() -> None:
    tree = ast.parse(
        "def f(path):\n"
        "    raise ArticleFileError(path, f'is not a Word file ({path})')\n"
        "    print('done')\n"
        "    lines.append(tr('kept'))\n"
        "    raise TypeError('internal')\n"
        "    lines.append(f'<p>{path}</p>')\n"
    )
    found = [ast.unparse(n) for n in unwrapped_messages(tree, {"ArticleFileError"})]
    assert found == ["f'is not a Word file ({path})'", "'done'"]


def test_every_message_has_a_chinese_translation_keeping_its_fields() -> None:
    translated = dict(read_po(CATALOGUE.read_text("utf-8")))
    problems = []
    for message, where in core_messages(REPO).items():
        chinese = translated.get(message, "")
        if not chinese:
            problems.append(f"untranslated: {message!r} ({where[0]})")
        elif chinese == message or not (CJK.search(chinese) or "：" in chinese):
            problems.append(f"not Chinese: {message!r} -> {chinese!r}")
        elif sorted(FIELD.findall(message)) != sorted(FIELD.findall(chinese)):
            problems.append(f"fields differ: {message!r} -> {chinese!r}")
    assert not problems, f"{HOW}:\n" + "\n".join(problems)


def test_the_catalogue_holds_no_message_the_code_no_longer_has() -> None:
    used = core_messages(REPO)
    stale = [m for m, _ in read_po(CATALOGUE.read_text("utf-8")) if m and m not in used]
    assert not stale, f"run `python -m desktop.i18n` to drop them: {stale}"


def test_the_catalogue_is_as_the_update_command_writes_it(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    (copy / "resources" / "translations").mkdir(parents=True)
    (copy / "resources" / "translations" / CATALOGUE.name).write_bytes(CATALOGUE.read_bytes())
    (copy / "desktop").symlink_to(PACKAGE)
    i18n.update_catalogue(copy)
    rewritten = (copy / "resources" / "translations" / CATALOGUE.name).read_text("utf-8")
    assert rewritten == CATALOGUE.read_text("utf-8"), "run `python -m desktop.i18n`"


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "en_GB:zh_CN", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.GB18030", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({}, "en"),
    ],
)
def test_the_system_language_comes_from_the_environment(environ, language) -> None:
    assert system_language(environ) == language


def test_a_refused_word_file_is_explained_in_chinese(tmp_path: Path) -> None:
    fake = tmp_path / "通知.docx"
    fake.write_text("这不是Word文件", "utf-8")
    i18n.set_language("zh_CN")
    with pytest.raises(ArticleFileError) as refused:
        read_docx(fake, None)  # type: ignore[arg-type]
    assert "不是 Word .docx 文件" in str(refused.value)
    i18n.set_language("en")
    assert "not a Word .docx file" in tr("is not a Word .docx file (not a zip archive)")


def test_the_command_line_speaks_the_system_language_and_lang_overrides_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "通知.docx"
    fake.write_text("这不是Word文件", "utf-8")
    db = str(tmp_path / "newsroom.db")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--db", db, "import", str(fake)]) == 1
    assert "不是 Word .docx 文件" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", db, "import", str(fake)]) == 1
    assert "is not a Word .docx file" in capsys.readouterr().err


def test_the_installed_program_prints_chinese_under_a_chinese_locale(tmp_path: Path) -> None:
    db = tmp_path / "newsroom.db"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(db), "show", "999"],
        capture_output=True,
        text=True,
        env={"LANG": "zh_CN.UTF-8", "PYTHONPATH": str(REPO), "HOME": str(tmp_path)},
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 1
    assert "没有编号为 999 的文章" in done.stderr


def test_read_catalogue_leaves_out_untranslated_entries(tmp_path: Path) -> None:
    po = tmp_path / "core_zh_CN.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "a \\"quoted\\" {name}"\nmsgstr ""\n"带引号的 {name}"\n\n'
        'msgid "missing"\nmsgstr ""\n',
        "utf-8",
    )
    assert read_catalogue(po) == {
        "": "Content-Type: text/plain; charset=UTF-8\n",
        'a "quoted" {name}': "带引号的 {name}",
    }


def test_the_command_lines_help_follows_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "zh_CN", "import", "--help"])
    shown = capsys.readouterr().out
    assert "以前导入过的文件" in shown and "a file imported before" not in shown
    with pytest.raises(SystemExit):
        main(["--lang", "en", "export", "--help"])
    assert "write the bundle as a folder" in capsys.readouterr().out


def test_argparses_own_words_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as bogus:
        main(["--lang", "zh_CN", "bogus"])
    assert bogus.value.code == 2
    said = capsys.readouterr().err
    assert "用法：newsroom" in said and "错误：" in said and "无效的选择：'bogus'" in said
    assert "usage:" not in said and "invalid choice" not in said
    with pytest.raises(SystemExit) as missing:
        main(["--lang", "zh_CN", "import"])
    assert missing.value.code == 2
    said = capsys.readouterr().err
    assert "newsroom import：错误：缺少以下必需的参数：PATH" in said
    assert "the following arguments are required" not in said
    with pytest.raises(SystemExit):
        main(["--lang", "zh_CN", "--help"])
    shown = capsys.readouterr().out
    assert "用法：" in shown and "\n选项:" in shown and "显示此帮助信息并退出" in shown
    assert "options:" not in shown and "show this help" not in shown
    # English stays argparse's own, and argparse is given its own functions back.
    with pytest.raises(SystemExit):
        main(["--lang", "en", "import"])
    assert "the following arguments are required: PATH" in capsys.readouterr().err
    import argparse

    assert argparse._("usage: ") == "usage: "


def test_every_commands_help_is_chinese_under_lang_zh_cn(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in (["attach"], ["links"], ["selfcheck"], ["review", "sign"], ["migrate"]):
        with pytest.raises(SystemExit):
            main(["--lang", "zh_CN", *command, "--help"])
        shown = capsys.readouterr().out
        assert "用法：" in shown and "\n选项:" in shown
        # Every line of help text says something in Chinese (or is a bare option or name).
        english = [
            line
            for line in shown.splitlines()
            if re.search(r"\s{2}[a-z]{3,} [a-z]{3,}", line) and not CJK.search(line)
        ]
        assert not english, f"{command}: " + "\n".join(english)


def test_the_installed_program_says_argparses_words_in_chinese(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--lang", "zh_CN", "import"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "HOME": str(tmp_path)},
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 2
    assert "缺少以下必需的参数：PATH" in done.stderr and "用法：" in done.stderr
