"""Pastes of real clipboard HTML from Word and LibreOffice (``tests/real_inputs``).

Each capture is checked against the Word file it was copied from: what that file makes
bold or italic, its list items, its table cells and merged tables must come through.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.importing import html_to_markdown
from tests.perf.inputs_measure import expected_from_docx, measure

REAL_INPUTS = Path(__file__).resolve().parents[1] / "real_inputs"
WORD_FILES = REAL_INPUTS / "ckeditor4"
# Legacy Edge rewrote Word's HTML (lists become typed "1." paragraphs) before a page saw it;
# a desktop program reads Word's own clipboard, which the other captures show as it is.
CAPTURES = ("chrome.html", "firefox.html", "safari.html", "datatransfer.html")


def _captures() -> list[Path]:
    return sorted(
        capture
        for capture in WORD_FILES.rglob("*.html")
        if capture.name in CAPTURES and any(capture.parent.parent.glob("*.docx"))
    )


def _word_file(capture: Path) -> Path:
    return next(path for path in capture.parent.parent.glob("*.docx") if "~$" not in path.name)


@pytest.mark.parametrize("capture", _captures(), ids=lambda path: str(path.relative_to(WORD_FILES)))
def test_word_clipboard_keeps_what_the_word_file_has(capture: Path) -> None:
    markdown = html_to_markdown(capture.read_text(encoding="utf-8", errors="replace"))
    figures = measure(markdown, expected_from_docx(_word_file(capture)))
    for feature in ("bold", "italic", "lists", "tables", "merged", "links", "text"):
        kept, total = figures[feature]
        assert kept == total, (feature, kept, total, markdown[:2000])


def test_word_tables_with_merged_cells_paste_with_their_spans() -> None:
    # A user's table from a CKEditor bug report: a header cell over two columns, cells
    # merged down; Word 2013's clipboard, Chrome and Firefox.
    folder = WORD_FILES / "Tickets" / "6449Sample"
    for browser in ("chrome", "firefox"):
        html = (folder / "word2013" / f"{browser}.html").read_text(encoding="utf-8")
        markdown = html_to_markdown(html)
        assert "colspan=" in markdown or "rowspan=" in markdown, markdown
        assert measure(markdown, expected_from_docx(folder / "6449Sample.docx"))["merged"] == (
            1,
            1,
        )


def test_word_bold_runs_marked_bidi_normal_stay_bold() -> None:
    # Word 2013 writes every bold run as <b style='mso-bidi-font-weight:normal'>.
    html = (WORD_FILES / "Bold" / "word2013" / "chrome.html").read_text(encoding="utf-8")
    assert "mso-bidi-font-weight:normal" in html
    assert html_to_markdown(html) == "**This text is only bolded.**\n"


def test_libreoffice_bold_lead_in_keeps_its_opening_quote() -> None:
    # LibreOffice writes “<b>凝心聚力”。</b>: the quote pair was bold in the document.
    html = (REAL_INPUTS / "libreoffice" / "report.html").read_text(encoding="utf-8")
    assert '“<font face="ＭＳ 明朝"><b>凝心聚力”。</b>' in html
    markdown = html_to_markdown(html)
    assert "\n**“凝心聚力”。**会议要求，" in markdown
    assert "**一是抓学习。**会议要求，" in markdown


def test_quotes_around_bold_words_stay_plain() -> None:
    # Only a closing quote inside the bold run pulls its opening quote in.
    assert html_to_markdown("<p>他说“<b>好</b>”，又说“<b>是</b>。</p>") == (
        "他说“**好**”，又说“**是**。\n"
    )
    assert html_to_markdown("<p>《<i>工人日报</i>》报道：“<b>一线”</b>。</p>") == (
        "《*工人日报*》报道：**“一线”**。\n"
    )
