"""Nonsense in, no harm done: the operators and settings services fed long strings,
control characters, SQL text and impossible values either store the value and give it
back unchanged, or refuse it with a ValidationError and write nothing."""

from __future__ import annotations

from typing import Any

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from wuye_desk import settings as desk_settings
from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import Role, check_name, normalize_login
from wuye_desk.services import office_settings, operators
from wuye_desk.services.desk import Desk
from wuye_desk.store.models import AppSetting, AuditEntry, Operator

NASTY = [
    "", " ", "'; DROP TABLE operator; --", "Robert'); DELETE FROM audit_entry;--",
    "\x00", "a\x00b", "\t", "\r\n", "\x1b[31m", "\u202e反转", "\ud800", "😀" * 50,
    "张" * 41, "x" * 5000, "%s %d {0} ${x}", "NULL", "None", "１２３４５６", "ａｄｍｉｎ",
    "前台 甲", "admin", "ADMIN", "  li  ", "li.si-1_2",
]
texts = st.one_of(st.sampled_from(NASTY), st.text(max_size=60),
                  st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
anything = st.one_of(texts, st.none(), st.integers(), st.floats(), st.booleans(),
                     st.lists(texts, max_size=5), st.binary(max_size=10))
settings_profile = settings(max_examples=60, deadline=None,
                            suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])


@pytest.fixture
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with the cheapest parameters: hundreds of examples stay fast."""
    monkeypatch.setattr(operators, "_hasher", PasswordHasher.from_parameters(CHEAPEST))


def _counts(desk: Desk) -> tuple[int, int, int]:
    with desk.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) or 0  # type: ignore[return-value]
                     for m in (Operator, AuditEntry, AppSetting))


def _accepted(call: Any, *args: Any) -> bool:
    try:
        call(*args)
    except ValidationError as err:
        assert err.message and err.field
        return False
    return True


@settings_profile
@given(login=anything, name=anything, role=st.one_of(anything, st.sampled_from(list(Role))),
       password=anything)
def test_create_operator_stores_exactly_or_refuses(any_desk: Desk, cheap_hashing: None,
                                                   login: Any, name: Any, role: Any,
                                                   password: Any) -> None:
    before = _counts(any_desk)
    if not _accepted(operators.create_operator, any_desk, login, name, role, password):
        assert _counts(any_desk) == before
        return
    row = operators.get_operator(any_desk, login)
    assert row.login == normalize_login(login) and row.name == check_name(name)
    assert operators.authenticate(any_desk.db, login, password).id == row.id


@settings_profile
@given(login=anything, password=anything)
def test_authenticate_never_breaks(any_desk: Desk, cheap_hashing: None, login: Any,
                                   password: Any) -> None:
    before = _counts(any_desk)
    with pytest.raises(ValidationError, match="用户名或密码不对"):
        operators.authenticate(any_desk.db, login, password)
    assert _counts(any_desk) == before


@settings_profile
@given(password=anything, login=st.sampled_from(["admin", "nobody", "", "'; --"]))
def test_password_changes_never_break(any_desk: Desk, cheap_hashing: None, password: Any,
                                      login: str) -> None:
    before = _counts(any_desk)
    try:
        operators.reset_password(any_desk, login, password)
    except ValidationError:
        assert _counts(any_desk) == before
        return
    assert operators.authenticate(any_desk.db, login, password).login == "admin"


@settings_profile
@given(key=st.sampled_from(sorted(desk_settings.REGISTRY)), value=anything)
def test_settings_store_exactly_or_refuse(any_desk: Desk, key: str, value: Any) -> None:
    setting = desk_settings.REGISTRY[key]
    old = office_settings.get(any_desk, setting)
    before = _counts(any_desk)
    if not _accepted(office_settings.put, any_desk, setting, value):
        assert _counts(any_desk)[1:] == before[1:]
        assert office_settings.get(any_desk, setting) == old
        return
    stored = office_settings.get(any_desk, setting)
    expected = value.strip() if isinstance(value, str) else value
    assert stored == expected and type(stored) is type(expected)
    assert office_settings.get_all(any_desk)[key] == expected


def test_setting_limits_name_the_setting(desk: Desk) -> None:
    with pytest.raises(ValidationError, match="夜间值班开始（时）”应在 0 到 23 之间") as err:
        office_settings.put(desk, desk_settings.NIGHT_START_HOUR, 24)
    assert err.value.field == "duty.night_start_hour"
    with pytest.raises(ValidationError, match="值类型不对"):
        office_settings.put(desk, desk_settings.NIGHT_START_HOUR, True)
    with pytest.raises(ValidationError, match=r"管理处名称.*控制字符"):
        office_settings.put(desk, desk_settings.OFFICE_NAME, "幸福\n家园")
    office_settings.put(desk, desk_settings.OFFICE_NAME, "  幸福家园二期  ")
    assert office_settings.get(desk, desk_settings.OFFICE_NAME) == "幸福家园二期"
