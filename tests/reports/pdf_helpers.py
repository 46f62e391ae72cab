"""Reading PDFs back in tests: text per page and every font used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def squeezed(text: str) -> str:
    """Text without any whitespace (vertical labels, table cells split over lines)."""
    return "".join(text.split())


def _fonts_in(resources: Any, seen: set[int]) -> Iterator[DictionaryObject]:
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                yield font
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                yield from _fonts_in(xobject.get("/Resources"), seen)


def fonts_used(path: Path) -> list[DictionaryObject]:
    seen: set[int] = set()
    found: list[DictionaryObject] = []
    for page in PdfReader(path).pages:
        found += _fonts_in(page.get("/Resources"), seen)
    return found


def embedded_font_file(font: DictionaryObject) -> str | None:
    """The /FontFile* key of the font's descriptor, None if the font is not embedded."""
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    for key in ("/FontFile2", "/FontFile", "/FontFile3"):
        if key in descriptor:
            return key
    return None
