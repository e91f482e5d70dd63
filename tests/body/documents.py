"""Article bodies for property tests, and a structural view of rendered HTML to compare them."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from desktop.body.blocks import LINE_BREAK, OBJECT_CHAR, Block, ListLevel, Run, Table, TextBlock

ROUND_TRIP_SETTINGS = settings(
    max_examples=int(os.environ.get("NEWSROOM_ROUND_TRIP_EXAMPLES", "300")),
    deadline=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# ---- A structural view of rendered HTML, independent of the editor's own reader ----------

_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
}  # fmt: skip
_MARK_TAGS = {"strong": "b", "em": "i", "del": "s"}
BR = "\N{RETURN SYMBOL}"  # a <br>, kept apart from newlines in the HTML source


class _Tree(HTMLParser):
    """HTML → nested (tag, attrs, children) with inline content as (text, marks, href) runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[object] = []
        self.stack: list[list[object]] = [self.root]
        self.marks: list[str] = []
        self.href: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            children: list[object] = []
            kept = tuple(sorted((k, v) for k, v in attrs if k == "start"))
            self.stack[-1].append((tag, kept, children))
            if tag != "hr":
                self.stack.append(children)
        elif tag in _MARK_TAGS:
            self.marks.append(_MARK_TAGS[tag])
        elif tag == "a":
            self.href.append(dict(attrs).get("href") or "")
        elif tag == "br":
            self.stack[-1].append((BR, frozenset(), ""))
        elif tag == "img":
            attributes = dict(attrs)
            self.stack[-1].append(
                (
                    f"[img {attributes.get('src')} {attributes.get('alt')} "
                    f"{attributes.get('title')}]",
                    frozenset(),
                    "",
                )
            )

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS and tag != "hr":
            self.stack.pop()
        elif tag in _MARK_TAGS:
            self.marks.remove(_MARK_TAGS[tag])
        elif tag == "a":
            self.href.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].append((data, frozenset(self.marks), self.href[-1] if self.href else ""))


def _canonical(children: list[object]) -> list[object]:
    """Merge inline runs per character style, collapse whitespace as a browser does."""
    result: list[object] = []
    inline: list[tuple[str, frozenset[str], str]] = []

    def flush() -> None:
        text_runs: list[tuple[str, frozenset[str], str]] = []
        for text, marks, href in inline:
            text = re.sub(r"[ \t\n\r\f]+", " ", text)
            if text_runs and text_runs[-1][1:] == (marks, href):
                text_runs[-1] = (text_runs[-1][0] + text, marks, href)
            elif text:
                text_runs.append((text, marks, href))
        joined = "".join(run[0] for run in text_runs).strip(" ")
        if joined:
            result.append(("inline", tuple(text_runs)))
        inline.clear()

    for child in children:
        if isinstance(child, tuple) and len(child) == 3 and isinstance(child[2], list):
            flush()
            tag, attrs, grand = child
            result.append((tag, attrs, _canonical(grand)))
        else:
            inline.append(child)  # type: ignore[arg-type]
    flush()
    return result


def _strip_edges(tree: list[object]) -> list[object]:
    """Drop whitespace at the edges of inline content and the styles of lone spaces."""
    cleaned: list[object] = []
    for node in tree:
        if node[0] == "inline":  # type: ignore[index]
            runs = [list(run) for run in node[1]]  # type: ignore[index]
            runs[0][0] = runs[0][0].lstrip(" ")
            runs[-1][0] = runs[-1][0].rstrip(" ")
            for run in runs:
                run[0] = run[0].replace(" " + BR, BR).replace(BR + " ", BR)
            merged: list[tuple[object, ...]] = []
            for text, marks, href in runs:
                if not text.strip():
                    marks = frozenset()  # formatting on a space is invisible
                if merged and merged[-1][1:] == (marks, href):
                    merged[-1] = (merged[-1][0] + text, marks, href)  # type: ignore[operator]
                elif text:
                    merged.append((text, marks, href))
            cleaned.append(("inline", tuple(merged)))
        else:
            tag, attrs, children = node  # type: ignore[misc]
            cleaned.append((tag, attrs, _strip_edges(children)))
    return cleaned


def html_structure(html: str) -> list[object]:
    """The structure of rendered HTML: blocks, text and the styles of every character."""
    parser = _Tree()
    parser.feed(html)
    parser.close()
    return _strip_edges(_canonical(parser.root))


# ---- Strategies: documents built from every supported element, in Chinese -----------------

CJK = "新闻工会职工全市各级会议要求学习服务站点建设劳动模范凝心聚力突破创新发展澜江区"
PUNCTUATION = "，。：；！？“”（）、《》"
SPECIAL = [
    "*", "_", "#", "[", "]", "\\", "`", "<", ">", "&", "|", "~", "{", "}", "-", "+",
    ".", "!", ":", "=", "(", ")", "1. ", "- ", "&amp;", "~~", "**", "# ", "> ", "<b>",
]  # fmt: skip
WORDS = ["Word", "WPS", "AI", "ok", "2023", "300", "7月6日"]
LINKS = [
    "https://www.example.cn/news/1.html",
    "https://例子.中国/路径?a=1&b=2",
    "mailto:office@example.cn",
    "https://example.cn/a_b(c)",
]

piece = st.one_of(
    st.sampled_from(CJK),
    st.sampled_from(CJK),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(["——", "……"]),
    st.sampled_from(WORDS),
    st.sampled_from(SPECIAL),
    st.just(" "),
    st.just("\u3000"),
)
text = st.lists(piece, min_size=1, max_size=8).map("".join)


#: A stored picture's path, as the picture library writes it.
MEDIA = "media/" + "ab12" * 16 + ".jpg"
#: Captions as staff type them, with what a Markdown title cannot hold as such.
CAPTION_SPECIAL = ['"', '"现场"', "\\", "`", "|", "&amp;", "&#126;", ")", "(", "  ", LINE_BREAK]
caption = st.one_of(
    st.just(""),
    st.just(""),
    st.lists(st.one_of(piece, st.sampled_from(CAPTION_SPECIAL)), min_size=1, max_size=6).map(
        "".join
    ),
)


@st.composite
def pictures(draw: st.DrawFn) -> Run:
    """A picture run: a stored or relative picture, alt text and maybe a caption."""
    return Run(
        OBJECT_CHAR,
        image_src=draw(st.sampled_from([MEDIA, "images/合影.jpg"])),
        image_alt=draw(text),
        image_title=draw(caption),
    )


@st.composite
def runs(draw: st.DrawFn, breaks: bool = True, images: bool = True) -> list[Run]:
    """A paragraph's worth of styled runs."""
    result: list[Run] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 19))
        if kind == 0 and breaks:
            result.append(Run(LINE_BREAK))
        elif kind == 1 and images:
            result.append(draw(pictures()))
        else:
            result.append(
                Run(
                    draw(text),
                    bold=draw(st.booleans()),
                    italic=draw(st.integers(0, 3)) == 0,
                    strike=draw(st.integers(0, 5)) == 0,
                    href=draw(st.sampled_from(["", "", "", *LINKS])),
                )
            )
    return result


@st.composite
def list_items(draw: st.DrawFn, quote: int = 0) -> list[Block]:
    """A list, nested up to three levels, with bullets and numbers mixed."""
    items: list[Block] = []
    path: list[ListLevel] = []
    for _ in range(draw(st.integers(1, 6))):
        depth = draw(st.integers(1, len(path) + 1 if len(path) < 3 else 3))
        level = ListLevel(numbered=draw(st.booleans()), start=draw(st.sampled_from([1, 1, 3])))
        path = [*path[: depth - 1], level]
        items.append(TextBlock(runs=draw(runs()), lists=tuple(path), quote=quote))
    return items


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A table: a header row and a few body rows of inline-formatted cells, some merged."""
    columns = draw(st.integers(1, 4))
    cell = st.one_of(st.just([]), runs(breaks=True, images=False))
    header = [draw(cell) for _ in range(columns)]
    rows = [[draw(cell) for _ in range(columns)] for _ in range(draw(st.integers(0, 3)))]
    # Merged cells, as Chinese office tables have them (项目 over 计划/完成): some tables.
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    height = 1 + max(1, len(rows))
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        row, column = draw(st.integers(0, height - 1)), draw(st.integers(0, columns - 1))
        spans[(row, column)] = (
            draw(st.integers(1, height - row)),
            draw(st.integers(1, columns - column)),
        )
    return Table(header=header, rows=rows, spans=spans)


@st.composite
def documents(draw: st.DrawFn) -> list[Block]:
    """An article body mixing every element the editor supports."""
    blocks: list[Block] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(
            st.sampled_from(["p", "p", "p", "lead", "h", "list", "quote", "hr", "table", "fig"])
        )
        if kind == "fig":
            # A captioned picture alone in its paragraph: a <figure> on the page.
            blocks.append(TextBlock(runs=[draw(pictures())]))
        elif kind == "p":
            blocks.append(TextBlock(runs=draw(runs())))
        elif kind == "lead":
            # The report style: a bold lead-in ending in full-width punctuation, then text.
            lead = draw(st.sampled_from(["“凝心聚力”。", "一是抓学习。", "“学习”。", "坚持——"]))
            blocks.append(TextBlock(runs=[Run(lead, bold=True), Run(draw(text))]))
        elif kind == "h":
            blocks.append(TextBlock(runs=draw(runs(breaks=False)), heading=draw(st.integers(1, 6))))
        elif kind == "list":
            blocks.extend(draw(list_items()))
        elif kind == "quote":
            for _ in range(draw(st.integers(1, 3))):
                inner = draw(st.sampled_from(["p", "p", "list", "h", "hr"]))
                if inner == "list":
                    blocks.extend(draw(list_items(quote=1)))
                elif inner == "h":
                    blocks.append(TextBlock(runs=draw(runs()), heading=2, quote=1))
                elif inner == "hr":
                    blocks.append(TextBlock(rule=True, quote=1))
                else:
                    blocks.append(TextBlock(runs=draw(runs()), quote=1))
        elif kind == "hr":
            blocks.append(TextBlock(rule=True))
        else:
            blocks.append(draw(tables()))
    return blocks


# ---- Markdown text written by hand in the dialect (not by the editor's writer) ------------

plain_md = st.lists(
    st.one_of(
        st.sampled_from(CJK),
        st.sampled_from(PUNCTUATION),
        st.sampled_from(WORDS),
        st.sampled_from(["\\*", "\\_", "\\#", "\\[", "\\]", "&lt;", "&amp;", "1.5", " "]),
    ),
    min_size=1,
    max_size=6,
).map(lambda parts: "".join(parts).strip() or "文")


@st.composite
def inline_md(draw: st.DrawFn) -> str:
    """A line of inline Markdown as staff's Markdown-writing colleagues would write it."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        word = draw(plain_md)
        form = draw(st.sampled_from(["", "", "**{}**", "*{}*", "***{}***", "~~{}~~", "[{}]({})"]))
        if form == "[{}]({})":
            parts.append(form.format(word, draw(st.sampled_from(LINKS[:3]))))
        elif form:
            parts.append(form.format(word))
        else:
            parts.append(word)
        # Delimiters that touch confuse Python-Markdown itself: keep a character between.
        parts.append(draw(st.sampled_from([" ", "，", "。", "文"])))
    return "".join(parts).strip() or "文"


@st.composite
def markdown_bodies(draw: st.DrawFn) -> str:
    """A Markdown body in the article dialect with every supported block kind."""
    chunks = []
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(
            st.sampled_from(["p", "lead", "h", "ul", "ol", "nested", "quote", "hr", "t", "fig"])
        )
        if kind == "fig":
            alt, title = draw(plain_md), draw(plain_md)
            chunks.append(f'![{alt}]({MEDIA} "{title}")')
            if draw(st.booleans()):
                chunks[-1] += f' {draw(inline_md())} ![{alt}]({MEDIA} "{title}")'
        elif kind == "p":
            chunks.append(draw(inline_md()))
        elif kind == "lead":
            chunks.append("**“凝心聚力”。**全市" + draw(inline_md()))
        elif kind == "h":
            chunks.append("#" * draw(st.integers(1, 6)) + " " + draw(plain_md))
        elif kind == "ul":
            chunks.append(
                "\n".join("- " + draw(inline_md()) for _ in range(draw(st.integers(1, 3))))
            )
        elif kind == "ol":
            chunks.append(
                "\n".join(f"{n}. " + draw(inline_md()) for n in range(1, draw(st.integers(2, 4))))
            )
        elif kind == "nested":
            chunks.append(
                f"- {draw(inline_md())}\n    1. {draw(inline_md())}\n- {draw(inline_md())}"
            )
        elif kind == "quote":
            chunks.append(f"> {draw(inline_md())}\n>\n> {draw(inline_md())}")
        elif kind == "hr":
            chunks.append("---")
        else:
            cell = st.one_of(plain_md, inline_md().filter(lambda s: "**" not in s))
            chunks.append(
                f"| {draw(plain_md)} | {draw(plain_md)} |\n| --- | --- |\n"
                f"| {draw(cell)} | {draw(inline_md())} |"
            )
        if kind in ("ul", "ol", "nested"):
            # Two lists of one kind in a row would be one loose list in Markdown.
            chunks.append(draw(inline_md()))
    return "\n\n".join(chunks) + "\n"
