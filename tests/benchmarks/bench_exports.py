"""Month end on the ten-year database: the month's registers, a year of visits (about
100,000 rows) and the monthly report, beside bare openpyxl / reportlab.

    python tests/benchmarks/run.py exports

The peak memory of a month's and a year's visitor export is measured in fresh
processes (maximum resident set size) and printed with the figures: it must not
grow with the rows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from data import ten_years
from harness import bench
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table
from sqlalchemy import text

from wuye_desk.domain.periods import Period, month_period
from wuye_desk.services import period_reports, registers
from wuye_desk.services.desk import Desk

VISITS = 100_000   # a year of the ten-year log
YEAR = Period("range", date(2025, 11, 18), date(2026, 11, 17))
MONTH = month_period(2026, 10)
OUT = Path(tempfile.mkdtemp(prefix="wuye-bench-exports-"))


def year_of_visits() -> Desk:
    return ten_years()


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


def _bare_registers(desk: Desk, period: Period, folder: Path):  # type: ignore[no-untyped-def]
    """The floor of the month's export: each register's own row query appended raw to a
    write-only workbook (no title rows, column formats, masking or progress)."""
    def run() -> object:
        for reg in registers.all_registers():
            wb = Workbook(write_only=True)
            ws = wb.create_sheet(reg.title)
            ws.append([c.header for c in reg.columns])
            for row in reg.rows(desk, period.start, period.end):
                ws.append(list(row))
            wb.save(folder / f"bare-{reg.name}.xlsx")
        return None
    return run


@bench("exports: the month's registers (every register)", "≤ 1.5 × bare openpyxl", repeat=1,
       limit_ratio=1.5)
def month_registers():  # type: ignore[no-untyped-def]
    desk = year_of_visits()
    folder = OUT / "month"
    folder.mkdir(exist_ok=True)
    return (lambda: registers.export_month(desk, MONTH, folder),
            _bare_registers(desk, MONTH, folder))


@bench("exports: a year of visits (~100,000 rows)", "≤ 1.5 × bare openpyxl", repeat=1,
       limit_ratio=1.5)
def year_of_visits_export():  # type: ignore[no-untyped-def]
    desk = year_of_visits()
    _print_memory()
    return (lambda: registers.export_register(desk, "visitors", YEAR, OUT / "year.xlsx"),
            _bare_xlsx(desk, YEAR, OUT / "bare-year.xlsx"))


@bench("reports: the monthly report PDF", "< 2 s", repeat=3, limit_ms=2000)
def monthly_report():  # type: ignore[no-untyped-def]
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    from wuye_desk.reports import blocks
    from wuye_desk.reports.fonts import register_pdf_font

    desk = year_of_visits()
    font = register_pdf_font()
    tables = [b for s in period_reports.gather(desk, period_reports.SECTIONS, MONTH)
              for b in s.blocks if isinstance(b, blocks.Table)]
    style = getSampleStyleSheet()["Normal"].clone("bare", fontName=font)

    def bare() -> object:
        """The floor: reportlab drawing the report's tables (the same rows, already
        counted), without the queries, the charts or the layout around them."""
        doc = SimpleDocTemplate(str(OUT / "bare.pdf"), pagesize=A4)
        story: list[object] = []
        for t in tables:
            story.append(Paragraph("表", style))
            story.append(Table([list(t.header)] + [[str(v) for v in r] for r in t.rows],
                               style=[("FONTNAME", (0, 0), (-1, -1), font)]))
        doc.build(story)
        return None

    return (lambda: period_reports.build_monthly(desk, MONTH, OUT / "monthly.pdf"), bare)
