"""The provider's claims: name, e-mail, user name and groups from the PROVIDER_USERS file, read afresh."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


def users() -> dict[str, Any]:
    return json.loads(Path(os.environ["PROVIDER_USERS"]).read_text(encoding="utf-8"))


class GroupsValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim whatever the scopes, as Entra ID sends groups

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        person = users()[request.user.username]
        return {
            "preferred_username": request.user.username,
            "email": person["email"],
            "given_name": person["given_name"],
            "family_name": person["family_name"],
            "groups": person["groups"],
        }
