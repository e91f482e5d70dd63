"""The render context of a bundle: every file it will hold, planned before anything is written.

Each planned file knows its path, a fingerprint of everything it is made from (``source``)
and how to render itself. Rendering is deferred so the writer can skip files whose inputs
did not change ("changed only") and so memory holds one page at a time, not the whole site.
"""

from __future__ import annotations

import dataclasses
import functools
import heapq
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from desktop.article import Article, Column
from desktop.export import feeds
from desktop.export.fingerprints import (
    _entry_key,
    _navigation_key,
    article_fingerprint,
    fingerprint,
    frame_fingerprint,
)
from desktop.export.manifest import ArticleRecord
from desktop.export.options import ExportError
from desktop.i18n import tr
from desktop.render import urls
from desktop.render.body_cache import BodySource, edition_body
from desktop.render.editions import SIMPLIFIED, Edition, site_editions
from desktop.render.page import (
    ArticleNavigation,
    Neighbour,
    SiteLink,
    find_column,
    page_context,
    render_list_page,
    render_page,
)
from desktop.render.page import render_article_page as render_article
from desktop.render.page_check import UnsafePage
from desktop.resources import resource_path
from desktop.site import Site

#: The page a web server shows for a missing URL (configure it as the server's 404 page).
NOT_FOUND = "404.html"
#: Title of the home list.
HOME_TITLE = "最新文章"
#: Title of the page listing every keyword.
TAGS_TITLE = "关键词"
#: Related articles (sharing keywords) shown under an article, at most.
RELATED_ARTICLES = 5


@dataclass(frozen=True)
class ListPlace:
    """Where a list page sits: its breadcrumb parent, its column's months, a keyword index."""

    parent: SiteLink | None = None
    archive: tuple[SiteLink, ...] = ()
    tag_cloud: tuple[SiteLink, ...] = ()


@dataclass(frozen=True)
class PageJob:
    """A page to render, as plain data, so that another process can render it too."""

    edition: Edition
    article: Article | None = None  # an article page; otherwise a list page:
    title: str = ""
    members: tuple[Article, ...] = ()
    path: str = ""  # the list page's simplified path
    page: int = 1
    pages: int = 1
    column: Column | None = None
    navigation: ArticleNavigation | None = None  # an article page's links to others
    place: ListPlace = ListPlace()

    def render(
        self, site: Site, columns: Sequence[Column], bodies: BodySource = edition_body
    ) -> bytes:
        """Return the page's bytes; a page refused by the safety check stops the export.

        ``bodies`` gives an article page its body's HTML (the export's cache of them).
        """
        try:
            return self._render(site, columns, bodies)
        except UnsafePage as exc:
            raise ExportError(str(exc)) from None

    def _render(self, site: Site, columns: Sequence[Column], bodies: BodySource) -> bytes:
        if self.article is not None:
            return _utf8(
                render_article(
                    self.article,
                    site,
                    columns,
                    edition=self.edition,
                    navigation=self.navigation,
                    bodies=bodies,
                )
            )
        return _utf8(
            render_list_page(
                self.title,
                self.members,
                site,
                columns,
                self.path,
                self.page,
                self.pages,
                current_column=self.column,
                edition=self.edition,
                parent=self.place.parent,
                archive=self.place.archive,
                tag_cloud=self.place.tag_cloud,
            )
        )


@dataclass(frozen=True)
class PlannedFile:
    """One file of the bundle to be: path, fingerprint of its inputs, and how to render it."""

    path: str
    source: str
    render: Callable[[], bytes]
    job: PageJob | None = None  # set for pages, which may be rendered in another process


@dataclass
class BundlePlan:
    """Everything an export writes, decided up front: articles, list pages, feeds, static files."""

    site: Site
    columns: list[Column]
    articles: list[Article]  # newest first, as the lists show them
    files: list[PlannedFile]
    #: Each article's 上一篇, 下一篇 and related articles by id (0: none), for a later re-export.
    links: dict[int, tuple[int, int, tuple[int, ...]]] = dataclasses.field(default_factory=dict)
    feed_ids: tuple[int, ...] = ()  # the articles the feed shows

    def article_records(self) -> list[ArticleRecord]:
        """Return the manifest's list of articles."""
        return [
            ArticleRecord(
                id=a.id or 0,
                title=a.title,
                date=a.date_text,
                path=urls.article_path(a),
                column=a.column,
                status=a.status.value,
            )
            for a in self.articles
        ]


def newest_first(articles: Sequence[Article]) -> list[Article]:
    """Return articles in list order: newest publication first, then highest id."""
    return sorted(articles, key=lambda a: (a.published_at, a.id or 0), reverse=True)


def stylesheet_bytes() -> bytes:
    """Return the site stylesheet as shipped."""
    return resource_path("css", "site.css").read_bytes()


def render_not_found_page(site: Site, columns: Sequence[Column]) -> str:
    """Return the 404 page: the site frame with a short message and a way home."""
    context = page_context(site, columns, NOT_FOUND)
    context.update(title="页面不存在", description=f"页面不存在 - {site.name}")
    return render_page("404.html", context, SIMPLIFIED, "the 404 page")


def plan_bundle(
    articles: Sequence[Article],
    site: Site,
    columns: Sequence[Column],
    inputs: Mapping[int, str] | None = None,
) -> BundlePlan:
    """Plan every file of the bundle for these articles, site settings and columns.

    With ``site.traditional`` on, every list and article page is planned a second time in the
    繁體 edition under ``zh-hant/``; the stylesheet, 404 page, sitemap and feed are shared.
    ``inputs`` gives articles' :func:`article_fingerprint` by id (known from an earlier
    export), so that articles read without their bodies can be planned: the export reads the
    whole article only for a page it renders.
    """
    known = inputs or {}

    def inputs_of(article: Article) -> str:
        found = known.get(article.id or 0)
        return found if found is not None else article_fingerprint(article)

    base = feeds.site_base_url(site)
    columns = list(columns)
    ordered = newest_first(articles)
    frame = frame_fingerprint(site, columns)
    files: list[PlannedFile] = []
    editions = site_editions(site)

    def add(path: str, source: str, render: Callable[[], bytes]) -> None:
        files.append(PlannedFile(path, source, render))

    def add_page(path: str, source: str, job: PageJob) -> None:
        files.append(PlannedFile(path, source, lambda: job.render(site, columns), job))

    css = stylesheet_bytes()
    add(urls.STYLESHEET, fingerprint(css.hex()), lambda: css)
    add(
        NOT_FOUND,
        fingerprint(frame, NOT_FOUND),
        lambda: _utf8(render_not_found_page(site, columns)),
    )

    sorted_columns = sorted(columns, key=lambda c: (c.position, c.name))
    members = {
        column.id: [a for a in ordered if find_column(a.column, columns) == column]
        for column in sorted_columns
    }
    months = {column.id: _months(column, members[column.id]) for column in sorted_columns}
    tags = _keywords(ordered)
    # What a list shows of each article, fingerprinted once for the several lists it is in.
    entry_keys = {a.id or 0: _entry_key(a) for a in ordered}
    link_ids: dict[int, tuple[int, int, tuple[int, ...]]] = {}
    navigation = _navigation(ordered, members, tags, link_ids)
    tag_cloud = tuple(SiteLink(keyword, urls.tag_path(keyword)) for keyword in tags)
    list_firsts = [urls.home_path(), *(urls.column_path(c) for c in sorted_columns)]
    list_firsts += [path for column in sorted_columns for path, _, _ in months[column.id]]
    if tags:
        list_firsts += [urls.TAGS_INDEX, *(link.path for link in tag_cloud)]
    for edition in editions:
        key = edition.key()
        plan_list = functools.partial(_plan_list, add_page, entry_keys, frame, key, site, edition)
        plan_list(HOME_TITLE, ordered, urls.home_path(), None)
        for column in sorted_columns:
            archive = tuple(SiteLink(name, path) for path, name, _ in months[column.id])
            column_link = SiteLink(column.name, urls.column_path(column))
            plan_list(
                column.name,
                members[column.id],
                column_link.path,
                column,
                ListPlace(archive=archive),
            )
            for path, name, chunk in months[column.id]:
                place = ListPlace(parent=column_link, archive=archive)
                plan_list(name, chunk, path, column, place)
        if tags:
            plan_list(TAGS_TITLE, [], urls.TAGS_INDEX, None, ListPlace(tag_cloud=tag_cloud))
            parent = SiteLink(TAGS_TITLE, urls.TAGS_INDEX)
            for keyword, tagged in tags.items():
                plan_list(keyword, tagged, urls.tag_path(keyword), None, ListPlace(parent=parent))
        for article in ordered:
            links = navigation.get(article.id or 0)
            add_page(
                edition.path(urls.article_path(article)),
                fingerprint(frame, key, inputs_of(article), _navigation_key(links)),
                PageJob(edition, article, navigation=links),
            )

    traditional = [e for e in editions if e.variant is not None]
    prefix = traditional[0].prefix if traditional else ""
    sitemap_inputs = [(urls.article_path(a), a.date_text) for a in ordered]
    add(
        urls.SITEMAP,
        fingerprint(frame, base, list_firsts, sitemap_inputs, prefix),
        lambda: _utf8(feeds.sitemap_xml(base, list_firsts, ordered, prefix)),
    )
    robots = feeds.robots_txt(base)
    add(urls.ROBOTS, fingerprint(robots), lambda: _utf8(robots))
    newest = ordered[: feeds.FEED_ITEMS]
    add(
        feeds.FEED,
        fingerprint(frame, base, [inputs_of(a) for a in newest]),
        lambda: _utf8(feeds.feed_xml(base, site, newest)),
    )
    _check_unique(files)
    feed_ids = tuple(a.id or 0 for a in newest)
    return BundlePlan(site, columns, ordered, files, link_ids, feed_ids)


def _plan_list(
    add_page: Callable[[str, str, PageJob], None],
    entry_keys: Mapping[int, str],
    frame: str,
    key: str,
    site: Site,
    edition: Edition,
    title: str,
    members: Sequence[Article],
    first: str,
    column: Column | None,
    place: ListPlace = ListPlace(),
) -> None:
    """Plan every page of one list (home, column, month, keyword); an empty list has one page."""
    size = max(1, site.page_size)
    pages = max(1, -(-len(members) // size))
    # A month's list repeats the column's hundred months on every page: fingerprinted once.
    place_key = fingerprint(_place_key(place))
    for page in range(1, pages + 1):
        chunk = tuple(members[(page - 1) * size : page * size])
        path = urls.list_page_path(first, page)
        entries = [entry_keys[a.id or 0] for a in chunk]
        source = fingerprint(
            frame, key, title, path, page, pages, column and column.id, entries, place_key
        )
        job = PageJob(edition, None, title, chunk, path, page, pages, column, place=place)
        add_page(edition.path(path), source, job)


def _place_key(place: ListPlace) -> object:
    """Return a list page's place (parent, months, keywords) as plain data."""
    return (
        place.parent and (place.parent.name, place.parent.path),
        [(link.name, link.path) for link in place.archive],
        [(link.name, link.path) for link in place.tag_cloud],
    )


def _months(column: Column, members: Sequence[Article]) -> list[tuple[str, str, list[Article]]]:
    """Return a column's month archives, newest first: (first page path, name, articles)."""
    by_month: dict[tuple[int, int], list[Article]] = {}
    for article in members:  # newest first, so each month's list is too
        stamp = article.published_at
        by_month.setdefault((stamp.year, stamp.month), []).append(article)
    return [
        (urls.archive_path(column, year, month), f"{year}年{month}月", chunk)
        for (year, month), chunk in by_month.items()
    ]


def _keywords(ordered: Sequence[Article]) -> dict[str, list[Article]]:
    """Return every keyword with its articles (newest first), keywords by how often used."""
    tagged: dict[str, list[Article]] = {}
    for article in ordered:
        for keyword in dict.fromkeys(" ".join(k.split()) for k in article.keywords):
            if keyword:
                tagged.setdefault(keyword, []).append(article)
    return dict(sorted(tagged.items(), key=lambda item: (-len(item[1]), item[0])))


def _navigation(
    ordered: Sequence[Article],
    members: dict[int | None, list[Article]],
    tags: dict[str, list[Article]],
    links: dict[int, tuple[int, int, tuple[int, ...]]] | None = None,
) -> dict[int, ArticleNavigation]:
    """Return each article's 上一篇/下一篇 in its column and its related articles.

    ``links`` (when given) receives the same by id: newer, older (0 for none), related.
    """
    neighbour_of: dict[int, Neighbour] = {}

    def neighbour(article: Article) -> Neighbour:
        found = neighbour_of.get(article.id or 0)
        if found is None:
            found = neighbour_of[article.id or 0] = Neighbour.of(article)
        return found

    neighbours: dict[int, tuple[Neighbour | None, Neighbour | None]] = {}
    sides: dict[int, tuple[int, int]] = {}
    for column_members in members.values():
        last = len(column_members) - 1
        for index, article in enumerate(column_members):
            newer = neighbour(column_members[index - 1]) if index > 0 else None
            older = neighbour(column_members[index + 1]) if index < last else None
            neighbours[article.id or 0] = (newer, older)
            sides[article.id or 0] = (
                column_members[index - 1].id or 0 if index > 0 else 0,
                column_members[index + 1].id or 0 if index < last else 0,
            )
    rank = {article.id or 0: position for position, article in enumerate(ordered)}
    # Each keyword's articles by list position (newest first), and as a set for intersections.
    ranks = {keyword: [rank[a.id or 0] for a in tagged] for keyword, tagged in tags.items()}
    rank_sets = {keyword: set(positions) for keyword, positions in ranks.items()}
    navigation: dict[int, ArticleNavigation] = {}
    for position, article in enumerate(ordered):
        keywords = sorted(k for k in {" ".join(k.split()) for k in article.keywords} if k in ranks)
        best = _related(position, keywords, ranks, rank_sets)
        related = tuple(neighbour(ordered[other]) for other in best)
        newer, older = neighbours.get(article.id or 0, (None, None))
        if links is not None:
            newer_id, older_id = sides.get(article.id or 0, (0, 0))
            links[article.id or 0] = (newer_id, older_id, tuple(ordered[o].id or 0 for o in best))
        if newer or older or related:
            navigation[article.id or 0] = ArticleNavigation(newer, older, related)
    return navigation


def _related(
    position: int,
    keywords: Sequence[str],
    ranks: dict[str, list[int]],
    rank_sets: dict[str, set[int]],
) -> list[int]:
    """Return the list positions of an article's related articles: most keywords in common
    first, then the newest, at most ``RELATED_ARTICLES``.

    Counting every article that shares a keyword costs a thousand steps per article on a large
    site; only articles sharing two or more keywords need counting (set intersections), and the
    rest, which share one, are taken newest first from the keywords' lists until enough.
    """
    if not keywords:
        return []
    shared: dict[int, int] = {}
    for first, second in itertools.combinations(keywords, 2):
        for other in rank_sets[first] & rank_sets[second]:
            shared[other] = 0
    shared.pop(position, None)
    for other in shared:
        shared[other] = sum(other in rank_sets[k] for k in keywords)
    best = sorted(shared, key=lambda other: (-shared[other], other))[:RELATED_ARTICLES]
    if len(best) < RELATED_ARTICLES:
        chosen = set(best)
        chosen.add(position)
        for other in heapq.merge(*(ranks[k] for k in keywords)):
            if other not in chosen:
                chosen.add(other)
                best.append(other)
                if len(best) == RELATED_ARTICLES:
                    break
    return best


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


def _check_unique(files: Sequence[PlannedFile]) -> None:
    seen: set[str] = set()
    for planned in files:
        if planned.path in seen:
            raise ExportError(
                tr("two files of the bundle would have the same path {path!r}", path=planned.path)
            )
        seen.add(planned.path)
