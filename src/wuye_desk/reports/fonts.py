"""The fonts of every PDF: the bundled CJK font, embedded, with a Latin companion.

The CJK font (Droid Sans Fallback, TrueType outlines) is registered with
reportlab as a TTFont, so each PDF embeds the subset of glyphs it uses and
prints the same on a PC without Chinese fonts. reportlab's built-in
STSong-Light is never used: it is not embedded.

Droid Sans Fallback has no Latin letters, digits or common symbols (— · “ ” ☐
☑); those characters are drawn with the bundled DejaVu Sans, also embedded.
`markup()` (for Paragraphs) and `draw_string()` (for the canvas) pick the font
character by character, so callers just pass text.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from wuye_desk import paths

CJK_FONT = "WuyeCJK"
LATIN_FONT = "WuyeLatin"


@cache
def _register() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    if CJK_FONT not in registered:
        pdfmetrics.registerFont(TTFont(CJK_FONT, str(paths.font_file())))
    if LATIN_FONT not in registered:
        pdfmetrics.registerFont(TTFont(LATIN_FONT, str(paths.latin_font_file())))


def register_pdf_font() -> str:
    """Register the embedded fonts (once) and return the name of the main (CJK) font."""
    _register()
    return CJK_FONT


@cache
def _cjk_chars() -> frozenset[int]:
    _register()
    font = pdfmetrics.getFont(CJK_FONT)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


@cache
def _latin_chars() -> frozenset[int]:
    _register()
    font = pdfmetrics.getFont(LATIN_FONT)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


def font_for(char: str) -> str:
    """The font that has a glyph for `char` (the CJK font when neither has one)."""
    code = ord(char)
    if code in _cjk_chars() or code not in _latin_chars():
        return CJK_FONT
    return LATIN_FONT


def runs(text: str) -> list[tuple[str, str]]:
    """Split `text` into (font name, piece) runs; spaces stay with the run they are in."""
    result: list[tuple[str, str]] = []
    current_font = ""
    piece: list[str] = []
    for char in text:
        font = current_font if (char == " " and current_font) else font_for(char)
        if font != current_font and piece:
            result.append((current_font, "".join(piece)))
            piece = []
        current_font = font
        piece.append(char)
    if piece:
        result.append((current_font, "".join(piece)))
    return result


def markup(text: str) -> str:
    """Paragraph markup for plain `text` (escaped), Latin runs in the Latin font.

    Use with a ParagraphStyle whose fontName is the CJK font. Line breaks in
    the text become <br/>.
    """
    out: list[str] = []
    for font, piece in runs(text):
        escaped = escape(piece).replace("\n", "<br/>")
        out.append(escaped if font == CJK_FONT else f'<font face="{LATIN_FONT}">{escaped}</font>')
    return "".join(out)


def string_width(text: str, size: float) -> float:
    return float(sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in runs(text)))


def draw_string(
    canvas: Canvas, x: float, y: float, text: str, size: float, *, align: str = "left",
    bold: bool = False,
) -> float:
    """Draw one line of mixed text at baseline y; align is left, centre or right. Returns its width.

    The fonts have no bold face; `bold` strokes the outlines as well as filling them.
    """
    width = string_width(text, size)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    canvas.saveState()  # the render mode and line width must not leak into what follows
    text_object = canvas.beginText(x, y)
    if bold:
        canvas.setLineWidth(size * 0.035)
        text_object.setTextRenderMode(2)  # fill, then stroke
    for font, piece in runs(text):
        text_object.setFont(font, size)
        text_object.textOut(piece)
    canvas.drawText(text_object)
    canvas.restoreState()
    return width
