"""Month end on a year of 1,000,000 visits: registers and reports beside bare openpyxl/reportlab.

    python tests/benchmarks/run.py exports

The peak memory of a month's and a year's visitor export is measured in fresh
processes (maximum resident set size) and printed with the figures: it must not
grow with the rows.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from data import TODAY, desk_with
from harness import bench
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table
from sqlalchemy import text

from wuye_desk.domain.periods import Period, month_period
from wuye_desk.services import demo, period_reports, registers, visitor_demo
from wuye_desk.services.desk import Desk

VISITS = 1_000_000
YEAR = Period("range", date(2025, 11, 18), date(2026, 11, 17))
MONTH = month_period(2026, 10)
OUT = Path(tempfile.mkdtemp(prefix="wuye-bench-exports-"))


def _build(desk: Desk) -> None:
    demo.fill(desk, households=2000, seed=11)
    rng = random.Random(11)
    with desk.read() as session:
        ids = [r[0] for r in session.execute(text("SELECT id FROM household"))]
    hosts = visitor_demo.hosts(desk, ids)
    persons = visitor_demo.people(rng, 20_000, TODAY.date())
    duty = visitor_demo.duty_manager(desk)
    start = datetime.combine(YEAR.start, datetime.min.time())
    end = TODAY - timedelta(days=1)
    visitor_demo.bulk_insert_visits(desk, visitor_demo.visit_rows(
        rng, VISITS, start, end, hosts, persons, duty, None, end), "基准测试访客",
        batch=10_000)
    with desk.db.write_engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def year_of_visits() -> Desk:
    return desk_with("exports-visits-1y", _build)


def _bare_xlsx(desk: Desk, period: Period, out: Path):  # type: ignore[no-untyped-def]
    """The floor: the same rows by one SQL query, appended raw to a write-only workbook."""
    def run() -> object:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("visits")
        with desk.db.read_engine.connect() as conn:
            for row in conn.execute(text(
                    "SELECT serial, status, arrived_at, left_at, visitor_name, id_type, id_number,"
                    " phone, people, plate, purpose, host_unit_code, host_department, host_name,"
                    " host_position, host_phone, host_answer, answered_by, night,"
                    " duty_manager_name, host_signed, slip_returned, exit_note FROM visit"
                    " WHERE arrived_at >= :lo AND arrived_at < :hi ORDER BY arrived_at, id"),
                    {"lo": str(period.start), "hi": str(period.end + timedelta(days=1))}
                    ).yield_per(2000):
                ws.append(list(row))
        wb.save(out)
        return out
    return run


def _peak_rss_mb(period: Period) -> float:
    """Export in a fresh process; its peak resident memory in MB."""
    code = (
        "import sys, resource; sys.path[:0] = sys.argv[1:3]\n"
        "from data import desk_with, TODAY\n"
        "from bench_exports import year_of_visits\n"
        "from wuye_desk.services import registers\n"
        "from wuye_desk.domain.periods import Period\n"
        "from datetime import date\n"
        "p = Period('range', date.fromisoformat(sys.argv[3]), date.fromisoformat(sys.argv[4]))\n"
        "registers.export_register(year_of_visits(), 'visitors', p, __import__('pathlib')"
        ".Path(sys.argv[5]))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    here = Path(__file__).resolve().parent
    result = subprocess.run(
        [sys.executable, "-c", code, str(here), str(here.parents[1] / "src"),
         period.start.isoformat(), period.end.isoformat(), str(OUT / "rss.xlsx")],
        check=True, capture_output=True, text=True)
    return int(result.stdout.split()[-1]) / 1024


def _print_memory() -> None:
    month = _peak_rss_mb(MONTH)
    year = _peak_rss_mb(YEAR)
    print(f"  peak memory, visitor export: a month {month:.0f} MB, a year "
          f"({VISITS:,} visits) {year:.0f} MB", flush=True)


@bench("exports: the month's registers (3 workbooks)", "≤ 3× bare openpyxl", repeat=3,
       limit_ratio=3)
def month_registers():  # type: ignore[no-untyped-def]
    desk = year_of_visits()
    folder = OUT / "month"
    folder.mkdir(exist_ok=True)
    return (lambda: registers.export_month(desk, MONTH, folder),
            _bare_xlsx(desk, MONTH, OUT / "bare-month.xlsx"))


@bench("exports: a year of visits (1,000,000 rows)", "≤ 3× bare openpyxl", repeat=1,
       limit_ratio=3)
def year_of_visits_export():  # type: ignore[no-untyped-def]
    desk = year_of_visits()
    _print_memory()
    return (lambda: registers.export_register(desk, "visitors", YEAR, OUT / "year.xlsx"),
            _bare_xlsx(desk, YEAR, OUT / "bare-year.xlsx"))


@bench("reports: the monthly report PDF", "< 5 s", repeat=3, limit_ms=5000)
def monthly_report():  # type: ignore[no-untyped-def]
    desk = year_of_visits()

    def bare() -> object:
        """The floor: reportlab tables of the same size, without the queries or charts."""
        doc = SimpleDocTemplate(str(OUT / "bare.pdf"), pagesize=A4)
        data = [["项目", "本月", "上月", "去年同月", "环比", "同比"]] + [
            [str(i), "1", "2", "3", "+1", "+2"] for i in range(12)]
        doc.build([Table(data), Table(data), Table(data)])
        return None

    return (lambda: period_reports.build_monthly(desk, MONTH, OUT / "monthly.pdf"), bare)

