"""The fonts of the PDF (and of the charts Typst draws for the Word document), and which text they can draw.

Typst is given the system's fonts (not its own built-in ones), and the template sets them as one list
(`families()`): first the chain below, then every other family found, alphabetically. Typst draws each
piece of text with the first family in the list that has glyphs for all of it, so a text prints if any
font has it. The chain, from Debian packages the Makefile installs:

    Open Sans          fonts-open-sans          the reports' typeface: Latin, Greek, Cyrillic
    DejaVu Sans        fonts-dejavu-core        signs Open Sans lacks: ♀ ♂ → ≥ …
    Noto Sans          fonts-noto-core          more Latin, Greek, Cyrillic; and, as the families after
                                                the chain (sans serif first), the other scripts: Arabic,
                                                Hebrew, Thai, Devanagari, Ethiopic, Armenian, Georgian …
    Noto Sans CJK SC   fonts-noto-cjk           Chinese, Japanese, Korean (one font for Han characters)
    Noto Color Emoji   fonts-noto-color-emoji   emoji, in colour: Typst embeds them as Type 3 glyphs of
                                                bitmaps, which PDF/A-2 allows, and the text layer keeps
                                                the emoji's code points (a symbol DejaVu Sans has, such
                                                as ☀ or ❤, is drawn by it, in black)
    Noto Sans Symbols, Symbols2, Math           fonts-noto-core: symbols, arrows, mathematical letters
    Symbola            fonts-symbola            a monochrome fallback for symbols and older emoji

PDF/A does not allow a glyph that is not there (Typst refuses to write a "tofu" box), so a text a font
cannot draw must be changed before Typst sees it: `drawable(text)` replaces each grapheme cluster that no
single font draws whole, in regular and in bold, by U+FFFD (�, which DejaVu Sans has). Which characters a
font has is read from its `cmap` table, lazily: Open Sans first, the other fonts only for a character
Open Sans lacks. White space and default-ignorable characters (joiners, variation selectors,
bidirectional marks …) need no glyph. No Django here.
"""

from __future__ import annotations

import bisect
import re
import struct
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from styrkedja.reports.printable import clusters
from styrkedja.reports.renderers.typesetting import font_book

if TYPE_CHECKING:
    import typst

CHAIN = (
    "Open Sans",
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans CJK SC",
    "Noto Color Emoji",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
    "Noto Sans Math",
    "Symbola",
)
WEIGHTS = (400, 700)  # the report's text is regular or bold
REPLACEMENT = "\ufffd"

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties): drawn as nothing, by any font.
_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def needs_glyph(char: str) -> bool:
    """Whether a font must have the character: not for white space (Typst spaces and breaks lines
    itself) nor for a default-ignorable character."""
    code = ord(char)
    if char in "\t\n\r" or unicodedata.category(char) in ("Zs", "Zl", "Zp"):
        return False
    return code == 0xFEFF or not any(low <= code <= high for low, high in _IGNORABLE)


def _after_the_chain(family: str) -> tuple[int, str]:
    """The other families: sans serif ones first, like the report's type ("Noto Sans Thai" before
    "Noto Looped Thai" and "Noto Serif Thai"), monospaced ones last."""
    if "Mono" in family:
        return (2, family)
    return (0 if family.startswith("Noto Sans") else 1, family)


@cache
def families() -> tuple[str, ...]:
    """The font list of the template: the chain (the families installed), then every other family."""
    found = {f.family for f in font_book().fonts()}
    return tuple(f for f in CHAIN if f in found) + tuple(sorted(found - set(CHAIN), key=_after_the_chain))


# --- Which characters a font has ----------------------------------------------------------------------


def _cmap_ranges(data: bytes) -> list[tuple[int, int]]:
    """The (first, last) code point ranges of a `cmap` table: its Unicode subtable, format 12 or 4."""
    _, count = struct.unpack_from(">HH", data, 0)
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * i)
        subtables[(platform, encoding, struct.unpack_from(">H", data, offset)[0])] = offset
    for key in ((3, 10, 12), (0, 6, 12), (0, 4, 12), (3, 1, 4), (0, 3, 4), (0, 2, 4), (0, 1, 4), (0, 0, 4)):
        offset = subtables.get(key, -1)
        if offset < 0:
            continue
        if key[2] == 12:
            (groups,) = struct.unpack_from(">I", data, offset + 12)
            values = struct.unpack_from(f">{3 * groups}I", data, offset + 16)
            return [(values[i], values[i + 1]) for i in range(0, len(values), 3)]
        (twice,) = struct.unpack_from(">H", data, offset + 6)
        ends = struct.unpack_from(f">{twice // 2}H", data, offset + 14)
        starts = struct.unpack_from(f">{twice // 2}H", data, offset + 16 + twice)
        return [(s, e) for s, e in zip(starts, ends, strict=True) if s != 0xFFFF]
    return []


def read_ranges(path: str, index: int) -> list[tuple[int, int]]:
    """The code points the font (face `index` of a collection) maps to glyphs."""
    with open(path, "rb") as f:
        head = f.read(12)
        start = 0
        if head[:4] == b"ttcf":
            f.seek(12 + 4 * index)
            (start,) = struct.unpack(">I", f.read(4))
        f.seek(start + 4)
        (tables,) = struct.unpack(">H", f.read(2))
        f.seek(start + 12)
        directory = f.read(16 * tables)
        for i in range(tables):
            tag, _, offset, length = struct.unpack_from(">4sIII", directory, 16 * i)
            if tag == b"cmap":
                f.seek(offset)
                return _cmap_ranges(f.read(length))
    return []


@dataclass
class Face:
    family: str
    path: str
    index: int
    weight: int
    _starts: list[int] | None = None
    _ends: list[int] | None = None

    def has(self, code: int) -> bool:
        if self._starts is None:
            ranges = sorted(merged(read_ranges(self.path, self.index)))
            self._starts = [r[0] for r in ranges]
            self._ends = [r[1] for r in ranges]
        assert self._ends is not None
        i = bisect.bisect_right(self._starts, code) - 1
        return i >= 0 and code <= self._ends[i]


def merged(ranges: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    current: tuple[int, int] | None = None
    for low, high in sorted(ranges):
        if current and low <= current[1] + 1:
            current = (current[0], max(current[1], high))
            continue
        if current:
            yield current
        current = (low, high)
    if current:
        yield current


@cache
def faces(weight: int) -> tuple[Face, ...]:
    """Per family, in the template's order, the face Typst picks for text of the weight: upright, of
    normal width if there is one, the nearest weight (the heavier of two as near)."""
    by_family: dict[str, list[typst.FontInfo]] = {}
    for info in font_book().fonts():
        if info.path:
            by_family.setdefault(info.family, []).append(info)
    chosen = []
    for family in families():
        options = by_family.get(family, [])
        upright = [o for o in options if o.style == "normal"] or options
        if not upright:
            continue
        width = min(abs(o.stretch - 1.0) for o in upright)
        upright = [o for o in upright if abs(o.stretch - 1.0) == width]
        best = min(upright, key=lambda o: (abs(o.weight - weight), -o.weight if weight > 400 else o.weight))
        assert best.path is not None
        chosen.append(Face(family, best.path, best.index, best.weight))
    return tuple(chosen)


# --- What can be drawn -----------------------------------------------------------------------------------

_LOCK = threading.Lock()


@cache
def _drawable_cluster(cluster: str) -> bool:
    codes = [ord(c) for c in cluster if needs_glyph(c)]
    if not codes:
        return True
    with _LOCK:
        return all(any(all(face.has(c) for c in codes) for face in faces(weight)) for weight in WEIGHTS)


@cache
def _outside_primary() -> re.Pattern[str]:
    """A character outside Basic Latin and Latin-1 and the Latin Extended blocks the first family draws
    in every weight: the fast path needs no other font."""
    first = [faces(w)[0] for w in WEIGHTS if faces(w)]
    primary = "".join(
        chr(c) for c in range(0x20, 0x250) if first and all(f.has(c) for f in first) and not 0x7F <= c <= 0x9F
    )
    return re.compile(f"[^{re.escape(primary)}\n\t ]")


def drawable(text: str) -> str:
    """The text with every grapheme cluster no font draws whole (in regular and in bold) replaced by
    U+FFFD."""
    if not _outside_primary().search(text):
        return text
    return "".join(c if _drawable_cluster(c) else REPLACEMENT for c in clusters(text))
