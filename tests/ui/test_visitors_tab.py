"""The visitor tab, driven by the keyboard (rules V1–V5, G3, G5)."""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.services.visitor_helpers import ZHAO_ID, count, host_household, visitor
from wuye_desk import paths
from wuye_desk.domain.operators import Role
from wuye_desk.services import goods_passes, visitors, watchlist
from wuye_desk.store.models import GoodsPass
from wuye_desk.ui.paged_model import PagedTableModel
from wuye_desk.ui.visitors.tab import VIEW_INSIDE, VisitorsTab


def _enter(qtbot, typist, text: str = ""):
    """Type into the field that has the focus, then Enter to the next one, as a clerk does."""
    widget = QApplication.focusWidget()
    if text:
        typist(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    return widget


def _printouts() -> list:
    return sorted(paths.printouts_dir().glob("*.pdf"))


def test_a_clerk_registers_a_visitor_entirely_by_keyboard(qtbot, desk, shown, typist):
    host_household(desk)
    tab = shown(VisitorsTab(desk))
    qtbot.keyClick(tab, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.form.id_number.hasFocus()
    assert _enter(qtbot, typist, ZHAO_ID) is tab.form.id_number
    assert tab.form.name.hasFocus()
    _enter(qtbot, typist, "赵敏")
    _enter(qtbot, typist, "13700001111")
    _enter(qtbot, typist)                        # 人数 stays 1
    _enter(qtbot, typist, "yue B D12345")        # a plate typed loosely
    _enter(qtbot, typist, "探亲")
    assert tab.form.host_unit.hasFocus()
    _enter(qtbot, typist, "3-2-1502")
    assert tab.form.host_unit.text() == "3栋2单元1502"
    assert tab.form.host_name.text() == "张三"             # from the archive (rule V3)
    assert tab.form.host_phone.currentText().startswith("13812345678")
    _enter(qtbot, typist)                        # 被访单位/部门
    _enter(qtbot, typist)                        # 被访人姓名 (filled)
    _enter(qtbot, typist)                        # 被访人职位 (from the archive)
    _enter(qtbot, typist)                        # 被访人电话
    assert tab.form.answer.hasFocus()
    qtbot.keyClick(tab.form.answer, Qt.Key.Key_Down)       # 同意
    _enter(qtbot, typist)
    _enter(qtbot, typist, "张三")                # 接听人
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # the plate was refused beside its field: the clerk corrects it and saves again
    assert "车牌号" in tab.form.form.error_text("车牌号") and count(desk) == 0
    assert tab.form.plate.hasFocus()
    tab.form.plate.selectAll()
    typist(tab.form.plate, "粤BD12345")
    qtbot.keyClick(tab.form.plate, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert count(desk) == 1
    assert "已登记，单号 FK261118" in tab.form.message.text()
    assert len(_printouts()) == 1                # the two-part slip printed at once
    assert tab.form.id_number.hasFocus() and tab.form.name.text() == ""
    assert tab.list.model.rowCount() == 1
    assert tab.list.model.data(tab.list.model.index(0, 3)) == "1101**********002X"  # G3


def test_a_wrong_check_digit_is_shown_beside_the_id_field_at_once(qtbot, desk, shown, typist):
    host_household(desk)
    tab = shown(VisitorsTab(desk))
    tab.focus_first()
    _enter(qtbot, typist, ZHAO_ID[:-1] + "1")
    assert "校验位不对" in tab.form.form.error_text("证件号码")
    assert tab.form.id_number.hasFocus()
    assert tab.register() is False and count(desk) == 0


def test_a_refusal_is_recorded_and_no_slip_prints(qtbot, desk, shown):
    host_household(desk)
    tab = shown(VisitorsTab(desk))
    tab.form.fill(visitor())
    tab.form.id_number.setText(ZHAO_ID)
    tab.form.phone.setText("13700001111")
    tab.form.answer.setCurrentText("拒绝")
    tab.form.answered_by.setText("张三")
    assert tab.register() is True
    assert "未准入" in tab.form.message.text() and "V4" in tab.form.message.text()
    assert count(desk) == 1 and _printouts() == []


def test_a_watch_list_match_warns_as_soon_as_the_id_is_typed(qtbot, desk, shown, typist):
    watchlist.add_watch(desk, id_number=ZHAO_ID, note="曾冒充快递员")
    tab = shown(VisitorsTab(desk))
    tab.focus_first()
    _enter(qtbot, typist, ZHAO_ID)
    assert tab.form.warning.isVisible() and "曾冒充快递员" in tab.form.warning.text()


def test_the_inside_list_empties_as_slips_are_scanned_back(qtbot, desk, shown, typist):
    host_household(desk)
    serials = [visitors.register_visit(desk, visitor(visitor_name=n)).serial
               for n in ("赵敏", "钱多")]
    tab = shown(VisitorsTab(desk))
    tab.list.filters["view"].setCurrentText(VIEW_INSIDE)
    assert tab.list.model.rowCount() == 2
    qtbot.keyClick(tab, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert tab.scan.hasFocus()
    for serial in serials:
        typist(tab.scan, serial)                 # a scanner types the number and Enter
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
        assert "已离开" in tab.exit_message.text()
    assert tab.list.model.rowCount() == 0
    typist(tab.scan, serials[0])
    qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert "不能重复登记" in tab.exit_message.text()


def test_rule_G5_at_night_the_front_desk_names_the_duty_manager(qtbot, desk_as, shown, clock):
    front = desk_as(Role.FRONT_DESK)
    duty = desk_as(Role.DUTY_MANAGER)
    host_household(front.as_operator(desk_as(Role.ADMIN).operator))
    clock.set(datetime(2026, 11, 18, 22, 0))
    tab = shown(VisitorsTab(front))
    assert tab.form.night.isVisible() and tab.form.duty.isEnabled()
    tab.form.fill(visitor())
    tab.form.id_number.setText(ZHAO_ID)
    tab.form.phone.setText("13700001111")
    tab.form.answer.setCurrentText("同意")
    tab.form.answered_by.setText("张三")
    assert tab.register() is False
    assert "物业总值" in tab.form.form.error_text("值班总值")
    tab.form.duty.setCurrentText(duty.operator.name)
    assert tab.register() is True
    row = tab.list.model.data(tab.list.model.index(0, 2))
    assert row == "赵敏"


def test_goods_with_a_hazard_are_refused_in_the_dialog_and_ordinary_goods_print(
        qtbot, desk, shown, typist):
    host_household(desk)
    tab = shown(VisitorsTab(desk))
    qtbot.keyClick(tab, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.goods_dialog
    qtbot.addWidget(dialog)
    typist(dialog.unit, "3-2-1502")
    typist(dialog.carrier, "老周")
    dialog.sealed.setChecked(True)
    dialog.items.item(0, 0).setText("两桶汽油")
    assert dialog.issue() is False
    assert "汽油" in dialog.message.text() and "V5" in dialog.message.text()
    assert _printouts() == [] and count(desk, GoodsPass) == 1   # the refusal is on record
    dialog.items.item(0, 0).setText("旧沙发")
    assert dialog.issue() is True
    assert dialog.issued is not None and len(_printouts()) == 1
    assert goods_passes.get_goods_pass(desk, dialog.issued.pass_id).status == "放行"


def test_visitor_list_model_passes_the_model_tester(qtmodeltester, desk, clock):
    host_household(desk)
    for minute in range(25):
        clock.set(datetime(2026, 11, 18, 9, minute))
        visitors.register_visit(desk, visitor(host_answer="同意" if minute % 5 else "拒绝"))
    model = PagedTableModel(visitors.list_query(desk), page_size=7)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 25
