"""Translated messages of the core and the command line, with no Qt: ``tr("…")``.

English is the source language. The Chinese text of every message is in
``resources/translations/core_zh_CN.po`` (a gettext catalogue, read directly: no compiled
``.mo`` to keep in step). The command line follows ``--lang`` or the system language
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``); the window sets the language it speaks,
so the messages it shows from the core are in the same language as its own.

To add a message: write ``tr("the literal text {name}", name=value)`` (a literal, never an
f-string: fields are filled in after the translation is looked up), then run
``python -m desktop.i18n`` to add it to the catalogue, translate every empty ``msgstr`` there,
and keep ``{name}`` fields as they are. ``tests/test_core_messages.py`` fails while a message a
user can see is not wrapped, or is untranslated, or the catalogue holds one no longer used.
"""

from __future__ import annotations

import ast
import os
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from desktop.resources import resource_path

#: Languages Newsroom speaks; English is the source language of every message.
LANGUAGES = ("zh_CN", "en")
#: Environment variables naming the system language, in the order gettext reads them.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_language = "en"


def catalogue_path(language: str) -> Path:
    """Return the catalogue file of ``language``."""
    return resource_path("translations") / f"core_{language}.po"


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """Return zh_CN when the system language is any Chinese one, else English."""
    env = os.environ if environ is None else environ
    for name in LANGUAGE_VARIABLES:
        value = env.get(name, "")
        if value:
            first = value.split(":")[0].strip().lower()
            return "zh_CN" if first.startswith("zh") else "en"
    return "en"


def set_language(language: str) -> None:
    """Make ``tr`` speak ``language`` (one of LANGUAGES) from now on."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(tr("unknown language {language!r}", language=language))
    _language = language


def current_language() -> str:
    """Return the language ``tr`` speaks."""
    return _language


def tr(message: str, /, **fields: object) -> str:
    """Return ``message`` in the current language, with its ``{name}`` fields filled in."""
    text = message
    if _language != "en":
        text = read_catalogue(catalogue_path(_language)).get(message) or message
    return text.format(**fields) if fields else text


@cache
def read_catalogue(path: Path) -> dict[str, str]:
    """Return the msgid → msgstr pairs of a .po file (untranslated ones left out)."""
    if not path.exists():
        return {}
    return {msgid: msgstr for msgid, msgstr in read_po(path.read_text("utf-8")) if msgstr}


def read_po(text: str) -> Iterator[tuple[str, str]]:
    """Yield (msgid, msgstr) of each entry of a .po file's text, the header included."""
    entry: dict[str, str] = {}
    key = ""
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
            continue
        if line.startswith(("msgid ", "msgstr ")):
            key, _, quoted = line.partition(" ")
            if key == "msgid" and "msgstr" in entry:
                yield entry.get("msgid", ""), entry["msgstr"]
                entry = {}
            entry[key] = ast.literal_eval(quoted)
        elif not line or line.startswith("#"):
            key = ""
            if "msgstr" in entry:
                yield entry.get("msgid", ""), entry["msgstr"]
                entry = {}


def po_quote(text: str) -> str:
    """Return ``text`` as a .po string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped.replace(chr(9), chr(92) + "t")}"'


def core_messages(root: Path) -> dict[str, list[str]]:
    """Return every ``tr("literal")`` message in the core under ``root``, with its files."""
    found: dict[str, list[str]] = {}
    package = root / "desktop"
    for path in sorted(package.rglob("*.py")):
        if "gui" in path.relative_to(package).parts:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                # The file, not the line: the catalogue stays as it is while code moves.
                where = found.setdefault(node.args[0].value, [])
                if str(path.relative_to(root)) not in where:
                    where.append(str(path.relative_to(root)))
    return found


def update_catalogue(root: Path, language: str = "zh_CN") -> tuple[int, int]:
    """Rewrite the catalogue from the core's messages, keeping translations; return (new, gone)."""
    path = root / "resources" / "translations" / f"core_{language}.po"
    old = dict(read_po(path.read_text("utf-8"))) if path.exists() else {}
    messages = core_messages(root)
    entries = [
        "# Newsroom's core and command-line messages in Chinese (see desktop/i18n.py).",
        'msgid ""',
        'msgstr "Content-Type: text/plain; charset=UTF-8\\n"',
        "",
    ]
    for message in sorted(messages):
        entries += [f"#: {' '.join(messages[message])}"]
        entries += [f"msgid {po_quote(message)}", f"msgstr {po_quote(old.get(message, ''))}", ""]
    path.write_text("\n".join(entries), "utf-8")
    new = len([m for m in messages if not old.get(m)])
    gone = len([m for m in old if m and m not in messages])
    return new, gone


if __name__ == "__main__":  # pragma: no cover
    new, gone = update_catalogue(Path(__file__).resolve().parent.parent)
    print(tr("{new} message(s) to translate, {gone} removed", new=new, gone=gone), file=sys.stderr)
