"""People and roles (accounts/people.py): the invitation and a person's role."""

from __future__ import annotations

from django import forms

from styrkedja.organisations.models import Role
from styrkedja.web.forms.fields import version_field


def role_field() -> forms.ChoiceField:
    return forms.ChoiceField(label="Roll", choices=Role.choices, initial=Role.REPORTER)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="E-post",
        max_length=254,
        error_messages={
            "required": "Skriv personens e-postadress.",
            "invalid": "Skriv en e-postadress, t.ex. anna.andersson@kommun.se.",
        },
    )
    first_name = forms.CharField(label="Förnamn", max_length=150, required=False)
    last_name = forms.CharField(label="Efternamn", max_length=150, required=False)
    username = forms.CharField(
        label="Användarnamn",
        max_length=150,
        required=False,
        help_text="Lämna tomt för att använda e-postadressen.",
    )
    role = role_field()


class RoleForm(forms.Form):
    """Set the role given here, withdraw it (`withdraw`), or switch the account off or on (`active`)."""

    version = version_field()
    role = role_field()
    action = forms.ChoiceField(
        choices=[
            ("set", "Ändra roll"),
            ("withdraw", "Ta bort rollen"),
            ("deactivate", "Stäng av kontot"),
            ("activate", "Aktivera kontot"),
        ]
    )
