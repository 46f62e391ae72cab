"""The desk a service works at: the database, the operator at the desk, the clock.

Every service function takes a Desk first. Writes go through `desk.write(action)`,
one audited transaction stamped with the operator and the desk's clock (rules
G4, G5); tests give the desk a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from wuye_desk.domain.errors import PermissionDenied
from wuye_desk.domain.operators import Permission, Role, allows
from wuye_desk.store.audit import Actor
from wuye_desk.store.database import Database


@dataclass(frozen=True)
class OperatorInfo:
    id: int | None
    login: str
    name: str
    role: Role
    must_change_password: bool = False  # set by an administrator's reset: change it now


SYSTEM = OperatorInfo(None, "system", "系统", Role.ADMIN)


@dataclass
class Desk:
    db: Database
    operator: OperatorInfo = SYSTEM
    clock: Callable[[], datetime] = field(default=datetime.now)

    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def can(self, permission: Permission) -> bool:
        return allows(self.operator.role, permission)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(
                f"当前操作员（{self.operator.name}，{self.operator.role.value}）没有“{permission.value}”的权限。"
            )

    @contextmanager
    def write(self, action: str) -> Iterator[Session]:
        actor = Actor(self.operator.id, self.operator.name)
        with self.db.write(actor, action, now=self.now()) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.read() as session:
            yield session

    def as_operator(self, operator: OperatorInfo) -> Desk:
        return Desk(self.db, operator, self.clock)
