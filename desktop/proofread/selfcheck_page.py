"""The self-check report as one self-contained HTML page: to print, file or send on.

Everything in it is escaped text; it has no script, no outside address and a
Content-Security-Policy that allows none, so a title an author typed cannot act on it.
"""

from __future__ import annotations

from html import escape

from desktop.i18n import current_language, tr
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


def report_html(report: SelfCheckReport, site_name: str) -> str:
    """Return the report as a complete HTML page in the current language."""
    chinese = current_language().startswith("zh")
    title = tr("Site self-check")
    when = report.checked_at.strftime("%Y-%m-%d %H:%M")
    checked = tr("Checked {when}: {articles} articles", when=when, articles=report.articles)
    none = tr("None found.")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if chinese else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{escape(site_name)} · {escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(site_name)} {escape(title)}</h1>",
        f"<p>{escape(checked)}</p>",
    ]
    if report.links_checked_at is not None:
        links_when = report.links_checked_at.strftime("%Y-%m-%d %H:%M")
        links = tr("Dead links from the link check of {when}", when=links_when)
    else:
        links = tr("No link check has been run: dead links are not included")
    parts.append(f"<p>{escape(links)}</p>")
    parts += [
        f"<h2>{escape(tr('Summary'))}</h2>",
        "<table>",
        f"<tr><th>{escape(tr('Kind'))}</th><th>{escape(tr('Found'))}</th></tr>",
    ]
    for kind in FindingKind:
        count = report.count(kind)
        row_class = ' class="found"' if count else ""
        parts.append(
            f'<tr{row_class}><td><a href="#{kind.value}">{escape(kind_name(kind))}</a></td>'
            f'<td class="count">{count}</td></tr>'
        )
    parts.append("</table>")
    for kind in FindingKind:
        parts.append(f'<h2 id="{kind.value}">{escape(kind_name(kind))}</h2>')
        findings = report.of_kind(kind)
        if not findings:
            parts.append(f'<p class="none">{escape(none)}</p>')
            continue
        parts += [
            "<table>",
            f"<tr><th>{escape(tr('Article'))}</th><th>{escape(tr('Column'))}</th>"
            f"<th>{escape(tr('Finding'))}</th></tr>",
        ]
        for finding in findings:
            article = "" if finding.article_id is None else f"{finding.article_id} {finding.title}"
            parts.append(
                f"<tr><td>{escape(article)}</td><td>{escape(finding.column)}</td>"
                f"<td>{escape(finding.message())}</td></tr>"
            )
        parts.append("</table>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
