"""The key cabinet's forms, printed and read back (rules K2, K3, K7, G3)."""

from datetime import date, datetime

import pytest

from tests.reports.pdf_helpers import page_texts, squeezed
from tests.services.key_helpers import LI_ID, ZHAO_ID, add_household, key_input, loan_input
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import key_forms, keys
from wuye_desk.services.keys import HandoverInput


def test_K2_entrustment_letter_for_the_owners_signature(desk, tmp_path):
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-07")).key_id
    text = "".join(page_texts(key_forms.print_entrustment(desk, key_id, tmp_path / "e.pdf")))
    flat = squeezed(text)
    assert "业户钥匙委托书" in flat and "委托人（业主）签名" in flat
    assert "3栋2单元1502" in flat and "A-07" in flat and "蓝色钥匙牌" in flat
    assert "1101**********002X" in flat and ZHAO_ID not in flat            # rule G3
    assert "138****5678" in flat and "13812345678" not in flat
    assert "未经业主许可，管理处不复制钥匙" in flat                           # rule K5
    assert "☑业主委托钥匙" in flat


def test_K2_registration_entry_and_the_return_to_the_owner(desk, tmp_path):
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    keys.return_to_owner(desk, key_id, receiver="张三")
    flat = squeezed("".join(page_texts(key_forms.print_register(desk, key_id,
                                                                 tmp_path / "r.pdf"))))
    assert "顾客委托钥匙登记表" in flat and f"编号：{key_forms.key_serial(key_id)}" in flat
    assert "退还业主" in flat and "领回人签名" in flat and "张三" in flat
    assert "已退还业主" in flat


def test_K3_borrowing_register_for_a_day(desk, desk_as, tmp_path, clock):
    manager = desk_as(Role.MANAGER)
    add_household(desk)
    key_id = keys.take_in(desk, key_input()).key_id
    keys.lend(desk, key_id, loan_input(manager, borrower_kind="施工单位",
                                       borrower_company="宏达水电", borrower_name="刘师傅"))
    clock.set(datetime(2026, 11, 18, 16, 0))
    keys.return_key(desk, key_id)
    day = date(2026, 11, 18)
    flat = squeezed("".join(page_texts(key_forms.print_loans(desk, day, day, tmp_path / "l.pdf"))))
    assert "借用钥匙登记表" in flat and "宏达水电刘师傅" in flat and "检查漏水" in flat
    assert manager.operator.name in flat and "11-1816:00" in flat and "借用人签名" in flat
    assert LI_ID not in flat and "3101" in flat                            # masked
    with pytest.raises(ValidationError):
        key_forms.print_loans(desk, day, date(2026, 11, 1), tmp_path / "x.pdf")


def test_K2_inventory_is_printed_from_the_records(desk, tmp_path):
    add_household(desk)
    add_household(desk, "3栋2单元1503")
    keys.take_in(desk, key_input(slot="A-12"))
    keys.take_in(desk, key_input(unit="3栋2单元1503", slot="A-02", depositor_name="李四"))
    flat = squeezed("".join(page_texts(key_forms.print_inventory(desk, tmp_path / "i.pdf"))))
    assert "顾客钥匙清单" in flat and "共2户" in flat
    assert flat.index("A-02") < flat.index("A-12")


def test_K7_handover_sheet_lists_the_missing_key(desk, tmp_path):
    add_household(desk)
    add_household(desk, "3栋2单元1503")
    keys.take_in(desk, key_input(slot="A-01"))
    keys.take_in(desk, key_input(unit="3栋2单元1503", slot="A-02"))
    done = keys.record_handover(desk, HandoverInput("李小梅", "王芳", absent=["A-02"],
                                                    signed_off=True))
    flat = squeezed("".join(page_texts(key_forms.print_handover(desk, done.handover_id,
                                                                 tmp_path / "h.pdf"))))
    assert "钥匙交接记录" in flat and "李小梅" in flat and "王芳" in flat
    assert "A-02记录在柜，清点时没有找到" in flat and "接收保管人签名" in flat
    with pytest.raises(NotFound):
        key_forms.print_handover(desk, 999, tmp_path / "y.pdf")
    assert key_forms.latest_handover(desk) == done.handover_id
