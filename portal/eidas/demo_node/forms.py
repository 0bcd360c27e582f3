from django import forms
from django.utils.translation import gettext_lazy as _

from portal.eidas import constants as c
from portal.eidas.demo_node.identities import IDENTITIES

# The eIDAS levels of assurance (Implementing Regulation (EU) 2015/1502) by the names people read.
LOA_LABELS = {c.LOA_LOW: _("Low"), c.LOA_SUBSTANTIAL: _("Substantial"), c.LOA_HIGH: _("High")}


class IdentityForm(forms.Form):
    identity = forms.ChoiceField(
        label=_("Who do you want to log in as?"),
        # A callable: the descriptions are translated for each request, not once at import.
        choices=lambda: [(i.key, f"{i.given_name} {i.family_name} ({i.description})") for i in IDENTITIES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a test person")},
    )
    loa = forms.ChoiceField(
        label=_("Which level of assurance should the node confirm?"),
        choices=list(LOA_LABELS.items()),
        initial=c.LOA_SUBSTANTIAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a level of assurance")},
    )
