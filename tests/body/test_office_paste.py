"""Pastes from office programs: symbol-font bullets, Quote styles, clipboard pictures."""

from __future__ import annotations

from pathlib import Path

from desktop.importing import html_to_markdown, pasted_picture_resolver
from desktop.pictures import add_picture
from desktop.store import Store
from tests.body.clipboard import MEDIA
from tests.pictures.images import photo


def test_symbol_font_bullets_become_list_items() -> None:
    # WPS writes the bullet as the Wingdings letter "l" with no list markup around it.
    html = (
        '<p class=MsoNormal style="margin-left:21pt;text-indent:-21pt"><span '
        'style="font-family:Wingdings;"><font face="Wingdings">l</font></span>'
        "<span>&nbsp;&nbsp;</span><span>走访困难职工</span></p>"
        "<p class=MsoNormal><span style='font-family:Symbol'>·&nbsp;</span>开展技能培训</p>"
        "<p class=MsoNormal>l 不是列表：字体不是符号字体</p>"
        "<p><span style='font-family:Wingdings'>l</span>&nbsp;第二个列表</p>"
    )
    assert html_to_markdown(html) == (
        "- 走访困难职工\n- 开展技能培训\n\nl 不是列表：字体不是符号字体\n\n- 第二个列表\n"
    )


def test_words_quote_styles_become_block_quotes() -> None:
    html = (
        "<p class=MsoNormal>会上强调：</p>"
        "<p class=MsoQuote><i>“工会是职工之家。”</i></p>"
        "<p class=MsoNormal>会议指出。</p>"
        "<p class=MsoIntenseQuote>要把职工冷暖放在心上。</p>"
        "<p class=MsoNormal>散会。</p>"
    )
    assert html_to_markdown(html) == (
        "会上强调：\n\n> *“工会是职工之家。”*\n\n会议指出。\n\n> 要把职工冷暖放在心上。\n\n散会。\n"
    )


def test_libreoffice_clipboard_pictures_are_kept(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "lu41923kq7x.tmp"
    folder.mkdir()
    (folder / "lu41923kq7y_tmp_8f3a.jpg").write_bytes(photo(400, 300))
    problems: list[str] = []
    resolver = pasted_picture_resolver(lambda data, name: add_picture(store, data, name), problems)
    html = f'<p>现场<img src="{(folder / "lu41923kq7y_tmp_8f3a.jpg").as_uri()}"></p>'
    markdown = html_to_markdown(html, resolver)
    assert MEDIA.search(markdown) and problems == []


def test_a_pasted_picture_whose_file_is_gone_is_named(store: Store, tmp_path: Path) -> None:
    gone = tmp_path / "Temp" / "msohtmlclip1" / "01" / "clip_image002.jpg"
    problems: list[str] = []
    resolver = pasted_picture_resolver(lambda data, name: add_picture(store, data, name), problems)
    markdown = html_to_markdown(f"<p>文字<img src='{gone.as_uri()}'>。</p>", resolver)
    assert markdown == "文字。\n"
    (problem,) = problems
    assert "clip_image002.jpg cannot be read" in problem and "insert the picture" in problem


def test_a_local_file_outside_a_clipboard_folder_is_still_not_read(tmp_path: Path) -> None:
    private = tmp_path / "私人" / "照片.jpg"
    problems: list[str] = []
    resolver = pasted_picture_resolver(lambda data, name: "media/x", problems)
    assert html_to_markdown(f"<p>文字<img src='{private.as_uri()}'></p>", resolver) == "文字\n"
    assert problems == []
