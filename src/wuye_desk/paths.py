"""Every path the desk uses, in one place, each with an override for tests.

Per-user folders come from platformdirs. The environment variable
WUYE_DESK_HOME moves all of them under one folder (tests, portable installs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "wuye-desk"
_dirs = PlatformDirs(APP_NAME, appauthor=False)


def _home() -> Path | None:
    home = os.environ.get("WUYE_DESK_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    path = home / "data" if home else Path(_dirs.user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home()
    path = home / "logs" if home else Path(_dirs.user_log_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_file() -> Path:
    return data_dir() / "wuye-desk.sqlite3"


def default_backup_dir() -> Path:
    return data_dir() / "backups"


def local_config_file() -> Path:
    """Settings of this PC only (language, backup folder); office settings live in the database."""
    home = _home()
    base = home / "config" if home else Path(_dirs.user_config_dir)
    base.mkdir(parents=True, exist_ok=True)
    return base / "desk.json"


def _bundled(name: str) -> Path:
    """resources/ and forms/: inside a PyInstaller bundle, a wheel, or the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    here = Path(__file__).resolve().parent
    candidates.append(here / "_bundled" / name)
    candidates.append(here.parents[1] / name)  # source checkout: src/wuye_desk -> top level
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到程序资源目录 {name}/（安装不完整？）")


def resources_dir() -> Path:
    return _bundled("resources")


def forms_dir() -> Path:
    return _bundled("forms")


def font_file() -> Path:
    return resources_dir() / "fonts" / "DroidSansFallbackFull.ttf"


def latin_font_file() -> Path:
    """Companion of font_file() in PDFs: the CJK font has no Latin letters or digits."""
    return resources_dir() / "fonts" / "DejaVuSans.ttf"


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "store" / "migrations"


def printouts_dir() -> Path:
    """Where printed forms are written before the PDF viewer opens them."""
    path = data_dir() / "printouts"
    path.mkdir(parents=True, exist_ok=True)
    return path
