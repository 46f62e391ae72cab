"""The month's registers as Excel (rule R2): layout, masking, streaming, round trip, bad input."""

from __future__ import annotations

import os
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import make_operator
from tests.exports.month_helpers import OCTOBER, cells, data_rows, fill
from wuye_desk.domain.errors import FileRejected, PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.domain.periods import Period
from wuye_desk.services import registers, visitor_demo
from wuye_desk.services.desk import Desk
from wuye_desk.services.progress import Cancelled, Progress
from wuye_desk.services.registers import Register, RegisterColumn
from wuye_desk.store.database import open_database
from wuye_desk.store.models import Visit

NAMES = {"households", "visitors", "goods-passes", "complaints", "complaint-visits", "key-custody",
         "key-lendings", "key-emergencies", "key-lock-changes", "mail", "vip-cards", "vip-services"}


def test_every_register_is_declared_once_and_found_by_name_or_title():
    found = registers.all_registers()
    assert {r.name for r in found} == NAMES
    assert registers.get_register("访客登记表").name == "visitors"
    with pytest.raises(ValidationError, match="没有名为“complains”的登记表；可用的有"):
        registers.get_register("complains")


def test_R2_the_month_looks_like_the_paper_register(desk, tmp_path):
    fill(desk)
    folder = tmp_path / "out"
    folder.mkdir()
    done = registers.export_month(desk, OCTOBER, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["2026-10_业户名册.xlsx", "2026-10_访客登记表.xlsx", "2026-10_携物出入门证登记表.xlsx",
         "2026-10_客户投诉登记表.xlsx", "2026-10_投诉回访记录表.xlsx",
         "2026-10_顾客钥匙清单.xlsx", "2026-10_借用钥匙登记表.xlsx", "2026-10_邮件签收表.xlsx",
         "2026-10_钥匙紧急使用登记表.xlsx", "2026-10_换锁登记表.xlsx",
         "2026-10_VIP卡发放登记表.xlsx", "2026-10_VIP服务登记表.xlsx"])
    visits = next(e for e in done if e.register.name == "visitors")
    assert visits.rows > 100
    wb = load_workbook(visits.path)
    ws = wb.worksheets[0]
    assert ws.title == "访客登记表"
    assert ws["A1"].value == "幸福家园物业管理处 访客登记表"
    assert ws["A2"].value.startswith("期间：2026年10月")
    headers = [c.value for c in ws[3]]
    assert headers[:4] == ["登记单号", "状态", "到访时间", "离开时间"]
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.auto_filter.ref == f"A3:W{visits.rows + 3}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws["A4"].border.left.style == "thin"
    arrived = ws["C4"]
    assert isinstance(arrived.value, datetime) and arrived.number_format == "yyyy-mm-dd hh:mm"
    assert ws["I4"].data_type == "n"                             # 人数 is a number
    # widths fit the content: the ID column is wider than the 人数 column
    assert ws.column_dimensions["G"].width > ws.column_dimensions["I"].width >= 6
    # date order within the month
    times = [r[2] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert times == sorted(times) and times[0] >= datetime(2026, 10, 1)
    assert times[-1] < datetime(2026, 11, 1)


def test_G3_ids_and_phones_are_masked_unless_a_full_export_is_asked(desk, desk_as, tmp_path):
    fill(desk)
    out = tmp_path / "v.xlsx"
    registers.export_register(desk, "visitors", OCTOBER, out)
    rows = data_rows(out)
    assert all("*" in r["证件号码"] and "*" in r["访客电话"] for r in rows)
    registers.export_register(desk, "visitors", OCTOBER, out, full=True)
    assert not any("*" in r["证件号码"] for r in data_rows(out))
    with pytest.raises(PermissionDenied):
        registers.export_register(desk_as(Role.MANAGER), "visitors", OCTOBER, tmp_path / "x.xlsx",
                                  full=True)
    assert not (tmp_path / "x.xlsx").exists()


def test_households_are_a_snapshot_with_masked_ids(desk, tmp_path):
    fill(desk)
    out = tmp_path / "h.xlsx"
    done = registers.export_register(desk, "households", OCTOBER, out)
    rows = data_rows(out)
    assert len(rows) == done.rows and rows[0]["楼栋"]
    numbers = [r["证件号码"] for r in rows if r["证件号码"]]
    assert numbers and all("*" in n for n in numbers)
    assert cells(out)[1][0].startswith("截至")
    assert isinstance(next(r["入伙日期"] for r in rows if r["入伙日期"]), datetime)


def _fresh_desk(tmp_path: Path, clock) -> Desk:
    db = open_database(tmp_path / "empty.sqlite3")
    return Desk(db, make_operator(db, "admin2", "李管理", Role.ADMIN), clock)


@pytest.mark.parametrize("name,full", [("visitors", False), ("goods-passes", False),
                                       ("households", True)])
def test_R2_export_import_into_an_empty_database_export_gives_the_same_cells(
        desk, clock, tmp_path, name, full):
    fill(desk)
    first = tmp_path / "first.xlsx"
    exported = registers.export_register(desk, name, OCTOBER, first, full=full)
    assert exported.rows > 0
    empty = _fresh_desk(tmp_path, clock)
    result = registers.import_register(empty, name, first)
    assert result.rows == exported.rows and result.written > 0
    second = tmp_path / "second.xlsx"
    registers.export_register(empty, name, OCTOBER, second, full=full)
    assert cells(second) == cells(first)
    # a second import of the same file is refused whole: those records are already there
    with pytest.raises(FileRejected):
        registers.import_register(empty, name, first)
    empty.db.dispose()


def test_G3_a_masked_id_number_comes_back_as_a_purged_one(desk, clock, tmp_path):
    fill(desk)
    out = tmp_path / "v.xlsx"
    registers.export_register(desk, "visitors", OCTOBER, out)
    empty = _fresh_desk(tmp_path, clock)
    registers.import_register(empty, "visitors", out)
    with empty.read() as s:
        purged = s.query(Visit).filter(Visit.id_purged.is_(True)).count()
        total = s.query(Visit).count()
    assert purged == total > 0
    empty.db.dispose()


def _bad_visit_file(desk: Desk, tmp_path: Path) -> Path:
    out = tmp_path / "v.xlsx"
    registers.export_register(desk, "visitors", OCTOBER, out, full=True)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    ws["B5"] = "溜达"                         # not a status
    ws["C6"] = "去年某天"                     # not a time
    ws["G7"] = "110105194912310021"          # a wrong check digit
    ws["E8"] = None                          # no name
    ws["A10"] = ws["A9"].value               # a serial twice
    wb.save(out)
    return out


def test_bad_rows_are_listed_by_row_number_and_nothing_is_written(desk, clock, tmp_path):
    fill(desk)
    out = _bad_visit_file(desk, tmp_path)
    empty = _fresh_desk(tmp_path, clock)
    with pytest.raises(FileRejected) as err:
        registers.import_register(empty, "visitors", out)
    rows = {p.row: p.reason for p in err.value.problems}
    assert {5, 6, 7, 8} <= set(rows)
    assert "状态" in rows[5] and "到访时间" in rows[6] and "访客姓名" in rows[8]
    assert "第5行" in str(err.value)
    with empty.read() as s:
        assert s.query(Visit).count() == 0
    empty.db.dispose()


def test_a_duplicate_serial_is_named_with_both_rows(desk, clock, tmp_path):
    fill(desk)
    out = tmp_path / "v.xlsx"
    registers.export_register(desk, "visitors", OCTOBER, out, full=True)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    ws["A10"] = ws["A9"].value
    wb.save(out)
    empty = _fresh_desk(tmp_path, clock)
    with pytest.raises(FileRejected) as err:
        registers.import_register(empty, "visitors", out)
    assert [(p.row, p.reason) for p in err.value.problems] == [
        (10, f"单号{ws['A9'].value}与第9行重复")]
    empty.db.dispose()


def test_import_refuses_nonsense_files(desk, tmp_path):
    with pytest.raises(ValidationError, match="找不到文件"):
        registers.import_register(desk, "visitors", tmp_path / "none.xlsx")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    with pytest.raises(ValidationError, match="无法读取"):
        registers.import_register(desk, "visitors", junk)
    other = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "13800000000"])
    wb.save(other)
    with pytest.raises(ValidationError, match="找不到表头"):
        registers.import_register(desk, "visitors", other)
    header_only = tmp_path / "header.xlsx"
    wb = Workbook()
    wb.active.append(list(registers.get_register("visitors").headers))
    wb.save(header_only)
    with pytest.raises(ValidationError, match="没有数据行"):
        registers.import_register(desk, "visitors", header_only)
    with pytest.raises(ValidationError, match="没有名为"):
        registers.import_register(desk, "keys", header_only)


def test_import_needs_the_import_permission(desk_as, tmp_path):
    with pytest.raises(PermissionDenied):
        registers.import_register(desk_as(Role.FRONT_DESK), "visitors", tmp_path / "x.xlsx")


def test_a_cancelled_export_leaves_no_file(desk, tmp_path):
    fill(desk)
    progress = Progress()
    seen: list[int] = []

    def listener(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done >= 1000:
            progress.cancel()

    progress.listener = listener
    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "2026-10_访客登记表.xlsx"
    old.write_bytes(b"the previous complete file")
    register = registers.get_register("visitors")
    many = Register("many", "访客登记表", register.columns,
                    lambda d, s, e: (r for _ in range(5) for r in register.rows(d, s, e)))
    with pytest.raises(Cancelled):
        registers.export_register(desk, many, OCTOBER, old, progress=progress)
    assert old.read_bytes() == b"the previous complete file"
    assert [p.name for p in folder.iterdir()] == [old.name]     # no temporary file left


def test_bad_output_places(desk, tmp_path):
    with pytest.raises(ValidationError, match="文件夹不存在"):
        registers.export_month(desk, OCTOBER, tmp_path / "nowhere")
    with pytest.raises(ValidationError, match=r"\.xlsx"):
        registers.export_register(desk, "visitors", OCTOBER, tmp_path / "v.pdf")
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        with pytest.raises(ValidationError, match="无法写入"):
            registers.export_month(desk, OCTOBER, locked)


def test_a_new_register_is_one_declaration(desk, tmp_path, monkeypatch):
    """What an area adds: a Register and one line in REGISTERS."""
    def rows(d, start: date, end: date):
        day = start
        while day <= end:
            yield (day, "巡查", 1)
            day += timedelta(days=7)

    global PATROLS
    PATROLS = Register("patrols", "巡查记录", (RegisterColumn("日期", 12, "date"),
                                               RegisterColumn("事项", 10),
                                               RegisterColumn("次数", 6, "int")), rows)
    monkeypatch.setattr(registers, "REGISTERS",
                        [*registers.REGISTERS, f"{__name__}:PATROLS"])
    folder = tmp_path / "out"
    folder.mkdir()
    done = registers.export_month(desk, OCTOBER, folder)
    tmp_path = folder
    assert [e.register.name for e in done][-1] == "patrols"
    sheet = cells(tmp_path / "2026-10_巡查记录.xlsx")
    assert sheet[2] == ["日期", "事项", "次数"] and sheet[3][0] == datetime(2026, 10, 1)
    with pytest.raises(ValidationError, match="不能从 Excel 导入"):
        registers.import_register(desk, "patrols", tmp_path / "2026-10_巡查记录.xlsx")


def _export_peak(desk: Desk, period: Period, out: Path) -> float:
    tracemalloc.start()
    try:
        registers.export_register(desk, "visitors", period, out)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_a_large_export_streams_with_flat_memory(desk, tmp_path, monkeypatch):
    """Three times the rows (each well over one fetched batch) take about the same memory.
    (Batches made small here to keep the test quick; bench_exports.py measures a year of
    1,000,000 visits.)"""
    from wuye_desk.services import visitor_register

    monkeypatch.setattr(visitor_register, "BATCH", 300)
    monkeypatch.setattr("wuye_desk.exports.xlsx.SAMPLE_ROWS", 100)
    from tests.services.visitor_helpers import host_household

    host_household(desk)
    hosts = visitor_demo.hosts(desk, [1])
    import random

    rng = random.Random(3)
    persons = visitor_demo.people(rng, 200, date(2026, 11, 1))
    duty = visitor_demo.duty_manager(desk)
    start, end = datetime(2026, 1, 1), datetime(2026, 10, 31, 23, 0)
    visitor_demo.bulk_insert_visits(desk, visitor_demo.visit_rows(
        rng, 4000, start, end, hosts, persons, duty, None, end), "生成")
    small = _export_peak(desk, Period("range", date(2026, 8, 1), date(2026, 10, 31)),
                         tmp_path / "small.xlsx")
    large = _export_peak(desk, Period("range", date(2026, 1, 1), date(2026, 10, 31)),
                         tmp_path / "large.xlsx")
    rows_small = len(data_rows(tmp_path / "small.xlsx"))
    assert 900 < rows_small < 1800
    assert large < small * 1.3 + 1, (small, large)


def test_V5_goods_lines_are_read_back_and_nonsense_is_named(desk, clock, tmp_path):
    from wuye_desk.services.visitor_register import items_text, read_items

    text = items_text([("纸箱", 3, "件", "普通物品"), ("电视机", 1, "台", "家具家电")])
    assert text == "纸箱×3件（普通物品）；电视机×1台（家具家电）"
    assert [(i.description, i.quantity, i.measure, i.category) for i in read_items(text)] == [
        ("纸箱", 3, "件", "普通物品"), ("电视机", 1, "台", "家具家电")]
    with pytest.raises(ValidationError, match="看不懂"):
        read_items("一些东西")
    fill(desk)
    out = tmp_path / "g.xlsx"
    registers.export_register(desk, "goods-passes", OCTOBER, out)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    ws["I4"] = "一些东西"
    ws["D5"] = "飞走"
    wb.save(out)
    empty = _fresh_desk(tmp_path, clock)
    with pytest.raises(FileRejected) as err:
        registers.import_register(empty, "goods-passes", out)
    assert [p.row for p in err.value.problems] == [4, 5]
    assert "物品" in err.value.problems[0].reason and "出入方向" in err.value.problems[1].reason
    empty.db.dispose()


def test_a_workbook_says_which_register_it_is_by_its_sheet_then_its_file_name(desk, tmp_path):
    fill(desk, households=10)
    for name in ("complaint-visits", "complaints", "vip-cards", "vip-services", "key-custody"):
        path = registers.export_register(desk, name, OCTOBER, tmp_path / "导出.xlsx").path
        guessed = registers.guess_register(path)
        assert guessed is not None and guessed.name == name
    renamed = tmp_path / "2025年访客登记表.xlsx"         # an office's own file: by its name
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.save(renamed)
    guessed = registers.guess_register(renamed)
    assert guessed is not None and guessed.name == "visitors"
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert registers.guess_register(broken) is None
    assert registers.guess_register(tmp_path / "没有这个文件.xlsx") is None
