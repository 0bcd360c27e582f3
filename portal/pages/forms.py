from django import forms
from django.utils.translation import gettext_lazy as _

from portal.pages.models import Feedback


class FeedbackForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Overall, how did you feel about this service?"),
        choices=Feedback.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you felt about this service")},
    )
    message = forms.CharField(
        label=_("How could we improve this service?"),
        help_text=_("Do not include personal information like your personal code or bank details."),
        required=False,
        max_length=1200,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("Your message must be 1,200 characters or fewer")},
    )
