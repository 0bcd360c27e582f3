"""The application state machine: the one place that says which status may follow which.

draft ─submit─> submitted ─(delivered)─> received ─> in_review ─> granted | refused
                                                      └─> more_information_requested ─> in_review
withdraw (by the applicant) is possible from any status before a decision.
"""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    # The status of an application, not of an e-mail: Lithuanian says "pateiktas" for an application.
    SUBMITTED = "submitted", pgettext_lazy("application status", "Sent")
    RECEIVED = "received", _("Received by the institution")
    IN_REVIEW = "in_review", _("Being reviewed")
    MORE_INFORMATION_REQUESTED = "more_information_requested", _("More information needed")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What each status means for the person, in plain words: the timeline, emails and letters say this.
STATUS_EXPLAINED: dict[str, Promise] = {
    Status.SUBMITTED: _(
        "We received your application and are sending it to the institution that decides on it."
    ),
    Status.RECEIVED: _("The institution has received your application."),
    Status.IN_REVIEW: _("The institution is reviewing your application."),
    Status.MORE_INFORMATION_REQUESTED: _(
        "The institution needs more information from you. Read its message and answer it as it asks."
    ),
    Status.GRANTED: _("The institution has decided on your application. Read the decision."),
    Status.REFUSED: _(
        "The institution has decided on your application. Read the decision: it says how you can appeal."
    ),
    Status.WITHDRAWN: _("The application was withdrawn. The institution will not decide on it."),
}

# "What happens next" on the application page: one text per status, saying what the person can expect
# or must do now.
WHAT_HAPPENS_NEXT: dict[str, Promise] = {
    Status.SUBMITTED: _(
        "We are sending your application to the institution that decides on it. This usually takes a few "
        "minutes. You do not need to do anything."
    ),
    Status.RECEIVED: _(
        "The institution will review your application. It usually decides within 30 days. If it needs "
        "more information, it will ask you on this page."
    ),
    Status.IN_REVIEW: _(
        "The institution usually decides within 30 days. If it needs more information, it will ask you "
        "on this page."
    ),
    Status.MORE_INFORMATION_REQUESTED: _(
        "Answer the institution's request on this page. When you send your answer, the institution goes "
        "on reviewing your application."
    ),
    Status.GRANTED: _(
        "Download the decision and keep it. You may need to show it, for example to your employer or to "
        "the authorities of another country."
    ),
    Status.REFUSED: _("Read the decision. It says why, and how and by when you can appeal."),
    Status.WITHDRAWN: _(
        "Nothing more will happen with this application. If you still need a decision, send a new "
        "application."
    ),
}

DECIDED = frozenset({Status.GRANTED, Status.REFUSED})

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.SUBMITTED: frozenset({Status.RECEIVED, Status.WITHDRAWN}),
    Status.RECEIVED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset(
        {Status.MORE_INFORMATION_REQUESTED, Status.GRANTED, Status.REFUSED, Status.WITHDRAWN}
    ),
    Status.MORE_INFORMATION_REQUESTED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.GRANTED: frozenset(),
    Status.REFUSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def transition_allowed(current: str, target: str) -> bool:
    return Status(target) in TRANSITIONS[Status(current)]
