"""atomic_output: a file is complete under its final name, or not there at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wuye_desk.atomic_file import atomic_output
from wuye_desk.domain.errors import ValidationError


def test_writes_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "登记表.pdf"
    with atomic_output(out) as temp:
        assert temp.parent == tmp_path and temp != out
        temp.write_bytes(b"complete")
        assert not out.exists()  # not under the final name until the writer is done
    assert out.read_bytes() == b"complete"
    assert [p.name for p in tmp_path.iterdir()] == ["登记表.pdf"]


def test_a_failing_writer_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    with pytest.raises(RuntimeError, match="writer broke"), atomic_output(out) as temp:
        temp.write_bytes(b"half a pdf")
        raise RuntimeError("writer broke")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_writer_keeps_the_previous_complete_file(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"last month, complete")
    with pytest.raises(RuntimeError), atomic_output(out) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("writer broke")
    assert out.read_bytes() == b"last month, complete"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old")
    with atomic_output(out) as temp:
        temp.write_bytes(b"new")
    assert out.read_bytes() == b"new"


def test_a_path_under_a_file_is_refused_in_chinese(tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder.txt"
    a_file.write_text("x")
    with pytest.raises(ValidationError, match="保存位置不是文件夹") as caught, \
            atomic_output(a_file / "out.pdf"):
        pytest.fail("the body must not run")
    assert caught.value.field == "保存位置"
    assert a_file.read_text() == "x"


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="保存位置不存在"), \
            atomic_output(tmp_path / "no-such-folder" / "out.pdf"):
        pytest.fail("the body must not run")


def test_a_folder_with_the_target_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out.pdf").mkdir()
    with pytest.raises(ValidationError, match="同名文件夹"), atomic_output(tmp_path / "out.pdf"):
        pytest.fail("the body must not run")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a user that is not root")
def test_an_unwritable_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ValidationError, match="无法写入文件夹"), \
                atomic_output(folder / "out.pdf"):
            pytest.fail("the body must not run")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_an_os_error_while_writing_speaks_chinese(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    with pytest.raises(ValidationError, match=r"保存 out\.pdf 失败"), atomic_output(out):
        raise OSError(28, "No space left on device")
    assert list(tmp_path.iterdir()) == []
