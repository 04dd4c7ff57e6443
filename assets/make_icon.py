#!/usr/bin/env python3
"""Makes assets/icon.png, the application icon: the white character 民 (people, as in 民生,
the livelihood of the people) on a rounded square in deep red, 256 x 256 pixels. The window
uses it (src/cli.rs), and packaging will.

Run by hand when the design changes, never at build time; the result is committed.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pillow fonttools
    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto
    /tmp/venv/bin/python assets/make_icon.py \
        /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc

(or, where fonts-noto-cjk is installed, with no argument). The character is drawn from the
Simplified-Chinese face of Noto Sans CJK Bold (SIL Open Font License 1.1); a picture of a
glyph is not font software, so the icon carries no font licence.
"""

import argparse
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent / "icon.png"
DEFAULT_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
FAMILY = "Noto Sans CJK SC"
SIZE = 256
SCALE = 4  # drawn 4x larger, then reduced: smooth edges without an antialiasing library
RED = (0xC8, 0x10, 0x2E, 255)
WHITE = (255, 255, 255, 255)
MARGIN = 8  # transparent border, as the desktop icon guidelines ask
RADIUS = 48
GLYPH_HEIGHT = 0.62  # of the square's side


def sc_face_index(path):
    """Index of the Simplified-Chinese face in a .ttc (0 for a single font file)."""
    if not path.endswith((".ttc", ".otc")):
        return 0
    index = 0
    while True:
        try:
            font = TTFont(path, fontNumber=index, lazy=True)
        except IndexError:
            sys.exit(f"{path} has no {FAMILY!r} face")
        names = (font["name"].getDebugName(1), font["name"].getDebugName(16))
        if FAMILY in names:
            return index
        index += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("font", nargs="?", default=DEFAULT_FONT)
    path = parser.parse_args().font

    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    box = (MARGIN * SCALE, MARGIN * SCALE, big - MARGIN * SCALE - 1, big - MARGIN * SCALE - 1)
    draw.rounded_rectangle(box, radius=RADIUS * SCALE, fill=RED)

    side = big - 2 * MARGIN * SCALE
    font = ImageFont.truetype(path, size=100, index=sc_face_index(path))
    left, top, right, bottom = font.getbbox("民")
    font = font.font_variant(size=round(100 * GLYPH_HEIGHT * side / (bottom - top)))
    left, top, right, bottom = font.getbbox("民")
    # Centre the ink itself, not the em box: the glyph's own bounds.
    x = (big - (right - left)) / 2 - left
    y = (big - (bottom - top)) / 2 - top
    draw.text((x, y), "民", font=font, fill=WHITE)

    icon = image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    icon.save(OUT, optimize=True)
    print(f"{OUT.name}: {icon.size[0]}x{icon.size[1]}, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
