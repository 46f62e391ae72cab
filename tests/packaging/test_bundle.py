"""The installable desk: build dist/wuye-desk/ with packaging/build.py and use it as an office PC would.

Slow (a PyInstaller build): run with `pytest --run-slow tests/packaging`. The built
executables run with no Python on the PATH, no PYTHONPATH, from a folder outside
the source tree, on a fresh database — so every resource (fonts, forms, icons,
translations, migrations, Qt plugins) must come from inside the bundle.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from wuye_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """dist/wuye-desk/ built into a temporary folder (PyInstaller's work folder is kept under build/)."""
    dist = tmp_path_factory.mktemp("dist")
    started = time.monotonic()
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist),
                    "--work", str(ROOT / "build" / "pyinstaller-test")], check=True, timeout=1100)
    TIMINGS["build"] = time.monotonic() - started
    app = dist / "wuye-desk"
    # the folder is moved once more, as a copied install would be
    moved = tmp_path_factory.mktemp("installed") / "wuye-desk"
    shutil.move(str(app), moved)
    yield moved
    print("\n" + "  ".join(f"{name}: {seconds:.1f} s" for name, seconds in TIMINGS.items()))


class Office:
    """A PC with the built desk and nothing else: an empty PATH, a fresh home folder."""

    def __init__(self, app: Path, place: Path) -> None:
        self.app = app
        self.place = place
        empty = place / "empty-bin"
        empty.mkdir(parents=True)
        self.env = {
            "PATH": str(empty),
            "HOME": str(place),
            "USERPROFILE": str(place),
            "WUYE_DESK_HOME": str(place / "home"),
            "QT_QPA_PLATFORM": "offscreen",
            "LANG": "C.UTF-8",
        }
        if sys.platform == "win32":
            import os

            self.env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")

    def run(self, *args: str, exe: str = "wuye-desk", ok: bool = True) -> subprocess.CompletedProcess[str]:
        started = time.monotonic()
        result = subprocess.run([str(self.app / f"{exe}{EXE_SUFFIX}"), *args], env=self.env, cwd=self.place,
                                capture_output=True, text=True, encoding="utf-8", timeout=300)
        TIMINGS[f"{exe} {args[0]}"] = TIMINGS.get(f"{exe} {args[0]}", 0) + time.monotonic() - started
        if ok:
            assert result.returncode == 0, f"{args}: {result.returncode}\n{result.stdout}\n{result.stderr}"
        return result


@pytest.fixture
def office(bundle: Path, tmp_path: Path) -> Office:
    return Office(bundle, tmp_path / "pc")


def test_the_bundle_carries_everything_it_needs(bundle: Path) -> None:
    names = {p.name for p in bundle.iterdir()}
    assert {f"wuye-desk{EXE_SUFFIX}", f"wuye-desk-cli{EXE_SUFFIX}"} <= names
    internal = bundle / "_internal"
    for part in ("resources/fonts/DroidSansFallbackFull.ttf", "resources/fonts/DejaVuSans.ttf",
                 "resources/icons/wuye-desk.png", "resources/icons/wuye-desk.ico",
                 "forms/household.toml", "forms/visitor_slip.toml",
                 "wuye_desk/store/migrations/env.py", "wuye_desk/store/migrations/versions/0001_foundation.py"):
        assert (internal / part).is_file(), part
    assert list((internal / "resources" / "translations").glob("*.qm")), "compiled translations"
    assert not list(internal.rglob("*.ts")), "translation sources stay out of the bundle"


def test_no_python_on_the_path(office: Office) -> None:
    assert shutil.which("python3", path=office.env["PATH"]) is None
    assert shutil.which("python", path=office.env["PATH"]) is None
    assert office.run("--version").stdout.strip() == f"wuye-desk {__version__}"
    assert office.run("--version", exe="wuye-desk-cli").stdout.strip() == f"wuye-desk {__version__}"


def test_a_fresh_office_demo_check_form_and_window(office: Office) -> None:
    database = office.place / "home" / "data" / "wuye-desk.sqlite3"
    assert not database.exists()

    demo = office.run("demo", "--households", "40")
    assert "已生成演示数据：40 户" in demo.stdout
    assert database.is_file(), "the database is created in the user's data folder"

    check = office.run("check")
    assert "完整性检查：通过" in check.stdout
    assert "（最新）" in check.stdout
    assert "操作日志链：完整" in check.stdout

    (office.place / "out").mkdir()
    pdf = office.place / "out" / "登记表.pdf"
    form = office.run("form", "household", "--unit", "1-1-101", "--out", str(pdf))
    assert str(pdf) in form.stdout
    text = PdfReader(pdf).pages[0].extract_text()
    assert "客户资料登记表" in text
    assert "1栋1单元101" in text  # the bundled fonts are embedded: Chinese and Latin read back

    shot = office.place / "out" / "window.png"
    office.run("screenshot", "--tab", "households", "--out", str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a window full of text, not an empty picture

    backups = office.run("backup")
    assert backups.returncode == 0


def test_a_database_named_with_db_and_the_clerks_mistakes(office: Office) -> None:
    other = office.place / "elsewhere" / "office.sqlite3"
    check = office.run("check", "--db", str(other))
    assert str(other) in check.stdout
    assert other.is_file()

    wrong_unit = office.run("form", "household", "--unit", "火星", "--out", str(office.place / "x.pdf"),
                            "--db", str(other), ok=False)
    assert wrong_unit.returncode == 2
    assert wrong_unit.stderr.startswith("错误：")
    assert not (office.place / "x.pdf").exists()

    nonsense = office.run("frobnicate", ok=False)
    assert nonsense.returncode != 0

    not_a_database = office.place / "notes.sqlite3"
    not_a_database.write_text("这不是数据库", encoding="utf-8")
    broken = office.run("check", "--db", str(not_a_database), ok=False)
    assert broken.returncode == 2
    assert "错误：" in broken.stderr
    assert not_a_database.read_text(encoding="utf-8") == "这不是数据库"


def test_the_window_starts_on_a_fresh_database(office: Office) -> None:
    """No sub-command: the window opens (offscreen), creates the database and waits at the first
    administrator's login; it is still running, not crashed, when the test closes it."""
    process = subprocess.Popen([str(office.app / f"wuye-desk{EXE_SUFFIX}")], env=office.env, cwd=office.place,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    database = office.place / "home" / "data" / "wuye-desk.sqlite3"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None and not database.exists():
            time.sleep(0.2)
        time.sleep(3)  # the login dialog is up by now, or the window has crashed
        assert process.poll() is None, process.communicate()
        assert database.is_file()
        assert (office.place / "home" / "logs" / "wuye-desk.log").is_file()
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_english_window_from_the_bundle(office: Office) -> None:
    english = office.place / "en.png"
    chinese = office.place / "zh.png"
    office.run("--lang", "en", "screenshot", "--out", str(english))
    office.run("screenshot", "--out", str(chinese))
    assert english.read_bytes() != chinese.read_bytes(), "the translation is loaded from the bundle"


def test_the_bundle_upgrades_an_older_database_after_a_backup(office: Office) -> None:
    from alembic import command

    from wuye_desk.domain.backups import BEFORE_UPGRADE
    from wuye_desk.store import migrate
    from wuye_desk.store.database import open_database

    older = office.place / "older.sqlite3"
    engine = open_database(older, upgrade=False).write_engine
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
    engine.dispose()

    check = office.run("check", "--db", str(older))
    assert "（最新）" in check.stdout
    backups = list((office.place / "home" / "data" / "backups").iterdir())
    assert len(backups) == 1
    assert BEFORE_UPGRADE in backups[0].name
