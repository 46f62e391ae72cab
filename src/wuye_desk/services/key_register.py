"""The key cabinet's registers (rules R2, K2, K3, K8): the custody list (顾客钥匙清单 /
委托登记) and the lendings (借用钥匙登记表).

The custody list comes back (an office moving its paper list onto the desk): each
row checked as the keeper's take-in checks it, a masked ID kept as it is (rule
G3), one 收存 event per key saying it was imported (G4). A key out on loan cannot be
imported (the loan needs its approving manager, K3). The lendings are export-only:
a loan means nothing without the key and the manager it points at; an import is
refused with a message saying so (`export_only`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from wuye_desk.domain import ids, phones, search_text, units
from wuye_desk.domain.errors import FileRejected, RowProblem, ValidationError
from wuye_desk.domain.keys import KeyKind, KeyStatus, key_count, parse_slot
from wuye_desk.domain.privacy import mask_id
from wuye_desk.domain.visitors import MAX_NAME, clean_text
from wuye_desk.exports.xlsx import SheetRow, cell_text
from wuye_desk.services import keys
from wuye_desk.services.desk import Desk
from wuye_desk.services.register_cells import masked_or, read_datetime, unit_display, yes
from wuye_desk.services.registers import Importer, Register, RegisterColumn, bounds, per_row
from wuye_desk.store.models import CabinetKey, Household, KeyEmergency, KeyLoan, LockChange

BATCH = 1000


def export_only(title: str, why: str) -> Importer[None]:
    """An importer that refuses every file with a Chinese reason (nothing is written)."""

    def check(desk: Desk, rows: list[SheetRow]) -> None:
        raise ValidationError(f"{title}只能导出，不能从 Excel 导入：{why}", field="登记表")

    def save(desk: Desk, value: None, action: str) -> int:
        return 0

    return Importer(check, save)


# --- custody: every key held at some time in the period -------------------------------

CUSTODY_COLUMNS = (
    RegisterColumn("柜位", 7), RegisterColumn("房号/标签", 14), RegisterColumn("钥匙类别", 11),
    RegisterColumn("把数", 5, "int"), RegisterColumn("状态", 8),
    RegisterColumn("委托时间", 16, "datetime"), RegisterColumn("委托人", 8),
    RegisterColumn("证件类型", 10), RegisterColumn("证件号码", 20, "masked_id"),
    RegisterColumn("委托人电话", 13, "masked_phone"), RegisterColumn("验证人", 8),
    RegisterColumn("保管人", 8), RegisterColumn("钥匙状况", 12),
    RegisterColumn("业主同意（返修钥匙使用）", 16), RegisterColumn("复制许可", 12),
    RegisterColumn("保管结束", 16, "datetime"),
)


def _custody_where(start: date, end: date) -> tuple[Any, ...]:
    lo, hi = bounds(start, end)
    return (CabinetKey.entrusted_at < hi,
            or_(CabinetKey.ended_at.is_(None), CabinetKey.ended_at >= lo))


def custody_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    """Keys entrusted by the end of the period and not given back before it began,
    in the order they were taken in."""
    after: tuple[datetime, int] | None = None
    while True:
        query = select(CabinetKey).where(*_custody_where(start, end))
        if after is not None:
            query = query.where((CabinetKey.entrusted_at > after[0])
                                | ((CabinetKey.entrusted_at == after[0])
                                   & (CabinetKey.id > after[1])))
        query = query.order_by(CabinetKey.entrusted_at, CabinetKey.id).limit(BATCH)
        with desk.read() as session:
            batch = list(session.scalars(query))
            rows = [(k.slot, unit_display(k.unit_code) or k.tag, k.kind, k.key_count, k.status,
                     k.entrusted_at, k.depositor_name, k.depositor_id_type,
                     k.depositor_id_number, k.depositor_phone, k.id_checked_by, k.keeper,
                     k.condition, k.owner_consent, k.copy_permission, k.ended_at)
                    for k in batch]
        if not batch:
            return
        yield from rows
        after = (batch[-1].entrusted_at, batch[-1].id)
        if len(batch) < BATCH:
            return


def custody_count(desk: Desk, start: date, end: date) -> int:
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(CabinetKey).where(
            *_custody_where(start, end))) or 0)


HELD = (KeyStatus.IN_CABINET.value, KeyStatus.MISSING.value)
ENDED = (KeyStatus.RETURNED_TO_OWNER.value, KeyStatus.RETIRED.value)


def parse_custody(desk: Desk, v: dict[str, Any]) -> dict[str, Any]:
    """One row of the 顾客钥匙清单 → the columns of a CabinetKey, checked (rules K1, K2)."""
    now = desk.now()
    slot = parse_slot(cell_text(v.get("柜位")), keys.labels(desk), field="柜位")
    status = KeyStatus.parse(cell_text(v.get("状态")), field="状态")
    if status is KeyStatus.LENT:                                             # rule K3
        raise ValidationError("钥匙正借出，不能导入；请归还后再导出（借用须经管理处经理批准，规则K3）",
                              field="状态")
    kind = KeyKind.parse(cell_text(v.get("钥匙类别")), field="钥匙类别")
    count = key_count(cell_text(v.get("把数")) or "1", field="把数")
    entrusted = read_datetime(v.get("委托时间"), "委托时间", required=True)
    assert entrusted is not None
    ended = read_datetime(v.get("保管结束"), "保管结束", required=False)
    if entrusted > now or (ended is not None and ended > now):
        raise ValidationError("时间在将来", field="委托时间")
    if ended is not None and ended < entrusted:
        raise ValidationError("保管结束早于委托时间", field="保管结束")
    if (status.value in ENDED) != (ended is not None):
        raise ValidationError(f"状态为{status.value}，" + ("应有保管结束时间" if ended is None
                                                          else "不应有保管结束时间"),
                              field="保管结束")
    place = cell_text(v.get("房号/标签"))
    try:
        unit: units.Unit | None = units.parse_unit(place, field="房号/标签")
    except ValidationError:
        unit = None
    tag = "" if unit else clean_text(place, "房号/标签")
    if unit is None and kind is not KeyKind.PUBLIC:
        raise ValidationError(f"“{place}”不是房号；{kind.value}须写房号（规则K1）", field="房号/标签")
    if unit is None and not tag:
        raise ValidationError("公共区域钥匙请写明区域，如 配电房（规则K1）", field="房号/标签")
    name = clean_text(cell_text(v.get("委托人")), "委托人", max_length=MAX_NAME)
    id_type = number = phone = ""
    if kind is not KeyKind.PUBLIC:                                           # rule K2
        if not name:
            raise ValidationError("请填写委托人（规则K2）", field="委托人")
        id_type = ids.id_type_of_label(cell_text(v.get("证件类型")) or "居民身份证").value
        number, _ = masked_or(v.get("证件号码"), "证件号码", lambda t: ids.validate_id(
            id_type, t, field="证件号码", today=entrusted.date()))
        phone, _ = masked_or(v.get("委托人电话"), "委托人电话",
                              lambda t: phones.normalize_phone(t, field="委托人电话"))
    return {
        "slot": slot, "held_slot": slot if status.value in HELD else None, "kind": kind.value,
        "status": status.value, "unit_code": unit.code if unit else None, "key_count": count,
        "tag": tag, "condition": clean_text(cell_text(v.get("钥匙状况")), "钥匙状况",
                                            required=True, rule="K2"),
        "entrusted_at": entrusted, "depositor_name": name, "depositor_id_type": id_type,
        "depositor_id_number": number, "depositor_phone": phone,
        "id_checked_by": clean_text(cell_text(v.get("验证人")), "验证人", max_length=MAX_NAME),
        "keeper": clean_text(cell_text(v.get("保管人")), "保管人", max_length=MAX_NAME),
        "owner_consent": clean_text(cell_text(v.get("业主同意（返修钥匙使用）")), "业主同意",
                                    max_length=200),
        "copy_permission": clean_text(cell_text(v.get("复制许可")), "复制许可", max_length=200),
        "ended_at": ended,
    }


def check_custody(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    values = per_row(parse_custody)(desk, rows)
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for row, value in zip(rows, values, strict=True):
        slot = value["held_slot"]
        if slot is None:
            continue
        if slot in seen:
            problems.append(RowProblem(row.number, f"柜位{slot}与第{seen[slot]}行重复（一格一把，规则K2）"))
        seen.setdefault(slot, row.number)
    with desk.read() as session:
        taken = set(session.scalars(select(CabinetKey.held_slot).where(
            CabinetKey.held_slot.in_(list(seen)))))
    problems += [RowProblem(seen[s], f"柜位{s}已有钥匙") for s in seen if s in taken]
    if problems:
        problems.sort(key=lambda p: p.row)
        raise FileRejected(f"有 {len(problems)} 行有问题，整个文件未导入：", problems)
    return values


def save_custody(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    with desk.write(action) as session:
        codes = sorted({v["unit_code"] for v in values if v["unit_code"]})
        homes: dict[str, int] = {}
        for i in range(0, len(codes), 500):
            homes.update(session.execute(select(Household.unit_code, Household.id).where(
                Household.unit_code.in_(codes[i:i + 500]))).all())
        for v in values:
            shown = unit_display(v["unit_code"])
            row = CabinetKey(**v, household_id=homes.get(v["unit_code"] or ""),
                             search_text=search_text.build(
                                 v["slot"], shown, v["unit_code"] or "", v["depositor_name"],
                                 v["tag"], names=(v["depositor_name"],)))
            session.add(row)
            session.flush()
            who = (f"，委托人{v['depositor_name']}（{v['depositor_id_type']} "
                   f"{mask_id(v['depositor_id_number'])}）" if v["depositor_name"] else "")
            keys._event(session, desk, row.id, keys.EventKind.TAKEN_IN,
                        f"{action}：{shown or v['tag']} {v['kind']} {v['key_count']}把，"
                        f"格位{v['slot']}，{v['status']}{who}")
    return len(values)


CUSTODY = Register(
    name="key-custody", title="顾客钥匙清单", columns=CUSTODY_COLUMNS, rows=custody_rows,
    count=custody_count, area="钥匙柜", importer=Importer(check_custody, save_custody))


# --- lendings (rule K3) -----------------------------------------------------------------

LOAN_COLUMNS = (
    RegisterColumn("借出时间", 16, "datetime"), RegisterColumn("柜位", 7),
    RegisterColumn("房号/标签", 14), RegisterColumn("钥匙类别", 11),
    RegisterColumn("借用人", 8), RegisterColumn("借用人类别", 8), RegisterColumn("单位", 12),
    RegisterColumn("证件类型", 10), RegisterColumn("证件号码", 20, "masked_id"),
    RegisterColumn("借用人电话", 13, "masked_phone"), RegisterColumn("借用事由", 14),
    RegisterColumn("批准人", 8), RegisterColumn("应还时间", 16, "datetime"),
    RegisterColumn("归还时间", 16, "datetime"), RegisterColumn("接收人", 8),
    RegisterColumn("归还状况", 10), RegisterColumn("逾期", 5),
)


def loan_overdue(returned_late: bool, returned_at: datetime | None, deadline: datetime,
                 now: datetime) -> bool:
    """Returned late, or still out past its deadline (rules K3, K8)."""
    return bool(returned_late) or (returned_at is None and deadline < now)


def loan_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    lo, hi = bounds(start, end)
    now = desk.now()
    after: tuple[datetime, int] | None = None
    while True:
        query = (select(KeyLoan, CabinetKey.slot, CabinetKey.unit_code, CabinetKey.tag,
                        CabinetKey.kind)
                 .join(CabinetKey, CabinetKey.id == KeyLoan.key_id)
                 .where(KeyLoan.out_at >= lo, KeyLoan.out_at < hi))
        if after is not None:
            query = query.where((KeyLoan.out_at > after[0])
                                | ((KeyLoan.out_at == after[0]) & (KeyLoan.id > after[1])))
        query = query.order_by(KeyLoan.out_at, KeyLoan.id).limit(BATCH)
        with desk.read() as session:
            batch = session.execute(query).all()
            rows = [(loan.out_at, slot, unit_display(unit) or tag, kind, loan.borrower_name,
                     loan.borrower_kind, loan.borrower_company, loan.borrower_id_type,
                     loan.borrower_id_number, loan.borrower_phone, loan.purpose,
                     loan.approver_name, loan.due_at, loan.returned_at, loan.received_by,
                     loan.return_condition,
                     yes(loan_overdue(loan.returned_late, loan.returned_at, loan.deadline, now)))
                    for loan, slot, unit, tag, kind in batch]
            last = (batch[-1][0].out_at, batch[-1][0].id) if batch else None
        if last is None:
            return
        yield from rows
        after = last
        if len(batch) < BATCH:
            return


def loan_count(desk: Desk, start: date, end: date) -> int:
    lo, hi = bounds(start, end)
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(KeyLoan).where(
            KeyLoan.out_at >= lo, KeyLoan.out_at < hi)) or 0)


LENDINGS = Register(
    name="key-lendings", title="借用钥匙登记表", columns=LOAN_COLUMNS, rows=loan_rows,
    count=loan_count, area="钥匙柜",
    importer=export_only("借用钥匙登记表",
                         "每次借用都指向柜中的一把钥匙和批准的管理处经理（规则K3），请在钥匙柜办理"))


# --- emergencies (rule K4) and lock changes (rule K6) ---------------------------------------

def _paged(desk: Desk, query: Any, shape: Any) -> Iterator[Sequence[Any]]:
    offset = 0
    while True:
        with desk.read() as session:
            batch = session.execute(query.offset(offset).limit(BATCH)).all()
            rows = [shape(r) for r in batch]
        yield from rows
        if len(batch) < BATCH:
            return
        offset += BATCH


EMERGENCY_COLUMNS = (
    RegisterColumn("使用时间", 16, "datetime"), RegisterColumn("柜位", 7),
    RegisterColumn("房号/标签", 14), RegisterColumn("紧急情况", 10),
    RegisterColumn("经过", 24), RegisterColumn("通知对象", 8), RegisterColumn("通知人", 8),
    RegisterColumn("电话", 13, "masked_phone"), RegisterColumn("通知时间", 16, "datetime"),
    RegisterColumn("通知方式", 8), RegisterColumn("业主联系不上", 6),
)


def emergency_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    lo, hi = bounds(start, end)
    query = (select(KeyEmergency, CabinetKey.slot, CabinetKey.unit_code, CabinetKey.tag)
             .join(CabinetKey, CabinetKey.id == KeyEmergency.key_id)
             .where(KeyEmergency.used_at >= lo, KeyEmergency.used_at < hi)
             .order_by(KeyEmergency.used_at, KeyEmergency.id))

    def shape(r: Any) -> Sequence[Any]:
        e, slot, unit, tag = r
        return (e.used_at, slot, unit_display(unit) or tag, e.reason, e.detail, e.told_whom,
                e.told_name, e.told_phone, e.told_at, e.told_how, yes(e.owner_unreachable))

    return _paged(desk, query, shape)


def emergency_count(desk: Desk, start: date, end: date) -> int:
    lo, hi = bounds(start, end)
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(KeyEmergency).where(
            KeyEmergency.used_at >= lo, KeyEmergency.used_at < hi)) or 0)


EMERGENCIES = Register(
    name="key-emergencies", title="钥匙紧急使用登记表", columns=EMERGENCY_COLUMNS,
    rows=emergency_rows, count=emergency_count, area="钥匙柜",
    importer=export_only("钥匙紧急使用登记表", "每次紧急使用都记在柜中的一把钥匙名下，并通知业主"
                                              "（规则K4），请在钥匙柜办理"))


LOCK_COLUMNS = (
    RegisterColumn("换锁时间", 16, "datetime"), RegisterColumn("原柜位", 7),
    RegisterColumn("房号/标签", 14), RegisterColumn("新钥匙柜位", 7),
    RegisterColumn("应交时间", 16, "datetime"), RegisterColumn("交物业总值时间", 16, "datetime"),
    RegisterColumn("物业总值", 8), RegisterColumn("密封", 5), RegisterColumn("超24小时", 6),
    RegisterColumn("说明", 20),
)


def lock_late(handed_late: bool, handed_at: datetime | None, due_at: datetime,
              now: datetime) -> bool:
    """Handed over after 24 hours, or not yet and past due (rule K6)."""
    return bool(handed_late) or (handed_at is None and due_at < now)


def lock_rows(desk: Desk, start: date, end: date) -> Iterator[Sequence[Any]]:
    lo, hi = bounds(start, end)
    now = desk.now()
    new_key = aliased(CabinetKey)
    query = (select(LockChange, CabinetKey.slot, CabinetKey.unit_code, CabinetKey.tag,
                    new_key.slot)
             .join(CabinetKey, CabinetKey.id == LockChange.old_key_id)
             .outerjoin(new_key, new_key.id == LockChange.new_key_id)
             .where(LockChange.changed_at >= lo, LockChange.changed_at < hi)
             .order_by(LockChange.changed_at, LockChange.id))

    def shape(r: Any) -> Sequence[Any]:
        c, slot, unit, tag, new_slot = r
        return (c.changed_at, slot, unit_display(unit) or tag, new_slot or "", c.due_at,
                c.handed_at, c.duty_manager_name, yes(c.sealed) if c.handed_at else "",
                yes(lock_late(c.handed_late, c.handed_at, c.due_at, now)), c.note)

    return _paged(desk, query, shape)


def lock_count(desk: Desk, start: date, end: date) -> int:
    lo, hi = bounds(start, end)
    with desk.read() as session:
        return int(session.scalar(select(func.count()).select_from(LockChange).where(
            LockChange.changed_at >= lo, LockChange.changed_at < hi)) or 0)


LOCK_CHANGES = Register(
    name="key-lock-changes", title="换锁登记表", columns=LOCK_COLUMNS, rows=lock_rows,
    count=lock_count, area="钥匙柜",
    importer=export_only("换锁登记表", "换锁记在原钥匙名下，新钥匙须密封交物业总值（规则K6），"
                                      "请在钥匙柜办理"))
