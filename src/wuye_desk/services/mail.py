"""The mail log (rules M1–M6, G3, G4): sign in, tell the household, hand out, send back.

A clerk's round at the desk:
1. `sign_in` — the tracking number scanned (Enter), the unit typed or picked, kind,
   carrier (recognised from the number where reliable), shelf position, damage;
   one short write, so the next scan starts at once (rules M1, M2);
2. `households_to_tell` / `record_notice` — who has items and has not been told,
   with the archive's phones; how and when they were told; the notice slip with
   its pickup code (rule M2);
3. `pickup_set` / `hand_out` — the slip's code, an item or a unit scanned; the
   collector's ID checked, several items out together, the 邮件签收表 signed (M4);
4. `post_public_notice` / `return_items` — a month unclaimed goes on the public
   notice, then back to the post office with the postal clerk's name; undeliverable
   items go back within a week with the reason in the remark (rule M5);
5. `correct_item` — a mistake is corrected by a new entry pointing at the old (G4).

Newspapers (rule M6) are in `receive_newspapers` / `distribute_copies` / `collect_kept`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wuye_desk import settings
from wuye_desk.domain import ids, search_text, units
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.mail import (
    MAX_NEWSPAPER_COUNT,
    TRACKING_FIELD,
    Carrier,
    CollectorKind,
    MailKind,
    MailStatus,
    NoticeMethod,
    ReturnReason,
    add_months,
    clean_position,
    clean_tracking,
    days_waiting,
    kind_hint,
    pickup_code,
    read_pickup_code,
    recognise_carrier,
    return_due,
    undeliverable_due,
    waiting_text,
)
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.privacy import mask_id, mask_phone
from wuye_desk.domain.text import halfwidth, squeeze
from wuye_desk.domain.visitors import clean_text
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.overview import OverviewLine
from wuye_desk.services.paging import ListQuery, ListRow, Tone
from wuye_desk.store import search_index
from wuye_desk.store.models import (
    Household,
    MailItem,
    MailNotice,
    MailPickup,
    MailReturn,
    Member,
    NewspaperCopy,
    NewspaperDelivery,
    Operator,
)

UNIT_FIELD = "房号"
UNKNOWN_UNIT_HINT = "查无此户 → 退回"
MAX_BATCH = 200   # items handed out or returned at once


# --- signing in (rules M1, M2) ------------------------------------------------------------

@dataclass
class SignInInput:
    """What the clerk scans and types; every value as given."""

    tracking_no: str = ""
    unit: str = ""
    kind: str = ""              # empty: from the number (S10) where it says, else a parcel
    carrier: str = ""           # empty: recognised from the number, else refused
    position: str = ""          # shelf or locker
    damage: str = ""            # rule M2: damage seen at receipt
    addressee: str = ""
    undeliverable: bool = False  # rule M5: no such household (查无此户)
    remark: str = ""            # the reason, for an undeliverable item


@dataclass(frozen=True)
class CleanItem:
    tracking_no: str
    kind: MailKind
    carrier: Carrier
    unit: units.Unit | None
    address_text: str
    position: str
    damage: str
    addressee: str
    undeliverable: bool
    remark: str


@dataclass(frozen=True)
class SignedIn:
    id: int
    tracking_no: str
    unit_display: str
    kind: str
    carrier: str
    household_id: int | None
    damaged: bool


def clean(data: SignInInput) -> CleanItem:
    """Check a sign-in; ValidationError naming the field (nothing is written)."""
    number = clean_tracking(data.tracking_no)
    # most of what comes without a kind is parcels
    kind = (MailKind.parse(data.kind) if squeeze(data.kind or "")
            else kind_hint(number) or MailKind.PARCEL)
    if squeeze(data.carrier or ""):
        carrier = Carrier.parse(data.carrier)
    else:
        found = recognise_carrier(number)
        if found is None:
            raise ValidationError("无法从运单号识别快递公司，请选择", field="快递公司")
        carrier = found
    undeliverable = bool(data.undeliverable)
    remark = clean_text(data.remark, "备注", max_length=200)
    address_text = clean_text(data.unit, UNIT_FIELD)
    unit: units.Unit | None = None
    if undeliverable:                                                       # rule M5
        if not remark:
            raise ValidationError("无法投递的邮件请在备注中写明原因（如：查无此户、地址不详）"
                                  "（规则M5）", field="备注", rule="M5")
        try:
            unit = units.parse_unit(data.unit, field=UNIT_FIELD) if address_text else None
        except ValidationError:
            unit = None
    else:
        if not address_text:
            raise ValidationError("请输入或选择收件房号", field=UNIT_FIELD)
        unit = units.parse_unit(data.unit, field=UNIT_FIELD)
    return CleanItem(
        tracking_no=number, kind=kind, carrier=carrier, unit=unit, address_text=address_text,
        position=clean_position(data.position),
        damage=clean_text(data.damage, "破损情况", max_length=200),
        addressee=clean_text(data.addressee, "收件人", max_length=40),
        undeliverable=undeliverable, remark=remark)


def item_search_text(tracking_no: str, unit: units.Unit | None, address_text: str,
                     addressee: str, household_name: str) -> str:
    """What the list's search box finds an item by: tracking number, unit, names."""
    return search_text.build(
        tracking_no, unit.display if unit else address_text, unit.code if unit else "",
        addressee, household_name, names=tuple(n for n in (addressee, household_name) if n))


def _duplicate(session: Session, number: str, except_id: int | None = None) -> None:
    stmt = select(MailItem).where(MailItem.tracking_no == number,
                                  MailItem.status != MailStatus.VOID.value)
    if except_id is not None:
        stmt = stmt.where(MailItem.id != except_id)
    old = session.scalar(stmt.limit(1))
    if old is None:
        return
    where = units.parse_unit(old.unit_code).display if old.unit_code else old.address_text
    raise ValidationError(
        f"运单号{number}已于{old.received_at:%m月%d日 %H:%M}登记（{where}，{old.status}），"
        f"不能重复登记", field=TRACKING_FIELD, rule="M2")


def _household(session: Session, c: CleanItem) -> tuple[int | None, str]:
    if c.unit is None:
        return None, ""
    row = session.execute(select(Household.id, Household.primary_name)
                          .where(Household.unit_code == c.unit.code)).first()
    if row is None:
        if c.undeliverable:
            return None, ""
        raise ValidationError(
            f"档案中没有{c.unit.display}这户（{UNKNOWN_UNIT_HINT}：勾选“无法投递”并写明原因）",
            field=UNIT_FIELD, rule="M5")
    return int(row.id), str(row.primary_name)


def _new_item(session: Session, c: CleanItem, now: datetime) -> MailItem:
    household_id, household_name = _household(session, c)
    item = MailItem(
        tracking_no=c.tracking_no, kind=c.kind.value, carrier=c.carrier.value,
        status=MailStatus.WAITING.value, received_at=now,
        unit_code=c.unit.code if c.unit and household_id else None, household_id=household_id,
        addressee=c.addressee, address_text=c.address_text, position=c.position,
        damage=c.damage, undeliverable=c.undeliverable, remark=c.remark, notice_method="",
        search_text=item_search_text(c.tracking_no, c.unit, c.address_text, c.addressee,
                                     household_name))
    session.add(item)
    return item


def _signed(item: MailItem) -> SignedIn:
    where = units.parse_unit(item.unit_code).display if item.unit_code else item.address_text
    return SignedIn(item.id, item.tracking_no, where, item.kind, item.carrier,
                    item.household_id, bool(item.damage))


def sign_in(desk: Desk, data: SignInInput) -> SignedIn:
    """Enter one item in the 邮件签收表 at once (rules M1, M2); a tracking number
    already signed in is refused with where and when it was."""
    desk.require(Permission.REGISTER)
    c = clean(data)
    now = desk.now()
    try:
        with desk.write(f"邮件登记 {c.tracking_no}") as session:
            _duplicate(session, c.tracking_no)
            item = _new_item(session, c, now)
            session.flush()
            return _signed(item)
    except IntegrityError:  # another desk signed it in a moment ago
        with desk.read() as session:
            _duplicate(session, c.tracking_no)
        raise


def correct_item(desk: Desk, item_id: int, data: SignInInput) -> SignedIn:
    """A sign-in corrected by a new entry that points at the old one (rule G4); the old
    entry stays visible as 已更正. Only an item still waiting can be corrected."""
    desk.require(Permission.REGISTER)
    c = clean(data)
    with desk.write(f"邮件登记更正 {c.tracking_no}") as session:
        old = session.get(MailItem, item_id)
        if old is None:
            raise NotFound("找不到这件邮件")
        if old.status != MailStatus.WAITING.value:
            raise ValidationError(f"这件邮件{old.status}，不能再更正（规则G4）", field=TRACKING_FIELD,
                                  rule="G4")
        _duplicate(session, c.tracking_no, except_id=old.id)
        old.status = MailStatus.VOID.value
        session.flush()
        item = _new_item(session, c, old.received_at)
        item.correction_of = old.id
        item.notice_id, item.notified_at = old.notice_id, old.notified_at
        item.notice_method, item.public_notice_at = old.notice_method, old.public_notice_at
        session.flush()
        old.corrected_by = item.id
        return _signed(item)


# --- reading items ------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemView:
    id: int
    tracking_no: str
    kind: str
    carrier: str
    status: str
    received_at: datetime
    unit_code: str | None
    unit_display: str        # the unit, or the address as written for an unknown one
    household_id: int | None
    addressee: str
    position: str
    damage: str
    undeliverable: bool
    remark: str
    notified_at: datetime | None
    notice_method: str
    public_notice_at: datetime | None
    picked_up_at: datetime | None
    returned_at: datetime | None
    collector: str           # "张三（代领）"
    correction_of: int | None
    corrected_by: int | None
    operator_name: str


def _item_view(session: Session, m: MailItem) -> ItemView:
    collector = ""
    if m.pickup_id:
        p = session.get(MailPickup, m.pickup_id)
        if p is not None:
            collector = f"{p.collector_name}（{p.collector_kind}）"
            if p.signature_png:
                collector += "，已在屏幕上签名"
    op = session.get(Operator, m.created_by) if m.created_by else None
    where = units.parse_unit(m.unit_code).display if m.unit_code else m.address_text
    return ItemView(m.id, m.tracking_no, m.kind, m.carrier, m.status, m.received_at,
                    m.unit_code, where, m.household_id, m.addressee, m.position, m.damage,
                    m.undeliverable, m.remark, m.notified_at, m.notice_method,
                    m.public_notice_at, m.picked_up_at, m.returned_at, collector,
                    m.correction_of, m.corrected_by, op.name if op else "")


def get_item(desk: Desk, item_id: int) -> ItemView:
    with desk.read() as session:
        m = session.get(MailItem, item_id)
        if m is None:
            raise NotFound("找不到这件邮件")
        return _item_view(session, m)


def find_item(desk: Desk, tracking_text: str) -> ItemView:
    number = clean_tracking(tracking_text)
    with desk.read() as session:
        m = session.scalar(select(MailItem).where(MailItem.tracking_no == number)
                           .order_by(MailItem.id.desc()).limit(1))
        if m is None:
            raise ValidationError(f"没有运单号为{number}的邮件登记，请核对", field=TRACKING_FIELD)
        return _item_view(session, m)


# --- telling the household (rule M2) ---------------------------------------------------------

@dataclass(frozen=True)
class Phone:
    name: str
    role: str
    phone: str   # in full: the desk has to dial it


@dataclass(frozen=True)
class HouseholdToTell:
    household_id: int
    unit_display: str
    name: str
    items: int
    oldest: datetime
    phones: tuple[Phone, ...]


def households_to_tell(desk: Desk, limit: int = 300) -> list[HouseholdToTell]:
    """Households with items waiting that nobody has told yet, oldest first, with the
    archive's phones (rule M2)."""
    stmt = (select(MailItem.household_id, func.count(), func.min(MailItem.received_at))
            .where(MailItem.status == MailStatus.WAITING.value, MailItem.notified_at.is_(None),
                   MailItem.household_id.is_not(None))
            .group_by(MailItem.household_id).order_by(func.min(MailItem.received_at))
            .limit(limit))
    with desk.read() as session:
        groups = session.execute(stmt).all()
        wanted = [g[0] for g in groups]
        heads = {r.id: r for r in session.execute(
            select(Household.id, Household.unit_code, Household.primary_name,
                   Household.primary_phone, Household.tenure)
            .where(Household.id.in_(wanted))).all()}
        members: dict[int, list[Any]] = {}
        for m in session.execute(select(Member.household_id, Member.name, Member.role,
                                        Member.phone)
                                 .where(Member.household_id.in_(wanted), Member.phone != "")
                                 .order_by(Member.household_id, Member.position)).all():
            members.setdefault(m.household_id, []).append(m)
    out = []
    for group in groups:
        hid, n, oldest = int(group[0] or 0), int(group[1]), group[2]
        h = heads[hid]
        phones: list[Phone] = []
        seen: set[str] = set()
        if h.primary_phone:
            phones.append(Phone(h.primary_name, h.tenure, h.primary_phone))
            seen.add(h.primary_phone)
        for m in members.get(hid, []):
            if m.phone not in seen:
                phones.append(Phone(m.name, m.role, m.phone))
                seen.add(m.phone)
        out.append(HouseholdToTell(hid, units.parse_unit(h.unit_code).display, h.primary_name,
                                   n, oldest, tuple(phones)))
    return out


@dataclass(frozen=True)
class NoticeDone:
    notice_id: int
    code: str
    items: int
    unit_display: str


def _told_at(value: datetime | None, now: datetime) -> datetime:
    if value is None:
        return now
    if value > now + timedelta(minutes=1):
        raise ValidationError("通知时间不能晚于现在", field="通知时间")
    if value < now - timedelta(days=60):
        raise ValidationError("通知时间太早，请核对", field="通知时间")
    return value


def record_notice(desk: Desk, household_id: int, method: str,
                  told_at: datetime | None = None) -> NoticeDone:
    """The household was told how and when (rule M2); every item of it still waiting goes
    on this notice, whose code the slip carries and the scanner reads back at pickup."""
    desk.require(Permission.REGISTER)
    how = NoticeMethod.parse(method)
    now = desk.now()
    when = _told_at(told_at, now)
    with desk.write(f"邮件通知（{how.value}）") as session:
        household = session.get(Household, household_id)
        if household is None:
            raise NotFound("找不到这户")
        items = list(session.scalars(select(MailItem).where(
            MailItem.household_id == household_id,
            MailItem.status == MailStatus.WAITING.value).order_by(MailItem.received_at)))
        if not items:
            raise ValidationError(f"{units.parse_unit(household.unit_code).display}没有待领取的邮件",
                                  field="通知", rule="M2")
        notice = MailNotice(household_id=household_id, unit_code=household.unit_code,
                            method=how.value, told_at=when, item_count=len(items))
        session.add(notice)
        session.flush()
        for item in items:
            item.notice_id = notice.id
            item.notice_method = how.value
            if item.notified_at is None:
                item.notified_at = when
        return NoticeDone(notice.id, pickup_code(notice.id), len(items),
                          units.parse_unit(household.unit_code).display)


# --- handing out (rule M4) -------------------------------------------------------------------

@dataclass(frozen=True)
class PickupSet:
    """What a scan at the pickup counter found: a household's waiting items."""

    household_id: int | None
    unit_display: str
    household_name: str
    items: tuple[ItemView, ...]
    scanned_id: int | None = None   # the item scanned, when an item was


def _waiting_of(session: Session, household_id: int) -> tuple[ItemView, ...]:
    rows = session.scalars(select(MailItem).where(
        MailItem.household_id == household_id, MailItem.status == MailStatus.WAITING.value)
        .order_by(MailItem.received_at, MailItem.id))
    return tuple(_item_view(session, m) for m in rows)


def _set_for(session: Session, household_id: int, scanned: int | None = None) -> PickupSet:
    h = session.get(Household, household_id)
    assert h is not None
    return PickupSet(household_id, units.parse_unit(h.unit_code).display, h.primary_name,
                     _waiting_of(session, household_id), scanned)


def _unit_set(session: Session, scan: str) -> PickupSet:
    unit = units.parse_unit(scan, field="领取扫描")
    hid = session.scalar(select(Household.id).where(Household.unit_code == unit.code))
    if hid is None:
        raise ValidationError(f"档案中没有{unit.display}这户", field="领取扫描")
    found = _set_for(session, hid)
    if not found.items:
        raise ValidationError(f"{unit.display}没有待领取的邮件", field="领取扫描")
    return found


def pickup_set(desk: Desk, scan: str) -> PickupSet:
    """The items to hand out for a scan: the notice slip's code, an item's tracking number
    or a unit typed; always every item of that household still waiting."""
    text = squeeze(scan or "")
    if not text:
        raise ValidationError("请扫描领取通知单或邮件条码，或输入房号", field="领取扫描")
    notice_id = read_pickup_code(text)
    with desk.read() as session:
        if notice_id is not None:
            notice = session.get(MailNotice, notice_id)
            if notice is None:
                raise ValidationError(f"没有取件码为{text.upper()}的领取通知单", field="领取扫描")
            found = _set_for(session, notice.household_id)
            if not found.items:
                raise ValidationError(f"{found.unit_display}的邮件都已领取或退回，没有待领的邮件",
                                      field="领取扫描", rule="M4")
            return found
        if any("\u4e00" <= ch <= "\u9fff" for ch in text) or "-" in halfwidth(scan):
            return _unit_set(session, scan)
        m = None
        try:
            number = clean_tracking(text, field="领取扫描")
            m = session.scalar(select(MailItem).where(MailItem.tracking_no == number)
                               .order_by(MailItem.id.desc()).limit(1))
        except ValidationError:
            number = ""
        if m is None:   # not an item: perhaps a unit typed short ("A1203")
            try:
                return _unit_set(session, scan)
            except ValidationError:
                pass
            if not number:
                clean_tracking(text, field="领取扫描")   # says what is wrong with it
            raise ValidationError(f"没有运单号为{number}的邮件登记，请核对", field="领取扫描")
        if m.status == MailStatus.PICKED_UP.value:
            view = _item_view(session, m)
            assert view.picked_up_at is not None
            raise ValidationError(
                f"运单号{number}已于{view.picked_up_at:%m月%d日 %H:%M}由{view.collector}领取，"
                f"不能重复领取（规则M4）", field="领取扫描", rule="M4")
        if m.status != MailStatus.WAITING.value:
            raise ValidationError(f"运单号{number}{m.status}，不能领取", field="领取扫描")
        if m.household_id is None or m.undeliverable:
            raise ValidationError(f"运单号{number}无法投递（{m.remark}），只能退回邮局",
                                  field="领取扫描", rule="M5")
        return _set_for(session, m.household_id, m.id)


@dataclass
class PickupInput:
    collector_name: str = ""
    collector_kind: str = "本人"   # 本人 / 代领
    id_type: str = "居民身份证"
    id_number: str = ""
    signature_png: bytes | None = None   # signed on screen, where a pad exists


MAX_SIGNATURE_BYTES = 512 * 1024


@dataclass(frozen=True)
class PickupDone:
    pickup_id: int
    items: int
    collector: str
    id_masked: str


def hand_out(desk: Desk, item_ids: Sequence[int], data: PickupInput) -> PickupDone:
    """Items of one household go out together to one collector (rule M4): the collector's
    ID is checked (type and number), only its masked form is kept, and the name recorded;
    the collector signs the printed 邮件签收表."""
    desk.require(Permission.REGISTER)
    chosen = sorted(set(item_ids))
    if not chosen:
        raise ValidationError("请选择要领取的邮件", field="邮件", rule="M4")
    if len(chosen) > MAX_BATCH:
        raise ValidationError(f"一次最多领取{MAX_BATCH}件", field="邮件")
    name = clean_text(data.collector_name, "领取人姓名", required=True, max_length=40, rule="M4")
    kind = CollectorKind.parse(data.collector_kind or "本人")
    if not squeeze(data.id_number or ""):
        raise ValidationError("请查验领取人的证件并输入证件号码（规则M4）", field="证件号码",
                              rule="M4")
    id_type = ids.id_type_of_label(data.id_type or "居民身份证").value
    number = ids.validate_id(id_type, data.id_number, field="证件号码", today=desk.now().date())
    masked = mask_id(number)
    signature = data.signature_png or None
    if signature is not None and (not signature.startswith(b"\x89PNG\r\n\x1a\n")
                                  or len(signature) > MAX_SIGNATURE_BYTES):
        raise ValidationError("屏幕签名无法保存，请重新签名或在打印的签收表上签名",
                              field="签名", rule="M4")
    now = desk.now()
    with desk.write(f"邮件领取 {len(chosen)}件 {name}") as session:
        items = list(session.scalars(select(MailItem).where(MailItem.id.in_(chosen))))
        if len(items) != len(chosen):
            raise ValidationError("所选邮件有的不存在，请重新扫描", field="邮件")
        for m in items:
            if m.status == MailStatus.PICKED_UP.value:
                raise ValidationError(f"运单号{m.tracking_no}已被领取，不能重复领取（规则M4）",
                                      field="邮件", rule="M4")
            if m.status != MailStatus.WAITING.value:
                raise ValidationError(f"运单号{m.tracking_no}{m.status}，不能领取", field="邮件")
            if m.household_id is None or m.undeliverable:
                raise ValidationError(f"运单号{m.tracking_no}无法投递，只能退回邮局",
                                      field="邮件", rule="M5")
        households = {m.household_id for m in items}
        if len(households) > 1:
            raise ValidationError("一次只能领取同一户的邮件", field="邮件", rule="M4")
        pickup = MailPickup(household_id=items[0].household_id, unit_code=items[0].unit_code,
                            picked_at=now, collector_name=name, collector_kind=kind.value,
                            id_type=id_type, id_masked=masked, item_count=len(items),
                            signature_png=signature)
        session.add(pickup)
        session.flush()
        for m in items:
            m.status = MailStatus.PICKED_UP.value
            m.picked_up_at = max(now, m.received_at)
            m.pickup_id = pickup.id
        return PickupDone(pickup.id, len(items), f"{name}（{kind.value}）", masked)


# --- unclaimed and undeliverable (rule M5) ----------------------------------------------------

def notice_days(desk: Desk) -> int:
    return office_settings.get(desk, settings.MAIL_NOTICE_DAYS)


def _public_notice_cutoff(now: datetime) -> datetime:
    return add_months(now, -1)   # received on or before this → a month unclaimed


def _due_notice_where(now: datetime) -> list[Any]:
    return [MailItem.status == MailStatus.WAITING.value, MailItem.undeliverable.is_(False),
            MailItem.public_notice_at.is_(None),
            MailItem.received_at <= _public_notice_cutoff(now)]


def _due_return_where(now: datetime, days: int) -> list[Any]:
    return [MailItem.status == MailStatus.WAITING.value,
            or_(MailItem.undeliverable.is_(True),
                MailItem.public_notice_at <= now - timedelta(days=days))]


def post_public_notice(desk: Desk) -> int:
    """Put every item unclaimed for a month on the public notice (rule M5); the number put."""
    desk.require(Permission.REGISTER)
    now = desk.now()
    with desk.write("邮件公示（逾期一个月未领）") as session:
        items = list(session.scalars(select(MailItem).where(*_due_notice_where(now))))
        for m in items:
            m.public_notice_at = now
        return len(items)


def on_public_notice(desk: Desk) -> list[ItemView]:
    """Items on the public notice and still waiting, oldest first."""
    with desk.read() as session:
        rows = session.scalars(select(MailItem).where(
            MailItem.status == MailStatus.WAITING.value, MailItem.public_notice_at.is_not(None))
            .order_by(MailItem.received_at, MailItem.id))
        return [_item_view(session, m) for m in rows]


def due_for_return(desk: Desk) -> list[ItemView]:
    """Items to hand back to the post office now (rule M5): undeliverable ones, and those
    whose public notice period has ended."""
    now = desk.now()
    with desk.read() as session:
        rows = session.scalars(select(MailItem).where(*_due_return_where(now, notice_days(desk)))
                               .order_by(MailItem.received_at, MailItem.id))
        return [_item_view(session, m) for m in rows]


def mark_undeliverable(desk: Desk, item_id: int, reason: str) -> None:
    """An item found undeliverable after sign-in (bad address): back within a week, with the
    reason in the register's remark (rule M5)."""
    desk.require(Permission.REGISTER)
    text = clean_text(reason, "备注", required=True, max_length=200, rule="M5")
    with desk.write("邮件标记为无法投递") as session:
        m = session.get(MailItem, item_id)
        if m is None:
            raise NotFound("找不到这件邮件")
        if m.status != MailStatus.WAITING.value:
            raise ValidationError(f"这件邮件{m.status}，不能再标记", field="备注")
        m.undeliverable = True
        m.remark = text


@dataclass(frozen=True)
class ReturnDone:
    return_id: int
    items: int


def return_items(desk: Desk, item_ids: Sequence[int], postal_clerk: str,
                 note: str = "") -> ReturnDone:
    """Hand items back to the post office in one batch, with the postal clerk's name; the
    printed 退回邮局清单 carries the clerk's signature (rule M5). Only undeliverable items
    and items past their public notice may go back."""
    desk.require(Permission.REGISTER)
    chosen = sorted(set(item_ids))
    if not chosen:
        raise ValidationError("请选择要退回的邮件", field="邮件", rule="M5")
    if len(chosen) > MAX_BATCH:
        raise ValidationError(f"一次最多退回{MAX_BATCH}件", field="邮件")
    clerk = clean_text(postal_clerk, "邮局经办人", required=True, max_length=40, rule="M5")
    note = clean_text(note, "备注", max_length=200)
    now = desk.now()
    days = notice_days(desk)
    with desk.write(f"邮件退回邮局 {len(chosen)}件") as session:
        items = list(session.scalars(select(MailItem).where(MailItem.id.in_(chosen))))
        if len(items) != len(chosen):
            raise ValidationError("所选邮件有的不存在", field="邮件")
        reasons = set()
        for m in items:
            if m.status != MailStatus.WAITING.value:
                raise ValidationError(f"运单号{m.tracking_no}{m.status}，不能退回", field="邮件")
            if m.undeliverable:
                reasons.add(ReturnReason.UNDELIVERABLE)
                continue
            if m.public_notice_at is None:
                raise ValidationError(
                    f"运单号{m.tracking_no}还没有公示：逾期一个月未领的邮件先公示，公示期满仍未领"
                    f"才退回邮局（规则M5）", field="邮件", rule="M5")
            ends = return_due(m.public_notice_at, days)
            if ends > now:
                raise ValidationError(
                    f"运单号{m.tracking_no}的公示期到{ends:%m月%d日}才满，期满仍未领取再退回（规则M5）",
                    field="邮件", rule="M5")
            reasons.add(ReturnReason.UNCLAIMED)
        reason = "、".join(r.value for r in ReturnReason if r in reasons)
        batch = MailReturn(reason=reason, returned_at=now, postal_clerk=clerk, note=note,
                           item_count=len(items))
        session.add(batch)
        session.flush()
        for m in items:
            m.status = MailStatus.RETURNED.value
            m.returned_at = now
            m.return_id = batch.id
        return ReturnDone(batch.id, len(items))


# --- newspapers (rule M6) -------------------------------------------------------------------

@dataclass
class CopyInput:
    unit: str = ""
    count: int | str = 1
    signed_name: str = ""    # empty: the recipient is out, the copies are kept at the desk


def _count(value: int | str, field_name: str) -> int:
    text = halfwidth(str(value)) if value is not None else ""
    if not text.isdigit():
        raise ValidationError(f"{field_name}应为数字", field=field_name)
    n = int(text)
    if not 1 <= n <= MAX_NEWSPAPER_COUNT:
        raise ValidationError(f"{field_name}应在1到{MAX_NEWSPAPER_COUNT}之间", field=field_name)
    return n


def receive_newspapers(desk: Desk, title: str, count: int | str,
                       copies: Sequence[CopyInput] = (), day: date | None = None) -> int:
    """The desk signs for one title's delivery and its count (rule M6); the copies handed to
    subscribers are signed for, the copies of absent ones are kept at the desk."""
    desk.require(Permission.REGISTER)
    name = clean_text(title, "报刊名称", required=True, max_length=60, rule="M6")
    total = _count(count, "份数")
    day = day or desk.now().date()
    cleaned: list[tuple[units.Unit, int, str]] = []
    for c in copies:
        unit = units.parse_unit(c.unit, field="订户房号")
        cleaned.append((unit, _count(c.count, "订户份数"),
                        clean_text(c.signed_name, "签收人", max_length=40)))
    if sum(n for _, n, _ in cleaned) > total:
        raise ValidationError(f"分发份数合计超过收到的{total}份", field="订户份数", rule="M6")
    now = desk.now()
    with desk.write(f"报纸签收 {name} {total}份") as session:
        delivery = NewspaperDelivery(day=day, title=name, count=total)
        session.add(delivery)
        session.flush()
        for unit, n, signer in cleaned:
            hid = session.scalar(select(Household.id).where(Household.unit_code == unit.code))
            if hid is None:
                raise ValidationError(f"档案中没有{unit.display}这户", field="订户房号")
            session.add(NewspaperCopy(delivery_id=delivery.id, unit_code=unit.code,
                                      household_id=hid, count=n, kept=not signer,
                                      signed_name=signer,
                                      collected_at=now if signer else None))
        return delivery.id


@dataclass(frozen=True)
class KeptCopy:
    id: int
    day: date
    title: str
    unit_display: str
    count: int


def kept_copies(desk: Desk, limit: int = 500) -> list[KeptCopy]:
    """Papers kept at the desk for absent recipients (rule M6), oldest first."""
    stmt = (select(NewspaperCopy.id, NewspaperDelivery.day, NewspaperDelivery.title,
                   NewspaperCopy.unit_code, NewspaperCopy.count)
            .join(NewspaperDelivery, NewspaperDelivery.id == NewspaperCopy.delivery_id)
            .where(NewspaperCopy.kept.is_(True))
            .order_by(NewspaperCopy.delivery_id, NewspaperCopy.id).limit(limit))
    with desk.read() as session:
        return [KeptCopy(r[0], r[1], r[2], units.parse_unit(r[3]).display, int(r[4]))
                for r in session.execute(stmt).all()]


def collect_kept(desk: Desk, copy_id: int, signed_name: str) -> None:
    """A recipient collects papers kept at the desk and signs (rule M6)."""
    desk.require(Permission.REGISTER)
    name = clean_text(signed_name, "签收人", required=True, max_length=40, rule="M6")
    with desk.write("报纸留存领取") as session:
        c = session.get(NewspaperCopy, copy_id)
        if c is None:
            raise NotFound("找不到这份报纸")
        if not c.kept:
            raise ValidationError(f"这份报纸已由{c.signed_name}签收", field="签收人", rule="M6")
        c.kept = False
        c.signed_name = name
        c.collected_at = desk.now()


# --- lists ----------------------------------------------------------------------------------

VIEW_WAITING = "待领取"
VIEW_NOT_NOTIFIED = "未通知"
VIEW_PICKED_UP = "已领取"
VIEW_RETURNED = "已退回"
VIEW_DUE = "待公示/待退回"
VIEWS = (VIEW_WAITING, VIEW_NOT_NOTIFIED, VIEW_DUE, VIEW_PICKED_UP, VIEW_RETURNED)
LIST_HEADERS = ("登记时间", "运单号", "类别", "快递公司", "房号", "收件人", "位置", "状态",
                "通知", "待领", "备注")


@dataclass
class MailFilter:
    view: str = ""          # one of VIEWS, "" for all
    text: str = ""
    unit: str = ""
    date_from: date | None = None
    date_to: date | None = None


_LIST_COLUMNS = (MailItem.id, MailItem.received_at, MailItem.tracking_no, MailItem.kind,
                 MailItem.carrier, MailItem.unit_code, MailItem.address_text, MailItem.addressee,
                 MailItem.position, MailItem.status, MailItem.notified_at,
                 MailItem.notice_method, MailItem.public_notice_at, MailItem.damage,
                 MailItem.undeliverable, MailItem.remark, MailItem.picked_up_at,
                 MailItem.returned_at)


def _tone(r: Row[Any], now: datetime, days: int) -> Tone:
    if r.status in (MailStatus.PICKED_UP.value, MailStatus.RETURNED.value, MailStatus.VOID.value):
        return Tone.DONE
    if r.undeliverable:
        return Tone.OVERDUE if undeliverable_due(r.received_at) <= now else Tone.WARNING
    if r.public_notice_at is not None:
        return Tone.OVERDUE if return_due(r.public_notice_at, days) <= now else Tone.DUE
    if r.received_at <= _public_notice_cutoff(now):
        return Tone.OVERDUE
    if r.notified_at is None:
        return Tone.WARNING
    return Tone.NORMAL


def _remark(r: Row[Any]) -> str:
    parts = []
    if r.damage:
        parts.append(f"破损：{r.damage}")
    if r.undeliverable:
        parts.append(f"无法投递：{r.remark}")
    elif r.remark:
        parts.append(r.remark)
    if r.public_notice_at is not None and r.status == MailStatus.WAITING.value:
        parts.append(f"{r.public_notice_at:%m-%d}已公示")
    return "；".join(parts)


def list_query(desk: Desk, f: MailFilter | None = None) -> ListQuery:
    """The mail log a page at a time; waiting views oldest first, the others newest first."""
    f = f or MailFilter()
    now = desk.now()
    days = notice_days(desk)
    where: list[Any] = []
    ascending = False
    if f.view == VIEW_WAITING:
        where.append(MailItem.status == MailStatus.WAITING.value)
        ascending = True
    elif f.view == VIEW_NOT_NOTIFIED:
        where += [MailItem.status == MailStatus.WAITING.value, MailItem.notified_at.is_(None)]
        ascending = True
    elif f.view == VIEW_DUE:
        where += [MailItem.status == MailStatus.WAITING.value,
                  or_(and_(*_due_notice_where(now)), and_(*_due_return_where(now, days)),
                      MailItem.public_notice_at.is_not(None))]
        ascending = True
    elif f.view == VIEW_PICKED_UP:
        where.append(MailItem.status == MailStatus.PICKED_UP.value)
    elif f.view == VIEW_RETURNED:
        where.append(MailItem.status == MailStatus.RETURNED.value)
    elif f.view:
        raise ValidationError(f"没有“{f.view}”这个视图", field="视图")
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise ValidationError("开始日期不能晚于结束日期", field="日期")
    if f.date_from:
        where.append(MailItem.received_at >= datetime.combine(f.date_from, time()))
    if f.date_to:
        where.append(MailItem.received_at < datetime.combine(f.date_to + timedelta(days=1),
                                                             time()))
    if squeeze(f.unit):
        where.append(MailItem.unit_code == units.parse_unit(f.unit, field=UNIT_FIELD).code)
    text = (f.text or "").strip()
    if text:
        where.append(search_index.matches(MailItem.id, MailItem.search_text, "mail_item", text,
                                          sqlite=desk.db.is_sqlite))

    def to_row(r: Row[Any]) -> ListRow:
        where_ = units.parse_unit(r.unit_code).display if r.unit_code else r.address_text
        told = (f"{r.notice_method} {r.notified_at:%m-%d %H:%M}" if r.notified_at else
                "未通知" if r.status == MailStatus.WAITING.value else "")
        waiting = (waiting_text(days_waiting(r.received_at, now))
                   if r.status == MailStatus.WAITING.value else "")
        return ListRow(r.id, (f"{r.received_at:%Y-%m-%d %H:%M}", r.tracking_no, r.kind,
                              r.carrier, where_, r.addressee, r.position, r.status, told,
                              waiting, _remark(r)), _tone(r, now, days))

    return ListQuery(desk, LIST_HEADERS, select(*_LIST_COLUMNS),
                     [MailItem.received_at, MailItem.id], to_row, descending=not ascending,
                     where=where)


def count_waiting(desk: Desk) -> int:
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(MailItem).where(
            MailItem.status == MailStatus.WAITING.value)) or 0)


# --- the overview ---------------------------------------------------------------------------

OVERVIEW_LIMIT = 20


def overview_lines(desk: Desk) -> list[OverviewLine]:
    """Deadlines of rule M5 and items waiting too long, for the 总览."""
    now = desk.now()
    days = notice_days(desk)
    warn = office_settings.get(desk, settings.MAIL_WAITING_WARN_DAYS)
    lines: list[OverviewLine] = []
    with desk.read() as session:
        undeliverable = session.execute(
            select(MailItem.id, MailItem.tracking_no, MailItem.received_at, MailItem.remark)
            .where(MailItem.status == MailStatus.WAITING.value,
                   MailItem.undeliverable.is_(True))
            .order_by(MailItem.received_at).limit(OVERVIEW_LIMIT)).all()
        for r in undeliverable:
            due = undeliverable_due(r.received_at)
            lines.append(OverviewLine(
                "邮件", Tone.OVERDUE if due <= now else Tone.DUE, due,
                f"无法投递的邮件 {r.tracking_no}（{r.remark}）须在{due:%m月%d日}前退回邮局",
                tab="mail", record_id=r.id))
        due_notice = session.scalar(select(func.count()).select_from(MailItem)
                                    .where(*_due_notice_where(now))) or 0
        if due_notice:
            lines.append(OverviewLine(
                "邮件", Tone.OVERDUE, _public_notice_cutoff(now),
                f"{due_notice}件邮件逾期一个月未领，应公示（规则M5）", tab="mail"))
        due_back = session.scalar(select(func.count()).select_from(MailItem).where(
            MailItem.status == MailStatus.WAITING.value, MailItem.undeliverable.is_(False),
            MailItem.public_notice_at <= now - timedelta(days=days))) or 0
        if due_back:
            lines.append(OverviewLine(
                "邮件", Tone.OVERDUE, now,
                f"{due_back}件邮件公示期满仍未领取，应退回邮局（规则M5）", tab="mail"))
        long_wait = session.scalar(select(func.count()).select_from(MailItem).where(
            MailItem.status == MailStatus.WAITING.value, MailItem.undeliverable.is_(False),
            MailItem.public_notice_at.is_(None),
            MailItem.received_at <= now - timedelta(days=warn),
            MailItem.received_at > _public_notice_cutoff(now))) or 0
        if long_wait:
            lines.append(OverviewLine(
                "邮件", Tone.DUE, None, f"{long_wait}件邮件待领超过{warn}天，请再通知业户",
                tab="mail"))
        untold = session.scalar(select(func.count()).select_from(MailItem).where(
            MailItem.status == MailStatus.WAITING.value, MailItem.notified_at.is_(None),
            MailItem.household_id.is_not(None))) or 0
        if untold:
            lines.append(OverviewLine("邮件", Tone.DUE, None,
                                      f"{untold}件邮件还没有通知业户（规则M2）", tab="mail"))
    return lines


def phones_text(phones: Sequence[Phone], reveal: bool = True) -> str:
    return "，".join(f"{p.name}（{p.role}）{p.phone if reveal else mask_phone(p.phone)}"
                    for p in phones)
