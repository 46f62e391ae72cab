"""The VIP tab, driven by the keyboard (rules P1–P6, G3)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.services.vip_helpers import apply_and_issue, host_household, rows
from wuye_desk import paths
from wuye_desk.domain.operators import Role
from wuye_desk.services import vip
from wuye_desk.store.models import VipCustomer, VipService
from wuye_desk.ui.paged_model import PagedTableModel
from wuye_desk.ui.tabs import TABS
from wuye_desk.ui.vip.tab import VipTab

CTRL = Qt.KeyboardModifier.ControlModifier


def _enter(qtbot, typist, text: str = ""):
    widget = QApplication.focusWidget()
    if text:
        typist(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    return widget


def _save(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)


def _back(qtbot, tab) -> None:
    """The dialog has closed: the tab's window is active again."""
    tab.window().windowHandle().requestActivate()
    qtbot.waitUntil(tab.isActiveWindow, timeout=2000)


def _printouts() -> list:
    return sorted(paths.printouts_dir().glob("*.pdf"))


def _dialog(qtbot, tab):
    dialog = tab.dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    qtbot.waitExposed(dialog)
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def test_the_tab_is_ctrl_7():
    assert [(t.key, t.title, t.shortcut) for t in TABS if t.key == "vip"] == [
        ("vip", "VIP客户", "Ctrl+7")]


def test_P3_an_application_by_keyboard_then_the_card_JK2001_and_the_form(
        qtbot, desk_as, shown, typist):
    assistant = desk_as(Role.VIP_ASSISTANT)
    host_household(assistant)
    tab = shown(VipTab(assistant))
    qtbot.keyClick(tab.list.search, Qt.Key.Key_N, CTRL)
    dialog = _dialog(qtbot, tab)
    assert dialog.household.hasFocus()
    typist(dialog.household, "3-2-1502")
    qtbot.keyClick(dialog.household, Qt.Key.Key_Return)      # picks the household
    qtbot.waitUntil(lambda: dialog.household.text() == "3栋2单元1502")
    assert dialog.name.hasFocus() and dialog.name.currentText() == "张三"  # from the archive
    _enter(qtbot, typist)                          # 姓名
    _enter(qtbot, typist)                          # 电话: from the archive
    assert dialog.level.hasFocus()
    _enter(qtbot, typist)                          # 其他级
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)   # 农历
    _enter(qtbot, typist)
    _enter(qtbot, typist, "八月十五")
    _enter(qtbot, typist, "业主委员会主任")
    _enter(qtbot, typist)                          # 申请日期: today
    assert dialog.approved_by.hasFocus()
    _save(qtbot)                                   # no approver yet: refused beside the field
    assert "批准人" in dialog.form.error_text("批准人") and "P3" in dialog.form.error_text("批准人")
    assert dialog.approved_by.hasFocus() and rows(assistant, VipCustomer) == 0
    typist(dialog.approved_by, "刘经理")
    _save(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert "已登记VIP申请：张三" in tab.message.text()
    assert tab.list.model.rowCount() == 1
    assert tab.list.model.data(tab.list.model.index(0, 4)) == "待发卡"
    assert "农历八月十五" in tab.page.toPlainText()
    _back(qtbot, tab)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_I, CTRL)
    assert "已发卡 JK2001" in tab.message.text()
    assert len(_printouts()) == 1                  # 《VIP 客户登记表》 for signature
    assert tab.list.model.data(tab.list.model.index(0, 0)) == "JK2001"
    assert "VIP JK2001 有效" in tab.page.toPlainText()
    qtbot.keyClick(tab.list.view, Qt.Key.Key_I, CTRL)         # a second card: refused
    assert "一人只能持一张有效卡" in tab.message.text()


def test_P4_a_lost_card_is_replaced_and_the_old_number_shows_voided(qtbot, desk, shown):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    tab = shown(VipTab(desk))
    tab.open_record(vip_id)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_B, CTRL)
    dialog = _dialog(qtbot, tab)
    assert "JK2001" in dialog.heading.text()
    _save(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert "已补发新卡 JK2002，原卡 JK2001 已作废" in tab.message.text()
    page = tab.page.toPlainText()
    assert "JK2002" in page and "已挂失作废" in page
    assert len(_printouts()) == 1


def test_P5_revocation_needs_its_reason(qtbot, desk, shown, typist):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    tab = shown(VipTab(desk))
    tab.open_record(vip_id)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_K, CTRL)
    dialog = _dialog(qtbot, tab)
    _save(qtbot)
    assert "撤销原因" in dialog.form.error_text("撤销原因")
    reason = dialog.fields["撤销原因"]
    reason.setFocus()
    qtbot.keyClick(reason, Qt.Key.Key_Down)
    _enter(qtbot, typist)
    _enter(qtbot, typist, "连续12个月拒缴物业费")
    _save(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert vip.get_vip(desk, vip_id).card_status == "已撤销"
    assert tab.list.model.data(tab.list.model.index(0, 4)) == "已撤销"


def test_P6_a_service_with_cash_aid_over_the_limit_is_refused_beside_the_amount(
        qtbot, desk, shown, typist):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    tab = shown(VipTab(desk))
    tab.open_record(vip_id)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_J, CTRL)
    dialog = _dialog(qtbot, tab)
    kind = dialog.fields["服务类别"]
    kind.setFocus()
    kind.setCurrentText("紧急现金援助")
    _enter(qtbot, typist)
    _enter(qtbot, typist, "出差信用卡被盗")
    _enter(qtbot, typist, "5000")
    _save(qtbot)
    assert "超过限额2000元" in dialog.form.error_text("金额")
    assert rows(desk, VipService) == 0
    amount = dialog.fields["金额"]
    amount.selectAll()
    typist(amount, "800")
    _save(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert rows(desk, VipService) == 1
    assert "紧急现金援助" in tab.page.toPlainText() and "800元" in tab.page.toPlainText()


def test_G3_without_VIEW_VIP_the_tab_is_locked(qtbot, desk, desk_as, shown):
    apply_and_issue(desk, host_household(desk))
    tab = shown(VipTab(desk_as(Role.FRONT_DESK)))
    assert tab.stack.currentWidget() is tab.locked
    assert "规则G3" in tab.locked.text()
    assert tab.list.model.rowCount() == 0
    qtbot.keyClick(tab, Qt.Key.Key_N, CTRL)
    assert tab.dialog is None
    tab.set_desk(desk_as(Role.VIP_ASSISTANT))      # the assistant signs in at the desk
    assert tab.stack.currentWidget() is tab.main and tab.list.model.rowCount() == 1
    tab.set_desk(desk_as(Role.FRONT_DESK))         # and hands over to the front desk
    assert tab.stack.currentWidget() is tab.locked and tab.list.model.rowCount() == 0


def test_the_list_model_passes_the_model_tester(qtmodeltester, desk):
    for i in range(12):
        apply_and_issue(desk, host_household(desk, f"1栋1单元{101 + i}"))
    model = PagedTableModel(vip.list_query(desk), page_size=5)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 12


def test_P1_the_archive_is_kept_current_and_a_bad_family_birthday_is_named(
        qtbot, desk, shown, typist):
    vip_id, _ = apply_and_issue(desk, host_household(desk))
    tab = shown(VipTab(desk))
    tab.open_record(vip_id)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_E, CTRL)
    dialog = _dialog(qtbot, tab)
    assert dialog.phone.hasFocus() and not dialog.level.isEnabled()
    assert dialog.family.rows() == [("李梅", "配偶", "农历", "十月十三", "")]
    dialog.family.add_row(("张小明", "儿子", "农历", "2026年二月三十", ""))   # 29-day month
    _save(qtbot)
    assert "第2位家庭成员（张小明）" in dialog.message.text() and "只有29天" in dialog.message.text()
    dialog.family.item(1, 3).setText("2010-06-01")
    dialog.family.item(1, 2).setText("公历")
    dialog.preferences.setFocus()
    typist(dialog.preferences, "素食")
    _save(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    page = tab.page.toPlainText()
    assert "素食" in page and "张小明" in page and "2027-06-01" in page


def test_P4_renewal_by_keyboard_needs_the_checker(qtbot, desk, shown, typist, clock):
    from datetime import datetime

    clock.set(datetime(2023, 11, 18, 9))
    vip_id, _ = apply_and_issue(desk, host_household(desk), applied_on="2023-11-10",
                                approved_on="2023-11-12")
    clock.set(datetime(2026, 11, 20, 9))
    tab = shown(VipTab(desk))
    tab.open_record(vip_id)
    assert tab.list.model.data(tab.list.model.index(0, 4)) == "已过期"
    qtbot.keyClick(tab.list.view, Qt.Key.Key_R, CTRL)
    dialog = _dialog(qtbot, tab)
    _save(qtbot)
    assert "资格复核人" in dialog.form.error_text("资格复核人")
    _enter(qtbot, typist, "刘经理")
    _save(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert "已换发新卡 JK2002，原卡 JK2001" in tab.message.text()
    assert len(_printouts()) == 1
    assert tab.list.model.data(tab.list.model.index(0, 4)) == "有效"
