"""Reading a profile file (YAML or JSON), refused whole as `FILE:LINE: field: message`, and writing one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from styrkedja.lib.datafiles import parse_text, read_file
from styrkedja.profiles.schema import Profile


def read_profile(path: Path) -> Profile:
    return read_file(path, Profile)


def parse_profile(text: str, source: str) -> Profile:
    return parse_text(text, source, Profile)


def profile_data(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json")


def dump_profile(profile: Profile, fmt: str) -> str:
    data = profile_data(profile)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    raise ValueError(f"unknown format {fmt!r}; use yaml or json")
