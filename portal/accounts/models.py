from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import STAFF_ROLES, Role
from portal.crypto.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField


class User(AbstractUser):
    """One account system for everybody.

    Staff sign in with e-mail, password and a second factor (django-allauth). Citizens sign in through
    eIDAS only: their account has no usable password, an opaque username and a ``CitizenIdentity``.
    """

    email = models.EmailField(_("e-mail address"), blank=True)
    office = models.ForeignKey(
        "institutions.Office",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("The office a caseworker works for."),
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("act_on_behalf", _("Can apply on behalf of a person (assisted mode)")),
            ("view_caseworker_report", _("Can see the caseworker activity report")),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="accounts_user_email_ci_unique"
            )
        ]

    @cached_property
    def roles(self) -> frozenset[Role]:
        names = set(self.groups.values_list("name", flat=True))
        return frozenset(role for role in Role if role.value in names)

    @property
    def is_staff_member(self) -> bool:
        """Caseworkers and administrators: people who must use a second factor."""
        return self.is_superuser or self.is_staff or bool(self.roles & STAFF_ROLES)

    @property
    def is_caseworker(self) -> bool:
        return Role.CASEWORKER in self.roles

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or Role.ADMINISTRATOR in self.roles


class CitizenIdentity(models.Model):
    """The identity a citizen proved through eIDAS; the seam between portal/eidas and accounts.

    The PersonIdentifier (``XX/YY/value``) is the account key. It is opaque (it may be a pseudonym) and
    personal data, so it is stored encrypted and found through a keyed hash (``person_identifier_index``).
    Names and date of birth are refreshed from every login; names in a non-Latin script are kept beside
    the Latin transliteration.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="citizen_identity")
    person_identifier = EncryptedTextField(_("eIDAS person identifier"))
    person_identifier_index = models.CharField(max_length=64, unique=True, editable=False)
    country = models.CharField(_("country of the eID"), max_length=2)
    family_name = EncryptedTextField(_("family name"))
    given_name = EncryptedTextField(_("given name"))
    family_name_native = EncryptedTextField(_("family name (original script)"), blank=True, default="")
    given_name_native = EncryptedTextField(_("given name (original script)"), blank=True, default="")
    date_of_birth = EncryptedDateField(_("date of birth"))
    level_of_assurance = models.CharField(_("level of assurance at last login"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("citizen identity")
        verbose_name_plural = _("citizen identities")

    def __str__(self) -> str:
        return f"{self.country} citizen identity #{self.pk}"


class ContactDetails(models.Model):
    """Where letters and e-mails about a citizen's applications go: the one place that says so.

    Set from the contact details of the citizen's latest application when it is sent, and changed by the
    citizen on their account page. Notifications read them when they are sent, so a change reaches every
    application of the account. With an e-mail address the citizen gets e-mails, without one letters by
    post to ``address`` (``line_1``, ``line_2``, ``town``, ``postcode``, ``country``).
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="contact_details")
    email = EncryptedTextField(_("e-mail address"), blank=True, default="")
    phone = EncryptedTextField(_("phone number"), blank=True, default="")
    address = EncryptedJSONField(_("postal address"), blank=True, default=dict)
    language = models.CharField(_("language of letters and e-mails"), max_length=8, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return f"contact details #{self.pk}"
