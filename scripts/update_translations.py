"""Refresh the window's translations after UI texts changed.

    .venv/bin/python scripts/update_translations.py

1. pyside6-lupdate reads every self.tr(...) / QT_TRANSLATE_NOOP(...) under
   src/wuye_desk/ui and merges new texts into resources/translations/*.ts
   (translations already made are kept; texts no longer used are dropped).
2. Open the .ts in Qt Linguist (pyside6-linguist) — or edit the XML — and
   translate what is marked unfinished.
3. pyside6-lrelease compiles each .ts into the .qm the desk loads.
   packaging/build.py does this step too, before every build.

Untranslated texts show in Chinese, so a missing translation never blanks a label.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "src" / "wuye_desk" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    for candidate in (Path(sys.executable).parent / name, Path(sys.executable).parent / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [m.findtext("source") or "" for m in root.iter("message")
            if (t := m.find("translation")) is not None and t.get("type") == "unfinished"]


def main() -> int:
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = TRANSLATIONS / f"wuye_desk_{language}.ts"
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                        "-source-language", "zh_CN", "-target-language", language,
                        *sources, "-ts", str(ts)], check=True)
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)
        missing = unfinished(ts)
        print(f"{ts.relative_to(ROOT)}: {len(missing)} text(s) still to translate")
        for text in missing:
            print(f"  {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
