"""Interface language: Newsroom's own translations and Qt's, following the system language.

English is the source language of every ``tr()`` string. The Chinese translation lives in
``resources/translations/newsroom_zh_CN.ts`` (edited by people, e.g. with
``.venv/bin/pyside6-linguist``) and is compiled into ``newsroom_zh_CN.qm`` next to it, which is
committed and shipped. Qt's own dialogs and buttons are translated by the ``qtbase`` and
``qtwebengine`` catalogues that come with PySide6.

After adding, changing or removing a ``tr()`` string under ``desktop/gui``, run from the
repository root::

    .venv/bin/pyside6-lupdate -no-obsolete -locations relative \
        $(find desktop/gui -name '*.py' | sort) -ts resources/translations/newsroom_zh_CN.ts
    # translate every message now marked type="unfinished" in the .ts, then:
    .venv/bin/pyside6-lrelease resources/translations/newsroom_zh_CN.ts \
        -qm resources/translations/newsroom_zh_CN.qm

``lupdate`` keeps every existing translation; ``-no-obsolete`` drops the strings that left the
sources. ``tests/gui/test_i18n.py`` fails when a string is untranslated or stale, when the
``.qm`` is not compiled from the committed ``.ts``, or when a window shows untranslated text.
lupdate only sees literal strings: write ``self.tr("literal")`` or
``QCoreApplication.translate("Context", "literal")`` (not an alias of ``translate``, not an
f-string), with ``%1`` replaced afterwards and ``self.tr("%n things", "", n)`` for plurals.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import i18n as core_i18n
from desktop.resources import resource_path

#: Languages the interface speaks; English is the source language of every string.
LANGUAGES = ("zh_CN", "en")


def choose_language(requested: str | None = None, system: QLocale | None = None) -> str:
    """Return ``requested`` if given, else zh_CN for any Chinese system locale, else English."""
    if requested:
        if requested not in LANGUAGES:
            raise ValueError(f"unknown interface language {requested!r}")
        return requested
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load and install the translators for ``language``; keep the returned list alive."""
    # The core's messages (import reasons, store errors…) speak the window's language too.
    core_i18n.set_language(language)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(language))
    installed = []
    ours = QTranslator(app)
    if ours.load(f"newsroom_{language}", str(resource_path("translations"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qtwebengine"):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", qt_folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Uninstall translators installed by ``install_translators``."""
    core_i18n.set_language("en")
    for translator in translators:
        app.removeTranslator(translator)
