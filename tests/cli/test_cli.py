"""The command line: each sub-command works, and bad input gives a clear error and a non-zero exit."""

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from wuye_desk.cli import main

SRC = str(Path(__file__).resolve().parents[2] / "src")


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)


def test_version_in_a_fresh_process(tmp_path):
    result = subprocess.run([sys.executable, "-m", "wuye_desk", "--version"],
                            capture_output=True, text=True,
                            env={"PYTHONPATH": SRC, "WUYE_DESK_HOME": str(tmp_path),
                                 "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0
    assert result.stdout.strip().startswith("wuye-desk ")


def test_demo_then_check_then_export_and_form(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    assert run("demo", "--households", "60", "--seed", "3", "--db", db) == 0
    assert "60 户" in capsys.readouterr().out
    assert run("check", "--db", db) == 0
    out = capsys.readouterr().out
    assert "完整性检查：通过" in out and "操作日志链：完整" in out
    xlsx = tmp_path / "roster.xlsx"
    assert run("export", "roster", "--out", str(xlsx), "--db", db) == 0
    assert xlsx.exists()
    pdf = tmp_path / "form.pdf"
    assert run("form", "household", "--unit", "1-1-101", "--out", str(pdf), "--db", db) == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "客户资料登记表" in text and "1栋1单元101" in text


def test_environment_variable_names_the_database(tmp_path, monkeypatch, capsys):
    db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("WUYE_DESK_DB", str(db))
    assert run("demo", "--households", "5") == 0
    assert db.exists()


def test_import_of_a_bad_roster_lists_rows_and_exits_non_zero(tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(["房号", "姓名", "手机"])
    ws.append(["3-2-1502", "张三", "123"])
    ws.append(["火星", "李四", None])
    f = tmp_path / "bad.xlsx"
    wb.save(f)
    db = str(tmp_path / "x.sqlite3")
    assert run("import", "roster", str(f), "--db", db) == 1
    out = capsys.readouterr().out
    assert "第2行" in out and "第3行" in out


@pytest.mark.parametrize("args", [
    ("import", "roster", "/no/such/file.xlsx"),
    ("form", "household", "--unit", "9-9-999", "--out", "x.pdf"),
    ("form", "household", "--unit", "不是房号", "--out", "x.pdf"),
    ("export", "roster", "--out", "/no/such/folder/x.xlsx"),
])
def test_bad_input_exits_non_zero_with_a_chinese_message(tmp_path, capsys, args):
    code = run(*args, "--db", str(tmp_path / "y.sqlite3"))
    assert code != 0
    err = capsys.readouterr().err
    assert err.startswith("错误：")


def test_demo_refuses_nonsense_counts(tmp_path):
    assert run("demo", "--households", "0", "--db", str(tmp_path / "z.sqlite3")) != 0
    assert run("demo", "--households", "lots", "--db", str(tmp_path / "z.sqlite3")) != 0


def test_shared_command_groups_belong_to_their_own_parser():
    """`import`/`export` groups are shared by areas within one parser, never across parsers
    (a freed parser's id() can be reused by the next one)."""
    import gc

    from wuye_desk.cli import build_parser

    for _ in range(50):
        parser = build_parser()
        assert parser.parse_args(["import", "roster", "x.xlsx"]).import_what == "roster"
        del parser
        gc.collect()


@pytest.mark.parametrize("area", ["complaint", "mail", "visitor", "vip"])
@pytest.mark.parametrize("bad", [("--from", "2026-02-30", "--to", "2026-03-01"),
                                 ("--from", "昨天", "--to", "2026-03-01"),
                                 ("--to", "2026-03-01")])
def test_every_area_figures_command_reads_its_period_the_same_way(tmp_path, capsys, area, bad):
    """One --from/--to for every area: a date that is not a date, or a missing end, is
    refused before the database is opened."""
    db = tmp_path / "f.sqlite3"
    assert run(area, "figures", *bad, "--db", str(db)) == 2
    err = capsys.readouterr().err
    assert "格式不对，应为 YYYY-MM-DD" in err or "--from" in err
    assert not db.exists()
