"""The export in the app: the options dialog, the runner off the GUI thread, the summary, the
gate, and one article copied as HTML or saved as one page."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from desktop.article import EXPORTABLE, Article, Status
from desktop.demo import open_store
from desktop.export import ExportError, ExportOptions, ExportPhase, ExportProgress, ExportSummary
from desktop.gui import export_runner
from desktop.gui.article_html import (
    copy_article_html,
    export_single_article,
    plain_text_of,
    single_article_file_name,
)
from desktop.gui.dialogs import Dialogs
from desktop.gui.export_dialog import ExportDialog, ExportSummaryDialog
from desktop.gui.export_runner import ExportRunner, export_site
from desktop.gui.i18n import install_translators, remove_translators
from desktop.pictures import add_picture, picture_bytes
from desktop.proofread.gate import ArticleFindings
from desktop.store import Store
from desktop.store.revisions import RevisionReason
from tests.gui.test_i18n import CJK, assert_no_english, shown_texts
from tests.proofread.helpers import id_number
from tests.review.helpers import sign_off

WAIT_MS = 30_000


ID = id_number("33010219800514002")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Store]:
    """The demo database, fresh for each test."""
    store = open_store(tmp_path / "demo.db", demo_if_new=True)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@dataclass
class Told:
    """What the app told the user through the ``Dialogs`` seam."""

    errors: list[tuple[str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Told:
    record = Told()
    monkeypatch.setattr(
        Dialogs, "show_error", classmethod(lambda cls, p, t, m: record.errors.append((t, m)))
    )
    monkeypatch.setattr(
        Dialogs, "show_info", classmethod(lambda cls, p, t, m: record.infos.append((t, m)))
    )
    return record


@pytest.fixture
def no_gate(monkeypatch: pytest.MonkeyPatch) -> list[list[ArticleFindings]]:
    """Answer the gate with "export anyway" and record what it was asked about."""
    asked: list[list[ArticleFindings]] = []

    def confirm(cls: type, parent: object, findings: list[ArticleFindings]) -> bool:
        asked.append(list(findings))
        return True

    monkeypatch.setattr(Dialogs, "confirm_export_gate", classmethod(confirm))
    return asked


def exported_ids(store: Store) -> list[int]:
    return [a.id for a in store.iter_articles(EXPORTABLE) if a.id is not None]


def bundle_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run(qtbot: Any, runner: ExportRunner, options: ExportOptions) -> ExportSummary:
    """Start an export and wait for its summary."""
    with qtbot.waitSignal(runner.finished, timeout=WAIT_MS) as blocker:
        assert runner.start(options)
    summary = blocker.args[0]
    assert isinstance(summary, ExportSummary)
    return summary


# The options dialog ---------------------------------------------------------------------------


def test_the_dialog_returns_options_and_remembers_them(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ExportDialog(settings)
    qtbot.addWidget(dialog)
    checked = {s for s, box in dialog.status_boxes.items() if box.isChecked()}
    assert checked == {Status.APPROVED, Status.PUBLISHED}
    assert dialog.folder_radio.isChecked() and not dialog.changed_only_box.isChecked()
    assert not dialog.traditional_box.isChecked()

    asked: list[tuple[bool, str]] = []

    def choose(cls: type, parent: object, as_zip: bool, start: str) -> str:
        asked.append((as_zip, start))
        return str(tmp_path / "site")

    monkeypatch.setattr(Dialogs, "choose_export_target", classmethod(choose))
    dialog.browse_button.click()
    assert asked and asked[0][0] is False
    assert dialog.target_edit.text() == str(tmp_path / "site")
    dialog.zip_radio.setChecked(True)  # switching keeps the name and swaps the suffix
    assert dialog.target_edit.text() == str(tmp_path / "site.zip")
    dialog.folder_radio.setChecked(True)
    assert dialog.target_edit.text() == str(tmp_path / "site")
    # Choosing a folder that holds other files means a folder of the site's own inside it.
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "report.docx").write_bytes(b"x")
    monkeypatch.setattr(
        Dialogs,
        "choose_export_target",
        classmethod(lambda c, p, z, s: str(tmp_path / "documents")),
    )
    dialog.browse_button.click()
    assert dialog.target_edit.text() == str(tmp_path / "documents" / "newsroom-site")
    dialog.target_edit.setText(str(tmp_path / "site"))
    dialog.status_boxes[Status.REVIEW].setChecked(True)
    dialog.changed_only_box.setChecked(True)
    dialog.traditional_box.setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.options == ExportOptions(
        target=tmp_path / "site",
        as_zip=False,
        statuses=(Status.REVIEW, Status.APPROVED, Status.PUBLISHED),
        changed_only=True,
        traditional=True,
    )

    again = ExportDialog(settings)
    qtbot.addWidget(again)
    assert again.target_edit.text() == str(tmp_path / "site")
    assert again.status_boxes[Status.REVIEW].isChecked()
    assert not again.status_boxes[Status.DRAFT].isChecked()
    assert again.changed_only_box.isChecked()
    assert again.traditional_box.isChecked()

    # The seam returns the options of an accepted dialog, None of a cancelled one.
    monkeypatch.setattr(ExportDialog, "exec", lambda self: (self.accept(), self.result())[1])
    options = Dialogs.ask_export_options(None, settings)
    assert options is not None and options.target == tmp_path / "site"
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert Dialogs.ask_export_options(None, settings) is None


def test_an_unusable_target_is_refused_before_any_work(
    qtbot: Any, settings: QSettings, tmp_path: Path
) -> None:
    foreign = tmp_path / "my documents"
    foreign.mkdir()
    (foreign / "report.docx").write_bytes(b"not ours")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    dialog = ExportDialog(settings)
    qtbot.addWidget(dialog)
    for text, as_zip in (
        (str(foreign), False),  # someone's files: never replaced
        (str(a_file), False),  # a file where a folder should be
        (str(a_file / "site"), False),  # cannot be created under a file
        (str(foreign), True),  # a folder where a zip should be
        ("", False),
    ):
        dialog.zip_radio.setChecked(as_zip)
        dialog.target_edit.setText(text)
        dialog.accept()
        assert dialog.result() != QDialog.DialogCode.Accepted, text
        assert dialog.options is None
        assert not dialog.error_label.isHidden() and dialog.error_label.text(), text
    assert (foreign / "report.docx").read_bytes() == b"not ours"
    assert a_file.read_text() == "mine"
    assert settings.value("export/target") is None  # nothing remembered from a refusal

    dialog.zip_radio.setChecked(False)
    dialog.target_edit.setText(str(tmp_path / "site"))
    for box in dialog.status_boxes.values():
        box.setChecked(False)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "status" in dialog.error_label.text()


# The runner -----------------------------------------------------------------------------------


def test_the_runner_exports_the_demo_in_a_thread_of_its_own(
    qtbot: Any, demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_gate: list
) -> None:
    opened: list[tuple[Store, int]] = []
    original_open = Store.open

    def spy(cls: type, path: Any, **kwargs: Any) -> Store:
        store = original_open(path, **kwargs)
        opened.append((store, threading.get_ident()))
        return store

    monkeypatch.setattr(Store, "open", classmethod(spy))
    target = tmp_path / "site"
    runner = ExportRunner(demo)
    reports: list[tuple[int, int, str]] = []
    runner.progress.connect(lambda done, total, text: reports.append((done, total, text)))
    summary = run(qtbot, runner, ExportOptions(target))

    assert (target / "index.html").is_file() and (target / "manifest.json").is_file()
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in manifest["articles"]} == set(exported_ids(demo))
    assert summary.articles == len(exported_ids(demo)) == 10
    assert summary.written == summary.files and summary.target == target
    assert reports and reports[-1][0] == reports[-1][1] > 0 and reports[-1][2] == "Done"
    assert any("Writing pages" in text for _d, _t, text in reports)
    # Its own connection, opened in the worker thread and closed before reporting.
    assert len(opened) == 1
    worker_store, thread_id = opened[0]
    assert thread_id != threading.get_ident()
    assert worker_store.database.is_closed()
    assert not runner.is_running() and runner.progress_dialog is None

    # A revision is kept of every exported article, and only when it changed.
    for article_id in exported_ids(demo):
        reasons = [r.reason for r in demo.revisions(article_id)]
        assert reasons.count(RevisionReason.EXPORT) == 1, (article_id, reasons)
    draft = next(a for a in demo.iter_articles([Status.DRAFT]))
    assert draft.id is not None and demo.revisions(draft.id) == []
    again = run(qtbot, ExportRunner(demo), ExportOptions(target))
    assert again.written == 0 and again.unchanged == again.files
    for article_id in exported_ids(demo):
        reasons = [r.reason for r in demo.revisions(article_id)]
        assert reasons.count(RevisionReason.EXPORT) == 1


def test_pictures_come_from_the_store_and_missing_ones_are_listed(
    qtbot: Any, demo: Store, tmp_path: Path, no_gate: list
) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 20, 20)).save(buffer, "PNG")
    picture = add_picture(demo, buffer.getvalue(), "photo.png")
    article = next(iter(demo.iter_articles([Status.PUBLISHED])))
    body = f"![现场](../../../{picture})\n\n![缺失](../../../media/missing.png)\n\n正文。\n"
    demo.save_article(replace(article, body=body))
    sign_off(demo, article.id)  # changed after approval: signed again
    target = tmp_path / "site.zip"
    summary = run(qtbot, ExportRunner(demo), ExportOptions(target, as_zip=True))
    assert target.is_file() and picture in summary.written_paths
    assert summary.missing_media == ("media/missing.png",)
    assert picture_bytes(demo, picture) is not None


def test_cancelling_keeps_the_previous_bundle(
    qtbot: Any, demo: Store, tmp_path: Path, told: Told, no_gate: list
) -> None:
    target = tmp_path / "site"
    run(qtbot, ExportRunner(demo), ExportOptions(target))
    before = bundle_files(target)
    article = next(iter(demo.iter_articles(EXPORTABLE)))
    demo.save_article(replace(article, title="改过的标题"))
    sign_off(demo, article.id)  # changed after approval: signed again

    runner = ExportRunner(demo)
    with qtbot.waitSignal(runner.cancelled, timeout=WAIT_MS):
        assert runner.start(ExportOptions(target))
        dialog = runner.progress_dialog
        assert dialog is not None and dialog.isVisible()
        cancel_button = dialog.findChild(QPushButton)
        assert cancel_button is not None
        cancel_button.click()  # the user's Cancel, before the worker reports anything
    assert bundle_files(target) == before
    assert not [p for p in tmp_path.iterdir() if ".newsroom-" in p.name]
    assert not runner.is_running()
    assert "previous export is unchanged" in ExportRunner.cancelled_text()


def test_a_failure_is_reported_and_the_previous_bundle_kept(
    qtbot: Any, demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_gate: list
) -> None:
    target = tmp_path / "site"
    run(qtbot, ExportRunner(demo), ExportOptions(target))
    before = bundle_files(target)

    def broken(store: Store, options: ExportOptions, cancel: Any = None) -> Iterator[Any]:
        yield ExportProgress(0, 0, ExportPhase.LOAD, "reading articles")
        raise ExportError("writing news/1.html failed: the disk is full")

    monkeypatch.setattr(export_runner, "export_bundle", broken)
    runner = ExportRunner(demo)
    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as blocker:
        runner.start(ExportOptions(target))
    message = blocker.args[0]
    assert message.startswith("The export did not finish; the previous export is unchanged.")
    assert "the disk is full" in message
    assert bundle_files(target) == before

    def crashing(store: Store, options: ExportOptions, cancel: Any = None) -> Iterator[Any]:
        raise KeyError("a bug")
        yield  # pragma: no cover

    monkeypatch.setattr(export_runner, "export_bundle", crashing)
    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as blocker:
        runner.start(ExportOptions(target))
    assert "KeyError" in blocker.args[0] and not runner.is_running()


def test_the_runner_refuses_a_bad_target_before_any_work(
    qtbot: Any, demo: Store, tmp_path: Path
) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("keep")
    runner = ExportRunner(demo)
    with qtbot.waitSignal(runner.failed, timeout=1000) as blocker:
        assert runner.start(ExportOptions(foreign)) is False
    assert "none of your files are replaced" in blocker.args[0]
    assert not runner.is_running() and runner.progress_dialog is None
    assert all(demo.revisions(i) == [] for i in exported_ids(demo))  # no revisions either
    assert [p.name for p in foreign.iterdir()] == ["keep.txt"]


# The gate -------------------------------------------------------------------------------------


def add_article_with_id_number(store: Store) -> Article:
    return store.add_article(
        Article(
            title="职工疗休养报名通知",
            body=f"报名人身份证号{ID}，请核对。\n",
            column="通知公告",
            status=Status.APPROVED,
            published_at=dt.datetime(2026, 5, 6, 9, 30),
        )
    )


def test_a_serious_problem_asks_and_the_override_shows_in_the_summary(
    qtbot: Any,
    demo: Store,
    tmp_path: Path,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    no_gate: list,
) -> None:
    risky = add_article_with_id_number(demo)
    target = tmp_path / "site"
    monkeypatch.setattr(
        Dialogs, "ask_export_options", classmethod(lambda cls, parent, s: ExportOptions(target))
    )
    shown: list[tuple[ExportSummary, list[ArticleFindings]]] = []
    monkeypatch.setattr(
        Dialogs,
        "present_export_summary",
        classmethod(lambda cls, parent, summary, overrides=(): shown.append((summary, overrides))),
    )
    runner = export_site(None, demo, settings)
    assert runner is not None
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)

    assert [[f.article.id for f in asked] for asked in no_gate] == [[risky.id]]
    assert f"#{risky.id} '职工疗休养报名通知'" in runner.override_note
    assert "exported as confirmed by the user" in runner.override_note
    summary, overrides = shown[0]
    assert (target / f"news/2026/05/{risky.id}.html").is_file()
    dialog = ExportSummaryDialog(summary, overrides)
    qtbot.addWidget(dialog)
    assert dialog.override_text is not None
    note = dialog.override_text.toPlainText()
    assert f"#{risky.id}" in note and "职工疗休养报名通知" in note and "1 serious" in note


def test_going_back_at_the_gate_exports_nothing(
    qtbot: Any, demo: Store, tmp_path: Path, told: Told, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_article_with_id_number(demo)
    asked: list[int] = []

    def go_back(cls: type, parent: object, findings: list[ArticleFindings]) -> bool:
        asked.append(len(findings))
        return False

    monkeypatch.setattr(Dialogs, "confirm_export_gate", classmethod(go_back))
    runner = ExportRunner(demo)
    with qtbot.waitSignal(runner.declined, timeout=WAIT_MS):
        runner.start(ExportOptions(tmp_path / "site"))
    assert asked == [1]
    assert not (tmp_path / "site").exists()
    assert all(demo.revisions(i) == [] for i in exported_ids(demo))
    assert told.errors == [] and told.infos == []


# The summary ----------------------------------------------------------------------------------


def make_summary(target: Path, as_zip: bool) -> ExportSummary:
    return ExportSummary(
        target=target,
        as_zip=as_zip,
        written=2,
        unchanged=30,
        removed=1,
        articles=10,
        files=33,
        bytes=123_456,
        written_paths=("index.html", "news/2026/05/3.html"),
        removed_paths=("news/2026/04/9.html",),
        missing_media=("media/gone.jpg",),
    )


@pytest.mark.parametrize("as_zip", [False, True])
def test_the_summary_opens_the_folder_and_copies_the_changed_files(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_zip: bool
) -> None:
    target = tmp_path / ("site.zip" if as_zip else "site")
    opened: list[Path] = []
    monkeypatch.setattr(
        ExportSummaryDialog, "open_folder", classmethod(lambda cls, p: opened.append(p) or True)
    )
    dialog = ExportSummaryDialog(make_summary(target, as_zip))
    qtbot.addWidget(dialog)
    assert dialog.counts["written"].text() == "2" and dialog.counts["removed"].text() == "1"
    assert dialog.target_label.text() == str(target)
    assert dialog.missing_text is not None
    assert dialog.missing_text.toPlainText() == "media/gone.jpg"
    assert dialog.override_text is None
    dialog.open_button.click()
    assert opened == [tmp_path if as_zip else target]
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines() == ["index.html", "news/2026/05/3.html"]


# One article ----------------------------------------------------------------------------------


def test_copy_html_puts_styled_html_and_readable_text_on_the_clipboard(
    qtbot: Any, demo: Store
) -> None:
    article = replace(
        next(iter(demo.iter_articles([Status.PUBLISHED]))),
        author="市总工会组宣部",
        body=(
            "**一是抓学习。**会议要求，全市突破300个站点。<script>alert(1)</script>\n\n"
            "- 第一项\n- 第二项\n\n"
            "| 项目 | 数量 |\n| --- | --- |\n| 站点 | 300 |\n"
        ),
    )
    clipboard = QGuiApplication.clipboard()
    copy_article_html(article, demo.site(), clipboard)
    data = clipboard.mimeData()
    assert data.hasHtml() and data.hasText()
    html = data.html()
    assert "<script" not in html.lower() and "alert(1)" not in html
    assert 'style="' in html and "<strong" in html and "class=" not in html
    text = data.text()
    assert "<" not in text and ">" not in text
    assert text.startswith("一是抓学习。会议要求，全市突破300个站点。")
    assert "\n\n• 第一项\n• 第二项\n\n" in text
    assert "项目\t数量\n站点\t300" in text
    assert text.rstrip().endswith("（市总工会组宣部）") or "市总工会组宣部" in text


def test_plain_text_numbers_lists_and_keeps_pre() -> None:
    html = "<ol><li>甲</li><li>乙</li></ol><pre>a  b\n c</pre><p>x<br>y &amp; z</p>"
    assert plain_text_of(html) == "1. 甲\n2. 乙\n\na  b\nc\n\nx\ny & z\n"


HOSTILE_TITLE = '../../etc/passwd <script>alert("x")</script> \\..\\CON'


def test_export_this_article_writes_one_self_contained_page(
    qtbot: Any, demo: Store, tmp_path: Path, told: Told, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = demo.add_article(
        Article(
            title=HOSTILE_TITLE,
            body="正文。\n",
            column="工会动态",
            status=Status.APPROVED,
            published_at=dt.datetime(2026, 5, 6, 9, 30),
        )
    )
    suggested: list[Path] = []

    def ask(cls: type, parent: object, path: Path) -> Path:
        suggested.append(path)
        return tmp_path / "out" / path.name

    def answer(path: Path | None) -> None:
        monkeypatch.setattr(Dialogs, "choose_article_html_path", classmethod(lambda c, p, s: path))

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(Dialogs, "choose_article_html_path", classmethod(ask))
    written = export_single_article(
        None, article, demo.site(), demo.columns(), None, folder=tmp_path
    )
    assert suggested == [tmp_path / f"2026-05-06-{article.id}.html"]
    assert written == tmp_path / "out" / f"2026-05-06-{article.id}.html"
    assert [p.name for p in (tmp_path / "out").iterdir()] == [written.name]  # no temp left
    page = written.read_text(encoding="utf-8")
    assert "<style>" in page and 'rel="stylesheet"' not in page
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert "passwd" in page  # the title is shown, escaped, but never used as a file name
    assert told.errors == []
    assert single_article_file_name(replace(article, id=None)) == "2026-05-06-draft.html"

    # A name without .html gets it; an unwritable place is reported, not raised.
    answer(tmp_path / "page")
    plain = export_single_article(None, article, demo.site(), demo.columns())
    assert plain == tmp_path / "page.html" and plain.is_file()
    missing = tmp_path / "no such folder" / "a.html"
    answer(missing)
    assert export_single_article(None, article, demo.site(), demo.columns()) is None
    assert told.errors and told.errors[0][0] == "Cannot export the article"
    assert str(missing) in told.errors[0][1]
    answer(None)
    assert export_single_article(None, article, demo.site(), []) is None


# Language ---------------------------------------------------------------------------------------


def test_the_export_windows_speak_chinese(
    qtbot: Any, qapp: QApplication, settings: QSettings, tmp_path: Path, demo: Store
) -> None:
    translators = install_translators(qapp, "zh_CN")
    try:
        dialog = ExportDialog(settings)
        qtbot.addWidget(dialog)
        dialog.target_edit.setText(str(tmp_path / "site"))
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / "x.txt").write_text("x")
        dialog.accept()
        texts = shown_texts(dialog)
        assert "导出网站" in dialog.windowTitle()
        assert CJK.search(dialog.error_label.text())
        assert_no_english(texts, "export dialog")

        findings = [
            ArticleFindings(add_article_with_id_number(demo), []),
        ]
        summary = ExportSummaryDialog(make_summary(tmp_path / "site.zip", True), findings)
        qtbot.addWidget(summary)
        texts = shown_texts(summary)
        assert "打开文件夹" in texts
        assert_no_english(texts, "export summary")

        runner = ExportRunner(demo)
        assert CJK.search(runner.step_text("render", "index.html"))
        assert CJK.search(ExportRunner.cancelled_text())
    finally:
        remove_translators(qapp, translators)
