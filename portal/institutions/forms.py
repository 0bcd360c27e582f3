"""Admin forms: a text box per language (``LANGUAGES``) for names and opening hours, stored as
``{"lt": "…", "en": "…"}``, instead of raw JSON."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.institutions.models import Institution, Office


class PerLanguageWidget(forms.MultiWidget):
    template_name = "institutions/widgets/per_language.html"

    def __init__(self, *, multiline: bool = False, attrs: dict[str, Any] | None = None) -> None:
        self.languages = [code for code, _name in settings.LANGUAGES]
        widgets = [
            forms.Textarea(attrs={"rows": 2, "cols": 60})
            if multiline
            else forms.TextInput(attrs={"size": 60})
            for _code in self.languages
        ]
        super().__init__(widgets, attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        names = dict(settings.LANGUAGES)
        for code, subwidget in zip(self.languages, context["widget"]["subwidgets"], strict=True):
            subwidget["language"] = names[code]
        return context

    def decompress(self, value: Any) -> list[str]:
        value = value if isinstance(value, dict) else {}
        return [value.get(code, "") for code in self.languages]


class PerLanguageField(forms.MultiValueField):
    """Text in every language of the portal (``required``) or in any of them; saved without blanks."""

    def __init__(self, *, multiline: bool = False, max_length: int = 300, **kwargs: Any) -> None:
        required = kwargs.get("required", True)
        self.languages = [code for code, _name in settings.LANGUAGES]
        fields = [forms.CharField(max_length=max_length, required=required) for _code in self.languages]
        kwargs.setdefault("error_messages", {"incomplete": _("Enter the text in every language.")})
        super().__init__(
            fields, require_all_fields=False, widget=PerLanguageWidget(multiline=multiline), **kwargs
        )

    def compress(self, data_list: list[str]) -> dict[str, str]:
        texts = zip(self.languages, data_list or [""] * len(self.languages), strict=True)
        return {code: text.strip() for code, text in texts if text and text.strip()}


class InstitutionForm(forms.ModelForm):
    names = PerLanguageField(label=_("name"))
    # An address typed without a scheme means https (Django 6's default, chosen now).
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = ["code", "country", "eessi_id", "names", "website", "email", "phone"]


class OfficeForm(forms.ModelForm):
    names = PerLanguageField(label=_("name"))
    hours = PerLanguageField(
        label=_("opening hours"),
        multiline=True,
        required=False,
        help_text=_("As people read it, e.g. Monday to Thursday, 8am to 5pm; Friday, 8am to 3:45pm"),
    )

    class Meta:
        model = Office
        fields = ["institution", "code", "names", "address", "hours", "is_active"]
