"""The citizen's contact details on their account page."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from procedures.engine.fields import AddressField
from procedures.engine.forms import ContactForm


class ContactDetailsForm(ContactForm):
    """E-mail and phone as the application asks for them (same checks), the postal address for letters
    and the language of letters and e-mails. Without an e-mail address, news comes by post."""

    post_only = None  # type: ignore[assignment]  # on the account, no e-mail address means letters by post
    address = AddressField(
        label=_("Postal address"),
        help_text=_("We send letters here when you have not given an e-mail address."),
        error_messages={"required": _("Enter your postal address")},
    )
    language = forms.ChoiceField(
        label=_("Language of letters and e-mails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language of letters and e-mails")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "We send news about your applications here. Leave it empty to get letters by post."
        )

    def clean(self) -> dict[str, Any]:
        # No "at least one way to reach you" rule here: the postal address is required.
        return forms.Form.clean(self) or {}
