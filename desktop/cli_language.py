"""argparse's own words (``usage:``, "the following arguments are required"…) in our language.

argparse looks each of its messages up through its module-level ``_`` and ``ngettext`` (the
standard library's gettext, whose catalogues Newsroom does not install) at the moment it
builds a parser or writes a message. ``argparse_speaks`` puts ``desktop.i18n``'s catalogue in
their place while the ``newsroom`` command builds and uses its parser, and gives argparse its
own functions back afterwards, so nothing else in the process is changed. A message a newer
Python words differently is shown in English, as before.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from desktop.i18n import current_language, tr


@cache
def _words(language: str) -> dict[str, str]:
    """argparse's messages a user can meet, by their English text, in ``language``."""
    # ``language`` keys the cache: tr() speaks the current language, which it is.
    return {
        "usage: ": tr("usage: "),
        "positional arguments": tr("positional arguments"),
        "options": tr("options"),
        "optional arguments": tr("optional arguments"),
        "show this help message and exit": tr("show this help message and exit"),
        "%(prog)s: error: %(message)s\n": tr("%(prog)s: error: %(message)s\n"),
        "argument %(argument_name)s: %(message)s": tr("argument %(argument_name)s: %(message)s"),
        "the following arguments are required: %s": tr("the following arguments are required: %s"),
        "one of the arguments %s is required": tr("one of the arguments %s is required"),
        "unrecognized arguments: %s": tr("unrecognized arguments: %s"),
        "invalid choice: %(value)r (choose from %(choices)s)": tr(
            "invalid choice: %(value)r (choose from %(choices)s)"
        ),
        "invalid %(type)s value: %(value)r": tr("invalid %(type)s value: %(value)r"),
        "ambiguous option: %(option)s could match %(matches)s": tr(
            "ambiguous option: %(option)s could match %(matches)s"
        ),
        "expected one argument": tr("expected one argument"),
        "expected at most one argument": tr("expected at most one argument"),
        "expected at least one argument": tr("expected at least one argument"),
        "expected %s argument": tr("expected %s argument"),
        "expected %s arguments": tr("expected %s arguments"),
        "not allowed with argument %s": tr("not allowed with argument %s"),
        "ignored explicit argument %r": tr("ignored explicit argument %r"),
        "unknown parser %(parser_name)r (choices: %(choices)s)": tr(
            "unknown parser %(parser_name)r (choices: %(choices)s)"
        ),
        "can't open '%(filename)s': %(error)s": tr("can't open '%(filename)s': %(error)s"),
        "show program's version number and exit": tr("show program's version number and exit"),
    }


def translate(message: str) -> str:
    """Return one of argparse's messages in the language ``tr`` speaks (else as it is)."""
    return _words(current_language()).get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    """``ngettext`` for argparse: Chinese has one form, English two."""
    return translate(singular if count == 1 else plural)


@contextmanager
def argparse_speaks() -> Iterator[None]:
    """Let argparse write its own words in the current language inside the block."""
    module = argparse.__dict__
    saved: dict[str, Callable[..., str]] = {"_": module["_"], "ngettext": module["ngettext"]}
    module["_"] = translate
    module["ngettext"] = translate_plural
    try:
        yield
    finally:
        module.update(saved)
