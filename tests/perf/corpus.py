"""Generated Chinese articles for benchmarks: deterministic, with common and rare words."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from desktop.article import Article, Status

COLUMNS = ["工会动态", "基层风采", "通知公告", "劳模风采", "职工维权"]
AUTHORS = ["市总工会组宣部", "市总工会办公室", "区总工会", "市教育工会", "市卫健工会"]
SOURCES = ["澜江市总工会", "澜江日报", "澜江工人报"]
WORDS = (  # noqa: SIM905 - a list of words is easier to read as one string
    "工会 职工 会议 学习 贯彻 落实 精神 服务 群众 基层 组织 建设 活动 开展 推进 工作 "
    "全市 各级 干部 劳模 工匠 技能 竞赛 培训 帮扶 困难 慰问 权益 保障 安全 生产 企业 "
    "园区 社区 站点 驿站 户外 劳动者 新就业 形态 快递 外卖 货车 司机 女职工 青年 "
    "调研 座谈 部署 总结 表彰 先进 集体 个人 经验 做法 成效 明显 持续 深化 提升 "
    "质量 水平 能力 作风 纪律 党建 引领 思想 政治 文化 阵地 书屋 心理 健康 法律 援助"
).split()
PUNCT = ["，", "，", "，", "。", "；", "、"]
#: Place names that appear in about one article in a thousand (the "rare" search case).
RARE = ["鹭洲湾", "琥珀巷", "翡翠渠", "青檀坞"]


def sentence(rng: random.Random, words: int) -> str:
    """Return a sentence of ``words`` words with full-width punctuation."""
    parts: list[str] = []
    for i in range(words):
        parts.append(rng.choice(WORDS))
        if i and i % rng.randint(3, 6) == 0 and i < words - 1:
            parts.append(rng.choice(PUNCT[:3]))
    return "".join(parts) + "。"


def body(rng: random.Random, chars: int) -> str:
    """Return a Markdown body of about ``chars`` characters with bold lead-ins."""
    paragraphs: list[str] = []
    size = 0
    n = 0
    while size < chars:
        n += 1
        lead = f"**{'一二三四五六七八九十'[n % 10]}是{rng.choice(WORDS)}{rng.choice(WORDS)}。**"
        text = lead + "".join(sentence(rng, rng.randint(8, 20)) for _ in range(3))
        text += f"全年共开展活动{rng.randint(2, 900)}场次，覆盖职工{rng.randint(100, 99999)}人。"
        paragraphs.append(text)
        size += len(text)
    return "\n\n".join(paragraphs) + "\n"


def articles(count: int, seed: int = 7, body_chars: int = 600) -> Iterator[Article]:
    """Yield ``count`` articles spread over ten years, newest last."""
    rng = random.Random(seed)
    start = dt.datetime(2016, 1, 1, 8, 0)
    span = 10 * 365 * 24 * 3600
    for i in range(count):
        text = body(rng, body_chars)
        if i % 997 == 13:  # about one article in a thousand mentions a rare place name
            text += f"\n\n活动在{RARE[i % len(RARE)]}举行。\n"
        yield Article(
            title="".join(rng.choice(WORDS) for _ in range(3)) + "工作" + sentence(rng, 3)[:-1],
            subtitle="——" + sentence(rng, 4)[:-1] if rng.random() < 0.2 else "",
            body=text,
            column=COLUMNS[i % len(COLUMNS)],
            author=rng.choice(AUTHORS),
            source=rng.choice(SOURCES),
            published_at=start + dt.timedelta(seconds=span * i // max(count, 1)),
            status=rng.choice(list(Status)),
            summary=sentence(rng, 8),
            keywords=[rng.choice(WORDS), rng.choice(WORDS)],
        )
