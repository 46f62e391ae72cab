"""The people who use the desk: the first administrator, signing in, passwords.

Passwords are hashed with Argon2id (memory-hard; argon2-cffi's defaults) and
never stored, shown or written to the audit trail (the operator table's
password_hash is redacted there). A forgotten password is not recovered: an
administrator sets a new one, which its owner must change at the next sign-in.
Operators are deactivated, never deleted: records point at them (rule G5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.operators import (
    LOGIN_FAILED,
    MAX_PASSWORD_LENGTH,
    Permission,
    Role,
    allows,
    check_name,
    check_password,
    normalize_login,
    parse_role,
)
from wuye_desk.domain.plain_text import has_control_chars
from wuye_desk.services.desk import Desk, OperatorInfo
from wuye_desk.store.audit import Actor, record_event
from wuye_desk.store.database import Database
from wuye_desk.store.models import Operator

_hasher = PasswordHasher()
_dummy: tuple[PasswordHasher, str] | None = None  # a hash to verify against for unknown logins


@dataclass(frozen=True)
class OperatorRow:
    id: int
    login: str
    name: str
    role: Role
    active: bool
    must_change_password: bool
    created_at: datetime


def _info(op: Operator) -> OperatorInfo:
    return OperatorInfo(op.id, op.login, op.name, Role(op.role),
                        must_change_password=op.must_change_password)


def _row(op: Operator) -> OperatorRow:
    return OperatorRow(op.id, op.login, op.name, Role(op.role), op.active,
                       op.must_change_password, op.created_at)


def _hash(password: str) -> str:
    return _hasher.hash(password)


def _matches(stored: str | None, password: object) -> bool:
    """Whether the password matches the stored hash; takes as long when there is none."""
    global _dummy
    usable = isinstance(password, str) and len(password) <= MAX_PASSWORD_LENGTH \
        and not has_control_chars(password)
    candidate = password if usable and isinstance(password, str) else "-" * 8
    if stored is None:
        if _dummy is None or _dummy[0] is not _hasher:
            _dummy = (_hasher, _hash("not a password"))
        stored = _dummy[1]
        usable = False
    try:
        _hasher.verify(stored, candidate)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return usable


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Operator)) or 0


def _by_login(session: Session, login: str) -> Operator:
    key = normalize_login(login)
    op = session.scalar(select(Operator).where(Operator.login == key))
    if op is None:
        raise ValidationError(f"没有登录名为“{key}”的操作员", field="登录名")
    return op


# --- the first start --------------------------------------------------------
def needs_first_admin(db: Database) -> bool:
    """True on a new database: no operator exists yet, the first one is the administrator."""
    with db.read() as session:
        return _count(session) == 0


def create_first_admin(db: Database, login: str, name: str, password: str, *,
                       now: datetime | None = None) -> OperatorInfo:
    """The administrator created at the first start; refused once any operator exists."""
    key = normalize_login(login)
    name = check_name(name)
    check_password(password)
    hashed = _hash(password)
    when = (now or datetime.now()).replace(microsecond=0)
    with db.write(Actor(None, "首次启动"), "建立第一位管理员", when) as session:
        if _count(session) > 0:
            raise ValidationError("已经有操作员了：第一位管理员只在首次启动时建立，"
                                  "其他操作员请由管理员添加。", field="登录名")
        op = Operator(login=key, name=name, role=Role.ADMIN.value, password_hash=hashed,
                      must_change_password=False, active=True, created_at=when)
        session.add(op)
        session.flush()
        return _info(op)


# --- signing in -------------------------------------------------------------
def authenticate(db: Database, login: str, password: str, *,
                 now: datetime | None = None) -> OperatorInfo:
    """The operator whose login and password these are; the same message whether the
    login or the password is wrong. A deactivated operator is refused. A successful
    sign-in is recorded in the audit trail (rule G5)."""
    try:
        key: str | None = normalize_login(login)
    except ValidationError:
        key = None
    with db.read() as session:
        op = session.scalar(select(Operator).where(Operator.login == key)) if key else None
    if not _matches(op.password_hash if op else None, password) or op is None:
        raise ValidationError(LOGIN_FAILED, field="密码")
    if not op.active:
        raise ValidationError(f"操作员“{op.name}”已停用，不能登录。请联系管理员。", field="登录名")
    assert isinstance(password, str)
    when = (now or datetime.now()).replace(microsecond=0)
    with db.write(Actor(op.id, op.name), "登录", when) as session:
        if op.password_hash and _hasher.check_needs_rehash(op.password_hash):
            fresh = session.get(Operator, op.id)
            if fresh is not None:
                fresh.password_hash = _hash(password)
        record_event(session, "operator", op.id, "login", {"login": op.login})
    return _info(op)


def confirm_approval(db: Database, login: str, password: str, permission: Permission
                     ) -> OperatorInfo:
    """The approving operator, proven by their own login and password at this desk.

    Nothing is written here: the approval is recorded with the record it approves.
    The same message whether the login or the password is wrong.
    """
    try:
        key: str | None = normalize_login(login)
    except ValidationError:
        key = None
    with db.read() as session:
        op = session.scalar(select(Operator).where(Operator.login == key)) if key else None
    if not _matches(op.password_hash if op else None, password) or op is None or not op.active:
        raise ValidationError("批准人登录名或密码不正确", field="批准人密码")
    if not allows(op.role, permission):
        raise ValidationError(f"{op.name}（{op.role}）无权批准此事：需要“{permission.value}”权限",
                              field="批准人")
    return _info(op)


# --- passwords --------------------------------------------------------------
def change_own_password(desk: Desk, old_password: str, new_password: str) -> None:
    """The operator at the desk changes their own password (needs the current one)."""
    if desk.operator.id is None:
        raise ValidationError("系统操作员没有密码", field="原密码")
    with desk.read() as session:
        op = session.get(Operator, desk.operator.id)
        if op is None:
            raise NotFound("当前操作员不存在", field="原密码")
    if not _matches(op.password_hash, old_password):
        raise ValidationError("原密码不对", field="原密码")
    check_password(new_password, field="新密码")
    if new_password == old_password:
        raise ValidationError("新密码不能和原密码相同", field="新密码")
    hashed = _hash(new_password)
    with desk.write("修改自己的密码") as session:
        fresh = session.get(Operator, desk.operator.id)
        assert fresh is not None
        fresh.password_hash = hashed
        fresh.must_change_password = False


def reset_password(desk: Desk, login: str, new_password: str) -> None:
    """An administrator sets a new password for someone who forgot theirs; it must be
    changed at the next sign-in. The old password is never shown or recovered."""
    desk.require(Permission.MANAGE_OPERATORS)
    check_password(new_password, field="新密码")
    hashed = _hash(new_password)
    with desk.write("重设操作员密码") as session:
        op = _by_login(session, login)
        op.password_hash = hashed
        op.must_change_password = True


# --- managing operators -----------------------------------------------------
def create_operator(desk: Desk, login: str, name: str, role: Role | str,
                    password: str) -> OperatorInfo:
    """An administrator adds an operator with a first password they must change."""
    desk.require(Permission.MANAGE_OPERATORS)
    key = normalize_login(login)
    name = check_name(name)
    the_role = parse_role(role)
    check_password(password, field="初始密码")
    hashed = _hash(password)
    taken = ValidationError(f"登录名“{key}”已被使用，请换一个", field="登录名")
    try:
        with desk.write("新增操作员") as session:
            if session.scalar(select(Operator.id).where(Operator.login == key)) is not None:
                raise taken
            op = Operator(login=key, name=name, role=the_role.value, password_hash=hashed,
                          must_change_password=True, active=True, created_at=desk.now())
            session.add(op)
            session.flush()
            info = _info(op)
    except IntegrityError as exc:  # another desk took the login a moment ago
        raise taken from exc
    return info


def list_operators(desk: Desk) -> list[OperatorRow]:
    """Every operator, active ones first, by login."""
    desk.require(Permission.MANAGE_OPERATORS)
    with desk.read() as session:
        ops = session.scalars(select(Operator).order_by(Operator.active.desc(), Operator.login))
        return [_row(op) for op in ops]


def get_operator(desk: Desk, login: str) -> OperatorRow:
    desk.require(Permission.MANAGE_OPERATORS)
    with desk.read() as session:
        return _row(_by_login(session, login))


def deactivate(desk: Desk, login: str) -> None:
    """The operator can no longer sign in; their records keep pointing at them."""
    desk.require(Permission.MANAGE_OPERATORS)
    with desk.write("停用操作员") as session:
        op = _by_login(session, login)
        if op.id == desk.operator.id:
            raise ValidationError("不能停用自己", field="登录名")
        if not op.active:
            return
        if op.role == Role.ADMIN.value:
            others = session.scalar(
                select(func.count()).select_from(Operator).where(
                    Operator.role == Role.ADMIN.value, Operator.active.is_(True),
                    Operator.id != op.id)) or 0
            if others == 0:
                raise ValidationError("至少要保留一名在用的管理员，不能停用最后一位管理员",
                                      field="登录名")
        op.active = False


def reactivate(desk: Desk, login: str) -> None:
    desk.require(Permission.MANAGE_OPERATORS)
    with desk.write("恢复启用操作员") as session:
        op = _by_login(session, login)
        if not op.active:
            op.active = True
