"""Recognising Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer): `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYMMDDNNNN`, `YYYYMMDDNNNN`, `YYYYMMDD-NNNN`, with a real
month, a day of 01–31 (61–91 for a coordination number) and a valid check digit (Luhn).

Microdata must never carry them: the loader refuses a file with a column whose values look like one.
"""

from __future__ import annotations

import re

# Candidates only: digits in one of the shapes. `looks_like_pnr` checks the date and the check digit.
PATTERN = r"^(?:19|20)?[0-9]{6}[-+]?[0-9]{4}$"
_PATTERN = re.compile(PATTERN)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def looks_like_pnr(value: object) -> bool:
    text = str(value).strip()
    if not _PATTERN.match(text):
        return False
    digits = text.replace("-", "").replace("+", "")
    if len(digits) == 12:
        digits = digits[2:]
    month, day = int(digits[2:4]), int(digits[4:6])
    if not 1 <= month <= 12:
        return False
    if not (1 <= day <= 31 or 61 <= day <= 91):
        return False
    return _luhn_ok(digits)
