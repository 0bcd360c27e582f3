"""Where the order after Send starts: Send itself, and an administrator's "retry now".

What comes next is ``portal.pipeline.tasks``; this module only writes through the apps that own the data
and queues the first step once the transaction commits.
"""

import uuid
from functools import partial
from typing import Any

from django.db import transaction

from portal.accounts.models import User
from portal.accounts.services import contact_details_from_application
from portal.applications.models import Application, Reply
from portal.applications.replies import ReplyDocument, application_reply
from portal.applications.services import Submission, application_create
from portal.backoffice.models import Delivery
from portal.backoffice.services import deliveries_create, delivery_reopen
from portal.pipeline.tasks import deliveries_queue, pipeline_start


def application_submit(*, draft_id: Any, owner: User, submission: Submission, language: str) -> Application:
    """Send: the application and its delivery outbox in one transaction, exactly once, then the receipt.

    A double click or a second tab waits on the draft's lock and finds the application the first one
    made, with its outbox: nothing is made or queued twice. The receipt is queued after the commit, so
    the worker finds what it reads; a broker that is down delays it, never the person's Send.
    """
    with transaction.atomic():
        # The contact details just given are where letters and e-mails about all of them go now, the
        # "we received your application" message included (planned in application_create). Never at an
        # office: the owner is the caseworker, and the person's details stay on their application.
        if submission.channel != Application.Channel.ASSISTED:
            contact_details_from_application(
                user=owner, given=submission.contact or submission.beneficiary, language=language
            )
        application, created = application_create(
            draft_id=draft_id, owner=owner, submission=submission, language=language
        )
        if created:
            deliveries_create(application=application)  # the outbox exists exactly when the application does
            transaction.on_commit(partial(pipeline_start, application.pk))
    return application


def reply_submit(
    *,
    application: Application,
    owner: User,
    submission_key: uuid.UUID,
    message: str,
    documents: list[ReplyDocument],
) -> Reply:
    """The applicant's answer to "more information needed", with its own delivery outbox, exactly once.

    As Send: the reply, its status change and one delivery per connector in one transaction; a double
    submit finds the reply the first one made, with its outbox. Its attempts are queued after the
    commit (the receipt went with the application, so nothing comes before them); a broker that is down
    only delays them (the sweeper queues them).
    """
    with transaction.atomic():
        reply, created = application_reply(
            application=application,
            owner=owner,
            submission_key=submission_key,
            message=message,
            documents=documents,
        )
        if created:
            deliveries_create(application=reply.application, reply=reply)
            transaction.on_commit(partial(deliveries_queue, application_id=reply.application_id))
    return reply


def delivery_retry_now(*, delivery: Delivery, actor: Any = None) -> Delivery:
    """An administrator's "retry now": a dead or failed delivery gets a fresh round of attempts, the
    first one queued at once."""
    reopened = delivery_reopen(delivery=delivery, actor=actor)
    deliveries_queue(application_id=reopened.application_id)
    return reopened
