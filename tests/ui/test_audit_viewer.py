"""The audit viewer shows who changed a record and how (rule G4)."""

import pytest

from wuye_desk.domain.errors import PermissionDenied
from wuye_desk.domain.operators import Role
from wuye_desk.services import audit_log, households
from wuye_desk.services.households import HouseholdInput, MemberInput
from wuye_desk.ui.audit_viewer import AuditViewer


def test_a_manager_sees_who_changed_a_household_and_how(qtbot, desk, desk_as):
    front = desk_as(Role.FRONT_DESK)
    hid = households.create_household(front, HouseholdInput(
        unit="3-2-1502", members=[MemberInput("张三")]))
    view = households.get_household(front, hid)
    data = households.to_input(view)
    data.note = "门口放了鞋柜"
    households.update_household(front, hid, view.version, data)

    viewer = AuditViewer(desk_as(Role.MANAGER), entity="household", entity_id=str(hid))
    qtbot.addWidget(viewer)
    model = viewer.list.model
    assert model.rowCount() == 2   # created, then changed
    newest = [model.data(model.index(0, c)) for c in range(6)]
    assert newest[1] == "前台甲" and "修改业户档案" in newest[2]
    assert "门口放了鞋柜" in newest[5]
    viewer.list.view.selectRow(0)
    assert "note:  → 门口放了鞋柜" in viewer.detail.toPlainText()


def test_front_desk_may_not_read_the_audit_trail(desk_as):
    with pytest.raises(PermissionDenied):
        audit_log.audit_query(desk_as(Role.FRONT_DESK))
