"""Operators: the first administrator, signing in, passwords, deactivation."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from tests.conftest import Clock
from wuye_desk.domain.errors import PermissionDenied, ValidationError
from wuye_desk.domain.operators import LOGIN_FAILED, Role
from wuye_desk.services import operators
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import Database
from wuye_desk.store.models import AuditEntry, Operator


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _stored(db: Database, login: str) -> Operator:
    with db.read() as session:
        op = session.scalar(select(Operator).where(Operator.login == login))
        assert op is not None
        return op


# --- first start --------------------------------------------------------------
def test_first_start_creates_the_administrator_once(db: Database) -> None:
    assert operators.needs_first_admin(db)
    admin = operators.create_first_admin(db, "Admin", "王经理", "kaimen123")
    assert admin.role is Role.ADMIN and admin.login == "admin" and admin.id is not None
    assert not operators.needs_first_admin(db)
    assert operators.authenticate(db, "admin", "kaimen123").id == admin.id
    with pytest.raises(ValidationError, match="已经有操作员了"):
        operators.create_first_admin(db, "other", "另一个", "kaimen123")
    assert _count(db, Operator) == 1


def test_first_admin_needs_a_real_password(db: Database) -> None:
    with pytest.raises(ValidationError, match="密码太短") as err:
        operators.create_first_admin(db, "admin", "王经理", "123")
    assert err.value.field == "密码"
    assert operators.needs_first_admin(db) and _count(db, AuditEntry) == 0


# --- signing in ---------------------------------------------------------------
def test_password_is_stored_as_a_memory_hard_hash(desk: Desk) -> None:
    operators.create_operator(desk, "li", "李四", Role.FRONT_DESK, "xinmima1")
    stored = _stored(desk.db, "li").password_hash or ""
    assert stored.startswith("$argon2id$") and "m=65536" in stored
    assert "xinmima1" not in stored


def test_same_message_for_unknown_login_and_wrong_password(desk: Desk) -> None:
    operators.create_operator(desk, "li", "李四", Role.FRONT_DESK, "xinmima1")
    for login, password in (("li", "wrong-one"), ("nobody", "xinmima1"), ("", ""),
                            ("li", "x" * 500), ("li", None), ("li; --", "xinmima1")):
        with pytest.raises(ValidationError) as err:
            operators.authenticate(desk.db, login, password)  # type: ignore[arg-type]
        assert err.value.message == LOGIN_FAILED


def test_sign_in_gives_the_operator_and_is_recorded(desk: Desk, clock: Clock) -> None:
    operators.create_operator(desk, "Li", "李四", "前台", "xinmima1")
    info = operators.authenticate(desk.db, "  LI ", "xinmima1", now=clock())
    assert (info.login, info.name, info.role) == ("li", "李四", Role.FRONT_DESK)
    assert info.must_change_password  # a first password set by the administrator
    with desk.db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and last.change == "login" and last.operator_id == info.id
    assert last.at == clock()


def test_deactivated_operator_cannot_sign_in_but_stays(desk: Desk) -> None:
    operators.create_operator(desk, "li", "李四", Role.FRONT_DESK, "xinmima1")
    operators.deactivate(desk, "li")
    with pytest.raises(ValidationError, match="已停用"):
        operators.authenticate(desk.db, "li", "xinmima1")
    # a wrong password does not reveal that the login exists and is deactivated
    with pytest.raises(ValidationError) as err:
        operators.authenticate(desk.db, "li", "wrong-one")
    assert err.value.message == LOGIN_FAILED
    assert not _stored(desk.db, "li").active  # never deleted
    operators.reactivate(desk, "li")
    assert operators.authenticate(desk.db, "li", "xinmima1").login == "li"


# --- passwords ----------------------------------------------------------------
def test_change_own_password(desk: Desk) -> None:
    info = operators.create_operator(desk, "li", "李四", Role.FRONT_DESK, "chushi01")
    li = desk.as_operator(info)
    with pytest.raises(ValidationError, match="原密码不对") as err:
        operators.change_own_password(li, "guess123", "xinmima1")
    assert err.value.field == "原密码"
    with pytest.raises(ValidationError, match="新密码太短") as err:
        operators.change_own_password(li, "chushi01", "abc")
    assert err.value.field == "新密码"
    with pytest.raises(ValidationError, match="不能和原密码相同"):
        operators.change_own_password(li, "chushi01", "chushi01")
    operators.change_own_password(li, "chushi01", "xinmima1")
    signed_in = operators.authenticate(desk.db, "li", "xinmima1")
    assert not signed_in.must_change_password
    with pytest.raises(ValidationError):
        operators.authenticate(desk.db, "li", "chushi01")


def test_administrator_resets_a_forgotten_password(desk: Desk) -> None:
    info = operators.create_operator(desk, "li", "李四", Role.FRONT_DESK, "chushi01")
    operators.change_own_password(desk.as_operator(info), "chushi01", "wangle99")
    before = _stored(desk.db, "li").password_hash
    operators.reset_password(desk, "li", "linshi88")
    after = _stored(desk.db, "li")
    assert after.password_hash != before and after.must_change_password
    assert operators.authenticate(desk.db, "li", "linshi88").must_change_password
    with pytest.raises(ValidationError, match="没有登录名为“nobody”的操作员"):
        operators.reset_password(desk, "nobody", "linshi88")
    # the trail shows the reset, not the hashes
    with desk.db.read() as session:
        texts = [e.before_json or "" for e in session.scalars(select(AuditEntry))]
        texts += [e.after_json or "" for e in session.scalars(select(AuditEntry))]
    assert not any("argon2" in text for text in texts)


# --- managing operators -------------------------------------------------------
def test_only_an_administrator_manages_operators(desk: Desk, desk_as) -> None:  # type: ignore[no-untyped-def]
    operators.create_operator(desk, "li", "李四", Role.FRONT_DESK, "chushi01")
    manager: Desk = desk_as(Role.MANAGER)
    before = _count(desk.db, Operator)
    with pytest.raises(PermissionDenied, match="管理操作员"):
        operators.create_operator(manager, "zhao", "赵六", Role.FRONT_DESK, "chushi01")
    with pytest.raises(PermissionDenied):
        operators.reset_password(manager, "li", "linshi88")
    with pytest.raises(PermissionDenied):
        operators.deactivate(manager, "li")
    assert _count(desk.db, Operator) == before


def test_login_must_be_unique_whatever_the_case(desk: Desk) -> None:
    operators.create_operator(desk, "li", "李四", Role.FRONT_DESK, "chushi01")
    audit_before = _count(desk.db, AuditEntry)
    with pytest.raises(ValidationError, match="登录名“li”已被使用") as err:
        operators.create_operator(desk, "LI", "李小四", Role.FRONT_DESK, "chushi01")
    assert err.value.field == "登录名"
    assert _count(desk.db, AuditEntry) == audit_before


@pytest.mark.parametrize(("login", "name", "role", "password", "field"), [
    ("", "李四", "前台", "chushi01", "登录名"),
    ("li si", "李四", "前台", "chushi01", "登录名"),
    ("li", "", "前台", "chushi01", "姓名"),
    ("li", "李\x00四", "前台", "chushi01", "姓名"),
    ("li", "李四", "保安", "chushi01", "角色"),
    ("li", "李四", "前台", "12345", "初始密码"),
])
def test_bad_input_names_the_field_and_writes_nothing(desk: Desk, login: str, name: str,
                                                     role: str, password: str,
                                                     field: str) -> None:
    before = (_count(desk.db, Operator), _count(desk.db, AuditEntry))
    with pytest.raises(ValidationError) as err:
        operators.create_operator(desk, login, name, role, password)
    assert err.value.field == field and field in err.value.message
    assert (_count(desk.db, Operator), _count(desk.db, AuditEntry)) == before


def test_the_last_administrator_and_oneself_cannot_be_deactivated(desk: Desk) -> None:
    with pytest.raises(ValidationError, match="不能停用自己"):
        operators.deactivate(desk, "admin")
    second = operators.create_operator(desk, "boss", "总管", Role.ADMIN, "chushi01")
    boss = desk.as_operator(second)
    operators.deactivate(boss, "admin")
    with pytest.raises(ValidationError, match="不能停用自己"):
        operators.deactivate(boss, "boss")
    assert [r.login for r in operators.list_operators(desk) if r.active] == ["boss"]


def test_last_active_administrator_is_kept(desk: Desk, clock: Clock) -> None:
    other = operators.create_operator(desk, "boss", "总管", Role.ADMIN, "chushi01")
    # a desk run by the system (the command line) may not remove the last administrator
    system = Desk(desk.db, clock=clock)
    operators.deactivate(system, "boss")
    with pytest.raises(ValidationError, match="最后一位管理员"):
        operators.deactivate(system, "admin")
    assert other.id is not None


def test_list_operators_shows_state(any_desk: Desk) -> None:
    operators.create_operator(any_desk, "li", "李四", Role.FRONT_DESK, "chushi01")
    operators.create_operator(any_desk, "zhao", "赵六", Role.DUTY_MANAGER, "chushi01")
    operators.deactivate(any_desk, "li")
    rows = operators.list_operators(any_desk)
    assert [(r.login, r.active) for r in rows] == [("admin", True), ("zhao", True),
                                                  ("li", False)]
    assert rows[1].role is Role.DUTY_MANAGER and rows[1].must_change_password
    assert rows[1].created_at == datetime(2026, 11, 18, 10, 0)


def test_sign_in_and_password_change_on_both_backends(any_desk: Desk) -> None:
    info = operators.create_operator(any_desk, "li", "李四", Role.FRONT_DESK, "chushi01")
    assert operators.authenticate(any_desk.db, "li", "chushi01").id == info.id
    operators.change_own_password(any_desk.as_operator(info), "chushi01", "xinmima1")
    with pytest.raises(ValidationError):
        operators.authenticate(any_desk.db, "li", "chushi01")
    with pytest.raises(ValidationError, match="已被使用"):
        operators.create_operator(any_desk, "Li", "李四", Role.FRONT_DESK, "chushi01")
