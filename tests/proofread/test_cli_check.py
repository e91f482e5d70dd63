"""``newsroom check`` as a user runs it: in a separate process."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.store import Store
from tests.conftest import make_article
from tests.test_cli import newsroom


def _db(tmp_path: Path, *bodies: str) -> tuple[Path, list[int]]:
    db = tmp_path / "check.db"
    with Store.open(db) as store:
        ids = [store.add_article(make_article(body=b)).id for b in bodies]
    return db, [i for i in ids if i is not None]


def test_clean_articles_exit_zero(tmp_path: Path) -> None:
    db, _ = _db(tmp_path, "突破300个服务站点。\n")
    result = newsroom("check", db=db)
    assert result.returncode == 0
    assert "no problems" in result.stdout


def test_minor_problems_exit_zero_and_are_printed(tmp_path: Path) -> None:
    db, ids = _db(tmp_path, "会议要求,全市各级工会。\n")
    result = newsroom("check", db=db)
    assert result.returncode == 0
    assert f"{ids[0]}\tbody:1:5\tminor\thalf-width-punctuation\t','" in result.stdout
    assert "'，'" in result.stdout


def test_serious_problem_exits_one_with_json_fields(tmp_path: Path) -> None:
    db, ids = _db(tmp_path, "突破300个。\n", "第一段。\n\n大家再接再励,好。\n")
    result = newsroom("check", "--json", db=db, check=False)
    assert result.returncode == 1, result.stderr
    problems = json.loads(result.stdout)
    assert {p["article_id"] for p in problems} == {ids[1]}
    serious = next(p for p in problems if p["severity"] == "serious")
    assert serious == {
        "article_id": ids[1],
        "title": "市总工会召开全委会议",
        "line": 3,
        "column": 3,
        "kind": "common-error",
        "severity": "serious",
        "field": "body",
        "start": 8,
        "end": 12,
        "text": "再接再励",
        "suggestion": "再接再厉",
        "message": serious["message"],
        "key": serious["key"],
    }


def test_only_the_ids_given_are_checked(tmp_path: Path) -> None:
    db, ids = _db(tmp_path, "突破300个。\n", "内部资料。\n")
    assert newsroom("check", str(ids[0]), db=db).returncode == 0
    assert newsroom("check", str(ids[1]), db=db, check=False).returncode == 1
    missing = newsroom("check", "999", db=db, check=False)
    assert missing.returncode == 1 and "999" in missing.stderr


def test_a_broken_check_is_reported_per_article_without_a_traceback(
    store, db_path, capsys, monkeypatch
) -> None:
    import desktop.proofread.checker as checker
    from desktop.cli import main
    from tests.conftest import make_article

    store.add_article(make_article("第一篇"))
    store.add_article(make_article("第二篇"))

    def broken(*args, **kwargs):
        raise ValueError("call limit reached")

    monkeypatch.setattr(checker, "check_typography", broken)
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    lines = [line for line in out.out.splitlines() if "check-failed" in line]
    assert {line.split("\t")[0] for line in lines} == {"1", "2"}
