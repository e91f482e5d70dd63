"""A corpus of damaged databases, made from a good one with deterministic seeds.

``good_database`` builds a real Newsroom database (Chinese articles, columns, pictures,
revisions, the search index), once closed and once with a live write-ahead log copied while
another connection held uncheckpointed writes. ``damaged_copies`` makes the damages a disk,
a USB stick or a careless copy can do to such files: bit flips in the header, in table,
index and overflow pages and in the WAL; truncation at random offsets; zeroed and swapped
pages; a WAL that belongs to another database.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desktop.article import Status
from desktop.pictures import add_picture
from desktop.store import Store
from tests.conftest import make_article
from tests.pictures.images import flat_png, photo

#: The file name suffixes of one database: the file itself, its WAL and its shared memory.
SUFFIXES = ("", "-wal", "-shm")

Files = dict[str, bytes]


@dataclass(frozen=True)
class GoodDatabase:
    """The bytes of a good database's files and where its pages belong."""

    files: Files
    page_size: int
    #: Page numbers (1-based) by kind: "table", "index", "overflow".
    pages: dict[str, list[int]] = field(default_factory=dict)

    @property
    def has_wal(self) -> bool:
        """Whether the copy carries a write-ahead log with frames in it."""
        return len(self.files.get("-wal", b"")) > 32


@dataclass(frozen=True)
class DamagedCopy:
    """One damaged copy: its kind, the seed that made it and the bytes of its files."""

    kind: str
    seed: int
    files: Files

    @property
    def name(self) -> str:
        """A test id: kind and seed."""
        return f"{self.kind}-{self.seed}"


def write_files(files: Files, path: Path) -> None:
    """Write a database's files at ``path`` (and ``path``-wal, -shm), removing absent ones."""
    for suffix in SUFFIXES:
        target = Path(f"{path}{suffix}")
        if suffix in files:
            target.write_bytes(files[suffix])
        else:
            target.unlink(missing_ok=True)


def read_files(path: Path) -> Files:
    """Read the files of the database at ``path`` that exist."""
    found: Files = {}
    for suffix in SUFFIXES:
        target = Path(f"{path}{suffix}")
        if target.exists():
            found[suffix] = target.read_bytes()
    return found


def _fill(store: Store, variant: int) -> None:
    pictures = [add_picture(store, photo(900 + variant * 40, 600), "会场.jpg")]
    pictures.append(add_picture(store, flat_png(300 + variant * 10, 200), "图表.png"))
    statuses = list(Status)
    articles = store.add_articles(
        make_article(
            f"第{n}期职工技能竞赛在澜江举行{'（续）' * (variant + n % 3)}",
            subtitle="——全市各级工会突破300个服务站点" if n % 2 else "",
            column=("工会动态", "基层风采", "通知公告")[n % 3],
            author=f"市总工会组宣部{n}",
            source="澜江市总工会" if n % 2 else "澜江日报",
            status=statuses[n % len(statuses)],
            published_at=dt.datetime(2026, 3, 1, 8, 0) + dt.timedelta(days=n, minutes=variant),
            body=(
                f"**一是抓学习。**会议要求，各级工会要把第{n}项任务落到实处。\n\n"
                + f"![会场]({pictures[n % 2]})\n\n"
                + "职工群众踊跃参与，现场气氛热烈。" * (40 + 60 * (n % 4))
                + "\n"
            ),
        )
        for n in range(14)
    )
    for article in articles[:5]:  # a few saves, so that revisions exist
        article.body += "\n补充：活动得到社会各界好评。\n"
        store.save_article(article)
    site = store.site()
    store.save_site(site.with_value("name", f"澜江市总工会{variant}").with_value("phone", "0571"))


def _page_kinds(path: Path) -> dict[str, list[int]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        types = dict(conn.execute("SELECT name, type FROM sqlite_master"))
        kinds: dict[str, list[int]] = {"table": [], "index": [], "overflow": []}
        for name, page, page_type in conn.execute("SELECT name, pageno, pagetype FROM dbstat"):
            if page_type == "overflow":
                kinds["overflow"].append(page)
            elif types.get(name) == "index" or name.startswith("sqlite_autoindex"):
                kinds["index"].append(page)
            else:
                kinds["table"].append(page)
        return kinds
    finally:
        conn.close()


def good_database(*, live_wal: bool, variant: int = 0) -> GoodDatabase:
    """Build a good database; ``live_wal``: copy its files while uncheckpointed writes exist."""
    with tempfile.TemporaryDirectory(prefix="newsroom-good-") as folder:
        path = Path(folder) / "good.db"
        with Store.open(path) as store:
            _fill(store, variant)
        closed = read_files(path)
        kinds = _page_kinds(path)
        page_size = _page_size(path)
        if not live_wal:
            return GoodDatabase(closed, page_size, kinds)
        with Store.open(path) as store:
            store.database.execute_sql("PRAGMA wal_autocheckpoint = 0")
            for article in store.iter_articles():
                if article.id is not None and article.id % 3 == 0:
                    article.title += "（修订）"
                    article.body = "改写后的正文。" * 30 + "\n"
                    store.save_article(article)
            store.add_article(make_article("WAL里的新文章", body="只在日志里。\n"))
            # Copied as a backup tool or a file manager would while the app is running.
            copy = Path(folder) / "copy"
            copy.mkdir()
            for suffix in SUFFIXES:
                shutil.copyfile(f"{path}{suffix}", copy / f"good.db{suffix}")
            files = read_files(copy / "good.db")
        return GoodDatabase(files, page_size, kinds)


def _page_size(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def _flip_bits(data: bytearray, rng: random.Random, start: int, end: int, count: int) -> None:
    for _ in range(count):
        offset = rng.randrange(start, max(start + 1, min(end, len(data))))
        data[offset] ^= 1 << rng.randrange(8)


def _page_span(good: GoodDatabase, page: int) -> tuple[int, int]:
    return (page - 1) * good.page_size, page * good.page_size


def header_flip(good: GoodDatabase, rng: random.Random) -> Files:
    """Flip one to four bits of the 100-byte file header."""
    data = bytearray(good.files[""])
    _flip_bits(data, rng, 0, 100, rng.randint(1, 4))
    return {**good.files, "": bytes(data)}


def _page_flip(kind: str) -> Callable[[GoodDatabase, random.Random], Files]:
    def damage(good: GoodDatabase, rng: random.Random) -> Files:
        data = bytearray(good.files[""])
        page = rng.choice(good.pages[kind])
        start, end = _page_span(good, page)
        if page == 1:
            start = 100
        _flip_bits(data, rng, start, end, rng.randint(1, 8))
        return {**good.files, "": bytes(data)}

    damage.__doc__ = f"Flip one to eight bits in a {kind} page."
    return damage


def bytes_flipped(good: GoodDatabase, rng: random.Random) -> Files:
    """Invert 200 consecutive bytes somewhere after the first page (the issue's case)."""
    data = bytearray(good.files[""])
    start = rng.randrange(good.page_size, len(data) - 200)
    data[start : start + 200] = bytes(b ^ 0xFF for b in data[start : start + 200])
    return {**good.files, "": bytes(data)}


def wal_flip(good: GoodDatabase, rng: random.Random) -> Files:
    """Flip one to eight bits of the write-ahead log (its header or its frames)."""
    data = bytearray(good.files["-wal"])
    end = 32 if rng.random() < 0.15 else len(data)
    _flip_bits(data, rng, 0, end, rng.randint(1, 8))
    return {**good.files, "-wal": bytes(data)}


def truncate_database(good: GoodDatabase, rng: random.Random) -> Files:
    """Cut the database file at a random offset (a copy that stopped halfway)."""
    data = good.files[""]
    cut = rng.randrange(1, len(data))
    if rng.random() < 0.3:
        cut = max(1, cut - cut % good.page_size)  # at a page boundary, as a file system would
    return {**good.files, "": data[:cut]}


def truncate_wal(good: GoodDatabase, rng: random.Random) -> Files:
    """Cut the write-ahead log at a random offset."""
    data = good.files["-wal"]
    return {**good.files, "-wal": data[: rng.randrange(1, len(data))]}


def zero_pages(good: GoodDatabase, rng: random.Random) -> Files:
    """Fill one to three pages (not the first) with zeros, as a failing disk returns them."""
    data = bytearray(good.files[""])
    count = len(data) // good.page_size
    first = rng.randrange(2, count + 1)
    for page in range(first, min(count, first + rng.randint(1, 3) - 1) + 1):
        start, end = _page_span(good, page)
        data[start:end] = bytes(end - start)
    return {**good.files, "": bytes(data)}


def swap_pages(good: GoodDatabase, rng: random.Random) -> Files:
    """Swap two pages of the database file (blocks written to the wrong place)."""
    data = bytearray(good.files[""])
    count = len(data) // good.page_size
    # Two identical pages (the empty roots of two empty tables) swapped are no damage at all.
    while True:
        first, second = rng.sample(range(1, count + 1), 2)
        a, b = _page_span(good, first), _page_span(good, second)
        if data[a[0] : a[1]] != data[b[0] : b[1]]:
            break
    data[a[0] : a[1]], data[b[0] : b[1]] = data[b[0] : b[1]], data[a[0] : a[1]]
    return {**good.files, "": bytes(data)}


#: Damages of the closed database file, and how many copies of each.
FILE_DAMAGES: dict[str, tuple[Callable[[GoodDatabase, random.Random], Files], int]] = {
    "header-flip": (header_flip, 40),
    "table-page-flip": (_page_flip("table"), 50),
    "index-page-flip": (_page_flip("index"), 40),
    "overflow-page-flip": (_page_flip("overflow"), 20),
    "200-bytes-flipped": (bytes_flipped, 20),
    "truncated": (truncate_database, 30),
    "zeroed-pages": (zero_pages, 25),
    "swapped-pages": (swap_pages, 25),
}

#: Damages of a database copied with its live write-ahead log.
WAL_DAMAGES: dict[str, tuple[Callable[[GoodDatabase, random.Random], Files], int]] = {
    "wal-flip": (wal_flip, 40),
    "wal-truncated": (truncate_wal, 15),
    "wal-db-truncated": (truncate_database, 10),
    "wal-db-page-flip": (_page_flip("table"), 10),
}

#: Copies whose WAL comes from another database.
FOREIGN_WAL_COPIES = 10


def damaged_copies(
    good: GoodDatabase, good_wal: GoodDatabase, other: GoodDatabase
) -> Iterator[DamagedCopy]:
    """Yield every damaged copy, the same bytes on every run."""
    for table, source in ((FILE_DAMAGES, good), (WAL_DAMAGES, good_wal)):
        for kind, (damage, count) in table.items():
            for seed in range(count):
                rng = random.Random(f"{kind}/{seed}")
                yield DamagedCopy(kind, seed, damage(source, rng))
    for seed in range(FOREIGN_WAL_COPIES):
        rng = random.Random(f"foreign-wal/{seed}")
        files = {
            "": good_wal.files[""] if seed % 2 else good.files[""],
            "-wal": other.files["-wal"],
        }
        if rng.random() < 0.5:
            files["-shm"] = other.files["-shm"]
        yield DamagedCopy("foreign-wal", seed, files)
