"""Build the installable desk: dist/wuye-desk/ (one folder, no Python needed to run it).

    python packaging/build.py [--dist DIR] [--work DIR] [--clean] [--installer]

Steps: compile the translations (resources/translations/*.ts -> .qm), draw the
icon if it is missing, run PyInstaller on packaging/wuye-desk.spec, and on
Windows with --installer also run Inno Setup (ISCC.exe) on
packaging/windows/wuye-desk.iss, which makes dist/wuye-desk-setup-<version>.exe.
Needs the [dev] extra (PyInstaller) in the Python that runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "wuye-desk.spec"
ISS = ROOT / "packaging" / "windows" / "wuye-desk.iss"
TRANSLATIONS = ROOT / "resources" / "translations"


def version() -> str:
    text = (ROOT / "src" / "wuye_desk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    assert match, "no __version__ in src/wuye_desk/__init__.py"
    return match.group(1)


def qt_tool(name: str) -> list[str] | None:
    """A PySide6 tool (pyside6-lrelease …) next to this Python, or on the PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which(name)
    return [found] if found else None


def compile_translations() -> list[Path]:
    sources = sorted(TRANSLATIONS.glob("*.ts"))
    if not sources:
        return []
    lrelease = qt_tool("pyside6-lrelease")
    if lrelease is None:
        raise SystemExit("pyside6-lrelease not found: install the [dev] extra (PySide6) first")
    made = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        subprocess.run([*lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


def ensure_icon() -> None:
    if not (ROOT / "resources" / "icons" / "wuye-desk.ico").exists():
        subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icon.py")], check=True)


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def build_installer(dist: Path) -> Path:
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    default = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and default.exists():
        iscc = str(default)
    if iscc is None:
        raise SystemExit("ISCC.exe (Inno Setup 6) not found: install it from jrsoftware.org or put it on the PATH")
    subprocess.run([iscc, f"/DAppVersion={version()}", f"/DDistDir={dist}", f"/O{dist}", str(ISS)], check=True)
    return dist / f"wuye-desk-setup-{version()}.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/wuye-desk/ with PyInstaller")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's work folder (default: build/pyinstaller/)")
    parser.add_argument("--clean", action="store_true", help="start from an empty work folder")
    parser.add_argument("--installer", action="store_true", help="Windows: also make the Inno Setup installer")
    args = parser.parse_args(argv)

    started = time.monotonic()
    for qm in compile_translations():
        print(f"translation: {qm.relative_to(ROOT)}")
    ensure_icon()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(args.dist), "--workpath", str(args.work), str(SPEC)]
    if args.clean:
        command.insert(3, "--clean")
    subprocess.run(command, check=True, cwd=ROOT)
    app = args.dist / "wuye-desk"
    exe = app / ("wuye-desk.exe" if sys.platform == "win32" else "wuye-desk")
    print(f"built {exe} (wuye-desk {version()}, {folder_size(app) / 1e6:.0f} MB) "
          f"in {time.monotonic() - started:.0f} s")
    if args.installer:
        if sys.platform != "win32":
            raise SystemExit("--installer needs Windows (Inno Setup)")
        print(f"installer: {build_installer(args.dist)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
