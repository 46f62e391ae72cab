"""Draw the desk's icon with Qt: resources/icons/wuye-desk.png and wuye-desk.ico.

    python packaging/make_icon.py

A teal rounded square with 物 (物业, property management) in the bundled font.
The .ico holds PNG images of every usual size (Windows Vista and later read them).
The results are committed; run this again only to change the drawing.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "DroidSansFallbackFull.ttf"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#0f6e6e"))
    painter.drawRoundedRect(box, size * 0.18, size * 0.18)
    painter.setBrush(QColor("#f2b134"))  # a roof line: the compound
    painter.drawRect(QRectF(box.left() + size * 0.14, box.top() + size * 0.13, box.width() - size * 0.28,
                            max(1.0, size * 0.06)))
    font = QFont(family)
    font.setPixelSize(int(size * 0.62))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(box.adjusted(0, size * 0.1, 0, 0), Qt.AlignmentFlag.AlignCenter, "物")
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[bytes], sizes: tuple[int, ...]) -> bytes:
    """An ICO file whose entries are PNG images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in zip(sizes, images, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    ICONS.mkdir(parents=True, exist_ok=True)
    pngs = [png_bytes(draw(size, family)) for size in SIZES]
    (ICONS / "wuye-desk.png").write_bytes(pngs[-1])
    (ICONS / "wuye-desk.ico").write_bytes(ico_bytes(pngs, SIZES))
    print(ICONS / "wuye-desk.png")
    print(ICONS / "wuye-desk.ico")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
