"""Chinese substring search: 1-, 2- and 4-character queries, newest first, always in step."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.store import ListQuery, Store
from desktop.store.location import ServerAddress
from desktop.store.migrations import migrate_server
from desktop.store.postgres import ServerDatabase
from desktop.store.search import index_terms, index_text, match_expression, month_windows
from tests.conftest import make_article
from tests.pg_server import ThrowawayServer

DAY = dt.timedelta(days=1)
START = dt.datetime(2026, 1, 1, 9, 0)


def titles(store: Store, text: str) -> list[str]:
    return [a.title for a in store.search(text)]


def test_one_two_and_four_character_queries(store: Store) -> None:
    store.add_articles(
        [
            make_article("职工技能大赛开幕", body="全市职工踊跃参赛。\n", published_at=START),
            make_article("劳模事迹报告会", body="赵建军讲述焊接故事。\n", published_at=START + DAY),
            make_article(
                "送温暖活动启动", body="走访困难职工家庭。\n", published_at=START + 2 * DAY
            ),
        ]
    )
    assert titles(store, "焊") == ["劳模事迹报告会"]
    assert titles(store, "职工") == ["送温暖活动启动", "职工技能大赛开幕"]
    assert titles(store, "技能大赛") == ["职工技能大赛开幕"]
    assert titles(store, "困难职工") == ["送温暖活动启动"]
    assert titles(store, "大赛开") == ["职工技能大赛开幕"]
    assert titles(store, "赛开幕劳") == []


def test_every_searchable_field(store: Store) -> None:
    store.add_article(
        make_article(
            "标题甲",
            subtitle="——副题乙",
            body="正文丙。\n",
            author="作者丁",
            source="来源戊",
            summary="摘要己",
        )
    )
    for word in ("标题甲", "副题乙", "正文丙", "作者丁", "来源戊"):
        assert titles(store, word) == ["标题甲"], word
    assert titles(store, "摘要己") == []  # the summary repeats the body; it is not searched


def test_newest_first_by_publication_date(store: Store) -> None:
    dates = [START + 5 * DAY, START, START + 9 * DAY, START + 2 * DAY]
    store.add_articles([make_article(f"工会新闻{i}", published_at=d) for i, d in enumerate(dates)])
    assert titles(store, "工会") == ["工会新闻2", "工会新闻0", "工会新闻3", "工会新闻1"]


def test_digits_latin_and_punctuation(store: Store) -> None:
    store.add_article(
        make_article("服务站点突破300个", body="开展Workshop培训，覆盖2026名职工。\n")
    )
    assert titles(store, "突破300") == ["服务站点突破300个"]
    assert titles(store, "00个") == ["服务站点突破300个"]
    assert titles(store, "worksh") == ["服务站点突破300个"]
    assert titles(store, "培训，覆盖") == ["服务站点突破300个"]
    assert titles(store, "训覆") == []  # a comma stands between them
    assert titles(store, "  ") == []
    assert titles(store, '"') == []


def test_hostile_queries_do_not_break_the_query_language(store: Store) -> None:
    store.add_article(make_article("正常标题"))
    for query in ['"', "*", "AND OR NOT", "title:工会", "(", "NEAR(a b)", '工会"会议', "^工"]:
        store.search(query)  # must not raise


def test_index_follows_every_write(store: Store) -> None:
    article = store.add_article(make_article("旧标题"))
    assert titles(store, "旧标") == ["旧标题"]
    article.title = "新标题"
    article = store.save_article(article)
    assert titles(store, "旧标") == [] and titles(store, "新标") == ["新标题"]
    article.published_at = START - 300 * DAY
    article = store.save_article(article)
    assert titles(store, "新标") == ["新标题"]
    store.trash_article(article.id)
    assert titles(store, "新标") == []
    store.restore_article(article.id)
    assert titles(store, "新标") == ["新标题"]
    # Writes that bypass the store's methods keep the index in step too (triggers).
    store.database.execute_sql(
        "UPDATE article SET body = '直接写入的正文' WHERE id = ?", (article.id,)
    )
    assert titles(store, "直接写入") == ["新标题"]
    store.database.execute_sql("DELETE FROM article WHERE id = ?", (article.id,))
    assert titles(store, "新标") == []
    # Nothing of the deleted article stays in the index.
    left = (
        "SELECT count(*) FROM article_search"
        if store.is_server
        else "SELECT count(*) FROM article_search WHERE article_search MATCH ?"
    )
    params = () if store.is_server else (match_expression("标"),)
    assert store.database.execute_sql(left, params).fetchone()[0] == 0


def test_search_combines_with_filters_and_pages(store: Store) -> None:
    store.add_articles(
        [
            make_article(
                f"工会稿件{i}",
                column="工会动态" if i % 2 else "通知公告",
                published_at=START + i * DAY,
            )
            for i in range(25)
        ]
    )
    query = ListQuery(text="稿件", column="工会动态", limit=5)
    seen: list[str] = []
    while True:
        page = store.list_articles(query)
        seen += [a.title for a in page.items]
        if page.next_cursor is None:
            break
        query = ListQuery(text="稿件", column="工会动态", limit=5, after=page.next_cursor)
    assert seen == [f"工会稿件{i}" for i in range(23, 0, -2)]
    ranged = store.list_articles(
        ListQuery(text="工会", date_from=(START + 3 * DAY).date(), date_to=(START + 5 * DAY).date())
    )
    assert [a.title for a in ranged.items] == ["工会稿件5", "工会稿件4", "工会稿件3"]


def test_index_text_spaces_cjk_and_digits() -> None:
    assert index_text("工会2026年Union") == " 工  会  2  0  2  6  年 Union"
    assert match_expression("工会") == '"工 会"'
    assert match_expression("uni") == '"uni" *'
    assert match_expression("   ") is None


CJK = st.sampled_from(list("工会职工劳模技能大赛开幕送温暖活动启动困难家庭基层服务站点"))
TEXT = st.lists(st.one_of(CJK, st.sampled_from(list("，。0123"))), min_size=1, max_size=30).map(
    "".join
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(bodies=st.lists(TEXT, min_size=1, max_size=6), data=st.data())
def test_search_agrees_with_substring_containment(store: Store, bodies: list[str], data) -> None:
    """Whatever the texts, a query finds exactly the articles that contain it."""
    store.database.execute_sql("DELETE FROM article")
    stored = store.add_articles(
        [
            make_article(f"稿{i}", body=b, author="", source="", published_at=START + i * DAY)
            for i, b in enumerate(bodies)
        ]
    )
    source = data.draw(st.sampled_from(bodies))
    start = data.draw(st.integers(0, len(source) - 1))
    query = source[start : start + data.draw(st.integers(1, 4))]
    if not any("\u4e00" <= c <= "\u9fff" or c.isdigit() for c in query):
        return
    expected = [a.id for a in reversed(stored) if query in a.body or query in a.title]
    assert [a.id for a in store.search(query)] == expected


def test_a_phrase_at_the_end_of_a_very_long_article_is_found(store: Store) -> None:
    # 300,000 characters: far past any per-document position limit an index might have.
    body = "的工作会议要求，" * 37_500 + "鹭洲湾职工书屋揭牌。\n"
    store.add_article(make_article("长文", body=body))
    assert titles(store, "鹭洲湾职工书屋") == ["长文"]
    assert titles(store, "会议要求") == ["长文"]
    assert titles(store, "书屋揭牌，") == []


# The server searches in date order a few months at a time (growing windows from the newest
# month back); these spread articles over many months so every page crosses windows.


def _spread(store: Store, count: int, every: int) -> list[int]:
    """Add ``count`` articles ``every`` days apart (several months), oldest first; their ids."""
    stored = store.add_articles(
        [
            make_article(
                f"职工书屋第{i}期" if i % 3 else f"劳模工作室第{i}期",
                body="鹭洲湾职工书屋开放。\n" if i % 10 == 4 else "基层工会开展读书活动。\n",
                column="工会动态" if i % 2 else "基层风采",
                published_at=START + i * every * DAY,
            )
            for i in range(count)
        ]
    )
    return [a.id for a in stored]


def _all_pages(store: Store, query: ListQuery) -> list[int]:
    seen: list[int] = []
    while True:
        page = store.list_articles(query)
        seen += [a.id for a in page.items]
        if page.next_cursor is None:
            return seen
        query = replace(query, after=page.next_cursor)


def test_a_common_word_pages_newest_first_across_months(store: Store) -> None:
    ids = _spread(store, 60, every=9)  # eighteen months
    newest_first = list(reversed(ids))
    assert _all_pages(store, ListQuery(text="工会", limit=7)) == newest_first
    assert (
        _all_pages(store, ListQuery(text="读书活动", limit=7))
        == [i for n, i in enumerate(ids) if n % 10 != 4][::-1]
    )
    assert _all_pages(store, ListQuery(text="工会", limit=7, descending=False)) == ids
    # Page 2 starts right after the cursor, mid-month or on a month's boundary alike.
    first = store.list_articles(ListQuery(text="书屋", limit=4))
    assert first.next_cursor is not None
    second = store.list_articles(ListQuery(text="书屋", limit=4, after=first.next_cursor))
    books = [i for n, i in enumerate(ids) if n % 3 or n % 10 == 4][::-1]
    assert [a.id for a in first.items + second.items] == books[:8]
    assert store.count_articles(ListQuery(text="工会")) == 60
    assert store.count_articles(ListQuery(text="书屋")) == len(books)


def test_a_rare_word_is_found_in_every_month(store: Store) -> None:
    ids = _spread(store, 60, every=9)
    rare = [i for n, i in enumerate(ids) if n % 10 == 4][::-1]
    assert [a.id for a in store.search("鹭洲湾")] == rare
    assert store.count_articles(ListQuery(text="鹭洲湾")) == 6
    # With filters, a date range and a page size smaller than the matches.
    query = ListQuery(text="鹭洲湾", limit=2, date_to=(START + 400 * DAY).date())
    assert (
        _all_pages(store, query)
        == [i for n, i in enumerate(ids) if n % 10 == 4 and n * 9 <= 400][::-1]
    )
    query = ListQuery(text="工会", column="基层风采", date_from=(START + 100 * DAY).date())
    assert (
        _all_pages(store, replace(query, limit=3))
        == [i for n, i in enumerate(ids) if n % 2 == 0 and n * 9 >= 100][::-1]
    )


def test_a_new_publication_date_moves_the_article_in_the_results(store: Store) -> None:
    ids = _spread(store, 30, every=20)
    article = store.get_article(ids[0])
    article.published_at = START + 2000 * DAY
    store.save_article(article)
    assert [a.id for a in store.search("工会")][:2] == [ids[0], ids[-1]]
    # A date written past the store (another program, a repair) is followed too.
    store.database.execute_sql(
        "UPDATE article SET published_at = ? WHERE id = ?",
        (str(START - 500 * DAY), ids[1]),
    )
    assert [a.id for a in store.search("工会")][-2:] == [ids[2], ids[1]]
    assert [a.id for a in store.search("工会", limit=1)] == [ids[0]]


def test_a_server_index_from_before_months_is_upgraded(pg_server: ThrowawayServer) -> None:
    url = pg_server.database()
    database = ServerDatabase(ServerAddress.parse(url))
    migrate_server(database, target=9)
    dates = [START + n * 40 * DAY for n in (3, 0, 7, 5)]
    for n, published in enumerate(dates):
        fields = (f"职工之家第{n}期", "", "基层工会建家活动。", "", "")
        database.execute_sql(
            "INSERT INTO article (title, body, published_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (fields[0], fields[2], str(published), str(START), str(START)),
        )
        terms, lines = index_terms(fields)
        database.execute_sql(
            "INSERT INTO article_search (article_id, terms, lines) "
            "VALUES (currval('article_id_seq'), ?, ?)",
            (terms, lines),
        )
    database.execute_sql("DELETE FROM article_search_stale")  # indexed as version 9 did
    database.close()
    with Store.open(url) as store:
        assert titles(store, "工会") == [
            "职工之家第2期",
            "职工之家第3期",
            "职工之家第0期",
            "职工之家第1期",
        ]
        assert titles(store, "之家第3") == ["职工之家第3期"]
        unmonthed = "SELECT count(*) FROM article_search WHERE published_at = ''"
        assert store.database.execute_sql(unmonthed).fetchone()[0] == 0


def test_month_windows_start_at_the_page_end_and_double() -> None:
    windows = list(month_windows("2024-02-10", "2025-01-31 08:00:00", start="2024-11-03"))
    assert [len(w) for w in windows] == [3, 9]
    assert windows[0] == ["2025-01", "2024-12", "2024-11"] and windows[-1][-1] == "2024-02"
    assert list(month_windows("2024-02-10", "2024-04-01", descending=False)) == [
        ["2024-02"],
        ["2024-03", "2024-04"],
    ]
    assert list(month_windows("2025-02-01", "2025-01-31")) == []
