"""Hostile inputs for the sanitiser: Markdown and raw HTML that try to run or load something.

Each entry is ``(name, text)``; ``text`` is fed both to ``render_body`` (as a Markdown body)
and to ``sanitise_html`` (as raw HTML).
"""

from __future__ import annotations

CORPUS: list[tuple[str, str]] = [
    # Script elements and their disguises.
    ("script-tag", "<script>alert(1)</script>"),
    ("script-upper", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"),
    ("script-split", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    ("script-in-paragraph", "正文<script>document.cookie</script>正文"),
    ("script-unclosed", "<script src=x.js"),
    ("noscript-breakout", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    # Event handlers.
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("img-onerror-quoted", '<img src="x.jpg" ONERROR="alert(1)">'),
    ("body-onload", "<body onload=alert(1)>"),
    ("div-onmouseover", '<div onmouseover="alert(1)">悬停</div>'),
    ("a-onclick", '<a href="https://example.org" onclick="alert(1)">链接</a>'),
    ("details-ontoggle", "<details open ontoggle=alert(1)>"),
    ("video-onerror", "<video><source onerror=alert(1)></video>"),
    ("input-autofocus", "<input autofocus onfocus=alert(1)>"),
    # javascript: and friends, with entity, whitespace and case tricks.
    ("a-javascript", '<a href="javascript:alert(1)">点我</a>'),
    ("a-javascript-case", '<a href="JaVaScRiPt:alert(1)">点我</a>'),
    ("a-javascript-entity-colon", '<a href="javascript&colon;alert(1)">点我</a>'),
    (
        "a-javascript-decimal",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    ),
    (
        "a-javascript-hex-nosemi",
        '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
    ),
    ("a-javascript-tab", '<a href="jav\tascript:alert(1)">x</a>'),
    ("a-javascript-tab-entity", '<a href="jav&#x09;ascript:alert(1)">x</a>'),
    ("a-javascript-newline-entity", '<a href="jav&#x0A;ascript:alert(1)">x</a>'),
    ("a-javascript-leading-space", '<a href=" &#14;  javascript:alert(1)">x</a>'),
    ("a-vbscript", '<a href="vbscript:msgbox(1)">x</a>'),
    ("a-data-html", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'),
    ("a-file", '<a href="file:///C:/Windows/win.ini">x</a>'),
    ("a-protocol-relative", '<a href="//evil.example/">x</a>'),
    ("a-backslash-relative", '<a href="\\\\evil.example\\share">x</a>'),
    ("img-data", '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'),
    ("img-javascript", '<img src="javascript:alert(1)">'),
    ("img-mailto", '<img src="mailto:a@b.example">'),
    ("img-protocol-relative", '<img src="//evil.example/track.gif">'),
    ("img-unc", '<img src="\\\\evil.example\\share\\x.png">'),
    ("img-file", '<img src="file://evil.example/share/x.png">'),
    # Markdown links, images, autolinks and references.
    ("md-link-javascript", "[点我](javascript:alert(1))"),
    ("md-link-javascript-entity", "[点我](javascript&#58;alert(1))"),
    ("md-link-javascript-percent", "[点我](javascript%3Aalert(1))"),
    ("md-link-javascript-case-space", "[点我]( JAVASCRIPT:alert(1) )"),
    ("md-link-data", "[点我](data:text/html,<script>alert(1)</script>)"),
    ("md-image-javascript", "![图](javascript:alert(1))"),
    ("md-image-data", "![图](data:image/png;base64,iVBORw0KGgo=)"),
    ("md-image-title-breakout", '![图](x.png "a\\" onerror=\\"alert(1))'),
    ("md-autolink-javascript", "<javascript:alert(1)>"),
    ("md-autolink-vbscript", "<vbscript:msgbox(1)>"),
    ("md-reference-link", "[点我][x]\n\n[x]: javascript:alert(1)"),
    ("md-reference-image", "![图][y]\n\n[y]: data:image/svg+xml,<svg/onload=alert(1)>"),
    (
        "md-footnote-image",
        "正文[^1]\n\n[^1]: ![x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    ),
    ("md-footnote-link", "正文[^a]\n\n[^a]: [x](vbscript:msgbox(1))"),
    ("md-attr-list-onclick", "段落\n{: onclick=alert(1) }"),
    ("md-attr-list-style", '段落\n{: style="background:url(javascript:alert(1))" }'),
    ("md-attr-list-href", "[x](https://example.org){: href=javascript:alert(1) }"),
    ("md-attr-list-image", "![x](a.png){: onerror=alert(1) src=javascript:alert(1) }"),
    ("md-attr-list-id-clobber", "## 标题 {: #location }"),
    ("md-in-html-div", '<div markdown="1" onclick="alert(1)">\n**粗体**\n</div>'),
    ("md-in-html-script", '<div markdown="1">\n<script>alert(1)</script>\n</div>'),
    ("md-code-is-text", "`<script>alert(1)</script>`"),
    # Other active content.
    ("svg-onload", "<svg onload=alert(1)><circle r=1 /></svg>"),
    ("svg-script", "<svg><script>alert(1)</script></svg>"),
    ("svg-a-xlink", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
    (
        "math-xlink",
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction>'
        "</math>",
    ),
    ("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
    ("iframe-src", '<iframe src="https://evil.example/"></iframe>'),
    ("object-data", '<object data="javascript:alert(1)"></object>'),
    ("embed-src", '<embed src="https://evil.example/x.swf">'),
    (
        "form-action",
        '<form action="https://evil.example/">'
        '<button formaction="javascript:alert(1)">提交</button></form>',
    ),
    ("style-element", "<style>body{background:url(javascript:alert(1))}</style>"),
    ("style-expression", '<p style="width: expression(alert(1))">旧IE</p>'),
    ("style-import", "<style>@import 'https://evil.example/x.css';</style>"),
    ("base-href", '<base href="https://evil.example/">'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("link-stylesheet", '<link rel="stylesheet" href="https://evil.example/x.css">'),
    ("link-import", '<link rel="import" href="https://evil.example/x.html">'),
    ("template-content", "<template><img src=x onerror=alert(1)></template>"),
    ("comment-conditional", "<!--[if IE]><script>alert(1)</script><![endif]-->"),
    ("cdata", "<![CDATA[<script>alert(1)</script>]]>"),
    ("textarea-breakout", "<textarea></textarea><script>alert(1)</script></textarea>"),
    ("title-breakout", "<title></title><script>alert(1)</script>"),
    ("attribute-breakout", '<img alt="x" title="\\"><script>alert(1)</script>">'),
    ("srcset", '<img src="a.png" srcset="javascript:alert(1) 1x">'),
    (
        "a-formaction-target",
        '<a href="https://example.org" target="_blank" ping="https://evil.example/">x</a>',
    ),
    ("class-smuggling", '<div class="footnote skip-link site-header">x</div>'),
    ("id-clobbering", '<p id="content">x</p><li id="fn:1 onclick=x">y</li>'),
    (
        "table-background",
        '<table background="javascript:alert(1)"><tr><td style="x">1</td></tr></table>',
    ),
]
