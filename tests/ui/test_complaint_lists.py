"""名单与案例 by keyboard: next month's return-visit list, the case library and the
office's score (rules C10, C11), from the complaint tab."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.services.complaint_helpers import lift, neighbours
from wuye_desk.services import complaints as svc
from wuye_desk.services.complaints import VisitInput
from wuye_desk.ui.complaints.lists_dialog import ComplaintListsDialog
from wuye_desk.ui.complaints.tab import ComplaintsTab

ALT = Qt.KeyboardModifier.AltModifier


def _closed_case(desk, household_id: int) -> int:
    cid = svc.register_complaint(desk, lift(household_id)).complaint_id
    svc.handle(desk, cid, "联系")
    svc.fix(desk, cid, "修好")
    svc.tell(desk, cid, "告知")
    svc.return_visit(desk, cid, VisitInput("回访", "满意", "A"))
    svc.close(desk, cid, case_library=True)
    return cid


def test_C10_C11_the_lists_by_keyboard_and_a_case_opens_its_complaint(qtbot, desk, shown):
    a, b = neighbours(desk, 2)
    case = _closed_case(desk, a)
    svc.register_complaint(desk, lift(a, subtopic="工作态度"))
    svc.register_complaint(desk, lift(b), link_ids=[case])
    svc.register_complaint(desk, lift(complainant_kind="匿名"))
    tab = shown(ComplaintsTab(desk))
    tab.list.view.setFocus()
    qtbot.keyClick(tab.list.view, Qt.Key.Key_L, ALT)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ComplaintListsDialog) and w.isVisible())
    # last month by default (the customers to call back this month): none in October
    assert dialog.month.currentText() == "2026-10" and dialog.revisit.rowCount() == 0
    assert "共 0 位" in dialog.revisit_note.text()
    qtbot.keyClick(dialog.month, Qt.Key.Key_Up)              # to November
    assert dialog.month.currentText() == "2026-11"
    people = [tuple(dialog.revisit.item(r, c).text() for c in (1, 3))
              for r in range(dialog.revisit.rowCount())]
    assert people == [("张三", "2"), ("李四", "1")]          # the anonymous one cannot be called
    score = dialog.score.toPlainText()
    assert "工作态度" in score or "态度" in score
    assert "合计 -" in score and "元" in score
    assert dialog.cases.rowCount() == 1
    dialog.pages.setCurrentIndex(1)
    dialog.cases.setFocus()
    dialog.cases.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.cases, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert tab.shown_id == case


def test_the_lists_of_an_empty_desk_say_there_is_nothing(qtbot, desk, shown):
    tab = shown(ComplaintsTab(desk))
    dialog = tab.open_lists()
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    for index in range(dialog.month.count()):                # every month of the year
        dialog.month.setCurrentIndex(index)
        assert dialog.revisit.rowCount() == 0 and dialog.cases.rowCount() == 0
    assert "没有扣分或加分" in dialog.score.toPlainText()
    dialog.pages.setCurrentIndex(1)
    dialog.cases.setFocus()
    qtbot.keyClick(dialog.cases, Qt.Key.Key_Return)           # Enter on an empty list: nothing
    qtbot.keyClick(dialog.month, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.reject()
