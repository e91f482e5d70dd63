"""The preview replaces only the body's changed blocks, and the page it then shows is the one
a whole load of the same render shows (markup, text, scroll position)."""

from __future__ import annotations

import html

from desktop.render.body_blocks import body_blocks, body_patch
from desktop.render.page import render_article_page
from tests.gui.test_preview import (
    COLUMNS,
    SITE,
    long_body,
    make_article,
    page_text,
    pane,
    run_js,
    show,
)

__all__ = ["pane"]  # the fixture, shared with the preview's other tests

MAIN_MARKUP = 'document.querySelector("main").innerHTML'


def _edits(body: str) -> list[str]:
    """Bodies a user gets to one after another: type at the end, in the middle, at the start,
    split a paragraph, delete one, make a list, then take a paragraph's bold away."""
    paragraphs = body.strip().split("\n\n")
    middle = len(paragraphs) // 2
    steps = []
    paragraphs[-1] += "字"
    steps.append(list(paragraphs))
    paragraphs[middle] = paragraphs[middle].replace("调研", "调研走访")
    steps.append(list(paragraphs))
    paragraphs[0] = "新的开头。" + paragraphs[0]
    steps.append(list(paragraphs))
    head, tail = paragraphs[middle][:20], paragraphs[middle][20:]
    paragraphs[middle : middle + 1] = [head, tail]
    steps.append(list(paragraphs))
    del paragraphs[middle + 3]
    steps.append(list(paragraphs))
    paragraphs[5:5] = ["- 第一项<要求>", "- 第二项 & 说明"]
    steps.append(list(paragraphs))
    paragraphs[8] = paragraphs[8].replace("**", "")
    steps.append(list(paragraphs))
    return ["\n\n".join(step) + "\n" for step in steps]


def test_typing_in_a_long_body_patches_its_blocks_and_shows_what_a_load_shows(qtbot, pane):
    article = make_article(body=long_body(60_000))
    show(qtbot, pane, article)
    assert pane.last_update == "load"
    run_js(qtbot, pane, "window.scrollTo(0, 1500)")
    qtbot.waitUntil(lambda: pane.web_page.scrollPosition().y() == 1500, timeout=15_000)
    for body in _edits(article.body):
        article.body = body
        show(qtbot, pane, article)
        assert pane.last_update == "patch"
        # A paragraph or two went to the page, not the whole body.
        assert pane.last_patch_chars < 5_000  # none at all for a deleted paragraph
    patched = run_js(qtbot, pane, MAIN_MARKUP)
    text = page_text(qtbot, pane)
    assert "调研走访" in text and "第二项 & 说明" in text and "第一项<要求>" in text
    # The reader keeps her place: the page stays where it was, or follows the paragraph she
    # was reading down when lines were added above it (the browser's scroll anchoring).
    assert 1500 <= run_js(qtbot, pane, "window.scrollY") < 2500

    pane._shown = None  # forget what is on screen: the same render is loaded whole
    show(qtbot, pane, article)
    assert pane.last_update == "load"
    assert run_js(qtbot, pane, MAIN_MARKUP) == patched
    assert page_text(qtbot, pane) == text


def test_a_change_outside_the_body_sends_the_whole_main(qtbot, pane):
    article = make_article(body=long_body(20_000))
    show(qtbot, pane, article)
    article.author = "市总工会办公室"  # the byline, after the body
    show(qtbot, pane, article)
    assert pane.last_update == "patch"
    assert pane.last_patch_chars > 20_000
    assert "（市总工会办公室）" in page_text(qtbot, pane)


def test_body_blocks_rebuild_the_rendered_main_exactly():
    article = make_article(
        body=long_body(8_000) + "\n\n> 引用\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n"
    )
    page = render_article_page(article, SITE, COLUMNS)
    main = page[page.index("<main") : page.rindex("</main>")]
    main = main[main.index(">") + 1 :]
    cut = body_blocks(main)
    assert cut is not None
    assert cut.head + "".join(cut.blocks) + cut.tail == main
    assert len(cut.blocks) > 20
    changed = body_blocks(main.replace("第7段。", html.escape("第7段<改>。")))
    assert changed is not None
    patch = body_patch(cut, changed)
    assert patch is not None
    assert (patch.start, patch.end) == (6, 7)
    assert "第7段&lt;改&gt;。" in patch.html
