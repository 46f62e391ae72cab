"""Roles and what each may do (rules G3, G5; the trust issue)."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from wuye_desk.domain.errors import ValidationError
from wuye_desk.domain.plain_text import clean_line, has_control_chars


class Role(StrEnum):
    FRONT_DESK = "前台"
    DUTY_MANAGER = "物业总值"
    SUPERVISOR = "客户主管"
    VIP_ASSISTANT = "客户助理"
    MANAGER = "经理"
    ADMIN = "管理员"


class Permission(StrEnum):
    REGISTER = "登记"                      # everyday registrations on every tab
    EDIT_ARCHIVE = "编辑业户档案"
    IMPORT = "导入数据"
    APPROVE_KEY_LENDING = "批准借用钥匙"    # rule K3
    REVEAL_ID = "查看完整证件号"            # rule G3
    VIEW_VIP = "查看VIP档案"                # rule P1
    MANAGE_VIP = "管理VIP卡"
    HANDLE_COMPLAINT = "处理投诉"
    VIEW_AUDIT = "查看操作日志"
    MANAGE_OPERATORS = "管理操作员"
    RESTORE_BACKUP = "恢复备份"
    EDIT_SETTINGS = "修改设置"
    EXPORT_FULL_ID = "导出完整证件号"
    MANAGE_WATCHLIST = "维护访客关注名单"  # rule G3: a list of people, kept by the office
    APPROVE_OFFICIAL_ACCESS = "批准公务查询"  # rule G3: officers see customer data only so


_EVERYONE = {Permission.REGISTER}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.FRONT_DESK: frozenset(_EVERYONE),
    Role.DUTY_MANAGER: frozenset(_EVERYONE | {Permission.APPROVE_KEY_LENDING,
                                              Permission.HANDLE_COMPLAINT}),
    Role.SUPERVISOR: frozenset(_EVERYONE | {Permission.HANDLE_COMPLAINT,
                                            Permission.EDIT_ARCHIVE,
                                            Permission.MANAGE_WATCHLIST}),
    Role.VIP_ASSISTANT: frozenset(_EVERYONE | {Permission.VIEW_VIP, Permission.MANAGE_VIP,
                                               Permission.EDIT_ARCHIVE}),
    Role.MANAGER: frozenset(set(Permission) - {Permission.MANAGE_OPERATORS,
                                               Permission.RESTORE_BACKUP,
                                               Permission.EXPORT_FULL_ID}),
    Role.ADMIN: frozenset(Permission),
}


def allows(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]


# --- who may sign in (the trust issue) -------------------------------------
MIN_PASSWORD_LENGTH = 6
MAX_PASSWORD_LENGTH = 128
MAX_LOGIN_LENGTH = 40  # operator.login
MAX_NAME_LENGTH = 40   # operator.name
LOGIN_FAILED = "用户名或密码不对"  # the same words whether the login or the password is wrong


def normalize_login(value: object, *, field: str = "登录名") -> str:
    """The login as stored: full-width letters (typed with a Chinese input method)
    made half-width, lower case, no spaces inside."""
    text = clean_line(value, field=field, max_length=MAX_LOGIN_LENGTH * 4)
    text = unicodedata.normalize("NFKC", text).lower()
    if not _LOGIN_CHARS.fullmatch(text):
        raise ValidationError(f"{field}只能用字母、数字、汉字和 . - _，不能有空格或其他符号",
                              field=field)
    if len(text) > MAX_LOGIN_LENGTH:
        raise ValidationError(f"{field}太长：最多{MAX_LOGIN_LENGTH}个字", field=field)
    return text


def check_name(value: object, *, field: str = "姓名") -> str:
    return clean_line(value, field=field, max_length=MAX_NAME_LENGTH)


def check_password(value: object, *, field: str = "密码") -> str:
    """A new password: at least six characters; kept exactly as typed (spaces count)."""
    if not isinstance(value, str):
        raise ValidationError(f"{field}必须是文字", field=field)
    if len(value) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"{field}太短：至少要{MIN_PASSWORD_LENGTH}个字符", field=field)
    if len(value) > MAX_PASSWORD_LENGTH:
        raise ValidationError(f"{field}太长：最多{MAX_PASSWORD_LENGTH}个字符", field=field)
    if has_control_chars(value):
        raise ValidationError(f"{field}含有不能输入的控制字符", field=field)
    return value


def parse_role(value: object, *, field: str = "角色") -> Role:
    """A role from its Chinese name (前台) or its code name (FRONT_DESK)."""
    if isinstance(value, Role):
        return value
    if isinstance(value, str):
        text = value.strip()
        for role in Role:
            if text in (role.value, role.name) or text.upper() == role.name:
                return role
    choices = "、".join(role.value for role in Role)
    raise ValidationError(f"{field}只能是：{choices}", field=field)


_LOGIN_CHARS = re.compile(r"[\w.\-]+")
