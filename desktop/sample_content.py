"""Sample content: the invented articles and placeholder settings of the demo database.

A database the window creates on first run is filled with the demo (``desktop/demo.py``) and
marked: each sample article with the version it was created at, and each site setting with
its sample value. An article saved since (any edit, a status change) has a newer version and
is the office's own; a setting changed is no longer a placeholder. The window shows a banner
while sample content is left, and the window and ``newsroom export`` warn before exporting it.
Starting with the office's own content makes a new, empty database beside the demo one
(``create_own_database``); the demo stays as it was, to look things up in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.article import EXPORTABLE, Column, Status
from desktop.i18n import tr
from desktop.site import Site
from desktop.store import ArticleNotFound, Store, StoreError

#: The store's bookkeeping key holding the mark.
STATE_KEY = "sample_content"
#: The settings that say who the site is: while they keep the sample's values, pages name an
#: invented organisation (an ICP number such as 澜ICP备00000000号-1, a phone 0000-00000000).
IDENTITY_SETTINGS = (
    "name",
    "url",
    "sponsor",
    "address",
    "postcode",
    "phone",
    "email",
    "icp",
    "police_icp",
    "site_code",
    "support",
    "maintainer",
    "copyright",
)


@dataclass
class SampleMark:
    """What of a database is sample content, as stored at its creation."""

    articles: dict[int, int] = field(default_factory=dict)  # id → version when created
    settings: dict[str, str] = field(default_factory=dict)  # key → sample value
    banner_dismissed: bool = False

    def to_json(self) -> str:
        """Return the mark as the JSON kept in the store."""
        return json.dumps(
            {
                "articles": {str(k): v for k, v in self.articles.items()},
                "settings": self.settings,
                "banner_dismissed": self.banner_dismissed,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> SampleMark:
        """Read a mark written by ``to_json``."""
        data = json.loads(text)
        return cls(
            articles={int(k): int(v) for k, v in data.get("articles", {}).items()},
            settings={str(k): str(v) for k, v in data.get("settings", {}).items()},
            banner_dismissed=bool(data.get("banner_dismissed", False)),
        )


@dataclass(frozen=True)
class SampleFindings:
    """Sample content an export would publish: articles (id, title) and placeholder settings."""

    articles: tuple[tuple[int, str], ...] = ()
    settings: tuple[tuple[str, str], ...] = ()  # key, value

    def __bool__(self) -> bool:
        return bool(self.articles or self.settings)

    def lines(self) -> list[str]:
        """Return what is sample content, one line each, for a message."""
        shown = [
            tr("{count} sample article(s), e.g. “{title}”", count=len(self.articles), title=t)
            for _, t in self.articles[:1]
        ]
        if self.settings:
            shown.append(
                tr(
                    "the sample site settings ({settings})",
                    settings=", ".join(f"{k} = {v}" for k, v in self.settings),
                )
            )
        return shown


def mark_as_sample(store: Store) -> None:
    """Mark every article and the identity settings of a just-seeded demo database as sample."""
    site = store.site()
    mark = SampleMark(
        articles={a.id: a.version for a in store.iter_articles() if a.id is not None},
        settings={k: str(getattr(site, k)) for k in IDENTITY_SETTINGS if getattr(site, k)},
    )
    store.set_state_value(STATE_KEY, mark.to_json())


def read_mark(store: Store) -> SampleMark | None:
    """Return the database's sample mark, or None if it holds none (the office's own)."""
    text = store.state_value(STATE_KEY)
    if text is None:
        return None
    try:
        return SampleMark.from_json(text)
    except (ValueError, TypeError, AttributeError):
        return None  # a mark that cannot be read marks nothing


def find_sample_content(store: Store, statuses: Iterable[Status] = EXPORTABLE) -> SampleFindings:
    """Return the unedited sample articles with these statuses and the placeholder settings."""
    mark = read_mark(store)
    if mark is None:
        return SampleFindings()
    wanted = set(statuses)
    articles = []
    trashed = set(store.trashed_ids())
    for article_id, version in sorted(mark.articles.items()):
        if article_id in trashed:
            continue
        try:
            article = store.get_article(article_id)
        except ArticleNotFound:
            continue
        if article.version == version and article.status in wanted:
            articles.append((article_id, article.title))
    site = store.site()
    settings = [
        (key, value)
        for key, value in mark.settings.items()
        if key in IDENTITY_SETTINGS and str(getattr(site, key)) == value
    ]
    return SampleFindings(tuple(articles), tuple(settings))


def shows_banner(store: Store) -> bool:
    """Whether the window should say that the database holds sample content."""
    mark = read_mark(store)
    if mark is None or mark.banner_dismissed:
        return False
    return bool(find_sample_content(store, Status))


def dismiss_banner(store: Store) -> None:
    """Remember that the user has read the banner; the export still warns."""
    mark = read_mark(store)
    if mark is not None:
        mark.banner_dismissed = True
        store.set_state_value(STATE_KEY, mark.to_json())


def start_own_content(store: Store, site: Site) -> int:
    """Delete the unedited sample articles, keep ``site`` as the settings, drop the mark.

    Articles the office has edited stay. Returns how many sample articles were deleted.
    """
    sample = [article_id for article_id, _ in find_sample_content(store, Status).articles]
    with store.transaction():
        for article_id in sample:
            store.trash_article(article_id)
        deleted = store.delete_forever(sample)
        store.save_site(site)
        store.set_state_value(STATE_KEY, None)
    return deleted


def placeholder_free(site: Site) -> Site:
    """Return ``site`` with each identity setting at its default, for the office to fill in."""
    fresh = Site()
    for key in IDENTITY_SETTINGS:
        site = site.with_value(key, str(getattr(fresh, key)))
    return site


#: The name offered for the office's own database, beside the demo's in the data folder.
OWN_DATABASE_NAME = "本单位网站"


def own_database_path(demo: Path) -> Path:
    """Return a free file name for the office's own database beside the demo database."""
    folder = demo.parent
    candidate = folder / f"{OWN_DATABASE_NAME}.db"
    number = 2
    while candidate.exists():
        candidate = folder / f"{OWN_DATABASE_NAME}-{number}.db"
        number += 1
    return candidate


def create_own_database(
    path: Path,
    site: Site,
    columns: Sequence[Column],
    windows: Mapping[str, int | None] | None = None,
) -> None:
    """Create an empty database at ``path`` with the office's settings, columns and update
    windows (by column name); the demo database it started from is not touched.

    Refuses a file that exists: choosing the demo, or another database, by mistake would
    otherwise lose it.
    """
    from desktop.proofread.selfcheck_store import set_column_windows

    if path.exists():
        raise StoreError(tr("{path} exists already: choose a new file name", path=path))
    fresh = [Column(name=c.name, slug=c.slug, position=c.position) for c in columns]
    store = Store.open(path)
    try:
        store.save_site(site)
        saved = store.save_columns(fresh)
        ids = {column.name: column.id for column in saved if column.id is not None}
        set_column_windows(
            store, {ids[name]: days for name, days in (windows or {}).items() if name in ids}
        )
    finally:
        store.close()
