"""Translations: the committed .ts/.qm are complete and current, and every window speaks them.

Modelled on novelWriter's ``tests/test_i18n.py``: the interface is built and every dialog opened
in each language, and every text a user can see is checked to be in that language.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableWidget,
    QToolBar,
    QWidget,
)

from desktop import __version__
from desktop.cli import build_parser
from desktop.demo import open_store
from desktop.gui import dialogs
from desktop.gui.dialogs import Dialogs, SaveChoice, delete_box, save_changes_box
from desktop.gui.i18n import LANGUAGES, choose_language, install_translators, remove_translators
from desktop.gui.main_window import MainWindow
from desktop.gui.site_dialog import SiteDialog
from desktop.store import Store
from tests.conftest import REPO
from tests.gui.conftest import dispose

TRANSLATIONS = REPO / "resources" / "translations"
TS = TRANSLATIONS / "newsroom_zh_CN.ts"
QM = TRANSLATIONS / "newsroom_zh_CN.qm"
GUI = REPO / "desktop" / "gui"
REGENERATE = "see the docstring of desktop/gui/i18n.py for the regeneration command"

#: %1, %n, %Ln and {name} placeholders, which a translation must keep.
PLACEHOLDER = re.compile(r"%L?n|%\d+|\{\w+\}")
#: An accelerator such as the F in "&File" (but not a literal "&&").
ACCELERATOR = re.compile(r"(?<!&)&(?!&)\w")
#: Half-width punctuation right after a Chinese character: it should be full-width.
HALF_WIDTH_AFTER_CJK = re.compile(r"[\u4e00-\u9fff][,.:;!?()]")
#: The accelerator of a Chinese menu entry, "文件(&F)": half-width by convention.
CHINESE_ACCELERATOR = re.compile(r"\(&\w\)")
CJK = re.compile(r"[\u4e00-\u9fff]")


# The translation files ----------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    kind: str  # the translation's type attribute: "", "unfinished", "vanished" or "obsolete"
    forms: tuple[str, ...]  # the translation, or every numerus form of it


def read_ts(path: Path) -> dict[tuple[str, str, str], Message]:
    """Return the messages of a .ts file by (context, source, comment)."""
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            translation = element.find("translation")
            assert translation is not None
            numerus = translation.findall("numerusform")
            forms = tuple(f.text or "" for f in numerus) if numerus else (translation.text or "",)
            message = Message(
                context=name,
                source=element.findtext("source") or "",
                comment=element.findtext("comment") or "",
                kind=translation.get("type", ""),
                forms=forms,
            )
            messages[(message.context, message.source, message.comment)] = message
    return messages


def qt_tool(name: str) -> str | None:
    """Return the path of a PySide6 tool next to this Python, or on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def test_every_message_is_translated() -> None:
    problems = []
    for message in read_ts(TS).values():
        where = f"{message.context}: {message.source!r}"
        if message.kind:
            problems.append(f"{where} is {message.kind}")
        for form in message.forms:
            if not form.strip():
                problems.append(f"{where} has an empty translation")
            elif sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(message.source)):
                problems.append(f"{where}: {form!r} does not keep the placeholders")
            elif ACCELERATOR.search(message.source) and not ACCELERATOR.search(form):
                problems.append(f"{where}: {form!r} lost the accelerator")
            elif HALF_WIDTH_AFTER_CJK.search(CHINESE_ACCELERATOR.sub("", form)):
                problems.append(f"{where}: {form!r} has half-width punctuation in Chinese")
    assert not problems, "\n".join(problems)


def test_numerus_messages_have_the_chinese_form() -> None:
    numerus = [m for m in read_ts(TS).values() if "%n" in m.source or "%Ln" in m.source]
    assert numerus, "the .ts should hold the plural messages (%n characters, …)"
    for message in numerus:
        assert len(message.forms) == 1, message  # Chinese has one plural form


def _run_lupdate(tmp_path: Path) -> dict[tuple[str, str, str], Message]:
    lupdate = qt_tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed, so the sources cannot be scanned")
    sources = sorted(str(p.relative_to(REPO)) for p in GUI.rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    result = subprocess.run(
        [lupdate, "-no-obsolete", *sources, "-ts", str(fresh)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return read_ts(fresh)


def test_ts_holds_every_string_of_the_sources(tmp_path: Path) -> None:
    """A tr() string added without a translation fails here, with the list of what is missing."""
    committed = read_ts(TS)
    missing = [
        f"{context}: {source!r}" + (f" ({comment})" if comment else "")
        for (context, source, comment) in _run_lupdate(tmp_path)
        if (context, source, comment) not in committed
    ]
    assert not missing, f"untranslated strings ({REGENERATE}):\n" + "\n".join(missing)


def test_ts_holds_no_string_the_sources_dropped(tmp_path: Path) -> None:
    fresh = _run_lupdate(tmp_path)
    stale = [f"{c}: {s!r}" for (c, s, m) in read_ts(TS) if (c, s, m) not in fresh]
    assert not stale, f"strings no longer in the sources ({REGENERATE}):\n" + "\n".join(stale)


def test_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    lrelease = qt_tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed, so the .qm cannot be rebuilt")
    rebuilt = tmp_path / "rebuilt.qm"
    result = subprocess.run(
        [lrelease, str(TS), "-qm", str(rebuilt)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert rebuilt.read_bytes() == QM.read_bytes(), f"the .qm is out of date ({REGENERATE})"


# Choosing the language ------------------------------------------------------------------------


@pytest.mark.parametrize("requested", LANGUAGES)
@pytest.mark.parametrize("system", ["zh_CN", "en_US", "de_DE"])
def test_an_explicit_language_wins_over_the_system(requested: str, system: str) -> None:
    assert choose_language(requested, QLocale(system)) == requested


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_TW", "zh_CN"),
        ("zh_HK", "zh_CN"),
        ("en_US", "en"),
        ("en_GB", "en"),
        ("de_DE", "en"),
        ("ja_JP", "en"),
    ],
)
def test_the_system_locale_picks_the_language(system: str, expected: str) -> None:
    assert choose_language(None, QLocale(system)) == expected
    assert choose_language("", QLocale(system)) == expected


@pytest.mark.parametrize("requested", ["fr", "zh", "zh_TW", "EN"])
def test_an_unknown_language_is_refused(requested: str) -> None:
    with pytest.raises(ValueError, match="unknown interface language"):
        choose_language(requested)


def test_the_lang_option() -> None:
    parser = build_parser()
    assert parser.parse_args(["--lang", "en"]).lang == "en"
    assert parser.parse_args(["--lang", "zh_CN"]).lang == "zh_CN"
    assert parser.parse_args([]).lang is None
    with pytest.raises(SystemExit):
        parser.parse_args(["--lang", "fr"])


# The window in each language --------------------------------------------------------------------

#: What the interface must show, in each language (English is the source text).
EXPECTED: dict[str, dict[str, list[str]]] = {
    "en": {
        "menus": ["&File", "&Edit", "F&ormat", "&View", "&Review", "&Tools", "&Help"],
        "headers": ["Title", "Column", "Status", "Published", "Updated"],
        "form": [
            "Kicker",
            "Column",
            "Title",
            "Subtitle",
            "Author",
            "Source",
            "Published",
            "Status",
            "Keywords",
            "Cover",
            "Summary",
        ],
        "statuses": ["Draft", "In review", "Approved", "Published"],
        "preview": ["Desktop", "Phone"],
        "file": [
            "&New article",
            "&Duplicate article",
            "&Save",
            "&Import articles…",
            "Move to &trash…",
            "T&rash…",
            "&Back up now",
            "Restore from a backup…",
            "Connect to a ser&ver…",
            "Use a &local file…",
            "&Export website…",
            "&Upload to server…",
            "Copy article &HTML",
            "Export this &article…",
            "&Print…",
            "Save as PD&F…",
            "Site se&ttings…",
            "&Quit",
        ],
        "site": ["Site settings", "Header and footer", "Add column", "Move up", "Move down"],
        "find": ["Previous", "Next", "Replace", "Replace all", "Match case"],
    },
    "zh_CN": {
        "menus": [
            "文件(&F)",
            "编辑(&E)",
            "格式(&O)",
            "视图(&V)",
            "审核(&R)",
            "工具(&T)",
            "帮助(&H)",
        ],
        "headers": ["标题", "栏目", "状态", "发布时间", "修改时间"],
        "form": [
            "引题",
            "栏目",
            "标题",
            "副标题",
            "作者",
            "来源",
            "发布时间",
            "状态",
            "关键词",
            "标题图",
            "摘要",
        ],
        "statuses": ["草稿", "待审核", "已审核", "已发布"],
        "preview": ["电脑", "手机"],
        "file": [
            "新建稿件(&N)",
            "创建副本(&D)",
            "保存(&S)",
            "导入稿件(&I)…",
            "移到回收站(&T)…",
            "回收站(&R)…",
            "立即备份(&B)",
            "从备份恢复…",
            "连接服务器(&V)…",
            "使用本机数据库文件(&L)…",
            "导出网站(&E)…",
            "上传到服务器(&U)…",
            "复制稿件 HTML(&H)",
            "导出本篇稿件(&A)…",
            "打印(&P)…",
            "另存为 PDF(&F)…",
            "网站设置(&W)…",
            "退出(&Q)",
        ],
        "site": ["网站设置", "页头和页脚", "添加栏目", "上移", "下移"],
        "find": ["上一个", "下一个", "替换", "全部替换", "区分大小写"],
    },
}


def english_sources() -> set[str]:
    """Every English source text that has a different translation, with and without its '&'."""
    texts = set()
    for message in read_ts(TS).values():
        if any(form != message.source for form in message.forms) and "%" not in message.source:
            texts.add(message.source)
            texts.add(message.source.replace("&", ""))
    return texts


def shown_texts(root: QWidget) -> list[str]:
    """Every text a user can see on ``root`` and its children (hidden ones included)."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.windowTitle(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
            line = widget.lineEdit()
            if line is not None:
                texts.append(line.placeholderText())
        if isinstance(widget, QMessageBox):
            texts += [widget.text(), widget.informativeText()]
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(column)
                texts.append(item.text() if item is not None else "")
        for action in widget.actions():
            texts += [action.text(), action.toolTip(), action.iconText()]
    return [text for text in texts if text]


def assert_no_english(texts: list[str], where: str) -> None:
    untranslated = sorted(set(texts) & english_sources())
    assert not untranslated, f"English left in the Chinese {where}: {untranslated}"


def test_the_chinese_interface_loads_its_own_and_qts_translations(qapp: QApplication) -> None:
    translators = install_translators(qapp, "zh_CN")
    try:
        loaded = {Path(t.filePath()).name for t in translators}
        assert {"newsroom_zh_CN.qm", "qtbase_zh_CN.qm"} <= loaded, loaded
    finally:
        remove_translators(qapp, translators)


@dataclass
class Asked:
    """The texts of the window's questions, which tests answer without a modal loop."""

    infos: list[tuple[str, str]]
    errors: list[tuple[str, str]]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    record = Asked(infos=[], errors=[])
    monkeypatch.setattr(
        Dialogs, "ask_save_changes", classmethod(lambda cls, p, t: SaveChoice.DISCARD)
    )
    monkeypatch.setattr(Dialogs, "confirm_delete", classmethod(lambda cls, p, t: False))
    monkeypatch.setattr(
        Dialogs, "show_info", classmethod(lambda cls, p, t, m: record.infos.append((t, m)))
    )
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: record.errors.append((t, m)))
    )
    return record


@pytest.fixture
def window(
    qtbot, language: str, db_path: Path, tmp_path: Path, asked: Asked
) -> Iterator[MainWindow]:
    """The real main window on a demo database, built after the language is installed."""
    store: Store = open_store(db_path, demo_if_new=True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.session.current is not None)
    try:
        yield main
    finally:
        main.session.forget_changes()
        dispose(qtbot, main)
        store.close()


def check_language(language: str, texts: list[str], where: str) -> None:
    """zh_CN: Chinese everywhere our strings are; en: nothing to add to the exact checks."""
    if language == "zh_CN":
        assert_no_english(texts, where)


def test_the_main_window_speaks_the_language(window: MainWindow, language: str, qtbot) -> None:
    expected = EXPECTED[language]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == expected["menus"]
    model = window.list_pane.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == expected["headers"]
    form = window.editor.form
    assert [label.text() for label in form.findChildren(QLabel)] == expected["form"]
    statuses = [form.status.itemText(i) for i in range(form.status.count())]
    assert statuses == expected["statuses"]
    list_statuses = window.list_pane.status_combo
    assert [list_statuses.itemText(i) for i in range(1, 5)] == expected["statuses"]
    preview_bar = window.preview.findChildren(QToolBar)[0]
    assert [a.text() for a in preview_bar.actions() if a.text()] == expected["preview"]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert [a.text() for a in file_menu.actions() if a.text()] == expected["file"]

    count = window.list_pane.count_label
    qtbot.waitUntil(lambda: not count.text().endswith("…"))
    words, saved = window.words_label.text(), window.save_label.text()
    if language == "zh_CN":
        assert re.fullmatch(r"字数：\d+", words), words
        assert saved == "已保存"
        assert re.fullmatch(r"共 \d+ 篇", count.text()), count.text()
        assert window.windowTitle().endswith("— 新闻编辑室")
        assert window.editor.actions_by_name["bold"].text() == "加粗"
        assert window.editor.actions_by_name["source"].text() == "Markdown 源码"
        assert window.list_pane.status_combo.itemText(0) == "全部状态"
        window.session.edited()
        assert window.save_label.text() == "未保存的修改"
        window.session.forget_changes()
    else:
        assert re.fullmatch(r"\d+ characters?", words), words
        assert saved == "Saved"
        assert re.fullmatch(r"Articles: [\d,]+", count.text()), count.text()
        assert window.windowTitle().endswith("— Newsroom")
        assert window.editor.actions_by_name["bold"].text() == "Bold"
    check_language(language, shown_texts(window), "main window")


def test_the_site_dialog_speaks_the_language(window: MainWindow, language: str, qtbot) -> None:
    dialog = SiteDialog(window.site, window.columns, window)
    qtbot.addWidget(dialog)
    dialog.show()
    expected = EXPECTED[language]
    shown = shown_texts(dialog)
    for text in expected["site"]:
        assert text in shown, (text, shown)
    header = dialog.columns_table.horizontalHeaderItem(0)
    assert header is not None
    buttons = [b.text() for b in dialog.findChildren(QAbstractButton)]
    if language == "zh_CN":
        assert header.text() == "名称"
        assert "确定" in buttons and "取消" in buttons  # Qt's own buttons, from qtbase_zh_CN
        assert "ICP 备案号" in shown and "主办单位" in shown
    else:
        assert header.text() == "Name"
        assert "OK" in [b.replace("&", "") for b in buttons]
        assert "ICP registration number" in shown
    check_language(language, shown, "site dialog")
    dialog.close()


def test_the_questions_speak_the_language(window: MainWindow, language: str, qtbot) -> None:
    save = save_changes_box(window, "全市职工技能大赛圆满落幕")
    delete = delete_box(window, "全市职工技能大赛圆满落幕")
    for box in (save, delete):
        qtbot.addWidget(box)
    save_text = save.button(QMessageBox.StandardButton.Save).text()
    cancel_text = save.button(QMessageBox.StandardButton.Cancel).text()
    yes_text = delete.button(QMessageBox.StandardButton.Yes).text()
    if language == "zh_CN":
        assert "保存" in save_text and "取消" in cancel_text and "是" in yes_text
        assert save.windowTitle() == "未保存的修改"
        assert save.text() == "“全市职工技能大赛圆满落幕”有尚未保存的修改。"
        assert delete.windowTitle() == "移到回收站"
        assert "回收站" in delete.text()
    else:
        assert "Save" in save_text and "Cancel" in cancel_text and "Yes" in yes_text
        assert save.windowTitle() == "Unsaved changes"
        assert delete.text().startswith("Move “全市职工技能大赛圆满落幕” to the trash?")
    for box, where in ((save, "save question"), (delete, "delete question")):
        check_language(language, shown_texts(box), where)


def test_the_find_bar_speaks_the_language(window: MainWindow, language: str, qtbot) -> None:
    bar = window.editor.find_bar
    window.editor.actions_by_name["replace"].trigger()
    qtbot.waitUntil(bar.isVisible)
    shown = shown_texts(bar)
    for text in EXPECTED[language]["find"]:
        assert text in shown, (text, shown)
    bar.find_edit.setText("这段文字不会出现在示例稿件里")
    bar.find_next()
    assert bar.message.text() == ("未找到" if language == "zh_CN" else "Not found")
    check_language(language, shown_texts(bar), "find bar")
    bar.hide_bar()


def test_the_input_dialogs_and_about_speak_the_language(
    window: MainWindow, language: str, asked: Asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link and table questions are static QInputDialog calls in the seam: recorded here."""
    questions: list[tuple[str, str]] = []

    class Recorder:
        @staticmethod
        def getText(parent, title, label, *args):
            questions.append((title, label))
            return "", False

        @staticmethod
        def getInt(parent, title, label, *args):
            questions.append((title, label))
            return 0, False

    monkeypatch.setattr(dialogs, "QInputDialog", Recorder)
    window.editor.insert_link()
    window.editor.insert_table()
    window.about_action.trigger()
    window.editor.form.title_edit.clear()
    window.session.save()
    if language == "zh_CN":
        assert questions == [("插入链接", "网址："), ("插入表格", "行数：")]
        assert asked.infos == [
            ("关于新闻编辑室", f"新闻编辑室 {__version__}\n编写、校对和导出本单位新闻网站的稿件。")
        ]
        assert asked.errors == [("无法保存", "请先填写稿件标题。")]
    else:
        assert questions == [("Insert link", "Web address:"), ("Insert table", "Rows:")]
        assert asked.infos[0][0] == "About Newsroom"
        assert asked.infos[0][1].startswith(f"Newsroom {__version__}\n")
        assert asked.errors == [("Cannot save", "The article needs a title.")]
    texts = [t for pair in questions + asked.infos + asked.errors for t in pair]
    check_language(language, texts, "input dialogs and messages")
    if language == "zh_CN":
        assert all(CJK.search(text) for text in texts), texts


def test_the_table_menu_speaks_the_language(window: MainWindow, language: str) -> None:
    actions = window.editor.actions_by_name
    names = ["table_insert", "row_insert", "column_insert", "row_remove", "column_remove"]
    texts = [actions[name].text() for name in names]
    if language == "zh_CN":
        assert texts == ["插入表格…", "在下方插入行", "在右侧插入列", "删除行", "删除列"]
    else:
        assert texts == [
            "Insert table…",
            "Insert row below",
            "Insert column right",
            "Remove row",
            "Remove column",
        ]
