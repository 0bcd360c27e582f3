"""/api/v1/: institutions list and fetch the applications of their procedures and report back.

Every call, allowed or not, is written to the audit trail with the credential's key ID (never the
token) and the response status. An application outside the credential's procedures is "not found".
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated, PermissionDenied
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.applications.models import Application
from portal.applications.selectors import attachment_open
from portal.applications.services import TransitionNotAllowed
from portal.applications.states import TRANSITIONS, Status
from portal.audit.services import audit_record
from portal.backoffice.api import serializers
from portal.backoffice.inbound import institution_event_post
from portal.backoffice.models import ApiCredential
from portal.backoffice.selectors import application_for, applications_for
from portal.documents.models import Document
from portal.documents.services import document_content

_ERRORS: dict[int | tuple[int, str], Any] = {
    401: OpenApiResponse(description="No token, or a token that is not valid or was revoked."),
    404: OpenApiResponse(description="No such application among the credential's procedures."),
    429: OpenApiResponse(description="Too many requests: wait as the Retry-After header says."),
}


class AuditedAPIView(APIView):
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        try:
            super().initial(request, *args, **kwargs)
        except (AuthenticationFailed, NotAuthenticated):
            # DRF checks throttles only after a caller is let in; a caller without a valid token is
            # limited per client address too (guessing tokens, flooding the audit trail).
            self.check_throttles(request)
            raise

    def credential(self) -> ApiCredential:
        if not isinstance(self.request.auth, ApiCredential):  # IsInstitution has refused such calls
            raise PermissionDenied
        return self.request.auth

    audit_target: Application | None = None

    def application(self, reference: str) -> Application:
        """The application, if it belongs to one of the credential's procedures; else "not found"."""
        application = application_for(credential=self.credential(), reference=reference)
        if application is None:
            raise Http404
        self.audit_target = application
        return application

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        credential = request.auth if isinstance(request.auth, ApiCredential) else None
        audit_record(
            action=f"api.{request.method.lower() if request.method else 'unknown'}",
            actor=AnonymousUser(),  # type: ignore[arg-type]  # a system, named by its credential below
            request=request._request,
            target=self.audit_target,
            details={
                "credential": credential.key_id if credential else None,
                "institution": credential.institution.code if credential else None,
                "view": type(self).__name__,
                "status": response.status_code,
            },
        )
        return response


class ApplicationPages(LimitOffsetPagination):
    default_limit = 100
    max_limit = 500


class ApplicationList(AuditedAPIView, generics.ListAPIView):
    serializer_class = serializers.ApplicationSerializer
    pagination_class = ApplicationPages

    def get_queryset(self) -> QuerySet[Application]:
        filters = serializers.ApplicationFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = applications_for(credential=self.credential()).order_by("submitted_at", "reference")
        if "status" in filters.validated_data:
            queryset = queryset.filter(status=filters.validated_data["status"])
        if "procedure" in filters.validated_data:
            queryset = queryset.filter(procedure=filters.validated_data["procedure"])
        return queryset

    @extend_schema(
        summary="Applications of your procedures, oldest first",
        parameters=[serializers.ApplicationFilterSerializer],
        responses={200: serializers.ApplicationSerializer(many=True), 400: OpenApiTypes.OBJECT, **_ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ApplicationDetail(AuditedAPIView):
    @extend_schema(
        summary="One application: the envelope as sent, its documents, attachments and status history",
        responses={200: serializers.ApplicationDetailSerializer, **_ERRORS},
    )
    def get(self, request: Request, reference: str) -> Response:
        application = self.application(reference)
        serializer = serializers.ApplicationDetailSerializer(application, context={"request": request})
        return Response(serializer.data)


class ApplicationEvents(AuditedAPIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        summary="The status history, oldest first, with the applicant's replies and their documents",
        responses={200: serializers.EventSerializer(many=True), **_ERRORS},
    )
    def get(self, request: Request, reference: str) -> Response:
        application = self.application(reference)
        events = application.events.select_related("reply", "application").order_by("created_at", "pk")
        return Response(serializers.EventSerializer(events, many=True, context={"request": request}).data)

    @extend_schema(
        summary="Report a status change (with a message to the applicant, or the decision as PDF)",
        request={
            "multipart/form-data": serializers.EventCreateSerializer,
            "application/json": serializers.EventCreateSerializer,
        },
        responses={
            201: serializers.EventCreatedSerializer,
            400: OpenApiResponse(description="The report is incomplete or malformed."),
            409: serializers.TransitionErrorSerializer,
            **_ERRORS,
        },
    )
    def post(self, request: Request, reference: str) -> Response:
        application = self.application(reference)
        report = serializers.EventCreateSerializer(data=request.data)
        report.is_valid(raise_exception=True)
        try:
            event, document = institution_event_post(
                credential=self.credential(),
                application=application,
                status=report.validated_data["status"],
                message=report.validated_data.get("message", ""),
                decision=report.validated_data.get("decision"),
            )
        except TransitionNotAllowed as refused:
            allowed = sorted(TRANSITIONS[Status(refused.current)] & set(serializers.INSTITUTION_STATUSES))
            return Response(
                {
                    "detail": f"Application {reference} is '{refused.current}' and cannot become "
                    f"'{refused.target}'. It can become: {', '.join(allowed) or 'nothing (it is final)'}.",
                    "code": "transition_not_allowed",
                    "current_status": refused.current,
                    "allowed": allowed,
                },
                status=status.HTTP_409_CONFLICT,
            )
        data = {**serializers.EventSerializer(event).data, "document": document.number if document else None}
        return Response(data, status=status.HTTP_201_CREATED)


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class ApplicationDocument(AuditedAPIView):
    @extend_schema(
        summary="A document issued for the application (receipt or decision), as PDF",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **_ERRORS},
    )
    def get(self, request: Request, reference: str, number: str) -> HttpResponseBase:
        application = self.application(reference)
        document = application.documents.exclude(kind=Document.Kind.LETTER).filter(number=number).first()
        if document is None:
            raise Http404
        response = HttpResponse(document_content(document), content_type=document.content_type)
        response["Content-Disposition"] = f'attachment; filename="{document.file_name}"'
        return _private(response)


class ApplicationAttachment(AuditedAPIView):
    @extend_schema(
        summary="A document the applicant sent with the application or with a reply",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **_ERRORS},
    )
    def get(self, request: Request, reference: str, sha256: str) -> HttpResponseBase:
        found = attachment_open(application=self.application(reference), sha256=sha256)
        if found is None:
            raise Http404
        entry, content = found
        response = FileResponse(content, as_attachment=True, filename=entry.get("name") or sha256)
        response["Content-Type"] = "application/octet-stream"  # never rendered by the receiving browser
        return _private(response)
