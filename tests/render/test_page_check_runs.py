"""The page check's fast reading of plain runs refuses exactly what its full reading refuses.

A finished page is damaged with pieces of hostile markup at random places; every damaged page
must get the same list of problems with the fast step as with every tag read one by one.
"""

from __future__ import annotations

import random
import re

import pytest

from desktop.render import page_check
from desktop.render.page import CSP, render_article_page, render_list_page
from tests.render.render_samples import columns, full_site, report_article

PIECES = (
    "<p>", "</p>", '<a href="../x.html">', '<a href="javascript:alert(1)">', '<a href="//evil">',
    '<img src="x.png">', '<img alt="x">', '<p onclick="x">', '<p class="a"title="b">', "</head>",
    "<head>", '<meta name="x">', "<script>", "<!-- x -->", "<!--newsroom:hits-->",
    '<a download href="files/x">', "<td nowrap>", '<a href="&#106;avascript:">', "<P>", "</p/>",
    "<br/>", '<span aria-label="x">', '<a href="mailto:a@b">', '<a href="http://a b">',
    '<div style="x">', '<p data-x="1">', "<", "<<p>", "<a href=x>", "<style>a</style>",
    "</HEAD >", '<link rel="stylesheet" href="s.css">', '<a href="\\\\host">', '<a href="a:b">',
    '<p id="x" is="y">', '"', ">", '<a title="x" href="/root">', '<th align="center">',
    '<meta name="refresh" content="0">',
    '<meta name="description" content="x" http-equiv="refresh">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<title>", "</title>",
    '<meta property="og:url" content="javascript:x">', '<meta property="og:title" content="x">',
    '<meta name="Keywords" content="x">', '<meta name="keywords" content="x" onload="x">',
    '<meta property="og:evil" content="x">', '<meta name="viewport"content="x">',
    '<meta charset="utf-8">', '<meta charset="utf-8" http-equiv="refresh">', '<meta charset="x">',
    '<link rel="canonical" href="https://a.example/x.html">',
    '<link rel="canonical" href="javascript:alert(1)">', '<link rel="canonical" href="/x">',
    '<link rel="canonical" href="https://a.example/&#10;x">', '<link rel="icon" href="x.ico">',
    '<meta property="og:url" content="https://a.example/">',
    '<meta property="og:image" content="https://a.example/&quot;x">',
    '<meta property="og:image" content="data:image/png;base64,AA">',
    '<html lang="zh-CN">', '<html onload="x">', '<body id="top">', '<body onload="x">',
    '<body class="elder" style="x">', '<BODY>', '<span class="hits" data-newsroom-slot="hits">',
    '<span data-newsroom-slot="x" onclick="y">', '<span data="x">', "<!--newsroom:hits -->",
)  # fmt: skip


def pages() -> list[str]:
    """Return an article page and a list page of the sample site, as exported."""
    site, article = full_site(), report_article()
    return [
        render_article_page(article, site, columns()),
        render_list_page("工会动态", [article] * 3, site, columns(), "columns/news/index.html"),
    ]


@pytest.mark.parametrize("seed", range(4))
def test_damaged_pages_get_the_same_problems_either_way(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    damaged = []
    for page in pages():
        head = page.index("</head>") + len("</head>")
        for round in range(300):
            text = page
            for _ in range(rng.randint(1, 4)):
                # Half the pages are damaged in the head only, read by its own fast step.
                at = rng.randrange(head if round % 2 else len(text))
                text = text[:at] + rng.choice(PIECES) + text[at:]
            damaged.append(text)
    fast = [page_check.page_problems(text, csp=CSP) for text in damaged]
    monkeypatch.setattr(page_check, "_PLAIN_RUN", re.compile(""))  # every tag read one by one
    monkeypatch.setattr(page_check, "_PLAIN_HEAD_RUN", re.compile(""))
    full = [page_check.page_problems(text, csp=CSP) for text in damaged]
    assert fast == full
    assert sum(bool(problems) for problems in full) > len(damaged) // 2  # mostly refused
    assert page_check.page_problems(pages()[0], csp=CSP) == []
