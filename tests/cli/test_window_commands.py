"""`wuye-desk screenshot`: the window on the database, saved as a picture, no login needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from wuye_desk import app as desk_app
from wuye_desk import language
from wuye_desk.cli import main


@pytest.fixture(autouse=True)
def _chinese_again() -> Iterator[None]:
    yield
    language.use_for_this_run(None)
    instance = QApplication.instance()
    if instance is not None:
        desk_app.remove_translations(instance)


def test_screenshot_of_a_tab(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite3"
    assert main(["demo", "--households", "12", "--db", str(db)]) == 0
    out = tmp_path / "shots" / "households.png"
    assert main(["screenshot", "--tab", "households", "--size", "1024x700", "--out", str(out), "--db", str(db)]) == 0
    assert str(out) in capsys.readouterr().out
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)


def test_screenshot_in_english(tmp_path: Path) -> None:
    out = tmp_path / "en.png"
    assert main(["--lang", "en", "screenshot", "--out", str(out), "--db", str(tmp_path / "new.sqlite3")]) == 0
    assert QImage(str(out)).width() == 1366


@pytest.mark.parametrize(("args", "message"), [
    (["--tab", "kitchen", "--out", "x.png"], "没有页签“kitchen”"),
    (["--out", "x.jpg"], "应以 .png 结尾"),
    (["--size", "huge", "--out", "x.png"], "窗口大小“huge”不对"),
    (["--size", "10x10", "--out", "x.png"], "窗口大小“10x10”不对"),
])
def test_screenshot_refuses_nonsense(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     args: list[str], message: str) -> None:
    argv = ["screenshot", *[str(tmp_path / a) if a.startswith("x.") else a for a in args],
            "--db", str(tmp_path / "office.sqlite3")]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_an_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "fr", "check"])
    assert exit_.value.code == 2
