"""Write a file so that it is either complete under its final name or not there at all.

A report or form is written to a temporary file in the same folder and renamed
over the final name only when the writer finished without an error; a crash, a
full disk or a failing writer leaves no half-written file behind. No Qt here:
exports, reports and the CLI all use it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from wuye_desk.domain.errors import ValidationError


def _writable_folder(path: Path) -> Path:
    folder = path.parent
    if not folder.exists():
        raise ValidationError(f"保存位置不存在：{folder}，请选择其他文件夹", field="保存位置")
    if not folder.is_dir():
        raise ValidationError(f"保存位置不是文件夹：{folder}，请选择其他文件夹", field="保存位置")
    if path.is_dir():
        raise ValidationError(f"已有同名文件夹：{path}，请换一个文件名", field="保存位置")
    return folder


def _create_temp(folder: Path, name: str) -> Path:
    """An empty temporary file next to the final one (same disk, so the rename is atomic)."""
    for _ in range(20):
        candidate = folder / f"~{name}.{secrets.token_hex(4)}.tmp"
        try:
            # 0o666 minus the umask: the finished file gets the folder's usual permissions
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise ValidationError(
                f"无法写入文件夹 {folder}（{exc.strerror or exc}），请检查权限或选择其他文件夹",
                field="保存位置",
            ) from exc
        os.close(fd)
        return candidate
    raise ValidationError(f"无法在文件夹 {folder} 中建立临时文件", field="保存位置")


def _flush_to_disk(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces `path`.

    If the body raises, the temporary file is removed and `path` is left as it
    was (absent, or the previous complete version). A folder that cannot be
    written raises ValidationError before the body runs.
    """
    path = Path(path)
    folder = _writable_folder(path)
    temp = _create_temp(folder, path.name)
    try:
        yield temp
        _flush_to_disk(temp)
        os.replace(temp, path)
    except PermissionError as exc:
        # on Windows the usual cause: the old file is open in a PDF reader or Excel
        raise ValidationError(
            f"无法保存 {path.name}：文件被其他程序占用或没有写入权限，请关闭该文件后重试",
            field="保存位置",
        ) from exc
    except ValidationError:
        raise
    except OSError as exc:
        raise ValidationError(
            f"保存 {path.name} 失败：{exc.strerror or exc}", field="保存位置"
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
