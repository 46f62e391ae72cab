"""Roster import and export (Excel), all or nothing (rules G1, G2)."""

import random
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from wuye_desk.domain.errors import FileRejected, PermissionDenied, ValidationError
from wuye_desk.domain.operators import Role
from wuye_desk.services import households, roster
from wuye_desk.services.demo import mobile, person_name, resident_id
from wuye_desk.store.models import AuditEntry, Household, Member

HEADER = ["楼栋", "单元", "房号", "姓名", "业主/租户", "手机", "证件类型", "证件号码",
          "入伙状态", "入伙日期", "家庭结构", "紧急联系人", "紧急联系电话", "备注"]


def write_xlsx(path, rows, header=HEADER, title="幸福家园业户名册"):
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed text, as a clerk's sheet would hold it
    wb.save(path)
    return path


def counts(desk):
    with desk.read() as s:
        return (s.scalar(select(func.count()).select_from(Household)),
                s.scalar(select(func.count()).select_from(Member)))


def test_header_below_a_title_and_several_rows_per_unit(desk, tmp_path):
    f = write_xlsx(tmp_path / "r.xlsx", [
        ["3", "2", "1502", "张三", "业主", "13812345678", "身份证", "11010519491231002X",
         "已入伙", datetime(2020, 5, 1), "有小孩的夫妇", "张大山", "010-62345678", "养狗"],
        ["3", "2", "1502", "李梅", "家属", "13912345678", None, None, None, None, None, None,
         None, None],
        ["A座", None, "1203", "王五", "租户", "13700001111", None, None, "出租", "2021/3/8",
         None, None, None, None],
    ])
    preview = roster.import_roster(desk, f)
    assert roster.summary(preview) == "2 户，3 人"
    view = households.find_by_unit(desk, "3-2-1502")
    assert [m.name for m in view.members] == ["张三", "李梅"]
    assert view.move_in_date == date(2020, 5, 1) and view.note == "养狗"
    a = households.find_by_unit(desk, "A座1203")
    assert a.tenure == "租户" and a.move_in_date == date(2021, 3, 8)


def test_one_house_column_and_synonym_headers(desk, tmp_path):
    f = write_xlsx(tmp_path / "r.xlsx", [
        ["3号楼2单元1502室", "张三", "13812345678", "入住"],
        ["03栋02单元0101", "李四", "139-1234-5678", None],
    ], header=["房屋", "业主姓名", "联系电话", "入住状态"], title=None)
    roster.import_roster(desk, f)
    assert households.find_by_unit(desk, "3-2-1502").primary_name == "张三"
    assert households.find_by_unit(desk, "3栋2单元0101") or households.find_by_unit(desk, "3-2-101")


def test_bad_rows_are_all_listed_and_nothing_is_written(desk, tmp_path):
    with desk.read() as s:
        audit_before = s.scalar(select(func.count()).select_from(AuditEntry))
    f = write_xlsx(tmp_path / "bad.xlsx", [
        ["3", "2", "1502", "张三", "业主", "13812345678", "身份证", "110105194912310021",
         "已入伙", None, None, None, None, None],                       # row 4: bad checksum
        ["3", "2", "1503", "李四", "业主", "1234", None, None, "已入伙", None, None, None, None,
         None],                                                        # row 5: bad phone
        ["月球", None, "", "王五", "业主", None, None, None, None, None, None, None, None, None],
        ["3", "2", "1505", "赵六", "业主", None, None, None, "已入伙", None, "外星家庭", None,
         None, None],                                                  # row 7: unknown segment
        ["3", "2", "1506", "钱七", "业主", "13812345670", None, None, "已入伙", None, None,
         None, None, None],                                            # good row
    ])
    with pytest.raises(FileRejected) as err:
        roster.import_roster(desk, f)
    rows = {p.row: p.reason for p in err.value.problems}
    assert set(rows) == {4, 5, 6, 7}
    assert "校验" in rows[4] and "手机" in rows[5] and "房号" in rows[6] and "家庭结构" in rows[7]
    assert "第4行" in str(err.value)
    assert counts(desk) == (0, 0)
    with desk.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit_before


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 broken zip", b"\x00" * 100])
def test_a_broken_file_gives_a_clear_message(desk, tmp_path, content):
    f = tmp_path / "broken.xlsx"
    f.write_bytes(content)
    with pytest.raises(ValidationError, match="无法读取"):
        roster.import_roster(desk, f)


def test_a_sheet_without_the_needed_headers_is_refused(desk, tmp_path):
    f = write_xlsx(tmp_path / "x.xlsx", [["a", "b"]], header=["产品", "价格"])
    with pytest.raises(ValidationError, match="表头"):
        roster.import_roster(desk, f)


def test_units_already_in_the_archive_refuse_the_file(desk, tmp_path):
    households.create_household(desk, households.HouseholdInput(
        unit="3-2-1502", members=[households.MemberInput("张三")]))
    f = write_xlsx(tmp_path / "r.xlsx", [["3", "2", "1502", "张三", "业主"] + [None] * 9])
    with pytest.raises(ValidationError, match="已有档案"):
        roster.import_roster(desk, f)
    assert counts(desk) == (1, 1)


def test_only_operators_allowed_to_import_may_import(desk_as, tmp_path):
    f = write_xlsx(tmp_path / "r.xlsx", [["3", "2", "1502", "张三", "业主"] + [None] * 9])
    with pytest.raises(PermissionDenied):
        roster.import_roster(desk_as(Role.FRONT_DESK), f)


def spellings(rng, building, entrance, room):
    return rng.choice([
        (str(building), str(entrance), str(room)),
        (f"{building}栋", f"{entrance}单元", str(room)),
        (f"{building:02d}", f"{entrance:02d}", f"{room}室"),
        (f"{building}号楼", str(entrance), str(room)),
    ])


def test_5000_households_with_mixed_spellings_round_trip(desk, tmp_path):
    rng = random.Random(7)
    rows = []
    n = 0
    for building in range(1, 30):
        for entrance in (1, 2):
            for floor in range(1, 31):
                for r in (1, 2, 3):
                    if n == 5000:
                        break
                    n += 1
                    b, e, room = spellings(rng, building, entrance, floor * 100 + r)
                    born = date(1960 + rng.randrange(40), rng.randrange(1, 13), rng.randrange(1, 28))
                    rows.append([b, e, room, person_name(rng), "业主", mobile(rng), "居民身份证",
                                 resident_id(rng, born, rng.random() < .5), "已入伙",
                                 datetime(2019, 1, 1), "成熟家庭", person_name(rng), mobile(rng),
                                 "=cmd|' /C calc'!A0" if n == 17 else ""])
                    if rng.random() < 0.3:
                        rows.append([b, e, room, person_name(rng), "家属", mobile(rng)]
                                    + [None] * 8)
    src = write_xlsx(tmp_path / "in.xlsx", rows)
    roster.import_roster(desk, src)
    assert counts(desk)[0] == 5000

    out1 = tmp_path / "out1.xlsx"
    roster.export_roster(desk, out1, full=True)
    # into an empty database, and out again: the same cells
    from wuye_desk.services.desk import Desk
    from wuye_desk.store.database import open_database

    db2 = open_database(tmp_path / "second.sqlite3")
    desk2 = Desk(db2, clock=desk.clock)
    roster.import_roster(desk2, out1)
    out2 = tmp_path / "out2.xlsx"
    roster.export_roster(desk2, out2, full=True)
    db2.dispose()
    cells1 = [r for r in load_workbook(out1).active.iter_rows(min_row=2, values_only=True)]
    cells2 = [r for r in load_workbook(out2).active.iter_rows(min_row=2, values_only=True)]
    assert cells1 == cells2
    assert len(cells1) > 5000
    # text typed by people never becomes a live formula
    ws = load_workbook(out1).active
    formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert any(c.value == "=cmd|' /C calc'!A0" for row in ws.iter_rows() for c in row)


def test_default_export_masks_ids_and_phones(desk, tmp_path):
    households.create_household(desk, households.HouseholdInput(
        unit="3-2-1502", members=[households.MemberInput(
            "张三", "业主", "13812345678", "居民身份证", "11010519491231002X")]))
    out = tmp_path / "masked.xlsx"
    roster.export_roster(desk, out)
    values = [v for row in load_workbook(out).active.iter_rows(values_only=True) for v in row]
    assert "11010519491231002X" not in values and "13812345678" not in values
    assert "138****5678" in values


def test_full_export_needs_the_administrator(desk_as, tmp_path):
    with pytest.raises(PermissionDenied):
        roster.export_roster(desk_as(Role.MANAGER), tmp_path / "x.xlsx", full=True)
    assert not (tmp_path / "x.xlsx").exists()
