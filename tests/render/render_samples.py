"""Articles, columns and site settings shared by the rendering tests (text written for them)."""

from __future__ import annotations

import datetime as dt

from desktop.article import Article, Column, Status
from desktop.site import Site

REPORT_BODY = """\
**“凝心聚力”。**全市各级工会围绕中心、服务大局，组织开展主题宣讲活动126场，覆盖职工3.2万人次。

**一是抓学习。**市总工会党组坚持“第一议题”制度，全年开展集中学习12次。

**二是强服务。**新建户外劳动者服务站点38个，累计服务快递员、外卖送餐员等新就业形态劳动者5万余人次。

## 主要做法

1. 建立“工会+”协作机制；
2. 推行“一站式”维权服务；
3. 开展“送温暖”专项行动。

| 项目 | 数量 | 覆盖人数 |
|:-----|:----:|------:|
| 技能竞赛 | 24项 | 6800人 |
| 职工书屋 | 57个 | 1.2万人 |

![职工技能竞赛现场](../../../media/2024/05/contest.jpg){: width=600 height=400 title="技能竞赛"}

下一步，市总工会将~~继续~~持续深化产业工人队伍建设改革[^1]。

[^1]: 见《关于深化产业工人队伍建设改革的实施意见》。
"""


def columns() -> list[Column]:
    """Return the columns of the sample site, deliberately out of position order."""
    return [
        Column(name="通知公告", slug="notices", position=3, id=3),
        Column(name="工会动态", slug="union-news", position=1, id=1),
        Column(name="基层风采", slug="grassroots", position=2, id=2),
    ]


def full_site() -> Site:
    """Return site settings with every footer field filled in."""
    return Site(
        name="澜江市总工会",
        url="https://www.ljzgh.example.cn/",
        sponsor="澜江市总工会",
        address="澜江市滨江路88号",
        postcode="330100",
        phone="0571-12351",
        email="zgh@ljzgh.example.cn",
        icp="浙ICP备12345678号-1",
        police_icp="浙公网安备33010002000001号",
        site_code="3301000001",
        support="澜江市大数据中心",
        maintainer="澜江市总工会办公室",
        copyright="",
        page_size=20,
    )


def bare_site() -> Site:
    """Return site settings with only a name: the footer shows no optional lines."""
    return Site(name="某区总工会")


def report_article() -> Article:
    """Return a report-style article with every field the page shows."""
    return Article(
        title="澜江市总工会召开2024年工作推进会",
        body=REPORT_BODY,
        kicker="凝聚奋进力量 建功新的征程",
        subtitle="——全市工会系统部署下半年重点工作",
        column="工会动态",
        author="市总工会组宣部",
        source="澜江市总工会",
        published_at=dt.datetime(2024, 5, 6, 9, 30),
        summary="5月6日，澜江市总工会召开2024年工作推进会，部署下半年重点工作。",
        keywords=["工会", "工作推进会", "产业工人"],
        status=Status.APPROVED,
        id=123,
    )


def minimal_article() -> Article:
    """Return an article with only a title and a short body, in a column the site lacks."""
    return Article(
        title="关于做好2025年春节期间困难职工帮扶工作的通知",
        body="各基层工会：\n\n现就有关事项通知如下。\n",
        column="临时栏目",
        published_at=dt.datetime(2025, 1, 15, 16, 0),
        id=7,
    )
