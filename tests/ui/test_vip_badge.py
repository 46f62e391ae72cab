"""The VIP badge beside the customer in the complaint, mail and key tabs (issue 7; rules
P4, P5): a valid card on gold, an expired or revoked one said as such in red."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from tests.services import complaint_helpers, key_helpers, mail_helpers
from tests.services.vip_helpers import apply_and_issue
from wuye_desk.services import complaints, keys, mail, vip
from wuye_desk.ui.complaints.tab import ComplaintsTab
from wuye_desk.ui.keys.tab import KeysTab
from wuye_desk.ui.mail.dialogs import PickupDialog
from wuye_desk.ui.mail.tab import MailTab
from wuye_desk.ui.vip_badge import ENDED_STYLE, VALID_STYLE, VipBadge


def test_P4_the_badge_follows_the_card_valid_expired_revoked(qtbot, desk, clock):
    home = mail_helpers.household(desk)
    other = mail_helpers.household(desk, "3栋2单元1503", "钱七", "13600001111")
    badge = VipBadge(desk, other)
    qtbot.addWidget(badge)
    assert badge.isHidden() and badge.text() == "" and not badge.ended   # not a VIP
    vip_id, number = apply_and_issue(desk, home)
    badge.set_household(home)
    assert badge.text() == f"VIP {number} 有效" and not badge.isHidden()
    assert badge.styleSheet() == VALID_STYLE and not badge.ended
    valid_to = vip.get_vip(desk, vip_id).card_valid_to
    clock.set(datetime.combine(valid_to + timedelta(days=1), datetime.min.time()))
    badge.set_household(home)
    assert "已过期" in badge.text() and "不享受VIP服务" in badge.text()
    assert badge.styleSheet() == ENDED_STYLE and badge.ended
    badge.set_household(None)
    assert badge.isHidden() and badge.text() == ""
    badge.set_household(999999)                                 # a household that is gone
    assert badge.isHidden()


def _revoked_vip(desk, household_id: int) -> str:
    vip_id, number = apply_and_issue(desk, household_id)
    vip.revoke_card(desk, vip_id, "恶意拖欠物业管理费", "连续两年未缴")
    return number


def test_P5_complaint_detail_shows_a_revoked_card(qtbot, desk, shown):
    home = complaint_helpers.household(desk)
    number = _revoked_vip(desk, home)
    plain = complaints.register_complaint(
        desk, complaint_helpers.lift(complainant_kind="匿名")).complaint_id
    cid = complaints.register_complaint(desk, complaint_helpers.lift(home)).complaint_id
    tab = shown(ComplaintsTab(desk))
    tab.list.refresh()
    assert tab.list.select_id(cid)
    tab.list.view.setFocus()
    qtbot.waitUntil(lambda: tab.vip_badge.isVisible(), timeout=2000)
    assert tab.vip_badge.text().startswith(f"VIP {number} 已撤销")
    assert tab.vip_badge.ended
    assert tab.list.select_id(plain)                           # no household: no badge
    qtbot.waitUntil(lambda: not tab.vip_badge.isVisible(), timeout=2000)


def test_P4_mail_pickup_dialog_and_list_detail_show_the_badge(qtbot, desk, shown):
    home = mail_helpers.household(desk)
    vip_id, number = apply_and_issue(desk, home)
    done = mail.sign_in(desk, mail_helpers.item())
    dialog = shown(PickupDialog(desk))
    qtbot.keyClicks(dialog.scan, "3-2-1502")
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    assert dialog.table.rowCount() == 1
    assert dialog.vip_badge.isVisible() and dialog.vip_badge.text() == f"VIP {number} 有效"
    dialog.close()
    vip.revoke_card(desk, vip_id, "损害集团利益", "经集团核实")
    tab = shown(MailTab(desk))
    assert tab.list.select_id(done.id)
    qtbot.waitUntil(lambda: tab.vip_badge.isVisible(), timeout=2000)
    assert "已撤销" in tab.vip_badge.text() and tab.vip_badge.ended


def test_P5_key_detail_shows_a_revoked_card(qtbot, desk, shown):
    home = key_helpers.add_household(desk)
    number = _revoked_vip(desk, home)
    keys.take_in(desk, key_helpers.key_input(slot="A-01"))
    keys.take_in(desk, key_helpers.key_input(slot="A-02", unit="", tag="配电房",
                                             kind="公共区域钥匙", depositor_name="",
                                             depositor_id_type="", depositor_id_number="",
                                             depositor_phone=""))
    tab = shown(KeysTab(desk))
    tab.focus_first()
    qtbot.waitUntil(lambda: tab.vip_badge.isVisible(), timeout=2000)
    assert tab.vip_badge.text().startswith(f"VIP {number} 已撤销") and tab.vip_badge.ended
    qtbot.keyClick(tab.grid, Qt.Key.Key_Right)                   # the plant room's key
    qtbot.waitUntil(lambda: "配电房" in tab.detail.text(), timeout=2000)
    assert not tab.vip_badge.isVisible()
