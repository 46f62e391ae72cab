"""Key cabinet commands: the cabinet, take-in, lending and return, emergencies, handover,
the printed forms and the monthly figures (rules K1–K8). Keys are named by their slot."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from wuye_desk.cli.common import add_db_option, add_period_options, month_arg, with_desk
from wuye_desk.domain.errors import ValidationError
from wuye_desk.services import key_figures, key_forms, keys, operators
from wuye_desk.services.desk import Desk
from wuye_desk.services.keys import (
    EmergencyInput,
    HandoverInput,
    KeyInput,
    LoanCorrection,
    LoanInput,
)


def _slots(text: str) -> list[str]:
    return [p.strip() for p in text.replace("，", ",").replace("、", ",").split(",") if p.strip()]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("key", help="钥匙柜：收存、借出、归还、紧急使用、交接、打印、月报数字")
    inner = p.add_subparsers(dest="key_what", metavar="操作", required=True)

    def cmd(name: str, help_text: str, func: object) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = inner.add_parser(name, help=help_text)
        add_db_option(q)
        q.set_defaults(func=func)
        return q

    cmd("cabinet", "钥匙柜逐格状态（空、在柜、借出、超时、遗失）", run_cabinet)
    cmd("overdue", "超时未还的钥匙和超过24小时未交的新钥匙，附超时多久", run_overdue)

    q = cmd("take-in", "收存业主钥匙（规则K2）", run_take_in)
    q.add_argument("--unit", default="", help="房号（公共区域钥匙可不填）")
    q.add_argument("--kind", default="业主委托钥匙", help="业主委托钥匙/未入伙钥匙/返修钥匙/公共区域钥匙")
    q.add_argument("--count", default="1", help="钥匙数量")
    q.add_argument("--tag", default="", help="钥匙标签；公共区域钥匙写区域")
    q.add_argument("--condition", default="完好")
    q.add_argument("--slot", default="", help="格位，如 A-07；不填则用第一个空格位")
    q.add_argument("--name", default="", help="委托人姓名")
    q.add_argument("--id-type", default="居民身份证")
    q.add_argument("--id-number", default="")
    q.add_argument("--phone", default="")
    q.add_argument("--consent", default="", help="业主事先同意使用返修钥匙（写明谁、何时）")
    q.add_argument("--copy", default="", help="复制许可")

    q = cmd("lend", "借出钥匙（规则K3：须经批准，当天归还）", run_lend)
    q.add_argument("slot")
    q.add_argument("--approver", required=True, metavar="LOGIN",
                   help="批准人的登录名；批准人本人输入密码（终端中提示且不回显；"
                        "脚本从标准输入第一行给出）")
    q.add_argument("--borrower", required=True, help="借用人姓名")
    q.add_argument("--borrower-kind", default="员工", help="员工/施工单位")
    q.add_argument("--company", default="")
    q.add_argument("--id-type", default="居民身份证")
    q.add_argument("--id-number", required=True)
    q.add_argument("--phone", required=True)
    q.add_argument("--purpose", required=True)
    q.add_argument("--repair", action="store_true", help="维修施工（可隔夜，须 --due）")
    q.add_argument("--due", default="", help="应还时间，如 17:30、明天 9:00")

    q = cmd("return", "借出的钥匙归还（规则K3）", run_return)
    q.add_argument("slot")
    q.add_argument("--condition", default="完好")
    q.add_argument("--receiver", default="")
    q.add_argument("--at", default="", help="归还时间，不填为现在")

    q = cmd("emergency", "紧急使用钥匙，记录通知了谁（规则K4）", run_emergency)
    q.add_argument("slot")
    q.add_argument("--reason", required=True, help="火灾/爆管漏水/其他")
    q.add_argument("--detail", default="")
    q.add_argument("--told-whom", default="业主", help="业主/紧急联系人")
    q.add_argument("--told-name", required=True)
    q.add_argument("--how", default="电话")
    q.add_argument("--at", default="", help="通知时间")
    q.add_argument("--owner-unreachable", action="store_true")

    q = cmd("to-owner", "钥匙退还业主，结束保管", run_to_owner)
    q.add_argument("slot")
    q.add_argument("--receiver", required=True, help="领回人")

    q = cmd("handover", "保管人交接，逐格清点（规则K7）", run_handover)
    q.add_argument("--from", dest="giver", required=True)
    q.add_argument("--to", dest="taker", required=True)
    q.add_argument("--absent", default="", help="没有找到钥匙的格位，逗号分隔")
    q.add_argument("--extra", default="", help="有钥匙但没有记录的格位")
    q.add_argument("--signed", action="store_true", help="双方已签字确认")
    q.add_argument("--out", type=Path, metavar="FILE.pdf", help="同时打印钥匙交接记录")

    q = cmd("lock-change", "换锁：旧钥匙停用，新钥匙须在24小时内封存交物业总值（规则K6）",
            run_lock_change)
    q.add_argument("slot")
    q.add_argument("--note", default="")

    q = cmd("new-key", "换锁后的新钥匙封存交物业总值（规则K6）", run_new_key)
    q.add_argument("--duty", required=True, help="物业总值的登录名")
    q.add_argument("--sealed", action="store_true", help="已封存")
    q.add_argument("--count", default="1")

    q = cmd("problem", "登记钥匙遗失或损坏（规则K8）", run_problem)
    q.add_argument("slot")
    q.add_argument("kind", choices=["遗失", "损坏"])
    q.add_argument("--note", required=True)

    q = cmd("history", "一把钥匙的全部记录", run_history)
    q.add_argument("slot")

    q = cmd("correct-loan", "更正借用记录：原记录保留，更正作为新记录（规则G4）", run_correct_loan)
    q.add_argument("slot")
    q.add_argument("--reason", required=True, help="更正原因")
    q.add_argument("--loan", type=int, metavar="编号",
                   help="借用记录编号（key history 中的 #编号）；不给出为这把钥匙最近一次借用")
    q.add_argument("--borrower", help="借用人姓名")
    q.add_argument("--company", help="借用人单位")
    q.add_argument("--id-type", help="证件类型")
    q.add_argument("--id-number", help="证件号码")
    q.add_argument("--phone", help="借用人电话")
    q.add_argument("--purpose", help="借用事由")
    q.add_argument("--due", help="应还时间，按借出当天算，如 17:00、明天 9:00")
    q.add_argument("--returned-at", help="归还时间，按借出当天算")
    q.add_argument("--receiver", help="接收人")
    q.add_argument("--condition", help="归还时状况")

    q = cmd("form", "打印表格（PDF）", run_form)
    q.add_argument("what", choices=["entrustment", "register", "loans", "inventory", "handover"],
                   help="entrustment 委托书 / register 登记表 / loans 借用登记表 / "
                        "inventory 钥匙清单 / handover 交接记录")
    q.add_argument("slot", nargs="?", default="", help="entrustment、register 的格位")
    add_period_options(q, required=False)
    q.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")

    q = cmd("figures", "钥匙月报数字（规则K8）", run_figures)
    q.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM")


def _key(desk: Desk, slot: str) -> int:
    key_id = keys.key_in_slot(desk, slot)
    if key_id is None:
        raise ValidationError(f"格位{slot}没有钥匙", field="格位")
    return key_id


def run_cabinet(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        slots = keys.cabinet(desk)
        for s in slots:
            if s.key_id is not None:
                late = f"  超时{s.late}" if s.late else ""
                print(f"{s.label:<7} {s.state.value:<4} {s.unit} {s.kind}{late}")
        free = sum(1 for s in slots if s.key_id is None)
        print(f"共{len(slots)}格，空{free}格；保管人：{keys.current_keeper(desk) or '未指定'}")
        return 0
    return with_desk(args, work)


def run_overdue(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        alarms = keys.alarms(desk)
        if not alarms:
            print("没有超时的钥匙。")
        for a in alarms:
            print(a.text)
        return 0
    return with_desk(args, work)


def run_take_in(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        done = keys.take_in(desk, KeyInput(
            unit=args.unit, kind=args.kind, key_count=args.count, tag=args.tag,
            condition=args.condition, slot=args.slot, depositor_name=args.name,
            depositor_id_type=args.id_type, depositor_id_number=args.id_number,
            depositor_phone=args.phone, owner_consent=args.consent, copy_permission=args.copy))
        print(f"已收存：{done.unit}，格位 {done.slot}")
        return 0
    return with_desk(args, work)


def approver_password(login: str) -> str:
    """The approving manager types their own password (rule K3): at a terminal it is asked
    for and not echoed; a script gives it as the first line of standard input. Never an
    argument: it would show in the process list and the shell history."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"批准人 {login} 的密码：")
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line.rstrip("\r\n"):
        raise ValidationError("请批准人输入自己的密码：在终端中运行时会提示输入，"
                              "脚本请从标准输入第一行给出（规则K3）", field="批准人密码", rule="K3")
    return line.rstrip("\r\n")


def run_lend(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        key_id = _key(desk, args.slot)
        done = keys.lend(desk, key_id, LoanInput(
            borrower_kind=args.borrower_kind, borrower_name=args.borrower,
            borrower_company=args.company, borrower_id_type=args.id_type,
            borrower_id_number=args.id_number, borrower_phone=args.phone, purpose=args.purpose,
            repair_works=args.repair, due=args.due, approver_login=args.approver,
            approver_password=approver_password(args.approver)))
        print(f"已借出，应还 {done.due_at:%Y-%m-%d %H:%M}")
        return 0
    return with_desk(args, work)


def run_return(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        done = keys.return_key(desk, _key(desk, args.slot), condition=args.condition,
                               receiver=args.receiver, at=args.at)
        print("已归还" + (f"（{done.late.text}）" if done.late else ""))
        return 0
    return with_desk(args, work)


def run_emergency(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        keys.record_emergency(desk, _key(desk, args.slot), EmergencyInput(
            reason=args.reason, detail=args.detail, told_whom=args.told_whom,
            told_name=args.told_name, told_how=args.how, told_at=args.at,
            owner_unreachable=args.owner_unreachable))
        print("已登记紧急使用")
        return 0
    return with_desk(args, work)


def run_to_owner(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        keys.return_to_owner(desk, _key(desk, args.slot), receiver=args.receiver)
        print(f"已退还业主，格位 {args.slot} 已空出")
        return 0
    return with_desk(args, work)


def run_handover(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        done = keys.record_handover(desk, HandoverInput(
            from_keeper=args.giver, to_keeper=args.taker, absent=_slots(args.absent),
            extra=_slots(args.extra), signed_off=args.signed))
        print(f"交接完成：应在柜 {done.expected}，实点 {done.counted}，差异 {len(done.discrepancies)}")
        for line in done.discrepancies:
            print(f"  {line}")
        if args.out:
            print(f"已生成 {key_forms.print_handover(desk, done.handover_id, args.out)}")
        return 0
    return with_desk(args, work)


def run_history(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        view = keys.get_key(desk, _key(desk, args.slot))
        print(f"{view.slot} {view.unit or view.tag} {view.kind}×{view.key_count} {view.status}")
        for at, kind, text, who in view.events:
            print(f"  {at:%Y-%m-%d %H:%M} {kind}：{text}（{who}）")
        if view.loans:
            print("借用记录：")
        for ln in view.loans:
            back = f"{ln.returned_at:%m-%d %H:%M}归还" if ln.returned_at else "未还"
            fixed = f"，已更正{len(ln.corrections)}次" if ln.corrections else ""
            print(f"  #{ln.id} {ln.out_at:%Y-%m-%d %H:%M} {ln.borrower} {ln.purpose} "
                  f"应还{ln.due_at:%m-%d %H:%M} {back}{fixed}")
        return 0
    return with_desk(args, work)


def run_correct_loan(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        view = keys.get_key(desk, _key(desk, args.slot))
        loan = next((ln for ln in view.loans if args.loan in (None, ln.id)), None)
        if loan is None:
            raise ValidationError(f"格位{args.slot}的钥匙没有{'这条' if args.loan else ''}借用记录",
                                  field="借用记录")
        keys.correct_loan(desk, loan.id, LoanCorrection(
            reason=args.reason, borrower_name=args.borrower, borrower_company=args.company,
            borrower_id_type=args.id_type, borrower_id_number=args.id_number,
            borrower_phone=args.phone, purpose=args.purpose, due=args.due,
            returned_at=args.returned_at, received_by=args.receiver,
            return_condition=args.condition))
        print(f"已更正借用记录 #{loan.id}（原记录保留）")
        return 0
    return with_desk(args, work)


def run_form(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        if args.what in ("entrustment", "register"):
            if not args.slot:
                raise ValidationError("请给出钥匙的格位，如 A-07", field="格位")
            key_id = _key(desk, args.slot)
            render = (key_forms.print_entrustment if args.what == "entrustment"
                      else key_forms.print_register)
            out = render(desk, key_id, args.out)
        elif args.what == "loans":
            today = desk.now().date()
            out = key_forms.print_loans(desk, args.start or today, args.end or args.start or today,
                                        args.out)
        elif args.what == "inventory":
            out = key_forms.print_inventory(desk, args.out)
        else:
            handover = key_forms.latest_handover(desk)
            if handover is None:
                raise ValidationError("还没有交接记录", field="交接")
            out = key_forms.print_handover(desk, handover, args.out)
        print(f"已生成 {out}")
        return 0
    return with_desk(args, work)


def run_figures(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        year, month = args.month
        for line in key_figures.month_figures(desk, year, month).lines():
            print(line)
        return 0
    return with_desk(args, work)


def run_lock_change(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        keys.change_lock(desk, _key(desk, args.slot), args.note)
        print("已登记换锁；新钥匙须在24小时内封存交物业总值（wuye-desk key new-key）")
        return 0
    return with_desk(args, work)


def run_new_key(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        pending = keys.open_lock_changes(desk)
        if not pending:
            raise ValidationError("没有等待交物业总值的新钥匙", field="换锁")
        duty = operators.get_operator(desk, args.duty)
        new = keys.hand_new_key(desk, pending[0][0], duty_manager_id=duty.id, sealed=args.sealed,
                                key_count_text=args.count)
        print(f"新钥匙已封存入柜，格位 {keys.get_key(desk, new).slot}")
        return 0
    return with_desk(args, work)


def run_problem(args: argparse.Namespace) -> int:
    def work(desk: Desk) -> int:
        keys.report_problem(desk, _key(desk, args.slot), args.kind, args.note)
        print(f"已登记{args.kind}")
        return 0
    return with_desk(args, work)
