"""《VIP 客户登记表》 printed and read back (rules P3, P4, P6, G3)."""

import pytest

from tests.reports.pdf_helpers import page_texts, squeezed
from tests.services.vip_helpers import application, apply_and_issue, host_household
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import vip, vip_forms


def test_P3_the_registration_form_prints_on_one_page_for_signature(desk, tmp_path):
    vip_id, number = apply_and_issue(desk, host_household(desk), preferences="素食")
    out = vip_forms.print_vip_form(desk, vip_id, tmp_path / "vip.pdf")
    pages = page_texts(out)
    assert len(pages) == 1
    text, flat = pages[0], squeezed(pages[0])
    assert "VIP客户登记表" in flat and f"卡号：{number}" in flat
    assert "☑其他级" in flat and "☐集团领导级" in flat
    assert "有效期至2029年11月17日" in flat and "发卡日期2026年11月18日" in flat
    assert "张三" in text and "3栋2单元1502" in text and "素食" in text
    assert "李梅" in text and "农历十月十三" in flat and "1962年8月15日" in flat
    assert "138****5678" in text and "13812345678" not in text          # rule G3
    assert "业主委员会主任" in text and "刘经理" in text
    assert "客户签名" in flat and "客户助理签名" in flat
    assert "不得作为身份证件使用" in flat                                  # rule P5


def test_no_form_before_the_card_nor_for_a_revoked_card(desk, tmp_path):
    hid = host_household(desk)
    vip_id = vip.apply(desk, application(hid))
    with pytest.raises(ValidationError, match="发卡后才能打印"):
        vip_forms.print_vip_form(desk, vip_id, tmp_path / "a.pdf")
    vip.issue_card(desk, vip_id)
    vip.revoke_card(desk, vip_id, "欠费", "拒缴")
    with pytest.raises(ValidationError, match="已撤销"):
        vip_forms.print_vip_form(desk, vip_id, tmp_path / "b.pdf")
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()


def test_a_replacement_prints_its_new_number(desk, tmp_path):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    vip.replace_lost_card(desk, vip_id)
    flat = squeezed(page_texts(vip_forms.print_vip_form(desk, vip_id, tmp_path / "r.pdf"))[0])
    assert "卡号：JK2002" in flat and "补发" in flat
