"""Swedish spelling of the report's prose, by Hunspell's Swedish dictionary (the Debian packages `hunspell`
and `hunspell-sv`): the `hunspell` program is called once per report in batch mode (`-l`: list the words
it does not know) with every distinct word of the texts; the organisation's own words (names, programmes,
abbreviations) are accepted from the profile's `accepted_words`. One finding per report lists the words.

Without the program or the dictionary the rule finds nothing and says so once in the log. The dictionary's
answers are kept per word for the life of the process, as a lookup in a word list would be.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.registry import Hit, rule

logger = logging.getLogger(__name__)

DICTIONARY = "sv_SE"
# Words are letters and inner hyphens only: a token touching a digit ("T1", "2B-elever") is a code, one
# ending in a hyphen ("arbets- och") leaves its word to the next one.
_PUNCTUATION = ".,;:!?()[]{}”“\"«»'’/*…—"
_KNOWN: dict[str, bool] = {}  # word → known to the dictionary, for the life of the process
_NOTED: set[str] = set()


def _note(message: str) -> None:
    if message not in _NOTED:
        _NOTED.add(message)
        logger.warning(message)


def forget() -> None:
    """Forget the dictionary's answers (for measuring a first run)."""
    _KNOWN.clear()


def hunspell_available() -> bool:
    return shutil.which("hunspell") is not None


def unknown_words(candidates: list[str], dictionary: str = DICTIONARY) -> list[str] | None:
    """The words the dictionary does not know, asking `hunspell -l` once for those not asked before; None
    when hunspell or the dictionary is missing."""
    if not hunspell_available():
        _note(
            "report.spelling: the program hunspell is not installed (Debian: hunspell hunspell-sv); no spelling is checked"
        )
        return None
    ask = sorted({w for w in candidates if w not in _KNOWN})
    if ask:
        try:
            result = subprocess.run(
                ["hunspell", "-d", dictionary, "-l", "-i", "utf-8"],
                input="\n".join(ask) + "\n",
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            _note(f"report.spelling: hunspell could not be run ({exc}); no spelling is checked")
            return None
        if result.returncode != 0 or "Can't open" in result.stderr:
            _note(
                f"report.spelling: hunspell has no dictionary {dictionary} (Debian: hunspell-sv); no spelling is "
                f"checked ({result.stderr.strip()[:200]})"
            )
            return None
        wrong = set(result.stdout.split())
        for word in ask:
            _KNOWN[word] = word not in wrong
    return [w for w in candidates if not _KNOWN.get(w, True)]


def _accepted(word: str, accepted: set[str]) -> bool:
    folded = word.casefold()
    if folded in accepted:
        return True
    parts = folded.split("-")
    return len(parts) > 1 and all(p in accepted or not p for p in parts)


@rule(
    "report.spelling",
    Severity.WARNING,
    "Ord som den svenska ordlistan inte känner",
    threshold=4,
    threshold_doc="ord kortare än så många bokstäver kontrolleras inte (förkortningar, enheter)",
)
def spelling(ctx: Context, shortest: int) -> Iterator[Hit]:
    accepted = {w.casefold() for w in ctx.doc.profile.accepted_words}
    texts = ctx.texts
    raw = {t.rstrip(_PUNCTUATION) for t in "\n".join(text for _, text in texts).split()}
    tokens = {t.lstrip(_PUNCTUATION) for t in raw if not t.endswith(("-", "–"))}
    candidates = {
        w
        for w in tokens
        if len(w) >= shortest
        and w[-1] != "-"
        and w[0] != "-"
        and w.replace("-", "").isalpha()
        and not _accepted(w, accepted)
    }
    # a hyphenated word is checked part by part ("APL-platser": "APL", "platser")
    parts = {
        p for w in candidates for p in w.split("-") if len(p) >= shortest and p.casefold() not in accepted
    }
    unknown = unknown_words(sorted(parts))
    if not unknown:
        return
    wrong = set(unknown)
    words = sorted(
        (w for w in candidates if any(p in wrong for p in w.split("-"))), key=lambda w: (w.casefold(), w)
    )
    found = {w: next((where for where, text in texts if w in text), "") for w in words}
    if words:
        shown = ", ".join(f"{w} ({found[w]})" for w in words[:60])
        more = f" och {len(words) - 60} till" if len(words) > 60 else ""
        yield Hit(
            "report",
            ctx.doc.title,
            f"{len(words)} ord finns inte i den svenska ordlistan eller i organisationens godkända ord: "
            f"{shown}{more}. Felstavningar, eller ord som ska läggas till i profilens godkända ord?",
            values(words=words),
        )
