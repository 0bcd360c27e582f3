"""What the institution API reads and writes."""

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.applications.models import Application, ApplicationEvent, Reply
from portal.applications.states import Status
from portal.backoffice.inbound import ReportIncomplete, institution_report_check
from portal.documents.models import Document
from procedures.engine.registry import registry

# What an institution may report. "received" is for institutions that pull applications instead of
# having them pushed; withdrawing is the applicant's.
INSTITUTION_STATUSES = [
    Status.RECEIVED,
    Status.IN_REVIEW,
    Status.MORE_INFORMATION_REQUESTED,
    Status.GRANTED,
    Status.REFUSED,
]
INSTITUTION_STATUS_VALUES = [status.value for status in INSTITUTION_STATUSES]


def _absolute(request: Any, path: str) -> str:
    return str(request.build_absolute_uri(path)) if request is not None else path


class ApplicationFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    procedure = serializers.ChoiceField(choices=[], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = [procedure.slug for procedure in registry.all()]


class ApplicationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = ["reference", "procedure", "status", "submitted_at", "language", "channel", "url"]

    def get_url(self, application: Application) -> str:
        path = reverse("api:application", kwargs={"reference": application.reference})
        return _absolute(self.context.get("request"), path)


class DocumentLinkSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["kind", "number", "file_name", "content_type", "sha256", "created_at", "url"]

    def get_url(self, document: Document) -> str:
        path = reverse(
            "api:document", kwargs={"reference": document.application.reference, "number": document.number}
        )
        return _absolute(self.context.get("request"), path)


class AttachmentLinkSerializer(serializers.Serializer):
    name = serializers.CharField()
    content_type = serializers.CharField()
    sha256 = serializers.CharField()
    url = serializers.CharField()


class ReplySerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="1 for the applicant's first reply to this application.")
    message = serializers.CharField(help_text="What the applicant wrote (may be empty when documents came).")
    attachments = AttachmentLinkSerializer(many=True)


def _attachment_links(request: Any, reference: str, items: list[dict[str, str]]) -> list[dict[str, str]]:
    return [
        {
            "name": item.get("name", ""),
            "content_type": item.get("content_type", ""),
            "sha256": item["sha256"],
            "url": _absolute(
                request, reverse("api:attachment", kwargs={"reference": reference, "sha256": item["sha256"]})
            ),
        }
        for item in items
    ]


class EventSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(source="to_status", choices=Status.choices)
    reply = serializers.SerializerMethodField(
        help_text="The applicant's answer to a request for more information, when this change is one."
    )

    class Meta:
        model = ApplicationEvent
        fields = ["status", "from_status", "created_at", "message", "reply"]

    @extend_schema_field(ReplySerializer(allow_null=True))
    def get_reply(self, event: ApplicationEvent) -> dict[str, Any] | None:
        try:
            reply = event.reply
        except Reply.DoesNotExist:
            return None
        links = _attachment_links(self.context.get("request"), event.application.reference, reply.attachments)
        return {"number": reply.number, "message": reply.message, "attachments": links}


class ApplicationDetailSerializer(ApplicationSerializer):
    envelope = serializers.JSONField(
        source="payload", help_text="The application as sent (schema portal.application/1)."
    )
    documents = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    events = EventSerializer(many=True)

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "envelope", "documents", "attachments", "events"]

    def get_documents(self, application: Application) -> list[dict[str, Any]]:
        documents = application.documents.exclude(kind=Document.Kind.LETTER)
        return list(DocumentLinkSerializer(documents, many=True, context=self.context).data)

    @extend_schema_field(AttachmentLinkSerializer(many=True))
    def get_attachments(self, application: Application) -> list[dict[str, str]]:
        return _attachment_links(
            self.context.get("request"), application.reference, application.payload.get("attachments", [])
        )


class EventCreateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=INSTITUTION_STATUS_VALUES)
    message = serializers.CharField(
        max_length=4000,
        required=False,
        allow_blank=True,
        help_text="Shown to the applicant. Required with more_information_requested.",
    )
    decision = serializers.FileField(
        required=False,
        allow_empty_file=False,
        help_text="The decision as PDF (multipart/form-data). Required with granted and refused.",
    )

    def validate_decision(self, decision: UploadedFile) -> UploadedFile:
        if decision.size is not None and decision.size > settings.API_DECISION_MAX_BYTES:
            raise serializers.ValidationError(
                f"The decision is too large: at most {settings.API_DECISION_MAX_BYTES} bytes."
            )
        return decision

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # The rules are the service's; here they only become a 400 naming the field to fix.
        try:
            institution_report_check(
                status=attrs["status"], message=attrs.get("message", ""), decision=attrs.get("decision")
            )
        except ReportIncomplete as incomplete:
            raise serializers.ValidationError({incomplete.field: incomplete.message}) from incomplete
        return attrs


class EventCreatedSerializer(EventSerializer):
    document = serializers.CharField(allow_null=True, help_text="Number of the stored decision document.")

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "document"]


class TransitionErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    current_status = serializers.CharField()
    allowed = serializers.ListField(child=serializers.CharField())
