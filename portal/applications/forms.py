"""The applicant's reply to a request for more information: what they write and the documents they add.

Documents follow the wizard's rules (``procedures.engine.fields.DocumentField``: the type read from the
content, size and pixel limits). Each chosen file is checked on its own, so one wrong file does not
lose the others: the view keeps the valid ones until the reply is sent.
"""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from portal.applications.replies import (
    REPLY_MAX_DOCUMENTS,
    REPLY_MESSAGE_MAX_LENGTH,
    ReplyDocument,
    reply_document_make,
)
from procedures.engine.fields import DocumentField


class DocumentsInput(forms.FileInput):
    allow_multiple_selected = True


class ReplyForm(forms.Form):
    message = forms.CharField(
        label=_("Your answer"),
        help_text=_("Answer what the institution asked. If it asked for documents, add them below."),
        required=False,
        strip=False,  # kept as typed, to be shown again after an error; stripped when it is sent
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Each file is checked by ``clean_documents`` with the wizard's rules; the field only carries them.
    documents = forms.Field(
        label=_("Documents (optional)"),
        help_text=_("PDF, JPG or PNG files, each smaller than 10 MB. You can choose more than one."),
        required=False,
        widget=DocumentsInput,
    )
    keep = forms.MultipleChoiceField(
        label=_("Documents you chose already"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, waiting: list[ReplyDocument] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waiting = waiting or []
        self._keep_choices()
        # Documents this form accepted, valid even when something else must be corrected.
        self.accepted: list[ReplyDocument] = []

    def clean_message(self) -> str:
        message: str = self.cleaned_data.get("message", "")
        if len(message.strip()) > REPLY_MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(
                _("Your answer must be %(limit)s characters or fewer. It has %(count)s."),
                code="max_length",
                params={
                    "limit": number_format(REPLY_MESSAGE_MAX_LENGTH, force_grouping=True),
                    "count": number_format(len(message.strip()), force_grouping=True),
                },
            )
        return message

    def clean_documents(self) -> list[ReplyDocument]:
        uploads: list[UploadedFile] = self.files.getlist(self.add_prefix("documents"))
        checker = DocumentField(required=False)
        errors = []
        for upload in uploads:
            try:
                accepted = checker.clean(upload)
            except forms.ValidationError as refused:
                for message in refused.messages:
                    errors.append(
                        forms.ValidationError(
                            _("%(name)s: %(problem)s"),
                            code="document",
                            params={"name": upload.name, "problem": message},
                        )
                    )
                continue
            if accepted:
                accepted.seek(0)
                self.accepted.append(
                    reply_document_make(
                        name=accepted.name or "",
                        content_type=accepted.sniffed_content_type,
                        content=accepted.read(),
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return self.accepted

    def _keep_choices(self) -> None:
        keep: forms.MultipleChoiceField = self.fields["keep"]  # type: ignore[assignment]
        keep.choices = [(document.sha256, document.name) for document in self.waiting]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        documents = self.chosen_documents()
        if not self.errors and not cleaned.get("message", "").strip() and not documents:
            self.add_error(
                "message", forms.ValidationError(_("Write your answer or add a document"), code="empty")
            )
        if len(documents) > REPLY_MAX_DOCUMENTS:
            self.add_error(
                "documents",
                forms.ValidationError(
                    ngettext_lazy(
                        "You can send at most %(limit)s document with your answer. Choose fewer.",
                        "You can send at most %(limit)s documents with your answer. Choose fewer.",
                        "limit",
                    ),
                    code="too_many",
                    params={"limit": REPLY_MAX_DOCUMENTS},
                ),
            )
        return cleaned

    def keep_accepted(self) -> None:
        """For the page shown again after an error: the documents accepted now join the kept ones,
        ticked (the view keeps them until the reply is sent)."""
        known = {document.sha256 for document in self.waiting}
        new = [document for document in self.accepted if document.sha256 not in known]
        self.waiting = [*self.waiting, *new]
        self._keep_choices()
        data = QueryDict(mutable=True)
        data.update(self.data)
        data.setlist(
            self.add_prefix("keep"), [*data.getlist(self.add_prefix("keep")), *(d.sha256 for d in new)]
        )
        self.data = data

    def chosen_documents(self) -> list[ReplyDocument]:
        """The kept documents the person left ticked, then the ones accepted now (each once)."""
        keep = set(self.cleaned_data.get("keep", [])) if hasattr(self, "cleaned_data") else set()
        chosen = [document for document in self.waiting if document.sha256 in keep] + self.accepted
        return list({document.sha256: document for document in chosen}.values())
