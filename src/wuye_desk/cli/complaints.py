"""Complaint commands: take one in, list, show, the handling steps, the daily check, figures."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from wuye_desk.cli.common import add_db_option, add_period_options, month_arg, open_desk
from wuye_desk.services import complaint_figures, complaint_forms, complaints
from wuye_desk.services.complaints import ComplaintFilter, ComplaintInput, VisitInput


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"时间“{text}”格式不对，应为 YYYY-MM-DD HH:MM") from None


STEPS = ("handle", "escalate", "answer", "fix", "tell", "close", "invalid", "note")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("complaint", help="投诉受理：登记、列表、查看、处理步骤、回访、统计")
    inner = p.add_subparsers(dest="complaint_what", metavar="操作", required=True)

    q = inner.add_parser("add", help="受理一宗投诉")
    q.add_argument("--channel", required=True, help="电话/来访/来函/邮件/传真/微信/上级转办")
    q.add_argument("--unit", default="", help="业户房号，如 3栋2单元1502")
    q.add_argument("--kind", default="业户", help="投诉人身份：业户/匿名/非本小区/访客")
    q.add_argument("--name", default="", help="投诉人姓名（业户可不填，按档案）")
    q.add_argument("--phone", default="", help="联系电话")
    q.add_argument("--type", dest="content_type", required=True, help="投诉类型，如 物业管理")
    q.add_argument("--subtopic", default="", help="物业管理的子类，如 设备设施")
    q.add_argument("--class", dest="resp_class", default="一类", help="一类/二类/三类/待定")
    q.add_argument("--text", required=True, help="投诉内容")
    q.add_argument("--people", default="1", help="集体投诉人数")
    q.add_argument("--severity", default="", help="提高等级（不填按建议）")
    q.add_argument("--received", type=_moment, default=None, metavar="YYYY-MM-DD HH:MM",
                   help="受理时间（来函等较早收到的，不填为现在）")
    q.add_argument("--link", type=int, action="append", default=[], help="关联同一事项的投诉号")
    for flag, text in (("--litigation", "已诉讼"), ("--media", "已被媒体曝光"),
                       ("--risk", "可能引起诉讼或曝光"), ("--compensation", "提出索赔"),
                       ("--needs-help", "需其他部门协助"), ("--not-office-fault", "非管理处责任")):
        q.add_argument(flag, action="store_true", help=text)
    add_db_option(q)
    q.set_defaults(func=run_add)

    q = inner.add_parser("list", help="投诉列表：未结的按最近时限，--all 全部按时间倒序")
    q.add_argument("--all", action="store_true")
    q.add_argument("--state", default=None)
    q.add_argument("--severity", default=None)
    q.add_argument("--overdue", action="store_true")
    q.add_argument("--search", default="")
    q.add_argument("--limit", type=int, default=100)
    add_db_option(q)
    q.set_defaults(func=run_list)

    q = inner.add_parser("show", help="查看一宗投诉及其处理经过")
    q.add_argument("serial", help="投诉编号，如 TS20261100001")
    add_db_option(q)
    q.set_defaults(func=run_show)

    q = inner.add_parser("step", help="处理步骤：handle 处理 / escalate 上报 / answer 上级答复 / "
                                      "fix 处理完毕 / tell 告知投诉人 / close 关闭 / "
                                      "invalid 无效投诉 / note 备注")
    q.add_argument("serial")
    q.add_argument("action", choices=STEPS)
    q.add_argument("--note", default="", help="说明（关闭时可不填）")
    q.add_argument("--to", default="", help="上报对象")
    q.add_argument("--class", dest="resp_class", default="", help="上级答复时的责任类别")
    q.add_argument("--case-library", action="store_true", help="关闭时收入案例库")
    add_db_option(q)
    q.set_defaults(func=run_step)

    q = inner.add_parser("visit", help="回访：满意度 A 满意 / B 较满意 / C 不满意（C 重新跟进）")
    q.add_argument("serial")
    q.add_argument("--rating", required=True)
    q.add_argument("--content", required=True)
    q.add_argument("--result", required=True)
    q.add_argument("--visitor", default="")
    add_db_option(q)
    q.set_defaults(func=run_visit)

    q = inner.add_parser("check", help="每日检查：超一周未解决升热点、超一个月升重大")
    add_db_option(q)
    q.set_defaults(func=run_check)

    q = inner.add_parser("figures", help="投诉统计：分类、等级、状态、及时率、满意率、扣分")
    add_period_options(q)
    add_db_option(q)
    q.set_defaults(func=run_figures)

    q = inner.add_parser("cases", help="案例库：值得借鉴的已关闭投诉（规则C10）")
    add_db_option(q)
    q.set_defaults(func=run_cases)

    q = inner.add_parser("revisit-list", help="本月反映意见的客户，即下月回访名单（规则C10）")
    q.add_argument("--month", type=month_arg, required=True, metavar="YYYY-MM")
    add_db_option(q)
    q.set_defaults(func=run_revisit_list)

    q = inner.add_parser("print", help="打印跟进处理表/意见征询表/回访记录（PDF）")
    q.add_argument("serial")
    q.add_argument("--form", choices=["sheet", "visit"], default="sheet",
                   help="sheet 按责任类别的处理表 / visit 回访记录")
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    add_db_option(q)
    q.set_defaults(func=run_print)


def run_add(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        data = ComplaintInput(
            channel=args.channel, complainant_kind=args.kind, unit=args.unit,
            complainant_name=args.name, complainant_phone=args.phone,
            content_type=args.content_type, subtopic=args.subtopic, resp_class=args.resp_class,
            description=args.text, people=args.people, litigation=args.litigation,
            media=args.media, risk=args.risk, compensation=args.compensation,
            needs_help=args.needs_help, office_fault=not args.not_office_fault,
            severity=args.severity, received_at=args.received)
        done = complaints.register_complaint(desk, data, link_ids=args.link)
        found = [] if args.link else complaints.candidates(
            desk, args.content_type, args.subtopic, args.unit, exclude=done.complaint_id)
    finally:
        desk.db.dispose()
    print(f"已受理 {done.serial}：{done.severity.value}（{done.reason}），处理人 {done.handler}，"
          f"处理时限 {done.fix_due:%Y-%m-%d %H:%M}")
    if done.raised:
        print("同一事项一并升为热点：" + "、".join(done.raised))
    if done.calendar_warning:
        print("注意：" + done.calendar_warning)
    for c in found:
        print(f"  可能是同一事项（可用 --link {c.id} 关联）：{c.label}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        q = complaints.list_query(desk, ComplaintFilter(
            open_only=not args.all, state=args.state, severity=args.severity,
            overdue=args.overdue, text=args.search))
        page = q.page(limit=args.limit)
        total = q.count()
    finally:
        desk.db.dispose()
    if not page.rows:
        print("没有符合条件的投诉。")
        return 0
    print(f"共 {total} 宗：")
    for r in page.rows:
        mark = "  [超时]" if r.tone.value == "overdue" else ""
        serial, received, who, unit, topic, sev, state, handler, due, text = r.values
        print(f"{serial}  {received}  {sev:<2} {state:<3} {who} {unit} {topic} "
              f"时限 {due or '—'} {handler}：{text}{mark}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        v = complaints.get_complaint(desk, complaints.find_by_serial(desk, args.serial))
    finally:
        desk.db.dispose()
    print(f"{v.serial}  {v.state}  {v.severity}（{v.severity_reason}）  处理人 {v.handler}")
    print(f"{v.received_at:%Y-%m-%d %H:%M} {v.channel}  {v.complainant_name or v.complainant_kind} "
          f"{v.unit} {v.complainant_phone}  {v.topic}  {v.resp_class}")
    print(v.description)
    if v.overdue:
        print("已超时：" + "、".join(v.overdue))
    for d in v.duties:
        tick = "✓" if d.done_at else "□"
        due = f"{d.due:%m-%d %H:%M}" if d.due else "结案时"
        print(f"  {tick} {d.what}（{due}）{d.done_by}")
    for e in v.events:
        fix = f"（更正第{e.corrects_id}条）" if e.corrects_id else ""
        print(f"  #{e.id} {e.at:%m-%d %H:%M} {e.step}{fix} {e.operator}：{e.note}")
    return 0


def run_step(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        cid = complaints.find_by_serial(desk, args.serial)
        action = args.action
        if action == "handle":
            complaints.handle(desk, cid, args.note)
        elif action == "escalate":
            complaints.escalate(desk, cid, args.note, args.to)
        elif action == "answer":
            complaints.answer(desk, cid, args.note, args.resp_class)
        elif action == "fix":
            due = complaints.fix(desk, cid, args.note)
            print(f"回访时限 {due:%Y-%m-%d %H:%M}")
        elif action == "tell":
            complaints.tell(desk, cid, args.note)
        elif action == "close":
            complaints.close(desk, cid, args.note, case_library=args.case_library)
        elif action == "invalid":
            complaints.mark_invalid(desk, cid, args.note)
        else:
            complaints.add_note(desk, cid, args.note)
        state = complaints.get_complaint(desk, cid).state
    finally:
        desk.db.dispose()
    print(f"已记录，{args.serial.upper()} 现为“{state}”")
    return 0


def run_visit(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        cid = complaints.find_by_serial(desk, args.serial)
        state = complaints.return_visit(desk, cid, VisitInput(args.content, args.result,
                                                              args.rating, args.visitor))
    finally:
        desk.db.dispose()
    extra = "（不满意，已重新跟进处理）" if state.value == "处理中" else ""
    print(f"已记录回访，投诉现为“{state.value}”{extra}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        line = complaints.daily_check(desk)
    finally:
        desk.db.dispose()
    print(line or "没有需要升级的投诉。")
    return 0


def run_figures(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        c = complaint_figures.counts(desk, args.start, args.end)
        rates = complaint_figures.on_time_rates(desk, args.start, args.end)
        sat = complaint_figures.satisfaction(desk, args.start, args.end)
        lines, points, yuan = complaint_figures.office_score(desk, args.start, args.end)
    finally:
        desk.db.dispose()
    print(f"{args.start} 至 {args.end}")
    for line in c.lines():
        print(line)
    for r in rates:
        print(r.text)
    print(sat.text)
    print(f"考核扣分（规则C11）：{points:+d}分，合{yuan:+d}元" + ("：" + "；".join(lines)
                                                             if lines else ""))
    return 0


def run_print(args: argparse.Namespace) -> int:
    from pathlib import Path

    desk = open_desk(args)
    try:
        cid = complaints.find_by_serial(desk, args.serial)
        if args.form == "visit":
            out = complaint_forms.print_return_visit(desk, cid, Path(args.out))
        else:
            out = complaint_forms.print_follow_up_sheet(desk, cid, Path(args.out))
    finally:
        desk.db.dispose()
    print(f"已生成 {out}")
    return 0


def run_cases(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        cases = complaint_figures.case_library(desk)
    finally:
        desk.db.dispose()
    if not cases:
        print("案例库为空。")
    for _id, serial, topic, text in cases:
        print(f"{serial}  {topic}：{text}")
    return 0


def run_revisit_list(args: argparse.Namespace) -> int:
    year, month = args.month
    desk = open_desk(args)
    try:
        people = complaint_figures.return_visit_list(desk, date(year, month, 1))
    finally:
        desk.db.dispose()
    if not people:
        print("该月没有可回访的客户。")
    for p in people:
        print(f"{p.unit or '—'}  {p.name or '—'}  {p.phone or '—'}  反映{p.complaints}次")
    return 0
