"""The household picker: one widget for the global search and every form that links a household (rule G2)."""

from PySide6.QtCore import Qt

from wuye_desk.services import households
from wuye_desk.services.households import HouseholdInput, MemberInput
from wuye_desk.ui.household_picker import HouseholdPicker


def _two_households(desk):
    a = households.create_household(desk, HouseholdInput(unit="5栋1单元801", members=[MemberInput("赵敏", "业主")]))
    b = households.create_household(desk, HouseholdInput(unit="3栋2单元1502", members=[MemberInput("张三", "业主")]))
    return a, b


def test_G2_pinyin_initials_and_enter_link_the_household(qtbot, desk, shown):
    _a, b = _two_households(desk)
    picker = shown(HouseholdPicker(desk))
    with qtbot.waitSignal(picker.chosen) as got:
        qtbot.keyClicks(picker, "zs")
        qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert got.args == [b, "3栋2单元1502"]
    assert picker.household_id == b
    qtbot.waitUntil(lambda: picker.text() == "3栋2单元1502")


def test_typing_again_forgets_the_link(qtbot, desk, shown):
    a, _b = _two_households(desk)
    picker = shown(HouseholdPicker(desk))
    picker.choose(a, "5栋1单元801")
    qtbot.waitUntil(lambda: picker.text() == "5栋1单元801")
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Backspace)
    assert picker.household_id is None


def test_nothing_found_links_nothing(qtbot, desk, shown, typist):
    _two_households(desk)
    picker = shown(HouseholdPicker(desk))
    typist(picker, "99栋")
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert picker.household_id is None
    picker.reset()
    assert picker.text() == "" and picker.household_id is None
