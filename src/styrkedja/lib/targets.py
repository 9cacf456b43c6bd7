"""Whether a value meets a target, by direction: higher, lower, or within a band."""

from __future__ import annotations

from decimal import Decimal


def target_met(
    value: Decimal | None, target: Decimal | None, direction: str, band: Decimal | None = None
) -> bool | None:
    """True/False when both are known; None when the value or the target is missing."""
    if value is None or target is None:
        return None
    if direction == "higher":
        return value >= target
    if direction == "lower":
        return value <= target
    if direction == "band":
        return abs(value - target) <= (band or Decimal(0))
    raise ValueError(f"unknown direction {direction!r}")
