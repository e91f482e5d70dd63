"""The self-check report as one self-contained HTML page: to print, file or send on.

Everything in it is escaped text; it has no script, no outside address and a
Content-Security-Policy that allows none, so a title an author typed cannot act on it.
"""

from __future__ import annotations

from html import escape

from desktop.proofread.selfcheck import FindingKind, SelfCheckReport, kind_name

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 2em auto; max-width: 60em; color: #222; line-height: 1.6; }
h1 { font-size: 1.5em; border-bottom: 2px solid #b00; padding-bottom: .3em; }
h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.count { text-align: right; }
tr.found td.count { color: #b00; font-weight: bold; }
p.none { color: #666; }
"""

_TEXTS = {
    "en": {
        "title": "Site self-check",
        "checked": "Checked {when}: {articles} articles",
        "links": "Dead links from the link check of {when}",
        "no_links": "No link check has been run: dead links are not included",
        "summary": "Summary",
        "kind": "Kind",
        "count": "Found",
        "article": "Article",
        "column": "Column",
        "finding": "Finding",
        "none": "None found.",
    },
    "zh": {
        "title": "网站自查报告",
        "checked": "检查时间：{when}，共检查{articles}篇文章",
        "links": "无法访问的链接来自{when}的链接检查",
        "no_links": "尚未进行链接检查，报告不含无法访问的链接",
        "summary": "汇总",
        "kind": "问题类别",
        "count": "数量",
        "article": "文章",
        "column": "栏目",
        "finding": "问题",
        "none": "未发现。",
    },
}


def report_html(report: SelfCheckReport, site_name: str, language: str = "zh_CN") -> str:
    """Return the report as a complete HTML page in Chinese (or ``en``: English)."""
    lang = "zh" if language.startswith("zh") else "en"
    text = _TEXTS[lang]
    when = report.checked_at.strftime("%Y-%m-%d %H:%M")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{escape(site_name)} · {escape(text['title'])}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(site_name)} {escape(text['title'])}</h1>",
        f"<p>{escape(text['checked'].format(when=when, articles=report.articles))}</p>",
    ]
    if report.links_checked_at is not None:
        links_when = report.links_checked_at.strftime("%Y-%m-%d %H:%M")
        parts.append(f"<p>{escape(text['links'].format(when=links_when))}</p>")
    else:
        parts.append(f"<p>{escape(text['no_links'])}</p>")
    parts += [
        f"<h2>{escape(text['summary'])}</h2>",
        "<table>",
        f"<tr><th>{escape(text['kind'])}</th><th>{escape(text['count'])}</th></tr>",
    ]
    for kind in FindingKind:
        count = report.count(kind)
        row_class = ' class="found"' if count else ""
        parts.append(
            f'<tr{row_class}><td><a href="#{kind.value}">{escape(kind_name(kind, lang))}</a></td>'
            f'<td class="count">{count}</td></tr>'
        )
    parts.append("</table>")
    for kind in FindingKind:
        parts.append(f'<h2 id="{kind.value}">{escape(kind_name(kind, lang))}</h2>')
        findings = report.of_kind(kind)
        if not findings:
            parts.append(f'<p class="none">{escape(text["none"])}</p>')
            continue
        parts += [
            "<table>",
            f"<tr><th>{escape(text['article'])}</th><th>{escape(text['column'])}</th>"
            f"<th>{escape(text['finding'])}</th></tr>",
        ]
        for finding in findings:
            article = "" if finding.article_id is None else f"{finding.article_id} {finding.title}"
            parts.append(
                f"<tr><td>{escape(article)}</td><td>{escape(finding.column)}</td>"
                f"<td>{escape(finding.message(lang))}</td></tr>"
            )
        parts.append("</table>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
