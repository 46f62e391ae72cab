"""The complaint tab, driven by the keyboard (rules C1–C9)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.services.complaint_helpers import count, household, lift, neighbours
from wuye_desk import paths
from wuye_desk.services import complaints as svc
from wuye_desk.ui.complaints.tab import ComplaintsTab

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class Keys:
    """Counts the keystrokes a clerk makes (typed text counted apart)."""

    def __init__(self, qtbot, typist) -> None:
        self.qtbot, self.typist, self.presses = qtbot, typist, 0

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier, widget=None) -> None:
        self.presses += 1
        self.qtbot.keyClick(widget or QApplication.focusWidget(), key, modifier)

    def type(self, text: str, count_it: bool = True) -> None:
        if count_it:
            self.presses += len(text)
        self.typist(QApplication.focusWidget(), text)


def test_a_phone_complaint_is_taken_by_keyboard_in_under_30_keystrokes(qtbot, desk, shown,
                                                                       typist):
    household(desk)
    tab = shown(ComplaintsTab(desk))
    k = Keys(qtbot, typist)
    k.key(Qt.Key.Key_N, CTRL, tab)
    assert tab.form.channel.hasFocus() and tab.form.channel.currentText() == "电话"
    k.key(Qt.Key.Key_Return)                      # 电话
    k.key(Qt.Key.Key_Return)                      # 业户
    assert tab.form.picker.hasFocus()
    k.type("3-2-1502")
    k.key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.form.picker.text() == "3栋2单元1502", timeout=2000)
    assert tab.form.picker.household_id is not None
    assert tab.form.name.text() == "张三"         # from the archive
    k.key(Qt.Key.Key_Return)                      # 投诉人
    k.key(Qt.Key.Key_Return)                      # 联系电话 (from the archive when empty)
    assert tab.form.content_type.hasFocus()
    k.key(Qt.Key.Key_Down)                        # 物业管理
    k.key(Qt.Key.Key_Return)
    k.key(Qt.Key.Key_Down)                        # 设备设施
    k.key(Qt.Key.Key_Return)
    k.key(Qt.Key.Key_Return)                      # 一类
    assert tab.form.description.hasFocus()
    k.type("电梯困人，已经第二次了", count_it=False)
    k.key(Qt.Key.Key_S, CTRL)
    assert count(desk) == 1, tab.form.message.text()
    assert k.presses < 30, k.presses
    assert "已受理 TS202611" in tab.form.message.text()
    assert "一般" in tab.form.message.text() and "客户主管/物管员" in tab.form.message.text()
    assert tab.form.channel.hasFocus() and tab.form.picker.text() == ""
    assert tab.list.model.rowCount() == 1
    assert "电梯困人" in tab.detail.toPlainText()
    assert "138****5678" in tab.detail.toPlainText()


def test_a_complaint_without_a_type_is_refused_beside_the_field(qtbot, desk, shown, typist):
    hid = household(desk)
    tab = shown(ComplaintsTab(desk))
    tab.form.picker.choose(hid, "3栋2单元1502")
    typist(tab.form.description, "电梯坏了")
    qtbot.keyClick(tab.form.description, Qt.Key.Key_S, CTRL)
    assert "投诉类型" in tab.form.form.error_text("投诉类型")
    assert tab.form.content_type.hasFocus()
    assert count(desk) == 0
    tab.form.content_type.setCurrentText("其他")
    typist(tab.form.received, "2099-01-01 09:00")
    assert tab.register() is False
    assert "不能晚于现在" in tab.form.form.error_text("受理时间")
    assert count(desk) == 0


def test_a_unit_not_in_the_archive_is_offered_as_non_resident(qtbot, desk, shown, typist):
    tab = shown(ComplaintsTab(desk))
    tab.focus_first()
    typist(tab.form.picker, "9-1-0101")
    qtbot.keyClick(tab.form.picker, Qt.Key.Key_Return)
    assert "非本小区/访客" in tab.form.message.text()
    tab.form.content_type.setCurrentText("其他")
    typist(tab.form.description, "门口太吵")
    assert tab.register() is False and count(desk) == 0
    assert "非本小区/访客" in tab.form.form.error_text("房号")
    tab.form.kind.setCurrentText("非本小区/访客")
    typist(tab.form.name, "路人甲")
    assert tab.register() is True and count(desk) == 1


def test_C4_the_third_household_on_the_same_lift_sees_hot_with_the_reason(qtbot, desk, shown,
                                                                          typist, clock):
    a, b, c = neighbours(desk, 3)
    first = svc.register_complaint(desk, lift(a)).complaint_id
    svc.register_complaint(desk, lift(b), link_ids=[first])
    tab = shown(ComplaintsTab(desk))
    tab.form.picker.choose(c, "3栋1单元0301")
    tab.form.content_type.setCurrentText("物业管理")
    tab.form.subtopic.setCurrentText("设备设施")
    tab.update_proposal()
    box = tab.form.candidates
    assert box.isVisibleTo(tab) and box.count() == 2
    box.setFocus()
    box.setCurrentRow(0)
    qtbot.keyClick(box, Qt.Key.Key_Space)          # tick the candidate
    tab.update_proposal()
    assert "热点" in tab.form.proposal.text()
    assert "一个月内3位不同业主投诉同一事项" in tab.form.proposal.text()
    typist(tab.form.description, "电梯又坏")
    qtbot.keyClick(tab.form.description, Qt.Key.Key_S, CTRL)
    assert count(desk) == 3
    assert "热点" in tab.form.message.text() and "一并升为热点" in tab.form.message.text()
    assert svc.get_complaint(desk, first).severity == "热点"


def _select(tab, cid: int) -> None:
    tab.list.refresh()
    assert tab.list.select_id(cid)
    tab.list.view.setFocus()


def test_C8_the_steps_open_as_dialogs_and_land_in_the_history(qtbot, desk, shown, typist):
    cid = svc.register_complaint(desk, lift(household(desk))).complaint_id
    tab = shown(ComplaintsTab(desk))
    _select(tab, cid)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_H, ALT)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)   # empty: refused
    assert "请填写说明" in dialog.form.error_text("说明") and dialog.isVisible()
    typist(QApplication.focusWidget(), "已联系工程部")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert not dialog.isVisible()
    assert "已联系工程部" in tab.detail.toPlainText()
    assert svc.get_complaint(desk, cid).state == "处理中"
    # out of order: a return visit before the fix is refused in the dialog
    visit = tab.open_step(next(s for s in __import__(
        "wuye_desk.ui.complaints.dialogs", fromlist=["STEPS"]).STEPS if s.key == "visit"))
    assert visit is not None
    typist(visit.fields["回访内容"], "电梯")
    typist(visit.fields["回访结果"], "好了")
    visit.fields["满意度"].setCurrentIndex(1)
    assert visit.save() is False and "规则C8" in visit.message.text()
    visit.reject()


def test_C9_a_C_return_visit_from_the_dialog_reopens_the_matter(qtbot, desk, shown, typist):
    cid = svc.register_complaint(desk, lift(household(desk))).complaint_id
    svc.fix(desk, cid, "修好")
    svc.tell(desk, cid, "已告知")
    tab = shown(ComplaintsTab(desk))
    _select(tab, cid)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_R, ALT)
    dialog = tab.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    typist(dialog.fields["回访内容"], "电梯情况")
    typist(dialog.fields["回访结果"], "还是坏")
    dialog.fields["满意度"].setCurrentIndex(3)                # C 不满意
    qtbot.keyClick(dialog.fields["满意度"], Qt.Key.Key_S, CTRL)
    assert not dialog.isVisible()
    view = svc.get_complaint(desk, cid)
    assert view.state == "处理中" and view.follow_ups == 1
    assert "回访不满意" in tab.detail.toPlainText()


def test_the_sheet_prints_from_the_tab(qtbot, desk, shown):
    cid = svc.register_complaint(desk, lift(household(desk))).complaint_id
    tab = shown(ComplaintsTab(desk))
    _select(tab, cid)
    qtbot.keyClick(tab.list.view, Qt.Key.Key_P, CTRL)
    assert len(list(paths.printouts_dir().glob("*.pdf"))) == 1


def test_the_list_filters_and_overdue_view(qtbot, desk, shown, clock):
    a, b = neighbours(desk, 2)
    svc.register_complaint(desk, lift(a))
    major = svc.register_complaint(desk, lift(b, litigation=True)).complaint_id
    clock.set(datetime(2026, 11, 19, 12, 0))
    tab = shown(ComplaintsTab(desk))
    assert tab.list.model.rowCount() == 2
    tab.list.filters["severity"].setCurrentText("重大")
    assert tab.list.model.rowCount() == 1 and tab.list.model.row_id(0) == major
    tab.list.filters["severity"].setCurrentIndex(0)
    tab.list.filters["view"].setCurrentText("已超时")
    assert tab.list.model.rowCount() == 2          # both missed the 1-hour contact clock
    tab.list.filters["view"].setCurrentText("全部（按受理时间）")
    tab.list.filters["month"].setCurrentText("2026-10")
    assert tab.list.model.rowCount() == 0
    tab.list.filters["month"].setCurrentText("2026-11")
    assert tab.list.model.rowCount() == 2


def test_the_list_model_passes_the_model_tester(qtbot, desk, shown, qtmodeltester):
    hid = household(desk)
    for _ in range(3):
        svc.register_complaint(desk, lift(hid))
    tab = shown(ComplaintsTab(desk))
    qtmodeltester.check(tab.list.model)


def _step(tab, key: str):
    from wuye_desk.ui.complaints.dialogs import STEPS

    return tab.open_step(next(s for s in STEPS if s.key == key))


def test_C6_G4_C4_notify_correct_and_raise_dialogs(qtbot, desk, shown, typist):
    cid = svc.register_complaint(desk, lift(household(desk), media=True)).complaint_id
    tab = shown(ComplaintsTab(desk))
    _select(tab, cid)
    notify = _step(tab, "notify")
    # 总部 and 品质部 at once, the detailed report when it closes (rule C6)
    assert notify.fields["通报"].count() == 3
    assert notify.fields["通报"].currentText().startswith("立即报总部")
    typist(notify.fields["说明"], "已电话报总部")
    assert notify.save() is True
    assert "☑ 立即报总部" in tab.detail.toPlainText()
    correct = _step(tab, "correct")
    assert correct.save() is False and "更正内容" in correct.form.error_text("更正内容")
    typist(correct.fields["更正内容"], "应为报总部值班室")
    assert correct.save() is True
    text = tab.detail.toPlainText()
    assert "已电话报总部" in text and "更正 #" in text      # the old entry stays (G4)
    raise_ = _step(tab, "raise")
    assert raise_.fields["投诉等级"].count() == 0            # 重大 already: nothing higher
    assert raise_.save() is False
    raise_.reject()


def test_no_complaint_selected_means_no_dialog(qtbot, desk, shown):
    tab = shown(ComplaintsTab(desk))
    assert _step(tab, "handle") is None
    assert "请先在列表中选择" in tab.form.message.text()


def test_an_overdue_line_on_the_overview_opens_the_complaint(qtbot, desk, shown, clock):
    from wuye_desk.ui.main_window import MainWindow

    cid = svc.register_complaint(desk, lift(household(desk), media=True)).complaint_id
    svc.mark_invalid(desk, svc.register_complaint(desk, lift(household(
        desk, "5栋1单元0101", "周八", "13812349999"))).complaint_id, "重复")
    clock.set(datetime(2026, 11, 18, 12, 0))
    window = shown(MainWindow(desk))
    overview_tab = window.tab("overview")
    overview_tab.refresh()
    row = next(i for i, ln in enumerate(overview_tab.lines) if ln.area == "投诉")
    overview_tab._open(row)
    tab = window.tab("complaints")
    assert window.tabs.currentWidget() is tab
    assert tab.current_id() == cid
    assert "已超时" in tab.detail.toPlainText() and "立即报总部" in tab.detail.toPlainText()
