"""`wuye-desk mail …`: sign in, notice, pickup, public notice, return, forms, figures."""

from datetime import datetime, timedelta

from pypdf import PdfReader

from tests.services.mail_helpers import LI_ID, household, item
from wuye_desk.cli import main
from wuye_desk.services import mail
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


def test_a_round_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "desk.sqlite3"
    db = open_database(path)
    long_ago = (datetime.now() - timedelta(days=70)).replace(hour=10, microsecond=0)
    desk = Desk(db, clock=lambda: long_ago)
    household(desk)
    mail.sign_in(desk, item("YT1234567890123"))        # unclaimed for two months
    db.dispose()
    db_arg = ("--db", str(path))

    assert run("mail", "sign-in", "SF1234567890123", "--unit", "3-2-1502", *db_arg) == 0
    assert "已登记 SF1234567890123  3栋2单元1502  顺丰 快递包裹" in capsys.readouterr().out
    assert run("mail", "sign-in", "SF1234567890123", "--unit", "3-2-1502", *db_arg) == 2
    assert "不能重复登记" in capsys.readouterr().err
    assert run("mail", "sign-in", "", "--unit", "3-2-1502", *db_arg) == 2
    assert "运单号" in capsys.readouterr().err
    assert run("mail", "sign-in", "773123456789012", "--unit", "9-9-909", *db_arg) == 2
    assert "快递公司" in capsys.readouterr().err
    assert run("mail", "sign-in", "773123456789012", "--carrier", "中通", "--unit", "9-9-909",
               *db_arg) == 2
    assert "查无此户" in capsys.readouterr().err

    assert run("mail", "waiting", *db_arg) == 0
    out = capsys.readouterr().out
    assert "待领取 2 件" in out and out.index("YT1234567890123") < out.index("SF1234567890123")
    assert run("mail", "to-tell", *db_arg) == 0
    assert "13812345678" in capsys.readouterr().out

    slip = tmp_path / "slip.pdf"
    assert run("mail", "notice", "--unit", "3-2-1502", "--method", "短信", "--slip", str(slip),
               *db_arg) == 0
    out = capsys.readouterr().out
    code = out.split("取件码 ")[1].split()[0]
    assert "QJ" in PdfReader(slip).pages[0].extract_text().replace(" ", "")

    assert run("mail", "public-notice", "--out", str(tmp_path / "g.pdf"), *db_arg) == 0
    assert "新列入公示 1 件" in capsys.readouterr().out
    assert run("mail", "return", *db_arg) == 0        # the notice period has not ended
    assert "没有应退回" in capsys.readouterr().out

    assert run("mail", "pickup", code, "--name", "李梅", "--proxy", *db_arg) == 2
    assert "证件" in capsys.readouterr().err
    sheet = tmp_path / "sheet.pdf"
    assert run("mail", "pickup", code, "--name", "李梅", "--proxy", "--id-number", LI_ID,
               "--sheet", str(sheet), *db_arg) == 0
    out = capsys.readouterr().out
    assert "已领取 3栋2单元1502 2件" in out and LI_ID not in out
    assert "李梅（代领）" in PdfReader(sheet).pages[0].extract_text().replace(" ", "")
    assert run("mail", "pickup", code, "--name", "李梅", "--id-number", LI_ID, *db_arg) == 2

    today = datetime.now().date().isoformat()
    assert run("mail", "register", "--out", str(tmp_path / "r.pdf"), *db_arg) == 0
    assert run("mail", "figures", "--from", "2020-01-01", "--to", today, *db_arg) == 0
    assert "收到邮件 2 件，领取 2 件" in capsys.readouterr().out
    assert run("mail", "figures", "--from", today, "--to", "2020-01-01", *db_arg) == 2
