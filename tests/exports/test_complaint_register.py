"""The complaint register and its return visits as Excel (rules R2, C8, C9, G3): real dates,
masked phones, the round trip into an empty database, bad rows named, nothing written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.conftest import make_operator
from tests.exports.month_helpers import OCTOBER, cells, data_rows, fill
from wuye_desk.domain.errors import FileRejected
from wuye_desk.domain.operators import Role
from wuye_desk.services import registers
from wuye_desk.services.desk import Desk
from wuye_desk.store.database import open_database
from wuye_desk.store.models import Complaint, ComplaintEvent, ReturnVisit


def _fresh_desk(tmp_path: Path, clock) -> Desk:
    db = open_database(tmp_path / "empty.sqlite3")
    return Desk(db, make_operator(db, "admin2", "李管理", Role.ADMIN), clock)


def _count(desk: Desk, model) -> int:
    with desk.read() as s:
        return s.query(model).count()


def test_R2_the_complaint_register_looks_like_the_paper_one(desk, tmp_path):
    fill(desk)
    out = tmp_path / "c.xlsx"
    done = registers.export_register(desk, "complaints", OCTOBER, out)
    assert done.rows == _count_in_october(desk)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    assert ws.title == "客户投诉登记表"
    assert ws["A1"].value == "幸福家园物业管理处 客户投诉登记表"
    assert [c.value for c in ws[3]][:4] == ["投诉单号", "受理时间", "受理渠道", "投诉人身份"]
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    received = ws["B4"]
    assert isinstance(received.value, datetime) and received.number_format == "yyyy-mm-dd hh:mm"
    assert isinstance(ws["Q4"].value, datetime)                    # 处理时限 is a date too
    rows = data_rows(out)
    times = [r["受理时间"] for r in rows]
    assert times == sorted(times) and OCTOBER.contains(times[0].date())
    phones = [r["联系电话"] for r in rows if r["联系电话"]]
    assert phones and all("*" in p for p in phones)                # rule G3
    assert {r["状态"] for r in rows} <= {"受理", "处理中", "已处理", "已回访", "已关闭", "无效"}
    wb.close()


def _count_in_october(desk: Desk) -> int:
    with desk.read() as s:
        return s.query(Complaint).filter(Complaint.received_at >= datetime(2026, 10, 1),
                                         Complaint.received_at < datetime(2026, 11, 1)).count()


def test_C9_return_visits_are_the_visits_made_in_the_month(desk, tmp_path):
    fill(desk)
    out = tmp_path / "v.xlsx"
    done = registers.export_register(desk, "complaint-visits", OCTOBER, out)
    with desk.read() as s:
        made = s.query(ReturnVisit).filter(ReturnVisit.visited_at >= datetime(2026, 10, 1),
                                           ReturnVisit.visited_at < datetime(2026, 11, 1)).count()
    assert done.rows == made > 0
    rows = data_rows(out)
    assert all(r["投诉单号"].startswith("TS") for r in rows)
    assert {r["满意度"] for r in rows} <= {"满意", "较满意", "不满意"}
    assert all(isinstance(r["回访时间"], datetime) for r in rows)


def test_R2_complaints_and_their_visits_come_back_the_same(desk, clock, tmp_path):
    fill(desk)
    first_c, first_v = tmp_path / "c1.xlsx", tmp_path / "v1.xlsx"
    complaints = registers.export_register(desk, "complaints", OCTOBER, first_c)
    visits = registers.export_register(desk, "complaint-visits", OCTOBER, first_v)
    assert complaints.rows > 0 and visits.rows > 0
    empty = _fresh_desk(tmp_path, clock)
    # the visits need their complaints: refused whole before, accepted after
    with pytest.raises(FileRejected, match="有"):
        registers.import_register(empty, "complaint-visits", first_v)
    assert _count(empty, ReturnVisit) == 0
    assert registers.import_register(empty, "complaints", first_c).written == complaints.rows
    assert registers.import_register(empty, "complaint-visits", first_v).written == visits.rows
    second_c, second_v = tmp_path / "c2.xlsx", tmp_path / "v2.xlsx"
    registers.export_register(empty, "complaints", OCTOBER, second_c)
    registers.export_register(empty, "complaint-visits", OCTOBER, second_v)
    assert cells(second_c) == cells(first_c)
    assert cells(second_v) == cells(first_v)
    # every imported complaint has a history entry saying where it came from (rule G4)
    assert _count(empty, ComplaintEvent) == complaints.rows
    # a second import of the same files is refused whole
    with pytest.raises(FileRejected):
        registers.import_register(empty, "complaints", first_c)
    with pytest.raises(FileRejected, match="有"):
        registers.import_register(empty, "complaint-visits", first_v)
    assert _count(empty, ReturnVisit) == visits.rows
    empty.db.dispose()


def test_bad_complaint_rows_are_named_by_row_number_and_nothing_is_written(
        desk, clock, tmp_path):
    fill(desk)
    out = tmp_path / "c.xlsx"
    registers.export_register(desk, "complaints", OCTOBER, out, full=True)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[3]]

    def col(header: str) -> str:
        return get_column_letter(headers.index(header) + 1)

    ws[f"{col('受理渠道')}4"] = "托梦"                       # not a channel
    ws[f"{col('受理时间')}5"] = "上个月"                     # not a time
    ws[f"{col('投诉类型')}6"] = "物业管理"
    ws[f"{col('子类')}6"] = None                             # 物业管理 needs a sub-topic (C2)
    ws[f"{col('投诉内容')}7"] = None                         # no description
    ws[f"{col('状态')}8"] = "已关闭"
    ws[f"{col('关闭时间')}8"] = None                         # closed without a time (C8)
    ws[f"{col('投诉单号')}10"] = ws[f"{col('投诉单号')}9"].value  # a serial twice
    wb.save(out)
    empty = _fresh_desk(tmp_path, clock)
    with pytest.raises(FileRejected) as err:
        registers.import_register(empty, "complaints", out)
    rows = {p.row: p.reason for p in err.value.problems}
    assert {4, 5, 6, 7, 8} <= set(rows)
    assert "受理渠道" in rows[4] and "受理时间" in rows[5] and "子类" in rows[6]
    assert "投诉内容" in rows[7] and "关闭时间" in rows[8]
    assert "第4行" in str(err.value)
    assert _count(empty, Complaint) == 0
    empty.db.dispose()


def test_a_visit_of_an_unknown_complaint_or_with_no_rating_is_refused(desk, clock, tmp_path):
    fill(desk)
    registers.export_register(desk, "complaints", OCTOBER, tmp_path / "c.xlsx")
    out = tmp_path / "v.xlsx"
    registers.export_register(desk, "complaint-visits", OCTOBER, out)
    empty = _fresh_desk(tmp_path, clock)
    registers.import_register(empty, "complaints", tmp_path / "c.xlsx")
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    ws["A4"] = "TS20261099999"
    ws["I5"] = "还行吧"
    ws["B6"] = datetime(2030, 1, 1, 9, 0)
    wb.save(out)
    with pytest.raises(FileRejected) as err:
        registers.import_register(empty, "complaint-visits", out)
    rows = {p.row: p.reason for p in err.value.problems}
    assert "不在系统中" in rows[4] and "满意度" in rows[5] and "回访时间" in rows[6]
    assert _count(empty, ReturnVisit) == 0
    empty.db.dispose()
