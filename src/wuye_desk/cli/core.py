"""`wuye-desk check`: database integrity, schema version and the audit chain."""

from __future__ import annotations

import argparse

from sqlalchemy import text

from wuye_desk.cli.common import add_db_option, open_desk
from wuye_desk.store import migrate
from wuye_desk.store.audit import verify_chain


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check = sub.add_parser("check", help="检查数据库完整性、结构版本和操作日志链")
    add_db_option(check)
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    problems = 0
    print(f"数据库：{desk.db.describe()}")
    with desk.read() as session:
        if desk.db.is_sqlite:
            result = session.execute(text("PRAGMA integrity_check")).scalars().all()
            ok = result == ["ok"]
            print("完整性检查：" + ("通过" if ok else "未通过 " + "; ".join(result[:10])))
            problems += not ok
        current, heads = migrate.schema_status(desk.db.write_engine)
        same = current == heads
        print("结构版本：" + "、".join(sorted(current)) + ("（最新）" if same else "（需要升级）"))
        problems += not same
        breaks = verify_chain(session)
        if breaks:
            print(f"操作日志链：发现 {len(breaks)} 处断裂或改动（数据库文件可能在程序外被修改）")
            for b in breaks[:20]:
                print(f"  记录 #{b.entry_id}：{b.reason}")
        else:
            print("操作日志链：完整")
        problems += bool(breaks)
    desk.db.dispose()
    return 1 if problems else 0
