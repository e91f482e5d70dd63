"""Links and picture addresses in the body that the page cannot carry as they are.

The sanitiser decides what reaches a page; this check tells the author beforehand, at the
place in the Markdown, so nothing vanishes from a page without a word:

* a scheme outside the allow-list (``javascript:``, ``file:``, ``data:``…) or an address
  that starts with ``//`` or ``\\\\``: the link is removed from the page (serious);
* backslashes in a path (``files\\notice.pdf``, typed from a Windows folder): browsers read
  them as ``/`` and so does the export, which writes them that way (minor, with that fix);
* a picture with no alternative text (替代文字): screen readers then say nothing of it, which
  accessibility rules (GB/T 37668) do not allow (minor).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.proofread.problem import Field, Problem, ProblemKind, Severity, problem_key
from desktop.render.sanitise import forward_slashes, url_allowed

# Where a Markdown body names an address: inline links and pictures, reference
# definitions, autolinks, and raw HTML attributes.
_TARGETS = re.compile(
    r"""
      \]\(\s*<?(?P<inline>[^\s)>]+)                   # [text](url  and  ![alt](url
    | ^\s{0,3}\[[^\]]+\]:\s*<?(?P<reference>[^\s>]+)  # [id]: url
    | <(?P<auto>[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^\s<>]*)>  # <https://…>
    | \s(?P<attribute>href|src)\s*=\s*(?P<quote>["']?)(?P<value>[^"'\s>]*)  # href="…"
    """,
    re.VERBOSE | re.MULTILINE,
)
_CONTEXT = 6
# Pictures with an empty alternative text: ![](path) or <img …> without a non-empty alt.
_NO_ALT = re.compile(
    r"""!\[\s*\](?=\()|<img\b(?![^>]*\balt\s*=\s*["']?[^\s"'>])[^>]*>""", re.IGNORECASE
)


def _targets(body: str) -> Iterator[tuple[int, int, str, bool]]:
    """Yield (start, end, address, is_picture) for every address the body names."""
    for match in _TARGETS.finditer(body):
        for group in ("inline", "reference", "auto", "value"):
            value = match.group(group)
            if value:
                start = match.start(group)
                before = body[max(0, match.start() - 1) : match.start()]
                picture = (group == "inline" and before == "!") or (
                    group == "value" and match.group("attribute") == "src"
                )
                yield start, start + len(value), value, picture
                break


def external_addresses(body: str) -> list[str]:
    """Return the web addresses (http and https) the body links to or shows, each once, in order."""
    found: dict[str, None] = {}
    for _start, _end, url, _picture in _targets(body):
        if re.match(r"https?://[^/\s]", url, re.IGNORECASE):
            found.setdefault(url, None)
    return list(found)


def _problem(
    kind: ProblemKind,
    severity: Severity,
    body: str,
    start: int,
    end: int,
    message: str,
    suggestion: str | None,
) -> Problem:
    text = body[start:end]
    key = problem_key(
        kind, Field.BODY, text, body[max(0, start - _CONTEXT) : start], body[end : end + _CONTEXT]
    )
    return Problem(kind, severity, Field.BODY, start, end, text, message, suggestion, key)


def check_links(body: str, ignored: frozenset[str] = frozenset()) -> list[Problem]:
    """Return the body's addresses that the page would drop or rewrite, and pictures with no
    alternative text, in the order they appear."""
    problems = [
        _problem(
            ProblemKind.PICTURE_ALT,
            Severity.MINOR,
            body,
            match.start(),
            match.end(),
            "a picture without alternative text",
            None,
        )
        for match in _NO_ALT.finditer(body)
    ]
    for start, end, url, picture in _targets(body):
        if not url_allowed(url, image=picture):
            severity = Severity.SERIOUS
            message = "this address is not allowed on a page and will be removed"
            suggestion = None
        elif forward_slashes(url) != url:
            severity = Severity.MINOR
            message = "backslashes in an address: the page uses / instead"
            suggestion = forward_slashes(url)
        else:
            continue
        problems.append(_problem(ProblemKind.LINK, severity, body, start, end, message, suggestion))
    problems.sort(key=lambda p: (p.start, p.end))
    return [p for p in problems if p.key not in ignored]
