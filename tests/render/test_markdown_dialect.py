"""The newsroom Markdown dialect: what authors type and what the page gets."""

from __future__ import annotations

import subprocess
import sys
import threading
from html.parser import HTMLParser

import pytest

from desktop.render.converter import EXTENSIONS, new_markdown
from desktop.render.markdown import render_body
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("text", "bold", "after"),
    [
        ("**“凝心聚力”。**全市各级工会", "“凝心聚力”。", "全市各级工会"),
        ("**一是抓学习。**市总工会党组", "一是抓学习。", "市总工会党组"),
        ("**加粗：**后文", "加粗：", "后文"),
        ("**（一）强化引领。**各级工会", "（一）强化引领。", "各级工会"),
        ("**“娘家人”！**职工", "“娘家人”！", "职工"),
    ],
)
def test_bold_lead_in_running_into_text_stays_bold(text: str, bold: str, after: str) -> None:
    assert render_body(text) == f"<p><strong>{bold}</strong>{after}</p>"


def test_bold_lead_in_mid_paragraph_and_several_per_paragraph() -> None:
    html = render_body("前文。**二是强服务。**新建站点38个，**三是优作风。**持续改进。")
    assert html.count("<strong>") == 2
    assert "<strong>二是强服务。</strong>新建站点38个" in html
    assert "**" not in html


def test_strikethrough_becomes_del() -> None:
    assert render_body("将~~继续~~持续深化") == "<p>将<del>继续</del>持续深化</p>"


def test_strikethrough_nests_and_skips_code() -> None:
    html = render_body("~~**旧**说法~~ `~~不是删除线~~`")
    assert "<del><strong>旧</strong>说法</del>" in html
    assert "<code>~~不是删除线~~</code>" in html


def test_lone_tildes_are_text() -> None:
    assert render_body("温度5~10℃，~~ 不成对") == "<p>温度5~10℃，~~ 不成对</p>"


def test_headings_move_down_one_level() -> None:
    html = render_body("# 一级\n\n## 二级\n\n##### 五级\n\n###### 六级")
    assert "<h1" not in html
    assert "<h2>一级</h2>" in html
    assert "<h3>二级</h3>" in html
    assert "<h6>五级</h6>" in html
    assert "<h6>六级</h6>" in html


def test_raw_h1_is_unwrapped_not_kept() -> None:
    html = render_body("<h1>标题党</h1>\n\n正文")
    assert "<h1" not in html
    assert "标题党" in html


def test_table_with_alignment_uses_no_style() -> None:
    html = render_body("| 项目 | 人数 |\n|:--:|--:|\n| 竞赛 | 300 |\n")
    assert '<th align="center">项目</th>' in html
    assert '<td align="right">300</td>' in html
    assert "style" not in html


def test_lists_ordered_unordered_and_start() -> None:
    html = render_body("- 甲\n- 乙\n\n3. 丙\n4. 丁\n")
    assert "<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>" in html
    assert '<ol start="3">' in html


def test_footnotes_keep_their_links_and_chinese_backlink_title() -> None:
    html = render_body("正文[^1]。\n\n[^1]: 注释内容。\n")
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1"' in html
    assert '<div class="footnote">' in html
    assert '<li id="fn:1">' in html
    assert 'class="footnote-backref" href="#fnref:1" title="返回正文第 1 处"' in html


def test_attr_list_on_images_keeps_sizes_drops_the_rest() -> None:
    html = render_body('![现场](a.jpg){: width=600 height="400" title="竞赛" onclick="x" #i .c}')
    assert html == '<p><img alt="现场" height="400" src="a.jpg" title="竞赛" width="600"></p>'


def test_attr_list_class_allow_list_on_paragraphs() -> None:
    html = render_body("（2024年5月6日）\n{: .text-right .evil}")
    assert html == '<p class="text-right">（2024年5月6日）</p>'


def test_md_in_html_figure_with_caption() -> None:
    text = '<figure markdown="1">\n![图](p.jpg)\n<figcaption>图为活动现场</figcaption>\n</figure>'
    html = render_body(text)
    assert '<img alt="图" src="p.jpg">' in html
    assert "<figcaption>图为活动现场</figcaption>" in html
    assert "markdown=" not in html


def test_output_is_sanitised() -> None:
    html = render_body('<script>alert(1)</script>[x](javascript:alert(1))<img src=x onerror="a()">')
    assert "script" not in html
    assert "javascript" not in html
    assert "onerror" not in html


def test_extensions_are_the_documented_dialect() -> None:
    assert EXTENSIONS == ["extra", "sane_lists"]


def test_converters_are_independent_between_threads() -> None:
    """Each job gets its own converter, so parallel renders do not mix footnotes or state."""
    results: dict[int, str] = {}

    def job(n: int) -> None:
        results[n] = render_body(f"第{n}篇[^a]。\n\n[^a]: 注{n}。")

    threads = [threading.Thread(target=job, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n, html in results.items():
        assert f"注{n}。" in html
        assert html.count('<li id="fn:a">') == 1
    assert new_markdown() is not new_markdown()


def test_output_is_well_formed_fragment() -> None:
    void = {"br", "hr", "img"}

    class Depth(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in void:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack and self.stack[-1] == tag, (self.stack, tag)
            self.stack.pop()

    parser = Depth()
    parser.feed(render_body("**未闭合的加粗\n\n<div>未闭合\n\n- 列表"))
    parser.close()
    assert parser.stack == []


def test_a_converter_is_built_without_reading_the_installed_packages() -> None:
    # Extensions given by name are looked up among every package's entry points, which a
    # process rendering one page paid in full; ours are built from their classes.
    code = (
        "import sys\n"
        "from desktop.render.markdown import render_body\n"
        "html = render_body('**一是抓学习。**正文\\n\\n| a |\\n|-|\\n| 1 |\\n\\n'\n"
        "                   '注[^1]\\n\\n[^1]: 注。')\n"
        "print('<table>' in html, 'fn:1' in html, 'importlib.metadata' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["True", "True", "False"], result.stderr


def test_a_plain_body_is_rendered_without_python_markdown() -> None:
    # A re-export rendering one plain page pays nothing for the converter's import; the first
    # body that is not plain imports it and gets the dialect's HTML all the same.
    code = (
        "import sys\n"
        "from desktop.render.markdown import render_body\n"
        "plain = render_body('**一是抓学习。**正文\\n\\n- 一\\n- 二\\n')\n"
        "before = 'markdown' in sys.modules\n"
        "table = render_body('| a |\\n|-|\\n| 1 |\\n')\n"
        "print(before, '<strong>' in plain, '<table>' in table, 'markdown' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["False", "True", "True", "True"], result.stderr
