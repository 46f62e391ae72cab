"""The key cabinet tab, driven by the keyboard (rules K2, K3, K7)."""

import time
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.services.key_helpers import (
    LI_ID,
    PASSWORD,
    ZHAO_ID,
    add_household,
    give_password,
    key_input,
    loan_input,
    snapshot,
)
from wuye_desk import paths, settings
from wuye_desk.domain.operators import Role
from wuye_desk.services import keys, office_settings
from wuye_desk.services.keys import SlotState
from wuye_desk.ui.keys.dialogs import HandoverDialog, LendDialog, TakeInDialog
from wuye_desk.ui.keys.tab import KeysTab

CTRL = Qt.KeyboardModifier.ControlModifier


def _enter(qtbot, typist, text: str = ""):
    """Type into the field that has the focus, then Enter to the next one."""
    widget = QApplication.focusWidget()
    if text:
        typist(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    return widget


def _active(qtbot, dialog):
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def _printouts() -> list:
    return sorted(paths.printouts_dir().glob("*.pdf"))


def test_K2_a_key_taken_in_by_keyboard_and_its_entrustment_printed(qtbot, desk, shown, typist):
    add_household(desk)
    tab = shown(KeysTab(desk))
    tab.focus_first()
    assert tab.grid.hasFocus()
    qtbot.keyClick(tab.grid, Qt.Key.Key_Right)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Right)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)       # a free slot: take a key in
    dialog = _active(qtbot, tab.dialog)
    assert isinstance(dialog, TakeInDialog) and dialog.slot.text() == "A-03"
    assert dialog.unit.hasFocus()
    _enter(qtbot, typist, "3-2-1502")
    assert dialog.unit.household_id is not None
    assert dialog.depositor.text() == "张三"            # from the archive
    _enter(qtbot, typist)                              # 钥匙类别
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, CTRL)
    _enter(qtbot, typist, "2")                         # 钥匙数量
    _enter(qtbot, typist, "蓝色钥匙牌")
    _enter(qtbot, typist)                              # 状况 完好
    _enter(qtbot, typist)                              # 格位 A-03
    assert dialog.depositor.hasFocus()
    _enter(qtbot, typist)                              # 委托人 (filled)
    _enter(qtbot, typist)                              # 证件类型
    _enter(qtbot, typist, "110105194912310021")        # a wrong check digit
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert dialog.isVisible()
    assert "校验" in dialog.form.error_text("委托人证件号码") or \
        dialog.form.error_text("委托人证件号码")
    assert dialog.id_number.hasFocus()
    dialog.id_number.clear()
    typist(dialog.id_number, ZHAO_ID)
    qtbot.keyClick(dialog.id_number, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    slot = next(s for s in keys.cabinet(desk) if s.label == "A-03")
    assert slot.state is SlotState.HOLDING and slot.unit == "3栋2单元1502"
    assert "已收存" in tab.message.text()
    assert len(tab.last_printed) == 2 and all(p.exists() for p in tab.last_printed)
    assert ZHAO_ID not in tab.detail.text() and "1101**********002X" in tab.detail.text()


def test_K3_lent_by_keyboard_the_manager_types_their_password_then_red_after_the_day(
        qtbot, desk, desk_as, shown, typist, clock):
    manager = desk_as(Role.MANAGER)
    give_password(desk.db, manager.operator)
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-01")).key_id
    tab = shown(KeysTab(desk))
    tab.focus_first()
    qtbot.keyClick(tab.grid, Qt.Key.Key_B, CTRL)
    dialog = _active(qtbot, tab.dialog)
    assert isinstance(dialog, LendDialog)
    assert manager.operator.name in dialog.info.text()    # whom to ask
    _enter(qtbot, typist)                              # 员工
    _enter(qtbot, typist, "赵工")
    _enter(qtbot, typist)                              # 单位
    _enter(qtbot, typist)                              # 证件类型
    _enter(qtbot, typist, LI_ID)
    _enter(qtbot, typist, "13600001111")
    _enter(qtbot, typist, "检查漏水")
    _enter(qtbot, typist)                              # 维修施工: no
    _enter(qtbot, typist)                              # 应还时间: the end of the day
    assert dialog.approver.hasFocus()
    before = snapshot(desk)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)   # no approver yet
    assert dialog.isVisible()
    assert "规则K3" in dialog.form.error_text("批准人") and dialog.approver.hasFocus()
    # the manager steps up: their login, Enter, a wrong password
    _enter(qtbot, typist, manager.operator.login)
    assert dialog.password.hasFocus()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    typist(dialog.password, "not-my-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and "密码不正确" in dialog.form.error_text("批准人密码")
    assert dialog.password.hasFocus() and dialog.password.text() == ""   # not kept
    assert snapshot(desk) == before and keys.get_key(desk, key_id).status == "在柜"
    typist(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert dialog.password.text() == ""
    assert keys.get_key(desk, key_id).open_loan.approver == manager.operator.name
    assert keys.get_key(desk, key_id).status == "借出"
    assert tab.grid.current_slot().state is SlotState.LENT
    assert not tab.alarm.isVisible()
    clock.set(datetime(2026, 11, 18, 19, 30))          # the day ends
    tab.refresh_grid()
    assert tab.grid.current_slot().state is SlotState.OVERDUE
    assert tab.grid.current_slot().late == "1小时30分钟"
    assert tab.alarm.isVisible() and "1小时30分钟" in tab.alarm.text()
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)        # a lent key: return it
    back = _active(qtbot, tab.dialog)
    assert "1小时30分钟" in back.info.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not back.isVisible(), timeout=2000)
    assert tab.grid.current_slot().state is SlotState.HOLDING
    assert "超时" in tab.message.text()


def test_K3_a_moved_in_repair_key_without_consent_is_refused_in_the_dialog(qtbot, desk, desk_as,
                                                                          shown):
    manager = desk_as(Role.MANAGER)
    add_household(desk)
    key_id = keys.take_in(desk, key_input(kind="返修钥匙")).key_id
    dialog = shown(LendDialog(desk, key_id))
    dialog.name.setText("赵工")
    dialog.id_number.setText(LI_ID)
    dialog.phone.setText("13600001111")
    dialog.purpose.setCurrentText("维修水电")
    give_password(desk.db, manager.operator)
    dialog.approver.setText(manager.operator.login)
    dialog.password.setText(PASSWORD)
    assert dialog.save() is False
    assert "事先同意" in dialog.message.text() and "规则K3" in dialog.message.text()
    assert keys.get_key(desk, key_id).status == "在柜"


def test_K7_handover_by_keyboard_lists_the_missing_key(qtbot, desk, shown, typist, desk_as):
    for unit in ("3栋2单元1502", "3栋2单元1503"):
        add_household(desk, unit)
    keys.take_in(desk, key_input(slot="A-01"))
    keys.take_in(desk, key_input(unit="3栋2单元1503", slot="A-02"))
    tab = shown(KeysTab(desk))
    qtbot.keyClick(tab.grid, Qt.Key.Key_H, CTRL)
    dialog = _active(qtbot, tab.dialog)
    assert isinstance(dialog, HandoverDialog)
    _enter(qtbot, typist, "李小梅")
    _enter(qtbot, typist, "王芳")
    assert dialog.table.hasFocus()                     # the count comes next
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)     # A-02 not found
    assert dialog.absent() == ["A-02"]
    qtbot.keyClick(dialog.table, Qt.Key.Key_S, CTRL)   # not signed off yet
    assert "规则K7" in dialog.after.error_text("双方已签字") and dialog.signed.hasFocus()
    dialog.signed.setChecked(True)
    qtbot.keyClick(dialog.signed, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert "A-02" in tab.message.text() and "实点1" in tab.message.text()
    assert tab.last_printed and tab.last_printed[0].exists()
    assert keys.current_keeper(desk) == "王芳" and "王芳" in tab.keeper_label.text()


def test_K2_the_grid_stays_readable_and_quick_with_500_slots(qtbot, desk, shown):
    office_settings.put(desk, settings.KEY_SLOT_COUNT, 500)
    for i in range(1, 41):
        add_household(desk, f"8栋1单元{i + 100}")
        keys.take_in(desk, key_input(unit=f"8栋1单元{i + 100}", slot=f"A-{i * 12}"))
    tab = shown(KeysTab(desk))
    tab.resize(1300, 800)
    started = time.perf_counter()
    tab.refresh_grid()
    refreshed = time.perf_counter() - started
    started = time.perf_counter()
    tab.grid.grab()                                    # paints every one of the 500 cells
    painted = time.perf_counter() - started
    assert len(tab.grid.slots) == 500 and tab.grid.slots[-1].label == "A-500"
    assert refreshed < 1.0 and painted < 1.0, (refreshed, painted)
    tab.focus_first()
    qtbot.keyClick(tab.grid, Qt.Key.Key_End)
    assert tab.grid.current_slot().label == "A-500"
    assert tab.scroller.verticalScrollBar().value() > 0   # scrolled to the last row
    assert "空" in tab.detail.text()


def test_K3_the_overview_opens_the_key_on_the_grid(qtbot, desk, desk_as, shown, clock):
    manager = desk_as(Role.MANAGER)
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-05")).key_id
    keys.lend(desk, key_id, loan_input(manager))
    clock.set(datetime(2026, 11, 18, 21, 0))
    tab = shown(KeysTab(desk))
    tab.open_record(key_id)
    assert tab.grid.current_slot().label == "A-05" and tab.grid.hasFocus()
    assert "3小时" in tab.detail.text()


def test_nonsense_in_the_tab_does_not_break_it(qtbot, desk, shown, typist):
    tab = shown(KeysTab(desk))
    tab.focus_first()
    qtbot.keyClick(tab.grid, Qt.Key.Key_B, CTRL)        # nothing to lend on an empty slot
    assert "请先" in tab.message.text()
    typist(tab.list.search, "';--  %%")
    tab.list.refresh()
    assert tab.list.model.rowCount() == 0
    for view in range(tab.list.filters["view"].count()):
        tab.list.filters["view"].setCurrentIndex(view)
    assert tab.hand_new_key() is None
    assert tab.print_last_handover() is None
    assert tab.print_inventory() is not None and _printouts() != []


def test_K5_copy_refused_without_permission_then_the_key_goes_back_to_its_owner(
        qtbot, desk, shown, typist):
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-01")).key_id
    tab = shown(KeysTab(desk))
    tab.focus_first()
    dialog = _active(qtbot, tab.record_copy())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and "规则K5" in dialog.message.text()
    dialog.reject()
    dialog = _active(qtbot, tab.return_to_owner())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)   # who took it back?
    assert dialog.isVisible() and dialog.form.error_text("领回人")
    typist(dialog.edits[0], "张三")
    qtbot.keyClick(dialog.edits[0], Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert keys.get_key(desk, key_id).status == "已退还业主"
    assert tab.grid.slots[0].state is SlotState.FREE
    assert tab.print_register() is None            # the free slot has no key now
    tab.list.filters["view"].setCurrentText("已结束")
    tab.list.view.setFocus()
    tab.list.select_id(key_id)
    path = tab.print_register()                    # the return, for the owner's signature
    assert path is not None and path.exists()


def test_K4_emergency_by_keyboard_and_G3_the_full_id_needs_the_right(qtbot, desk, desk_as, shown):
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-01")).key_id
    clerk = desk_as(Role.FRONT_DESK)
    tab = shown(KeysTab(clerk))
    tab.focus_first()
    qtbot.keyClick(tab.grid, Qt.Key.Key_E, CTRL)
    dialog = _active(qtbot, tab.dialog)
    assert "王五" in dialog.info.text()                       # the archive's emergency contact
    assert dialog.name.currentText() == "张三"                # the owner first
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    events = keys.get_key(desk, key_id).events
    assert events[-1][1] == "紧急使用" and "通知业主张三" in events[-1][2]
    tab.reveal_id()
    assert "权限" in tab.message.text() and ZHAO_ID not in tab.message.text()
    tab.set_desk(desk)
    tab.reveal_id()
    assert ZHAO_ID in tab.message.text()


def test_K3_ctrl_4_and_the_overview_line_lead_to_the_overdue_key(qtbot, desk, desk_as, shown,
                                                                 clock):
    from wuye_desk.services import overview
    from wuye_desk.ui.main_window import MainWindow

    manager = desk_as(Role.MANAGER)
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-11")).key_id
    keys.lend(desk, key_id, loan_input(manager))
    clock.set(datetime(2026, 11, 18, 18, 40))
    window = shown(MainWindow(desk))
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    tab = window.tab("keys")
    assert window.tabs.currentWidget() is tab and tab.grid.hasFocus()
    line = next(ln for ln in overview.gather(desk) if ln.area == "钥匙")
    assert "40分钟" in line.text
    window.show_tab(line.tab, line.record_id)
    assert tab.grid.current_slot().label == "A-11"
    assert tab.grid.current_slot().state is SlotState.OVERDUE


def test_G4_a_wrong_return_time_corrected_by_keyboard_the_old_entry_stays(
        qtbot, desk, desk_as, shown, typist, clock):
    manager = desk_as(Role.MANAGER)
    add_household(desk)
    key_id = keys.take_in(desk, key_input(slot="A-01")).key_id
    keys.lend(desk, key_id, loan_input(manager))
    clock.set(datetime(2026, 11, 18, 19, 0))
    keys.return_key(desk, key_id)                       # registered at 19:00: late
    clock.set(datetime(2026, 11, 19, 9, 0))
    tab = shown(KeysTab(desk))
    tab.focus_first()
    dialog = _active(qtbot, tab.correct_loan())
    assert dialog.edits["borrower_name"].hasFocus()      # one loan: straight to its fields
    assert dialog.edits["returned_at"].text() == "2026-11-18 19:00"
    for _ in range(6):                                  # 姓名 单位 电话 证件 事由 应还时间
        _enter(qtbot, typist)
    assert dialog.edits["returned_at"].hasFocus()
    qtbot.keyClick(dialog.edits["returned_at"], Qt.Key.Key_A, CTRL)
    _enter(qtbot, typist, "17:30")
    _enter(qtbot, typist)                               # 接收人
    _enter(qtbot, typist)                               # 归还时状况
    assert dialog.reason.hasFocus()
    before = snapshot(desk)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_S, CTRL)   # no reason: refused, nothing written
    assert dialog.isVisible() and "规则G4" in dialog.form.error_text("更正原因")
    assert snapshot(desk) == before
    typist(dialog.reason, "17:30已交回，补登记时写错")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    view = keys.get_key(desk, key_id)
    assert view.loans[0].returned_at == datetime(2026, 11, 18, 17, 30)
    assert [e[1] for e in view.events][-3:] == ["借出", "归还", "更正"]
    assert "归还时间 11-18 19:00→11-18 17:30" in tab.detail.text()   # in the key's history
    assert "原记录保留" in tab.message.text()
    again = _active(qtbot, tab.correct_loan())
    assert again.edits["returned_at"].text() == "2026-11-18 17:30"
    assert "已更正" in again.info.text()
    again.reject()


def test_G4_an_open_loans_return_cannot_be_corrected_and_a_key_never_lent_says_so(
        qtbot, desk, desk_as, shown):
    manager = desk_as(Role.MANAGER)
    add_household(desk)
    add_household(desk, "3栋2单元1503")
    lent = keys.take_in(desk, key_input(slot="A-01")).key_id
    never = keys.take_in(desk, key_input(unit="3栋2单元1503", slot="A-02")).key_id
    keys.lend(desk, lent, loan_input(manager))
    tab = shown(KeysTab(desk))
    tab.open_record(lent)
    dialog = _active(qtbot, tab.correct_loan())
    assert not dialog.edits["returned_at"].isEnabled() and "尚未归还" in dialog.info.text()
    dialog.reason.setText("事由写错")
    dialog.edits["purpose"].setText("维修门窗")
    assert dialog.save()
    assert keys.get_key(desk, lent).open_loan.purpose == "维修门窗"
    tab.open_record(never)
    dialog = _active(qtbot, tab.correct_loan())
    assert "没有借用记录" in dialog.info.text()
    dialog.reason.setText("x")
    assert dialog.save() is False and dialog.form.error_text("借用记录")
    dialog.reject()
