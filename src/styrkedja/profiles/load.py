"""Writing a profile as a file (YAML or JSON); reading one is `planfiles/profile_file.py`'s."""

from __future__ import annotations

import json
from typing import Any

import yaml

from styrkedja.profiles.schema import Profile


def profile_data(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json")


def dump_profile(profile: Profile, fmt: str) -> str:
    data = profile_data(profile)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    raise ValueError(f"unknown format {fmt!r}; use yaml or json")
