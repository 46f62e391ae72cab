"""公务查询登记 by keyboard: the manager approves with their own password (rule G3)."""

from PySide6.QtCore import Qt

from wuye_desk.domain.operators import Role
from wuye_desk.services import official_access, operators
from wuye_desk.ui.official_access_dialog import OfficialAccessDialog


def _fill(qtbot, dialog, typist, password):
    typist(dialog.officer_name, "刘警官")
    qtbot.keyClick(dialog.officer_name, Qt.Key.Key_Return)
    assert dialog.officer_org.hasFocus()  # Enter moves on
    typist(dialog.officer_org, "幸福路派出所")
    typist(dialog.id_number, "110235")
    typist(dialog.legal_basis, "调取证据通知书118号")
    typist(dialog.records, "3栋2单元1502业户档案")
    typist(dialog.approver, "zhaojl")
    typist(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_G3_a_wrong_password_is_named_and_nothing_is_written_then_the_right_one_records(
        qtbot, desk, shown, typist):
    operators.create_operator(desk, "zhaojl", "赵经理", Role.MANAGER, "jingli123")
    dialog = shown(OfficialAccessDialog(desk))
    _fill(qtbot, dialog, typist, "nope")
    assert "密码不正确" in dialog.form.error_text("批准人密码")
    assert official_access.recent(desk) == [] and dialog.table.rowCount() == 0
    typist(dialog.password, "jingli123")
    qtbot.keyClick(dialog.password, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 6).text() == "赵经理"
    assert "110235" not in dialog.table.item(0, 3).text()  # the credential is masked on screen
    assert dialog.officer_name.text() == "" and dialog.officer_name.hasFocus()


def test_the_file_menu_opens_it(qtbot, desk, shown):
    from wuye_desk.ui.main_window import MainWindow

    window = shown(MainWindow(desk))
    window.official_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, OfficialAccessDialog) and w.isVisible()
                                for w in window.findChildren(OfficialAccessDialog)))
    for w in window.findChildren(OfficialAccessDialog):
        w.close()
