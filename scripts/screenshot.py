"""Take the README's screenshot from the app itself: a demo database, the window, grab().

    .venv/bin/python scripts/screenshot.py [tab-key] [out.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
home = Path(tempfile.mkdtemp(prefix="wuye-shot-"))
os.environ["WUYE_DESK_HOME"] = str(home)

from wuye_desk.app import create_application  # noqa: E402
from wuye_desk.domain.operators import Role  # noqa: E402
from wuye_desk.services import demo  # noqa: E402
from wuye_desk.services.desk import Desk, OperatorInfo  # noqa: E402
from wuye_desk.store.database import open_database  # noqa: E402
from wuye_desk.ui.main_window import MainWindow  # noqa: E402


def main() -> int:
    tab = sys.argv[1] if len(sys.argv) > 1 else "overview"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshot.png")
    db = open_database(home / "demo.sqlite3")
    now = datetime(2026, 11, 18, 10, 30)
    desk = Desk(db, clock=lambda: now)
    demo.fill(desk, households=1200, seed=8)
    app = create_application()
    role = Role(os.environ.get("WUYE_SHOT_ROLE", Role.FRONT_DESK.value))  # e.g. 客户助理
    clerk = Desk(db, OperatorInfo(None, "demo", "李小梅", role), lambda: now)
    window = MainWindow(clerk)
    window.resize(1366, 800)
    window.show()
    window.show_tab(tab)
    for _ in range(5):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    db.dispose()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
