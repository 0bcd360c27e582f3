from django import forms
from django.utils.translation import gettext_lazy as _

from portal.eidas import constants as c
from portal.eidas.demo_node.identities import IDENTITIES


class IdentityForm(forms.Form):
    identity = forms.ChoiceField(
        label=_("Who do you want to log in as?"),
        choices=[(i.key, f"{i.given_name} {i.family_name} ({i.description})") for i in IDENTITIES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a test person")},
    )
    loa = forms.ChoiceField(
        label=_("Which level of assurance should the node confirm?"),
        choices=[(c.LOA_LOW, _("Low")), (c.LOA_SUBSTANTIAL, _("Substantial")), (c.LOA_HIGH, _("High"))],
        initial=c.LOA_SUBSTANTIAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a level of assurance")},
    )
