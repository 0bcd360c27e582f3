"""Free text as GOV.UK asks for it: a limit the server checks with a message that names the question,
never a silent cut, the character count for long answers, and only what the PDFs can print."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from procedures.engine.printable import PrintableTextMixin


class LengthLimitValidator(MaxLengthValidator):
    """The limit of a free-text answer, in a sentence that names the question (GOV.UK: "[whatever it is]
    must be [number] characters or fewer"), in the language of the page."""

    def __init__(self, limit_value: int, subject: Any) -> None:
        super().__init__(limit_value)
        self.subject = subject

    def __call__(self, value: Any) -> None:
        if self.compare(self.clean(value), self.limit_value):
            message = ngettext(
                "{subject} must be {limit} character or fewer",
                "{subject} must be {limit} characters or fewer",
                self.limit_value,
            ).format(subject=self.subject, limit=self.limit_value)
            raise forms.ValidationError(message, code=self.code, params={"limit_value": self.limit_value})


class LengthLimitMixin:
    """Free text whose limit the server checks, with a message naming the question (``subject``, by
    default the label). The browser's ``maxlength`` is not set: it cuts typed or pasted text without
    saying so. A ``CharacterCountTextarea`` widget is told the limit, to show it."""

    max_length: int | None
    validators: list[Any]
    widget: forms.Widget

    def __init__(self, *, subject: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.subject = subject or kwargs.get("label") or _("This answer")
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]
        if self.max_length is not None:
            self.validators.append(LengthLimitValidator(self.max_length, self.subject))
        if isinstance(self.widget, CharacterCountTextarea):
            self.widget.limit = self.max_length

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)  # type: ignore[misc]
        attrs.pop("maxlength", None)
        return dict(attrs)


class TextField(PrintableTextMixin, LengthLimitMixin, forms.CharField):
    """A free-text answer (see ``LengthLimitMixin``) that the PDFs can print (``PrintableTextMixin``)."""


class EmailField(LengthLimitMixin, forms.EmailField):
    """An email address (see ``LengthLimitMixin``)."""


class CharacterCountTextarea(forms.Textarea):
    """GOV.UK's character count: "You can enter up to N characters" under the box, which works without
    JavaScript (the server checks the limit); with it, govuk-frontend counts down as the person types."""

    template_name = "engine/widgets/character_count.html"
    limit: int | None = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget_attrs = widget["attrs"]
        info = f"{widget_attrs.get('id', name)}-info"
        described_by = widget_attrs.get("aria-describedby", "")
        widget_attrs["aria-describedby"] = f"{info} {described_by}".strip()
        widget_attrs["class"] = f"{widget_attrs.get('class', 'govuk-textarea')} govuk-js-character-count"
        widget.update(limit=self.limit, info_id=info, messages=character_count_messages())
        return context


# Sample counts for the browser's plural categories (Intl.PluralRules: Lithuanian has one, few and other
# for whole numbers; English one and other); "many" is what some languages use for large numbers.
_PLURAL_SAMPLES = {"one": 1, "few": 2, "many": 10, "other": 10}


def _under_limit(count: int) -> str:
    # Translators: %{count} is replaced in the browser by a number; keep it as it is.
    return ngettext("You have %{count} character remaining", "You have %{count} characters remaining", count)


def _over_limit(count: int) -> str:
    # Translators: %{count} is replaced in the browser by a number; keep it as it is.
    return ngettext("You have %{count} character too many", "You have %{count} characters too many", count)


def character_count_messages() -> list[tuple[str, str]]:
    """govuk-frontend's character count texts in the current language, as (data-i18n key, text)."""
    messages = [(f"characters-under-limit.{form}", _under_limit(n)) for form, n in _PLURAL_SAMPLES.items()]
    messages += [(f"characters-over-limit.{form}", _over_limit(n)) for form, n in _PLURAL_SAMPLES.items()]
    messages.append(("characters-at-limit", str(_("You have 0 characters remaining"))))
    return messages
