"""Roles and what each may do (rules G3, G5; the trust issue)."""

from __future__ import annotations

from enum import StrEnum


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
