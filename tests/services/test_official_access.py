"""Accesses by government or judicial officers: who, on what basis, approved by whom (rule G3)."""

import pytest
from sqlalchemy import func, select

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import official_access, operators
from wuye_desk.services.official_access import AccessInput
from wuye_desk.store.models import AuditEntry, OfficialAccess


@pytest.fixture
def manager(desk):
    operators.create_operator(desk, "zhaojl", "赵经理", Role.MANAGER, "jingli123")
    operators.create_operator(desk, "lixm", "李小梅", Role.FRONT_DESK, "qiantai123")
    return "zhaojl"


def _input(**changes):
    data = AccessInput(officer_name="刘警官", officer_org="幸福路派出所", id_type="警官证/工作证",
                       id_number="110235", legal_basis="调取证据通知书 幸公(刑)调字〔2026〕118号",
                       records="3栋2单元1502 业户档案及11月访客登记", approver_login="zhaojl",
                       approver_password="jingli123")
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def _count(desk):
    with desk.read() as session:
        return session.scalar(select(func.count()).select_from(OfficialAccess))


def test_G3_an_officers_access_is_recorded_with_identity_basis_and_approval(desk, manager):
    access_id = official_access.record_access(desk, _input())
    [view] = official_access.recent(desk)
    assert view.id == access_id
    assert (view.officer_name, view.officer_org, view.approver_name) == ("刘警官", "幸福路派出所", "赵经理")
    assert view.id_number_masked != "110235" and view.id_number_masked.endswith("5")
    with desk.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "official_access")).one()
    assert "110235" not in (entry.after_json or "")  # the credential stays out of the trail


@pytest.mark.parametrize(("changes", "field"), [
    ({"officer_name": ""}, "查询人姓名"),
    ({"officer_org": "  "}, "查询单位"),
    ({"legal_basis": ""}, "法律依据"),
    ({"records": "x\x00"}, "查询内容"),
    ({"id_type": "居民身份证", "id_number": "110105194912310021"}, "证件号码"),  # wrong checksum
    ({"id_type": "护照？"}, "证件类型"),
    ({"id_number": "—"}, "证件号码"),
    ({"approver_login": ""}, "批准人"),
    ({"approver_password": "wrong"}, "批准人密码"),
    ({"approver_login": "nobody"}, "批准人密码"),
    ({"approver_login": "lixm", "approver_password": "qiantai123"}, "批准人"),  # 前台 may not approve
])
def test_G3_nonsense_or_no_valid_approval_writes_nothing(desk, manager, changes, field):
    with pytest.raises(ValidationError) as caught:
        official_access.record_access(desk, _input(**changes))
    assert caught.value.field == field
    assert _count(desk) == 0


def test_a_mainland_id_card_is_checked_and_kept(desk, manager):
    official_access.record_access(desk, _input(id_type="居民身份证", id_number="11010519491231002x"))
    with desk.read() as session:
        assert session.scalar(select(OfficialAccess.officer_id_number)) == "11010519491231002X"
