"""Sample content: the window's first-run demo is marked, and exporting it is refused or asked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.article import Status
from desktop.cli import main
from desktop.demo import open_store, seed_demo
from desktop.sample_content import (
    create_own_database,
    dismiss_banner,
    find_sample_content,
    own_database_path,
    placeholder_free,
    shows_banner,
    start_own_content,
)
from desktop.store import Store, StoreError


@pytest.fixture
def first_run(db_path: Path) -> Store:
    """The database the window creates on its first run."""
    store = open_store(db_path, demo_if_new=True)
    yield store
    store.close()


def test_the_first_run_demo_is_sample_content(first_run: Store) -> None:
    found = find_sample_content(first_run)
    exportable = [
        a for a in first_run.iter_articles() if a.status.value in ("approved", "published")
    ]
    assert len(found.articles) == len(exportable) > 0
    assert ("icp", "澜ICP备00000000号-1") in found.settings
    assert ("phone", "0000-00000000") in found.settings
    assert shows_banner(first_run)
    assert any("澜ICP备00000000号-1" in line for line in found.lines())


def test_a_database_of_ones_own_is_not_sample_content(tmp_path: Path) -> None:
    with Store.open(tmp_path / "own.db") as store:
        seed_demo(store)  # the same articles, imported by the office: not marked
        assert not find_sample_content(store)
        assert not shows_banner(store)


def test_an_edited_article_and_a_changed_setting_are_the_offices_own(first_run: Store) -> None:
    first_id, _ = find_sample_content(first_run).articles[0]
    article = first_run.get_article(first_id)
    first_run.save_article(replace(article, body=article.body + "\n补充一段。\n"))
    first_run.save_site(first_run.site().with_value("icp", "京ICP备12345678号-1"))
    found = find_sample_content(first_run)
    assert first_id not in [i for i, _ in found.articles]
    assert "icp" not in dict(found.settings)
    assert "phone" in dict(found.settings)


def test_only_the_statuses_exported_count(first_run: Store) -> None:
    drafts = find_sample_content(first_run, [Status.DRAFT]).articles
    everything = find_sample_content(first_run, Status).articles
    assert len(everything) == first_run.count_articles() > len(drafts)


def test_dismissing_the_banner_is_remembered_and_the_export_still_warns(db_path: Path) -> None:
    with open_store(db_path, demo_if_new=True) as store:
        dismiss_banner(store)
    with open_store(db_path, demo_if_new=True) as store:
        assert not shows_banner(store)
        assert find_sample_content(store)


def test_starting_ones_own_content_keeps_the_edited_articles(first_run: Store) -> None:
    kept_id, _ = find_sample_content(first_run, Status).articles[0]
    kept = first_run.get_article(kept_id)
    first_run.save_article(replace(kept, title="我们自己的第一篇稿件"))
    site = placeholder_free(first_run.site()).with_value("name", "青禾县总工会")
    start_own_content(first_run, site)
    assert [a.title for a in first_run.iter_articles()] == ["我们自己的第一篇稿件"]
    assert first_run.trash() == []
    assert first_run.site().name == "青禾县总工会" and first_run.site().icp == ""
    assert not find_sample_content(first_run, Status) and not shows_banner(first_run)


def test_the_command_line_refuses_to_export_sample_content(
    first_run: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert main(["--lang", "en", "export", "--db", str(db_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "sample content" in err and "--allow-sample" in err and "澜ICP备00000000号-1" in err
    assert not out.exists()
    assert main(["--lang", "zh_CN", "export", "--db", str(db_path), "--out", str(out)]) == 1
    assert "示例内容" in capsys.readouterr().err
    argv = ["export", "--db", str(db_path), "--out", str(out), "--allow-sample"]
    assert main(argv) == 0
    assert (out / "manifest.json").is_file()


def test_the_command_line_exports_once_the_content_is_the_offices_own(
    first_run: Store, db_path: Path, tmp_path: Path
) -> None:
    site = placeholder_free(first_run.site()).with_value("url", "https://www.qinghe-union.org.cn/")
    start_own_content(first_run, site)
    assert main(["export", "--db", str(db_path), "--out", str(tmp_path / "site")]) == 0


def test_the_offices_own_database_is_new_and_leaves_the_demo_alone(
    first_run: Store, db_path: Path
) -> None:
    own = own_database_path(db_path)
    assert own == db_path.parent / "本单位网站.db"
    site = placeholder_free(first_run.site()).with_value("name", "青禾县总工会")
    create_own_database(own, site, first_run.columns(), {"通知公告": 60, "工会动态": None})
    assert own_database_path(db_path) == db_path.parent / "本单位网站-2.db"
    with Store.open(own) as made:
        assert made.site().name == "青禾县总工会" and made.site().icp == ""
        assert [c.name for c in made.columns()] == [c.name for c in first_run.columns()]
        assert not list(made.iter_articles())
        assert not shows_banner(made) and not find_sample_content(made)
    assert len(list(first_run.iter_articles())) == 14 and shows_banner(first_run)
    with pytest.raises(StoreError, match="exists already"):
        create_own_database(db_path, site, [])
