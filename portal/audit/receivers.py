"""Audit events for what happens inside django-allauth and django.contrib.auth."""

from typing import Any

from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.http import HttpRequest

from portal.audit.services import audit_record


@receiver(auth_signals.user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_record(action="auth.login", actor=user, request=request)


@receiver(auth_signals.user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action="auth.logout", actor=user, request=request)


@receiver(auth_signals.user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    # The attempted address is personal data and stays out of the trail; the IP address is enough
    # to investigate guessing.
    audit_record(action="auth.login_failed", request=request)


@receiver(mfa_signals.authenticator_added)
def _authenticator_added(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any) -> None:
    audit_record(action="mfa.added", actor=user, request=request, details={"type": authenticator.type})


@receiver(mfa_signals.authenticator_removed)
def _authenticator_removed(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any
) -> None:
    audit_record(action="mfa.removed", actor=user, request=request, details={"type": authenticator.type})


@receiver(mfa_signals.authenticator_reset)
def _authenticator_reset(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any) -> None:
    audit_record(action="mfa.reset", actor=user, request=request, details={"type": authenticator.type})


@receiver(mfa_signals.authentication_failed)
def _second_factor_failed(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any
) -> None:
    # As for a wrong password: who and from where, never the code that was tried.
    audit_record(
        action="mfa.authentication_failed",
        actor=user,
        request=request,
        details={"type": authenticator.type, "reauthentication": bool(kw.get("reauthentication"))},
    )
