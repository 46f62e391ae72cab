"""The language of the window: Chinese (the office's) or English (head-office auditors,
a foreign tenant's assistant).

Chosen per PC in the settings dialog (kept in local_config as "language") or for one
run with `wuye-desk --lang en`. Data — names, units, statuses — stays as entered;
the window's own texts come from resources/translations/wuye_desk_<lang>.qm.
"""

from __future__ import annotations

from wuye_desk import local_config, paths

CHINESE = "zh"
ENGLISH = "en"
LANGUAGES: dict[str, str] = {CHINESE: "中文", ENGLISH: "English"}
CONFIG_KEY = "language"

_override: str | None = None


def use_for_this_run(language: str | None) -> None:
    """`--lang`: this run only, the PC's setting is not changed."""
    global _override
    if language is not None and language not in LANGUAGES:
        raise ValueError(language)
    _override = language


def saved_for_this_pc() -> str:
    """The PC's setting (a damaged or unknown value reads as Chinese)."""
    chosen = local_config.get(CONFIG_KEY, CHINESE)
    return chosen if chosen in LANGUAGES else CHINESE


def current() -> str:
    """The language of this run: --lang if given, else the PC's setting."""
    return _override if _override is not None else saved_for_this_pc()


def save_for_this_pc(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(language)
    local_config.put(CONFIG_KEY, None if language == CHINESE else language)


def translation_file(language: str) -> str | None:
    """The compiled translation of the window's texts; None for Chinese (the source language)."""
    if language == CHINESE:
        return None
    return str(paths.resources_dir() / "translations" / f"wuye_desk_{language}.qm")
