"""The eIDAS login run for something other than signing in.

A part of the portal that needs a person's eIDAS identity without signing them in (a caseworker's person
signing in on the caseworker's device, for one assisted application) registers a handler under a name.
The login then starts with that name and the handler's own data in the outstanding request; the ACS
validates the response exactly as for a login and, instead of signing anyone in, passes the identity to
the handler, whose response the browser gets. Nothing of the person is kept in the session.

Registering here keeps this package free of imports of the apps that use it.
"""

from collections.abc import Callable
from typing import Any, Protocol

from django.http import HttpRequest, HttpResponse


class PurposeHandler(Protocol):
    def __call__(self, *, request: HttpRequest, identity: Any, data: dict[str, Any]) -> HttpResponse: ...


_handlers: dict[str, PurposeHandler] = {}


def purpose_register(name: str) -> Callable[[PurposeHandler], PurposeHandler]:
    """Decorator: ``handler(request=, identity=, data=)`` completes logins started for ``name``.

    ``identity`` is the validated :class:`portal.eidas.responses.EidasIdentity`; ``data`` what the
    login was started with. The handler must not sign the person in.
    """

    def register(handler: PurposeHandler) -> PurposeHandler:
        _handlers[name] = handler
        return handler

    return register


def purpose_handler(name: str) -> PurposeHandler | None:
    return _handlers.get(name)
