"""The embedded typeface: DejaVu Sans, shipped in resources/fonts/ with its licence.

ReportLab's built-in Helvetica prints Ł, ễ, Cyrillic and Arabic as black boxes without any
error, so every document uses a TrueType font that ReportLab subsets into the PDF. The four
faces are registered as one family so that <b> and <i> in Paragraph markup pick the real
bold and oblique faces instead of silently staying regular.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from victimcare import config

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)
_lock = threading.Lock()
_registered = False


class FontsMissing(RuntimeError):
    """The shipped fonts are not where they should be (a broken installation)."""


def register_fonts() -> str:
    """Register the family once per process (safe to call from any thread); returns its name."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        folder = config.resources_dir() / "fonts"
        for face in _FACES:
            path = folder / f"{face}.ttf"
            if not path.is_file():
                raise FontsMissing(
                    f"The font file {path} is missing: victimcare cannot print without it. "
                    "Reinstall victimcare."
                )
            pdfmetrics.registerFont(TTFont(face, str(path)))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        # registerFontFamily maps the family name; map each face name too, so a style whose
        # fontName is the bold face still finds its italic partner for <i> inside it.
        for face in _FACES:
            addMapping(face, 0, 0, REGULAR)
            addMapping(face, 1, 0, BOLD)
            addMapping(face, 0, 1, ITALIC)
            addMapping(face, 1, 1, BOLD_ITALIC)
        _registered = True
    return FAMILY
