"""The key cabinet's registers (rules R2, K2–K8): the custody list (顾客钥匙清单 /
委托登记), the lendings (借用钥匙登记表), the emergency uses (钥匙紧急使用登记表) and
the lock changes (换锁登记表). Each comes back from its workbook (an office moving its
paper registers onto the desk), all or nothing.

Custody: each row checked as the keeper's take-in checks it, a masked ID kept as it is
(rule G3), one 收存 event per key saying it was imported (G4). A key out on loan cannot
be imported (the loan needs its approving manager, K3).

Lendings, emergencies and lock changes point at a key. A row finds its key by what the
sheet shows: the slot and the unit (or the public area's tag), among the keys held in
that slot at the row's time. A key not in the desk is a bad row ("柜位A-01没有……的钥匙，
请先导入顾客钥匙清单"): import the custody list first, then the others. Importing
them changes no key's state (the custody list says where each key is); each record
gets an event on its key saying it was imported (G4).

A historic loan was approved by a manager on paper: the name is kept as written
(批准人, approver_name) and approved_by, the approving operator, stays empty — the
manager need not be an operator of this desk, and naming the importing clerk would
say something the paper does not (migration 0012). Only returned loans come back: a
loan still out has no place beside a custody list that cannot hold a lent key. The
borrower's masked ID stays masked (G3). A lock change's duty manager is a name too;
its new key, when the sheet names its slot, is the key held in that slot afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import aliased

from wuye_desk.domain import ids, phones, search_text, units
from wuye_desk.domain.errors import FileRejected, RowProblem, ValidationError
from wuye_desk.domain.keys import (
    BorrowerKind,
    EmergencyReason,
    KeyKind,
    KeyStatus,
    ToldHow,
    ToldWhom,
    deadline_of,
    key_count,
    parse_slot,
)
from wuye_desk.domain.privacy import mask_id
from wuye_desk.domain.visitors import MAX_NAME, clean_text
from wuye_desk.exports.xlsx import SheetRow, cell_text
from wuye_desk.services import keys
from wuye_desk.services.desk import Desk
from wuye_desk.services.register_cells import (
    CHUNK,
    masked_or,
    read_datetime,
    read_id,
    read_past_datetime,
    read_text,
    read_yes,
    reject,
    unit_display,
    yes,
)
from wuye_desk.services.registers import Importer, Register, RegisterColumn, bounds, counted_by, per_row
from wuye_desk.store.audit import write_entries
from wuye_desk.store.models import (
    CabinetKey,
    Household,
    KeyEmergency,
    KeyEvent,
    KeyLoan,
    LockChange,
)

BATCH = 1000


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


def parse_custody(desk: Desk, v: dict[str, Any], labels: list[str] | None = None
                  ) -> dict[str, Any]:
    """One row of the 顾客钥匙清单 → the columns of a CabinetKey, checked (rules K1, K2);
    `labels`, the cabinet's slots, read once for a whole file."""
    now = desk.now()
    slot = parse_slot(cell_text(v.get("柜位")), labels or keys.labels(desk), field="柜位")
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
        number = read_id(v.get("证件号码"), id_type, "证件号码", today=entrusted.date())
        phone, _ = masked_or(v.get("委托人电话"), "委托人电话",
                              lambda t: phones.normalize_phone(t, field="委托人电话"))
    return {
        "slot": slot, "held_slot": slot if status.value in HELD else None, "kind": kind.value,
        "status": status.value, "unit_code": unit.code if unit else None, "key_count": count,
        "tag": tag, "condition": read_text(v.get("钥匙状况"), "钥匙状况", required=True,
                                           rule="K2"),
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
    labels = keys.labels(desk)
    values = per_row(lambda d, v: parse_custody(d, v, labels))(desk, rows)
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


# --- rows that point at a key ----------------------------------------------------------------

def _place(text: str) -> tuple[str | None, str]:
    """The 房号/标签 cell as (unit code, tag): a unit when it reads as one, else the tag of a
    public-area key, as the custody import reads it."""
    try:
        return units.parse_unit(text, field="房号/标签").code, ""
    except ValidationError:
        return None, clean_text(text, "房号/标签", required=True)


@dataclass(frozen=True)
class HeldKey:
    id: int
    kind: str
    entrusted_at: datetime
    ended_at: datetime | None


class KeyFinder:
    """The keys of the slots a file names, read once (500 slots a query), and the one a row
    means: in that slot, of that unit (or public area), in custody at the row's time."""

    def __init__(self, desk: Desk, slots: set[str]) -> None:
        self._keys: dict[tuple[str, str | None, str], list[HeldKey]] = {}
        wanted = sorted(slots)
        with desk.read() as session:
            for i in range(0, len(wanted), CHUNK):
                for r in session.execute(
                        select(CabinetKey.id, CabinetKey.slot, CabinetKey.unit_code,
                               CabinetKey.tag, CabinetKey.kind, CabinetKey.entrusted_at,
                               CabinetKey.ended_at)
                        .where(CabinetKey.slot.in_(wanted[i:i + CHUNK]))):
                    place = (r.slot, r.unit_code, "" if r.unit_code else r.tag)
                    self._keys.setdefault(place, []).append(
                        HeldKey(r.id, r.kind, r.entrusted_at, r.ended_at))

    def at(self, slot: str, unit_code: str | None, tag: str, moment: datetime) -> HeldKey | None:
        held = [k for k in self._keys.get((slot, unit_code, "" if unit_code else tag), [])
                if k.entrusted_at <= moment and (k.ended_at is None or moment <= k.ended_at)]
        return max(held, key=lambda k: (k.entrusted_at, k.id), default=None)


def missing_key(slot: str, unit_code: str | None, tag: str, moment: datetime) -> str:
    return (f"柜位{slot}没有{unit_display(unit_code) or tag}这把钥匙"
            f"（{moment:%Y-%m-%d %H:%M}时），请先导入顾客钥匙清单")


Parse = Callable[[Desk, dict[str, Any], list[str]], dict[str, Any]]


def _rows_on_keys(desk: Desk, rows: list[SheetRow], parse: Parse, when: str, model: Any,
                  key_column: str, time_column: str) -> tuple[list[dict[str, Any]], KeyFinder,
                                                             list[tuple[SheetRow, str]]]:
    """Every row read by `parse`, its key found at `v[when]` (as `key_id`, `key_kind`); rows
    naming the same record twice, or one already in `model`, are bad rows. Returns the
    values, the finder and the problems so far (the caller adds its own and rejects)."""
    labels = keys.labels(desk)
    problems: list[tuple[SheetRow, str]] = []
    parsed: list[tuple[SheetRow, dict[str, Any]]] = []
    for row in rows:
        try:
            parsed.append((row, parse(desk, row.values, labels)))
        except ValidationError as exc:
            problems.append((row, exc.message))
    finder = KeyFinder(desk, {v["slot"] for _, v in parsed}
                       | {v["new_slot"] for _, v in parsed if v.get("new_slot")})
    values: list[dict[str, Any]] = []
    seen: dict[tuple[int, datetime], int] = {}
    for row, v in parsed:
        key = finder.at(v["slot"], v["unit_code"], v["tag"], v[when])
        if key is None:
            problems.append((row, missing_key(v["slot"], v["unit_code"], v["tag"], v[when])))
            continue
        v["key_id"], v["key_kind"] = key.id, key.kind
        pair = (key.id, v[when])
        if pair in seen:
            problems.append((row, f"与第{seen[pair]}行是同一条记录"))
            continue
        seen[pair] = row.number
        v["row"] = row
        values.append(v)
    key_ids = sorted({k for k, _ in seen})
    existing: set[tuple[int, datetime]] = set()
    with desk.read() as session:
        for i in range(0, len(key_ids), CHUNK):
            existing.update((k, t) for k, t in session.execute(
                select(getattr(model, key_column), getattr(model, time_column))
                .where(getattr(model, key_column).in_(key_ids[i:i + CHUNK]))))
    problems += [(v["row"], "这条记录已在系统中") for v in values
                 if (v["key_id"], v[when]) in existing]
    return values, finder, problems


def _reject(problems: list[tuple[SheetRow, str]]) -> None:
    reject([RowProblem(row.number, message) for row, message in problems])


def _events(desk: Desk, kind: keys.EventKind, texts: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """One event per imported record on its key, saying it was imported (rule G4)."""
    now = desk.now()
    return [{"key_id": key_id, "at": now, "kind": kind.value, "text": text,
             "operator_id": desk.operator.id, "operator_name": desk.operator.name,
             "corrects_id": None} for key_id, text in texts]


def _insert(desk: Desk, action: str, model: Any, entity: str, records: list[dict[str, Any]],
            events: list[dict[str, Any]]) -> int:
    """The records and their events in one transaction, a batch at a time; a loan's event
    names its loan (as the desk's own lending does)."""
    with desk.write(action) as session:
        conn = session.connection()
        for i in range(0, len(records), BATCH):
            batch = events[i:i + BATCH]
            if model is KeyLoan:
                ids = conn.execute(insert(KeyLoan).returning(
                    KeyLoan.id, sort_by_parameter_order=True), records[i:i + BATCH]).scalars()
                batch = [{**e, "loan_id": loan_id}
                         for e, loan_id in zip(batch, ids, strict=True)]
            else:
                conn.execute(insert(model), records[i:i + BATCH])
            conn.execute(insert(KeyEvent), batch)
        write_entries(session, [(entity, "import", "insert", None,
                                 {"count": len(records), "action": action})])
    return len(records)


def _masked_phone(value: Any, field: str) -> str:
    text = cell_text(value)
    if not text:
        return ""
    return masked_or(text, field, lambda t: phones.normalize_phone(t, field=field))[0]


def _shown_id(number: str) -> str:
    return number if "*" in number else mask_id(number)


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


loan_count = counted_by(KeyLoan.out_at)


def parse_loan(desk: Desk, v: dict[str, Any], labels: list[str]) -> dict[str, Any]:
    """One row of the 借用钥匙登记表 → a returned KeyLoan's columns, checked (rule K3)."""
    now = desk.now()
    out = read_past_datetime(v.get("借出时间"), "借出时间", now)
    slot = parse_slot(cell_text(v.get("柜位")), labels, field="柜位")
    unit_code, tag = _place(cell_text(v.get("房号/标签")))
    kind = BorrowerKind.parse(cell_text(v.get("借用人类别")), field="借用人类别")
    name = clean_text(cell_text(v.get("借用人")), "借用人", required=True, max_length=MAX_NAME,
                      rule="K3")
    company = read_text(v.get("单位"), "单位")
    if kind is BorrowerKind.CONTRACTOR and not company:
        raise ValidationError("施工单位借用，请填写单位（规则K3）", field="单位", rule="K3")
    id_type = ids.id_type_of_label(cell_text(v.get("证件类型")) or "居民身份证").value
    number = read_id(v.get("证件号码"), id_type, "证件号码", today=out.date())  # rules K3, G3
    purpose = read_text(v.get("借用事由"), "借用事由", required=True, rule="K3")
    approver = clean_text(cell_text(v.get("批准人")), "批准人", required=True,
                          max_length=MAX_NAME, rule="K3")
    due = read_datetime(v.get("应还时间"), "应还时间", required=True)
    assert due is not None
    if due <= out:
        raise ValidationError("应还时间必须晚于借出时间", field="应还时间")
    returned = read_datetime(v.get("归还时间"), "归还时间", required=False)
    if returned is None:                                                    # rule K3
        raise ValidationError("钥匙借出未还，不能导入：请归还后再导出（借用须经管理处经理批准，"
                              "规则K3）", field="归还时间", rule="K3")
    if not out <= returned <= now:
        raise ValidationError("归还时间应在借出时间之后、现在之前", field="归还时间")
    return {
        "slot": slot, "unit_code": unit_code, "tag": tag, "out_at": out,
        "borrower_kind": kind.value, "borrower_name": name, "borrower_company": company,
        "borrower_id_type": id_type, "borrower_id_number": number,
        "borrower_phone": _masked_phone(v.get("借用人电话"), "借用人电话"),
        "purpose": purpose, "approver_name": approver, "due_at": due, "returned_at": returned,
        "received_by": clean_text(cell_text(v.get("接收人")), "接收人", max_length=MAX_NAME),
        "return_condition": read_text(v.get("归还状况"), "归还状况", required=True, rule="K3"),
        "returned_late": bool(read_yes(v.get("逾期"), "逾期")),
    }


def check_loans(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    values, _, problems = _rows_on_keys(desk, rows, parse_loan, "out_at", KeyLoan, "key_id",
                                        "out_at")
    _reject(problems)
    return values


_KEY_FIELDS = ("slot", "unit_code", "tag", "key_kind", "row", "new_slot")


def save_loans(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    eod = keys.end_of_day_hour(desk)
    now = desk.now()
    records, texts = [], []
    for v in values:
        repair = v["due_at"].date() != v["out_at"].date()   # only repair works stay overnight
        unhanded_key = v["key_kind"] == KeyKind.UNHANDED.value
        deadline, _ = deadline_of(v["out_at"], v["due_at"], repair_works=repair,
                                  unhanded_key=unhanded_key, end_of_day_hour=eod)
        records.append({**{k: x for k, x in v.items() if k not in _KEY_FIELDS},
                        "repair_works": repair, "unhanded": unhanded_key,
                        "approved_by": None, "deadline": deadline, "created_at": now,
                        "created_by": desk.operator.id, "version": 1})
        company = v["borrower_company"]
        texts.append((v["key_id"], (
            f"{action}：{v['out_at']:%Y-%m-%d %H:%M}借给{company + ' ' if company else ''}"
            f"{v['borrower_name']}（{v['borrower_id_type']} {_shown_id(v['borrower_id_number'])}），"
            f"事由：{v['purpose']}，{v['approver_name']}批准（纸质登记），"
            f"{v['returned_at']:%Y-%m-%d %H:%M}归还")))
    return _insert(desk, action, KeyLoan, "key_loan", records,
                   _events(desk, keys.EventKind.LENT, texts))


LENDINGS = Register(
    name="key-lendings", title="借用钥匙登记表", columns=LOAN_COLUMNS, rows=loan_rows,
    count=loan_count, area="钥匙柜", importer=Importer(check_loans, save_loans))


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


emergency_count = counted_by(KeyEmergency.used_at)


def parse_emergency(desk: Desk, v: dict[str, Any], labels: list[str]) -> dict[str, Any]:
    """One row of the 钥匙紧急使用登记表 → a KeyEmergency's columns, checked (rule K4)."""
    now = desk.now()
    used = read_past_datetime(v.get("使用时间"), "使用时间", now)
    slot = parse_slot(cell_text(v.get("柜位")), labels, field="柜位")
    unit_code, tag = _place(cell_text(v.get("房号/标签")))
    reason = EmergencyReason.parse(cell_text(v.get("紧急情况")), field="紧急情况")
    detail = read_text(v.get("经过"), "经过", max_length=200)
    if reason is EmergencyReason.OTHER and not detail:
        raise ValidationError("紧急情况为“其他”时请写明经过（规则K4）", field="经过", rule="K4")
    whom = ToldWhom.parse(cell_text(v.get("通知对象")), field="通知对象")
    unreachable = bool(read_yes(v.get("业主联系不上"), "业主联系不上"))
    if whom is ToldWhom.CONTACT and not unreachable:                         # rule K4
        raise ValidationError("应先通知业主；通知紧急联系人时“业主联系不上”应为“是”（规则K4）",
                              field="业主联系不上", rule="K4")
    told_at = read_past_datetime(v.get("通知时间"), "通知时间", now)
    return {
        "slot": slot, "unit_code": unit_code, "tag": tag, "used_at": used,
        "reason": reason.value, "detail": detail, "told_whom": whom.value,
        "told_name": clean_text(cell_text(v.get("通知人")), "通知人", required=True,
                                max_length=MAX_NAME, rule="K4"),
        "told_phone": _masked_phone(v.get("电话"), "电话"), "told_at": told_at,
        "told_how": ToldHow.parse(cell_text(v.get("通知方式")), field="通知方式").value,
        "owner_unreachable": unreachable,
    }


def check_emergencies(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    values, _, problems = _rows_on_keys(desk, rows, parse_emergency, "used_at", KeyEmergency,
                                        "key_id", "used_at")
    _reject(problems)
    return values


def save_emergencies(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    now = desk.now()
    records = [{**{k: x for k, x in v.items() if k not in _KEY_FIELDS}, "created_at": now,
                "created_by": desk.operator.id} for v in values]
    texts = [(v["key_id"], f"{action}：{v['used_at']:%Y-%m-%d %H:%M}{v['reason']}"
              f"{('：' + v['detail']) if v['detail'] else ''}；{v['told_at']:%m-%d %H:%M} "
              f"{v['told_how']}通知{v['told_whom']}{v['told_name']}"
              + ("（业主联系不上）" if v["owner_unreachable"] else "")) for v in values]
    return _insert(desk, action, KeyEmergency, "key_emergency", records,
                   _events(desk, keys.EventKind.EMERGENCY, texts))


EMERGENCIES = Register(
    name="key-emergencies", title="钥匙紧急使用登记表", columns=EMERGENCY_COLUMNS,
    rows=emergency_rows, count=emergency_count, area="钥匙柜",
    importer=Importer(check_emergencies, save_emergencies))


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


lock_count = counted_by(LockChange.changed_at)


def parse_lock_change(desk: Desk, v: dict[str, Any], labels: list[str]) -> dict[str, Any]:
    """One row of the 换锁登记表 → a LockChange's columns, checked (rule K6)."""
    now = desk.now()
    changed = read_past_datetime(v.get("换锁时间"), "换锁时间", now)
    slot = parse_slot(cell_text(v.get("原柜位")), labels, field="原柜位")
    unit_code, tag = _place(cell_text(v.get("房号/标签")))
    due = read_datetime(v.get("应交时间"), "应交时间", required=True)
    assert due is not None
    if due < changed:
        raise ValidationError("应交时间早于换锁时间", field="应交时间")
    handed = read_datetime(v.get("交物业总值时间"), "交物业总值时间", required=False)
    manager = clean_text(cell_text(v.get("物业总值")), "物业总值", max_length=MAX_NAME)
    sealed = read_yes(v.get("密封"), "密封")
    new_text = cell_text(v.get("新钥匙柜位"))
    new_slot = parse_slot(new_text, labels, field="新钥匙柜位") if new_text else None
    if handed is not None:
        if not changed <= handed <= now:
            raise ValidationError("交物业总值时间应在换锁时间之后、现在之前", field="交物业总值时间")
        if not manager:
            raise ValidationError("请填写接收新钥匙的物业总值（规则K6）", field="物业总值", rule="K6")
        if not sealed:
            raise ValidationError("新钥匙须封存后交物业总值：密封应为“是”（规则K6）", field="密封",
                                  rule="K6")
    elif manager or sealed or new_slot:
        raise ValidationError("没有交物业总值时间，不应有物业总值、密封或新钥匙柜位",
                              field="交物业总值时间")
    return {
        "slot": slot, "unit_code": unit_code, "tag": tag, "new_slot": new_slot,
        "changed_at": changed, "due_at": due, "handed_at": handed,
        "duty_manager_name": manager, "sealed": bool(sealed),
        "handed_late": handed is not None and handed > due,                  # rule K6
        "note": read_text(v.get("说明"), "说明", max_length=200),
    }


def check_lock_changes(desk: Desk, rows: list[SheetRow]) -> list[dict[str, Any]]:
    values, finder, problems = _rows_on_keys(desk, rows, parse_lock_change, "changed_at",
                                             LockChange, "old_key_id", "changed_at")
    for v in values:
        if v["new_slot"] is None:
            v["new_key_id"] = None
            continue
        new = finder.at(v["new_slot"], v["unit_code"], v["tag"], v["handed_at"])
        if new is None:
            problems.append((v["row"], "新钥匙：" + missing_key(
                v["new_slot"], v["unit_code"], v["tag"], v["handed_at"])))
        else:
            v["new_key_id"] = new.id
    _reject(problems)
    return values


def save_lock_changes(desk: Desk, values: list[dict[str, Any]], action: str) -> int:
    now = desk.now()
    records = [{**{k: x for k, x in v.items() if k not in _KEY_FIELDS and k != "key_id"},
                "old_key_id": v["key_id"], "duty_manager_id": None, "created_at": now,
                "created_by": desk.operator.id, "version": 1} for v in values]
    texts = [(v["key_id"], f"{action}：{v['changed_at']:%Y-%m-%d %H:%M}换锁，旧钥匙停用"
              + (f"；{v['handed_at']:%Y-%m-%d %H:%M}新钥匙封存交物业总值{v['duty_manager_name']}"
                 if v["handed_at"] else "")
              + (f"（{v['note']}）" if v["note"] else "")) for v in values]
    return _insert(desk, action, LockChange, "lock_change", records,
                   _events(desk, keys.EventKind.LOCK_CHANGED, texts))


LOCK_CHANGES = Register(
    name="key-lock-changes", title="换锁登记表", columns=LOCK_COLUMNS, rows=lock_rows,
    count=lock_count, area="钥匙柜",
    importer=Importer(check_lock_changes, save_lock_changes))
