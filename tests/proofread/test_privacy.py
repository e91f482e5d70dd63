"""Personal data and secrecy marks."""

from __future__ import annotations

import pytest

from desktop.proofread import ProofreadSettings, Severity

from .helpers import id_number, luhn_number, problems, spans

ID = id_number("11010519491231002")


def test_id_card_numbers_with_a_valid_check_digit() -> None:
    (problem,) = problems(f"身份证号{ID}。")
    assert (problem.kind.value, problem.text, problem.severity) == (
        "id-number",
        ID,
        Severity.SERIOUS,
    )
    wrong = ID[:-1] + ("0" if ID[-1] != "0" else "1")
    assert spans(f"编号{wrong}。") == []


def test_old_fifteen_digit_id_numbers() -> None:
    assert ("id-number", "110105491231002", None) in spans("身份证号110105491231002。")


def test_mobile_numbers_are_serious_unless_published() -> None:
    assert ("phone", "13812345678", None) in spans("联系电话13812345678。")
    assert ("phone", "138-1234-5678", None) in spans("手机138-1234-5678。")
    published = ProofreadSettings(published_phones=("13812345678",))
    assert spans("联系电话13812345678。", settings=published) == []


def test_landlines_outside_the_site_numbers_are_minor() -> None:
    (problem,) = problems("电话0571-87654321。")
    assert problem.severity is Severity.MINOR
    assert (
        spans(
            "电话0571-87654321。", settings=ProofreadSettings(published_phones=("0571-87654321",))
        )
        == []
    )


def test_bank_card_numbers_pass_luhn() -> None:
    card = luhn_number("6222021", 19)
    assert ("bank-card", card, None) in spans(f"卡号{card}。")
    spaced = " ".join(card[i : i + 4] for i in range(0, 16, 4)) + " " + card[16:]
    assert ("bank-card", spaced, None) in spans(f"卡号{spaced}。")
    bad = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert [k for k, _, _ in spans(f"卡号{bad}。") if k == "bank-card"] == []


def test_secret_marks() -> None:
    assert ("secret-mark", "内部资料", None) in spans("本文为内部资料，请勿转发。")
    assert ("secret-mark", "绝密", None) in spans("绝密文件")
    assert ("secret-mark", "机密★", None) in spans("机密★一年")
    assert spans("保守用人单位的商业秘密和商业机密。") == []


@pytest.mark.parametrize(
    "text",
    [
        "增长3.5%，2023-07-06上午10:30召开，共13亿元。",
        "文号澜工发〔2026〕12号，邮编310000。",
        "工会服务热线12351，2024年发放资金18600000元。",
        "订单号20230706000001号",
        "https://www.example.org/13812345678/a.html",
    ],
)
def test_ordinary_numbers_are_not_personal_data(text: str) -> None:
    assert [k for k, _, _ in spans(text) if k in ("id-number", "phone", "bank-card")] == []
