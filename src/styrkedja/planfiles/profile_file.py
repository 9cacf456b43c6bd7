"""Reading a municipality's profile file (`styrkedja.profile/1`, YAML or JSON) as the plan and follow-up
files are read: within the size limit, refused whole as `FILE:LINE: field: message`."""

from __future__ import annotations

from pathlib import Path

from styrkedja.planfiles.reader import DEFAULT_MAX_BYTES, parse_text, read_file
from styrkedja.profiles import Profile


def read_profile(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Profile:
    return read_file(path, Profile, max_bytes=max_bytes)


def parse_profile(text: str, source: str) -> Profile:
    return parse_text(text, source, Profile)
