from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.crypto.fields import EncryptedTextField


class Feedback(models.Model):
    class Rating(models.TextChoices):
        VERY_SATISFIED = "very_satisfied", _("Very satisfied")
        SATISFIED = "satisfied", _("Satisfied")
        NEITHER = "neither", _("Neither satisfied nor dissatisfied")
        DISSATISFIED = "dissatisfied", _("Dissatisfied")
        VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")

    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    # People write what they like here, personal data included.
    message = EncryptedTextField(_("message"), blank=True, default="")
    page = models.CharField(_("page"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.get_rating_display()} ({self.created_at:%Y-%m-%d})"
