"""The key cabinet (rules K1–K7, G3, G4, G6): one function per thing the keeper does.

- `take_in` a key from its owner (K2): household from the archive, the depositor's ID
  checked, condition noted, a slot proposed; the entrustment letter prints;
- `lend` with a manager's approval and `return_key` (K3);
- `record_emergency` (K4), `permit_copy` / `record_copy` (K5), `change_lock` and
  `hand_new_key` (K6), `record_handover` between keepers (K7);
- `return_to_owner` ends the custody; `report_problem` (missing or damaged, K8);
  `correct_key` records a correction as a new event (G4).

Every step is also a row of `key_event`, append-only: a key's whole history stays.
The inventory (顾客钥匙清单) and the cabinet grid are always read from the records.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from wuye_desk import settings
from wuye_desk.domain import ids, phones, search_text, units
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.keys import (
    IN_CUSTODY,
    LOCK_CHANGE_HOURS,
    BorrowerKind,
    EmergencyReason,
    KeyKind,
    KeyStatus,
    Lateness,
    LendingCase,
    ProblemKind,
    ToldHow,
    ToldWhom,
    check_lending,
    deadline_of,
    key_count,
    late_text,
    lateness,
    parse_slot,
    parse_time,
    slot_labels,
    unhanded,
)
from wuye_desk.domain.operators import Permission, Role, allows
from wuye_desk.domain.privacy import mask_id, mask_phone
from wuye_desk.domain.text import halfwidth, squeeze
from wuye_desk.domain.visitors import clean_text
from wuye_desk.services import office_settings, operators
from wuye_desk.services.desk import Desk, OperatorInfo
from wuye_desk.services.overview import OverviewLine
from wuye_desk.services.paging import ListQuery, ListRow, Tone
from wuye_desk.store import search_index
from wuye_desk.store.audit import record_view
from wuye_desk.store.models import (
    CabinetKey,
    Household,
    KeyEmergency,
    KeyEvent,
    KeyHandover,
    KeyHandoverItem,
    KeyLoan,
    LockChange,
    Operator,
)

MAX_NAME = 40


class EventKind(StrEnum):
    TAKEN_IN = "收存"
    LENT = "借出"
    RETURNED = "归还"
    EMERGENCY = "紧急使用"
    COPY_PERMIT = "允许复制"
    COPIED = "复制"
    LOCK_CHANGED = "换锁"
    NEW_KEY = "新钥匙入柜"
    HANDOVER = "交接清点"
    TO_OWNER = "退还业主"
    PROBLEM = "遗失损坏"
    FOUND = "找回"
    CORRECTION = "更正"


# --- the cabinet's settings --------------------------------------------------------------

def labels(desk: Desk) -> list[str]:
    """Every slot of the cabinet, in order (settings keys.slot_count / keys.slot_prefix)."""
    return slot_labels(office_settings.get(desk, settings.KEY_SLOT_COUNT),
                       office_settings.get(desk, settings.KEY_SLOT_PREFIX))


def night_now(desk: Desk) -> bool:
    """The night hours, when the duty manager runs the desk (rule G5)."""
    from wuye_desk.domain.visitors import is_night

    return is_night(desk.now(), office_settings.get(desk, settings.NIGHT_START_HOUR),
                    office_settings.get(desk, settings.NIGHT_END_HOUR))


def end_of_day_hour(desk: Desk) -> int:
    return office_settings.get(desk, settings.KEY_END_OF_DAY_HOUR)


def current_keeper(desk: Desk) -> str:
    """The named keeper (rule K2): the last handover's new keeper, else the setting."""
    with desk.read() as session:
        last = session.scalar(select(KeyHandover.to_keeper)
                              .order_by(KeyHandover.at.desc(), KeyHandover.id.desc()).limit(1))
    return last or office_settings.get(desk, settings.KEY_KEEPER) or ""


def _event(session: Session, desk: Desk, key_id: int, kind: EventKind, text: str,
           corrects_id: int | None = None, loan_id: int | None = None) -> KeyEvent:
    event = KeyEvent(key_id=key_id, at=desk.now(), kind=kind.value, text=text,
                     operator_id=desk.operator.id, operator_name=desk.operator.name,
                     corrects_id=corrects_id, loan_id=loan_id)
    session.add(event)
    return event


def _key(session: Session, key_id: int) -> CabinetKey:
    row = session.get(CabinetKey, key_id)
    if row is None:
        raise NotFound("找不到这把钥匙的记录", field="钥匙")
    return row


def _unit_text(code: str | None) -> str:
    return units.parse_unit(code).display if code else ""


def key_label(row: Any) -> str:
    """"A-07 3栋2单元1502 业主委托钥匙×2"."""
    place = _unit_text(row.unit_code) or row.tag
    return f"{row.slot} {place} {row.kind}×{row.key_count}"


# --- taking a key in (rules K1, K2) -------------------------------------------------------

@dataclass
class KeyInput:
    """What the keeper fills in when an owner leaves a key; every value as typed."""

    unit: str = ""                  # the household in the archive ("" for a public-area key)
    kind: str = KeyKind.OWNER.value
    key_count: int | str = 1
    tag: str = ""                   # the tag on the ring, or the public area's name
    condition: str = "完好"
    slot: str = ""                  # "" → the first free slot
    depositor_name: str = ""
    depositor_id_type: str = "居民身份证"
    depositor_id_number: str = ""
    depositor_phone: str = ""
    owner_consent: str = ""         # rule K3: consent to use a repair key, as given
    copy_permission: str = ""       # rule K5


@dataclass(frozen=True)
class TakenIn:
    key_id: int
    slot: str
    unit: str


def propose_slot(desk: Desk) -> str | None:
    """The first free slot, for the form to offer (rule K2)."""
    with desk.read() as session:
        held = set(session.scalars(select(CabinetKey.held_slot)
                                   .where(CabinetKey.held_slot.is_not(None))))
    return next((label for label in labels(desk) if label not in held), None)


def _household(session: Session, unit_text: str, field_name: str = "房号") -> Household:
    unit = units.parse_unit(unit_text, field=field_name)
    row = session.scalar(select(Household).where(Household.unit_code == unit.code))
    if row is None:
        raise ValidationError(f"档案中没有{unit.display}这户，请先在业户档案中建档（规则K2）",
                              field=field_name, rule="K2")
    return row


def _free_slot(session: Session, desk: Desk, typed: str) -> str:
    all_labels = labels(desk)
    if squeeze(typed or ""):
        slot = parse_slot(typed, all_labels)
    else:
        held = set(session.scalars(select(CabinetKey.held_slot)
                                   .where(CabinetKey.held_slot.is_not(None))))
        free = [label for label in all_labels if label not in held]
        if not free:
            raise ValidationError("钥匙柜已满，没有空格位（可在设置中增加格位数）（规则K2）", field="格位",
                                  rule="K2")
        return free[0]
    other = session.scalar(select(CabinetKey).where(CabinetKey.held_slot == slot))
    if other is not None:
        raise ValidationError(f"格位{slot}已放有{key_label(other)}，一个格位只能放一户的钥匙（规则K2）",
                              field="格位", rule="K2")
    return slot


def take_in(desk: Desk, data: KeyInput) -> TakenIn:
    """An owner leaves a key (rule K2): checked, then written in one transaction."""
    desk.require(Permission.REGISTER)
    now = desk.now()
    kind = KeyKind.parse(data.kind)                                           # rule K1
    count = key_count(data.key_count)
    tag = clean_text(data.tag, "钥匙标签")
    condition = clean_text(data.condition, "钥匙状况", required=True, rule="K2")
    consent = clean_text(data.owner_consent, "业主事先同意", max_length=200)
    copy = clean_text(data.copy_permission, "复制许可", max_length=200)
    public = kind is KeyKind.PUBLIC
    name = id_type = number = phone = ""
    if not public:                                                            # rule K2
        name = clean_text(data.depositor_name, "委托人姓名", required=True, max_length=MAX_NAME,
                          rule="K2")
        id_type = ids.id_type_of_label(data.depositor_id_type or "居民身份证").value
        number = ids.validate_id(id_type, data.depositor_id_number, field="委托人证件号码",
                                 today=now.date())
        phone = phones.normalize_phone(data.depositor_phone, field="委托人电话")
    elif not tag:
        raise ValidationError("公共区域钥匙请在“钥匙标签”中写明区域，如 配电房、天台（规则K1）",
                              field="钥匙标签", rule="K1")
    keeper = current_keeper(desk) or desk.operator.name
    with desk.write(f"收存钥匙 {data.unit or tag}") as session:
        household: Household | None = None
        if not public or squeeze(data.unit or ""):
            household = _household(session, data.unit)
            if kind is KeyKind.UNHANDED and household.occupancy != "未入伙":     # rule K1
                raise ValidationError(
                    f"{_unit_text(household.unit_code)}在档案中是{household.occupancy}，"
                    "不是未入伙房屋；请选其他钥匙类别（规则K1）", field="钥匙类别", rule="K1")
            open_key = session.scalar(select(CabinetKey.slot).where(
                CabinetKey.household_id == household.id, CabinetKey.kind == kind.value,
                CabinetKey.status.in_([s.value for s in IN_CUSTODY])))
            if open_key is not None:
                raise ValidationError(
                    f"{_unit_text(household.unit_code)}的{kind.value}已在格位{open_key}，"
                    "同一户同类钥匙请在原记录上更正数量（规则K2）", field="房号", rule="K2")
        slot = _free_slot(session, desk, data.slot)
        unit_code = household.unit_code if household else None
        unit_show = _unit_text(unit_code)
        row = CabinetKey(
            slot=slot, held_slot=slot, kind=kind.value, status=KeyStatus.IN_CABINET.value,
            unit_code=unit_code, household_id=household.id if household else None,
            key_count=count, tag=tag, condition=condition, entrusted_at=now,
            depositor_name=name, depositor_id_type=id_type, depositor_id_number=number,
            depositor_phone=phone, id_checked_by=desk.operator.name if not public else "",
            keeper=keeper, owner_consent=consent, copy_permission=copy,
            search_text=search_text.build(slot, unit_show, unit_code or "", name, tag,
                                          names=(name,)))
        session.add(row)
        session.flush()
        who = f"，委托人{name}（证件已核验：{id_type} {mask_id(number)}）" if name else ""
        _event(session, desk, row.id, EventKind.TAKEN_IN,
               f"{unit_show or tag} {kind.value} {count}把，状况：{condition}，放入格位{slot}{who}")
        return TakenIn(row.id, slot, unit_show or tag)


# --- lending and return (rule K3) ------------------------------------------------------------

@dataclass
class LoanInput:
    borrower_kind: str = BorrowerKind.STAFF.value
    borrower_name: str = ""
    borrower_company: str = ""
    borrower_id_type: str = "居民身份证"
    borrower_id_number: str = ""
    borrower_phone: str = ""
    purpose: str = ""
    repair_works: bool = False
    # the approving manager types their own login and password at the desk (rules K3, G3);
    # the password is checked against its hash and never stored, shown or logged
    approver_login: str = ""
    approver_password: str = field(default="", repr=False)
    due: str = ""                  # "17:30", "明天 09:00", "2026-11-19 09:00"; "" → end of day


@dataclass(frozen=True)
class Approver:
    id: int
    name: str
    role: str


def approvers(desk: Desk) -> list[Approver]:
    """The operators who may approve a loan (Permission.APPROVE_KEY_LENDING), by name:
    the lending form names them so the clerk knows whom to ask."""
    roles = [r.value for r in Role if allows(r, Permission.APPROVE_KEY_LENDING)]
    with desk.read() as session:
        rows = session.execute(select(Operator.id, Operator.name, Operator.role)
                               .where(Operator.role.in_(roles), Operator.active.is_(True))
                               .order_by(Operator.name)).all()
    return [Approver(r.id, r.name, r.role) for r in rows]


@dataclass(frozen=True)
class Lent:
    loan_id: int
    due_at: datetime
    deadline: datetime


def duty_managers(desk: Desk) -> list[Approver]:
    """The duty managers (物业总值) who may receive a new key after a lock change (rule K6)."""
    with desk.read() as session:
        rows = session.execute(select(Operator.id, Operator.name, Operator.role)
                               .where(Operator.role == Role.DUTY_MANAGER.value,
                                      Operator.active.is_(True)).order_by(Operator.name)).all()
    return [Approver(r.id, r.name, r.role) for r in rows]


def _occupancy(session: Session, row: CabinetKey) -> str:
    if row.household_id is None:
        return ""
    household = session.get(Household, row.household_id)
    return household.occupancy if household else ""


@dataclass(frozen=True)
class _Borrower:
    kind: BorrowerKind
    name: str
    company: str
    id_type: str
    id_number: str
    phone: str


def _borrower(desk: Desk, kind_text: str, name_text: str, company_text: str, id_type_text: str,
              id_number_text: str, phone_text: str, *, kept_id: bool = False,
              kept_phone: bool = False) -> _Borrower:
    """The borrower's details checked as at the lending (rule K3): a contractor names the
    company, the ID number is validated. `kept_id` / `kept_phone`: a correction leaves the
    recorded number as it is (checked when lent, or masked on an imported paper register)."""
    kind = BorrowerKind.parse(kind_text)
    name = clean_text(name_text, "借用人姓名", required=True, max_length=MAX_NAME, rule="K3")
    company = clean_text(company_text, "借用人单位")
    if kind is BorrowerKind.CONTRACTOR and not company:
        raise ValidationError("施工单位借用，请填写单位名称（规则K3）", field="借用人单位",
                              rule="K3")
    id_type = ids.id_type_of_label(id_type_text or "居民身份证").value          # rule K3
    number = id_number_text if kept_id else ids.validate_id(
        id_type, id_number_text, field="借用人证件号码", today=desk.now().date())
    phone = phone_text if kept_phone else phones.normalize_phone(phone_text, field="借用人电话")
    return _Borrower(kind, name, company, id_type, number, phone)


def confirm_approver(desk: Desk, login: str, password: str) -> OperatorInfo:
    """The manager approving a loan, proven by their own login and password typed at the
    desk (rule K3, as for 公务查询登记, rule G3); at night the duty manager (rule G5).
    Nothing is written and the password goes nowhere: a refusal names the field."""
    if not squeeze(login or ""):
        raise ValidationError("借用钥匙须先经管理人员批准：请批准人输入自己的登录名和密码（规则K3）",
                              field="批准人", rule="K3")
    if not password:
        raise ValidationError("请批准人输入自己的密码（规则K3）", field="批准人密码", rule="K3")
    try:
        approver = operators.confirm_approval(desk.db, login, password,
                                              Permission.APPROVE_KEY_LENDING)
    except ValidationError as exc:
        raise ValidationError(f"{exc.message}（规则K3）", field=exc.field, rule="K3") from None
    _night_approver(desk, approver.role)
    return approver


def _night_approver(desk: Desk, role: Role | str) -> None:
    if night_now(desk) and Role(role) is not Role.DUTY_MANAGER:                 # rule G5
        raise ValidationError("晚上由物业总值负责前台：夜间借出钥匙须由当班物业总值批准（规则G5）",
                              field="批准人", rule="G5")


def lend(desk: Desk, key_id: int, data: LoanInput) -> Lent:
    """Lend a key (rule K3): the borrower checked, the manager approving at the desk with
    their own password; every check runs before anything is written."""
    return _lend_checked(desk, key_id, data, lambda: confirm_approver(
        desk, data.approver_login, data.approver_password))


def lend_approved(desk: Desk, key_id: int, data: LoanInput, approver_id: int) -> Lent:
    """A loan whose approval was given away from the desk: the demo's month of history.
    A clerk lends with `lend`, where the manager types their own password."""
    def approver() -> OperatorInfo:
        with desk.read() as session:
            op = session.get(Operator, approver_id)
            if op is None or not op.active or not allows(op.role, Permission.APPROVE_KEY_LENDING):
                raise ValidationError("批准人没有批准借用钥匙的权限（规则K3）", field="批准人",
                                      rule="K3")
            found = OperatorInfo(op.id, op.login, op.name, Role(op.role))
        _night_approver(desk, found.role)
        return found

    return _lend_checked(desk, key_id, data, approver)


def _lend_checked(desk: Desk, key_id: int, data: LoanInput,
                  approver: Callable[[], OperatorInfo]) -> Lent:
    """The borrower, purpose and due time checked, then the approval, then the loan."""
    desk.require(Permission.REGISTER)
    borrower = _borrower(desk, data.borrower_kind, data.borrower_name, data.borrower_company,
                         data.borrower_id_type, data.borrower_id_number, data.borrower_phone)
    purpose = clean_text(data.purpose, "借用事由", required=True, rule="K3")
    due_typed = parse_time(data.due, desk.now(), field="应还时间")
    return _lend(desk, key_id, borrower, purpose, data.repair_works, due_typed, approver())


def _lend(desk: Desk, key_id: int, b: _Borrower, purpose: str, repair_works: bool,
          due_typed: datetime | None, approver: OperatorInfo) -> Lent:
    assert approver.id is not None and allows(approver.role, Permission.APPROVE_KEY_LENDING)
    now = desk.now()
    with desk.write(f"借出钥匙 {b.name}") as session:
        row = _key(session, key_id)
        occupancy = _occupancy(session, row)
        kind = KeyKind(row.kind)
        due = check_lending(LendingCase(
            kind=kind, status=KeyStatus(row.status), occupancy=occupancy, approved=True,
            repair_works=repair_works, owner_consent=bool(row.owner_consent),
            out_at=now, due_at=due_typed, end_of_day_hour=end_of_day_hour(desk)))
        is_unhanded = unhanded(kind, occupancy)
        deadline, _why = deadline_of(now, due, repair_works=repair_works,
                                     unhanded_key=is_unhanded,
                                     end_of_day_hour=end_of_day_hour(desk))
        loan = KeyLoan(
            key_id=row.id, borrower_kind=b.kind.value, borrower_name=b.name,
            borrower_company=b.company, borrower_id_type=b.id_type, borrower_id_number=b.id_number,
            borrower_phone=b.phone, purpose=purpose, repair_works=repair_works,
            unhanded=is_unhanded, approved_by=approver.id, approver_name=approver.name,
            out_at=now, due_at=due, deadline=deadline)
        session.add(loan)
        row.status = KeyStatus.LENT.value
        session.flush()
        _event(session, desk, row.id, EventKind.LENT,
               f"借给{b.company + ' ' if b.company else ''}{b.name}（{b.id_type} {mask_id(b.id_number)}），"
               f"事由：{purpose}，{approver.name}批准，应还 {due:%m-%d %H:%M}", loan_id=loan.id)
        return Lent(loan.id, due, deadline)


def _open_loan(session: Session, key_id: int) -> KeyLoan | None:
    return session.scalar(select(KeyLoan).where(KeyLoan.key_id == key_id,
                                                KeyLoan.returned_at.is_(None)))


@dataclass(frozen=True)
class Returned:
    loan_id: int
    late: Lateness | None


def return_key(desk: Desk, key_id: int, *, condition: str = "完好", receiver: str = "",
               at: str = "") -> Returned:
    """The borrowed key comes back: time, receiver, condition (rule K3)."""
    desk.require(Permission.REGISTER)
    now = desk.now()
    cond = clean_text(condition, "归还时状况", required=True, rule="K3")
    who = clean_text(receiver, "接收人", max_length=MAX_NAME) or desk.operator.name
    when = parse_time(at, now, field="归还时间") or now
    if when > now:
        raise ValidationError("归还时间不能晚于现在", field="归还时间")
    with desk.write("归还钥匙") as session:
        row = _key(session, key_id)
        loan = _open_loan(session, key_id)
        if loan is None or row.status != KeyStatus.LENT.value:
            raise ValidationError(f"{key_label(row)}没有借出，不能登记归还（规则K3）",
                                  field="钥匙", rule="K3")
        if when < loan.out_at:
            raise ValidationError("归还时间不能早于借出时间", field="归还时间")
        late = lateness(loan.out_at, loan.due_at, when, repair_works=loan.repair_works,
                        unhanded_key=loan.unhanded, end_of_day_hour=end_of_day_hour(desk))
        loan.returned_at = when
        loan.received_by = who
        loan.return_condition = cond
        loan.returned_late = late is not None
        row.status = KeyStatus.IN_CABINET.value
        if cond != row.condition:
            row.condition = cond
        _event(session, desk, row.id, EventKind.RETURNED,
               f"{loan.borrower_name}归还，{who}接收，状况：{cond}"
               + (f"（{late.text}）" if late else ""), loan_id=loan.id)
        return Returned(loan.id, late)


# --- emergencies (rule K4) -----------------------------------------------------------------

@dataclass(frozen=True)
class Contact:
    whom: ToldWhom
    name: str
    phone: str          # in full: the desk has to dial it
    relation: str


def emergency_contacts(desk: Desk, key_id: int) -> list[Contact]:
    """Whom to call, from the archive: the owner's household first, then its emergency
    contacts (业户紧急联系表, rule G2)."""
    with desk.read() as session:
        row = _key(session, key_id)
        if row.household_id is None:
            return []
        household = session.get(Household, row.household_id)
        assert household is not None
        out = [Contact(ToldWhom.OWNER, m.name, m.phone, m.role) for m in household.members
               if m.role in ("业主", "租户") or m.is_primary]
        out += [Contact(ToldWhom.CONTACT, c.name, c.phone, c.relation) for c in household.contacts]
        return out


@dataclass
class EmergencyInput:
    reason: str = ""
    detail: str = ""
    told_whom: str = ToldWhom.OWNER.value
    told_name: str = ""
    told_phone: str = ""
    told_how: str = ToldHow.PHONE.value
    told_at: str = ""              # "" → now
    owner_unreachable: bool = False


def record_emergency(desk: Desk, key_id: int, data: EmergencyInput) -> int:
    """A key used in a fire or a burst pipe (rule K4): the owner told first, or the
    emergency contact from the archive when the owner could not be reached."""
    desk.require(Permission.REGISTER)
    now = desk.now()
    reason = EmergencyReason.parse(data.reason)
    detail = clean_text(data.detail, "情况说明", max_length=200)
    if reason is EmergencyReason.OTHER and not detail:
        raise ValidationError("原因为“其他”时请写明情况（规则K4）", field="情况说明", rule="K4")
    whom = ToldWhom.parse(data.told_whom)
    name = clean_text(data.told_name, "通知了谁", required=True, max_length=MAX_NAME, rule="K4")
    how = ToldHow.parse(data.told_how)
    told_at = parse_time(data.told_at, now, field="通知时间") or now
    if told_at > now + timedelta(minutes=5):
        raise ValidationError("通知时间不能晚于现在", field="通知时间")
    if whom is ToldWhom.CONTACT and not data.owner_unreachable:
        raise ValidationError("应先通知业主；联系不上业主时才通知紧急联系人，请勾选“业主联系不上”"
                              "（规则K4）", field="业主联系不上", rule="K4")
    contacts = emergency_contacts(desk, key_id)
    phone = halfwidth(data.told_phone or "")
    if whom is ToldWhom.CONTACT:
        match = [c for c in contacts if c.whom is ToldWhom.CONTACT and c.name == name]
        if not match:
            listed = "、".join(c.name for c in contacts if c.whom is ToldWhom.CONTACT) or "无"
            raise ValidationError(f"档案中该户的紧急联系人没有“{name}”（档案中：{listed}）（规则K4）",
                                  field="通知了谁", rule="K4")
        phone = phone or match[0].phone
    elif not phone:
        phone = next((c.phone for c in contacts if c.name == name), "")
    with desk.write(f"钥匙紧急使用（{reason.value}）") as session:
        row = _key(session, key_id)
        if row.status not in (KeyStatus.IN_CABINET.value, KeyStatus.LENT.value):
            raise ValidationError(f"这把钥匙{row.status}，不在管理处（规则K4）", field="钥匙", rule="K4")
        record = KeyEmergency(key_id=row.id, used_at=now, reason=reason.value, detail=detail,
                              told_whom=whom.value, told_name=name, told_phone=phone,
                              told_at=told_at, told_how=how.value,
                              owner_unreachable=data.owner_unreachable)
        session.add(record)
        session.flush()
        _event(session, desk, row.id, EventKind.EMERGENCY,
               f"{reason.value}{('：' + detail) if detail else ''}；{told_at:%m-%d %H:%M} "
               f"{how.value}通知{whom.value}{name}"
               + ("（业主联系不上）" if data.owner_unreachable else ""))
        return record.id


# --- copies (rule K5) -------------------------------------------------------------------------

def permit_copy(desk: Desk, key_id: int, permitted_by: str) -> None:
    """The owner allows copies of the key (rule K5): who allowed it, recorded."""
    desk.require(Permission.REGISTER)
    who = clean_text(permitted_by, "复制许可", required=True, max_length=200, rule="K5")
    with desk.write("钥匙复制许可") as session:
        row = _key(session, key_id)
        row.copy_permission = f"{who}（{desk.now():%Y-%m-%d}）"
        _event(session, desk, row.id, EventKind.COPY_PERMIT, f"允许复制：{who}")


def record_copy(desk: Desk, key_id: int, copies: int | str, note: str = "") -> None:
    """Copies made: refused without the owner's permission on record (rule K5)."""
    desk.require(Permission.REGISTER)
    n = key_count(copies, field="复制数量")
    text = clean_text(note, "备注")
    with desk.write("钥匙复制") as session:
        row = _key(session, key_id)
        if not row.copy_permission:
            raise ValidationError("未经业主许可不得复制钥匙：请先登记复制许可（规则K5）",
                                  field="复制许可", rule="K5")
        if row.status != KeyStatus.IN_CABINET.value:
            raise ValidationError(f"这把钥匙{row.status}，不在柜中（规则K5）", field="钥匙", rule="K5")
        row.key_count += n
        _event(session, desk, row.id, EventKind.COPIED,
               f"复制{n}把（许可：{row.copy_permission}），现共{row.key_count}把"
               + (f"，{text}" if text else ""))


# --- lock changes (rule K6) ---------------------------------------------------------------------

def change_lock(desk: Desk, key_id: int, note: str = "") -> int:
    """The lock was changed: the old key is retired, a 24-hour clock starts for the new
    key to reach the duty manager sealed (rule K6)."""
    desk.require(Permission.REGISTER)
    text = clean_text(note, "换锁说明", max_length=200)
    now = desk.now()
    with desk.write("换锁") as session:
        row = _key(session, key_id)
        if row.status != KeyStatus.IN_CABINET.value:
            raise ValidationError(f"这把钥匙{row.status}，请先归还再登记换锁（规则K6）", field="钥匙",
                                  rule="K6")
        row.status = KeyStatus.RETIRED.value
        row.held_slot = None
        row.ended_at = now
        change = LockChange(old_key_id=row.id, changed_at=now,
                            due_at=now + timedelta(hours=LOCK_CHANGE_HOURS), note=text)
        session.add(change)
        session.flush()
        _event(session, desk, row.id, EventKind.LOCK_CHANGED,
               f"换锁，旧钥匙停用；新钥匙须在 {change.due_at:%m-%d %H:%M} 前封存交物业总值"
               + (f"（{text}）" if text else ""))
        return change.id


def hand_new_key(desk: Desk, lock_change_id: int, *, duty_manager_id: int | None,
                 sealed: bool, key_count_text: int | str = 1) -> int:
    """The new key handed to the duty manager, sealed (rule K6); it takes the old slot."""
    desk.require(Permission.REGISTER)
    now = desk.now()
    n = key_count(key_count_text)
    if not sealed:
        raise ValidationError("新钥匙须封存后交物业总值（规则K6）", field="已封存", rule="K6")
    with desk.write("新钥匙封存交物业总值") as session:
        change = session.get(LockChange, lock_change_id)
        if change is None:
            raise NotFound("找不到这次换锁的记录", field="换锁")
        if change.handed_at is not None:
            raise ValidationError("这次换锁的新钥匙已经交过了（规则K6）", field="换锁", rule="K6")
        manager = session.get(Operator, duty_manager_id) if duty_manager_id else None
        if manager is None or manager.role != Role.DUTY_MANAGER.value or not manager.active:
            raise ValidationError("请选择接收新钥匙的物业总值（规则K6）", field="物业总值",
                                  rule="K6")
        old = _key(session, change.old_key_id)
        slot = old.slot
        if session.scalar(select(CabinetKey.id).where(CabinetKey.held_slot == slot)):
            slot = _free_slot(session, desk, "")
        new = CabinetKey(
            slot=slot, held_slot=slot, kind=old.kind, status=KeyStatus.IN_CABINET.value,
            unit_code=old.unit_code, household_id=old.household_id, key_count=n, tag=old.tag,
            condition="新钥匙，已封存", entrusted_at=now, depositor_name=old.depositor_name,
            depositor_id_type=old.depositor_id_type,
            depositor_id_number=old.depositor_id_number, depositor_phone=old.depositor_phone,
            id_checked_by=old.id_checked_by, keeper=manager.name,
            owner_consent=old.owner_consent, copy_permission=old.copy_permission,
            search_text=old.search_text)
        session.add(new)
        session.flush()
        change.new_key_id = new.id
        change.handed_at = now
        change.duty_manager_id = manager.id
        change.duty_manager_name = manager.name
        change.sealed = True
        change.handed_late = now > change.due_at
        late = f"（超过24小时时限{late_text(int((now - change.due_at).total_seconds() // 60))}）" \
            if change.handed_late else ""
        _event(session, desk, new.id, EventKind.NEW_KEY,
               f"换锁后新钥匙{n}把封存交物业总值{manager.name}，放入格位{slot}{late}")
        return new.id


# --- custody ends, problems, corrections (rules K8, G4) -----------------------------------------

def return_to_owner(desk: Desk, key_id: int, *, receiver: str, note: str = "") -> None:
    """The key goes back to its owner: custody ends, the slot is free, the history stays."""
    desk.require(Permission.REGISTER)
    who = clean_text(receiver, "领回人", required=True, max_length=MAX_NAME)
    text = clean_text(note, "备注")
    with desk.write("钥匙退还业主") as session:
        row = _key(session, key_id)
        if row.status != KeyStatus.IN_CABINET.value:
            raise ValidationError(f"这把钥匙{row.status}，不在柜中，不能退还", field="钥匙")
        row.status = KeyStatus.RETURNED_TO_OWNER.value
        row.held_slot = None
        row.ended_at = desk.now()
        _event(session, desk, row.id, EventKind.TO_OWNER,
               f"退还业主，{who}领回并签字" + (f"，{text}" if text else ""))


def report_problem(desk: Desk, key_id: int, problem: str, note: str) -> None:
    """A key missing or damaged (rule K8): a missing key keeps its slot until found."""
    desk.require(Permission.REGISTER)
    kind = ProblemKind.parse(problem)
    text = clean_text(note, "情况说明", required=True, max_length=200, rule="K8")
    with desk.write(f"钥匙{kind.value}") as session:
        row = _key(session, key_id)
        if row.status not in (KeyStatus.IN_CABINET.value, KeyStatus.LENT.value):
            raise ValidationError(f"这把钥匙{row.status}，不在管理处保管", field="钥匙")
        if kind is ProblemKind.MISSING:
            loan = _open_loan(session, row.id)
            if loan is not None:
                loan.returned_at = desk.now()
                loan.received_by = ""
                loan.return_condition = "遗失"
                loan.returned_late = True
            row.status = KeyStatus.MISSING.value
        else:
            row.condition = f"损坏：{text}"[:100]
        _event(session, desk, row.id, EventKind.PROBLEM, f"{kind.value}：{text}")


def found_again(desk: Desk, key_id: int, note: str = "") -> None:
    desk.require(Permission.REGISTER)
    text = clean_text(note, "备注")
    with desk.write("遗失钥匙找回") as session:
        row = _key(session, key_id)
        if row.status != KeyStatus.MISSING.value:
            raise ValidationError("这把钥匙没有登记遗失", field="钥匙")
        row.status = KeyStatus.IN_CABINET.value
        _event(session, desk, row.id, EventKind.FOUND, "找回，放回格位" + (f"，{text}" if text else ""))


class _Changes:
    """What a correction changes (rule G4): applied to the record's current values, so
    every list, register and figure reads the corrected ones, and said as "label old→new"
    in the new entry; the entry corrected stays as it was."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def set(self, record: Any, attr: str, label: str, new: Any,
            show: Callable[[Any], str] | None = None) -> bool:
        old = getattr(record, attr)
        if old == new:
            return False
        shown = show or (lambda v: f"“{v}”")
        self.lines.append(f"{label} {shown(old)}→{shown(new)}")
        setattr(record, attr, new)
        return True

    def record(self, session: Session, desk: Desk, key_id: int, what: str, why: str, *,
               corrects_id: int | None, loan_id: int | None = None) -> int:
        """The correction as a new event pointing at the one it corrects."""
        if not self.lines:
            raise ValidationError("没有要更正的内容：请改正要更正的项目", field="更正原因")
        event = _event(session, desk, key_id, EventKind.CORRECTION,
                       f"更正{what}：{'；'.join(self.lines)}（原因：{why}）",
                       corrects_id=corrects_id, loan_id=loan_id)
        session.flush()
        return event.id


def _reason(reason: str) -> str:
    return clean_text(reason, "更正原因", required=True, max_length=200, rule="G4")


def correct_key(desk: Desk, key_id: int, *, reason: str, key_count_text: int | str | None = None,
                tag: str | None = None, condition: str | None = None) -> int:
    """A correction is a new event pointing at the take-in it corrects (rule G4)."""
    desk.require(Permission.REGISTER)
    why = _reason(reason)
    with desk.write("更正钥匙记录") as session:
        row = _key(session, key_id)
        changes = _Changes()
        if key_count_text is not None:
            changes.set(row, "key_count", "数量", key_count(key_count_text), str)
        if tag is not None:
            changes.set(row, "tag", "标签", clean_text(tag, "钥匙标签"))
        if condition is not None:
            changes.set(row, "condition", "状况", clean_text(condition, "钥匙状况", required=True))
        first = session.scalar(select(KeyEvent.id).where(
            KeyEvent.key_id == row.id, KeyEvent.kind == EventKind.TAKEN_IN.value))
        return changes.record(session, desk, row.id, "", why, corrects_id=first)


@dataclass
class LoanCorrection:
    """What the clerk corrects on a loan, as typed; None leaves a value as it was (rule G4).
    Times are read against the day the key went out: "17:30", "明天 9:00" or in full."""

    reason: str = ""
    borrower_name: str | None = None
    borrower_company: str | None = None
    borrower_id_type: str | None = None
    borrower_id_number: str | None = None
    borrower_phone: str | None = None
    purpose: str | None = None
    due: str | None = None
    returned_at: str | None = None
    received_by: str | None = None
    return_condition: str | None = None

    def touches_return(self) -> bool:
        return any(v is not None for v in (self.returned_at, self.received_by,
                                           self.return_condition))

    def touches_lending(self) -> bool:
        return any(v is not None for v in (
            self.borrower_name, self.borrower_company, self.borrower_id_type,
            self.borrower_id_number, self.borrower_phone, self.purpose, self.due))


def _hm(at: datetime | None) -> str:
    return f"{at:%m-%d %H:%M}" if at else "—"


def correct_loan(desk: Desk, loan_id: int, data: LoanCorrection) -> int:
    """Correct a loan's details — a wrong return time, borrower's phone, due time … (rule
    G4): the loan's current values take the correction, so the key's history, the
    borrowing register and the month's figures read them; the lending and the return
    entries stay as they were written, and a new entry says what changed, why, who, when.
    The corrected values pass the checks of the lending and the return (rule K3)."""
    desk.require(Permission.REGISTER)
    why = _reason(data.reason)
    now = desk.now()
    eod = end_of_day_hour(desk)
    with desk.write("更正借用钥匙记录") as session:
        loan = session.get(KeyLoan, loan_id)
        if loan is None:
            raise NotFound("找不到这次借用的记录", field="借用记录")
        row = _key(session, loan.key_id)
        changes = _Changes()
        if data.touches_lending():
            id_type = _given(data.borrower_id_type, loan.borrower_id_type)
            number = _given(data.borrower_id_number, loan.borrower_id_number)
            phone = _given(data.borrower_phone, loan.borrower_phone)
            b = _borrower(desk, loan.borrower_kind, _given(data.borrower_name, loan.borrower_name),
                          _given(data.borrower_company, loan.borrower_company),
                          id_type, number, phone,
                          kept_id=(number.strip() == loan.borrower_id_number
                                   and id_type.strip() == loan.borrower_id_type),
                          kept_phone=phone.strip() == loan.borrower_phone)
            changes.set(loan, "borrower_name", "借用人", b.name)
            changes.set(loan, "borrower_company", "单位", b.company)
            changes.set(loan, "borrower_id_type", "证件类型", b.id_type)
            changes.set(loan, "borrower_id_number", "证件号码", b.id_number, mask_id)  # G3
            changes.set(loan, "borrower_phone", "电话", b.phone, mask_phone)
            if data.purpose is not None:
                changes.set(loan, "purpose", "事由",
                            clean_text(data.purpose, "借用事由", required=True, rule="K3"))
        if data.due is not None:
            due_typed = parse_time(data.due, loan.out_at, field="应还时间")
            if due_typed is None:
                raise ValidationError("请写明更正后的应还时间", field="应还时间")
            due = check_lending(LendingCase(                               # rule K3
                kind=KeyKind(row.kind), status=KeyStatus.IN_CABINET,
                occupancy="未入伙" if loan.unhanded else "", approved=True,
                repair_works=loan.repair_works, owner_consent=True, out_at=loan.out_at,
                due_at=due_typed, end_of_day_hour=eod))
            if changes.set(loan, "due_at", "应还时间", due, _hm):
                loan.deadline, _why = deadline_of(loan.out_at, due, repair_works=loan.repair_works,
                                                  unhanded_key=loan.unhanded, end_of_day_hour=eod)
        if data.touches_return():
            if loan.returned_at is None:
                raise ValidationError("这次借用还没有归还：归还时间、接收人和状况在归还时登记",
                                      field="归还时间")
            _correct_return(session, row, loan, data, changes, now)
        if loan.returned_at is not None:
            late = lateness(loan.out_at, loan.due_at, loan.returned_at,
                            repair_works=loan.repair_works, unhanded_key=loan.unhanded,
                            end_of_day_hour=eod)
            loan.returned_late = late is not None
        corrected = EventKind.LENT if data.touches_lending() or not data.touches_return() \
            else EventKind.RETURNED
        first = session.scalar(select(KeyEvent.id).where(
            KeyEvent.loan_id == loan.id, KeyEvent.kind == corrected.value)
            .order_by(KeyEvent.id).limit(1))
        return changes.record(session, desk, row.id,
                              f"借用（{_hm(loan.out_at)}借出，{loan.borrower_name}）", why,
                              corrects_id=first, loan_id=loan.id)


def _given(typed: str | None, current: str) -> str:
    return current if typed is None else typed


def _correct_return(session: Session, row: CabinetKey, loan: KeyLoan, data: LoanCorrection,
                    changes: _Changes, now: datetime) -> None:
    """The return's time, receiver and condition corrected, checked as at the return."""
    if data.returned_at is not None:
        when = parse_time(data.returned_at, loan.out_at, field="归还时间")
        if when is None:
            raise ValidationError("请写明更正后的归还时间", field="归还时间")
        if when < loan.out_at:
            raise ValidationError(f"归还时间不能早于借出时间（{loan.out_at:%Y-%m-%d %H:%M}）",
                                  field="归还时间")
        if when > now:
            raise ValidationError("归还时间不能晚于现在", field="归还时间")
        after = session.scalar(select(func.min(KeyLoan.out_at)).where(
            KeyLoan.key_id == loan.key_id, KeyLoan.out_at > loan.out_at))
        if after is not None and when > after:
            raise ValidationError(f"归还时间不能晚于这把钥匙下一次借出的时间（{after:%Y-%m-%d %H:%M}）",
                                  field="归还时间")
        changes.set(loan, "returned_at", "归还时间", when, _hm)
    if data.received_by is not None:
        changes.set(loan, "received_by", "接收人",
                    clean_text(data.received_by, "接收人", required=True, max_length=MAX_NAME))
    if data.return_condition is not None:
        old = loan.return_condition
        cond = clean_text(data.return_condition, "归还时状况", required=True, rule="K3")
        latest = session.scalar(select(KeyLoan.id).where(KeyLoan.key_id == loan.key_id)
                                .order_by(KeyLoan.out_at.desc(), KeyLoan.id.desc()).limit(1))
        if changes.set(loan, "return_condition", "归还时状况", cond) and latest == loan.id \
                and row.status == KeyStatus.IN_CABINET.value and row.condition == old:
            row.condition = cond        # the key's condition came from this return


# --- keeper handover (rules K7, G6) ---------------------------------------------------------

@dataclass(frozen=True)
class HandoverLine:
    slot: str
    key_id: int
    expected: str       # what the records say: "在柜 3栋2单元1502 业主委托钥匙×2"
    in_cabinet: bool    # False: lent or missing — not expected in the slot


def handover_sheet(desk: Desk) -> list[HandoverLine]:
    """Every slot that holds a key by the records, in slot order (rule K7)."""
    order = {label: i for i, label in enumerate(labels(desk))}
    with desk.read() as session:
        rows = session.execute(select(CabinetKey.id, CabinetKey.slot, CabinetKey.status,
                                      CabinetKey.unit_code, CabinetKey.tag, CabinetKey.kind,
                                      CabinetKey.key_count)
                               .where(CabinetKey.held_slot.is_not(None))).all()
    lines = [HandoverLine(r.slot, r.id, f"{r.status} {key_label(r)}",
                          r.status == KeyStatus.IN_CABINET.value) for r in rows]
    return sorted(lines, key=lambda ln: (order.get(ln.slot, len(order)), ln.slot))


@dataclass
class HandoverInput:
    from_keeper: str = ""
    to_keeper: str = ""
    absent: list[str] = field(default_factory=list)   # slots whose key was not found
    extra: list[str] = field(default_factory=list)    # slots holding a key with no record
    signed_off: bool = False
    note: str = ""


@dataclass(frozen=True)
class HandoverDone:
    handover_id: int
    expected: int
    counted: int
    discrepancies: list[str]


def record_handover(desk: Desk, data: HandoverInput) -> HandoverDone:
    """A change of keeper, counted item by item; discrepancies listed and signed off (K7)."""
    desk.require(Permission.REGISTER)
    giver = clean_text(data.from_keeper, "交出保管人", required=True, max_length=MAX_NAME,
                       rule="K7")
    taker = clean_text(data.to_keeper, "接收保管人", required=True, max_length=MAX_NAME,
                       rule="K7")
    if giver == taker:
        raise ValidationError("交出和接收的保管人不能是同一人（规则K7）", field="接收保管人",
                              rule="K7")
    note = clean_text(data.note, "备注", max_length=200)
    all_labels = labels(desk)
    absent = {parse_slot(s, all_labels, field="缺少的格位") for s in data.absent if squeeze(s)}
    extra = {parse_slot(s, all_labels, field="多出的格位") for s in data.extra if squeeze(s)}
    sheet = handover_sheet(desk)
    by_slot = {ln.slot: ln for ln in sheet}
    for slot in absent:
        if slot not in by_slot:
            raise ValidationError(f"格位{slot}按记录是空的，不能登记为缺少（规则K7）", field="缺少的格位",
                                  rule="K7")
    for slot in extra:
        if slot in by_slot:
            raise ValidationError(f"格位{slot}按记录有钥匙，不是多出的（规则K7）", field="多出的格位",
                                  rule="K7")
    if not data.signed_off:
        raise ValidationError("清点结果须由交接双方签字确认（规则K7）", field="双方已签字",
                              rule="K7")
    items: list[KeyHandoverItem] = []
    problems: list[str] = []
    counted = 0
    for i, ln in enumerate(sheet):
        if ln.in_cabinet:
            found = ln.slot not in absent
            counted += found
            gap = "" if found else f"{ln.slot} 记录在柜，清点时没有找到：{ln.expected}"
            result = "在" if found else "缺"
        else:  # lent or already reported missing: not expected in the slot
            gap, result = "", ln.expected.split(" ")[0]
        if gap:
            problems.append(gap)
        items.append(KeyHandoverItem(position=i, slot=ln.slot, key_id=ln.key_id,
                                     expected=ln.expected[:100], result=result,
                                     discrepancy=gap[:200]))
    for j, slot in enumerate(sorted(extra, key=all_labels.index)):
        gap = f"{slot} 柜中有钥匙，但没有记录"
        problems.append(gap)
        items.append(KeyHandoverItem(position=len(sheet) + j, slot=slot, key_id=None,
                                     expected="空", result="多出", discrepancy=gap))
    expected = sum(1 for ln in sheet if ln.in_cabinet)
    with desk.write(f"钥匙交接 {giver}→{taker}") as session:
        handover = KeyHandover(at=desk.now(), from_keeper=giver, to_keeper=taker,
                               expected=expected, counted=counted, discrepancies=len(problems),
                               signed_off=True, note=note)
        session.add(handover)
        session.flush()
        for item in items:
            item.handover_id = handover.id
            session.add(item)
            if item.key_id is not None:
                _event(session, desk, item.key_id, EventKind.HANDOVER,
                       f"{giver}交{taker}清点：{item.result}"
                       + (f"（{item.discrepancy}）" if item.discrepancy else ""))
        return HandoverDone(handover.id, expected, counted, problems)


# --- reading: the grid, one key, the inventory -------------------------------------------------

class SlotState(StrEnum):
    FREE = "空"
    HOLDING = "在柜"
    LENT = "借出"
    OVERDUE = "超时"
    MISSING = "遗失"


@dataclass(frozen=True)
class SlotView:
    label: str
    state: SlotState
    key_id: int | None = None
    unit: str = ""         # unit as shown, or the tag of a public-area key
    kind: str = ""
    tip: str = ""
    late: str = ""         # how late, in words, when overdue


def _loan_late(loan: Any, now: datetime, eod: int) -> Lateness | None:
    return lateness(loan.out_at, loan.due_at, now, repair_works=loan.repair_works,
                    unhanded_key=loan.unhanded, end_of_day_hour=eod)


def cabinet(desk: Desk) -> list[SlotView]:
    """Every slot of the cabinet with what the records say is in it (rules K2, K3)."""
    now = desk.now()
    eod = end_of_day_hour(desk)
    with desk.read() as session:
        keys = session.execute(select(CabinetKey.id, CabinetKey.slot, CabinetKey.held_slot,
                                      CabinetKey.status, CabinetKey.unit_code, CabinetKey.tag,
                                      CabinetKey.kind, CabinetKey.key_count,
                                      CabinetKey.condition)
                               .where(CabinetKey.held_slot.is_not(None))).all()
        loans = {r.key_id: r for r in session.execute(
            select(KeyLoan.key_id, KeyLoan.borrower_name, KeyLoan.borrower_company,
                   KeyLoan.out_at, KeyLoan.due_at, KeyLoan.repair_works, KeyLoan.unhanded)
            .where(KeyLoan.returned_at.is_(None))).all()}
    held = {r.held_slot: r for r in keys}
    out = []
    all_labels = labels(desk)
    known = set(all_labels)
    # a key whose slot the settings no longer list (fewer slots, another prefix) still shows
    extra = sorted((slot for slot in held if slot not in known), key=lambda x: (len(x), x))
    for label in all_labels + extra:
        r = held.get(label)
        if r is None:
            out.append(SlotView(label, SlotState.FREE, tip=f"{label} 空"))
            continue
        place = _unit_text(r.unit_code) or r.tag
        tip = f"{label} {place}\n{r.kind} {r.key_count}把，{r.condition}"
        if label not in known:
            tip += "\n此格位不在当前钥匙柜设置中，请移到有效格位或调整设置"
        state, late = SlotState.HOLDING, ""
        if r.status == KeyStatus.MISSING.value:
            state = SlotState.MISSING
            tip += "\n遗失"
        elif r.status == KeyStatus.LENT.value and r.id in loans:
            loan = loans[r.id]
            who = f"{loan.borrower_company} {loan.borrower_name}".strip()
            tip += f"\n借给{who}，{loan.out_at:%m-%d %H:%M}借出，应还{loan.due_at:%m-%d %H:%M}"
            lt = _loan_late(loan, now, eod)
            state = SlotState.LENT
            if lt is not None:
                state, late = SlotState.OVERDUE, late_text(lt.minutes)
                tip += f"\n{lt.text}"
        out.append(SlotView(label, state, r.id, place, r.kind, tip, late))
    return out


@dataclass(frozen=True)
class LoanView:
    id: int
    borrower: str
    borrower_id: str      # masked (rule G3)
    purpose: str
    approver: str
    out_at: datetime
    due_at: datetime
    returned_at: datetime | None
    received_by: str
    return_condition: str
    late: str
    borrower_name: str = ""
    borrower_company: str = ""
    borrower_phone: str = ""        # masked
    # the loan's corrections, oldest first: "11-19 09:10 王芳 更正借用（…）：应还时间 …（原因：…）"
    corrections: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyView:
    id: int
    version: int
    slot: str
    status: str
    kind: str
    unit: str
    household_id: int | None
    key_count: int
    tag: str
    condition: str
    entrusted_at: datetime
    depositor_name: str
    depositor_id: str       # masked unless revealed (rule G3)
    depositor_phone: str    # masked
    id_checked_by: str
    keeper: str
    owner_consent: str
    copy_permission: str
    events: tuple[tuple[datetime, str, str, str], ...]   # at, kind, text, operator
    loans: tuple[LoanView, ...]
    open_loan: LoanView | None


def _loan_view(loan: KeyLoan, now: datetime, eod: int,
               corrections: tuple[str, ...] = ()) -> LoanView:
    late = ""
    if loan.returned_at is None:
        lt = _loan_late(loan, now, eod)
        late = lt.text if lt else ""
    elif loan.returned_late:
        lt = _loan_late(loan, loan.returned_at, eod)
        late = f"逾期归还（{lt.text}）" if lt else "逾期归还"
    who = f"{loan.borrower_company} {loan.borrower_name}".strip()
    return LoanView(loan.id, who, f"{loan.borrower_id_type} {mask_id(loan.borrower_id_number)}",
                    loan.purpose, loan.approver_name, loan.out_at, loan.due_at, loan.returned_at,
                    loan.received_by, loan.return_condition, late, loan.borrower_name,
                    loan.borrower_company, mask_phone(loan.borrower_phone), corrections)


def get_key(desk: Desk, key_id: int, *, reveal_id: bool = False) -> KeyView:
    """One key with its whole history; the full ID number only with Permission.REVEAL_ID,
    and the look is recorded (rule G3)."""
    if reveal_id:
        desk.require(Permission.REVEAL_ID)
    now = desk.now()
    eod = end_of_day_hour(desk)
    with desk.read() as session:
        row = _key(session, key_id)
        rows = list(session.scalars(select(KeyEvent).where(KeyEvent.key_id == key_id)
                                    .order_by(KeyEvent.at, KeyEvent.id)))
        events = tuple((e.at, e.kind, e.text, e.operator_name) for e in rows)
        fixes: dict[int, list[str]] = {}
        for e in rows:
            if e.kind == EventKind.CORRECTION.value and e.loan_id is not None:
                fixes.setdefault(e.loan_id, []).append(f"{e.at:%m-%d %H:%M} {e.operator_name} {e.text}")
        loans = [_loan_view(loan, now, eod, tuple(fixes.get(loan.id, ()))) for loan in session.scalars(
            select(KeyLoan).where(KeyLoan.key_id == key_id)
            .order_by(KeyLoan.out_at.desc(), KeyLoan.id.desc()))]
        number = row.depositor_id_number if reveal_id else mask_id(row.depositor_id_number)
        view = KeyView(
            row.id, row.version, row.slot, row.status, row.kind, _unit_text(row.unit_code),
            row.household_id, row.key_count, row.tag, row.condition, row.entrusted_at,
            row.depositor_name, f"{row.depositor_id_type} {number}".strip(),
            mask_phone(row.depositor_phone), row.id_checked_by, row.keeper, row.owner_consent,
            row.copy_permission, events, tuple(loans),
            next((ln for ln in loans if ln.returned_at is None), None))
    if reveal_id:
        with desk.write("查看钥匙委托人完整证件号") as session:
            record_view(session, "cabinet_key", key_id, "委托人完整证件号")
    return view


def key_in_slot(desk: Desk, slot_text: str) -> int | None:
    slot = parse_slot(slot_text, labels(desk))
    with desk.read() as session:
        return session.scalar(select(CabinetKey.id).where(CabinetKey.held_slot == slot))


@dataclass(frozen=True)
class InventoryRow:
    slot: str
    unit: str
    kind: str
    key_count: int
    condition: str
    status: str
    depositor: str
    entrusted_at: datetime


def inventory(desk: Desk) -> list[InventoryRow]:
    """顾客钥匙清单 (rule K2): every key in custody, by slot — always from the records."""
    order = {label: i for i, label in enumerate(labels(desk))}
    with desk.read() as session:
        rows = session.execute(select(CabinetKey).where(CabinetKey.held_slot.is_not(None))
                               ).scalars().all()
        out = [InventoryRow(r.slot, _unit_text(r.unit_code) or r.tag, r.kind, r.key_count,
                            r.condition, r.status, r.depositor_name, r.entrusted_at)
               for r in rows]
    return sorted(out, key=lambda r: (order.get(r.slot, len(order)), r.slot))


# --- the list ----------------------------------------------------------------------------------

LIST_HEADERS = ("格位", "房号/区域", "类别", "数量", "状况", "状态", "委托人", "收存日期", "借用情况")
VIEWS = ("在柜", "借出", "超时未还", "遗失", "已结束")

_LIST_COLUMNS = (CabinetKey.id, CabinetKey.slot, CabinetKey.unit_code, CabinetKey.tag,
                 CabinetKey.kind, CabinetKey.key_count, CabinetKey.condition, CabinetKey.status,
                 CabinetKey.depositor_name, CabinetKey.entrusted_at)


def list_query(desk: Desk, text: str = "", view: str = "") -> ListQuery:
    """The keys, by slot; views: in the cabinet, lent, overdue, missing, ended."""
    now = desk.now()
    eod = end_of_day_hour(desk)
    where: list[Any] = []
    if view in ("在柜", "借出", "遗失"):
        where.append(CabinetKey.status == view)
    elif view == "超时未还":
        where.append(CabinetKey.id.in_(select(KeyLoan.key_id).where(
            KeyLoan.returned_at.is_(None), KeyLoan.deadline < now)))
    elif view == "已结束":
        where.append(CabinetKey.held_slot.is_(None))
    elif view:
        raise ValidationError(f"没有“{view}”这个视图", field="视图")
    else:
        where.append(CabinetKey.held_slot.is_not(None))
    if squeeze(text or ""):
        where.append(search_index.matches(CabinetKey.id, CabinetKey.search_text, "cabinet_key",
                                          text, sqlite=desk.db.is_sqlite))
    with desk.read() as session:
        loans = {r.key_id: r for r in session.execute(
            select(KeyLoan.key_id, KeyLoan.borrower_name, KeyLoan.borrower_company,
                   KeyLoan.out_at, KeyLoan.due_at, KeyLoan.repair_works, KeyLoan.unhanded)
            .where(KeyLoan.returned_at.is_(None))).all()}

    def to_row(r: Row[Any]) -> ListRow:
        loan = loans.get(r.id)
        tone, lent = Tone.NORMAL, ""
        if r.status == KeyStatus.MISSING.value:
            tone = Tone.WARNING
        elif r.status not in (KeyStatus.IN_CABINET.value, KeyStatus.LENT.value):
            tone = Tone.DONE
        if loan is not None and r.status == KeyStatus.LENT.value:
            who = f"{loan.borrower_company} {loan.borrower_name}".strip()
            lent = f"{who} 应还{loan.due_at:%m-%d %H:%M}"
            lt = _loan_late(loan, now, eod)
            tone = Tone.DUE
            if lt is not None:
                tone, lent = Tone.OVERDUE, f"{who} {lt.text}"
        return ListRow(r.id, (r.slot, _unit_text(r.unit_code) or r.tag, r.kind, r.key_count,
                              r.condition, r.status, r.depositor_name,
                              f"{r.entrusted_at:%Y-%m-%d}", lent), tone)

    # A-9 before A-10: by the label's length, then the label
    order = [func.length(CabinetKey.slot), CabinetKey.slot, CabinetKey.id]
    return ListQuery(desk, LIST_HEADERS, select(*_LIST_COLUMNS), order, to_row, where=where)


# --- alarms on the overview -------------------------------------------------------------------

@dataclass(frozen=True)
class Alarm:
    key_id: int
    slot: str
    text: str
    deadline: datetime
    minutes: int


def alarms(desk: Desk) -> list[Alarm]:
    """Keys out past their due time, past the end of the day or past 12 hours for a
    未入伙 unit (rule K3), and new keys not handed over within 24 hours (rule K6)."""
    now = desk.now()
    eod = end_of_day_hour(desk)
    out: list[Alarm] = []
    with desk.read() as session:
        rows = session.execute(
            select(KeyLoan, CabinetKey.slot, CabinetKey.unit_code, CabinetKey.tag)
            .join(CabinetKey, CabinetKey.id == KeyLoan.key_id)
            .where(KeyLoan.returned_at.is_(None), KeyLoan.deadline < now)
            .order_by(KeyLoan.deadline)).all()
        for loan, slot, unit_code, tag in rows:
            lt = _loan_late(loan, now, eod)
            if lt is None:
                continue
            who = f"{loan.borrower_company} {loan.borrower_name}".strip()
            out.append(Alarm(loan.key_id, slot,
                             f"{_unit_text(unit_code) or tag}（格位{slot}）钥匙借给{who}，"
                             f"{lt.text}", lt.deadline, lt.minutes))
        changes = session.execute(
            select(LockChange, CabinetKey.slot, CabinetKey.unit_code, CabinetKey.tag)
            .join(CabinetKey, CabinetKey.id == LockChange.old_key_id)
            .where(LockChange.handed_at.is_(None), LockChange.due_at < now)
            .order_by(LockChange.due_at)).all()
        for change, slot, unit_code, tag in changes:
            minutes = int((now - change.due_at).total_seconds() // 60)
            out.append(Alarm(change.old_key_id, slot,
                             f"{_unit_text(unit_code) or tag} 换锁后新钥匙超过24小时未封存交物业总值，"
                             f"已超时{late_text(minutes)}（规则K6）", change.due_at, minutes))
    return out


def open_lock_changes(desk: Desk) -> list[tuple[int, str, datetime]]:
    """Lock changes whose new key has not reached the duty manager: (id, place, due)."""
    with desk.read() as session:
        rows = session.execute(
            select(LockChange.id, LockChange.due_at, CabinetKey.slot, CabinetKey.unit_code,
                   CabinetKey.tag)
            .join(CabinetKey, CabinetKey.id == LockChange.old_key_id)
            .where(LockChange.handed_at.is_(None)).order_by(LockChange.due_at)).all()
    return [(r.id, f"{r.slot} {_unit_text(r.unit_code) or r.tag}", r.due_at) for r in rows]


def overview_lines(desk: Desk) -> list[OverviewLine]:
    """Red lines on the overview, with how late (rules K3, K6)."""
    return [OverviewLine("钥匙", Tone.OVERDUE, a.deadline, a.text, tab="keys", record_id=a.key_id)
            for a in alarms(desk)]


def loans_between(desk: Desk, start: datetime, end: datetime) -> list[tuple[KeyLoan, str]]:
    """Loans made in [start, end), oldest first, with the key's label (借用钥匙登记表)."""
    with desk.read() as session:
        rows = session.execute(
            select(KeyLoan, CabinetKey).join(CabinetKey, CabinetKey.id == KeyLoan.key_id)
            .where(KeyLoan.out_at >= start, KeyLoan.out_at < end)
            .order_by(KeyLoan.out_at, KeyLoan.id)).all()
        session.expunge_all()
    return [(loan, key_label(key)) for loan, key in rows]


def find_keys(desk: Desk, text: str, limit: int = 20) -> list[tuple[int, str]]:
    """Keys in custody matching a slot, unit or name typed (the CLI)."""
    typed = squeeze(text or "")
    if not typed:
        return []
    conds: list[Any] = [search_index.matches(CabinetKey.id, CabinetKey.search_text, "cabinet_key",
                                             text, sqlite=desk.db.is_sqlite)]
    with contextlib.suppress(ValidationError):
        conds.append(CabinetKey.unit_code == units.parse_unit(text).code)
    with desk.read() as session:
        rows = session.execute(select(*_LIST_COLUMNS).where(
            CabinetKey.held_slot.is_not(None), or_(*conds))
            .order_by(func.length(CabinetKey.slot), CabinetKey.slot)
            .limit(limit)).all()
    return [(r.id, key_label(r)) for r in rows]
