"""VIP customers (rules P1–P6, G2, G3): the archive, cards, services, family care.

A VIP assistant's round:
1. `apply` — the written application for a person of a household in the archive,
   with the qualification and who approved it (P3);
2. `issue_card` — the first card, numbered by the desk (P2); the 《VIP 客户登记表》
   prints for the customer's signature (services/vip_forms.py);
3. `renew_card` after the qualification is checked again (P4), `replace_lost_card`
   (new number, old one voided, P4), `revoke_card` with its reason (P5);
4. `log_service` — each service given, by whom and when (P6);
5. the overview reminds of cards about to expire and of birthdays and festivals.

Only operators with Permission.VIEW_VIP see the archive (rule G3); other tabs show
just the card badge (`card_status_for_household`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import false, func, or_, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wuye_desk import settings
from wuye_desk.domain import phones, search_text, units
from wuye_desk.domain.errors import NotFound, ValidationError
from wuye_desk.domain.operators import Permission
from wuye_desk.domain.privacy import mask_phone
from wuye_desk.domain.text import shown, squeeze
from wuye_desk.domain.vip import (
    EXPIRED,
    MAX_NAME,
    Birthday,
    BirthdayReminder,
    CardStatus,
    Person,
    RevokeReason,
    ServiceKind,
    VipLevel,
    badge,
    card_number,
    check_aid_amount,
    check_prefix,
    clean_text,
    next_sequence,
    parse_birthday,
    read_card_number,
    shown_status,
    upcoming_birthdays,
    upcoming_greetings,
    valid_until,
    yuan_text,
)
from wuye_desk.services import office_settings
from wuye_desk.services.desk import Desk
from wuye_desk.services.overview import OverviewLine
from wuye_desk.services.paging import ListQuery, ListRow, Tone
from wuye_desk.store import search_index
from wuye_desk.store.models import Household, Member, Operator, VipCard, VipCustomer, VipFamilyMember, VipService

MAX_FAMILY = 20
NEW, RENEWAL, REPLACEMENT = "新发", "换发", "补发"


# --- input ----------------------------------------------------------------------------

@dataclass
class FamilyInput:
    name: str = ""
    relation: str = ""
    birthday_kind: str = "公历"   # 公历 / 农历
    birthday: str = ""            # "1962-08-15", "08-15", "八月十五"
    note: str = ""


@dataclass
class VipInput:
    """The application and the archive, as typed (rules P1, P3)."""

    household_id: int | None = None
    unit: str = ""                 # when no household was picked: a unit to look up
    name: str = ""
    phone: str = ""
    level: str = ""
    birthday_kind: str = "公历"
    birthday: str = ""
    preferences: str = ""
    assistant: str = ""
    qualification: str = ""        # why the office selected the customer (P3)
    applied_on: date | str | None = None
    approved_by: str = ""
    approved_on: date | str | None = None
    note: str = ""
    family: list[FamilyInput] = field(default_factory=list)


def _date(value: date | str | None, field_name: str, today: date) -> date:
    if value is None or (isinstance(value, str) and not value.strip()):
        return today
    if isinstance(value, str):
        typed = value
        try:
            value = date.fromisoformat(squeeze(typed))
        except ValueError:
            raise ValidationError(f"{field_name}“{shown(typed)}”应为日期，如2026-11-18",
                                  field=field_name) from None
    if value > today:
        raise ValidationError(f"{field_name}不能晚于今天", field=field_name)
    if value.year < 2000:
        raise ValidationError(f"{field_name}{value}太早，请核对", field=field_name)
    return value


def _name(value: str, field_name: str, rule: str | None = None) -> str:
    return clean_text(value, field_name, required=True, max_length=MAX_NAME, rule=rule)


def _clean_family(items: list[FamilyInput], today: date) -> list[tuple[str, str, str, str]]:
    if len(items) > MAX_FAMILY:
        raise ValidationError(f"家庭成员最多{MAX_FAMILY}人", field="家庭成员")
    out = []
    for i, f in enumerate(items, 1):
        if not squeeze(f.name or "") and not squeeze(f.birthday or "") \
                and not squeeze(f.relation or ""):
            continue
        label = f"第{i}位家庭成员"
        name = _name(f.name, "家属姓名")
        relation = clean_text(f.relation, "与VIP关系", required=True, max_length=20)
        try:
            born = parse_birthday(f.birthday_kind, f.birthday, field="家属生日", today=today)
        except ValidationError as exc:
            raise ValidationError(f"{label}（{name}）：{exc.message}", field="家属生日",
                                  rule=exc.rule) from None
        out.append((name, relation, born.stored() if born else "",
                    clean_text(f.note, "家属备注")))
    return out


@dataclass(frozen=True)
class CleanVip:
    name: str
    phone: str
    level: VipLevel
    birthday: str
    preferences: str
    assistant: str
    qualification: str
    applied_on: date
    approved_by: str
    approved_on: date
    note: str
    family: list[tuple[str, str, str, str]]


def clean(data: VipInput, today: date) -> CleanVip:
    """Check an application against rules P1, P3, P6; ValidationError naming the field."""
    name = _name(data.name, "姓名", "P1")
    level = VipLevel.parse(data.level)
    phone = phones.normalize_phone(data.phone, field="电话") if squeeze(data.phone or "") else ""
    born = parse_birthday(data.birthday_kind, data.birthday, field="生日", today=today)
    applied = _date(data.applied_on, "申请日期", today)
    approved_by = _name(data.approved_by, "批准人", "P3")
    approved = _date(data.approved_on, "批准日期", today)
    if approved < applied:
        raise ValidationError("批准日期不能早于申请日期（规则P3）", field="批准日期", rule="P3")
    return CleanVip(
        name=name, phone=phone, level=level, birthday=born.stored() if born else "",
        preferences=clean_text(data.preferences, "喜好与习惯", max_length=500),
        assistant=clean_text(data.assistant, "客户助理", max_length=MAX_NAME),
        qualification=clean_text(data.qualification, "入选理由", required=True, rule="P3"),
        applied_on=applied, approved_by=approved_by, approved_on=approved,
        note=clean_text(data.note, "备注", max_length=500),
        family=_clean_family(data.family, today))


def _household(session: Session, data: VipInput) -> Household:
    """The household of the archive the VIP belongs to (rules P1, P3)."""
    if data.household_id is not None:
        row = session.get(Household, data.household_id)
        if row is None:
            raise ValidationError("档案中没有这户，请重新选择房号（规则P1）", field="房号",
                                  rule="P1")
        return row
    if not squeeze(data.unit or ""):
        raise ValidationError("请选择VIP所在的房号（规则P1）", field="房号", rule="P1")
    unit = units.parse_unit(data.unit, field="房号")
    found = session.scalar(select(Household).where(Household.unit_code == unit.code))
    if found is None:
        raise ValidationError(f"档案中没有{unit.display}这户，VIP须是档案中的业户（规则P1）",
                              field="房号", rule="P1")
    return found


def _search(vip: VipCustomer, unit: units.Unit, numbers: list[str]) -> str:
    return search_text.build(vip.name, vip.phone, unit.display, unit.code, *numbers,
                             vip.assistant, names=(vip.name,))


def _apply_family(vip: VipCustomer, family: list[tuple[str, str, str, str]]) -> None:
    for i, (name, relation, born, note) in enumerate(family):
        if i < len(vip.family):
            target = vip.family[i]
        else:
            target = VipFamilyMember(position=i, name=name)
            vip.family.append(target)
        target.position, target.name, target.relation = i, name, relation
        target.birthday, target.note = born, note
    del vip.family[len(family):]


# --- the archive and the application (rules P1, P3) --------------------------------------

def apply(desk: Desk, data: VipInput) -> int:
    """Record the written application, approved, for a person of the archive (P1, P3)."""
    desk.require(Permission.MANAGE_VIP)
    today = desk.now().date()
    c = clean(data, today)
    with desk.write(f"VIP申请 {c.name}") as session:
        household = _household(session, data)
        unit = units.parse_unit(household.unit_code)
        members = {m.name: m for m in household.members}
        if c.name not in members:                                        # rule P3
            listed = "、".join(members) or "（档案中没有登记成员）"
            raise ValidationError(
                f"{c.name}不是{unit.display}档案中的成员（成员：{listed}）；"
                f"请先在业户档案中登记（规则P1、P3）", field="姓名", rule="P3")
        if session.scalar(select(VipCustomer.id).where(VipCustomer.household_id == household.id,
                                                       VipCustomer.name == c.name)):
            raise ValidationError(f"{unit.display} {c.name}已有VIP档案，请打开它办理",
                                  field="姓名", rule="P3")
        vip = VipCustomer(
            household_id=household.id, unit_sort=unit.sort_key, name=c.name,
            phone=c.phone or members[c.name].phone, level=c.level.digit, birthday=c.birthday,
            preferences=c.preferences, assistant=c.assistant or desk.operator.name,
            applied_on=c.applied_on, qualification=c.qualification,
            approved_by=c.approved_by, approved_on=c.approved_on, card_number="",
            card_status="", card_valid_to=None, note=c.note, search_text="")
        vip.search_text = _search(vip, unit, [])
        _apply_family(vip, c.family)
        session.add(vip)
        session.flush()
        return vip.id


def update_archive(desk: Desk, vip_id: int, version: int, data: VipInput) -> None:
    """Keep the archive current (rule P1): phone, birthday, family, preferences, assistant.
    The person, the level and the approval stay as applied; the level changes with a
    renewed card."""
    desk.require(Permission.MANAGE_VIP)
    today = desk.now().date()
    with desk.write("修改VIP档案") as session:
        vip = _vip(session, vip_id)
        if vip.version != version:
            from wuye_desk.domain.errors import ConflictError

            raise ConflictError("这份VIP档案已被其他工作站修改，请刷新后再保存。")
        data.name = data.name or vip.name
        data.level = data.level or VipLevel.of_digit(vip.level).value
        data.approved_by = data.approved_by or vip.approved_by
        data.qualification = data.qualification or vip.qualification
        data.applied_on = data.applied_on or vip.applied_on
        data.approved_on = data.approved_on or vip.approved_on
        c = clean(data, today)
        session.info["action"] = f"修改VIP档案 {vip.name}"
        vip.phone = c.phone or vip.phone
        vip.birthday = c.birthday
        vip.preferences = c.preferences
        vip.assistant = c.assistant or vip.assistant
        vip.note = c.note
        _apply_family(vip, c.family)
        household = session.get(Household, vip.household_id)
        assert household is not None
        vip.search_text = _search(vip, units.parse_unit(household.unit_code),
                                  _numbers(session, vip.id))


def _vip(session: Session, vip_id: int) -> VipCustomer:
    vip = session.get(VipCustomer, vip_id)
    if vip is None:
        raise NotFound("找不到这位VIP客户的档案")
    return vip


def _numbers(session: Session, vip_id: int) -> list[str]:
    return list(session.scalars(select(VipCard.number).where(VipCard.vip_id == vip_id)
                                .order_by(VipCard.id)))


# --- cards (rules P2, P4, P5) ----------------------------------------------------------------

@dataclass(frozen=True)
class CardIssued:
    vip_id: int
    number: str
    valid_to: date
    voided: str = ""      # the number this card replaces, if any


def _current(session: Session, vip: VipCustomer) -> VipCard | None:
    return session.scalar(select(VipCard).where(VipCard.vip_id == vip.id)
                          .order_by(VipCard.id.desc()).limit(1))


def _new_card(desk: Desk, session: Session, vip: VipCustomer, level: VipLevel, reason: str,
              valid_to: date, checked_by: str = "", replaces: VipCard | None = None) -> VipCard:
    """A card with the next number of its level (rule P2): one past the highest ever
    issued under this prefix — never a number used before."""
    prefix = check_prefix(office_settings.get(desk, settings.VIP_CARD_PREFIX))
    used = session.scalars(select(func.max(VipCard.sequence))
                           .where(VipCard.prefix == prefix, VipCard.level == level.digit))
    sequence = next_sequence([s for s in used if s is not None], level)
    today = desk.now().date()
    card = VipCard(vip_id=vip.id, number=card_number(prefix, level, sequence), prefix=prefix,
                   level=level.digit, sequence=sequence, issued_on=today, valid_to=valid_to,
                   reason=reason, checked_by=checked_by, status=CardStatus.VALID.value,
                   end_reason="", end_note="", replaces_id=replaces.id if replaces else None)
    session.add(card)
    vip.level = level.digit
    vip.card_number = card.number
    vip.card_status = CardStatus.VALID.value
    vip.card_valid_to = valid_to
    household = session.get(Household, vip.household_id)
    assert household is not None
    try:
        session.flush()
    except IntegrityError:  # another desk took the number a moment ago
        raise ValidationError("卡号刚被其他工作站使用，请再办理一次（规则P2）", field="卡号",
                              rule="P2") from None
    vip.search_text = _search(vip, units.parse_unit(household.unit_code),
                              _numbers(session, vip.id))
    return card


def _end(desk: Desk, card: VipCard, status: CardStatus, reason: str = "", note: str = "") -> None:
    card.status = status.value
    card.ended_at = desk.now()
    card.ended_by = desk.operator.id
    card.end_reason = reason
    card.end_note = note


def issue_card(desk: Desk, vip_id: int) -> CardIssued:
    """The first card of an approved application (rules P2, P3)."""
    desk.require(Permission.MANAGE_VIP)
    today = desk.now().date()
    with desk.write("发放VIP卡") as session:
        vip = _vip(session, vip_id)
        current = _current(session, vip)
        if current is not None:
            status = shown_status(current.status, current.valid_to, today)
            if status == CardStatus.VALID.value:
                raise ValidationError(
                    f"{vip.name}已有有效的VIP卡{current.number}，一人只能持一张有效卡（规则P4）",
                    field="卡号", rule="P4")
            if status == CardStatus.REVOKED.value:
                raise ValidationError(
                    f"{vip.name}的VIP资格已撤销（{current.end_reason}），不能再发卡（规则P5）",
                    field="卡号", rule="P5")
            raise ValidationError(f"{vip.name}的卡{current.number}{status}：到期请办理换发"
                                  f"（重新审核资格），丢失请办理补发（规则P4）",
                                  field="卡号", rule="P4")
        level = VipLevel.of_digit(vip.level)
        card = _new_card(desk, session, vip, level, NEW, valid_until(today))
        session.info["action"] = f"发放VIP卡 {card.number} {vip.name}"
        return CardIssued(vip.id, card.number, card.valid_to)


def _live_card(session: Session, vip: VipCustomer, doing: str) -> VipCard:
    card = _current(session, vip)
    if card is None:
        raise ValidationError(f"{vip.name}还没有VIP卡，请先发卡", field="卡号", rule="P3")
    if card.status == CardStatus.REVOKED.value:
        raise ValidationError(f"{vip.name}的卡{card.number}已撤销（{card.end_reason}），"
                              f"不能{doing}（规则P5）", field="卡号", rule="P5")
    return card


def renew_card(desk: Desk, vip_id: int, checked_by: str, level: str = "",
               note: str = "") -> CardIssued:
    """A new card when the old one expires, after the qualification is checked again
    (rule P4). Allowed from the expiry warning on; the level may change."""
    desk.require(Permission.MANAGE_VIP)
    checker = _name(checked_by, "资格复核人", "P4")
    today = desk.now().date()
    warn = office_settings.get(desk, settings.VIP_EXPIRY_WARNING_DAYS)
    with desk.write("换发VIP卡") as session:
        vip = _vip(session, vip_id)
        old = _live_card(session, vip, "换发")
        if old.valid_to - timedelta(days=warn) > today:
            raise ValidationError(
                f"卡{old.number}有效期至{old.valid_to:%Y-%m-%d}，到期前{warn}天内才能换发"
                f"（规则P4）", field="卡号", rule="P4")
        new_level = VipLevel.parse(level) if squeeze(level or "") else VipLevel.of_digit(vip.level)
        _end(desk, old, CardStatus.RENEWED, "到期换发", clean_text(note, "备注"))
        # the new card runs three years from today, or from the old one's end if that is later
        start = max(today, old.valid_to + timedelta(days=1))
        card = _new_card(desk, session, vip, new_level, RENEWAL, valid_until(start), checker, old)
        session.info["action"] = f"换发VIP卡 {old.number}→{card.number} {vip.name}"
        return CardIssued(vip.id, card.number, card.valid_to, old.number)


def replace_lost_card(desk: Desk, vip_id: int, note: str = "") -> CardIssued:
    """A lost card: a new number, the old one voided (rule P4). The replacement keeps the
    lost card's validity — losing a card does not put off the qualification check."""
    desk.require(Permission.MANAGE_VIP)
    today = desk.now().date()
    with desk.write("补发VIP卡") as session:
        vip = _vip(session, vip_id)
        old = _live_card(session, vip, "补发")
        if today > old.valid_to:
            raise ValidationError(f"卡{old.number}已于{old.valid_to:%Y-%m-%d}过期，请办理换发"
                                  f"（重新审核资格），不是补发（规则P4）", field="卡号", rule="P4")
        _end(desk, old, CardStatus.LOST, "挂失补发", clean_text(note, "备注"))
        card = _new_card(desk, session, vip, VipLevel.of_digit(old.level), REPLACEMENT,
                         old.valid_to, replaces=old)
        session.info["action"] = f"补发VIP卡 {old.number}作废→{card.number} {vip.name}"
        return CardIssued(vip.id, card.number, card.valid_to, old.number)


def revoke_card(desk: Desk, vip_id: int, reason: str, note: str = "") -> str:
    """Take the card away for malicious arrears of fees or harm to the group (rule P5)."""
    desk.require(Permission.MANAGE_VIP)
    if not squeeze(reason or ""):
        raise ValidationError(f"请选择撤销原因：{RevokeReason.allowed()}（规则P5）",
                              field="撤销原因", rule="P5")
    why = RevokeReason.parse(reason)
    detail = clean_text(note, "撤销说明", required=True, rule="P5")
    with desk.write("撤销VIP资格") as session:
        vip = _vip(session, vip_id)
        card = _live_card(session, vip, "再次撤销")
        _end(desk, card, CardStatus.REVOKED, why.value, detail)
        vip.card_status = CardStatus.REVOKED.value
        session.info["action"] = f"撤销VIP资格 {card.number} {vip.name}：{why.value}"
        return card.number


# --- services (rule P6) ---------------------------------------------------------------------

def log_service(desk: Desk, vip_id: int, kind: str, detail: str, *, amount: str | int = "",
                given_by: str = "", given_at: datetime | None = None) -> int:
    """Log one service given (rule P6); only on a valid card (P4, P5); emergency cash aid
    only within the limit in the settings."""
    desk.require(Permission.VIEW_VIP)
    service = ServiceKind.parse(kind)
    text = clean_text(detail, "服务内容", required=True, rule="P6")
    giver = clean_text(given_by, "服务人", max_length=MAX_NAME) or desk.operator.name
    now = desk.now()
    at = given_at or now
    if at > now + timedelta(minutes=5):
        raise ValidationError("服务时间不能晚于现在", field="服务时间")
    fen = 0
    if service is ServiceKind.CASH_AID:
        fen = check_aid_amount(amount, office_settings.get(desk, settings.VIP_CASH_AID_LIMIT))
    elif squeeze(str(amount or "")):
        raise ValidationError("只有紧急现金援助填写金额", field="金额", rule="P6")
    with desk.write(f"VIP服务 {service.value}") as session:
        vip = _vip(session, vip_id)
        card = _live_card(session, vip, "享受VIP服务")
        if card.valid_to < at.date():
            raise ValidationError(f"卡{card.number}已于{card.valid_to:%Y-%m-%d}过期，不能享受"
                                  f"VIP服务；请先换发新卡（规则P4）", field="卡号", rule="P4")
        row = VipService(vip_id=vip.id, card_number=card.number, kind=service.value,
                         given_at=at, given_by=giver, detail=text, amount_fen=fen)
        session.add(row)
        session.flush()
        session.info["action"] = f"VIP服务 {service.value} {vip.name}（{card.number}）"
        return row.id


# --- reading --------------------------------------------------------------------------------

@dataclass(frozen=True)
class CardView:
    id: int
    number: str
    level: str
    issued_on: date
    valid_to: date
    reason: str          # 新发 / 换发 / 补发
    checked_by: str
    status: str          # as shown: 有效 / 已过期 / 已换发 / 已挂失作废 / 已撤销
    ended_at: datetime | None
    end_reason: str
    end_note: str
    operator_name: str


@dataclass(frozen=True)
class FamilyView:
    name: str
    relation: str
    birthday: Birthday | None
    note: str
    next_birthday: date | None


@dataclass(frozen=True)
class ServiceView:
    id: int
    kind: str
    given_at: datetime
    given_by: str
    detail: str
    amount_fen: int
    card_number: str
    operator_name: str


@dataclass(frozen=True)
class VipView:
    id: int
    version: int
    household_id: int
    unit: str
    name: str
    phone: str
    level: str
    birthday: Birthday | None
    next_birthday: date | None
    preferences: str
    assistant: str
    applied_on: date
    qualification: str
    approved_by: str
    approved_on: date
    note: str
    card_number: str
    card_status: str        # as shown; "" before the first card
    card_valid_to: date | None
    family: tuple[FamilyView, ...]
    cards: tuple[CardView, ...]        # newest first
    services: tuple[ServiceView, ...]  # newest first
    segment: str | None

    @property
    def badge(self) -> str:
        return badge(self.card_number, self.card_status) if self.card_number else "VIP 待发卡"


def _operator_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(Operator.id, Operator.name)
                                .where(Operator.id.in_(wanted))).all())


SERVICE_HISTORY = 200


def get_vip(desk: Desk, vip_id: int) -> VipView:
    """A VIP's page: archive, family, card history and service history (rules P1, G3)."""
    desk.require(Permission.VIEW_VIP)
    today = desk.now().date()
    with desk.read() as session:
        vip = _vip(session, vip_id)
        household = session.get(Household, vip.household_id)
        assert household is not None
        cards = list(session.scalars(select(VipCard).where(VipCard.vip_id == vip.id)
                                     .order_by(VipCard.id.desc())))
        services = list(session.scalars(
            select(VipService).where(VipService.vip_id == vip.id)
            .order_by(VipService.given_at.desc(), VipService.id.desc()).limit(SERVICE_HISTORY)))
        names = _operator_names(session, {c.created_by for c in cards}
                                | {s.created_by for s in services})
        born = Birthday.from_stored(vip.birthday)
        family = tuple(FamilyView(f.name, f.relation, b, f.note,
                                  b.next_date(today) if b else None)
                       for f in vip.family for b in [Birthday.from_stored(f.birthday)])
        return VipView(
            vip.id, vip.version, vip.household_id, units.parse_unit(household.unit_code).display,
            vip.name, vip.phone, VipLevel.of_digit(vip.level).value, born,
            born.next_date(today) if born else None, vip.preferences, vip.assistant,
            vip.applied_on, vip.qualification, vip.approved_by, vip.approved_on, vip.note,
            vip.card_number,
            shown_status(vip.card_status, vip.card_valid_to, today) if vip.card_number else "",
            vip.card_valid_to, family,
            tuple(CardView(c.id, c.number, VipLevel.of_digit(c.level).value, c.issued_on,
                           c.valid_to, c.reason, c.checked_by,
                           shown_status(c.status, c.valid_to, today), c.ended_at, c.end_reason,
                           c.end_note, names.get(c.created_by or -1, ""))
                  for c in cards),
            tuple(ServiceView(s.id, s.kind, s.given_at, s.given_by, s.detail, s.amount_fen,
                              s.card_number, names.get(s.created_by or -1, ""))
                  for s in services),
            household.segment)


def find_card(desk: Desk, number_text: str) -> int:
    """The VIP holding (or having held) a card number."""
    desk.require(Permission.VIEW_VIP)
    number = read_card_number(number_text)
    with desk.read() as session:
        vip_id = session.scalar(select(VipCard.vip_id).where(VipCard.number == number))
    if vip_id is None:
        raise ValidationError(f"没有卡号为{number}的VIP卡", field="卡号")
    return int(vip_id)


def to_input(view: VipView) -> VipInput:
    def birthday(b: Birthday | None) -> tuple[str, str]:
        if b is None:
            return "公历", ""
        if b.kind.value == "农历":
            return b.kind.value, b.text.removeprefix("农历")   # "1960年十月初二"
        return b.kind.value, f"{b.year}-{b.month:02d}-{b.day:02d}" if b.year \
            else f"{b.month:02d}-{b.day:02d}"

    kind, born = birthday(view.birthday)
    family = []
    for f in view.family:
        fk, fb = birthday(f.birthday)
        family.append(FamilyInput(f.name, f.relation, fk, fb, f.note))
    return VipInput(household_id=view.household_id, unit=view.unit, name=view.name,
                    phone=view.phone, level=view.level, birthday_kind=kind, birthday=born,
                    preferences=view.preferences, assistant=view.assistant,
                    qualification=view.qualification, applied_on=view.applied_on,
                    approved_by=view.approved_by, approved_on=view.approved_on,
                    note=view.note, family=family)


def card_badges(desk: Desk, household_ids: list[int]) -> dict[int, str]:
    """{household id: "VIP JK2001 有效"} for the households with a VIP card — what the
    complaint, mail and key registers show beside a customer. No VIEW_VIP needed: it
    tells only the card's number and state, which the desk needs for priority service."""
    if not household_ids:
        return {}
    today = desk.now().date()
    out: dict[int, list[str]] = {}
    with desk.read() as session:
        rows = session.execute(
            select(VipCustomer.household_id, VipCustomer.card_number, VipCustomer.card_status,
                   VipCustomer.card_valid_to)
            .where(VipCustomer.household_id.in_(household_ids), VipCustomer.card_number != "")
            .order_by(VipCustomer.household_id, VipCustomer.id)).all()
    for r in rows:
        out.setdefault(r.household_id, []).append(
            badge(r.card_number, shown_status(r.card_status, r.card_valid_to, today)))
    return {k: "；".join(v) for k, v in out.items()}


def card_status_for_household(desk: Desk, household_id: int) -> str:
    """"VIP JK1003 有效" / "VIP JK1003 已过期" / "VIP JK1003 已撤销"; "" when none."""
    return card_badges(desk, [household_id]).get(household_id, "")


# --- the list -------------------------------------------------------------------------------

LIST_HEADERS = ("卡号", "级别", "姓名", "房号", "卡状态", "有效期至", "电话", "客户助理")
STATUS_FILTERS = ("有效", "即将到期", EXPIRED, "已撤销", "待发卡")


@dataclass
class VipFilter:
    status: str = ""          # one of STATUS_FILTERS
    level: str = ""
    text: str = ""


_LIST_COLUMNS = (VipCustomer.id, VipCustomer.card_number, VipCustomer.level, VipCustomer.name,
                 Household.unit_code, VipCustomer.card_status, VipCustomer.card_valid_to,
                 VipCustomer.phone, VipCustomer.assistant)


def _row_tone(status: str, valid_to: date | None, today: date, warn: int) -> Tone:
    if status in (EXPIRED, CardStatus.REVOKED.value):
        return Tone.DONE if status == CardStatus.REVOKED.value else Tone.OVERDUE
    if not status:
        return Tone.WARNING
    if valid_to is not None and valid_to - timedelta(days=warn) <= today:
        return Tone.DUE
    return Tone.NORMAL


def list_query(desk: Desk, f: VipFilter | None = None) -> ListQuery:
    """The VIPs by unit, with their card's state, a page at a time (rule G3: VIEW_VIP)."""
    desk.require(Permission.VIEW_VIP)
    f = f or VipFilter()
    today = desk.now().date()
    warn = office_settings.get(desk, settings.VIP_EXPIRY_WARNING_DAYS)
    where: list[Any] = []
    valid = VipCustomer.card_status == CardStatus.VALID.value
    if f.status == "有效":
        where += [valid, VipCustomer.card_valid_to >= today]
    elif f.status == "即将到期":
        where += [valid, VipCustomer.card_valid_to >= today,
                  VipCustomer.card_valid_to <= today + timedelta(days=warn)]
    elif f.status == EXPIRED:
        where += [valid, VipCustomer.card_valid_to < today]
    elif f.status == "已撤销":
        where.append(VipCustomer.card_status == CardStatus.REVOKED.value)
    elif f.status == "待发卡":
        where.append(VipCustomer.card_number == "")
    elif f.status:
        raise ValidationError(f"卡状态只能是：{'、'.join(STATUS_FILTERS)}", field="卡状态")
    if squeeze(f.level or ""):
        where.append(VipCustomer.level == VipLevel.parse(f.level).digit)
    if squeeze(f.text or ""):
        where.append(search_index.matches(VipCustomer.id, VipCustomer.search_text, "vip_customer",
                                          f.text, sqlite=desk.db.is_sqlite))

    def to_row(r: Row[Any]) -> ListRow:
        status = shown_status(r.card_status, r.card_valid_to, today) if r.card_number else ""
        return ListRow(r.id, (
            r.card_number or "—", VipLevel.of_digit(r.level).value, r.name,
            units.parse_unit(r.unit_code).display, status or "待发卡",
            f"{r.card_valid_to:%Y-%m-%d}" if r.card_valid_to else "", mask_phone(r.phone),
            r.assistant), _row_tone(status, r.card_valid_to, today, warn))

    stmt = select(*_LIST_COLUMNS).join(Household, Household.id == VipCustomer.household_id)
    return ListQuery(desk, LIST_HEADERS, stmt, [VipCustomer.unit_sort, VipCustomer.id], to_row,
                     where=where)


def nothing_query(desk: Desk) -> ListQuery:
    """An empty list with the register's columns: what a locked tab shows (rule G3)."""
    return ListQuery(desk, LIST_HEADERS, select(*_LIST_COLUMNS).join(
        Household, Household.id == VipCustomer.household_id),
        [VipCustomer.unit_sort, VipCustomer.id], lambda r: ListRow(r.id, ()), where=[false()])


# --- reminders (rules P4, P6) ---------------------------------------------------------------

@dataclass(frozen=True)
class ExpiringCard:
    vip_id: int
    name: str
    unit: str
    number: str
    valid_to: date

    def text(self, today: date) -> str:
        days = (self.valid_to - today).days
        if days < 0:
            return (f"VIP卡{self.number}（{self.unit} {self.name}）已于{self.valid_to:%Y-%m-%d}"
                    f"过期作废，请重新审核资格后换发新卡（规则P4）")
        when = "今天到期" if days == 0 else f"还有{days}天到期（{self.valid_to:%Y-%m-%d}）"
        return f"VIP卡{self.number}（{self.unit} {self.name}）{when}，请审核资格、准备换发（规则P4）"


def expiring_cards(desk: Desk, within_days: int, expired_since_days: int = 0,
                   limit: int = 500) -> list[ExpiringCard]:
    """Valid cards that end within `within_days` (and those that ended in the last
    `expired_since_days` without a renewal), soonest first."""
    today = desk.now().date()
    with desk.read() as session:
        rows = session.execute(
            select(VipCustomer.id, VipCustomer.name, Household.unit_code,
                   VipCustomer.card_number, VipCustomer.card_valid_to)
            .join(Household, Household.id == VipCustomer.household_id)
            .where(VipCustomer.card_status == CardStatus.VALID.value,
                   VipCustomer.card_valid_to >= today - timedelta(days=expired_since_days),
                   VipCustomer.card_valid_to <= today + timedelta(days=within_days))
            .order_by(VipCustomer.card_valid_to, VipCustomer.id).limit(limit)).all()
    return [ExpiringCard(r.id, r.name, units.parse_unit(r.unit_code).display, r.card_number,
                         r.card_valid_to) for r in rows]


def people_to_greet(desk: Desk) -> list[Person]:
    """The VIPs with a valid card and their family, with birthdays (rule P6)."""
    today = desk.now().date()
    with desk.read() as session:
        vips = session.execute(
            select(VipCustomer.id, VipCustomer.name, VipCustomer.card_number,
                   VipCustomer.birthday)
            .where(VipCustomer.card_status == CardStatus.VALID.value,
                   VipCustomer.card_valid_to >= today)).all()
        ids = [v.id for v in vips]
        family = session.execute(
            select(VipFamilyMember.vip_id, VipFamilyMember.name, VipFamilyMember.relation,
                   VipFamilyMember.birthday)
            .where(VipFamilyMember.vip_id.in_(ids), VipFamilyMember.birthday != "")
            .order_by(VipFamilyMember.vip_id, VipFamilyMember.position)).all() if ids else []
    by_id = {v.id: v for v in vips}
    people = []
    for v in vips:
        born = Birthday.from_stored(v.birthday)
        if born:
            people.append(Person(v.id, v.name, v.card_number, v.name, "", born))
    for f in family:
        born = Birthday.from_stored(f.birthday)
        v = by_id[f.vip_id]
        if born:
            people.append(Person(v.id, v.name, v.card_number, f.name, f.relation, born))
    return people


@dataclass(frozen=True)
class Greetings:
    birthdays: list[BirthdayReminder]
    festivals: list[tuple[date, str]]
    vip_count: int


def greetings(desk: Desk, days: int | None = None) -> Greetings:
    """Birthdays (lunar ones on this year's solar date) and festivals in the coming days."""
    today = desk.now().date()
    if days is None:
        days = office_settings.get(desk, settings.VIP_GREETING_DAYS)
    if not 0 <= days <= 366:
        raise ValidationError("提醒天数应在0到366之间", field="天数")
    people = people_to_greet(desk)
    vips = len({p.vip_id for p in people}) if people else count_valid(desk)
    return Greetings(upcoming_birthdays(people, today, days), upcoming_greetings(today, days),
                     vips)


def count_valid(desk: Desk) -> int:
    today = desk.now().date()
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(VipCustomer).where(
            VipCustomer.card_status == CardStatus.VALID.value,
            VipCustomer.card_valid_to >= today)) or 0)


OVERVIEW_LIMIT = 30
EXPIRED_SHOWN_DAYS = 90


def overview_lines(desk: Desk) -> list[OverviewLine]:
    """Cards expiring soon or lately expired (P4); birthdays and festivals to greet (P6)."""
    now = desk.now()
    today = now.date()
    warn = office_settings.get(desk, settings.VIP_EXPIRY_WARNING_DAYS)
    lines: list[OverviewLine] = []
    for c in expiring_cards(desk, warn, EXPIRED_SHOWN_DAYS, limit=OVERVIEW_LIMIT):
        tone = Tone.OVERDUE if c.valid_to < today else Tone.DUE
        lines.append(OverviewLine("VIP", tone, datetime.combine(c.valid_to, datetime.min.time()),
                                  c.text(today), tab="vip", record_id=c.vip_id))
    g = greetings(desk)
    for b in g.birthdays[:OVERVIEW_LIMIT]:
        lines.append(OverviewLine("VIP", Tone.DUE if b.on == today else Tone.NORMAL,
                                  datetime.combine(b.on, datetime.min.time()), b.text,
                                  tab="vip", record_id=b.person.vip_id))
    if g.vip_count:
        for on, name in g.festivals:
            lines.append(OverviewLine(
                "VIP", Tone.DUE if on == today else Tone.NORMAL,
                datetime.combine(on, datetime.min.time()),
                f"{on:%m月%d日} {name}：向{g.vip_count}位VIP客户及家属致以节日问候（亲情服务，规则P6）",
                tab="vip"))
    return lines


def aid_total(desk: Desk, vip_id: int) -> str:
    with desk.read() as session:
        fen = session.scalar(select(func.coalesce(func.sum(VipService.amount_fen), 0)).where(
            VipService.vip_id == vip_id, VipService.kind == ServiceKind.CASH_AID.value))
    return yuan_text(int(fen or 0))


def holders(desk: Desk, text: str, limit: int = 20) -> list[tuple[int, str]]:
    """VIPs matching a name, unit or card number: (id, label) for a picker."""
    desk.require(Permission.VIEW_VIP)
    words = squeeze(text or "")
    if not words:
        return []
    cond = or_(VipCustomer.card_number == words.upper(),
               search_index.matches(VipCustomer.id, VipCustomer.search_text, "vip_customer",
                                    text, sqlite=desk.db.is_sqlite))
    with desk.read() as session:
        rows = session.execute(select(VipCustomer.id, VipCustomer.name, VipCustomer.card_number,
                                      Household.unit_code)
                               .join(Household, Household.id == VipCustomer.household_id)
                               .where(cond).order_by(VipCustomer.unit_sort).limit(limit)).all()
    return [(r.id, f"{r.card_number or '待发卡'} {r.name} {units.parse_unit(r.unit_code).display}")
            for r in rows]


def member_names(desk: Desk, household_id: int) -> list[tuple[str, str]]:
    """(name, phone) of a household's members, for the application form."""
    with desk.read() as session:
        return [(m.name, m.phone) for m in session.scalars(
            select(Member).where(Member.household_id == household_id).order_by(Member.position))]


def daily_job(desk: Desk) -> str:
    """At start-up and each new day: a status-bar line of today's VIP reminders (P4, P6)."""
    today = desk.now().date()
    warn = office_settings.get(desk, settings.VIP_EXPIRY_WARNING_DAYS)
    parts = []
    birthdays = [b for b in greetings(desk, 0).birthdays if b.on == today]
    if birthdays:
        parts.append(f"今天{len(birthdays)}位VIP客户或家属生日")
    festivals = [name for on, name in upcoming_greetings(today, 0)]
    if festivals and count_valid(desk):
        parts.append(f"今天是{'、'.join(festivals)}，请安排VIP节日问候")
    expiring = expiring_cards(desk, warn)
    if expiring:
        parts.append(f"{len(expiring)}张VIP卡{warn}天内到期")
    return "；".join(parts) + "（详见总览）" if parts else ""
