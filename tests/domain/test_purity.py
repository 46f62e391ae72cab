"""The domain layer is plain Python: no Qt, no SQLAlchemy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

MODULES = ["ids", "phones", "units", "privacy", "households", "text"]


def test_validation_modules_import_neither_qt_nor_sqlalchemy():
    imports = "; ".join(f"import wuye_desk.domain.{m}" for m in MODULES)
    check = (
        f"import sys; {imports}; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
