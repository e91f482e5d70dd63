"""The sample site for export tests: the demo content plus hostile titles, a table, a list and
a picture (a real PNG made here, in a media folder of its own)."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

from desktop.article import Article, Status
from desktop.demo import seed_demo
from desktop.store import Store

PICTURE = "media/2026/05/photo.png"

HOSTILE_TITLES = [
    "../../etc/passwd",
    "CON",
    "AUX.html/../NUL",
    "<script>alert(1)</script>“引号”标题",
    "职工" * 150,  # 300 characters of Chinese
]

TABLE_AND_LIST = """\
**“一站式”服务。**全市建成服务站点38个。

1. 建立“工会+”协作机制；
2. 推行“一站式”维权服务；
    - 法律咨询
    - 劳动争议调解

| 项目 | 数量 | 覆盖人数 |
|:-----|:----:|------:|
| 技能竞赛 | 24项 | 6800人 |
| 职工书屋 | 57个 | 1.2万人 |

<script>alert("x")</script><a href="#top" onclick="alert(2)">回到顶部</a>[本地文件](file:///etc/passwd)
"""


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """Return a small valid red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\xb2\x14\x1c" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def extra_articles() -> list[Article]:
    """Return the articles added to the demo content for the export tests."""
    extra = [
        Article(
            title=title,
            body=f"第{n}篇测试文章。\n",
            column="工会动态",
            author="市总工会办公室",
            published_at=dt.datetime(2026, 4, 1 + n, 10, 0),
            status=Status.APPROVED,
            summary="标题含有路径字符与保留名的测试文章。",
        )
        for n, title in enumerate(HOSTILE_TITLES)
    ]
    extra.append(
        Article(
            title="户外劳动者服务站点建设情况一览",
            body=TABLE_AND_LIST,
            column="基层风采",
            author="（市总工会权益保障部）",
            published_at=dt.datetime(2026, 5, 20, 9, 0),
            status=Status.PUBLISHED,
        )
    )
    extra.append(
        Article(
            title="职工技能竞赛现场图片",
            body="![竞赛现场](../../../media/2026/05/photo.png)\n\n比赛现场气氛热烈。\n",
            column="劳模风采",
            published_at=dt.datetime(2026, 5, 21, 9, 0),
            status=Status.PUBLISHED,
        )
    )
    extra.append(
        Article(
            title="一篇仍在草稿中的文章",
            body="草稿。\n",
            column="工会动态",
            published_at=dt.datetime(2026, 5, 22, 9, 0),
            status=Status.DRAFT,
        )
    )
    return extra


def fill_sample_site(store: Store) -> None:
    """Seed the demo content and the extra articles into an empty store."""
    seed_demo(store)
    store.add_articles(extra_articles())


def make_media_folder(root: Path) -> Path:
    """Create a media folder holding the one picture the sample pages use; return it."""
    picture = root / PICTURE
    picture.parent.mkdir(parents=True)
    picture.write_bytes(png_bytes())
    return root


def read_tree(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` by its POSIX path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
