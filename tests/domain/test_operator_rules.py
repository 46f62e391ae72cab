"""What a login, a name, a password and a role must look like."""

from __future__ import annotations

import pytest

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.operators import (
    Role,
    check_name,
    check_password,
    normalize_login,
    parse_role,
)


def test_login_is_lower_case_and_half_width() -> None:
    assert normalize_login("  Zhang.San ") == "zhang.san"
    assert normalize_login("ｚｈａｎｇ０１") == "zhang01"  # typed with a Chinese input method
    assert normalize_login("前台_1") == "前台_1"


@pytest.mark.parametrize("bad", ["", "   ", "zhang san", "a'; DROP TABLE operator;--", "x\ty",
                                 "a" * 41, "名@字", None, 42])
def test_bad_logins_are_refused_naming_the_field(bad: object) -> None:
    with pytest.raises(ValidationError) as err:
        normalize_login(bad)
    assert err.value.field == "登录名" and "登录名" in err.value.message


def test_password_needs_six_characters_and_is_kept_as_typed() -> None:
    assert check_password(" abc d ") == " abc d "
    with pytest.raises(ValidationError, match="密码太短：至少要6个字符") as err:
        check_password("12345")
    assert err.value.field == "密码"
    with pytest.raises(ValidationError, match="新密码"):
        check_password("x", field="新密码")
    for bad in ("123456\n", "a" * 129, "12345\x00x"):
        with pytest.raises(ValidationError):
            check_password(bad)


def test_name_is_trimmed_and_limited() -> None:
    assert check_name(" 张三 ") == "张三"
    for bad in ("", "张\n三", "张" * 41):
        with pytest.raises(ValidationError, match="姓名"):
            check_name(bad)


def test_role_by_chinese_or_code_name() -> None:
    assert parse_role("前台") is Role.FRONT_DESK
    assert parse_role("duty_manager") is Role.DUTY_MANAGER
    assert parse_role(Role.ADMIN) is Role.ADMIN
    with pytest.raises(ValidationError, match="角色只能是：前台、物业总值"):
        parse_role("老板")
