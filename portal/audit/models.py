"""The append-only audit trail.

Writers only insert ``AuditEvent`` rows, without any lock, so requests never wait on each other to audit.
A sealer (``portal.audit.services.audit_seal``, run by beat every few seconds) then chains the events:
each gets an ``AuditSeal`` with its place in the chain and a keyed hash (HMAC with ``AUDIT_CHAIN_KEY``)
over its contents and the previous seal's hash, so a row changed or removed behind the application's back
breaks the chain at that point (``manage.py audit_verify`` finds it). Signed checkpoints of the chain's
head, written outside the database, show when the chain's end was cut off or the whole chain rewritten.

The ORM refuses updates and deletes of events and seals; on PostgreSQL triggers refuse them as well
(migrations 0002 and 0003).
"""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventImmutable(Exception):
    """Raised on any attempt to change or delete an audit event or its seal."""


class _RefusesChanges:
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be updated.")

    def delete(self) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be updated.")


class AuditEventQuerySet(_RefusesChanges, models.QuerySet["AuditEvent"]):
    pass


class AuditSealQuerySet(_RefusesChanges, models.QuerySet["AuditSeal"]):
    pass


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEventImmutable("Audit events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutable("Audit events cannot be deleted.")


class AuditEvent(AppendOnlyModel):
    created_at = models.DateTimeField(_("time"), editable=False, db_index=True)
    # No database constraint: the trail must outlive the accounts it mentions.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("actor label"), max_length=200, blank=True)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.pk} {self.action}"


class AuditSeal(AppendOnlyModel):
    """An event's place in the chain: ``hash`` = HMAC(AUDIT_CHAIN_KEY, place, previous hash, event).

    The chain runs in the order the sealer found the events committed: an event whose transaction
    committed late is sealed in a later round, after events with higher ids, and is never skipped.
    """

    sequence = models.PositiveBigIntegerField(_("place in the chain"), primary_key=True)
    event = models.OneToOneField(
        AuditEvent, verbose_name=_("audit event"), on_delete=models.DO_NOTHING, related_name="seal"
    )
    previous_hash = models.CharField(_("previous hash"), max_length=64, unique=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    sealed_at = models.DateTimeField(_("sealed at"))

    objects = AuditSealQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"seal #{self.sequence} of event #{self.event_id}"


class UnsealedEvent(models.Model):
    """The sealer's work list. A database trigger adds a row in the transaction that inserts an event
    (whatever inserted it), so the row and the event become visible together; the sealer removes the
    row in the transaction that seals the event. ``audit_verify`` does not trust this list: it looks
    for events without a seal in the events themselves."""

    event = models.OneToOneField(AuditEvent, primary_key=True, on_delete=models.DO_NOTHING, related_name="+")

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"event #{self.event_id} waiting to be sealed"
