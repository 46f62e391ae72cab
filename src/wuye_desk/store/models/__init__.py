"""Every table of the desk. Importing this package registers all of them on Base.metadata."""

from wuye_desk.store.models.core import AppSetting, AuditEntry, Operator
from wuye_desk.store.models.households import EmergencyContact, Household, Member
from wuye_desk.store.models.keys import (
    CabinetKey,
    KeyEmergency,
    KeyEvent,
    KeyHandover,
    KeyHandoverItem,
    KeyLoan,
    LockChange,
)
from wuye_desk.store.models.visitors import GoodsItem, GoodsPass, Visit, WatchEntry

__all__ = [
    "AppSetting",
    "AuditEntry",
    "CabinetKey",
    "EmergencyContact",
    "GoodsItem",
    "GoodsPass",
    "Household",
    "KeyEmergency",
    "KeyEvent",
    "KeyHandover",
    "KeyHandoverItem",
    "KeyLoan",
    "LockChange",
    "Member",
    "Operator",
    "Visit",
    "WatchEntry",
]
