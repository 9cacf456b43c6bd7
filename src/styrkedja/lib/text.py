"""What counts as text: the one rule for every text a person or a file gives the system.

Every way in uses it: the web forms' text fields (`web/forms/text.py`), the plan and follow-up file
schemas (`planfiles/schema.py`: every string of every field), and the rows the services save
(`organisations/text_rule.py`, at the database's door). The renderers print what the rule refuses as
U+FFFD (`reports/printable.py`), so a text stored before the rule still prints.

Allowed: any character of any script, emoji, symbols, combining marks, bidirectional marks, characters a
later Unicode version assigns; tabs and line breaks (LF, CR) in multi-line fields.

Refused, with the character's code and position named:

- control characters: C0 (U+0000–U+001F, except tab and line breaks in multi-line fields), DEL (U+007F)
  and C1 (U+0080–U+009F) — they print as nothing or as a box, and break the Word file (XML cannot hold
  them);
- U+FEFF, the byte order mark, inside a text (a file reader may find one at the very start of a file,
  before any text; PDF/A forbids it in text);
- an unpaired surrogate (U+D800–U+DFFF): half of a UTF-16 pair, not a character;
- noncharacters (U+FDD0–U+FDEF, U+FFFE and U+FFFF of every plane): reserved never to be interchanged;
- private-use characters (U+E000–U+F8FF, planes 15 and 16): they mean whatever a private agreement says,
  no font of the reports has them, and PDF/A-2a does not allow them in text. Refused, so that what was
  typed is what is printed.

No Django here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

LINE_BREAKS = "\n\r\u2028\u2029"
ONE_LINE_BREAKERS = "\t" + LINE_BREAKS  # allowed in a multi-line field only

_C0_C1 = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_SURROGATES = "\ud800-\udfff"
# What no text holds, in any field.
NEVER = re.compile(f"[{_C0_C1}\ufeff{_SURROGATES}{_NONCHARACTERS}{_PRIVATE_USE}]")
# What a field of one line does not hold either.
NOT_ON_ONE_LINE = re.compile(f"[{_C0_C1}\t\n\r\u2028\u2029\ufeff{_SURROGATES}{_NONCHARACTERS}{_PRIVATE_USE}]")


def what(char: str) -> str:
    """The kind of a refused character, in words: "ett styrtecken", "ett tecken för privat bruk" …"""
    code = ord(char)
    if char == "\t":
        return "en tabb"
    if char in LINE_BREAKS:
        return "en radbrytning"
    if code <= 0x1F or 0x7F <= code <= 0x9F:
        return "ett styrtecken"
    if char == "\ufeff":
        return "ett osynligt BOM-tecken"
    if 0xD800 <= code <= 0xDFFF:
        return "ett halvt UTF-16-tecken"
    if unicodedata.category(char) == "Co":
        return "ett tecken för privat bruk"
    return "ett icke-tecken"


@dataclass(frozen=True)
class Refused:
    """A character the rule refuses: where (1 = the first character) and what."""

    position: int
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    def __str__(self) -> str:
        found = f"innehåller {what(self.char)} ({self.code}) på plats {self.position}"
        if self.char in ONE_LINE_BREAKERS:
            return f"{found}; fältet har bara en rad"
        if unicodedata.category(self.char) == "Co":
            return f"{found}, som inget typsnitt i rapporterna visar; ta bort det"
        return f"{found}; ta bort det"


def refusals(text: str, *, multiline: bool = True) -> Iterator[Refused]:
    """Every refused character of the text, in order."""
    pattern = NEVER if multiline else NOT_ON_ONE_LINE
    for match in pattern.finditer(text):
        yield Refused(match.start() + 1, match.group())


def refusal(text: str, *, multiline: bool = True) -> str | None:
    """Why the text is refused (its first refused character, with the count of the others), or None."""
    found = list(refusals(text, multiline=multiline))
    if not found:
        return None
    more = f" (och {len(found) - 1} tecken till av samma slag)" if len(found) > 1 else ""
    return f"{found[0]}{more}"


class TextRefused(ValueError):
    """A text with a character the rule refuses; the message names the field."""

    def __init__(self, field: str, reason: str):
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)


def check_text(text: str, field: str = "", *, multiline: bool = True) -> str:
    """The text, or TextRefused naming the field and the first refused character."""
    reason = refusal(text, multiline=multiline)
    if reason is not None:
        raise TextRefused(field, reason)
    return text


INVISIBLE = re.compile(f"[{_C0_C1}\ufeff]")


def replace_refused(text: str, replacement: str = "\ufffd") -> str:
    """The text as the reports print one stored before the rule: control characters and U+FEFF, which
    have no visible form, left out; every other character no field holds replaced."""
    return NEVER.sub(replacement, INVISIBLE.sub("", text))
