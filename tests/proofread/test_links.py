"""Addresses the page cannot carry are told to the author, at their place in the Markdown."""

from __future__ import annotations

from desktop.proofread import ProblemKind, Severity, apply_fix, check_article
from desktop.proofread.links import check_links
from tests.conftest import make_article


def test_backslashes_are_a_minor_problem_with_the_fix_the_export_applies():
    body = '见[通知](files\\2026\\notice.pdf)和<a href="a\\b">附件</a>。\n'
    problems = check_links(body)
    assert [(p.text, p.severity, p.suggestion) for p in problems] == [
        ("files\\2026\\notice.pdf", Severity.MINOR, "files/2026/notice.pdf"),
        ("a\\b", Severity.MINOR, "a/b"),
    ]
    fixed = body
    for problem in reversed(problems):
        fixed = apply_fix(fixed, problem)
    assert fixed == '见[通知](files/2026/notice.pdf)和<a href="a/b">附件</a>。\n'
    assert check_links(fixed) == []


def test_addresses_the_page_removes_are_serious():
    body = (
        "[点我](javascript:alert(1))、![图](file:///C:/照片/1.jpg)、"
        '<a href="//evil.example/">外链</a>、[共享](\\\\server\\share)和'
        "[正常](https://www.example.cn/a.html)、[站内](../../../columns/news/index.html)。\n"
    )
    problems = check_links(body)
    assert [p.text for p in problems] == [
        "javascript:alert(1",
        "file:///C:/照片/1.jpg",
        "//evil.example/",
        "\\\\server\\share",
    ]
    assert {p.severity for p in problems} == {Severity.SERIOUS}
    assert all(body[p.start : p.end] == p.text for p in problems)


def test_the_article_check_reports_links_and_ignores_them_on_request():
    article = make_article(body="[附件](a\\b.pdf)\n")
    problems = [p for p in check_article(article) if p.kind is ProblemKind.LINK]
    assert len(problems) == 1
    assert check_links(article.body, frozenset({problems[0].key})) == []


def test_pictures_without_alternative_text_are_pointed_out():
    body = (
        "![](../../../media/a.jpg)\n\n![会场](../../../media/b.jpg)\n\n"
        '<img src="c.png"><img alt="" src="d.png"><img alt="合影" src="e.png">\n'
    )
    problems = [p for p in check_links(body) if p.kind is ProblemKind.PICTURE_ALT]
    assert [p.text for p in problems] == ["![]", '<img src="c.png">', '<img alt="" src="d.png">']
    assert {p.severity for p in problems} == {Severity.MINOR}
