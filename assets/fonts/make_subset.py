#!/usr/bin/env python3
"""Makes assets/fonts/NotoSansSC-Minsheng-Subset.otf, the Simplified-Chinese font the
program embeds for machines that have none (and that the tests use, so they do not depend
on the machine's fonts).

It is run by hand when the coverage below must change, never at build time; the result is
committed. Run it again after adding texts with Han characters that are not in GB 2312
(rare characters in place names, for example): a test (tests/embedded_font.rs) fails until
the font covers every Chinese character in the sources and in assets/*.csv.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install fonttools
    apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb /tmp/noto
    /tmp/venv/bin/python assets/fonts/make_subset.py \
        /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

(or, where fonts-noto-cjk is installed, with no argument). The source is Noto Sans CJK SC
Regular, the Simplified-Chinese face of Debian's fonts-noto-cjk collection (SIL Open Font
License 1.1, see OFL.txt beside this file). The subset keeps:

- ASCII, Latin-1, general punctuation, CJK symbols and punctuation, full-width forms;
- the 6,763 hanzi of GB 2312 (every character of everyday Simplified Chinese);
- every character that appears in any file under src/ and assets/ (the program's texts,
  the division names of the district).

Glyph outlines stay CFF with their subroutines (smaller than TrueType outlines for CJK), but
without hints, OpenType layout tables or vertical metrics: egui and the PDF writer map
characters to glyphs through the cmap only and draw horizontally. The family is renamed so
that the subset is never mistaken for the full Noto font.
"""

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "fonts" / "NotoSansSC-Minsheng-Subset.otf"
DEFAULT_SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Noto Sans SC Minsheng Subset"
POSTSCRIPT = "NotoSansSCMinshengSubset-Regular"

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation: — ‘ ’ “ ” … ‰ ※
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」【】〔〕
    (0xFF00, 0xFFEF),  # full-width forms: （），：；！？
]


def gb2312_hanzi():
    """The 6,763 hanzi of GB 2312: rows 16 to 87 of the code table."""
    chars = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the unassigned end of row 55
    assert len(chars) == 6763, len(chars)
    return chars


def project_chars():
    """Every character in the text files under src/ and assets/ (this script included)."""
    chars = set()
    for folder in ("src", "assets"):
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path == OUT:
                continue
            try:
                chars.update(path.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                pass  # binary files: the icon, the font itself
    return {c for c in chars if c.isprintable() or c == "\u3000"}


def sc_face_index(path):
    """Index of the Simplified-Chinese face in a .ttc (0 for a single font file)."""
    if not path.endswith((".ttc", ".otc")):
        return 0
    index = 0
    while True:
        try:
            font = TTFont(path, fontNumber=index, lazy=True)
        except IndexError:
            sys.exit(f"{path} has no {SOURCE_FAMILY!r} face")
        if font["name"].getDebugName(1) == SOURCE_FAMILY:
            return index
        index += 1


def rename(font):
    """New family names (OFL: a modified font is not shown under the original's name)."""
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            name.removeNames(nameID=record.nameID)
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName("Regular", 2, 3, 1, 0x409)
    name.setName(f"{POSTSCRIPT};subset of Noto Sans CJK SC 2.004", 3, 3, 1, 0x409)
    name.setName(FAMILY, 4, 3, 1, 0x409)
    name.setName(POSTSCRIPT, 6, 3, 1, 0x409)
    # Mac-platform duplicates are not needed by any current system.
    name.names = [r for r in name.names if r.platformID == 3]
    cff = font["CFF "].cff
    top = cff[cff.fontNames[0]]
    cff.fontNames = [POSTSCRIPT]
    top.FullName = FAMILY
    top.FamilyName = FAMILY


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=DEFAULT_SOURCE)
    source = parser.parse_args().source

    chars = set(gb2312_hanzi()) | project_chars()
    for first, last in RANGES:
        chars.update(chr(c) for c in range(first, last + 1))

    options = subset.Options()
    options.font_number = sc_face_index(source)
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = False
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    options.name_languages = [0x409]
    options.drop_tables += ["BASE", "GDEF", "GSUB", "GPOS", "VORG", "vhea", "vmtx", "DSIG"]
    options.glyph_names = False

    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    rename(font)
    font.save(OUT)

    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap and not c.isspace())
    han = sum(1 for c in cmap if 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF)
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} bytes, {len(cmap):,} characters "
          f"({han:,} hanzi), {font['maxp'].numGlyphs:,} glyphs")
    if missing:
        # Emoji and symbols the font never had: egui's own fonts draw those.
        print("not in the source font:", "".join(missing))


if __name__ == "__main__":
    main()
