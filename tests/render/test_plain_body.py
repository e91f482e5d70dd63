"""Plain bodies: the fast renderer gives Python-Markdown's HTML, byte for byte, or declines.

Every body the gate accepts is rendered both ways and compared before the sanitiser; the
inputs are the benchmark's generated articles, the demo articles, the rendering tests'
samples, real Chinese prose, and generated bodies made of the characters and line starts
that mean something to Markdown, so that the gate and the renderer are attacked at their
edges.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import desktop.render.body_cache as body_cache
import desktop.render.markdown as markdown_module
from desktop.article import Article, Column
from desktop.article_file import read_article_file
from desktop.render.body_cache import body_renderer_version, renderer_version_of
from desktop.render.markdown import markdown_html, render_body
from desktop.render.page import CSP, render_article_page
from desktop.render.page_check import page_problems
from desktop.render.plain_body import plain_body_html
from desktop.render.sanitise import sanitise_html, url_allowed
from desktop.site import Site
from tests.perf.bench_export import with_list
from tests.perf.bench_render import sample_body
from tests.perf.corpus import articles
from tests.render import render_samples
from tests.render.xss_corpus import CORPUS as XSS_CORPUS

REPO = Path(__file__).resolve().parents[2]
ZH_CORPUS = REPO / "tests" / "perf" / "zh_corpus"


def assert_same_as_markdown(text: str) -> bool:
    """Check a body the gate accepts against Python-Markdown; return whether it was accepted."""
    fast = plain_body_html(text)
    if fast is None:
        return False
    assert fast == markdown_html(text), text
    # render_body does not sanitise it: the sanitiser must leave it as it is
    assert sanitise_html(fast) == fast, text
    assert render_body(text) == sanitise_html(markdown_html(text)), text
    return True


# --- real and realistic bodies -----------------------------------------------------------


def test_the_benchmark_articles_are_plain_and_rendered_as_markdown_does() -> None:
    bodies = [with_list(article).body for article in articles(150, body_chars=3000)]
    assert all(assert_same_as_markdown(body) for body in bodies)
    # the render benchmark's body has a table: never plain, rendered by Python-Markdown
    assert plain_body_html(sample_body()) is None


def test_the_demo_articles_that_are_plain_render_as_markdown_does() -> None:
    paths = sorted((REPO / "resources" / "samples" / "articles").glob("*.md"))
    plain = [assert_same_as_markdown(read_article_file(path).body) for path in paths]
    assert len(paths) >= 10
    # most demo articles are plain; those with tables or a quotation are not
    assert sum(plain) >= len(paths) // 2, plain
    assert not all(plain)


def test_the_rendering_samples_render_as_markdown_does() -> None:
    bodies = [
        render_samples.REPORT_BODY,
        render_samples.minimal_article().body,
        render_samples.report_article().body,
    ]
    accepted = [assert_same_as_markdown(body) for body in bodies]
    assert accepted == [False, True, False]  # the report has a table, a picture, footnotes


def _zh_paragraphs() -> list[str]:
    lines: list[str] = []
    for path in sorted(ZH_CORPUS.glob("*.txt")):
        lines += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    return lines


def test_real_chinese_prose_renders_as_markdown_does() -> None:
    lines = _zh_paragraphs()
    rng = random.Random(16)
    bodies = ["\n\n".join(lines[i : i + 40]) + "\n" for i in range(0, len(lines), 40)]
    # the same sentences as lead-ins, bold and emphasised, and as lists
    for i in range(0, len(lines) - 6, 6):
        chunk = lines[i : i + 6]
        bodies.append(
            f"**{chunk[0]}**{chunk[1]}\n\n## {chunk[2]}\n\n- {chunk[3]}\n- *{chunk[4]}*\n\n"
            f"{rng.randint(1, 9)}. {chunk[5]}\n"
        )
    accepted = sum(assert_same_as_markdown(body) for body in bodies)
    assert accepted > len(bodies) // 3, (accepted, len(bodies))


# --- the gate: what it must refuse ----------------------------------------------------------

REFUSED = [
    ("link", "见[通知](https://example.org/a.html)。"),
    ("picture-elsewhere", "![现场](https://example.org/ab.jpg)"),
    ("picture-in-text", "正文![现场](media/ab.jpg)"),
    ("picture-then-text", "![现场](media/ab.jpg)正文"),
    ("picture-with-a-line", "正文\n![现场](media/ab.jpg)"),
    ("picture-in-item", "- ![现场](media/ab.jpg)"),
    ("picture-single-quotes", "![现场](media/ab.jpg '图注')"),
    ("picture-empty-caption", '![现场](media/ab.jpg "")'),
    ("picture-spaced-caption", '![现场](media/ab.jpg " 图注")'),
    ("picture-space-before-close", '![现场](media/ab.jpg "图注" )'),
    ("picture-angle-path", "![现场](<media/ab.jpg>)"),
    ("picture-attribute-list", "![现场](media/ab.jpg){: width=600 }"),
    ("picture-brackets-in-alt", "![现[场]](media/ab.jpg)"),
    ("picture-strong-alt", "![**现场**](media/ab.jpg)"),
    ("html", "正文<b>加粗</b>"),
    ("entity", "A&amp;B"),
    ("ampersand", "A&B"),
    ("greater", "x > y"),
    ("escape", "星号\\*不是强调"),
    ("code", "用`代码`"),
    ("strikethrough", "将~~继续~~持续"),
    ("lone-double-tilde", "5~~10人"),
    ("tilde-fence", "~~~\n代码\n~~~"),
    ("underscore", "a_b_c"),
    ("table", "| 项目 | 人数 |\n|---|---|\n| 竞赛 | 3 |"),
    ("attribute-list", "段落\n{: .lead }"),
    ("footnote", "正文[^1]。\n\n[^1]: 注释"),
    ("abbreviation", "HTML 页面\n\n*[HTML]: 超文本"),
    ("definition", "术语\n: 定义"),
    ("definition-bare", "术语\n:定义"),
    ("tab", "正文\t制表"),
    ("indent", "    代码块"),
    ("leading-space", " 段首空格"),
    ("hard-break", "第一行  \n第二行"),
    ("trailing-space", "行尾 "),
    ("setext-h1", "标题\n==="),
    ("setext-h2", "标题\n---"),
    ("setext-single", "标题\n-"),
    ("rule", "上文\n\n---\n\n下文"),
    ("rule-stars", "* * *"),
    ("rule-in-paragraph", "上文\n***\n下文"),
    ("plus-list", "+ 甲\n+ 乙"),
    ("item-running-on", "- 甲\n续行"),
    ("item-indented-on", "- 甲\n  续行"),
    ("nested-list", "- 甲\n    - 乙"),
    ("mixed-list", "- 甲\n1. 乙"),
    ("loose-list", "- 甲\n\n- 乙"),
    ("loose-ordered", "1. 甲\n\n\n2. 乙"),
    ("list-in-item", "- 1. 乙"),
    ("bullet-in-item", "1. - 乙"),
    ("rule-in-item", "1. ---"),
    ("heading-in-item", "- # 乙"),
    ("strong-emphasis", "***粗斜***"),
    ("unpaired-strong", "**不成对"),
    ("unpaired-emphasis", "3*4"),
    ("spaced-opening", "** 粗**"),
    ("spaced-closing", "**粗 **"),
    ("nested-emphasis", "**粗*斜*粗**"),
    ("mismatched", "*斜**"),
    ("closing-hash", "# 标题 #"),
    ("seven-hashes", "####### 七级"),
    ("empty-heading", "#"),
    ("hash-in-text", "第#1号"),
    ("ideographic-space", "\u3000\u3000段首"),
    ("no-break-space", "a\u00a0b"),
    ("zero-width-space", "零\u200b宽"),
    ("control", "控\x02制"),
    ("carriage-return", "一\r\n二"),
    ("line-separator", "一\u2028二"),
    ("private-use", "私\ue000用"),
]


@pytest.mark.parametrize(("name", "text"), REFUSED, ids=[name for name, _ in REFUSED])
def test_the_gate_refuses_anything_outside_the_plain_part(name: str, text: str) -> None:
    assert plain_body_html(text) is None
    assert render_body(text) == sanitise_html(markdown_html(text))


@pytest.mark.parametrize(("name", "text"), REFUSED, ids=[name for name, _ in REFUSED])
def test_one_refused_construct_sends_the_whole_body_to_markdown(name: str, text: str) -> None:
    body = f"**一是抓学习。**正文。\n\n{text}\n\n- 甲\n- 乙\n"
    assert plain_body_html(body) is None


@pytest.mark.parametrize(("name", "text"), XSS_CORPUS, ids=[name for name, _ in XSS_CORPUS])
def test_no_hostile_body_takes_the_plain_path(name: str, text: str) -> None:
    assert plain_body_html(text) is None


# --- what it accepts, exactly ---------------------------------------------------------------

ACCEPTED = [
    ("lead-in", "**“凝心聚力”。**全市各级工会", "<p><strong>“凝心聚力”。</strong>全市各级工会</p>"),
    ("lead-in-mid", "前文。**二是强服务。**新建", "<p>前文。<strong>二是强服务。</strong>新建</p>"),
    ("emphasis", "这是*强调*的", "<p>这是<em>强调</em>的</p>"),
    ("heading-shift", "# 一级\n\n###### 六级", "<h2>一级</h2>\n<h6>六级</h6>"),
    ("heading-no-space", "##二级", "<h3>二级</h3>"),
    ("heading-in-paragraph", "上文\n## 小标题\n下文", "<p>上文</p>\n<h3>小标题</h3>\n<p>下文</p>"),
    ("ordered-start", "3. 丙\n4. 丁", '<ol start="3">\n<li>丙</li>\n<li>丁</li>\n</ol>'),
    ("bullets-mixed", "- 甲\n* **乙**", "<ul>\n<li>甲</li>\n<li><strong>乙</strong></li>\n</ul>"),
    ("year-is-a-list", "2024. 年", '<ol start="2024">\n<li>年</li>\n</ol>'),
    ("year-not-a-list", "2024.年", "<p>2024.年</p>"),
    ("lone-tildes", "温度5~10℃，~ 不成对", "<p>温度5~10℃，~ 不成对</p>"),
    ("list-after-text", "正文\n- 甲\n1. 乙", "<p>正文\n- 甲\n1. 乙</p>"),
    ("ul-then-ol", "- 甲\n\n1. 乙", "<ul>\n<li>甲</li>\n</ul>\n<ol>\n<li>乙</li>\n</ol>"),
    ("blank", "\n\n\n", ""),
    ("picture", "![现场](media/ab12.jpg)", '<p><img alt="现场" src="../../../media/ab12.jpg"></p>'),
    ("picture-no-alt", "![](media/ab12.png)", '<p><img alt="" src="../../../media/ab12.png"></p>'),
    (
        "figure",
        '![现场 图](media/ab-12.jpg "技能竞赛：决赛")',
        '<figure><img alt="现场 图" src="../../../media/ab-12.jpg">'
        "<figcaption>技能竞赛：决赛</figcaption>\n</figure>",
    ),
    (
        "pictures-by-headings",
        '## 现场\n![甲](media/a.jpg)\n# 下文\n![乙](media/b.jpg "图注")',
        '<h3>现场</h3>\n<p><img alt="甲" src="../../../media/a.jpg"></p>\n<h2>下文</h2>\n'
        '<figure><img alt="乙" src="../../../media/b.jpg"><figcaption>图注</figcaption>\n</figure>',
    ),
]


@pytest.mark.parametrize(("name", "text", "html"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_plain_bodies_get_markdowns_html(name: str, text: str, html: str) -> None:
    assert plain_body_html(text) == html
    assert markdown_html(text) == html


def test_render_body_takes_the_plain_path_without_markdown_or_the_sanitiser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_markdown(text: str) -> str:
        raise AssertionError("a plain body went to Python-Markdown")

    def no_sanitiser(html: str) -> str:
        raise AssertionError("a plain body's HTML was sanitised again")

    monkeypatch.setattr(markdown_module, "markdown_html", no_markdown)
    monkeypatch.setattr(markdown_module, "sanitise_html", no_sanitiser)
    assert render_body("**一是抓学习。**正文") == "<p><strong>一是抓学习。</strong>正文</p>"
    assert render_body('![现场](media/ab12.jpg "图注")').startswith("<figure><img ")


def test_any_other_body_is_still_sanitised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        markdown_module, "markdown_html", lambda text: '<p onclick="x()">a<script>b</script></p>'
    )
    assert render_body("见[通知](https://example.org/)") == "<p>a</p>"


def test_a_list_start_the_sanitiser_would_drop_is_not_plain() -> None:
    # sanitise._LIST_START keeps a start of six digits at most
    assert plain_body_html("123456. 甲") == '<ol start="123456">\n<li>甲</li>\n</ol>'
    assert plain_body_html("1234567. 甲") is None
    assert render_body("1234567. 甲") == "<ol>\n<li>甲</li>\n</ol>"


#: Bodies in the plain part that spell out attacks as text: they must stay text.
HOSTILE_PLAIN = [
    "javascript:alert(1)",
    "**javascript:alert(document.cookie)**正文",
    "onerror=alert(1) \"onclick=\"alert(1)\" 'x'='y'",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "- javascript:alert(1)\n- //evil.example/x.js\n- vbscript:msgbox(1)",
    "# onload=alert(1)\n\n1. src=javascript:alert(1)",
    "![javascript:alert onerror=alert x=](media/ab12.jpg)",
    '![onload=alert](media/ab12.jpg "javascript:alert style=x")',
    "http-equiv=refresh content=0;url=https://evil.example/",
]
#: Hostile bodies the gate must send to Python-Markdown and the sanitiser.
HOSTILE_REFUSED = [
    "正文<script>alert(1)</script>",
    "[点我](javascript:alert(1))",
    "![x](javascript:alert(1))",
    '![x](media/a.jpg" onerror="alert(1))',
    "段落\n{: onclick=alert(1) }",
    "私\ue000用<img src=x onerror=alert(1)>",
    "私\ue001用\ue002",
    "<p onclick=alert(1)>段落</p>",
    "&#106;avascript:alert(1)",
]


@pytest.mark.parametrize("text", HOSTILE_PLAIN + HOSTILE_REFUSED)
def test_hostile_bodies_leave_a_safe_page_whichever_path_they_take(text: str) -> None:
    plain = plain_body_html(text)
    assert (plain is not None) == (text in HOSTILE_PLAIN), text
    html = render_body(text)
    assert sanitise_html(html) == html
    page = render_article_page(
        Article(id=7, title="标题", body=text, published_at=dt.datetime(2026, 5, 6, 9, 30)),
        Site(name="澜江工会网", url="https://union.example.cn/"),
        [Column(id=1, name="工会动态", slug="news", position=1)],
    )
    assert page_problems(page, csp=CSP) == []
    tree = lxml.html.document_fromstring(page)
    assert not tree.xpath("//script[not(ancestor::head)] | //iframe | //object | //embed")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src"):
                assert url_allowed(value, image=name == "src"), value


def test_the_renderer_version_follows_the_plain_renderer(tmp_path: Path) -> None:
    package = Path(body_cache.__file__).resolve().parent.parent
    copy = tmp_path / "desktop"
    for source in [*body_cache._SOURCES, "render/plain_body.py"]:
        (copy / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(package / source, copy / source)
    assert renderer_version_of(copy) == body_renderer_version()
    plain = copy / "render" / "plain_body.py"
    plain.write_text(plain.read_text("utf-8").replace("_DEEPEST = 6", "_DEEPEST = 5"), "utf-8")
    assert renderer_version_of(copy) != body_renderer_version()


# --- generated bodies at the edges ------------------------------------------------------------

#: Pictures as the editor writes them, and near misses.
PICTURES = [
    "![现场](media/ab12.jpg)", '![现场 图](media/ab12.jpg "技能 竞赛")', "![](media/x.png)",
    '![ a ](media/x-1.jpeg "图注：一")', '![a](media/x.jpg "c" )', '![a](media/x.jpg "")',
    "![a](media/x.jpg 'c')", "![a](http://x.org/a.jpg)", "![**粗**](media/x.jpg)",
    '![a](media/x.jpg "c")*', "![a](media/x.jpg)#", "![a](media/x.jpg){: width=6 }",
]  # fmt: skip
#: Line starts that mean something to Markdown, or nearly do (the plain ones more often).
STARTS = [
    *[""] * 30, *["- "] * 4, *["* "] * 2, *["1. "] * 3, "2. ", "10. ", "01. ", "2024. ", "１. ",
    "123456. ", "1234567. ", *["# "] * 2, "## ", "###### ", "+ ", "-", "*", "**", "1.",
    "####### ", "#", " ", "    ", ":", ": ", "=",
]  # fmt: skip
#: Pieces of running text: emphasis pairs and stray asterisks, dashes, digits and dots of
#: lists, CJK and full-width punctuation, and the ASCII punctuation the plain part allows.
COMMON = [
    *["**一是。**", "**粗**", "*斜*", "*a*", "**2024**"] * 2, "*", "**", "***", "* ", " *",
    "-", "--", "---", "=", "1", "9", "2024", ".", " ", "  ",
    *["一是", "抓学习", "正文", "职工", "。", "，", "：", "、", "“", "”", "（", "）"] * 6, "！",
    "a", "Z", ":", "!", "(", ")", '"', "'", "+", "%", "@", "$", "/", ";", "?", "１", "#", "~",
    "![a](media/x.jpg)",
]  # fmt: skip
#: Characters outside the plain part, now and then.
RARE = ["\u3000", "\xa0", "\t", "_", "~~", "&", "<", ">", "[", "]", "\\", "`", "|", "{", "}", "\r"]
SEPARATORS = ["\n", "\n", "\n\n", "\n\n", "\n\n\n"]


def _line(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(PICTURES)
    pieces = [rng.choice(COMMON) if rng.random() > 0.02 else rng.choice(RARE)]
    pieces += [rng.choice(COMMON) for _ in range(rng.randint(0, 7))]
    return rng.choice(STARTS) + "".join(pieces)


def tricky_body(rng: random.Random) -> str:
    """Return a short body of lines made of the pieces above."""
    lines = [_line(rng) for _ in range(rng.randint(1, 5))]
    body = lines[0]
    for line in lines[1:]:
        body += rng.choice(SEPARATORS) + line
    return body + rng.choice(["", "\n"])


def test_thousands_of_tricky_bodies_render_as_markdown_does() -> None:
    rng = random.Random(2024)
    bodies = [tricky_body(rng) for _ in range(4000)]
    accepted = sum(assert_same_as_markdown(body) for body in bodies)
    # the gate must let through a good share of them, or the comparison proves little
    assert accepted > len(bodies) // 5, accepted


#: One token of a generated body: a piece of text, a rare character, or a line break or two
#: and the start of the next line (one flat list, so that Hypothesis draws quickly).
TOKENS = (
    COMMON * 10
    + RARE
    + [separator + start for separator in SEPARATORS for start in STARTS + PICTURES]
)
body = st.builds(
    lambda start, tokens, end: start + "".join(tokens) + end,
    st.sampled_from(STARTS),
    st.lists(st.sampled_from(TOKENS), max_size=30),
    st.sampled_from(["", "\n"]),
)
GENERATED = settings(
    max_examples=1500,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@GENERATED
@given(body)
def test_generated_bodies_render_as_markdown_does(text: str) -> None:
    assert_same_as_markdown(text)


@GENERATED
@given(st.text(alphabet=st.sampled_from(list("**--1.. \n\n\n一。#:+=~")), max_size=30))
def test_generated_strings_of_markup_characters_render_as_markdown_does(text: str) -> None:
    assert_same_as_markdown(text)
