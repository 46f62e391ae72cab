"""DESIGN.md's one-way street: nothing below ui/ imports Qt."""

import importlib
import pkgutil
import subprocess
import sys

import wuye_desk


def _non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(wuye_desk.__path__, "wuye_desk."):
        if info.name.startswith(("wuye_desk.ui", "wuye_desk.app", "wuye_desk.__main__", "wuye_desk.store.migrations")):
            continue
        names.append(info.name)
    return names


def test_no_module_below_ui_imports_pyside6():
    code = (
        "import importlib, sys\n"
        f"for name in {_non_ui_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**__import__("os").environ, "PYTHONPATH": wuye_desk.__path__[0] + "/.."})
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_imports_neither_qt_nor_sqlalchemy():
    code = (
        "import importlib, pkgutil, sys\n"
        "import wuye_desk.domain as d\n"
        "for info in pkgutil.walk_packages(d.__path__, 'wuye_desk.domain.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**__import__("os").environ, "PYTHONPATH": wuye_desk.__path__[0] + "/.."})
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_imports():
    for name in _non_ui_modules():
        importlib.import_module(name)
