"""The household archive tab, driven by the keyboard (rules G1, G2, G3)."""

from PySide6.QtCore import Qt

from wuye_desk.domain.operators import Role
from wuye_desk.services import households
from wuye_desk.services.households import HouseholdInput, MemberInput
from wuye_desk.ui.households.tab import HouseholdsTab


def test_a_clerk_creates_a_household_by_keyboard(qtbot, desk, shown, typist):
    tab = shown(HouseholdsTab(desk))
    qtbot.keyClick(tab, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    typist(tab.editor.unit, "3-2-1502")
    members = tab.editor.members
    members.item(0, 0).setText("张三")
    members.item(0, 2).setText("13812345678")
    qtbot.keyClick(tab.editor.unit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.editor.message.text() == "已保存"
    hit = households.search(desk, "zs")
    assert [h.unit_display for h in hit] == ["3栋2单元1502"]
    assert tab.list.model.rowCount() == 1
    assert tab.list.model.data(tab.list.model.index(0, 0)) == "3栋2单元1502"
    assert tab.list.model.data(tab.list.model.index(0, 2)) == "138****5678"  # G3: masked


def test_a_bad_unit_is_shown_beside_the_field_and_nothing_saved(qtbot, desk, shown, typist):
    tab = shown(HouseholdsTab(desk))
    tab.new_household()
    typist(tab.editor.unit, "不知道哪里")
    tab.editor.members.item(0, 0).setText("张三")
    assert tab.save() is False
    assert "房号" in tab.editor.form.error_text("unit")
    assert households.search(desk, "张三") == []


def test_search_box_filters_the_list_and_enter_goes_to_it(qtbot, desk, shown, typist):
    for i, name in enumerate(["张三", "李四", "王五"]):
        households.create_household(desk, HouseholdInput(
            unit=f"1栋1单元10{i + 1}", members=[MemberInput(name)]))
    tab = shown(HouseholdsTab(desk))
    assert tab.list.model.rowCount() == 3
    typist(tab.list.search, "ls")
    qtbot.keyClick(tab.list.search, Qt.Key.Key_Return)
    assert tab.list.model.rowCount() == 1
    assert tab.editor.record is not None and tab.editor.record.primary_name == "李四"


def test_only_permitted_operators_may_reveal_full_ids(qtbot, desk_as):
    front = HouseholdsTab(desk_as(Role.FRONT_DESK))
    qtbot.addWidget(front)
    assert not front.reveal_button.isEnabled()
    manager = HouseholdsTab(desk_as(Role.MANAGER))
    qtbot.addWidget(manager)
    assert manager.reveal_button.isEnabled()


def test_household_list_model_passes_the_model_tester(qtmodeltester, desk):
    for i in range(30):
        households.create_household(desk, HouseholdInput(
            unit=f"1栋1单元{100 + i}", members=[MemberInput(f"住户{i}")]))
    from wuye_desk.ui.paged_model import PagedTableModel

    model = PagedTableModel(households.list_query(desk), page_size=7)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 30
