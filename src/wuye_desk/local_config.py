"""Settings of this PC only (e.g. its backup folder), kept in paths.local_config_file().

Office settings live in the database and are shared by every desk; these are
not. The file is JSON, rewritten whole and atomically; a missing or damaged
file reads as empty, so a PC always starts.
"""

from __future__ import annotations

import json
import os
from typing import Any

from wuye_desk import paths


def read_all() -> dict[str, Any]:
    try:
        data = json.loads(paths.local_config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def get(key: str, default: Any = None) -> Any:
    return read_all().get(key, default)


def put(key: str, value: Any) -> None:
    """Set (or with None, remove) one key."""
    data = read_all()
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value
    file = paths.local_config_file()
    temp = file.with_name(file.name + ".tmp")
    temp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temp, file)
