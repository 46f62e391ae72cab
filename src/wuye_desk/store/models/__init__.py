"""Every table of the desk. Importing this package registers all of them on Base.metadata."""

from wuye_desk.store.models.complaints import (
    Complaint,
    ComplaintDuty,
    ComplaintEvent,
    ReturnVisit,
)
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
from wuye_desk.store.models.mail import (
    MailItem,
    MailNotice,
    MailPickup,
    MailReturn,
    NewspaperCopy,
    NewspaperDelivery,
)
from wuye_desk.store.models.privacy import OfficialAccess
from wuye_desk.store.models.vip import VipCard, VipCustomer, VipFamilyMember, VipService
from wuye_desk.store.models.visitors import GoodsItem, GoodsPass, Visit, WatchEntry

__all__ = [
    "AppSetting",
    "AuditEntry",
    "CabinetKey",
    "Complaint",
    "ComplaintDuty",
    "ComplaintEvent",
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
    "MailItem",
    "MailNotice",
    "MailPickup",
    "MailReturn",
    "Member",
    "NewspaperCopy",
    "NewspaperDelivery",
    "OfficialAccess",
    "Operator",
    "ReturnVisit",
    "VipCard",
    "VipCustomer",
    "VipFamilyMember",
    "VipService",
    "Visit",
    "WatchEntry",
]
