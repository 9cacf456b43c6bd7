"""Password rules beyond Django's own (length, common passwords, likeness to the user's name, all digits):
words of the context — the product, the municipality's own words — may not carry a password."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

BUILT_IN = ("styrkedja", "kommun", "losenord", "lösenord", "password", "qwerty")


class ContextWordsValidator:
    def words(self) -> list[str]:
        return [w.lower() for w in (*BUILT_IN, *settings.PASSWORD_CONTEXT_WORDS) if len(w) >= 4]

    def validate(self, password: str, user: Any = None) -> None:
        lowered = password.lower()
        found = [word for word in self.words() if word in lowered]
        if found:
            raise ValidationError(
                f"Lösenordet får inte innehålla ”{found[0]}”: det är för lätt att gissa här.",
                code="password_context_word",
            )

    def get_help_text(self) -> str:
        return "Lösenordet får inte innehålla ord som hör till kommunen eller systemet."
